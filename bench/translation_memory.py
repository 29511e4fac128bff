#!/usr/bin/env python3
"""How much of an issue's translation the archive's memory would have done.

    python bench/translation_memory.py [--content content] [--issue 2024-08-13]

Copies the archive, empties the catalogs of one issue (the newest by default), runs
`translations update` as a translator would, and counts that issue's messages: filled with
the same original's translation (exact), suggested from a close original (fuzzy), left
empty; and, of the filled ones, how many equal the translation the issue had.
"""
from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from babel.messages.pofile import read_po  # noqa: E402

from site_builder.archive.catalog_update import update  # noqa: E402
from site_builder.archive.folders import load_library  # noqa: E402
from site_builder.core.config import load_config  # noqa: E402


def messages(folder: Path) -> dict[tuple[str, str], object]:
    found = {}
    for path in sorted(folder.glob("*.po")):
        with path.open("rb") as handle:
            found.update({(m.context or "", m.id): m for m in read_po(handle) if m.id})
    return found


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--content", type=Path, default=ROOT / "content")
    parser.add_argument("--issue", help="the issue's day (default: the newest)")
    parser.add_argument("--lang", default="en")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as temporary:
        content = Path(temporary) / "content"
        shutil.copytree(args.content, content)
        root = content / "translations" / args.lang
        day = args.issue or sorted(p.name for p in root.iterdir())[-1]
        before = messages(root / day)
        shutil.rmtree(root / day)
        report = update(load_library(load_config(content)), args.lang)
        after = messages(root / day)
    filled = [key for key, m in after.items() if m.string]
    exact = [key for key in filled if not after[key].fuzzy]
    fuzzy = [key for key in filled if after[key].fuzzy]
    same = [key for key in filled if before.get(key) is not None and before[key].string == after[key].string]
    print(f"issue {day}: {len(after)} messages, {sum(1 for m in before.values() if m.string)} of them "
          "translated in the archive as it was")
    print(f"  exact from memory:   {len(exact)} ({', '.join(k[0] for k in exact) or 'none'})")
    print(f"  fuzzy suggestions:   {len(fuzzy)}")
    print(f"  left to translate:   {len(after) - len(filled)}")
    print(f"  filled and equal to the issue's own translation: {len(same)} of {len(filled)}")
    print(f"  update, in all catalogs: {report.remembered} copied, {report.suggested} suggested")
    return 0


if __name__ == "__main__":
    sys.exit(main())
