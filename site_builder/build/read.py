"""Reading the archive: every issue parsed once, on two cores when the archive is large.

A forked helper and this process each take the next issue folder neither has taken
(shares.py) and put its parse into the parse cache; load_library (archive/) then
finds every parse there.  The permalink record's parse, the one long piece, goes
to the helper first.
"""
from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from site_builder.archive.fixes import fixes_key
from site_builder.archive.folders import (
    Vocabulary,
    derive,
    issue_folders,
    issue_input,
    load_library,
)
from site_builder.archive.library import Library
from site_builder.archive.permalinks import PermalinkRecord
from site_builder.archive.vocabulary import load_places, load_tags
from site_builder.build.cache import ParseCache
from site_builder.build.shares import Helper, Share, helper_count
from site_builder.core import files
from site_builder.core.config import SiteConfig
from site_builder.core.errors import SiteBuilderError


def read_library(config: SiteConfig, cache: ParseCache, jobs: int | None = None) -> Library:
    """The library, its issues parsed into the cache first (in two processes when it pays)."""
    read_in_two(config, cache, jobs)
    with kept_to_the_end():
        return load_library(config, cache)


@contextmanager
def kept_to_the_end() -> Iterator[None]:
    """For objects that live until the build ends (the library): the cycle collector is off while
    they are made and then never walks them again (gc.freeze; build() unfreezes at its end).

    Otherwise it walks them over and over while they are made, and whenever it looks at old
    objects afterwards: about a fifth of reading an archive from the parse cache. Frozen, they
    are also left untouched in a forked helper, which then shares their memory instead of copying it.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
        gc.freeze()
    finally:
        if enabled:
            gc.enable()


def read_in_two(config: SiteConfig, cache: ParseCache, jobs: int | None = None) -> None:
    """Parse a large archive on two cores: a helper process and this one each put half into the cache."""
    folders = issue_folders(config)
    if not helper_count(20 * len(folders), jobs):
        return

    def helper_work(share: Share) -> None:
        # The permalink record first: its parse is the one long piece, and it is cached for load_library.
        try:
            PermalinkRecord.load(config.content, cache)
        except SiteBuilderError:
            pass  # load_library reports it
        prepare(config, folders, cache, share)

    lead, other = Share.dealt(2)
    helper = Helper(helper_work, other)
    try:
        prepare(config, folders, cache, lead)
        helper.result()
    except SiteBuilderError:
        pass  # load_library parses whatever is missing, and reports the problems itself
    finally:
        helper.stop()


def prepare(config: SiteConfig, folders: list[Path], cache: ParseCache, share: Share | None = None) -> None:
    """derive() the sources of `folders` into the cache ahead of load_library, which then finds them there.

    Run by two processes at once, each taking the next folder neither has taken
    (`share`): the parse is the costly part of reading.  Anything wrong is left
    for load_library to report.
    """
    vocabulary = Vocabulary(load_tags(config), load_places(config))
    root = config.content.resolve()
    share = share or Share()
    for folder in folders:
        if not share.mine():
            continue  # the other process's
        found = issue_input(folder, root)
        if found is None:
            continue
        source, fixes = found
        try:
            data = files.read_bytes(source)
            if not cache.has(data, str(source), vocabulary.key + fixes_key(fixes)):
                derive(data, source, vocabulary, cache, fixes)
        except (SiteBuilderError, OSError):
            continue
