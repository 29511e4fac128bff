"""A test hook: stop the build at a named point, so a test can interrupt it exactly there.

With SITE_BUILDER_PAUSE_AT=<point> in the environment, the build writes
`<output>.paused-<point>` beside the output when it reaches that point and then
waits (up to a minute) for the signal the test sends.  Without it, pause() does
nothing.  Points, in order: read, render, staged (the new site complete in the
staging folder, not yet swapped in), swapped (the new site swapped in, the old
one not yet put away).
"""
from __future__ import annotations

import os
import time
from pathlib import Path

POINTS = ("read", "render", "staged", "swapped")
WAIT = 60.0


def pause(point: str, output: Path) -> None:
    if os.environ.get("SITE_BUILDER_PAUSE_AT") != point:
        return
    (output.parent / f"{output.name}.paused-{point}").write_text(str(os.getpid()), encoding="utf-8")
    time.sleep(WAIT)
