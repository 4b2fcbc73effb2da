"""What a run shares between posts: fonts, templates, the brand, decoded photos, keys.

Everything expensive is made lazily. A run whose images are all cached reads
file bytes to hash them and never decodes an image: `stats` counts decodes,
drawn cards and encodes, which the command reports and the tests check.
"""

from __future__ import annotations

from collections import Counter, OrderedDict
from dataclasses import asdict, dataclass
from typing import TYPE_CHECKING, Any

from ..cache import image_outputs
from ..load.files import inside, is_file
from ..load.loader import MEDIA
from ..load.model import Post, Repo, mapping
from ..problems import Pointer, Problem, did_you_mean, error, warning
from .brandkit import BrandKit, font_folders, font_issues, load_brand
from .fonts import FontLibrary
from .sources import DEFAULT_MAX_PIXELS, ImageRefused, SourceImage, read_source
from .templates import CardTemplate, load_template, template_files

if TYPE_CHECKING:
    from .jobs import Job

# Decoded photos kept for the next posts (a photo is often used by several).
DECODED_KEPT = 6
# The longest side any network's output needs; larger JPEGs are decoded smaller.
NEEDED_SIDE = 2048


@dataclass(frozen=True)
class ImageSettings:
    max_pixels: int = DEFAULT_MAX_PIXELS
    system_fonts: bool = True
    # None: lay out right-to-left and complex scripts when Pillow has raqm.
    complex_layout: bool | None = None


class RenderContext:
    def __init__(self, repo: Repo, settings: ImageSettings | None = None) -> None:
        self.repo = repo
        self.settings = settings or ImageSettings()
        self.library = FontLibrary(
            font_folders(repo.root),
            system=self.settings.system_fonts,
            complex_layout=self.settings.complex_layout,
        )
        self.hashes = image_outputs.FileHashes()
        self.templates = template_files(repo.root)
        self.stats: Counter[str] = Counter()
        self._brand: BrandKit | None = None
        self._fonts: str | None = None
        self._decoded: OrderedDict[str, SourceImage] = OrderedDict()

    # -- inputs, hashed ----------------------------------------------------
    def fonts_fingerprint(self) -> str:
        if self._fonts is None:
            self._fonts = self.library.fingerprint()
        return self._fonts

    def brand_fingerprint(self) -> dict[str, Any]:
        visual = mapping(self.repo.brand, "visual")
        logo = visual.get("logo")
        logo_hash = self.hashes(self.repo.root / logo) if isinstance(logo, str) else None
        return {"visual": visual, "logo": logo_hash}

    def media_hash(self, file: str) -> str:
        return self.hashes(self.repo.root / MEDIA / file)

    def job_key(self, job: Job) -> str:
        """The cache key of a job's output: every input that can change it."""
        parts: dict[str, Any] = {
            "kind": job.kind,
            "spec": job.spec.fingerprint(),
            "max_pixels": self.settings.max_pixels,
        }
        if job.card is None:
            assert job.source is not None
            parts.update(source=self.media_hash(job.source), focus=job.focus)
        else:
            path = self.templates.get(job.card.template)
            parts.update(
                card=asdict(job.card),
                template=self.hashes(path) if path else None,
                brand=self.brand_fingerprint(),
                fonts=self.fonts_fingerprint(),
                background=self.media_hash(job.card.background) if job.card.background else None,
            )
        return image_outputs.key(parts)

    # -- inputs, opened ----------------------------------------------------
    def brand(self) -> BrandKit:
        if self._brand is None:
            self._brand = load_brand(self.repo, self.library, self.settings.max_pixels)
            if self._brand.logo is not None:
                self.stats["decoded"] += 1
        return self._brand

    def source(self, file: str) -> SourceImage:
        """A photo from content/media/, decoded once for all the posts that use it."""
        if file in self._decoded:
            self._decoded.move_to_end(file)
            return self._decoded[file]
        shown = f"{MEDIA.as_posix()}/{file}"
        path = self.repo.root / MEDIA / file
        if not inside(path, self.repo.root):
            raise ImageRefused(
                "path-outside-repo",
                f"`{file}` leads outside the repository",
                "media paths are relative to content/media/; copy the file there",
            )
        if not is_file(path):
            raise ImageRefused(
                "missing-media", f"{shown} does not exist", "add the file or fix the name"
            )
        decoded = read_source(path, shown, self.settings.max_pixels, needed_side=NEEDED_SIDE)
        self.stats["decoded"] += 1
        self._decoded[file] = decoded
        while len(self._decoded) > DECODED_KEPT:
            self._decoded.popitem(last=False)
        return decoded

    def template(
        self, template_id: str, post: Post, pointer: Pointer
    ) -> CardTemplate | list[Problem]:
        path = self.templates.get(template_id)
        if path is None:
            return [
                error(
                    "unknown-card-template",
                    post.rel,
                    f"there is no card template `{template_id}`",
                    did_you_mean(template_id, self.templates),
                    pointer=(*pointer, "template") if pointer == ("card",) else pointer,
                )
            ]
        return load_template(path, self.repo.root)

    def brand_problems(self) -> list[Problem]:
        """Problems with the brand's fonts, which concern every card (reported once a run)."""
        _, issues = font_issues(mapping(self.repo.brand, "visual"), self.library)
        return [
            warning(i.code, "strategy/brand.yaml", i.message, i.hint, pointer=i.pointer)
            for i in issues
        ]
