"""Rendering one post's images: plan, skip what the cache holds, draw, encode, write.

`render_post_images` never prints and never raises for a problem in the user's
files: a photo that is not an image, a title too long for its card, an encoder
that cannot get under a cap all become located `Problem`s, and the post's other
images are still made. Warnings about a cached image are kept in the manifest
and reported again on every run, so a warm run says what a cold one said.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from PIL import Image

from ..cache import image_outputs
from ..guards.containment import Folder
from ..load.loader import MEDIA
from ..load.model import Post, Repo
from ..problems import Problem, Severity, error, warning
from .cards import CardContent, CardFailed, render_card
from .context import ImageSettings, RenderContext
from .encoding import EncodeFailed, encode
from .fitting import apply, plan_canvas, plan_photo
from .jobs import Job, plan
from .networks import JPEG, PNG
from .sources import ImageRefused
from .templates import CardTemplate


@dataclass
class PostImages:
    """What one post's run produced; `entries` is the post's manifest."""

    post: str
    rel: str
    folder: Path
    entries: list[dict[str, Any]] = field(default_factory=list)
    rendered: int = 0
    cached: int = 0
    removed: list[Path] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)


class JobFailed(Exception):
    def __init__(self, problems: list[Problem]) -> None:
        super().__init__(problems[0].message if problems else "failed")
        self.problems = problems


def render_post_images(
    repo: Repo,
    post: Post,
    out_dir: Path,
    *,
    settings: ImageSettings | None = None,
    context: RenderContext | None = None,
    force: bool = False,
) -> PostImages:
    """Make (or keep) every image of `post` in `out_dir/<post id>/`.

    Pass one `context` for all the posts of a run: fonts, the brand and decoded
    photos are then shared.
    """
    context = context or RenderContext(repo, settings)
    images = Folder(out_dir)
    # Raises OutsideFolder when the post's folder is a link out of the images folder.
    folder = images.place(post.id)
    result = PostImages(post.id, post.rel, folder)
    previous = image_outputs.previous_images(folder)
    previous_by_name = {str(name).rsplit(".", 1)[0]: e for name, e in previous.items()}
    made: dict[str, tuple[bytes, dict[str, Any]]] = {}  # key -> output, within this post
    for job in plan(context.repo, post):
        try:
            wanted = context.job_key(job)
        except JobFailed as failed:
            result.problems.extend(failed.problems)
            continue
        entry = previous_by_name.get(job.name)
        if not force and entry is not None and image_outputs.reusable(entry, wanted, folder):
            result.cached += 1
            result.entries.append({**entry, "alt": job.alt or ""})
            result.problems.extend(_stored_problems(entry, post))
            continue
        try:
            if wanted not in made:
                made[wanted] = _render(context, job, post)
            data, facts = made[wanted]
        except JobFailed as failed:
            result.problems.extend(failed.problems)
            continue
        name = f"{job.name}.{facts['extension']}"
        images.write(folder / name, data)
        result.rendered += 1
        entry = _entry(job, name, data, facts, wanted)
        result.entries.append(entry)
        result.problems.extend(_stored_problems(entry, post))
    kept = {e["file"] for e in result.entries}
    for name in previous:
        # Names come from the manifest, which is untrusted: only files inside go.
        if name not in kept and images.contains(folder / name) and (folder / name).is_file():
            images.unlink(folder / name)
            result.removed.append(folder / name)
    if result.entries or previous:
        image_outputs.write_manifest(
            images, folder, {"post": post.id, "source": post.rel, "images": result.entries}
        )
    return result


def _entry(job: Job, name: str, data: bytes, facts: dict[str, Any], key: str) -> dict[str, Any]:
    source = job.card.background if job.card is not None else job.source
    return {
        "file": name,
        "channel": job.channel,
        "network": job.spec.name,
        "kind": job.kind,
        "template": job.card.template if job.card is not None else None,
        "source": f"{MEDIA.as_posix()}/{source}" if source else None,
        "width": facts["width"],
        "height": facts["height"],
        "format": facts["format"],
        "mode": facts["mode"],
        "bytes": len(data),
        "sha256": image_outputs.sha256(data),
        "quality": facts["quality"],
        "alt": job.alt or "",
        "focus": {"x": job.focus[0], "y": job.focus[1]}
        if job.card is None
        else {"x": job.card.focus[0], "y": job.card.focus[1]},
        "key": key,
        "problems": facts["problems"],
    }


def _stored_problems(entry: dict[str, Any], post: Post) -> list[Problem]:
    found = []
    for item in entry.get("problems", []):
        make = error if item.get("severity") == "error" else warning
        pointer = tuple(item.get("pointer") or ())
        found.append(
            make(item["code"], post.rel, item["message"], item.get("hint", ""), pointer=pointer)
        )
    return found


def _note(
    severity: Severity, code: str, message: str, hint: str, pointer: tuple[Any, ...]
) -> dict[str, Any]:
    return {
        "severity": severity.value,
        "code": code,
        "message": message,
        "hint": hint,
        "pointer": list(pointer),
    }


def _render(context: RenderContext, job: Job, post: Post) -> tuple[bytes, dict[str, Any]]:
    notes: list[dict[str, Any]] = []
    if job.card is not None:
        image, text = _card_pixels(context, job, post, notes), True
        prefer = JPEG if job.card.background else PNG
    else:
        image, text = _photo_pixels(context, job, post, notes), False
        prefer = PNG if image.mode == "RGBA" else JPEG
    try:
        encoded = encode(image, job.spec, prefer=prefer, text=text)
    except EncodeFailed as failed:
        raise JobFailed(
            [
                error(
                    "image-over-size-cap",
                    post.rel,
                    failed.message,
                    failed.hint,
                    pointer=job.pointer,
                )
            ]
        ) from None
    context.stats["encoded"] += 1
    facts = {
        "extension": encoded.extension,
        "width": encoded.size[0],
        "height": encoded.size[1],
        "format": encoded.format,
        "mode": encoded.mode,
        "quality": encoded.quality,
        "problems": notes,
    }
    return encoded.data, facts


def _refused(job: Job, post: Post, refused: ImageRefused) -> JobFailed:
    return JobFailed(
        [error(refused.code, post.rel, refused.message, refused.hint, pointer=job.file_pointer)]
    )


def _photo_pixels(
    context: RenderContext, job: Job, post: Post, notes: list[dict[str, Any]]
) -> Image.Image:
    assert job.source is not None
    try:
        source = context.source(job.source)
    except ImageRefused as refused:
        raise _refused(job, post, refused) from None
    for note in source.notes:
        notes.append(_note(Severity.WARNING, note.code, note.message, note.hint, job.file_pointer))
    fit = plan_photo(source.image.size, job.spec, job.focus)
    if fit.soft and fit.intended is not None:
        notes.append(
            _note(
                Severity.WARNING,
                "image-low-resolution",
                f"content/media/{job.source} gives only {fit.size[0]} × {fit.size[1]} pixels"
                f" where {job.spec.label} shows {fit.intended[0]} × {fit.intended[1]};"
                " it will look soft",
                "use a larger original (socialplan never enlarges photos)",
                job.file_pointer,
            )
        )
    return apply(source.image, fit)


def _card_pixels(
    context: RenderContext, job: Job, post: Post, notes: list[dict[str, Any]]
) -> Image.Image:
    card = job.card
    assert card is not None
    template = context.template(card.template, post, card.pointer)
    if not isinstance(template, CardTemplate):
        raise JobFailed(template)
    background = None
    if card.background:
        try:
            source = context.source(card.background)
        except ImageRefused as refused:
            raise _refused(job, post, refused) from None
        background = source.image
    brand = context.brand()
    for issue in brand.issues:
        if issue.code != "font-not-found":  # reported once per run, not per card
            make = Severity.ERROR if issue.is_error else Severity.WARNING
            notes.append(_note(make, issue.code, issue.message, issue.hint, ("card",)))
    size = plan_canvas(job.spec.card_size, job.spec)
    content = CardContent(card.title, card.subtitle, background, card.focus)
    try:
        image, card_notes = render_card(template, size, brand, content, context.library)
    except CardFailed as failed:
        pointer = (*card.pointer, failed.field) if card.pointer == ("card",) else card.pointer
        raise JobFailed(
            [error(failed.code, post.rel, failed.message, failed.hint, pointer=pointer)]
        ) from None
    context.stats["cards"] += 1
    for note in card_notes:
        field_pointer = (*card.pointer, note.field) if card.pointer == ("card",) else card.pointer
        if note.field == "background" and not card.background:
            field_pointer = (*card.pointer, "title") if card.pointer == ("card",) else card.pointer
        notes.append(_note(Severity.WARNING, note.code, note.message, note.hint, field_pointer))
    return image
