"""The package's house rules (docs/architecture.md), read from the source itself.

Each subpackage belongs to a layer of the pipeline; a module imports only from its
own layer or from lower ones, no two modules import each other (directly or round
about), no two modules outside `commands/` share a file name, and no module is
longer than a reader can hold in their head. Every import counts, also those inside
functions and under TYPE_CHECKING: a lazy import is still a dependency.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[2] / "tools" / "socialplan"

# Low to high. The top-level modules are named as `socialplan.<module>`.
LAYERS: list[set[str]] = [
    {"socialplan", "errors", "problems"},
    {"guards"},
    {"load"},
    {"schedule", "platforms", "cache"},
    {"variants", "images"},
    {"rules", "calendar"},
    {"site", "preview", "starter"},
    {"build"},
    {"commands"},
    {"cli", "__main__"},
]
MAX_LINES = 350


def modules(package: Path = PACKAGE) -> dict[str, Path]:
    """Every module of the package by dotted name (a package by its __init__.py)."""
    found = {}
    for path in sorted(package.rglob("*.py")):
        parts = list(path.relative_to(package.parent).with_suffix("").parts)
        if parts[-1] == "__init__":
            parts.pop()
        found[".".join(parts)] = path
    return found


def imported(name: str, path: Path, known: dict[str, Path]) -> Iterator[tuple[str, int]]:
    """The package's modules that `name` imports, with the line of each import."""
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            targets = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")[: len(package.split(".")) - node.level + 1]
                source = ".".join([*base, *([node.module] if node.module else [])])
            else:
                source = node.module or ""
            # `from x import y` imports module x.y when there is one, else a name of x.
            targets = [
                f"{source}.{alias.name}" if f"{source}.{alias.name}" in known else source
                for alias in node.names
            ]
        else:
            continue
        for target in targets:
            if target in known and target != name:
                yield target, node.lineno


def graph(known: dict[str, Path]) -> dict[str, dict[str, int]]:
    edges: dict[str, dict[str, int]] = {}
    for name, path in known.items():
        edges[name] = {}
        for target, line in imported(name, path, known):
            edges[name].setdefault(target, line)
    return edges


def area(name: str) -> str:
    """The layer name of a module: its subpackage, or itself at the top."""
    parts = name.split(".")
    return parts[1] if len(parts) > 1 else parts[0]


def level(name: str) -> int:
    for index, layer in enumerate(LAYERS):
        if area(name) in layer:
            return index
    raise LookupError(name)


def cycles(edges: dict[str, dict[str, int]]) -> list[list[str]]:
    """The strongly connected groups of more than one module (Tarjan's algorithm)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for target in edges[node]:
            if target not in index:
                visit(target)
                low[node] = min(low[node], low[target])
            elif target in on_stack:
                low[node] = min(low[node], index[target])
        if low[node] == index[node]:
            group = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                group.append(member)
                if member == node:
                    break
            if len(group) > 1:
                found.append(sorted(group))

    for node in sorted(edges):
        if node not in index:
            visit(node)
    return found


KNOWN = modules()
EDGES = graph(KNOWN)


def test_the_reader_sees_every_import() -> None:
    # The checks below are only as good as the graph: it must hold the imports we know.
    assert "socialplan.load.model" in EDGES["socialplan.rules.common"]
    assert "socialplan.guards.atomic" in EDGES["socialplan.guards.lock"]  # from .atomic
    assert "socialplan.problems" in EDGES["socialplan.load.files"]  # from ..problems import x
    assert "socialplan.site.plugin" in EDGES["socialplan.site.builder"]  # inside a function
    assert len(KNOWN) > 100


def test_every_module_belongs_to_a_layer() -> None:
    unplaced = sorted({area(name) for name in KNOWN if not any(area(name) in x for x in LAYERS)})
    assert not unplaced, (
        f"{unplaced}: add each new subpackage to LAYERS here and to docs/architecture.md"
    )


def test_no_import_points_up_a_layer() -> None:
    upward = [
        f"{KNOWN[name].relative_to(PACKAGE.parent)}:{line} imports {target}"
        for name, targets in EDGES.items()
        for target, line in targets.items()
        if level(target) > level(name)
    ]
    assert not upward, "imports from a higher layer (docs/architecture.md):\n" + "\n".join(upward)


def test_no_import_cycle() -> None:
    assert cycles(EDGES) == []


def test_the_checks_would_see_a_cycle_and_an_upward_import(tmp_path: Path) -> None:
    package = tmp_path / "socialplan"
    (package / "load").mkdir(parents=True)
    (package / "__init__.py").write_text("")
    (package / "load" / "__init__.py").write_text("")
    (package / "load" / "a.py").write_text("from . import b\n")
    (package / "load" / "b.py").write_text("def f():\n    from .a import x\n")
    (package / "errors.py").write_text("from .load.a import thing\n")
    known = modules(package)
    edges = graph(known)
    assert cycles(edges) == [["socialplan.load.a", "socialplan.load.b"]]
    assert level("socialplan.load.a") > level("socialplan.errors")
    assert "socialplan.load.a" in edges["socialplan.errors"]


def test_no_two_modules_share_a_file_name() -> None:
    seen: dict[str, list[str]] = {}
    for name, path in KNOWN.items():
        if path.name != "__init__.py" and area(name) != "commands":
            seen.setdefault(path.name, []).append(name)
    shared = {file: names for file, names in seen.items() if len(names) > 1}
    assert not shared, shared


@pytest.mark.parametrize("name", sorted(KNOWN))
def test_no_module_is_too_long(name: str) -> None:
    lines = KNOWN[name].read_text(encoding="utf-8").count("\n")
    assert lines <= MAX_LINES, f"{KNOWN[name]} has {lines} lines: split it by concept"
