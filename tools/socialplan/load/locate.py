"""Turning each problem's pointer into a line and column, parsing a file at most once."""

from __future__ import annotations

from dataclasses import replace

from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from ..problems import Pointer, Problem
from . import yamlio
from .model import Repo


def locate(problems: list[Problem], repo: Repo) -> list[Problem]:
    """Fill in line and column from each problem's pointer, parsing a file at most once."""
    trees: dict[str, yamlio.Node | None] = {}
    located = []
    for problem in problems:
        if problem.line == 0:
            line, col = 1, 1
            document = repo.documents.get(problem.file)
            if document is not None and problem.pointer is not None:
                if problem.file not in trees:
                    trees[problem.file] = yamlio.compose_quietly(document.text)
                tree = trees[problem.file]
                line, col = position(tree, problem.pointer, problem.on_key)
                line += document.line_offset
            problem = replace(problem, line=line, col=col)
        located.append(problem)
    return located


def position(root: Node | None, pointer: Pointer, on_key: bool = False) -> tuple[int, int]:
    """1-based line and column of the value (or key) at `pointer` below `root`.

    Falls back to the deepest existing ancestor, then to the start of the file.
    """
    if root is None:
        return (1, 1)
    node = root
    best = node.start_mark
    last = len(pointer) - 1
    for index, step in enumerate(pointer):
        if isinstance(node, MappingNode) and isinstance(step, str):
            for key_node, value_node in node.value:
                if isinstance(key_node, ScalarNode) and key_node.value == step:
                    on_this_key = on_key and index == last
                    best = key_node.start_mark if on_this_key else value_node.start_mark
                    node = value_node
                    break
            else:
                break
        elif (
            isinstance(node, SequenceNode) and isinstance(step, int) and 0 <= step < len(node.value)
        ):
            node = node.value[step]
            best = node.start_mark
        else:
            break
    return (best.line + 1, best.column + 1)
