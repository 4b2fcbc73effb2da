"""The ledger under state/: every line must be an entry `socialplan publish` could have
written (see `socialplan.load.ledger`); each one that is not is reported where it is."""

from __future__ import annotations

from collections.abc import Iterator

from ..load import ledger
from ..load.model import Repo
from ..problems import Problem


def check(repo: Repo) -> Iterator[Problem]:
    yield from ledger.read(repo.root).problems
