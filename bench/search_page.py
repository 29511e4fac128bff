"""Long tasks on the search page of a generated archive, in Chromium: what a reader waits for.

    python bench/search_page.py                       # 2,000 generated articles, built first
    python bench/search_page.py --articles 10000
    python bench/search_page.py --site public         # an already built site (Chinese queries)

For each query: loads /search/?q=…, waits for the final count, opens the longest filter group,
and prints the long tasks (PerformanceObserver 'longtask', > 50 ms), the longest, the number of
elements in the filter panel and on the page. Timings are noisy on a shared machine: compare
runs made one after the other.
"""
from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import quote

PROJECT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(PROJECT))

from bench.archive import write_archive  # noqa: E402
from site_builder.build.pipeline import build  # noqa: E402
from tests import sitecheck  # noqa: E402

QUERIES = ("公安", "民警", "大数据")
OBSERVE = ("window.__long = []; new PerformanceObserver(list => { for (const e of list.getEntries())"
           " window.__long.push(Math.round(e.duration)); }).observe({type: 'longtask', buffered: true});")
FINAL = ("() => { const m = document.querySelector('.pagefind-ui__message');"
         " return m && /\\d/.test(m.textContent) && !document.querySelector('#search[aria-busy=true]'); }")


def measure(site: Path, queries: tuple[str, ...]) -> list[dict]:
    rows = []
    with sitecheck.serve_directory(site) as base, sitecheck.launch_browser() as browser:
        for query in queries:
            page = browser.new_page(viewport={"width": 1280, "height": 900})
            page.add_init_script(OBSERVE)
            start = time.perf_counter()
            page.goto(base + "search/?q=" + quote(query))
            page.wait_for_function(FINAL, timeout=120000)
            final = time.perf_counter() - start
            page.wait_for_timeout(1000)
            sizes = page.eval_on_selector_all(
                "details.pagefind-ui__filter-block", "ds => ds.map(d => d.querySelectorAll('*').length)")
            if sizes:
                page.click(f"details.pagefind-ui__filter-block >> nth={sizes.index(max(sizes))} >> summary")
                page.wait_for_timeout(1500)
            tasks = page.evaluate("() => window.__long")
            rows.append({
                "query": query, "final_count_s": round(final, 2), "long_tasks_ms": tasks, "longest_ms": max(tasks or [0]),
                "filter_elements": page.evaluate(
                    "() => document.querySelector('.pagefind-ui__filter-panel')?.querySelectorAll('*').length || 0"),
                "page_elements": page.evaluate("() => document.querySelectorAll('*').length"),
            })
            page.close()
    return rows


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--articles", type=int, default=2000)
    parser.add_argument("--site", type=Path, help="an already built site")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as temporary:
        site = args.site
        if site is None:
            content = Path(temporary) / "content"
            write_archive(content, args.articles)
            site = Path(temporary) / "public"
            build(content, site)
        for row in measure(site, QUERIES):
            print(json.dumps(row, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(main())
