"""Listing a folder's files fast."""
from __future__ import annotations

import os
from pathlib import Path


def files_under(folder: Path) -> list[str]:
    """The files and links below `folder`, as relative POSIX paths; links are listed, not followed.

    os.scandir's entry types need no stat call per file: walking a 20,000-page
    site this way takes a fraction of Path.rglob's time.
    """
    found: list[str] = []
    stack = [(str(folder), "")]
    while stack:
        path, prefix = stack.pop()
        with os.scandir(path) as entries:
            for entry in entries:
                if entry.is_dir(follow_symlinks=False):
                    stack.append((entry.path, prefix + entry.name + "/"))
                else:
                    found.append(prefix + entry.name)
    return found
