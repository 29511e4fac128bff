#!/usr/bin/env python3
"""A generated archive in the real content layout, for benchmarks and scale tests.

    python bench/archive.py --articles 10000 --out /tmp/archive

Writes site.toml, the demo's tags.toml and places.toml, and one folder per
issue (content/issues/<yyyy-mm-dd>/issue.toml + the source file) from
bench/corpus.py, one issue a day.
"""
from __future__ import annotations

import argparse
import shutil
import sys
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.corpus import generate_corpus  # noqa: E402

DEMO = ROOT / "content"
FIRST_DAY = date(2015, 1, 1)


def write_archive(out: Path, articles: int, per_issue: int = 20, seed: int = 0) -> int:
    """Write the archive into `out` (created); returns the number of issues."""
    out.mkdir(parents=True, exist_ok=True)
    for name in ("site.toml", "tags.toml", "places.toml"):
        shutil.copyfile(DEMO / name, out / name)
    issues = 0
    for index, issue in enumerate(generate_corpus(articles, per_issue=per_issue, seed=seed)):
        day = FIRST_DAY + timedelta(days=index)
        folder = out / "issues" / day.isoformat()
        folder.mkdir(parents=True, exist_ok=True)
        (folder / "issue.toml").write_text(f"date = {day.isoformat()}\nnumber = {index + 1}\n", encoding="utf-8")
        suffix = ".md" if issue.style == "markdown" else ".txt"
        (folder / (Path(issue.name).stem + suffix)).write_bytes(issue.data)
        issues += 1
    return issues


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--articles", type=int, default=1000)
    parser.add_argument("--per-issue", type=int, default=20)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--out", type=Path, required=True)
    args = parser.parse_args()
    if args.out.exists():
        parser.error(f"{args.out} exists; choose a new folder")
    issues = write_archive(args.out, args.articles, args.per_issue, args.seed)
    print(f"wrote {issues} issues to {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
