"""What the search page shows a reader (headless Chromium on the built demo archive): whole
query words highlighted, bounded snippets, the result's date and issue once, the site's
fonts, a labelled input, sorting by date. (Which articles are found: test_search.py.)"""
from __future__ import annotations

import re
from urllib.parse import quote

import pytest

from site_builder.build.pipeline import build

from . import sitecheck
from .siteutil import DEMO_CONTENT, copy_content
from .test_search import show_all, wait_for_results


@pytest.fixture(scope="module")
def served(demo):
    with sitecheck.serve_directory(demo) as base:
        yield base


def snippets(page) -> list[dict]:
    """Each excerpt shown (the result's own and its sections'): its text and its marked pieces."""
    return page.eval_on_selector_all(
        ".pagefind-ui__result-excerpt",
        """ps => ps.map(p => { const s = p.querySelector('.search-snippet') || p;
             return {text: s.textContent, marks: [...s.querySelectorAll('mark')].map(m => m.textContent)}; })""")


@pytest.mark.parametrize("query, words", [("大数据", ["大数据"]), ("呼和浩特", ["呼和浩特"]),
                                          ("科技 兴警", ["科技", "兴警"])])
def test_a_chinese_query_highlights_its_whole_words_and_nothing_else(browser, served, query, words):
    # Pagefind looks 大数据 up by 大 and marked 大 everywhere (in 大模型, 大讲堂); 呼和浩特 by 呼.
    page = browser.new_page()
    page.goto(served + "search/?q=" + quote(query))
    wait_for_results(page)
    show_all(page)
    shown = snippets(page)
    assert shown
    marks = [mark for snippet in shown for mark in snippet["marks"]]
    assert marks and set(marks) <= set(words), marks
    for snippet in shown:
        # every occurrence of a word in a snippet is marked (the marks are whole occurrences)
        assert sum(snippet["text"].count(word) for word in words) == len(snippet["marks"]), snippet
    # a section (sub-result) is listed only when it holds the query
    nested = page.eval_on_selector_all(
        ".pagefind-ui__result-nested .search-snippet", "spans => spans.map(s => s.textContent)")
    assert all(any(word in text for word in words) for text in nested), nested
    page.close()


def test_marks_are_escaped_text(browser, served):
    # The excerpt is rebuilt from the page's text: what the text holds stays text.
    page = browser.new_page()
    page.goto(served + "search/?q=" + quote("大数据"))
    wait_for_results(page)
    html = page.eval_on_selector_all(".search-snippet", "spans => spans.map(s => s.innerHTML)")
    for snippet in html:
        assert re.sub(r"</?mark>", "", snippet).count("<") == 0, snippet
    page.close()


def test_snippets_are_bounded_in_every_language(browser, served, tmp_path):
    """Pagefind cuts an excerpt at 30 words, and Chinese text on an English page (a quotation
    left in Chinese) is one word: English search showed 1,000-character snippets."""
    content = copy_content(DEMO_CONTENT, tmp_path / "content")
    catalog = next((content / "translations" / "en" / "2024-07-11").glob("e-er-duo-si*.po"))
    original = "前几日，家住鄂尔多斯市东胜区园丁社区的张大爷在老伴儿的陪伴下坐着轮椅过马路时，"
    text = catalog.read_text(encoding="utf-8")
    assert "A few days earlier, Zhang" in text
    quoted = "A few days earlier, Zhang, whose wheelchair broke, told it himself: " + original * 12 + " A few"
    catalog.write_text(text.replace("A few days earlier, Zhang", quoted, 1), encoding="utf-8")
    output = tmp_path / "public"
    build(content, output)
    with sitecheck.serve_directory(output) as base:
        page = browser.new_page()
        for path in ("en/search/?q=wheelchair", "en/search/?q=police", "search/?q=" + quote("公安"),
                     "search/?q=" + quote("轮椅")):
            page.goto(base + path)
            wait_for_results(page)
            show_all(page)
            lengths = [len(snippet["text"]) for snippet in snippets(page)]
            assert lengths and max(lengths) <= 300, (path, lengths)
            assert min(lengths) > 0, (path, lengths)
        page.goto(base + "en/search/?q=wheelchair")
        wait_for_results(page)
        marked = [s for s in snippets(page) if "wheelchair" in s["marks"]]
        assert marked, snippets(page)  # the cut keeps the match
        page.close()


