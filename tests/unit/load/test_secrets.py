import pytest
from hypothesis import given
from hypothesis import strategies as st

from socialplan.load import credentials as secrets
from socialplan.load.credentials import find
from socialplan.load.loader import load
from socialplan.rules.validate import validate

from ...conftest import ROOT, BrandRepo

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
    assert what in [f.what for f in found]
    for f in found:
        assert len(f.masked) <= 5
        assert f.masked not in ("", text)


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


@given(
    st.lists(
        st.sampled_from(
            ["pass", "word", "pwd", "api", "_", " ", "-", "key", "token", "secret", "client",
             "access", ":", "=", '"', "'", "\t", "ab12cd34", "X", "MASTODON"]
        ),
        max_size=12,
    ).map("".join)
)  # fmt: skip
def test_the_password_prefilters_never_rule_out_a_match(text: str) -> None:
    patterns = {name: pattern for name, _, pattern in secrets.PATTERNS}
    if patterns[secrets.PASSWORD].search(text):
        lower = text.lower()
        assert any(p.search(lower) for p in secrets._KEY_PREFILTERS.values()), text


def test_prefiltered_patterns_still_find_their_secrets() -> None:
    found = [f.what for f in secrets.find("login https://bob:hunter22@example.com now")]
    assert found == ["a URL with a password in it"]
    found = [f.what for f in secrets.find("app password abcd-ef23-ghij-kl45 here")]
    assert "a Bluesky app password" in found


# Each shape as it may be pasted into a post, and where the secret (or its name) starts.
NEW_SHAPES = [
    ("MASTODON_TOKEN=" + "mT8" * 6, 1, "MASTODON_TOKEN", "a password or key"),
    ("export MASTODON_ACCESS_TOKEN='" + "mT8" * 6 + "'", 8, "MASTODON_", "a password or key"),
    ("token: " + "q8" * 8, 1, "token", "a password or key"),
    ('{"client_secret": "' + "s3C" * 4 + '"}', 3, "client_secret", "a password or key"),
    ("glpat-" + "Wd6" * 7, 1, "glpat-", "a GitLab token"),
    ("npm_" + "Zk4" * 12, 1, "npm_", "an npm token"),
    ("hf_" + "Yt5" * 11, 1, "hf_", "a Hugging Face token"),
    ("Ｐａｓｓｗｏｒｄ: hunter2hunter2", 1, "Ｐａｓｓｗｏｒｄ", "a password or key"),
    ("ｔｏｋｅｎ＝ｑ８ｑ８ｑ８ｑ８ｑ８", 1, "ｔｏｋｅｎ", "a password or key"),
    ("ＧＩＴＨＵＢ ｇｈｐ＿" + "ａ１Ｂ２" * 9, 8, "ｇｈｐ＿", "a GitHub token"),
]
POST = """
    id: a
    title: A post
    status: draft
"""


@pytest.mark.parametrize(("text", "_col", "_start", "what"), NEW_SHAPES)
def test_each_new_shape_is_found(text: str, _col: int, _start: str, what: str) -> None:
    assert what in [f.what for f in find(f"Before it: {text} after it.")]


@pytest.mark.parametrize(("text", "col", "start", "what"), NEW_SHAPES)
def test_each_new_shape_is_reported_where_it_is_written(
    brand: BrandRepo, text: str, col: int, start: str, what: str
) -> None:
    brand.post("a", POST, f"First line.\n{text} and more")
    problems = validate(root=brand.root).report.problems
    found = [p for p in problems if p.code == "secret-in-content"]
    assert [(p.line, p.col) for p in found] == [(7, col)], [p.message for p in problems]
    assert text.split("\n")[0][col - 1 :].startswith(start)
    assert what in found[0].message
    assert text.split()[-1].strip("'\"{}") not in found[0].message  # masked


def test_a_credential_variable_the_channels_name_is_found(brand: BrandRepo) -> None:
    # The starter's Bluesky channel names BLUESKY_HANDLE: not a password by its name.
    brand.post("a", POST, "Login with BLUESKY_HANDLE=brand.bsky.social please.")
    problems = validate(root=brand.root).report.problems
    assert [(p.code, p.line, p.col) for p in problems] == [("secret-in-content", 6, 12)]
    assert "credential variable of strategy/channels.yaml" in problems[0].message
    assert list(find("Login with BLUESKY_HANDLE=brand.bsky.social please.")) == []


@pytest.mark.parametrize(
    "text",
    [
        "Secret: roasting at dawn keeps the beans sweet.",
        "The token: one stamp per coffee.",
        "Our secret = patience",
        "Password reset emails come from the shop.",
        "Ｆｕｌｌ－ｗｉｄｔｈ　ｔｅｘｔ is fine.",
        "A café… with “quotes”, ½ price, ﬁne ligatures and ™ marks.",
    ],
)
def test_prose_with_those_words_is_not_a_secret(text: str) -> None:
    assert list(find(text)) == []


def test_the_demo_has_no_secret_and_no_problem() -> None:
    assert validate(root=ROOT).report.problems == []


def test_a_private_key_is_hidden_whole_and_the_file_is_untouched(brand: BrandRepo) -> None:
    key = "-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXktdjEAAAAA\nQUJDREVGR0g=\n"
    key += "-----END OPENSSH PRIVATE KEY-----"
    path = brand.post("a", POST, f"Before.\n{key}\nAfter.")
    written = path.read_text("utf-8")
    (post,) = load(brand.root).repo.posts
    assert post.body == "Before.\n[secret hidden]\nAfter."
    assert path.read_text("utf-8") == written


def test_a_secret_written_with_yaml_escapes_is_found_and_hidden(brand: BrandRepo) -> None:
    # "\x70" is "p": the text never shows `ghp_`, the value does.
    escaped = "gh\\x70_" + "a1B2" * 9
    brand.post("a", POST + f'    notes: "Mine: {escaped}"\n')
    checked = validate(root=brand.root)
    found = [p for p in checked.report.problems if p.code == "secret-in-content"]
    assert [(p.line, p.col, p.pointer) for p in found] == [(5, 8, ("notes",))]
    (post,) = checked.repo.posts
    assert post.data["notes"] == "Mine: [secret hidden]"
