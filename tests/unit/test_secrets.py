import pytest
from hypothesis import given
from hypothesis import strategies as st

from socialplan.rules import secrets
from socialplan.rules.secrets import find

# Built from pieces so that this file itself does not trip secret scanners.
GITHUB = "ghp_" + "a1B2" * 9
SLACK = "xoxb-" + "1234567890-abcdefghij"
JWT = "eyJhbGciOiJIUzI1NiJ9." + "eyJzdWIiOiIxMjM0NTY3ODkwIn0." + "abcdefghijklmnop"


@pytest.mark.parametrize(
    ("text", "what"),
    [
        (f"token {GITHUB} here", "a GitHub token"),
        (f"{SLACK}", "a Slack token"),
        ("key AKIA" + "ABCDEFGHIJKLMNOP", "an AWS access key"),
        (JWT, "a JSON Web Token"),
        ("-----BEGIN RSA PRIVATE KEY-----", "a private key"),
        ("password: hunter2hunter2", "a password or key"),
        ("api_key = 'abcdef123456'", "a password or key"),
        ("https://user:s3cret@example.com/feed", "a URL with a password in it"),
        ("Authorization: Bearer abcdefghijklmnopqrstuvwxyz123456", "a bearer token"),
        ("app password abcd-ef23-ghij-klmn", "a Bluesky app password"),
    ],
)
def test_secrets_are_found_and_masked(text, what):
    found = list(find(text))
    assert found, text
    names = [name for name, _, _ in found]
    assert what in names
    for _, _, masked in found:
        assert len(masked) <= 5
        assert masked not in ("", text)


@pytest.mark.parametrize(
    "text",
    [
        "access_token: MASTODON_ACCESS_TOKEN",
        "Our new blend is out: fernhill.example/winter-blend",
        "Brew ratio 1:16, water at 94 C, grind medium-fine.",
        "pour-over-with-love-today",
    ],
)
def test_ordinary_text_is_not_a_secret(text):
    assert list(find(text)) == []


@given(
    st.text(alphabet="abcxyz2367-:/@. _Ahtps", max_size=60).map(
        lambda s: s.replace("h", "https://", 1)
    )
)
def test_a_prefilter_never_rules_out_a_match(text: str) -> None:
    # Prefilters only skip work: wherever a pattern matches, its prefilter does too.
    patterns = {name: pattern for name, _, pattern in secrets.PATTERNS}
    for name, prefilter in secrets._PREFILTERS.items():
        if patterns[name].search(text):
            assert prefilter.search(text), (name, text)


def test_prefiltered_patterns_still_find_their_secrets() -> None:
    found = [what for what, _, _ in secrets.find("login https://bob:hunter22@example.com now")]
    assert found == ["a URL with a password in it"]
    found = [what for what, _, _ in secrets.find("app password abcd-ef23-ghij-kl45 here")]
    assert "a Bluesky app password" in found
