"""The line-safe printer (`socialplan.guards.console`): nothing printed is a workflow command
unless socialplan composed it."""

from __future__ import annotations

import json
import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from socialplan.guards.console import (
    WORD_JOINER,
    WorkflowCommand,
    json_text,
    one_line,
    render,
    safe,
    visible,
)

# How the runner splits a step's output into lines (.NET's ReadLine).
LINES = re.compile(r"\r\n|\r|\n")


def runner_acts_on(output: str) -> list[str]:
    """The lines a GitHub runner would read as workflow commands."""
    return [
        line
        for line in LINES.split(output)
        if line.lstrip().startswith("::") or "##[" in line.lower() or "##vso[" in line.lower()
    ]


HOSTILE = [
    "::error file=evil.py,line=2::injected",
    "bad\n::error file=evil.py,line=2::injected",
    "  ::add-mask::value",
    "\t::stop-commands::token",
    "\u00a0::warning::no-break space",
    "\u3000::warning::ideographic space",
    "\u2003::notice::em space",
    "\u180e::error::mongolian vowel separator",
    "\ufeff::error::byte order mark",
    "carriage\r::error::return",
    "vertical\x0b::error::tab",
    "next\x85::error::line",
    "text ##[error]legacy, anywhere in a line",
    "##[group]a group",
    "##[add-mask]value",
    "##vso[task.setvariable variable=x]y",
    "#\u2060#[not legacy: already joined",
]


@pytest.mark.parametrize("text", HOSTILE)
def test_no_line_a_runner_acts_on(text: str) -> None:
    shown = safe(text)
    assert runner_acts_on(shown) == []
    # People read the same characters: only invisible word joiners were added, and
    # control characters are shown as escapes.
    assert shown.replace(WORD_JOINER, "") == visible(text).replace(WORD_JOINER, "")
    assert not re.search(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029]", shown)


def test_controls_are_shown_as_escapes() -> None:
    assert safe("a\rb\x1b[31mc\x00d\u2028e\u202ef\tg\nh") == (
        "a\\rb\\x1b[31mc\\x00d\\u2028e\\u202ef\tg\nh"
    )


def test_ordinary_text_is_unchanged() -> None:
    text = "content/posts/a.md:6:9: error [x] unknown pillar `nope`: 1:16 ratio — ok\n  - 12:30"
    assert safe(text) == text


def test_one_line_shows_line_breaks() -> None:
    assert one_line("bad\n::error x\r\ny") == "bad\\n::error x\\r\\ny"


def test_socialplans_own_commands_pass_and_are_escaped() -> None:
    command = WorkflowCommand(
        "error",
        "100% bad\nnext::error\x1b",
        (("file", "a,b:c.md"), ("line", "3"), ("title", "socialplan x")),
    )
    printed = render(["text before", command, "::error after\n"])
    lines = printed.splitlines()
    assert lines[0] == "text before"
    assert lines[1] == (
        "::error file=a%2Cb%3Ac.md,line=3,title=socialplan x::100%25 bad%0Anext::error\\x1b"
    )
    assert runner_acts_on(printed) == [lines[1]]
    with pytest.raises(ValueError):
        WorkflowCommand("add-mask", "x")


def test_json_stays_the_same_data_and_safe_to_print() -> None:
    document = {"message": "a ##[error]b\u2028c\x85d ##VSO[x]", "n": ["::error::x"]}
    text = json_text(document)
    assert json.loads(text) == document
    assert safe(text) == text
    assert runner_acts_on(text) == []


@given(
    st.text(alphabet=st.sampled_from(list(":#[ \t\n\r\x0b\x85\u00a0\u2060avso")) | st.characters())
)
def test_any_text_is_safe(text: str) -> None:
    shown = safe(text)
    assert runner_acts_on(shown) == []
    assert shown.replace(WORD_JOINER, "") == visible(text).replace(WORD_JOINER, "")
