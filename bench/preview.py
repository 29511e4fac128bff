"""The preview (`serve`) as a maintainer meets it, in Chromium: how long until the first page
shows, and how long from saving a source edit until the open page shows it (live reload).

    .venv/bin/python bench/preview.py                    # the demo archive (content/)
    .venv/bin/python bench/preview.py --articles 1000    # a generated archive (bench/archive.py)

Prints seconds for each; the targets are 2 s to the first page of the demo and 1 s from
an edit to the page showing it.  tests/test_serve_browser.py runs the same measurement
on the demo and prints it (times are reported, never asserted).
"""
from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
import threading
import time
from dataclasses import dataclass
from pathlib import Path

PROJECT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(PROJECT))

from site_builder.tools.serve import serve  # noqa: E402

MARK = "（预览修订）"  # what the edit adds to a paragraph


@dataclass(frozen=True)
class PreviewTimes:
    first_page: float  # from starting serve to the first page loaded in the browser
    edit_shown: float  # from writing the edit to the open page showing it
    log: tuple[str, ...]


def paragraph_to_edit(content: Path, site: Path) -> tuple[Path, str, str]:
    """A source file, a run of its text and the page (below the site) that shows that text."""
    pages = sorted(site.glob("20[0-9][0-9]/*/*/*/index.html"))
    for source in sorted((content / "issues").glob("*/*")):
        if source.suffix not in (".txt", ".md"):
            continue
        for line in source.read_text(encoding="utf-8").splitlines():
            text = line.strip()
            if len(text) < 40 or text[0] in "#!([（【*>-":
                continue
            needle = text[8:24]
            for page in pages:
                if needle in page.read_text(encoding="utf-8"):
                    return source, needle, page.parent.relative_to(site).as_posix() + "/"
    raise SystemExit(f"no paragraph of {content} found on a page of {site}")


def measure(content: Path, output: Path, browser, edit: bool = True) -> PreviewTimes:
    """Start serve on `content`, load a page, edit its source and wait until the page shows it."""
    stop, ready, log = threading.Event(), [], []
    started = time.perf_counter()
    thread = threading.Thread(target=serve, args=(content, output, 0, log.append),
                              kwargs={"stop": stop, "ready": ready.append}, daemon=True)
    thread.start()
    page = browser.new_page()
    try:
        # The server answers before its first build is done: the page is asked for as soon as
        # the address is printed (it is the old site's, or waits for the first build).
        while not any(line.startswith("serving ") for line in log):
            if not thread.is_alive() or time.perf_counter() - started > 300:
                raise RuntimeError("serve did not start: " + " | ".join(log))
            time.sleep(0.005)
        address = next(line for line in log if line.startswith("serving ")).split()[1]
        page.goto(address)
        first_page = time.perf_counter() - started
        while not ready:  # the watcher starts after the first build
            if not thread.is_alive() or time.perf_counter() - started > 300:
                raise RuntimeError("serve did not build: " + " | ".join(log))
            time.sleep(0.005)
        if not edit:
            return PreviewTimes(first_page, 0.0, tuple(log))
        source, needle, path = paragraph_to_edit(content, output)
        page.goto(ready[0] + path)
        time.sleep(1.0)  # the watcher is set up after the first page is served
        edited = time.perf_counter()
        source.write_text(source.read_text(encoding="utf-8").replace(needle, needle + MARK, 1), encoding="utf-8")
        page.wait_for_function("mark => document.body && document.body.innerText.includes(mark)", arg=MARK,
                               timeout=120_000)
        edit_shown = time.perf_counter() - edited
    finally:
        page.close()
        stop.set()
        thread.join(timeout=30)
    return PreviewTimes(first_page, edit_shown, tuple(log))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, help="a generated archive of this many articles (default: the demo)")
    args = parser.parse_args()
    from tests import sitecheck

    if not sitecheck.browser_available():
        print("needs Chromium (/usr/bin/chromium) and playwright", file=sys.stderr)
        return 2
    with tempfile.TemporaryDirectory(prefix="preview-bench-") as temp:
        content = Path(temp) / "content"
        if args.articles:
            from bench.archive import write_archive

            write_archive(content, args.articles)
            label = f"{args.articles} generated articles"
        else:
            shutil.copytree(PROJECT / "content", content)
            label = "the demo archive"
        with sitecheck.launch_browser() as browser:
            times = measure(content, Path(temp) / "out", browser)
            # Started again on the same output folder after a source edit made while it was off:
            # the old site answers at once while the first build runs.
            source = max(p for p in (content / "issues").glob("*/*") if p.suffix in (".txt", ".md"))
            source.write_text(source.read_text(encoding="utf-8") + "\n", encoding="utf-8")
            again = measure(content, Path(temp) / "out", browser, edit=False)
    print(f"{label}: first page {times.first_page:.2f} s (target 2 s), "
          f"edit shown {times.edit_shown:.2f} s (target 1 s)")
    print(f"{label}, restarted after an edit: first page {again.first_page:.2f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
