"""Pagefind's chunk ranges at scale (build/chunk_bounds.py).

A generated site of a few hundred Chinese pages gives Pagefind 1.4.0 enough word
locations to split its index into chunks.  Its trimmed ranges then leave words in no
range (a chunk holding 民心 … 民警 listed as 民心 … 民): the browser loads a wrong chunk
and the word's pages are not found.  The test finds such a word in Pagefind's own
output, shows the browser missing its pages, and shows the mended bundle finding
every one.
"""
from __future__ import annotations

import random
import shutil
from pathlib import Path

import pytest

from site_builder.build import chunk_bounds
from site_builder.build.search import pagefind_output, run_pagefind
from site_builder.build.search_grams import gram_files

PAGES = 320
# Pagefind closes a chunk after 20,000 word locations and never splits a word, so a very
# frequent word ends its chunk.  Here 上 ends one chunk and 上门 the next: that chunk holds
# 上前 … 上门 and is listed as 上前 … 上 (Pagefind keeps one character past what the
# neighbouring words share), so 上午 and 上级 lie in no range, and the first chunk's
# range, 一般 … 上, is the one the browser loads for them.
CHUNK_CLOSERS = ("上", "上门")
RARE = ("上前", "上午", "上级", "民警", "民心", "公安", "交通")


def _site(folder: Path) -> None:
    """Pages of common Chinese words (kept whole by Pagefind's segmenter)."""
    rng = random.Random(7)
    for number in range(PAGES):
        words = ["一般"] * 3 + [word for word in CHUNK_CLOSERS for _ in range(70)] + ["下午"] * 5
        words += rng.sample(RARE, rng.randint(1, 4))
        rng.shuffle(words)
        page = folder / f"p{number:04d}" / "index.html"
        page.parent.mkdir(parents=True)
        page.write_text('<!doctype html><html lang="zh-Hans"><head><title>页面</title></head>'
                        f'<body><main data-pagefind-body><p>{" ".join(words)}</p></main></body></html>',
                        encoding="utf-8")


def lookup(ranges: list[tuple[str, str]], term: str) -> int | None:
    """The chunk Pagefind 1.4.0's browser code loads for one query word (pagefind_web
    `try_request_indexes`): the first range holding it, else, when no word of the
    query found one, the first whose ends match the word's prefix.  Ranges compare
    as UTF-8 bytes, as Rust strings do."""
    word = term.encode()
    bounds = [(start.encode(), end.encode()) for start, end in ranges]
    for index, (start, end) in enumerate(bounds):
        if start <= word <= end:
            return index
    for index, (start, end) in enumerate(bounds):
        low, high = min(len(word), len(start)), min(len(word), len(end))
        pieces = (word[:low], start[:low], word[:high], end[:high])
        if all(_whole(piece) for piece in pieces) and pieces[0] >= pieces[1] and pieces[2] <= pieces[3]:
            return index
    return None


def _whole(piece: bytes) -> bool:
    """Whether a cut ends on a character boundary (Rust's str::get gives None otherwise)."""
    try:
        piece.decode()
    except UnicodeDecodeError:
        return False
    return True


def _index(files: list[tuple[str, bytes]]) -> tuple[str, list[tuple[str, str]], dict[str, tuple[int, set[int]]]]:
    """The bundle's metadata name, its ranges, and each word's chunk and pages."""
    by_name = dict(files)
    meta = next(name for name in by_name if name.endswith(".pf_meta"))
    words: dict[str, tuple[int, set[int]]] = {}
    for number, chunk in enumerate(chunk_bounds.unpack(by_name[meta])[chunk_bounds.META_CHUNKS]):
        for word, pages in chunk_bounds.unpack(by_name[f"index/{chunk[2]}.pf_index"])[0]:
            words[word] = (number, {page[0] for page in pages})
    return meta, chunk_bounds.ranges_of(by_name[meta]), words


@pytest.fixture(scope="module")
def bundles(tmp_path_factory) -> tuple[Path, list[tuple[str, bytes]], list[tuple[str, bytes]]]:
    site = tmp_path_factory.mktemp("chunked")
    _site(site)
    trimmed = pagefind_output(site, None)  # Pagefind's own output, as written
    mended = chunk_bounds.with_exact_ranges(trimmed)
    return site, trimmed, mended


def test_pagefinds_trimmed_ranges_lose_words_and_exact_ranges_lose_none(bundles) -> None:
    _, trimmed, mended = bundles
    _, ranges, words = _index(trimmed)
    assert len(ranges) >= 3  # the index is chunked
    lost = [word for word, (chunk, _) in words.items() if lookup(ranges, word) != chunk]
    assert lost  # the failure, reproduced on Pagefind's own output
    _, exact, same_words = _index(mended)
    assert same_words == words  # only the ranges changed
    assert all(lookup(exact, word) == chunk for word, (chunk, _) in words.items())
    assert [start for start, _ in exact] == sorted(start for start, _ in exact)
    assert run_pagefind(bundles[0], None) == mended + gram_files(mended)  # the build mends every bundle


def test_the_browser_finds_every_page_of_a_word_pagefind_lost(bundles, browser, tmp_path: Path) -> None:
    from . import sitecheck

    site, trimmed, mended = bundles
    _, ranges, words = _index(trimmed)
    lost = sorted(word for word, (chunk, _) in words.items() if lookup(ranges, word) != chunk)
    # The pages a search for the word finds when its chunk is loaded: the word and its extensions.
    truth = {word: set().union(*(pages for other, (_, pages) in words.items() if other.startswith(word)))
             for word in lost}
    root = tmp_path / "site"
    shutil.copytree(site, root)
    for name, files in (("trimmed", trimmed), ("mended", mended)):
        for path, data in files:
            (root / name / path).parent.mkdir(parents=True, exist_ok=True)
            (root / name / path).write_bytes(data)
    script = """async ([module, words]) => {
      const pagefind = await import(module);
      const out = {};
      for (const word of words) { out[word] = (await pagefind.search(word)).results.length; }
      return out; }"""
    with sitecheck.serve_directory(root) as base:
        page = browser.new_page()
        page.goto(base + "p0000/")
        before = page.evaluate(script, ["/trimmed/pagefind.js", lost])
        page.close()
        page = browser.new_page()
        page.goto(base + "p0000/")
        after = page.evaluate(script, ["/mended/pagefind.js", lost])
        page.close()
    # Before: the first chunk is loaded, and Pagefind falls back to its word 上 (every page).
    assert any(before[word] != len(truth[word]) for word in lost), before
    assert after == {word: len(truth[word]) for word in lost}
