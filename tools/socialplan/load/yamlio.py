"""Reading YAML safely, strictly and fast, with positions for error messages.

Why not `yaml.safe_load`: it silently keeps the last of two duplicate keys, turns
`2027-01-05 08:30` into a naive datetime (losing what the user wrote), accepts
`!!binary` and expands aliases without bound. We let libyaml's C parser compose
the node tree (the expensive part, done in C when available) and build plain
JSON-like values ourselves, refusing what a brand file should never contain.

Positions are not recorded on the happy path; `locate()` re-composes a file only
when a problem in it has to be reported.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, ClassVar

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

try:  # libyaml is several times faster than the pure-Python parser.
    from yaml import CSafeLoader as _Loader
except ImportError:  # pragma: no cover - depends on how PyYAML was built
    from yaml import SafeLoader as _Loader  # type: ignore[assignment]

HAS_LIBYAML = _Loader.__name__.startswith("C")

# A document of ours has at most a few hundred values; this bound stops an
# alias bomb ("billion laughs") long before it exhausts memory.
MAX_VALUES = 100_000

# Bounds that refuse a pathological file in milliseconds, before it is checked (and
# each of its problems located) value by value. Real brand files are far below them:
# a post nests about 5 deep with a few dozen keys; a thousand people in people.yaml
# are one list of a thousand items.
MAX_KEYS = 1_000  # in one mapping
MAX_ITEMS = 10_000  # in one list
MAX_NODES = 50_000  # values in one document as written (aliases count towards MAX_VALUES)
MAX_DEPTH = 32  # lists and mappings inside each other
# What a 64-bit integer holds: larger whole numbers cannot even become floats (sums,
# shares), and no count, amount or identifier of a brand file comes near.
_LARGEST_INT = 2**63 - 1

_TAG = "tag:yaml.org,2002:"
_STR, _NULL, _BOOL, _INT, _FLOAT, _TIMESTAMP = (
    _TAG + "str",
    _TAG + "null",
    _TAG + "bool",
    _TAG + "int",
    _TAG + "float",
    _TAG + "timestamp",
)
_MAP, _SEQ = _TAG + "map", _TAG + "seq"
_CONVERTER = yaml.constructor.SafeConstructor()


@dataclass(frozen=True)
class YamlIssue:
    """Why a YAML text could not be read; `line`/`col` are 1-based."""

    code: str
    message: str
    hint: str
    line: int
    col: int


class YamlRefused(Exception):
    def __init__(self, issue: YamlIssue) -> None:
        super().__init__(issue.message)
        self.issue = issue


def _issue(code: str, node: Node, message: str, hint: str) -> YamlRefused:
    mark = node.start_mark
    return YamlRefused(YamlIssue(code, message, hint, mark.line + 1, mark.column + 1))


class _Builder:
    """Turns a composed node tree into dicts, lists and scalars."""

    def __init__(self) -> None:
        self.count = 0
        self.active: set[int] = set()

    def build(self, node: Node) -> Any:
        self.count += 1
        if self.count > MAX_VALUES:
            raise _issue(
                "yaml-too-complex",
                node,
                f"this document expands to more than {MAX_VALUES:,} values",
                "aliases (*name) that repeat other aliases multiply; write the values out",
            )
        if isinstance(node, ScalarNode):
            return self.scalar(node)
        key = id(node)
        if key in self.active:
            raise _issue(
                "yaml-recursive", node, "this alias refers to itself", "remove the recursive alias"
            )
        # `active` holds the containers around this one; aliases can nest deeper
        # than the text does, so depth is bounded here rather than in the composer.
        if len(self.active) >= MAX_DEPTH:
            raise _too_deep(node)
        _check_size(node, len(node.value))
        self.active.add(key)
        try:
            if isinstance(node, MappingNode):
                return self.mapping(node)
            if isinstance(node, SequenceNode):
                if node.tag != _SEQ:
                    raise self.unsupported(node)
                return [self.build(item) for item in node.value]
        finally:
            self.active.discard(key)
        raise self.unsupported(node)  # pragma: no cover - no other node kinds exist

    def mapping(self, node: MappingNode) -> dict[str, Any]:
        if node.tag != _MAP:
            raise self.unsupported(node)
        result: dict[str, Any] = {}
        for key_node, value_node in node.value:
            if not isinstance(key_node, ScalarNode) or key_node.tag == _TAG + "merge":
                raise _issue(
                    "yaml-complex-key",
                    key_node,
                    "keys must be plain words; this key is a list, a mapping or a merge (<<)",
                    "write the key as plain text, e.g. `title:`",
                )
            key = key_node.value
            if key in result:
                raise _issue(
                    "duplicate-key",
                    key_node,
                    f"the key `{key}` appears twice in the same mapping",
                    "keep one of them: YAML would silently use only the last",
                )
            result[key] = self.build(value_node)
        return result

    def scalar(self, node: ScalarNode) -> Any:
        tag = node.tag
        if tag in (_STR, _TIMESTAMP):
            # Dates and times stay the text the user wrote; rules parse them
            # with time zones (a YAML timestamp would drop or shift the zone).
            return node.value
        if tag == _NULL:
            return None
        if tag == _BOOL:
            return _CONVERTER.construct_yaml_bool(node)
        if tag == _INT:
            try:
                whole: int = _CONVERTER.construct_yaml_int(node)
            except ValueError:  # more digits than Python turns into a number
                whole = _LARGEST_INT + 1
            if -_LARGEST_INT <= whole <= _LARGEST_INT:
                return whole
            raise _issue(
                "yaml-bad-number",
                node,
                f"this number is too large: socialplan reads whole numbers up to {_LARGEST_INT:,}",
                "check the digits; write an identifier this long as text, in quotes",
            )
        if tag == _FLOAT:
            value = _CONVERTER.construct_yaml_float(node)
            if value != value or value in (float("inf"), float("-inf")):
                raise _issue("yaml-bad-number", node, "infinite or NaN numbers are not allowed", "")
            return value
        raise self.unsupported(node)

    @staticmethod
    def unsupported(node: Node) -> YamlRefused:
        tag = node.tag
        if "python/" in tag:
            message = f"the YAML tag `{tag}` asks to build a Python object; socialplan never does"
        else:
            message = f"the YAML tag `{tag}` is not supported in socialplan files"
        return _issue(
            "yaml-tag",
            node,
            message,
            "remove the `!…` tag and write a plain value (text, number, list or mapping)",
        )


def _too_deep(node: Node) -> YamlRefused:
    return _issue(
        "yaml-too-deep",
        node,
        f"lists and mappings are nested more than {MAX_DEPTH} deep here",
        "check the brackets and the indentation: brand files nest only a few levels",
    )


def _check_size(node: Node, size: int) -> None:
    """Refuse a mapping of more than MAX_KEYS keys, a list of more than MAX_ITEMS items."""
    shape, what, most = (
        ("mapping", "keys", MAX_KEYS)
        if isinstance(node, MappingNode)
        else ("list", "items", MAX_ITEMS)
    )
    if size > most:
        raise _issue(
            f"yaml-too-many-{what}",
            node,
            f"the {shape} that starts here has more than {most:,} {what}",
            "split it up, or check how the file was made: no brand file needs that many",
        )


class _FastLoader(_Loader):
    """libyaml's loader with a leaner tag resolver.

    libyaml calls back into Python to resolve the tag of every scalar; PyYAML's
    generic resolver also handles path resolvers we never use. This one gives
    the same answers for safe loading, caching the short plain scalars that
    repeat across files (`approved`, channel ids, times).
    """

    _cache: ClassVar[dict[str, str]] = {}

    def resolve(self, kind: type, value: str | None, implicit: tuple[bool, bool]) -> str:
        if kind is ScalarNode:
            if not implicit[0]:
                return _STR
            assert value is not None
            tag = self._cache.get(value)
            if tag is None:
                tag = super().resolve(kind, value, implicit)
                if len(value) <= 64 and len(self._cache) < 100_000:
                    self._cache[value] = tag
            return tag
        return _MAP if kind is MappingNode else _SEQ


class _BoundedLoader(_FastLoader):
    """The same, counting while it composes, for texts long enough to go over a bound.

    YAML needs a character for each value, so a text of at most MAX_NODES characters
    cannot hold too many: normal files are composed without this per-value callback.
    """

    def __init__(self, stream: str) -> None:
        super().__init__(stream)
        self.nodes = 0
        self.depth = 0

    # The composer calls these around every value it composes (for path
    # resolvers, which we do not use): the one hook into libyaml's composer.
    def descend_resolver(self, current_node: Node | None, current_index: Any) -> None:
        self.nodes += 1
        self.depth += 1
        if current_node is None:
            return
        if self.nodes > MAX_NODES:
            raise _issue(
                "yaml-too-large",
                current_node,
                f"this document holds more than {MAX_NODES:,} values",
                "split it up: no brand file needs that many",
            )
        if self.depth > MAX_DEPTH + 1:
            raise _too_deep(current_node)
        # Sequence items come with their index, mapping keys with None.
        if current_index is None or type(current_index) is int:
            _check_size(current_node, len(current_node.value) + 1)

    def ascend_resolver(self) -> None:
        self.depth -= 1


def compose(text: str) -> Node | None:
    """The node tree of a single-document YAML text (None for an empty one).

    Raises `YamlRefused` beyond a bound above, `yaml.YAMLError` if it is not YAML.
    """
    loader = (_BoundedLoader if len(text) > MAX_NODES else _FastLoader)(text)
    try:
        return loader.get_single_node()
    finally:
        loader.dispose()


def parse(text: str) -> Any:
    """Parse one YAML document into plain values, or raise `YamlRefused`."""
    try:
        node = compose(text)
    except yaml.MarkedYAMLError as exc:
        raise YamlRefused(_syntax_issue(exc)) from None
    except yaml.YAMLError as exc:  # e.g. a reader error on a control character
        raise YamlRefused(
            YamlIssue("yaml-syntax", _first_line(str(exc)), _SYNTAX_HINT, 1, 1)
        ) from None
    if node is None:
        return None
    return _Builder().build(node)


_SYNTAX_HINT = (
    "check the indentation and quoting near this line; text containing `: ` or"
    " starting with `@`, `*`, `&`, `!`, `%`, `{` or `[` must be in quotes"
)


def _first_line(text: str) -> str:
    return text.strip().splitlines()[0] if text.strip() else "unreadable YAML"


def _syntax_issue(exc: yaml.MarkedYAMLError) -> YamlIssue:
    mark = exc.problem_mark or exc.context_mark
    line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
    problem = exc.problem or "invalid YAML"
    if exc.context:
        problem = f"{exc.context}, {problem}"
    if "expected a single document" in problem:
        return YamlIssue(
            "yaml-syntax",
            "the file holds more than one YAML document (a second `---`)",
            "keep one document per file",
            line,
            col,
        )
    return YamlIssue("yaml-syntax", f"YAML syntax error: {problem}", _SYNTAX_HINT, line, col)


def compose_quietly(text: str) -> Node | None:
    """The node tree, or None when the text does not parse (for locating only)."""
    try:
        return compose(text)
    except (yaml.YAMLError, YamlRefused):
        return None
