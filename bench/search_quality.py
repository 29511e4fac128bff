"""Search quality: recall and precision of the site's search, Pagefind's defaults beside ours.

    .venv/bin/python bench/search_quality.py            # the demo archive in content/
    .venv/bin/python bench/search_quality.py --json     # the figures as JSON too

Builds the demo site (a copy of content/) into a temporary folder, serves it on
127.0.0.1 and runs every query in headless Chromium (Debian's /usr/bin/chromium
through Playwright) through Pagefind's JS API, three ways, all on the same index:

- defaults: Pagefind's own `pagefind.js`, the query as typed;
- quoted:   Pagefind's exact-phrase search, each word as `"word"`, results intersected
            (an idea measured and dropped: it loses two thirds of the Chinese hits);
- ours:     the theme's `static/search/pagefind.js`, the module the search page's UI
            loads: Pagefind, then exact matching of Chinese words on each result's text.

The truth for a query is computed from the article texts, not from the index:
a Chinese page is relevant when its text (headline, kicker, subtitle, dateline,
paragraphs, sub-heads, captions; white space removed, NFKC) contains every word
of the query as a string; an English page when its text has every query word at
the start of a word (case-insensitive; Pagefind stems English, so "patrol" is
meant to find "patrols").

Recall and precision are summed over the queries of a class (micro-averaged):
recall = found relevant / relevant, precision = found relevant / found.
"""
from __future__ import annotations

import argparse
import json
import re
import shutil
import sys
import tempfile
import time
import tomllib
import unicodedata
from pathlib import Path

PROJECT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(PROJECT))

from lxml import html as lxml_html  # noqa: E402

from site_builder.archive.folders import load_library  # noqa: E402
from site_builder.build.pipeline import build  # noqa: E402
from site_builder.core.config import load_config  # noqa: E402
from site_builder.site.urls import article_path  # noqa: E402
from tests import sitecheck  # noqa: E402

COMMON = ["公安", "民警", "群众", "安全", "工作", "交通", "治安", "服务", "社会", "警务", "开展", "违法",
          "平安", "救援", "巡逻", "基层", "旅游", "活动"]
TERMS_AND_NAMES = ["大数据", "科技兴警", "无人机", "智慧公安", "乌兰牧骑", "枫桥经验", "接诉即办", "党规党纪",
                   "从严治党", "群防群治", "警务室", "派出所", "空中哨兵", "交管局", "新质公安战斗力", "冰雪旅游",
                   "皇甫华", "郑若超", "张大爷", "习近平", "马头琴", "看守所", "异常业务", "电诈"]
TWO_WORDS = ["公安 交通", "民警 救援", "无人机 巡逻", "大数据 警务", "鄂尔多斯 平安", "乌兰牧骑 演出",
             "呼伦贝尔 冰雪", "通辽 比武", "廉洁 文化", "交管 隐患", "社区 警务室", "科技 创新"]
ENGLISH = ["police", "traffic", "patrol", "drone", "rescue", "technology", "winter", "Ordos", "safety",
           "tourism", "traffic police", "public security", "integrity", "community", "Hulunbuir"]

HAN = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")


def plain(text: str) -> str:
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", text))


def chinese_texts(content: Path) -> dict[str, str]:
    """URL -> the article's text, from the parsed sources (not from the built pages)."""
    library = load_library(load_config(content))
    base = library.config.base_path
    texts = {}
    for article in library.articles:
        a = article.article
        parts = [a.kicker or "", a.title or "", a.subtitle or ""]
        if a.dateline:
            parts.append(a.dateline.printed + a.dateline.credit)
        parts += [b.text or b.caption or "" for b in a.blocks]
        texts[base + article_path(article)] = plain("".join(parts))
    return texts


