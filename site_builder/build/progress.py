"""Progress of a build, reported phase by phase.

The pipeline calls `phase(name, total)` then `advance()`; the terminal
implementation draws a bar per long phase on a terminal and prints plain lines
when the output is not a terminal (CI logs).
"""
from __future__ import annotations

import sys
import time
from typing import Protocol, TextIO


class Progress(Protocol):
    def phase(self, name: str, total: int) -> None: ...

    def advance(self, steps: int = 1) -> None: ...

    def done(self) -> None: ...


class Silent:
    def phase(self, name: str, total: int) -> None:
        pass

    def advance(self, steps: int = 1) -> None:
        pass

    def done(self) -> None:
        pass


class TerminalProgress:
    """A bar on a terminal (redrawn at most ten times a second); one line per phase elsewhere."""

    WIDTH = 30

    def __init__(self, stream: TextIO | None = None) -> None:
        self.stream = stream or sys.stderr
        self.tty = self.stream.isatty()
        self.name = ""
        self.total = 0
        self.count = 0
        self.started = 0.0
        self.drawn = 0.0

    def phase(self, name: str, total: int) -> None:
        self.done()
        self.name, self.total, self.count = name, max(total, 0), 0
        self.started = self.drawn = time.perf_counter()
        if not self.tty:
            self.stream.write(f"{name}…\n")
            self.stream.flush()
        else:
            self.draw()

    def advance(self, steps: int = 1) -> None:
        self.count += steps
        if self.tty and time.perf_counter() - self.drawn > 0.1:
            self.draw()

    def draw(self) -> None:
        self.drawn = time.perf_counter()
        if self.total:
            filled = min(self.WIDTH, self.WIDTH * self.count // self.total)
            bar = "#" * filled + "-" * (self.WIDTH - filled)
            self.stream.write(f"\r{self.name:<8} [{bar}] {min(self.count, self.total)}/{self.total}")
        else:
            self.stream.write(f"\r{self.name:<8} {self.count}")
        self.stream.flush()

    def done(self) -> None:
        if self.name and self.tty:
            self.draw()
            self.stream.write(f"  {time.perf_counter() - self.started:.2f}s\n")
            self.stream.flush()
        self.name = ""
