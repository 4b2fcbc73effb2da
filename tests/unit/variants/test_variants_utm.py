"""UTM tagging keeps the link as written and adds only what is missing."""

from __future__ import annotations

from urllib.parse import parse_qsl, urlsplit

import pytest
from hypothesis import given
from hypothesis import strategies as st

from socialplan.variants import utm

PARAMETERS = utm.parameters("x", "social", "winter", "2027-01-07-launch")


@pytest.mark.parametrize(
    ("url", "tagged"),
    [
        (
            "https://a.coffee/x",
            "https://a.coffee/x?utm_source=x&utm_medium=social&utm_campaign=winter"
            "&utm_content=2027-01-07-launch",
        ),
        (
            "https://a.coffee/x?ref=1&b=%20c#part-2",
            "https://a.coffee/x?ref=1&b=%20c&utm_source=x&utm_medium=social&utm_campaign=winter"
            "&utm_content=2027-01-07-launch#part-2",
        ),
        (
            "https://a.coffee/?",
            "https://a.coffee/?utm_source=x&utm_medium=social&utm_campaign=winter"
            "&utm_content=2027-01-07-launch",
        ),
        (
            "https://a.coffee/x?UTM_Source=news&utm_campaign=mine",
            "https://a.coffee/x?UTM_Source=news&utm_campaign=mine&utm_medium=social"
            "&utm_content=2027-01-07-launch",
        ),
        (
            "https://a.coffee/#/app?x=1",
            "https://a.coffee/?utm_source=x&utm_medium=social"
            "&utm_campaign=winter&utm_content=2027-01-07-launch#/app?x=1",
        ),
    ],
)
def test_tag(url: str, tagged: str) -> None:
    assert utm.tag(url, PARAMETERS) == tagged


def test_values_are_percent_encoded() -> None:
    tagged = utm.tag("https://a.coffee/", {"utm_campaign": "winter blend & more"})
    assert tagged == "https://a.coffee/?utm_campaign=winter%20blend%20%26%20more"


def test_campaign_is_left_out_when_unknown() -> None:
    assert list(utm.parameters("x", "social", None, "p")) == [
        "utm_source",
        "utm_medium",
        "utm_content",
    ]


def test_own_hosts_match_subdomains_and_ignore_www() -> None:
    hosts = utm.own_hosts("https://www.fernhill.coffee/a", None)
    assert hosts == frozenset({"fernhill.coffee"})
    assert utm.is_own("https://shop.fernhill.coffee/b", hosts)
    assert not utm.is_own("https://notfernhill.coffee/b", hosts)


_PATH = st.text(alphabet="abcXYZ019-._~/%", max_size=20)
_QUERY = st.lists(
    st.tuples(st.sampled_from(["a", "ref", "utm_source", "utm_medium", "q"]), _PATH), max_size=4
)


@given(path=_PATH, query=_QUERY, fragment=st.one_of(st.none(), _PATH))
def test_tagging_preserves_everything_written(path, query, fragment) -> None:
    url = "https://a.coffee/" + path.lstrip("/")
    if query:
        url += "?" + "&".join(f"{k}={v}" for k, v in query)
    if fragment is not None:
        url += "#" + fragment
    tagged = utm.tag(url, PARAMETERS)
    before_fragment, _, tail = tagged.partition("#")
    assert tail == (fragment or "")
    original = url.partition("#")[0]
    assert before_fragment.startswith(original)
    keys = [k for k, _ in parse_qsl(urlsplit(tagged).query, keep_blank_values=True)]
    for key in PARAMETERS:
        assert keys.count(key) == max(1, [k for k, _ in query].count(key))
