"""Every delete and write from a record stays inside its folder (socialplan.guards.containment)."""

from __future__ import annotations

from pathlib import Path

import pytest

from socialplan.guards.containment import Folder, OutsideFolder, plain_relative


@pytest.mark.parametrize("path", ["a", "posts/x-1.md", "media/é.jpg", "a..b/c.."])
def test_plain_relative_paths(path: str) -> None:
    assert plain_relative(path)


@pytest.mark.parametrize(
    "path", ["", "/etc/passwd", "a/", "a//b", "../a", "a/../b", "./a", "a/.", ".git", "a\\b", "a\0"]
)
def test_paths_no_record_of_socialplan_holds(path: str) -> None:
    assert not plain_relative(path)


def test_a_folder_refuses_whatever_leads_out(tmp_path: Path) -> None:
    site, elsewhere = tmp_path / "site", tmp_path / "elsewhere"
    (site / "posts").mkdir(parents=True)
    elsewhere.mkdir()
    victim = elsewhere / "victim.txt"
    victim.write_text("precious", "utf-8")
    (site / "out").symlink_to(elsewhere)
    (site / "file-link").symlink_to(victim)
    folder = Folder(site)
    for path in ("../elsewhere/victim.txt", str(victim), "out/victim.txt", "file-link", "", "."):
        with pytest.raises(OutsideFolder):
            folder.unlink(path)
        with pytest.raises(OutsideFolder):
            folder.write(path, b"x")
        assert not folder.contains(path)
    with pytest.raises(OutsideFolder):
        folder.rmtree("out")
    assert victim.read_text("utf-8") == "precious"
    assert folder.write("posts/a/index.html", b"page") == folder.path / "posts/a/index.html"
    assert folder.unlink("posts/a/index.html") and not folder.unlink("posts/a/index.html")
    assert folder.rmdir("posts/a")
    folder.rmtree("posts")
    assert sorted(p.name for p in site.iterdir()) == ["file-link", "out"]
