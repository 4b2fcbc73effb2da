"""The project's one atomic write: a reader sees the old file or the new one, never half.

Every output socialplan rewrites in place (caches, the site's manifest and search
index, the calendar, the lock's owner record, and later the ledger under
state/) goes through `write_atomically`, so a crash or a second process never
leaves a truncated file behind.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path


def write_atomically(path: Path, data: bytes) -> None:
    """Write via a temporary file beside `path` and a rename, so no reader ever sees
    half a file; missing folders are made. Raises OSError (leaving no temporary file)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=".tmp-", suffix=path.suffix)
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(data)
        # mkstemp makes the file private; outputs are meant to be published.
        os.chmod(temporary, 0o644)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
