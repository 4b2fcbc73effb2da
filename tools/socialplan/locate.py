"""Turning each problem's pointer into a line and column, parsing a file at most once."""

from __future__ import annotations

from dataclasses import replace

from . import yamlio
from .model import Repo
from .problems import Problem


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
                line, col = yamlio.position(tree, problem.pointer, problem.on_key)
                line += document.line_offset
            problem = replace(problem, line=line, col=col)
        located.append(problem)
    return located
