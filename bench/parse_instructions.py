#!/usr/bin/env python3
"""Instructions the parser executes per article, counted by valgrind (callgrind).

    python bench/parse_instructions.py [--articles 400]

Wall and CPU times on a shared host drift by 10-20 % within minutes, so a change to the
parser worth a few per cent cannot be seen in bench/parse_speed.py.  The count of
instructions is the same from run to run (hash randomisation is fixed): this runs the
parse of a generated corpus under callgrind, and the same process without the parse, and
prints the difference per article.  Needs valgrind (Debian: apt install valgrind).
"""
from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

_CHILD = """
import pickle, sys
sys.path.insert(0, {root!r})
from site_builder.ingest import parse_bytes
issues = pickle.load(open({corpus!r}, "rb"))
parse_bytes(issues[0][1], issues[0][0])  # imports, compiled patterns, the segmenter's dictionary
if {parse}:
    for name, data in issues:
        parse_bytes(data, name)
"""


def instructions(script: str) -> int:
    out = subprocess.run(
        ["valgrind", "--tool=callgrind", "--callgrind-out-file=/dev/null", sys.executable, "-c", script],
        capture_output=True, text=True, env={**os.environ, "PYTHONHASHSEED": "0"}, check=True,
    ).stderr
    return int(re.search(r"Collected : (\d+)", out).group(1))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--articles", type=int, default=400)
    args = parser.parse_args()
    if shutil.which("valgrind") is None:
        print("valgrind is not installed", file=sys.stderr)
        return 2
    sys.path.insert(0, str(ROOT))
    import pickle

    from bench.corpus import generate_corpus

    from site_builder.ingest import parse_bytes

    issues = list(generate_corpus(args.articles))
    articles = sum(len(parse_bytes(issue.data, issue.name).articles) for issue in issues)
    with tempfile.TemporaryDirectory() as folder:
        corpus = os.path.join(folder, "corpus.pickle")
        with open(corpus, "wb") as handle:
            pickle.dump([(issue.name, issue.data) for issue in issues], handle)
        parsed = instructions(_CHILD.format(root=str(ROOT), corpus=corpus, parse=True))
        idle = instructions(_CHILD.format(root=str(ROOT), corpus=corpus, parse=False))
    print(f"instructions per article: {(parsed - idle) / articles:,.0f} ({articles} generated articles)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
