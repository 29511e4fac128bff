"""The build lock beside an output folder: one build writes it at a time."""
from __future__ import annotations

import fcntl
import os
from pathlib import Path

from site_builder.core.errors import SiteBuilderError, SourceSpan

LOCK = ".{name}.lock"


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


def alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True