def english_texts(site: Path) -> dict[str, str]:
    """URL -> the visible text of each English article (the part the index is meant to hold)."""
    texts = {}
    for page in sorted((site / "en").glob("[0-9][0-9][0-9][0-9]/*/*/*/index.html")):
        tree = lxml_html.fromstring(page.read_bytes())
        [body] = tree.xpath("//*[@data-pagefind-body]") or [None]
        if body is None:
            continue
        for ignored in body.xpath(".//*[@data-pagefind-ignore]"):
            ignored.getparent().remove(ignored)
        url = "/" + page.parent.relative_to(site).as_posix() + "/"
        texts[url] = " ".join(body.text_content().split()).lower()
    return texts


def place_queries(content: Path) -> list[str]:
    data = tomllib.loads((content / "places.toml").read_text(encoding="utf-8"))
    names: list[str] = []
    for place in data.get("place", []):
        for name in [place.get("zh-Hans", "")] + list(place.get("aliases", [])):
            if name and HAN.search(name) and name not in names:
                names.append(name)
    return names


def tag_terms(content: Path) -> list[str]:
    data = tomllib.loads((content / "tags.toml").read_text(encoding="utf-8"))
    terms: list[str] = []
    for tag in data.get("tag", []):
        for term in [tag.get("zh-Hans", "")] + list(tag.get("terms", [])):
            if term and term not in terms:
                terms.append(term)
    return terms


def truth_chinese(query: str, texts: dict[str, str]) -> set[str]:
    words = [plain(w) for w in query.split()]
    return {url for url, text in texts.items() if all(w in text for w in words)}


def truth_english(query: str, texts: dict[str, str]) -> set[str]:
    patterns = [re.compile(r"\b" + re.escape(w.lower())) for w in query.split()]
    return {url for url, text in texts.items() if all(p.search(text) for p in patterns)}


_RUN = """async ([module, queries, quoted]) => {
  const pagefind = await import(module);
  await pagefind.options({});
  const out = {};
  for (const query of queries) {
    const started = performance.now();
    // quoted: each word as Pagefind's exact phrase ("大数据"), one search per word, results intersected
    let found;
    if (quoted) {
      const words = query.split(/\\s+/);
      const each = await Promise.all(words.map((w) => pagefind.search(`"${w}"`)));
      const ids = each.slice(1).map((r) => new Set(r.results.map((x) => x.id)));
      found = {results: each[0].results.filter((x) => ids.every((set) => set.has(x.id)))};
    } else {
      found = await pagefind.search(query);
    }
    const datas = await Promise.all(found.results.map((r) => r.data()));
    out[query] = {urls: datas.map((d) => d.url), ms: performance.now() - started};
  }
  return out;
}"""


def run_queries(page, base: str, language_root: str, module: str, queries: list[str], quoted: bool) -> dict:
    page.goto(base + language_root.lstrip("/"))
    return page.evaluate(_RUN, [module, queries, quoted])


