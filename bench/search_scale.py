"""Search at archive scale: recall, precision, count and time per query, ours beside a plain bundle.

    .venv/bin/python bench/search_scale.py --articles 10000
    .venv/bin/python bench/search_scale.py --site /tmp/site --content /tmp/archive   # a built site

Builds a generated archive (bench/archive.py) with search, then indexes the same
site once more as one plain Pagefind bundle (Pagefind's output as written, its
chunk ranges untouched), serves both and runs each query in headless Chromium:

- ours:  the theme's search module (static/search/pagefind.js: exact Chinese words)
         over the site's parts, merged as the search page merges them;
- plain: Pagefind's own pagefind.js over the plain bundle.

The truth is computed from the pages: an article page holds a query when the text
Pagefind reads of it (the data-pagefind-body element without its data-pagefind-ignore
parts, white space removed, NFKC) contains every word of the query.  The ignored parts
are the date and author line and the footer's tags and places: Pagefind leaves their
words out of the index and out of each result's text (they are filters, not text), so
a page naming 科技兴警 only as a tag is not one a search for 科技兴警 can find.
Printed per query: pages holding it, results, recall, precision, milliseconds to
the first results shown (ours: the early answer), to the exact count, the requests
made until then (req-count), milliseconds to the results with their URLs, and all
requests and bytes (these include reading every result's URL).
"""
from __future__ import annotations

import argparse
import re
import sys
import tempfile
import time
import unicodedata
from pathlib import Path

PROJECT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(PROJECT))

from lxml import html as lxml_html

from bench.archive import write_archive
from site_builder.build.pipeline import build
from site_builder.build.search import pagefind_command
from tests import sitecheck

QUERIES = {
    "common word": ["民警", "公安", "交通"],
    "compound term": ["大数据", "科技兴警", "枫桥经验", "无人机"],
    "place": ["呼伦贝尔", "鄂尔多斯"],
    "short word": ["上午", "机关"],
    "two words": ["公安 交通", "无人机 巡逻"],
    "split word": ["警网融合", "包片责任"],
    "absent word": ["乌兰牧骑"],
}

_RUN = """async ([module, parts, query]) => {
  const pagefind = await import(module);
  await pagefind.options({basePath: parts[0]});
  for (const part of parts.slice(1)) { await pagefind.mergeIndex(part); }
  // The site's module answers early when asked (as the search page asks): the first checked
  // results, then, when the check has ended, every result.
  const checked = new Promise((resolve) => pagefind.watch && pagefind.watch({answer() {}, checked: resolve}));
  // Requests until the count is exact (the URLs below read every result's fragment).
  performance.setResourceTimingBufferSize(1000000);
  const loaded = () => performance.getEntriesByType("resource").length;
  const before = loaded();
  const started = performance.now();
  let found = await pagefind.search(query);
  const first = performance.now() - started;
  if (found.unchecked) {
    await checked;
    found = await pagefind.search(query);
  }
  const counted = performance.now() - started;
  const countRequests = loaded() - before;
  const urls = new Array(found.results.length);
  let next = 0;
  async function worker() {
    while (next < found.results.length) { const i = next++; urls[i] = (await found.results[i].data()).url; }
  }
  await Promise.all(Array.from({length: 16}, worker));
  return {urls, first, counted, countRequests, all: performance.now() - started};
}"""


def page_texts(site: Path) -> dict[str, str]:
    """Article pages (URL → the text Pagefind reads of them), Chinese root only."""
    texts = {}
    for path in site.glob("[0-9][0-9][0-9][0-9]/*/*/*/index.html"):
        body = lxml_html.fromstring(path.read_bytes()).xpath("//*[@data-pagefind-body]")
        if body:
            for ignored in body[0].xpath(".//*[@data-pagefind-ignore]"):
                ignored.drop_tree()
            text = unicodedata.normalize("NFKC", body[0].text_content())
            texts["/" + path.relative_to(site).parent.as_posix() + "/"] = re.sub(r"\s+", "", text)
    return texts


