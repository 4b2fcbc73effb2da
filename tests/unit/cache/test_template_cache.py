"""Compiled theme templates kept in build/ are signed: only this user's are ever loaded."""

from __future__ import annotations

import os
from pathlib import Path

import jinja2
import pytest

from socialplan.cache import compiled_templates as bytecode


@pytest.fixture(autouse=True)
def _own_cache_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "home-cache"))


def environment(cache: jinja2.BytecodeCache) -> jinja2.Environment:
    loader = jinja2.DictLoader({"page.html": "Hello {{ name }}!"})
    return jinja2.Environment(loader=loader, bytecode_cache=cache, autoescape=True)


def test_a_signed_template_is_reused_and_a_tampered_one_compiled_again(tmp_path: Path) -> None:
    build = tmp_path / "build"
    cache = bytecode.template_cache(build / "cache/templates", build)
    assert cache is not None
    assert environment(cache).get_template("page.html").render(name="A") == "Hello A!"
    (kept,) = (build / "cache/templates").iterdir()
    source = "Hello {{ name }}!"
    bucket = cache.get_bucket(environment(cache), "page.html", None, source)
    assert bucket.code is not None  # signed with this user's key: reused
    kept.write_bytes(b"\0" * 32 + kept.read_bytes()[32:])
    bucket = cache.get_bucket(environment(cache), "page.html", None, source)
    assert bucket.code is None  # not signed with this user's key: never unpickled
    assert environment(cache).get_template("page.html").render(name="B") == "Hello B!"


def test_the_key_is_the_users_alone(tmp_path: Path) -> None:
    key = bytecode.key_file()
    assert bytecode.signing_key() is not None
    assert os.stat(key).st_mode & 0o777 == 0o600
    os.chmod(key, 0o644)  # others could read it, so could sign: it signs nothing
    assert bytecode.signing_key() is None
    assert bytecode.template_cache(tmp_path / "build/cache/templates", tmp_path / "build") is None


def test_a_cache_folder_outside_build_is_not_used(tmp_path: Path) -> None:
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (tmp_path / "build/cache").mkdir(parents=True)
    (tmp_path / "build/cache/templates").symlink_to(elsewhere)
    assert bytecode.template_cache(tmp_path / "build/cache/templates", tmp_path / "build") is None