@pytest.mark.parametrize("width", [1280, 390])
@pytest.mark.parametrize("path, label", [("search/?q=" + quote("大数据"), "搜索档案"),
                                         ("en/search/?q=police", "Search the archive")])
def test_results_in_the_sites_fonts_with_a_labelled_input_and_their_date_once(browser, served, path, label, width):
    page = browser.new_page(viewport={"width": width, "height": 900})
    page.goto(served + path)
    wait_for_results(page)
    assert page.get_by_role("textbox", name=label).count() == 1
    styles = page.evaluate("""() => {
      const style = (selector) => { const c = getComputedStyle(document.querySelector(selector));
        return {family: c.fontFamily, size: parseFloat(c.fontSize)}; };
      const main = document.querySelector('main').getBoundingClientRect();
      return {heading: style('main h1'), body: style('main'), excerpt: style('.pagefind-ui__result-excerpt'),
              title: style('.pagefind-ui__result-title'), message: style('.pagefind-ui__message'),
              results: document.querySelector('.pagefind-ui__results-area').getBoundingClientRect().width,
              main: main.width, overflow: document.documentElement.scrollWidth - window.innerWidth};
    }""")
    # Pagefind's own: a Latin system stack without a CJK font, 12.8 px text beside 17 px.
    for part in ("excerpt", "title", "message"):
        assert styles[part]["family"] == styles["heading"]["family"], (part, styles)
    assert styles["excerpt"]["size"] == styles["body"]["size"] == styles["message"]["size"]
    assert styles["title"]["size"] > styles["excerpt"]["size"]
    # The results take the page's measure (they had 415 of 672 px beside the filters).
    assert styles["results"] >= styles["main"] - 40 and styles["overflow"] <= 0, styles
    results = page.eval_on_selector_all(".pagefind-ui__result", """items => items.map(item => ({
      title: item.querySelector('.pagefind-ui__result-title').textContent,
      meta: (item.querySelector('.search-meta') || {}).textContent, text: item.innerText,
      snippet: item.querySelector('.search-snippet').textContent}))""")
    assert page.locator(".pagefind-ui__result-tags").count() == 0  # Pagefind's "Date: …" tags
    for result in results:
        date = result["meta"].split(" · ")[0]
        assert re.search(r"\d{4}", date) and result["text"].count(date) == 1, result
        # the title is above the snippet, not repeated in it with ". "
        assert result["title"] + "." not in result["snippet"] and not result["snippet"].startswith(result["title"])
    page.close()


MONTHS = {name: number for number, name in enumerate(
    ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
     "November", "December"], start=1)}


def day_of(meta: str) -> tuple[int, int, int]:
    """The date of a result's metadata line: 2024年8月13日 · 第5期, or 13 August 2024 · Issue 5."""
    chinese = re.match(r"(\d{4})年(\d{1,2})月(\d{1,2})日", meta)
    if chinese:
        return int(chinese[1]), int(chinese[2]), int(chinese[3])
    day, month, year = re.match(r"(\d{1,2}) (\w+) (\d{4})", meta).groups()
    return int(year), MONTHS[month], int(day)


