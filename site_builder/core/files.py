"""Reading and writing the archive's files.

Reading, each file once per build: the build reads every input once at its
start, to fingerprint it (build/fingerprint.py), and keeps the bytes it read
while it runs (`once()`): every later reader of the same file - the issue
folders, the permalink record, the catalogs - gets those bytes instead of
opening the file again, and so sees the very version the fingerprint describes.
A file that could not be read raises, for each reader, the error the first read
met.  Outside a build, reading goes to the disk.

Writing a file a person owns (a catalog, the permalink record, an issue's
files), always through `write_atomic()`: a new file beside the old one, synced,
then renamed over it, so a full disk or a killed process leaves the old file
whole, never a torn one.
"""
from __future__ import annotations

import errno
import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

_kept: dict[Path, bytes | OSError] | None = None


def read_bytes(path: Path) -> bytes:
    if _kept is not None:
        found = _kept.get(path)
        if isinstance(found, OSError):
            raise found
        if found is not None:
            return found
    return path.read_bytes()


def read_text(path: Path) -> str:
    """UTF-8 text (raises UnicodeDecodeError as Path.read_text does)."""
    return read_bytes(path).decode("utf-8")


@contextmanager
def once(contents: dict[Path, bytes | OSError]) -> Iterator[None]:
    """Serve reads of these files from these bytes (or errors) while the block runs."""
    global _kept
    previous, _kept = _kept, contents
    try:
        yield
    finally:
        _kept = previous


def write_atomic(path: Path, data: bytes) -> None:
    """Replace `path` with `data` in one step: the file holds its old bytes or its new ones.

    The new bytes go to a temporary file in the same folder (so the rename stays on one
    file system), are flushed to the disk, and renamed over the old file; the folder is
    then synced so the rename itself survives a crash.  On any failure the temporary
    file is removed and the old file is untouched.
    """
    folder = path.parent
    temporary = folder / f".{path.name}.{os.getpid()}.tmp"
    handle = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_CLOEXEC, 0o644)
    try:
        try:
            if path.exists():
                os.fchmod(handle, path.stat().st_mode & 0o7777)  # a person's file keeps its mode
            view = memoryview(data)
            while view:
                view = view[os.write(handle, view):]
            os.fsync(handle)
        finally:
            os.close(handle)
        os.replace(temporary, path)
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise
    _sync_folder(folder)


def move_atomic(source: Path, target: Path) -> None:
    """Rename `source` to `target` (which must not exist) in one step, the folder synced after."""
    if target.exists():
        raise FileExistsError(errno.EEXIST, "the target exists", str(target))
    target.parent.mkdir(parents=True, exist_ok=True)
    os.replace(source, target)
    _sync_folder(target.parent)


def _sync_folder(folder: Path) -> None:
    try:
        directory = os.open(folder, os.O_RDONLY | os.O_DIRECTORY | os.O_CLOEXEC)
    except OSError:
        return  # a file system whose folders cannot be opened: the rename is all there is
    try:
        os.fsync(directory)
    except OSError:
        pass
    finally:
        os.close(directory)


def files_under(folder: Path, times: dict[str, int] | None = None,
                links: list[str] | None = None) -> list[str]:
    """The files and links below `folder`, as relative POSIX paths; links are listed, not followed.

    os.scandir's entry types need no stat call per file: walking a 20,000-page
    site this way takes a fraction of Path.rglob's time.  `times`, when given,
    receives each folder's modification time (build/walk.py); `links`, the links
    among the names (core/boundary.py checks where they lead).
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
                    if links is not None and entry.is_symlink():
                        links.append(prefix + entry.name)
    return found
