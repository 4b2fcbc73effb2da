"""No value in any field of any file ends in a traceback: every command exits 0, 1 or 2.

Each example writes arbitrary values (text with odd Unicode, huge and negative
numbers, floats, booleans, null, dates, times, lists, mappings, and raw text that
may not even be YAML) into a few fields of a few files of a rich brand (the demo's
strategy with some of its posts), then runs what a user can run on any repository:
`validate`, `calendar` (week, month, .ics) and `variants`, and what the build and
`serve` make on top of them: every site page and the variant files. The fields come
from the JSON Schemas (any_value_helpers.fields), so a new field is covered as soon
as its schema names it.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from socialplan.cli import main
from socialplan.load.loader import load
from socialplan.rules.validate import validate
from socialplan.schedule.slots import schedule
from socialplan.site import pages
from socialplan.site.content import materialized
from socialplan.site.prepare import collect_extras
from socialplan.variants import output_files

from .any_value_helpers import FILES, KEY, RAW_MARK, Document, fields, make_base

FIELDS = {kind: fields(kind) for kind in FILES}
ZONES = ["UTC", "Europe/London", "Pacific/Kiritimati", "Etc/GMT+12", "Pacific/Pago_Pago", "Mars/X"]
TRICKY = [
    "next",
    "",
    " ",
    "\t\n",
    "\u202e\u2066evil",
    "👩\u200d👩\u200d👧\u200d👦🇬🇧e\u0301",
    "Ｐａｓｓｗｏｒｄ: hunter2hunter2",
    "@{nobody}",
    "@{",
    "#",
    "#tag #Tag",
    "https://",
    "javascript:alert(1)",
    "http://[::1",
    "photos/aeropress.jpg",
    "brand/logo.png",
    "content/media/brand/logo.png",
    "../../../etc/passwd",
    "/etc/passwd",
    "x" * 3000,
    "{{ page }}",
    "<script>alert(1)</script>",
    "::error file=x::injected",
    "24:00",
    "23:59",
    "9:60",
    "2027-02-29",
    "9999-12-31",
    "0001-01-01",
    "1970-01-01",
    "mon",
    "funday",
    "\ufeff",
    "-0",
    "1e999",
    "0x1F",
    "#GGGGGG",
    "#fff",
]


def _ids(value: Any) -> Iterator[str]:
    if isinstance(value, dict):
        for key, item in value.items():
            if key == "id" and isinstance(item, str):
                yield item
            yield from _ids(item)
    elif isinstance(value, list):
        for item in value:
            yield from _ids(item)


def _time_text(day: Any, hour: int, minute: int, zone: str, offset: int | None) -> str:
    if offset is None:
        return f"{day.isoformat()} {hour:02d}:{minute:02d} {zone}"
    sign, hours, minutes = "-" if offset < 0 else "+", abs(offset) // 60, abs(offset) % 60
    return f"{day.isoformat()}T{hour:02d}:{minute:02d}:00{sign}{hours:02d}:{minutes:02d}"


TIMES = st.builds(
    _time_text,
    st.dates(),
    st.integers(0, 25),
    st.integers(0, 61),
    st.sampled_from(ZONES),
    st.none() | st.integers(-26 * 60, 26 * 60),
)


@pytest.fixture(scope="module")
def base(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, Document], Path]:
    root = make_base(tmp_path_factory.mktemp("any-value") / "brand")
    documents = {kind: Document(root / rel) for kind, rel in FILES.items()}
    return root, documents, tmp_path_factory.mktemp("any-value-out")


def values(known_ids: list[str]) -> st.SearchStrategy[Any]:
    scalars = st.one_of(
        st.text(max_size=30),
        st.integers(),
        st.integers(min_value=-(10**400), max_value=10**400),
        st.floats(),
        st.booleans(),
        st.none(),
        st.dates(),
        st.datetimes(),
        st.datetimes(timezones=st.timezones()),
        st.sampled_from(TRICKY),
        st.sampled_from(known_ids),
        TIMES,
    )
    return st.recursive(
        scalars,
        lambda inner: (
            st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=8), inner, max_size=3)
        ),
        max_leaves=6,
    )


def run_everything(root: Path, out: Path, *, quick: bool = False) -> None:
    runner = CliRunner()
    commands = [
        ["validate"],
        ["calendar", "--ics", str(out / "calendar.ics")],
        ["variants", "--format", "json"],
    ]
    if not quick:
        commands += [
            ["calendar", "--start", "2027-01-04"],
            ["calendar", "--view", "month", "--start", "2027-01-01"],
            ["variants", "--sent"],
        ]
    for command in commands:
        # catch_exceptions=False: an exception escaping a command fails the test.
        result = runner.invoke(main, [*command, "--repo", str(root)], catch_exceptions=False)
        assert result.exit_code in (0, 1, 2), (command, result.output)
        assert "Traceback" not in result.output
    repo = load(root).repo
    plan = schedule(repo)
    for content in pages(repo, plan, collect_extras(root, plan)).values():
        materialized(content)
    output_files.write_all(repo, out / "variants")


# One of each kind of value that has broken something, for the sweep below.
NASTY = [
    2**63 - 1,
    -1,
    1.5e308,
    True,
    None,
    "",
    "x" * 3000,
    [],
    {},
    [{"x": 1}],
    "9999-12-31 23:59 Etc/GMT+12",
    "\u202e\t\n",
]


@pytest.mark.parametrize("kind", list(FILES))
def test_every_field_of_a_file_at_once(
    base: tuple[Path, dict[str, Document], Path], kind: str
) -> None:
    """Each value of NASTY in every field of one file (every leaf of the schema's tree)."""
    root, documents, out = base
    document = documents[kind]
    for value in NASTY:
        document.write([(path, value) for path in FIELDS[kind]])
        try:
            run_everything(root, out, quick=True)
        finally:
            document.restore()


@settings(
    max_examples=50,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(data=st.data())
def test_any_value_in_any_field_of_any_file(
    base: tuple[Path, dict[str, Document], Path], data: st.DataObject
) -> None:
    root, documents, out = base
    known = sorted({i for d in documents.values() for i in _ids(d.data)})
    kinds = data.draw(st.lists(st.sampled_from(list(FILES)), min_size=2, max_size=6, unique=True))
    written = []
    try:
        for kind in kinds:
            paths = data.draw(
                st.lists(st.sampled_from(FIELDS[kind]), min_size=1, max_size=4, unique=True),
                label=f"{kind} fields",
            )
            changes = [(path, data.draw(values(known), label=f"{kind} {path}")) for path in paths]
            # Now and then a value that may not even be YAML.
            raw = data.draw(st.none() | st.none() | st.text(max_size=20), label="raw text")
            if raw is not None:
                changes[0] = (changes[0][0], RAW_MARK)
            written.append(documents[kind])
            documents[kind].write(changes, raw)
        run_everything(root, out)
    finally:
        for document in written:
            document.restore()


IMAGE_FIELDS = [("post", f) for f in FIELDS["post"] if f[0] in ("card", "media")]
IMAGE_FIELDS += [("card-template", f) for f in FIELDS["card-template"]]


@settings(
    max_examples=12,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(data=st.data())
def test_any_value_in_a_card_or_a_photo_makes_images_or_a_problem(
    base: tuple[Path, dict[str, Document], Path], data: st.DataObject
) -> None:
    root, documents, out = base
    known = sorted({i for d in documents.values() for i in _ids(d.data)})
    chosen = data.draw(st.lists(st.sampled_from(IMAGE_FIELDS), min_size=1, max_size=4, unique=True))
    # One channel only, so that each example renders a few images, not dozens.
    changes: dict[str, list[tuple[Any, Any]]] = {"post": [(("channels",), ["bluesky"])]}
    for kind, path in chosen:
        changes.setdefault(kind, []).append((path, data.draw(values(known), label=str(path))))
    post_id = documents["post"].data["id"]
    try:
        for kind, kind_changes in changes.items():
            documents[kind].write(kind_changes)
        result = CliRunner().invoke(
            main,
            ["images", post_id, "--repo", str(root), "--out", str(out / "images")],
            catch_exceptions=False,
        )
        assert result.exit_code in (0, 1, 2), result.output
    finally:
        for kind in changes:
            documents[kind].restore()


def test_every_schema_field_is_covered() -> None:
    # The enumeration reaches nested fields, list items and free keys alike.
    assert ("channels", 0, "slots", KEY, 0) in FIELDS["channels"]
    assert ("overrides", KEY, "media", 0, "alt") in FIELDS["post"]
    assert ("observed", 0, "observed_on") in FIELDS["competitor"]
    assert ("title", "size", "max") in FIELDS["card-template"]
    assert all(FIELDS.values())


class Raw(str):
    """Text written into the YAML as it is (Python could not even dump it as a number)."""


@pytest.mark.parametrize(
    ("kind", "path", "value", "code"),
    [
        ("brand", ("visual", "logo"), "content/media/" + "x" * 3000, "missing-file"),
        ("post", ("media", 0, "file"), "x" * 3000, "missing-media"),
        ("post", ("media", 0, "file"), "a\0b", "path-outside-repo"),
        ("brand", ("name",), "Two\nlines", None),
        ("post", ("link",), "https://example.com/a\nb", None),
        ("objectives", ("objectives", 0, "value_per_conversion"), 10**400, "yaml-bad-number"),
        ("pillars", ("pillars", 0, "target_share"), 2**63, "yaml-bad-number"),
        ("budget", ("periods", 0, "total"), Raw("9" * 5000), "yaml-bad-number"),
        ("post", ("at",), "", "bad-time"),
    ],
    ids=[
        "long-logo",
        "long-media",
        "nul-media",
        "name-newline",
        "link-newline",
        "huge",
        "int64",
        "digits",
        "at",
    ],
)
def test_values_that_once_crashed(
    base: tuple[Path, dict[str, Document], Path], kind: str, path: Any, value: Any, code: str
) -> None:
    """What the property test and the sweep found, each now a located problem or fine."""
    root, documents, out = base
    if isinstance(value, Raw):
        documents[kind].write([(path, RAW_MARK)], raw=value)
    else:
        documents[kind].write([(path, value)])
    try:
        run_everything(root, out)
        found = {p.code for p in validate(root=root).report.problems}
        assert code is None or code in found, found
    finally:
        documents[kind].restore()