@pytest.mark.parametrize("path", ["search/?q=" + quote("公安"), "en/search/?q=police"])
def test_sorting_by_date_lists_the_newest_first(browser, served, path):
    # Pagefind sorts each part of the index and merges the parts by score: the demo's "公安"
    # came 2023-12, 2024-02, 2022-08, 2023-12, … Its relevance order is not by date either.
    page = browser.new_page()
    page.goto(served + path)
    wait_for_results(page)
    show_all(page)
    relevance = [day_of(meta) for meta in page.eval_on_selector_all(".search-meta", "m => m.map(x => x.textContent)")]
    assert relevance != sorted(relevance, reverse=True)
    page.select_option("#search-sort", "date")
    wait_for_results(page)
    show_all(page)
    dated = [day_of(meta) for meta in page.eval_on_selector_all(".search-meta", "m => m.map(x => x.textContent)")]
    assert dated == sorted(relevance, reverse=True)
    page.select_option("#search-sort", "")
    wait_for_results(page)
    page.wait_for_timeout(500)
    show_all(page)
    again = [day_of(meta) for meta in page.eval_on_selector_all(".search-meta", "m => m.map(x => x.textContent)")]
    assert again == relevance
    page.close()


def test_a_long_filter_group_lists_its_most_frequent_values_and_finds_the_others(browser, tmp_path):
    """Pagefind's UI drew every value of every group: 9,000 authors at 10,000 articles were 28,000
    nodes and froze the page for seconds (bench/search_page.py measures it)."""
    from bench.archive import write_archive

    write_archive(tmp_path / "content", 300, per_issue=20)
    output = tmp_path / "public"
    build(tmp_path / "content", output)
    with sitecheck.serve_directory(output) as base:
        page = browser.new_page()
        page.goto(base + "search/?q=" + quote("公安"))
        wait_for_results(page)
        every = page.evaluate("async () => (await import('/static/search/pagefind.js')).filters()")["作者"]
        assert len(every) > 100
        group = "details.pagefind-ui__filter-block:has(summary:text-is('作者'))"
        listed = page.eval_on_selector_all(group + " input", "boxes => boxes.map(b => b.value)")
        assert len(listed) == 30
        assert page.eval_on_selector(".pagefind-ui__filter-panel", "p => p.querySelectorAll('*').length") < 600
        # the box finds an author who is not listed; ticking it narrows the results
        other = next(name for name in sorted(every) if name not in listed and len(name) >= 2)
        page.click(group + " summary")
        assert page.is_visible("#search-narrow")
        page.fill("#search-narrow", other)
        box = f"{group} input[value='{other}']"
        page.wait_for_selector(box, timeout=20000)
        before = page.inner_text(".pagefind-ui__message")
        page.check(box)
        page.wait_for_function("(m) => document.querySelector('.pagefind-ui__message').textContent !== m", arg=before,
                               timeout=20000)
        wait_for_results(page)
        show_all(page)
        urls = page.eval_on_selector_all(".pagefind-ui__result > .pagefind-ui__result-inner > .pagefind-ui__result-title a",
                                         "links => links.map(a => a.getAttribute('href'))")
        assert urls
        for url in urls[:3]:
            article = (output / url.strip("/") / "index.html").read_text(encoding="utf-8")
            assert other in article
        # the ticked author stays listed when the box is emptied
        page.fill("#search-narrow", "")
        page.wait_for_timeout(800)
        assert page.is_checked(box)
        page.close()


def test_the_date_order_reads_no_result_it_does_not_show(browser, served):
    """Each result's part (a run of dates) is known from the part's page list: putting the
    results in date order reads only the results the page shows, not every result."""
    page = browser.new_page()
    fragments: list[str] = []
    page.on("request", lambda request: fragments.append(request.url) if "/fragment/" in request.url else None)
    page.goto(served + "search/?q=" + quote("公安"))
    wait_for_results(page)
    shown = page.locator(".pagefind-ui__result").count()
    total = int(re.search(r"\d+", page.inner_text(".pagefind-ui__message")).group())
    assert total > 2 * shown
    page.select_option("#search-sort", "date")
    wait_for_results(page)
    page.wait_for_timeout(300)
    assert len(set(fragments)) <= 2 * shown < total, (len(set(fragments)), shown, total)
    page.close()
