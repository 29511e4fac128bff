"""A disk that fills at random moments: every file in content/ is its old or its new version, never torn.

`build`, `translations update` and `new-issue` run with the archive and the output on a small
tmpfs (mounted in a private mount namespace: `unshare`), filled beforehand so that only a
random number of bytes is left.  Each command must then either succeed or fail with one clear
line (exit 2), and every file of the archive must be byte for byte what it was before the
command or what the same command writes on a roomy disk.
"""
from __future__ import annotations

import json
import os
import random
import shutil
import subprocess
import sys
from pathlib import Path

from .conftest import ROOT
from .siteutil import FIXTURE_SITE

SIZE = 8 * 1024 * 1024
RUNS_PER_COMMAND = 6
NEW_ISSUE = "2024-05-01"


def commands(content: Path, output: Path, source: Path) -> dict[str, list[str]]:
    cli = [sys.executable, str(ROOT / "build.py")]
    return {
        "build": [*cli, "build", "--content", str(content), "--output", str(output), "--no-search"],
        "translations update": [*cli, "translations", "update", "--content", str(content)],
        "new-issue": [*cli, "new-issue", str(source), "--date", NEW_ISSUE, "--number", "9", "--content", str(content),
                      "--force"],
    }


def prepare(content: Path) -> None:
    """The fixture archive without its permalink record (the build writes one), with an issue of
    the date new-issue replaces (its source and issue.toml are rewritten)."""
    shutil.copytree(FIXTURE_SITE, content)
    (content / "permalinks.toml").unlink(missing_ok=True)
    for catalog in sorted((content / "translations").rglob("*.po"))[1:]:
        catalog.unlink()  # translations update creates them again
    folder = content / "issues" / NEW_ISSUE
    folder.mkdir()
    (folder / "issue.toml").write_text(f"# the desk's note\ndate = {NEW_ISSUE}\nnumber = 8\n", encoding="utf-8")
    (folder / "old.txt").write_text("旧的标题\n\n本报讯 这是被替换的一期。\n", encoding="utf-8")


def snapshot(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in folder.rglob("*") if p.is_file()}


def scenario(work: str, seed: int, mounted: bool) -> None:
    """Runs in the private mount namespace; prints one JSON report."""
    work_dir = Path(work)
    rng = random.Random(seed)
    source = work_dir / "new-source.txt"
    source.write_text("新的标题\n\n本报讯（记者 张三）这是新的一期，" + "内容很长。" * 3000 + "\n", encoding="utf-8")
    # What each command writes on a roomy disk.
    roomy = work_dir / "roomy"
    prepare(roomy / "content")
    expected: dict[str, dict[str, bytes]] = {}
    for name, command in commands(roomy / "content", roomy / "public", source).items():
        done = subprocess.run(command, capture_output=True, text=True, timeout=300)
        assert done.returncode == 0, done.stderr
        expected[name] = snapshot(roomy / "content")
    report = []
    disk = work_dir / "disk"
    disk.mkdir()
    for name in expected:
        for _ in range(RUNS_PER_COMMAND):
            if mounted:
                subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={SIZE}", "tmpfs", str(disk)], check=True)
            content, output = disk / "content", disk / "public"
            prepare(content)
            # Every command before this one has run: the state this one starts from.
            for earlier, command in commands(content, output, source).items():
                if earlier == name:
                    break
                subprocess.run(command, capture_output=True, timeout=300, check=True)
            before = snapshot(content)
            free = shutil.disk_usage(disk).free if mounted else 0
            left = rng.randrange(0, 400_000)
            limit = None
            if mounted:
                (disk / "filler").write_bytes(b"\0" * max(0, free - left))
            else:
                limit = left  # no mount here: a file-size limit makes the writes fail instead
            done = subprocess.run(commands(content, output, source)[name], capture_output=True, text=True,
                                  timeout=300, preexec_fn=_file_size_limit(limit))
            after = snapshot(content)
            torn = sorted(path for path in set(before) | set(after)
                          if after.get(path) not in (before.get(path), expected[name].get(path)))
            report.append({"command": name, "left": left, "exit": done.returncode, "torn": torn,
                           "clear": "Traceback" not in done.stderr and (done.returncode == 0 or done.returncode == 2),
                           "stderr": done.stderr[-300:]})
            if mounted:
                subprocess.run(["umount", str(disk)], check=True)
            else:
                shutil.rmtree(content)
                shutil.rmtree(output, ignore_errors=True)
    print(json.dumps(report))


def _file_size_limit(limit: int | None):
    if limit is None:
        return None

    def apply() -> None:
        import resource
        import signal

        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # a write past the limit fails (EFBIG) instead of killing
        resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))

    return apply


def _can_mount(tmp_path: Path) -> list[str] | None:
    """The unshare command that gives a private mount namespace where tmpfs can be mounted, if any."""
    probe = tmp_path / "probe"
    probe.mkdir()
    for prefix in (["unshare", "--mount", "--propagation", "private"], ["unshare", "--mount", "--map-root-user"]):
        if shutil.which(prefix[0]) is None:
            continue
        done = subprocess.run([*prefix, "mount", "-t", "tmpfs", "-o", "size=1m", "tmpfs", str(probe)],
                              capture_output=True)
        if done.returncode == 0:
            return prefix
    return None


def test_a_disk_filling_at_random_moments_never_tears_a_file_of_the_archive(tmp_path: Path) -> None:
    prefix = _can_mount(tmp_path)
    runner = [sys.executable, "-c", "import sys; from tests.test_full_disk import scenario; "
              "scenario(sys.argv[1], int(sys.argv[2]), sys.argv[3] == '1')", str(tmp_path), "20261202",
              "1" if prefix else "0"]
    done = subprocess.run([*(prefix or []), *runner], capture_output=True, text=True, cwd=ROOT, timeout=1800,
                          env={**os.environ, "PYTHONPATH": str(ROOT)})
    assert done.returncode == 0, done.stderr[-3000:]
    report = json.loads(done.stdout.strip().splitlines()[-1])
    for run in report:
        assert run["torn"] == [], run
        assert run["clear"], run
    # The disk did fill: some runs failed for it, and some had room enough.
    assert any(run["exit"] == 2 for run in report), report
    assert any(run["exit"] == 0 for run in report), report
