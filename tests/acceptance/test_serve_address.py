"""`socialplan serve` on an address it cannot use: a clear message at once, no traceback."""

from __future__ import annotations

import socket
import subprocess
import sys

from ..conftest import BrandRepo


def serve(brand: BrandRepo, dev_addr: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "socialplan.cli", "serve", "--dev-addr", dev_addr],
        cwd=brand.root,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_busy_port(brand: BrandRepo) -> None:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        result = serve(brand, f"127.0.0.1:{port}")
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    assert f"port {port} is in use on 127.0.0.1" in result.stderr
    assert f"try --dev-addr 127.0.0.1:{port + 1}" in result.stderr
    # Refused before building: nothing was written into the repository.
    assert not (brand.root / "site").exists()


def test_port_out_of_range(brand: BrandRepo) -> None:
    result = serve(brand, "127.0.0.1:99999")
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    assert "is not a port: ports run from 1 to 65535" in result.stderr


def test_serve_without_mkdocs_yml_serves_this_repository(brand: BrandRepo) -> None:
    """A brand made by `init` has no mkdocs.yml: socialplan's own configuration is used,
    and it must read this repository, not the folder the configuration ships in."""
    import os
    import time
    import urllib.request

    from socialplan.site import configuration

    assert not (brand.root / "mkdocs.yml").exists()
    package_site = configuration.default_config().parent
    before = sorted(p for p in package_site.rglob("*") if "__pycache__" not in p.parts)
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    process = subprocess.Popen(
        [sys.executable, "-m", "socialplan.cli", "serve", "--dev-addr", f"127.0.0.1:{port}"],
        cwd=brand.root,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
    )
    try:
        page = ""
        deadline = time.monotonic() + 90
        while time.monotonic() < deadline and process.poll() is None:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=5) as answer:
                    page = answer.read().decode("utf-8")
                break
            except OSError:
                time.sleep(0.5)
        assert page, process.stderr.read() if process.poll() is not None else "no answer"
        assert "<title>Test Brand" in page
    finally:
        process.terminate()
        process.wait(timeout=30)
        if process.stderr is not None:
            process.stderr.close()
    after = sorted(p for p in package_site.rglob("*") if "__pycache__" not in p.parts)
    assert after == before  # nothing written into the installed package
