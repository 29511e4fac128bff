"""Dataclasses pickled as a call of their constructor, for the parse cache.

By default pickle stores a slots dataclass as its class and a mapping of its
fields, which unpickling sets one at a time (a frozen one through a Python
__setstate__). Stored as the constructor and its arguments in field order, an
object is read back in under half the time and takes less room: the parse
cache is mostly such objects, and reading it back is most of reading an
archive whose sources have not changed.
"""
from __future__ import annotations

from dataclasses import fields
from operator import attrgetter


def pickled_as_call(cls: type) -> type:
    """Class decorator (outermost, over @dataclass): pickle instances as cls(*fields)."""
    names = [f.name for f in fields(cls)]
    if any(not f.init for f in fields(cls)):
        raise TypeError(f"{cls.__name__}: every field must be an __init__ argument to be pickled as a call")
    values = attrgetter(*names)
    one = len(names) == 1

    def __reduce__(self):
        found = values(self)
        return type(self), ((found,) if one else found)

    cls.__reduce__ = __reduce__
    return cls
