import pytest

from socialplan.load import frontmatter


def test_split_finds_yaml_and_body_lines():
    parts = frontmatter.split("---\nid: a\ntitle: b\n---\n\nHello\nworld\n")
    assert parts.yaml_text == "id: a\ntitle: b\n"
    assert parts.yaml_first_line == 2
    assert parts.body == "Hello\nworld"
    assert parts.body_first_line == 6


def test_dots_close_front_matter_and_body_may_be_empty():
    parts = frontmatter.split("---\nid: a\n...")
    assert parts.yaml_text == "id: a\n"
    assert parts.body == ""


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", "the file is empty"),
        ("   \n\n", "the file is empty"),
        ("id: a\n", "does not start with a `---`"),
        ("---\nid: a\ntitle: b\n", "never closed"),
    ],
)
def test_missing_front_matter_is_explained(text, message):
    with pytest.raises(frontmatter.NoFrontMatter) as caught:
        frontmatter.split(text)
    assert message in caught.value.message
    assert caught.value.hint
