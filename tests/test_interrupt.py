"""Interrupted and concurrent builds: the published output is always a complete site."""
from __future__ import annotations

import json
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

from .conftest import ROOT
from .siteutil import FIXTURE_SITE, copy_content, tree

RUNS = 54
SIGNALS = (signal.SIGINT, signal.SIGTERM, signal.SIGKILL)


def start_build(content: Path, output: Path) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, str(ROOT / "build.py"), "build", "--content", str(content),
                             "--output", str(output)], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)


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
    content = copy_content(FIXTURE_SITE, tmp_path / "content")
    output = tmp_path / "public"
    sites = {}
    for version in ("a", "b"):
        set_version(content, version)
        done = subprocess.run([sys.executable, str(ROOT / "build.py"), "build", "--content", str(content),
                               "--output", str(tmp_path / f"ref-{version}")], capture_output=True, check=True)
        assert done.returncode == 0
        sites[version] = tree(tmp_path / f"ref-{version}")
    set_version(content, "a")
    started = time.monotonic()
    subprocess.run([sys.executable, str(ROOT / "build.py"), "build", "--content", str(content), "--output",
                    str(output)], capture_output=True, check=True)
    duration = time.monotonic() - started
    rng = random.Random(20261122)
    outcomes = {"previous": 0, "new": 0}
    current = "a"
    for run in range(RUNS):
        target = "b" if current == "a" else "a"
        set_version(content, target)
        process = start_build(content, output)
        # Anywhere from start-up to just after the swap.
        time.sleep(rng.uniform(0.05, duration * 1.15))
        process.send_signal(rng.choice(SIGNALS))
        process.wait(timeout=60)
        files = published(output)
        if files == sites[target]:
            current = target
            outcomes["new"] += 1
        else:
            assert files == sites[current], f"run {run}: neither the previous nor the new site"
            outcomes["previous"] += 1
    # Both outcomes happened: kills landed before and after the swap.
    assert outcomes["previous"] and outcomes["new"], outcomes
    # The next build cleans whatever killed builds left behind.
    subprocess.run([sys.executable, str(ROOT / "build.py"), "build", "--content", str(content), "--output",
                    str(output)], capture_output=True, check=True)
    leftovers = sorted(p.name for p in tmp_path.iterdir() if p.name.startswith(".public.") and p.is_dir())
    assert leftovers == [".public.cache"]  # kept on purpose: the retired site and the parsed issues
    assert sorted(p.name for p in (tmp_path / ".public.cache").iterdir()) == ["parsed", "previous"]


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
