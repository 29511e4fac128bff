"""Exact word ranges for the index chunks of a Pagefind bundle.

Pagefind splits a bundle's word index into chunks (about 20,000 word locations each)
and lists them in the bundle's metadata (`pagefind.<language>_<hash>.pf_meta`) as
`from`–`to` word ranges; the browser loads the one chunk whose range holds a query
word.  Pagefind 1.4.0 (pinned: see pyproject.toml) trims each range's ends to the
shortest prefix that tells it from its neighbour, so a chunk holding 民心 … 民警 may be
listed as 民心 … 民: 民警 sorts after 民, no range holds it, and the browser loads a
wrong chunk or none.  Chinese words share first characters so often that at archive
scale most common words are lost this way (upstream fixed the ranges after 1.4.0).

Here each range is set to its chunk's real first and last word, read from the chunk
itself, so every indexed word lies in exactly the range of the chunk that holds it.
Nothing else in the bundle changes; the metadata keeps its file name (the name is
Pagefind's hash of its own output, used only to tell versions apart).

The files are gzip streams of `pagefind_dcd` followed by CBOR (Pagefind's
`pagefind/src/output` and `pagefind_web/src/metadata.rs`); the metadata is the array
[version, pages, index_chunks, filters, sorts], each chunk [from, to, hash]; a chunk is
[words], each word [word, pages].
"""
from __future__ import annotations

import gzip
from collections.abc import Callable

import cbor2

MAGIC = b"pagefind_dcd"
META_CHUNKS = 2  # the metadata array's field that lists the index chunks


def unpack(data: bytes) -> object:
    raw = gzip.decompress(data)
    if not raw.startswith(MAGIC):
        raise ValueError("not a Pagefind data file")
    return cbor2.loads(raw[len(MAGIC):])


def pack(value: object) -> bytes:
    # mtime 0: the same bundle gives the same bytes, so a rebuild is byte-identical.
    return gzip.compress(MAGIC + cbor2.dumps(value), compresslevel=9, mtime=0)


def chunk_words(chunk: bytes) -> list[str]:
    """The words of one index chunk, in the chunk's (sorted) order."""
    words = unpack(chunk)[0]
    return [word[0] for word in words]


def exact_ranges(meta: bytes, chunk_of: Callable[[str], bytes]) -> bytes:
    """The metadata with each chunk's range set to its first and last word.

    `chunk_of(hash)` gives the bytes of the chunk file `index/<hash>.pf_index`.
    """
    fields = unpack(meta)
    for chunk in fields[META_CHUNKS]:
        words = chunk_words(chunk_of(chunk[2]))
        if words:
            chunk[0], chunk[1] = words[0], words[-1]
    return pack(fields)


def with_exact_ranges(files: list[tuple[str, bytes]]) -> list[tuple[str, bytes]]:
    """A bundle's files (path inside the bundle, bytes) with every language's metadata mended."""
    by_name = dict(files)

    def chunk_of(hash_: str) -> bytes:
        return by_name[f"index/{hash_}.pf_index"]

    return [(name, exact_ranges(data, chunk_of) if name.endswith(".pf_meta") else data)
            for name, data in files]


def ranges_of(meta: bytes) -> list[tuple[str, str]]:
    return [(chunk[0], chunk[1]) for chunk in unpack(meta)[META_CHUNKS]]
