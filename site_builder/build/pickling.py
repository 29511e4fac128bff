"""Dataclasses pickled as a call of their constructor, for the parse cache.

By default pickle stores a slots dataclass as its class and a mapping of its
fields, which unpickling sets one at a time (a frozen one through a Python
__setstate__). Stored as the constructor and its arguments in field order, an
object is read back in under half the time and takes less room: the parse
cache is mostly such objects, and reading it back is most of reading an
archive whose sources have not changed.

The reducers are registered here, in the build layer that keeps the cache (copyreg's
dispatch table), so the model knows nothing of how it is kept.
"""
from __future__ import annotations

import copyreg
from dataclasses import fields
from operator import attrgetter

from site_builder.archive.permalinks import Entry
from site_builder.core.errors import Diagnostic, SourceSpan
from site_builder.core.model import Article, Block, Dateline, Fix, Issue, Removed

KEPT = (Block, Dateline, Article, Fix, Removed, Issue, SourceSpan, Diagnostic, Entry)


def pickled_as_call(cls: type) -> None:
    """Register cls (a dataclass) to pickle as cls(*fields)."""
    names = [f.name for f in fields(cls)]
    if any(not f.init for f in fields(cls)):
        raise TypeError(f"{cls.__name__}: every field must be an __init__ argument to be pickled as a call")
    values = attrgetter(*names)
    one = len(names) == 1

    def reduce(obj):
        found = values(obj)
        return type(obj), ((found,) if one else found)

    copyreg.pickle(cls, reduce)


for _cls in KEPT:
    pickled_as_call(_cls)
