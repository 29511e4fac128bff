"""A search part's exact-match index: where each pair of adjacent Chinese characters occurs.

Pagefind finds a Chinese query word by the words its segmenter cut the pages into, so
it also finds pages that hold the word's pieces apart (大数据 finds pages with 大 and
数据 anywhere).  The search module (themes/default/static/search/pagefind.js and
grams.js beside it) keeps only the results that hold each word as typed, and reads
that here instead of fetching every result's text: a page holds a word of n Chinese
characters exactly when the word's n-1 character pairs occur in it at consecutive
positions.

The text is the text the browser would check: each page's fragment as Pagefind wrote
it (the data-pagefind-body element without its data-pagefind-ignore parts), with
Pagefind's word breaks (U+200B) removed as its runtime removes them, then the search
module's plain(): the six HTML entities Pagefind writes decoded, NFKC, white space
removed; then a line break and the title, likewise.  Positions count code points.

Written beside each part's bundle, in grams/ (gzip streams of JSON, named .grams so
that no host serves them as gzip-encoded):

- pages.grams: {"version", "buckets": B, "pages": [Pagefind page id, …],
  "values": [[filter, value], …], "filters": [[value index, …] per page]};
- <k>.grams for k < B: {pair: [page delta, n, position delta × n, …]} for the pairs
  whose bucket (bucket_of) is k; pages ascending by index, each page's first position
  absolute and the rest as gaps, the page index as the gap from the previous page.

A query loads pages.grams once per part and one bucket per distinct pair of its words.
The part's grams are rebuilt whenever its bundle is (build/search.py), from that bundle.
"""
from __future__ import annotations

import gzip
import json
import re
import unicodedata
from collections import defaultdict

GRAMS = "grams/"
PAGES = GRAMS + "pages.grams"
VERSION = 1
# About this many pair occurrences per bucket (some 10-20 KB gzipped): a part of 2,000
# articles has a few million, so a few hundred buckets.
OCCURRENCES_PER_BUCKET = 12_000
MAX_BUCKETS = 1024

# The characters indexed in pairs; grams.js tests a query word against the same ranges.
# (Script=Han as Unicode has it, listed here so that both sides agree by construction.)
HAN = "\u2e80-\u2fdf\u3005\u3007\u3021-\u3029\u3038-\u303b\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003ffff"
HAN_RUN = re.compile(f"[{HAN}]{{2,}}")
SPACE = re.compile("[\\s\u00a0\u3000\ufeff\u1680\u2000-\u200a\u2028\u2029\u202f\u205f]+")
ENTITY = re.compile("&(?:amp|lt|gt|quot|#39|#x27);")
ENTITIES = {"&amp;": "&", "&lt;": "<", "&gt;": ">", "&quot;": "\"", "&#39;": "'", "&#x27;": "'"}
WORD_BREAK = "\u200b"  # Pagefind's, between the words of segmented text


def plain(text: str | None) -> str:
    """pagefind.js's plain(): entities decoded (one pass), NFKC, white space removed."""
    text = ENTITY.sub(lambda match: ENTITIES[match.group(0)], text or "")
    return SPACE.sub("", unicodedata.normalize("NFKC", text))


def page_text(fragment: dict) -> str:
    content = (fragment.get("content") or "").replace(WORD_BREAK, "")
    return plain(content) + "\n" + plain((fragment.get("meta") or {}).get("title"))


def bucket_of(pair: str, buckets: int) -> int:
    """grams.js computes the same: exact in JavaScript numbers (below 2**53)."""
    return (ord(pair[0]) * 40503 + ord(pair[1])) % buckets


def read_fragment(data: bytes) -> dict:
    raw = gzip.decompress(data)
    start = raw.find(b"{")  # after Pagefind's `pagefind_dcd` signature
    return json.loads(raw[start:])


def pack(value: object) -> bytes:
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    return gzip.compress(text.encode("utf-8"), compresslevel=6, mtime=0)  # same input, same bytes; 9 is 3x slower for 2% less


def gram_files(bundle: list[tuple[str, bytes]]) -> list[tuple[str, bytes]]:
    """The grams of a bundle (its files as (path inside the bundle, bytes)), as more such files."""
    fragments = sorted((name[len("fragment/"):-len(".pf_fragment")], data) for name, data in bundle
                       if name.startswith("fragment/") and name.endswith(".pf_fragment"))
    pages: list[str] = []
    values: dict[tuple[str, str], int] = {}
    page_values: list[list[int]] = []
    where: dict[str, dict[int, list[int]]] = defaultdict(dict)  # pair → page → positions
    occurrences = 0
    for index, (page_id, data) in enumerate(fragments):
        fragment = read_fragment(data)
        pages.append(page_id)
        page_values.append(sorted(values.setdefault((name, value), len(values))
                                  for name, names in sorted((fragment.get("filters") or {}).items())
                                  for value in names))
        for run in HAN_RUN.finditer(page_text(fragment)):
            word, start = run.group(0), run.start()
            for offset in range(len(word) - 1):
                where[word[offset:offset + 2]].setdefault(index, []).append(start + offset)
            occurrences += len(word) - 1
    buckets = 1
    while buckets < MAX_BUCKETS and occurrences / buckets > OCCURRENCES_PER_BUCKET:
        buckets *= 2
    shards: list[dict[str, list[int]]] = [{} for _ in range(buckets)]
    for pair in sorted(where):
        encoded: list[int] = []
        previous_page = 0
        for page, positions in where[pair].items():  # pages were met in ascending order
            encoded += [page - previous_page, len(positions), positions[0]]
            encoded += [b - a for a, b in zip(positions, positions[1:])]
            previous_page = page
        shards[bucket_of(pair, buckets)][pair] = encoded
    meta = {"version": VERSION, "buckets": buckets, "pages": pages,
            "values": [list(value) for value in values], "filters": page_values}
    return [(PAGES, pack(meta))] + [(f"{GRAMS}{k}.grams", pack(shard)) for k, shard in enumerate(shards)]
