"""What the search page shows a reader (headless Chromium on the built demo archive): whole
query words highlighted, bounded snippets, the result's date and issue once, the site's
fonts, a labelled input, sorting by date. (Which articles are found: test_search.py.)"""
from __future__ import annotations

import re
from urllib.parse import quote

import pytest

from . import sitecheck
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
