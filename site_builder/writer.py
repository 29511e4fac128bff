"""Writing the site without ever losing anything.

The site is written into a fresh staging folder beside the output and swapped
in only when complete, in one atomic step where the system allows it
(renameat2 RENAME_EXCHANGE on Linux), so a failed or interrupted build leaves
the previous site as it was.  A lock beside the output keeps a second build
from writing at the same time.  The output folder carries a manifest of what the build wrote;
a folder holding anything else is refused, never deleted.
"""
from __future__ import annotations

import ctypes
import errno
import fcntl
import json
import os
import shutil
from pathlib import Path, PurePosixPath

from .errors import SiteBuilderError, SourceSpan

MANIFEST = ".site-builder-manifest.json"
STAGING = ".{name}.building-{pid}"
RETIRED = ".{name}.old-{pid}"
LOCK = ".{name}.lock"
_RENAME_EXCHANGE = 2
_AT_FDCWD = -100


def exchange(first: Path, second: Path) -> bool:
    """Swap two directories in one atomic step (Linux renameat2); False where unsupported."""
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        renameat2 = libc.renameat2
    except (OSError, AttributeError):
        return False
    renameat2.argtypes = [ctypes.c_int, ctypes.c_char_p, ctypes.c_int, ctypes.c_char_p, ctypes.c_uint]
    result = renameat2(_AT_FDCWD, os.fsencode(first), _AT_FDCWD, os.fsencode(second), _RENAME_EXCHANGE)
    if result == 0:
        return True
    error = ctypes.get_errno()
    if error in (errno.EINVAL, errno.ENOSYS, errno.EOPNOTSUPP, errno.EXDEV):
        return False
    raise OSError(error, os.strerror(error), str(second))


class BuildLock:
    """One build at a time per output folder: a second one is refused with a clear message."""

    def __init__(self, output: Path) -> None:
        self.path = output.parent / LOCK.format(name=output.name)
        self.handle = None

    def acquire(self) -> None:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        handle = open(self.path, "a+", encoding="utf-8")
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            handle.seek(0)
            holder = handle.read().strip() or "another process"
            handle.close()
            raise SiteBuilderError(
                f"another build (pid {holder}) is writing {self.path.parent / self.path.name[1:-5]}",
                SourceSpan(str(self.path)),
                hint="wait for it to finish, or build into another --output",
            ) from None
        handle.seek(0)
        handle.truncate()
        handle.write(str(os.getpid()))
        handle.flush()
        self.handle = handle

    def release(self) -> None:
        if self.handle is not None:
            fcntl.flock(self.handle, fcntl.LOCK_UN)
            self.handle.close()
            self.handle = None


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


class OutputWriter:
    def __init__(self, output: Path) -> None:
        self.output = output
        self.staging = output.parent / STAGING.format(name=output.name, pid=os.getpid())
        self.written: set[str] = set()
        self.lock = BuildLock(output)

    def check(self) -> None:
        """Refuse an output folder that holds files this tool did not write."""
        output = self.output
        if output.exists() and not output.is_dir():
            raise SiteBuilderError("the output path is a file, not a folder", SourceSpan(str(output)))
        if not output.is_dir():
            return
        entries = [p for p in output.rglob("*") if p.is_file() or p.is_symlink()]
        if not entries:
            return
        manifest = output / MANIFEST
        if not manifest.is_file():
            raise SiteBuilderError(
                "the output folder holds files that site_builder did not write",
                SourceSpan(str(output)),
                hint="choose another --output folder, or empty this one yourself",
            )
        try:
            known = set(json.loads(manifest.read_text(encoding="utf-8"))["files"])
        except (ValueError, KeyError, TypeError):
            raise SiteBuilderError("the output folder's manifest is damaged", SourceSpan(str(manifest)),
                                   hint="choose another --output folder") from None
        foreign = sorted(p.relative_to(output).as_posix() for p in entries
                         if p.relative_to(output).as_posix() not in known and p.name != MANIFEST)
        if foreign:
            listed = ", ".join(foreign[:5]) + (" …" if len(foreign) > 5 else "")
            raise SiteBuilderError(
                f"the output folder holds {len(foreign)} file(s) site_builder did not write: {listed}",
                SourceSpan(str(output)),
                hint="move them elsewhere; the build never deletes files it did not create",
            )

    def start(self) -> None:
        self.lock.acquire()
        try:
            self.check()
            self.output.parent.mkdir(parents=True, exist_ok=True)
            self.clean_stale()
            self.staging.mkdir()
        except BaseException:
            self.lock.release()
            raise

    def clean_stale(self) -> None:
        """Staging folders left by builds that were killed."""
        for pattern in (STAGING, RETIRED):
            prefix = pattern.format(name=self.output.name, pid="")
            for leftover in self.output.parent.glob(prefix + "*"):
                pid = leftover.name[len(prefix):]
                if pid.isdigit() and not _alive(int(pid)) and leftover.is_dir():
                    shutil.rmtree(leftover, ignore_errors=True)

    def write(self, path: str, data: bytes) -> None:
        relative = PurePosixPath(path)
        if relative.is_absolute() or ".." in relative.parts or not relative.parts:
            raise SiteBuilderError(f"refusing to write outside the output folder: {path}")
        key = relative.as_posix()
        if key in self.written:
            raise SiteBuilderError(f"two pages want the same file: {key}",
                                   hint="two articles or pages have the same address")
        self.written.add(key)
        target = self.staging / key
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)

    def up_to_date(self, fingerprint: str) -> bool:
        """The published site was built from exactly these inputs and is complete."""
        manifest = self.output / MANIFEST
        try:
            data = json.loads(manifest.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return False
        if data.get("inputs") != fingerprint:
            return False
        # Exactly the files the build wrote: nothing missing, nothing added since.
        present = {p.relative_to(self.output).as_posix() for p in self.output.rglob("*") if p.is_file() or p.is_symlink()}
        present.discard(MANIFEST)
        return present == set(data.get("files", []))

    def commit(self, fingerprint: str = "") -> None:
        manifest = {"files": sorted(self.written), "inputs": fingerprint}
        (self.staging / MANIFEST).write_text(json.dumps(manifest, ensure_ascii=False, indent=0) + "\n", encoding="utf-8")
        try:
            if self.output.exists():
                # Re-check just before the swap: files added during the build are never discarded.
                self.check()
                if exchange(self.staging, self.output):
                    # The staging name now holds the previous site.
                    shutil.rmtree(self.staging)
                    return
                retired = self.output.parent / RETIRED.format(name=self.output.name, pid=os.getpid())
                os.replace(self.output, retired)
                os.replace(self.staging, self.output)
                shutil.rmtree(retired)
            else:
                os.replace(self.staging, self.output)
        finally:
            self.lock.release()

    def abort(self) -> None:
        shutil.rmtree(self.staging, ignore_errors=True)
        self.lock.release()
