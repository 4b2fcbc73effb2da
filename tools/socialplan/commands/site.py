"""`socialplan serve`: the strategy site on a local address, reloading as files change."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from ..errors import SocialplanError
from ..guards import console
from ..load.loader import find_root
from ..site.address import check_free
from ..site.configuration import config_file
from . import repo_option, show_error


@click.command("serve")
@click.option(
    "--dev-addr",
    default="127.0.0.1:8000",
    show_default=True,
    metavar="IP:PORT",
    help="The address to serve the site on.",
)
@repo_option
def serve(dev_addr: str, repo_root: Path | None) -> None:
    """Serve the strategy site locally; pages reload when a post or strategy file changes.

    This is `mkdocs serve` with the repository's mkdocs.yml (or socialplan's
    own configuration when there is none). Images and the calendar file are
    those of the last `socialplan build`.

    \b
    Example:
      socialplan serve --dev-addr 127.0.0.1:8001
    """
    from mkdocs.commands.serve import serve as mkdocs_serve
    from mkdocs.exceptions import MkDocsException

    try:
        root = find_root(repo_root if repo_root is not None else Path.cwd())
        check_free(dev_addr)
        path, default = config_file(root)
        overrides = {"docs_dir": str(root / "strategy")} if default else {}
        mkdocs_serve(str(path), dev_addr=dev_addr, **overrides)  # type: ignore[arg-type]
    except SocialplanError as exc:
        show_error(exc)
        sys.exit(exc.exit_code)
    except MkDocsException as exc:
        console.echo(
            f"socialplan: the site could not be served: {console.one_line(str(exc))}", err=True
        )
        sys.exit(1)
    except OSError as exc:  # e.g. the port was taken between the check and the start
        reason = console.one_line(str(exc.strerror or exc))
        console.echo(f"socialplan: the site could not be served: {reason}", err=True)
        sys.exit(1)
