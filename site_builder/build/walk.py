"""Listing a folder's files fast."""
from __future__ import annotations

import os
from pathlib import Path


def files_under(folder: Path, times: dict[str, int] | None = None) -> list[str]:
    """The files and links below `folder`, as relative POSIX paths; links are listed, not followed.

    os.scandir's entry types need no stat call per file: walking a 20,000-page
    site this way takes a fraction of Path.rglob's time.  `times`, when given,
    receives each folder's modification time (see unchanged_since()).
    """
    found: list[str] = []
    stack = [(str(folder), "")]
    while stack:
        path, prefix = stack.pop()
        if times is not None:
            times[prefix] = os.stat(path).st_mtime_ns
        with os.scandir(path) as entries:
            for entry in entries:
                if entry.is_dir(follow_symlinks=False):
                    stack.append((entry.path, prefix + entry.name + "/"))
                else:
                    found.append(prefix + entry.name)
    return found


def unchanged_since(folder: Path, times: dict[str, int]) -> bool:
    """Whether no file or folder was added to, removed from or renamed in any folder of
    `folder` since files_under(folder, times) listed it: each folder's modification time
    is as it was (one stat per folder instead of reading every folder again)."""
    try:
        return all(os.stat(os.path.join(folder, prefix)).st_mtime_ns == mtime for prefix, mtime in times.items())
    except OSError:
        return False
