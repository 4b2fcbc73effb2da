"""The theme's compiled templates, kept between builds without trusting build/.

Jinja's `FileSystemBytecodeCache` reads each file with `pickle.load` and
`marshal.load` and runs the code it finds: a file put into build/cache/templates/
by whoever fills a shared CI cache would run as part of the build. So each file
is kept with an HMAC-SHA256 of its bytes, under a key that lives outside the
repository (`socialplan/template-key` in the user's cache folder, readable by
the user alone, made on first use); a file whose signature does not match is
never unpickled, and the template is compiled again. Where no key can be kept,
nothing is reused. A fresh CI runner makes a fresh key: it compiles once per
job, which is what it would do without a cache.
"""

from __future__ import annotations

import contextlib
import hashlib
import hmac
import os
import secrets
import stat
from pathlib import Path

import jinja2

from ..guards.containment import Folder, OutsideFolder

KEY_BYTES = 32
SIGNATURE = hashlib.sha256().digest_size
# Material's largest compiled template is about 60 KB.
MAX_BYTES = 8 * 1024 * 1024


def key_file() -> Path:
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base, "socialplan", "template-key")


def signing_key(path: Path | None = None) -> bytes | None:
    """The user's key for signing compiled templates (made if missing); None if it
    cannot be read or kept."""
    path = path or key_file()
    with contextlib.suppress(OSError):
        path.parent.mkdir(parents=True, exist_ok=True)
        with contextlib.suppress(FileExistsError):
            handle = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
            with os.fdopen(handle, "wb") as out:
                out.write(secrets.token_bytes(KEY_BYTES))
        found = os.lstat(path)
        # Someone else's key, or one others may read, signs nothing.
        if not stat.S_ISREG(found.st_mode) or found.st_mode & 0o077:
            return None
        if hasattr(os, "getuid") and found.st_uid != os.getuid():
            return None
        with open(path, "rb") as handle_in:
            key = handle_in.read(KEY_BYTES + 1)
        return key if len(key) == KEY_BYTES else None
    return None


class SignedBytecodeCache(jinja2.BytecodeCache):
    """Compiled templates in `folder` (inside `within`), each signed with `key`."""

    def __init__(self, folder: Path, within: Path, key: bytes) -> None:
        self.folder = folder
        self.within = Folder(within)
        self.key = key

    def _path(self, bucket: jinja2.bccache.Bucket) -> Path:
        return self.folder / f"{bucket.key}.signed"

    def _sign(self, data: bytes) -> bytes:
        return hmac.new(self.key, data, hashlib.sha256).digest()

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        path = self._path(bucket)
        try:
            found = os.stat(path)
            if not stat.S_ISREG(found.st_mode) or not SIGNATURE < found.st_size <= MAX_BYTES:
                return
            with open(path, "rb") as handle:
                data = handle.read(MAX_BYTES + 1)
        except OSError:
            return
        signature, payload = data[:SIGNATURE], data[SIGNATURE:]
        if hmac.compare_digest(signature, self._sign(payload)):
            bucket.bytecode_from_string(payload)

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        payload = bucket.bytecode_to_string()
        with contextlib.suppress(OSError, OutsideFolder):
            self.within.write(self._path(bucket), self._sign(payload) + payload)


def template_cache(folder: Path, within: Path) -> SignedBytecodeCache | None:
    """The cache of compiled templates in `folder`, or None when it cannot be used (no
    key, or `folder` is not inside `within`, or cannot be made)."""
    key = signing_key()
    if key is None or not Folder(within).contains(folder):
        return None
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError:
        return None
    return SignedBytecodeCache(folder, within, key)
