"""Whether `socialplan serve` can listen on an address, asked before the site is built.

MkDocs builds the whole site first and binds its port only then, so a port in use
would surface after the wait, as a traceback. Binding a probe socket the way MkDocs'
server does (same address family, SO_REUSEADDR) gives the answer at once.
"""

from __future__ import annotations

import errno
import ipaddress
import socket

from ..errors import UsageError


def _parse(dev_addr: str) -> tuple[str, int] | None:
    """Host and port as MkDocs reads `IP:PORT`; None when MkDocs explains what is wrong."""
    host, sep, port_text = dev_addr.rpartition(":")
    if not sep or not port_text.isdigit():
        return None
    if not 0 < int(port_text) < 65536:  # MkDocs would stop on it with a traceback
        raise UsageError(
            f"`{port_text}` in --dev-addr {dev_addr} is not a port: ports run from 1 to 65535",
            "try --dev-addr 127.0.0.1:8001",
        )
    if host.startswith("[") and host.endswith("]"):
        host = host[1:-1]
    return host, int(port_text)


def check_free(dev_addr: str) -> None:
    """Raise UsageError when nothing could listen on `dev_addr` now.

    A malformed address is left for MkDocs to explain in its own words.
    """
    parsed = _parse(dev_addr)
    if parsed is None:
        return
    host, port = parsed
    try:
        family = (
            socket.AF_INET6
            if isinstance(ipaddress.ip_address(host), ipaddress.IPv6Address)
            else socket.AF_INET
        )
    except ValueError:
        family = socket.AF_INET  # `localhost`
    with socket.socket(family, socket.SOCK_STREAM) as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind((host, port))
        except socket.gaierror:
            return
        except OSError as exc:
            shown = f"[{host}]" if family == socket.AF_INET6 else host
            if exc.errno == errno.EADDRINUSE:
                raise UsageError(
                    f"port {port} is in use on {host}: another program (perhaps another"
                    " `socialplan serve`) is listening there",
                    f"stop it, or try --dev-addr {shown}:{port + 1 if port < 65535 else 8000}",
                ) from None
            raise UsageError(
                f"the site cannot be served on {dev_addr}: {exc.strerror or exc}",
                "give an address of this machine and a port above 1023, e.g."
                " --dev-addr 127.0.0.1:8001",
            ) from None