def parts_of(site: Path) -> list[str]:
    page = (site / "search" / "index.html").read_text(encoding="utf-8")
    return re.search(r'data-parts="([^"]*)"', page).group(1).split()


def run(page, base: str, module: str, parts: list[str], query: str) -> dict:
    requests = {"count": 0, "bytes": 0}

    def seen(response) -> None:
        requests["count"] += 1
        length = response.headers.get("content-length")
        requests["bytes"] += int(length) if length and length.isdigit() else 0

    page.goto(base)
    page.on("response", seen)
    result = page.evaluate(_RUN, [module, parts, query])
    page.remove_listener("response", seen)
    return {**result, **requests}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, default=10_000)
    parser.add_argument("--site", type=Path, help="a site already built with search")
    parser.add_argument("--query", action="append", help="run only this query (again for more)")
    args = parser.parse_args(argv)
    if not sitecheck.browser_available():
        print("needs Chromium (/usr/bin/chromium) and playwright", file=sys.stderr)
        return 2
    with tempfile.TemporaryDirectory(prefix="search-scale-") as temp:
        site = args.site
        if site is None:
            content, site = Path(temp) / "content", Path(temp) / "public"
            write_archive(content, args.articles)
            started = time.perf_counter()
            report = build(content, site)
            print(f"built {report.articles} articles in {time.perf_counter() - started:.0f} s "
                  f"(search {report.phases.get('search', 0):.0f} s)")
        plain = Path(temp) / "plain"
        import subprocess

        started = time.perf_counter()
        subprocess.run(pagefind_command(site, plain, "[0-9][0-9][0-9][0-9]/**/*.html"), check=True)
        print(f"plain bundle indexed in {time.perf_counter() - started:.0f} s")
        (site / "plain-pagefind").symlink_to(plain, target_is_directory=True)
        texts = page_texts(site)
        grams = [path.stat().st_size for path in site.glob("pagefind/*/grams/*.grams")]
        bundles = sum(path.stat().st_size for path in site.glob("pagefind/**/*") if path.is_file())
        print(f"grams: {len(grams)} files, {sum(grams) / 1024:.0f} KB (all search files {bundles / 1024:.0f} KB)")
        setups = {"ours": ("/static/search/pagefind.js", parts_of(site)),
                  "plain": ("/plain-pagefind/pagefind.js", ["/plain-pagefind/"])}
        print(f"{len(texts)} Chinese article pages; parts: {len(setups['ours'][1])}")
        print(f"{'class':14} {'query':10} {'truth':>6} | " + " | ".join(
            f"{name:>5} found   R      P   ms-first ms-count req-count ms-urls  req    KB" for name in setups))
        with sitecheck.serve_directory(site) as base, sitecheck.launch_browser() as browser:
            for kind, queries in QUERIES.items():
                for query in queries:
                    if args.query and query not in args.query:
                        continue
                    words = [unicodedata.normalize("NFKC", w) for w in query.split()]
                    truth = {url for url, text in texts.items() if all(w in text for w in words)}
                    cells = []
                    for module, parts in setups.values():
                        page = browser.new_page()
                        got = run(page, base, module, parts, query)
                        page.close()
                        found = set(got["urls"])
                        hits = len(truth & found)
                        recall = hits / len(truth) if truth else 1.0
                        precision = hits / len(found) if found else (1.0 if not truth else 0.0)
                        cells.append(f"{len(found):>11} {recall:5.3f} {precision:6.3f} {got['first']:8.0f} "
                                     f"{got['counted']:8.0f} {got['countRequests']:9} "
                                     f"{got['all']:7.0f} {got['count']:4} {got['bytes'] / 1024:5.0f}")
                    print(f"{kind:14} {query:10} {len(truth):>6} | " + " | ".join(cells), flush=True)
        (site / "plain-pagefind").unlink()
    return 0


if __name__ == "__main__":
    sys.exit(main())
