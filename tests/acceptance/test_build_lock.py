"""Two commands at once in one repository: the second waits for the first (socialplan.guards.lock),
with real processes."""

from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from ..conftest import BrandRepo
from ..unit.site.test_site_pages import add_hostile_post
from .build_helpers import snapshot, tree
from .test_site_build import QUIET, copy_demo

SOCIALPLAN = str(Path(sys.executable).parent / "socialplan")
HOLD = """
import sys, time
from pathlib import Path
from socialplan.guards import lock
with lock.hold(Path(sys.argv[1]), "publish"):
    print("held", flush=True)
    time.sleep(120)
"""


def start(root: Path, *args: str, **env: str) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [SOCIALPLAN, "build", "--no-images", "--repo", str(root), *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env={**QUIET, **env},
    )


def outputs(root: Path) -> dict[str, bytes]:
    found = {f"site/{k}": v for k, v in tree(root / "site").items()}
    found.update({f"variants/{k}": v for k, v in tree(root / "build/variants").items()})
    found["calendar.ics"] = (root / "build/calendar.ics").read_bytes()
    return found


def test_two_builds_at_once_both_succeed_and_equal_one_build(tmp_path: Path) -> None:
    root = copy_demo(tmp_path / "demo")
    before = snapshot(root)
    first, second = start(root), start(root)
    done = [(p.wait(timeout=900), *p.communicate()) for p in (first, second)]
    for code, out, err in done:
        assert code == 0, out + err
        assert "Traceback" not in err
    # One after the other: exactly one of them found every variant new; the other
    # found the first one's finished work (had they overlapped, both would have
    # counted everything as changed, or crashed). Whether the second had to say
    # that it waits depends on timing; the lock's messages are tested below with
    # a process that holds it.
    counts = [
        re.findall(r"variants: (\d+) in build/variants/ \((\d+) changed\)", out + err)
        for _, out, err in done
    ]
    (total, one), (_, other) = sorted(found for (found,) in counts)
    assert int(total) > 0 and sorted([one, other]) == ["0", total], counts
    together = outputs(root)
    assert snapshot(root) == before
    alone = subprocess.run(
        [SOCIALPLAN, "build", "--no-images", "--clean", "--repo", str(root)],
        capture_output=True,
        text=True,
        env=QUIET,
    )
    assert alone.returncode == 0, alone.stderr
    assert outputs(root) == together


@pytest.fixture
def holder(brand: BrandRepo) -> Iterator[subprocess.Popen[str]]:
    """A process holding the repository's lock, as a publish would."""
    add_hostile_post(brand)
    process = subprocess.Popen(
        [sys.executable, "-c", HOLD, str(brand.root)], stdout=subprocess.PIPE, text=True
    )
    assert process.stdout is not None and process.stdout.readline() == "held\n"
    yield process
    if process.poll() is None:
        process.kill()
    process.wait()
    process.stdout.close()


def test_a_build_waits_then_refuses_after_the_timeout(
    brand: BrandRepo, holder: subprocess.Popen[str]
) -> None:
    started = time.monotonic()
    build = start(brand.root, SOCIALPLAN_LOCK_TIMEOUT="2")
    code = build.wait(timeout=120)
    out, err = build.communicate()
    assert code == 1, out + err
    assert time.monotonic() - started >= 2
    assert f"waiting for socialplan publish (process {holder.pid}) to finish" in err
    assert (
        f"socialplan: socialplan publish (process {holder.pid}) is still working in this"
        " repository after 2 s"
    ) in err
    assert "hint: wait for it to finish" in err and "Traceback" not in err
    assert not (brand.root / "site").exists()
    assert not (brand.root / "build/variants").exists()


def test_a_lock_left_by_a_killed_process_does_not_block(
    brand: BrandRepo, holder: subprocess.Popen[str]
) -> None:
    os.kill(holder.pid, signal.SIGKILL)
    holder.wait()
    build = start(brand.root, SOCIALPLAN_LOCK_TIMEOUT="30")
    code = build.wait(timeout=120)
    out, err = build.communicate()
    assert code == 0, out + err
    assert "waiting for" not in err


@pytest.mark.parametrize("value", ["soon", "-1", "inf", "nan"])
def test_a_timeout_that_is_not_a_number_of_seconds_is_a_usage_error(
    brand: BrandRepo, value: str
) -> None:
    add_hostile_post(brand)
    build = start(brand.root, SOCIALPLAN_LOCK_TIMEOUT=value)
    code = build.wait(timeout=120)
    _, err = build.communicate()
    assert code == 2, err
    assert err.startswith("socialplan: SOCIALPLAN_LOCK_TIMEOUT=") and "hint: set it" in err