def score(rows: list[tuple[set[str], set[str]]]) -> tuple[float, float]:
    relevant = sum(len(t) for t, _ in rows)
    found = sum(len(r) for _, r in rows)
    hits = sum(len(t & r) for t, r in rows)
    recall = hits / relevant if relevant else 1.0
    precision = hits / found if found else (1.0 if not relevant else 0.0)
    return recall, precision


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--content", type=Path, default=PROJECT / "content")
    parser.add_argument("--json", action="store_true", help="also print the figures as JSON")
    parser.add_argument("--show-misses", action="store_true", help="list the queries that miss or over-match")
    args = parser.parse_args(argv)
    if not sitecheck.browser_available():
        print("needs Chromium (/usr/bin/chromium) and playwright", file=sys.stderr)
        return 2

    with tempfile.TemporaryDirectory(prefix="search-quality-") as temp:
        content = shutil.copytree(args.content, Path(temp) / "content")
        site = Path(temp) / "public"
        started = time.perf_counter()
        report = build(content, site)
        print(f"built {report.articles} articles in {time.perf_counter() - started:.1f}s "
              f"(search indexing {report.phases.get('search', 0):.1f}s)")
        zh_texts = chinese_texts(content)
        en_texts = english_texts(site)
        terms = TERMS_AND_NAMES + [t for t in tag_terms(content) if t not in TERMS_AND_NAMES]
        classes: dict[str, tuple[str, list[str]]] = {
            "common words": ("zh", COMMON),
            "terms and names": ("zh", terms),
            "places": ("zh", place_queries(content)),
            "two words": ("zh", TWO_WORDS),
            "English (/en/)": ("en", ENGLISH),
        }
        # name: (module, each word searched as Pagefind's quoted exact phrase)
        setups = {"defaults": ("/pagefind/pagefind.js", False), "quoted": ("/pagefind/pagefind.js", True),
                  "ours": ("/static/search/pagefind.js", False)}
        results: dict[str, dict[str, dict]] = {}
        with sitecheck.serve_directory(site) as base, sitecheck.launch_browser() as browser:
            for setup, (module, quoted) in setups.items():
                results[setup] = {}
                for language, root in (("zh", "/"), ("en", "/en/")):
                    queries = sorted({q for lang, qs in classes.values() if lang == language for q in qs})
                    page = browser.new_page()  # a fresh page: one Pagefind instance per language
                    results[setup].update({(language, q): v for q, v in
                                           run_queries(page, base, root, module, queries, quoted).items()})
                    page.close()

    table = []
    totals: dict[str, list] = {s: [] for s in setups}
    misses: list[str] = []
    for name, (language, queries) in classes.items():
        texts = zh_texts if language == "zh" else en_texts
        truth_of = truth_chinese if language == "zh" else truth_english
        row = {"class": name, "queries": len(queries),
               "relevant": sum(len(truth_of(q, texts)) for q in queries)}
        for setup in setups:
            pairs = []
            for q in queries:
                truth = truth_of(q, texts)
                got = set(results[setup][(language, q)]["urls"])
                pairs.append((truth, got))
                if args.show_misses and (truth - got or got - truth):
                    misses.append(f"{setup:8} {name:16} {q}: missed {sorted(truth - got)} extra {sorted(got - truth)}")
            recall, precision = score(pairs)
            row[setup] = {"recall": recall, "precision": precision,
                          "ms": sum(results[setup][(language, q)]["ms"] for q in queries) / len(queries)}
            if language == "zh":
                totals[setup] += pairs
        table.append(row)
    overall = {"class": "Chinese overall", "queries": sum(r["queries"] for r in table[:4]),
               "relevant": sum(r["relevant"] for r in table[:4])}
    for setup in setups:
        recall, precision = score(totals[setup])
        overall[setup] = {"recall": recall, "precision": precision}
    table.append(overall)

    print(f"{len(zh_texts)} Chinese article pages, {len(en_texts)} English; "
          f"{sum(r['queries'] for r in table[:-1])} queries")
    header = f"{'class':18} {'queries':>7} {'relevant':>8}"
    for setup in setups:
        header += f"  {setup + ' R':>11} {'P':>6}"
    print(header + f"  {'ms/query (ours)':>15}")
    for row in table:
        line = f"{row['class']:18} {row['queries']:>7} {row['relevant']:>8}"
        for setup in setups:
            line += f"  {row[setup]['recall']:>11.3f} {row[setup]['precision']:>6.3f}"
        ms = f"{row['ours']['ms']:.1f}" if "ms" in row["ours"] else ""
        print(line + f"  {ms:>15}")
    for line in misses:
        print(line)
    if args.json:
        print(json.dumps(table, ensure_ascii=False, indent=1))
    ours = overall["ours"]
    chinese_ok = ours["recall"] >= 0.98 and ours["precision"] >= 0.95
    classes_ok = all(min(r["ours"]["recall"], r["ours"]["precision"]) >= 0.9 for r in table)
    print("targets (Chinese R >= 0.98, P >= 0.95; no class below 0.9):",
          "met" if chinese_ok and classes_ok else "NOT met")
    return 0 if chinese_ok and classes_ok else 1


if __name__ == "__main__":
    sys.exit(main())
