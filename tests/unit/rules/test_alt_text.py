"""Alt text that is blank is missing: spaces, tabs, line breaks, no-break and other
Unicode spaces, and invisible characters say nothing to someone who cannot see the
image. Each is `alt-text-missing` at the alt text's own line, on a photo, on a photo
of a channel's override and on a card; real alt text passes, and weak alt text is a
warning only.
"""

from __future__ import annotations

import io
import shutil
from collections import defaultdict
from pathlib import Path
from typing import Any

import pytest
import yaml
from PIL import Image

from socialplan.rules.validate import validate

from ...conftest import BrandRepo

BLANK = {
    "empty": "",
    "space": " ",
    "spaces": "     ",
    "tab": "\t",
    "newline": "\n",
    "crlf": "\r\n",
    "mixed": " \t\n \t",
    "nbsp": "\u00a0",
    "narrow-nbsp": "\u202f",
    "em-space": "\u2003",
    "ideographic-space": "\u3000",
    "line-separator": "\u2028",
    "paragraph-separator": "\u2029",
    "ogham-space": "\u1680",
    "next-line": "\u0085",
    "vertical-tab": "\x0b",
    "form-feed": "\x0c",
    # Not white space to Python, but nothing anyone can read either.
    "zero-width-space": "\u200b",
    "word-joiner": "\u2060",
    "byte-order-mark": "\ufeff",
    "zero-width-mixed": " \u200b\u00a0\u200d ",
}
GOOD = {
    "words": "A cup of coffee on a wooden table.",
    "padded": "  A cup of coffee.  ",
    "emoji": "☕",
    "one-letter": "A",
}
PLACES = ("photo", "override-photo", "card")
Found = tuple[str, int]


def _photo(brand: BrandRepo) -> None:
    buffer = io.BytesIO()
    Image.new("RGB", (64, 48), (120, 80, 40)).save(buffer, "PNG")
    brand.write("content/media/cup.png", buffer.getvalue())


def _front(place: str, alt: str) -> dict[str, Any]:
    photo = {"file": "cup.png", "alt": alt}
    if place == "photo":
        return {"media": [photo]}
    if place == "override-photo":
        return {"overrides": {"bluesky": {"media": [photo]}}}
    return {"card": {"template": "quote", "title": "A quote", "alt": alt}}


def _post(name: str, place: str, alt: str) -> str:
    front: dict[str, Any] = {
        "id": name,
        "title": "A post",
        "status": "approved",
        "objective": "first-objective",
        "pillar": "expertise",
        "channels": ["bluesky"],
        "at": "2027-01-04 09:00 Europe/London",
        **_front(place, alt),
    }
    # Double-quoted YAML, so that every invisible character is written as an escape.
    dumped = yaml.safe_dump(front, sort_keys=False, allow_unicode=False, default_style='"')
    return f"---\n{dumped}---\nHello.\n"


def _alt_line(text: str) -> int:
    """The file line of the `alt:` key (line 1 is the opening `---`)."""
    [index] = [i for i, line in enumerate(text.splitlines()) if line.strip().startswith('"alt"')]
    return index + 1


CASES = [
    (f"{place}-{name}", place, alt, "alt-text-missing")
    for place in PLACES
    for name, alt in BLANK.items()
] + [(f"{place}-good-{name}", place, alt, None) for place in PLACES for name, alt in GOOD.items()]


@pytest.fixture(scope="module")
def found(tmp_path_factory: pytest.TempPathFactory, _starter: Path) -> dict[str, list[Found]]:
    """(code, line) of each post's problems, for one repository holding every case."""
    root = tmp_path_factory.mktemp("alt") / "brand"
    shutil.copytree(_starter, root)
    brand = BrandRepo(root)
    _photo(brand)
    for index, (name, place, alt, _) in enumerate(CASES):
        # A day of its own per post, so that the channel's schedule rules stay quiet.
        month, day = f"{1 + index // 28:02d}", f"{1 + index % 28:02d}"
        text = _post(name, place, alt).replace("2027-01-04", f"2027-{month}-{day}")
        brand.write(f"content/posts/2027/{month}/{name}.md", text)
    result: dict[str, list[Found]] = defaultdict(list)
    for problem in validate(root=root).report.problems:
        if problem.file.startswith("content/posts/"):
            result[Path(problem.file).stem].append((problem.code, problem.line))
    return dict(result)


@pytest.mark.parametrize(("name", "place", "alt", "code"), CASES, ids=[c[0] for c in CASES])
def test_blank_alt_text_is_missing_and_real_alt_text_passes(
    name: str, place: str, alt: str, code: str | None, found: dict[str, list[Found]]
) -> None:
    line = _alt_line(_post(name, place, alt))
    expected = [(code, line)] if code else []
    if name == "card-empty":
        expected.append(("schema-min-length", line))  # a card's `alt` may not be ""
    assert found.get(name, []) == sorted(expected)


def test_weak_alt_text_is_a_warning(brand: BrandRepo) -> None:
    _photo(brand)
    brand.post(
        "a", yaml.safe_dump({**_header(), "media": [{"file": "cup.png", "alt": " Photo. "}]})
    )
    problems = validate(root=brand.root).report.problems
    assert [(p.code, p.severity.value) for p in problems] == [("alt-text-weak", "warning")]


def _header() -> dict[str, Any]:
    return {
        "id": "a",
        "title": "A post",
        "status": "approved",
        "objective": "first-objective",
        "pillar": "expertise",
        "channels": ["bluesky"],
        "at": "2027-01-04 09:00 Europe/London",
    }
