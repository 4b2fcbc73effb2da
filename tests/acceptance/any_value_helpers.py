"""Every field of every file kind, read from the JSON Schemas, and a rich brand to put values in.

`fields(kind)` lists the paths (tuples of keys and list indexes) of every property
the schema of `kind` declares, at every depth, so a field added to a schema is
covered by the property test without editing it. `KEY` stands for a key the schema
allows but does not name (a channel id under `overrides:`, a weekday under `slots:`).
"""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import yaml

from socialplan.load import frontmatter, schema, yamlio

ROOT = Path(__file__).resolve().parents[2]
KEY = object()
Path_ = tuple[Any, ...]

# file kind -> the file of the base repository holding one
FILES = {
    "brand": "strategy/brand.yaml",
    "objectives": "strategy/objectives.yaml",
    "channels": "strategy/channels.yaml",
    "pillars": "strategy/pillars.yaml",
    "budget": "strategy/budget.yaml",
    "campaigns": "strategy/campaigns.yaml",
    "people": "strategy/people.yaml",
    "playbook": "strategy/playbook.yaml",
    "persona": "strategy/audience/home-brewer.md",
    "competitor": "strategy/competitors/quayside-coffee.md",
    "post": "content/posts/2027/01/2027-01-07-hearth-launch.md",
    "card-template": "templates/cards/announcement.yaml",
}
# Posts that between them use every kind of post field (media, card, overrides,
# thread, campaign, mentions, `at: next`).
POSTS = (
    "2027-01-06-v60-recipe-thread",
    "2027-01-07-hearth-launch",
    "2027-01-12-cafe-partner-programme",
    "2027-01-13-the-lantern-spotlight",
    "2027-01-17-priya-rosetta-repost",
    "2027-01-19-snow-delivery-delay",
)


def _resolve(node: dict[str, Any], top: dict[str, Any]) -> dict[str, Any]:
    while "$ref" in node:
        name = node["$ref"].removeprefix("#/$defs/")
        node = top["$defs"][name]
    return node


def _fields(node: Any, top: dict[str, Any], prefix: Path_, depth: int) -> list[Path_]:
    if not isinstance(node, dict) or depth > 8:
        return []
    node = _resolve(node, top)
    found: list[Path_] = []
    branches = [node, *node.get("allOf", []), *node.get("anyOf", []), *node.get("oneOf", [])]
    branches += [b for b in (node.get("then"), node.get("else")) if isinstance(b, dict)]
    for branch in branches:
        branch = _resolve(branch, top)
        for key, sub in branch.get("properties", {}).items():
            found += [(*prefix, key), *_fields(sub, top, (*prefix, key), depth + 1)]
        extra = branch.get("additionalProperties")
        subs = [extra] if isinstance(extra, dict) else []
        subs += list(branch.get("patternProperties", {}).values())
        for sub in subs:
            found += [(*prefix, KEY), *_fields(sub, top, (*prefix, KEY), depth + 1)]
        items = branch.get("items")
        if isinstance(items, dict):
            found += [(*prefix, 0), *_fields(items, top, (*prefix, 0), depth + 1)]
    return list(dict.fromkeys(found))


def fields(kind: str) -> list[Path_]:
    top = schema.schema(kind)
    return _fields(top, top, (), 0)


def make_base(target: Path) -> Path:
    """The demo brand's strategy, media and templates, with a few of its posts."""
    for folder in ("strategy", "content/media", "templates"):
        shutil.copytree(ROOT / folder, target / folder)
    posts = target / "content/posts/2027/01"
    posts.mkdir(parents=True)
    for name in POSTS:
        shutil.copy(ROOT / "content/posts/2027/01" / f"{name}.md", posts)
    return target


class Document:
    """One file of the base repository, read once, written back with changes."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.original = path.read_bytes()
        text = self.original.decode("utf-8")
        self.body: str | None = None
        if path.suffix == ".md":
            parts = frontmatter.split(text)
            text, self.body = parts.yaml_text, parts.body
        self.data = yamlio.parse(text)

    def write(self, changes: list[tuple[Path_, Any]], raw: str | None = None) -> None:
        data = _copy(self.data)
        for path, value in changes:
            data = _put(data, path, value)
        text = yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=10_000)
        if raw is not None:
            # RAW_MARK was written as a plain scalar: the raw text takes its place as is.
            text = text.replace(RAW_MARK, raw, 1)
        if self.body is not None:
            text = f"---\n{text}---\n{self.body}\n"
        self.path.write_text(text, encoding="utf-8")

    def restore(self) -> None:
        self.path.write_bytes(self.original)


RAW_MARK = "socialplanrawvalue"


def _copy(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _copy(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_copy(v) for v in value]
    return value


def _put(container: Any, path: Path_, value: Any) -> Any:
    """`container` with `value` at `path`, making the containers on the way."""
    if not path:
        return value
    step, rest = path[0], path[1:]
    if isinstance(step, int):
        items = container if isinstance(container, list) else []
        if not items:
            items.append(None)
        items[0] = _put(items[0], rest, value)
        return items
    mapping = container if isinstance(container, dict) else {}
    key = step if step is not KEY else next(iter(mapping), "x")
    mapping[key] = _put(mapping.get(key), rest, value)
    return mapping
