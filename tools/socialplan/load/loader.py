"""Loading a brand repository from disk into a `Repo`, collecting problems.

Loading never stops at the first problem: a broken file is reported and left
out, and everything else is still loaded so that the rules can run on it.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..errors import RepositoryError
from ..problems import Problem, error, warning
from . import frontmatter, layout, model, parallel, schema, yamlio
from .files import MAX_TEXT_BYTES, TextFile, read_text
from .layout import MEDIA, POSTS, STRATEGY, STRATEGY_FILES
from .model import Document, Repo, records, text, texts
from .withhold import Withholder

# The longest text any network takes is a few thousand characters, a long thread a
# few times that: a bigger post is a mistake, and checking it for every network
# would take seconds.
MAX_POST_BYTES = 100_000


def find_root(start: Path) -> Path:
    """The brand repository containing `start` (a folder with strategy/brand.yaml)."""
    start = start.resolve()
    folder = start if start.is_dir() else start.parent
    for candidate in (folder, *folder.parents):
        if (candidate / STRATEGY / "brand.yaml").is_file():
            return candidate
    raise RepositoryError(
        f"{start} is not inside a socialplan repository (no strategy/brand.yaml above it)",
        "run the command from your brand repository, or create one with `socialplan init DIR`",
    )


@dataclass
class Loaded:
    repo: Repo
    problems: list[Problem]
    files: int


class _Loader:
    def __init__(self, root: Path, withholder: Withholder | None = None) -> None:
        self.root = root
        self.repo = Repo(root=root)
        self.problems: list[Problem] = []
        self.files = 0
        # Secrets are reported and hidden before anything else reads the data.
        self.withholder = withholder or Withholder()

    # -- reading ---------------------------------------------------------
    def read(self, path: Path, limit: int = MAX_TEXT_BYTES) -> TextFile | None:
        self.files += 1
        result = read_text(path, self.root, limit)
        if isinstance(result, Problem):
            self.problems.append(result)
            return None
        return result

    def parse(self, source: TextFile, yaml_text: str, kind: str, offset: int) -> Document | None:
        try:
            data = yamlio.parse(yaml_text)
        except yamlio.YamlRefused as refused:
            issue = refused.issue
            self.problems.append(
                error(
                    issue.code,
                    source.rel,
                    issue.message,
                    issue.hint,
                    line=issue.line + offset,
                    col=issue.col,
                )
            )
            return None
        if not isinstance(data, dict):
            what = "empty" if data is None else f"a single {type(data).__name__} value"
            self.problems.append(
                error(
                    "not-a-mapping",
                    source.rel,
                    f"expected `key: value` lines, but the YAML here is {what}",
                    f"see schemas/{kind}.schema.json for the keys this file takes",
                    line=offset + 1,
                    col=1,
                )
            )
            return None
        self.withholder.learn(kind, data)
        data, secrets = self.withholder.document(source.rel, yaml_text, data, offset + 1)
        self.problems.extend(secrets)
        document = Document(source.rel, data, yaml_text, offset)
        self.repo.documents[source.rel] = document
        self.problems.extend(schema.check(kind, data, source.rel))
        return document

    def yaml_file(self, path: Path, kind: str) -> dict[str, Any]:
        source = self.read(path)
        if source is None:
            return {}
        document = self.parse(source, source.text, kind, 0)
        return document.data if document else {}

    def markdown_file(
        self, path: Path, kind: str, limit: int = MAX_TEXT_BYTES
    ) -> tuple[Document, str, int] | None:
        source = self.read(path, limit)
        if source is None:
            return None
        try:
            parts = frontmatter.split(source.text)
        except frontmatter.NoFrontMatter as missing:
            self.problems.append(
                error(
                    "no-front-matter",
                    source.rel,
                    missing.message,
                    missing.hint,
                    line=missing.line,
                    col=1,
                )
            )
            return None
        document = self.parse(source, parts.yaml_text, kind, parts.yaml_first_line - 1)
        if document is None:
            return None
        body, secrets = self.withholder.text(source.rel, parts.body, parts.body_first_line)
        self.problems.extend(secrets)
        return document, body, parts.body_first_line

    # -- strategy --------------------------------------------------------
    def strategy(self, markdown: dict[str, list[Path]]) -> None:
        folder = self.root / STRATEGY
        data: dict[str, dict[str, Any]] = {}
        # channels.yaml first: the credential variables it names are looked for in the rest.
        ordered = sorted(STRATEGY_FILES.items(), key=lambda item: item[1][0] != "channels")
        for name, (kind, required) in ordered:
            path = folder / name
            if not path.exists():
                rel = f"{STRATEGY}/{name}"
                make = error if required else warning
                self.problems.append(
                    make(
                        "missing-file",
                        rel,
                        f"{rel} is missing",
                        f"create it (see schemas/{kind}.schema.json, or `socialplan init` for a"
                        " starting point)",
                    )
                )
                data[kind] = {}
                continue
            data[kind] = self.yaml_file(path, kind)
        self.build_strategy(data)
        self.personas_and_competitors(markdown)

    def build_strategy(self, data: dict[str, dict[str, Any]]) -> None:
        repo = self.repo
        repo.brand = data["brand"]
        repo.budget = data["budget"]
        repo.playbook = data["playbook"]
        repo.pillar_settings = data["pillars"]
        tables: tuple[tuple[str, dict[str, Any], model.Builder], ...] = (
            ("objectives", repo.objectives, model.build_objective),
            ("channels", repo.channels, model.build_channel),
            ("pillars", repo.pillars, model.build_pillar),
            ("campaigns", repo.campaigns, model.build_campaign),
            ("people", repo.people, model.build_person),
        )
        for kind, table, build in tables:
            rel = f"{STRATEGY}/{kind}.yaml"
            for i, item in records(data[kind], kind):
                self.add(table, rel, (kind, i), build(rel, (kind, i), item))

    def add(
        self, table: dict[str, Any], rel: str, pointer: tuple[str | int, ...], item: Any
    ) -> None:
        if not item.id:
            return  # the schema has reported the missing id
        if item.id in table:
            first = table[item.id]
            self.problems.append(
                error(
                    "duplicate-id",
                    rel,
                    f"the id `{item.id}` is used twice (also at {first.rel}"
                    f" {'/'.join(map(str, first.pointer))})",
                    "give each one its own id",
                    pointer=(*pointer, "id"),
                )
            )
            return
        table[item.id] = item

    def personas_and_competitors(self, markdown: dict[str, list[Path]]) -> None:
        for kind, paths in markdown.items():
            for path in paths:
                loaded = self.markdown_file(path, kind)
                if loaded is None:
                    continue
                document, body, _ = loaded
                item = document.data
                ident = text(item, "id", "") or ""
                if kind == "persona":
                    networks = [str(entry.get("network")) for _, entry in records(item, "networks")]
                    self.add(
                        self.repo.personas,
                        document.rel,
                        (),
                        model.Persona(
                            document.rel,
                            (),
                            ident,
                            text(item, "name", "") or "",
                            text(item, "time_zone"),
                            networks,
                            item,
                            body,
                        ),
                    )
                else:
                    self.add(
                        self.repo.competitors,
                        document.rel,
                        (),
                        model.Competitor(
                            document.rel, (), ident, text(item, "name", "") or "", item, body
                        ),
                    )

    # -- posts -----------------------------------------------------------
    def post_files(self, paths: list[Path]) -> list[model.Post]:
        posts = []
        for path in paths:
            loaded = self.markdown_file(path, "post", MAX_POST_BYTES)
            if loaded is not None:
                document, body, body_line = loaded
                posts.append(model.build_post(document.data, document.rel, path, body, body_line))
        return posts

    def posts(self, paths: list[Path]) -> None:
        # On a large repository the second half is read by a second process.
        half = len(paths) // 2
        theirs = parallel.start(
            lambda: _post_chunk(self.root, paths[half:], self.withholder), len(paths)
        )
        posts = self.post_files(paths[:half])
        other_posts, documents, problems, files = theirs.result()
        posts += other_posts
        self.repo.documents.update(documents)
        self.problems += problems
        self.files += files
        self.keep_unique(posts)

    def keep_unique(self, posts: list[model.Post]) -> None:
        seen: dict[str, str] = {}
        for post in posts:
            if post.id:
                if post.id in seen:
                    self.problems.append(
                        error(
                            "duplicate-id",
                            post.rel,
                            f"the post id `{post.id}` is also used by {seen[post.id]}",
                            "every post needs its own id; `socialplan new post` makes a fresh one",
                            pointer=("id",),
                        )
                    )
                    continue
                seen[post.id] = post.rel
            self.repo.posts.append(post)


_PostChunk = tuple[list[model.Post], dict[str, Document], list[Problem], int]


def _post_chunk(root: Path, paths: list[Path], withholder: Withholder) -> _PostChunk:
    """Load some post files on their own (in a child process, or here)."""
    loader = _Loader(root, withholder)
    posts = loader.post_files(paths)
    return posts, loader.repo.documents, loader.problems, loader.files


def load(root: Path) -> Loaded:
    """Read every file of the repository at `root`."""
    loader = _Loader(root.resolve())
    found = layout.survey(loader.root)
    loader.problems += found.strays
    loader.strategy(found.markdown)
    loader.posts(found.posts)
    return Loaded(loader.repo, loader.problems, loader.files)


__all__ = ["MEDIA", "POSTS", "STRATEGY", "Loaded", "find_root", "load", "texts"]
