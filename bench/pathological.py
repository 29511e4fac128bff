#!/usr/bin/env python3
"""Parse time on pathological sources, beside an ordinary issue of the same size.

    python bench/pathological.py [--megabytes 1]

Each input is one construct repeated to the given size (unclosed links and images, brackets,
emphasis runs, quotes, backticks, HTML, one endless line or many short ones), in Markdown and
print style, and texts of lines the segmenter must weigh (every line a possible headline).  Printed: seconds for each, and its ratio to an ordinary generated issue of the
same size (bench/corpus.py).  The target: no input over twice the ordinary time per byte, and
none over two seconds for one megabyte.

    ratios: worst_vs_ordinary=… worst_seconds=…
"""
from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.corpus import generate_corpus  # noqa: E402
from site_builder.core.errors import SiteBuilderError  # noqa: E402
from site_builder.ingest import parse_bytes  # noqa: E402

CONSTRUCTS = {
    "unclosed images": "![a](",
    "unclosed links": "[a](",
    "open brackets": "[",
    "nested brackets": "[[[[]]",
    "emphasis runs": "*_*_**__",
    "backticks": "`a``",
    "quotes": "“「《（",
    "html": "<a href=",
    "escapes": "\\\\[",
    "autolinks": "<http://a",
}
# Whole lines whose shape the segmenter weighs: every line a possible headline, or three of
# them over each sentence (a page of briefs at its most extreme).
SHAPES = {
    "a headline over every sentence": "公安分局开展专项行动\n\n民警在辖区内巡逻检查，发现问题及时整改。\n\n",
    "three headlines to a sentence": "(!_" * 18 + "\n" + "(" * 8 + "\n" + "(" * 13 + "\n" + "““\n",
    "a list of short lines": "张伟同志\n\n",
}


def seconds(data: bytes, name: str) -> float:
    start = time.process_time()
    try:
        parse_bytes(data, name)
    except SiteBuilderError:
        pass
    return time.process_time() - start


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--megabytes", type=float, default=1.0)
    args = parser.parse_args()
    size = int(args.megabytes * 1_000_000)
    ordinary = b""
    for issue in generate_corpus(10_000):
        ordinary += issue.data + b"\n\n"
        if len(ordinary) >= size:
            break
    base = seconds(ordinary[:size].decode("utf-8", "ignore").encode(), "ordinary.txt") / size
    worst_ratio = worst = 0.0
    print(f"{'input':32} {'style':9} {'s':>7} {'vs ordinary':>11}")
    for label, unit in CONSTRUCTS.items():
        for layout, text in (("one line", unit * (size // len(unit.encode()))),
                             ("short lines", (unit * 20 + "\n") * (size // len((unit * 20 + "\n").encode())))):
            for name, head in (("source.md", "# 标题\n\n"), ("source.txt", "标题\n\n")):
                data = (head + text).encode()
                took = seconds(data, name)
                ratio = took / len(data) / base
                worst, worst_ratio = max(worst, took), max(worst_ratio, ratio)
                print(f"{label + ', ' + layout:32} {name[7:]:9} {took:7.2f} {ratio:11.1f}")
    for label, unit in SHAPES.items():
        text = unit * (size // len(unit.encode()))
        for name in ("source.md", "source.txt"):
            data = text.encode()
            took = seconds(data, name)
            ratio = took / len(data) / base
            worst, worst_ratio = max(worst, took), max(worst_ratio, ratio)
            print(f"{label:32} {name[7:]:9} {took:7.2f} {ratio:11.1f}")
    print(f"ordinary issue text: {base * size:.2f} s for {size / 1e6:.1f} MB")
    print(f"ratios: worst_vs_ordinary={worst_ratio:.2f} worst_seconds={worst:.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
