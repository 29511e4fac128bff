#!/usr/bin/env python3
"""Parse throughput on a generated archive, on one core.

    python bench/parse_speed.py [--articles 10000] [--repeat 3]

Generates the archive in memory (bench/corpus.py, all three source styles with
the damage the parser repairs), parses it in this one process, and prints
articles per second, MB per second, and how time grows with input size
(time per article at N divided by time per article at N/10: 1.0 is linear).
The target is 5,000 articles per second on one core.
"""
from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.corpus import generate_corpus  # noqa: E402
from site_builder.ingest import parse_bytes  # noqa: E402

TARGET_ARTICLES_PER_SECOND = 5000


def best_cpu_seconds(issues, repeat: int) -> tuple[float, int]:
    best = float("inf")
    articles = 0
    for _ in range(repeat):
        start = time.process_time()
        articles = sum(len(parse_bytes(issue.data, issue.name).articles) for issue in issues)
        best = min(best, time.process_time() - start)
    return best, articles


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--articles", type=int, default=10_000)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()

    small = list(generate_corpus(max(args.articles // 10, 20)))
    large = list(generate_corpus(args.articles))
    small_seconds, small_articles = best_cpu_seconds(small, args.repeat)
    large_seconds, large_articles = best_cpu_seconds(large, args.repeat)
    megabytes = sum(len(issue.data) for issue in large) / 1e6
    rate = large_articles / large_seconds
    growth = (large_seconds / large_articles) / (small_seconds / small_articles)

    print(f"issues parsed:      {len(large)} ({large_articles} articles, {megabytes:.1f} MB)")
    print(f"cpu time (best of {args.repeat}): {large_seconds:.3f} s")
    print(f"throughput:         {rate:,.0f} articles/s, {megabytes / large_seconds:.1f} MB/s on one core")
    print(f"time per article at {large_articles} vs {small_articles} articles: {growth:.2f}x (1.0 = linear)")
    print(
        f"ratios: throughput_vs_target={rate / TARGET_ARTICLES_PER_SECOND:.2f} "
        f"linearity={growth:.2f}"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
