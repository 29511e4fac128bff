"""Listing a folder's files fast (core/files.py), and telling whether any was added since."""
from __future__ import annotations

import os
from pathlib import Path

from site_builder.core.files import files_under

__all__ = ["files_under", "unchanged_since"]


def unchanged_since(folder: Path, times: dict[str, int]) -> bool:
    """Whether no file or folder was added to, removed from or renamed in any folder of
    `folder` since files_under(folder, times) listed it: each folder's modification time
    is as it was (one stat per folder instead of reading every folder again)."""
    try:
        return all(os.stat(os.path.join(folder, prefix)).st_mtime_ns == mtime for prefix, mtime in times.items())
    except OSError:
        return False
