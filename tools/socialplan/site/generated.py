"""The MkDocs file socialplan hands over for every page and asset it generates."""

from __future__ import annotations

from pathlib import Path

from mkdocs.structure.files import File

from .content import Deferred


class GeneratedFile(File):
    """A generated file that a dirty build may skip when the last build wrote the same.

    A deferred page (`Deferred`) is made the first time MkDocs reads it, which an
    incremental build never does for a page it skips.
    """

    unchanged = False
    deferred: Deferred | None = None
    # An image whose source is its bare copy, which may be older than the last output.
    always_copy = False

    def is_modified(self) -> bool:
        if self.unchanged and Path(self.abs_dest_path).is_file():
            return False
        return self.always_copy or super().is_modified()

    def _made(self) -> None:
        if self.deferred is not None:
            self._content = self.deferred.text()
            self.deferred = None

    @property
    def content_string(self) -> str:
        self._made()
        return File.content_string.fget(self)  # type: ignore[attr-defined]

    @content_string.setter
    def content_string(self, value: str) -> None:
        self.deferred = None
        File.content_string.fset(self, value)  # type: ignore[attr-defined]

    @property
    def content_bytes(self) -> bytes:
        self._made()
        return File.content_bytes.fget(self)  # type: ignore[attr-defined]

    @content_bytes.setter
    def content_bytes(self, value: bytes) -> None:
        self.deferred = None
        File.content_bytes.fset(self, value)  # type: ignore[attr-defined]
