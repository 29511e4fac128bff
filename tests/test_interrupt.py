"""Interrupted and concurrent builds: the published output is always a complete site."""
from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

from .conftest import ROOT
from .siteutil import FIXTURE_SITE, copy_content, tree

SIGNALS = (signal.SIGINT, signal.SIGTERM, signal.SIGKILL)
# Where the build is stopped (build/pause.py), and which site must be published after it:
# up to the complete staging folder the previous one, from the swap on the new one.
POINTS = {"read": "previous", "render": "previous", "staged": "previous", "swapped": "new"}


def start_build(content: Path, output: Path, pause_at: str | None = None) -> subprocess.Popen:
    env = dict(os.environ, SITE_BUILDER_PAUSE_AT=pause_at) if pause_at else None
    return subprocess.Popen([sys.executable, str(ROOT / "build.py"), "build", "--content", str(content),
                             "--output", str(output)], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env)


def set_version(content: Path, version: str) -> None:
    source = content / "issues/2024-03-08/source.md"
    text = source.read_text(encoding="utf-8")
    source.write_text(text.split("\n<!-- version")[0] + f"\n<!-- version {version} -->\n", encoding="utf-8")


def published(output: Path) -> dict[str, str]:
    files = tree(output)
    manifest = json.loads((output / ".site-builder-manifest.json").read_text(encoding="utf-8"))["files"]
    assert sorted(set(files) - {".site-builder-manifest.json"}) == sorted(manifest), "a mixed or partial site"
    return files


def test_killed_builds_leave_the_previous_or_the_new_site(tmp_path):
    """Every signal at every named point of the build: exactly the previous site before the swap,
    exactly the new one from the swap on; never a mix, never a partial site."""
    content = copy_content(FIXTURE_SITE, tmp_path / "content")
    output = tmp_path / "public"
    sites = {}
    for version in ("a", "b"):
        set_version(content, version)
        subprocess.run([sys.executable, str(ROOT / "build.py"), "build", "--content", str(content),
                        "--output", str(tmp_path / f"ref-{version}")], capture_output=True, check=True)
        sites[version] = tree(tmp_path / f"ref-{version}")
    set_version(content, "a")
    subprocess.run([sys.executable, str(ROOT / "build.py"), "build", "--content", str(content), "--output",
                    str(output)], capture_output=True, check=True)
    current = "a"
    for point, expected in POINTS.items():
        for number in SIGNALS:
            target = "b" if current == "a" else "a"
            set_version(content, target)
            marker = tmp_path / f"public.paused-{point}"
            marker.unlink(missing_ok=True)
            process = start_build(content, output, point)
            deadline = time.monotonic() + 60
            while not marker.exists() and process.poll() is None and time.monotonic() < deadline:
                time.sleep(0.02)
            assert marker.exists(), f"the build never reached {point}: {process.stderr.read().decode()}"
            process.send_signal(number)
            process.wait(timeout=60)
            files = published(output)
            want = target if expected == "new" else current
            assert files == sites[want], f"killed at {point} by {signal.Signals(number).name}: not the {expected} site"
            current = want
    # The next build cleans whatever killed builds left behind, even one with nothing to do.
    subprocess.run([sys.executable, str(ROOT / "build.py"), "build", "--content", str(content), "--output",
                    str(output)], capture_output=True, check=True)
    leftovers = sorted(p.name for p in tmp_path.iterdir() if p.name.startswith(".public.") and p.is_dir())
    assert leftovers == [".public.cache"]  # kept on purpose: the retired site, the parsed issues, the photo variants
    # (the retired site is there unless the last kill came between the swap and putting it away)
    assert {p.name for p in (tmp_path / ".public.cache").iterdir()} <= {"parsed", "photos", "previous"}


def test_a_second_build_at_the_same_time_is_refused(tmp_path):
    from site_builder.build.lock import BuildLock

    content = copy_content(FIXTURE_SITE, tmp_path / "content")
    output = tmp_path / "public"
    holder = BuildLock(output)  # as a build in progress holds it
    holder.acquire()
    try:
        second = subprocess.run([sys.executable, str(ROOT / "build.py"), "build", "--content", str(content),
                                 "--output", str(output)], capture_output=True, text=True)
    finally:
        holder.release()
    assert second.returncode == 2
    assert "another build" in second.stderr and "Traceback" not in second.stderr
    assert not output.exists()
    done = subprocess.run([sys.executable, str(ROOT / "build.py"), "build", "--content", str(content),
                           "--output", str(output)], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
