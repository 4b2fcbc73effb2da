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
