"""The render loop: the site's files made on two cores, each page by whichever process asks first.

Both processes hold the same list of page specs (made before the helper is forked,
in a fixed order); each takes the next position neither has taken (shares.py),
keeps a page whose key the published site has, and makes and writes the others.
A page never learns which process made it, nor whether it was made at all.
"""
from __future__ import annotations

from collections.abc import Callable

from site_builder.build.keys import PageKeys
from site_builder.build.shares import Helper, HelperResult, Share, helper_count
from site_builder.build.writer import OutputWriter
from site_builder.site.spec import PageSpec


def render_share(files: list[PageSpec], keys: PageKeys, writer: OutputWriter, share: Share,
                 tick: Callable[[], None] = lambda: None) -> HelperResult:
    """The files of this process's share: kept when unchanged, else made and written."""
    made = 0
    for spec in files:
        if share.mine():
            key = keys.of(spec)
            if key is not None and keys.unchanged(spec.path, key):
                writer.keep(spec.path, key)
            else:
                writer.write(spec.path, spec.make(), key)
                made += 1
        tick()
    return HelperResult(writer.written, writer.keys, writer.rewritten, made)


def render_all(files: list[PageSpec], keys: PageKeys, writer: OutputWriter, jobs: int | None,
               tick: Callable[[], None] = lambda: None) -> int:
    """Every file of the site, on two processes when it pays; returns the pages made."""
    lead, other = Share.dealt(2) if helper_count(len(files), jobs) else (Share(), None)
    helper = Helper(lambda share: render_share(files, keys, writer, share), other) if other is not None else None
    try:
        made = render_share(files, keys, writer, lead, tick).rendered
        if helper is not None:
            made += writer.merge(helper.result())
    finally:
        if helper is not None:
            helper.stop()
    return made
