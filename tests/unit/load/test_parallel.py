"""The second process gives exactly the result of doing everything in one."""

from __future__ import annotations

import os

import pytest

from socialplan.load import parallel
from socialplan.rules.validate import validate

from ...conftest import BrandRepo

FRONT = """
id: {id}
title: Post {n}
status: approved
objective: first-objective
pillar: {pillar}
channels: [bluesky]
at: 2027-01-{day:02d} 09:00 Europe/London
"""


def report(brand: BrandRepo) -> list[tuple[str, int, int, str, str]]:
    return [
        (p.file, p.line, p.col, p.code, p.message)
        for p in validate(root=brand.root).report.problems
    ]


def test_forked_validation_matches_single_process(brand: BrandRepo, monkeypatch) -> None:
    for n in range(12):
        ident = "twin" if n in (1, 10) else f"p{n}"  # a duplicate id across the two halves
        pillar = "nope" if n in (2, 9) else "expertise"
        body = "password: hunter2hunter2" if n == 11 else "Hello " + "word " * (80 if n == 3 else 5)
        if n in (0, 11):  # length checks find problems in both processes' share of posts
            body += " #one #two #three"
        brand.post(f"p{n:02d}", FRONT.format(id=ident, n=n, pillar=pillar, day=4 + n), body)
    monkeypatch.setenv(parallel.JOBS_VARIABLE, "1")
    single = report(brand)
    monkeypatch.delenv(parallel.JOBS_VARIABLE)
    monkeypatch.setattr(parallel, "WORTH_IT", 2)
    assert parallel.worth_it(12)
    forked = report(brand)
    assert forked == single
    codes = {code for _, _, _, code, _ in single}
    assert {"duplicate-id", "unknown-pillar", "secret-in-content"} <= codes
    over = {
        file.rsplit("/", 1)[-1] for file, _, _, code, _ in single if code == "hashtags-over-policy"
    }
    assert over == {"p00.md", "p11.md"}


def test_a_failing_child_falls_back_to_doing_the_work_here(monkeypatch) -> None:
    monkeypatch.setattr(parallel, "WORTH_IT", 1)
    parent = os.getpid()

    def work() -> int:
        if os.getpid() != parent:
            raise RuntimeError("the child fails")
        return 42

    pending = parallel.start(work, 5)
    assert isinstance(pending, parallel.Pending)
    assert pending.result() == 42


def test_jobs_variable_turns_the_child_off(monkeypatch) -> None:
    monkeypatch.setenv(parallel.JOBS_VARIABLE, "1")
    assert not parallel.worth_it(1_000_000)
    assert isinstance(parallel.start(lambda: 1, 1_000_000), parallel.Done)


@pytest.mark.parametrize("items", [0, 10])
def test_small_work_stays_here(items: int) -> None:
    assert not parallel.worth_it(items)
