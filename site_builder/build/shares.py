"""Parsing and rendering on two cores: the build and a forked helper each take the next issue or page.

Both processes walk the same page sequence (it is deterministic); each renders
and writes the pages of its share into the same staging folder and skips the
others, so no page bytes cross between processes.  A page goes to whichever
process asks for the next position first (a counter in shared memory), so the
work the build does alone (the site-wide pages, the feeds) and pages that cost
more than others do not leave one process waiting for the other.  The helper
sends back what it wrote (paths, digests, render keys), which the build merges
into its writer.  A fork shares the read library without pickling it; pages outside
any share (feeds, sitemap, the few always-made pages) stay with the build.
"""
from __future__ import annotations

import multiprocessing
import os
from collections.abc import Callable
from dataclasses import dataclass

from site_builder.core.errors import SiteBuilderError

MIN_PAGES = 400  # below this, starting a second process costs more than it saves


@dataclass
class Share:
    """Which positions of a sequence this process takes: every `count`-th from `index`, or,
    with a `counter` shared by the processes, each position taken by the first to ask."""
    index: int = 0
    count: int = 1
    position: int = 0
    counter: object | None = None  # multiprocessing.Value: the next position nobody has taken
    claim: int | None = None  # the position this process took and has not reached yet

    @classmethod
    def dealt(cls, count: int) -> list["Share"]:
        """`count` shares of one sequence, dealt out on demand; made before the helper is forked."""
        counter = multiprocessing.get_context("fork").Value("q", 0) if count > 1 else None
        return [cls(index, count, counter=counter) for index in range(count)]

    def mine(self) -> bool:
        position = self.position
        self.position += 1
        if self.counter is None:
            return position % self.count == self.index
        if self.claim is None:
            # Every position before this one is taken (by this process or the other),
            # so the position handed out is this one or a later one.
            with self.counter.get_lock():  # type: ignore[attr-defined]
                self.claim = self.counter.value  # type: ignore[attr-defined]
                self.counter.value += 1  # type: ignore[attr-defined]
        if position == self.claim:
            self.claim = None
            return True
        return False

    @property
    def lead(self) -> bool:
        """The process that also makes the pages outside the shares."""
        return self.index == 0


@dataclass
class HelperResult:
    written: dict[str, str]
    keys: dict[str, str]
    rewritten: int
    rendered: int


def core_count() -> int:
    """The cores this build may use: the machine's, or fewer with SITE_BUILDER_JOBS=N."""
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)
    jobs = os.environ.get("SITE_BUILDER_JOBS", "")
    return max(1, min(cores, int(jobs))) if jobs.isdigit() else cores


def helper_count(pages: int, jobs: int | None = None) -> int:
    """0 or 1: whether a helper process takes half the work.

    SITE_BUILDER_JOBS=1 in the environment, or jobs=1 (the dev server, whose HTTP threads
    must never be forked), keeps the work in one process.
    """
    if jobs is not None and jobs < 2:
        return 0
    if pages < MIN_PAGES or core_count() < 2 or "fork" not in multiprocessing.get_all_start_methods():
        return 0
    return 1  # two processes: the machine this is built for has two cores


class Helper:
    """One forked process running `work(share)`, which returns a HelperResult."""

    def __init__(self, work: Callable[[Share], HelperResult], share: Share) -> None:
        context = multiprocessing.get_context("fork")
        self.receiver, sender = context.Pipe(duplex=False)
        self.process = context.Process(target=self._run, args=(work, share, sender), daemon=True)
        self.process.start()
        sender.close()

    @staticmethod
    def _run(work: Callable[[Share], HelperResult], share: Share, sender) -> None:
        try:
            result: object = work(share)
        except SiteBuilderError as error:
            result = error
        except BaseException as error:  # sent as text: the build reports it like its own
            result = SiteBuilderError(f"a rendering process failed: {type(error).__name__}: {error}")
        sender.send(result)
        sender.close()

    def result(self) -> HelperResult:
        try:
            result = self.receiver.recv()
        except EOFError:
            self.process.join()
            raise SiteBuilderError(f"a rendering process ended without a result (exit code {self.process.exitcode})",
                                   hint="the site was not published; run the build again") from None
        self.process.join()
        if isinstance(result, SiteBuilderError):
            raise result
        return result

    def stop(self) -> None:
        if self.process.is_alive():
            self.process.kill()
            self.process.join()
