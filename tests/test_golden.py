"""Golden output: the fixture site's every text file, byte for byte.

After an intended change to the theme or the renderer, regenerate with
`UPDATE_GOLDEN=1 .venv/bin/python -m pytest tests/test_golden.py` and review the diff.
"""
from __future__ import annotations

import os
import shutil
from pathlib import Path

from site_builder.build.pipeline import build
from site_builder.build.manifest import MANIFEST

from .siteutil import FIXTURE_SITE, copy_content

GOLDEN = Path(__file__).parent / "golden" / "site"
TEXT = {".html", ".xml", ".txt", ".css", ".json"}
SEARCH_BUNDLE = "pagefind/"  # Pagefind's own output (pinned version); tests/test_search.py covers it


def test_fixture_site_matches_golden_output(tmp_path):
    content = copy_content(FIXTURE_SITE, tmp_path / "content")
    output = tmp_path / "public"
    build(content, output)
    # The manifest is left out too: it records a fingerprint of the builder's own code.
    produced = {p.relative_to(output).as_posix(): p for p in output.rglob("*") if p.is_file() and p.suffix in TEXT
                and not p.relative_to(output).as_posix().startswith(SEARCH_BUNDLE) and p.name != MANIFEST}
    if os.environ.get("UPDATE_GOLDEN"):
        shutil.rmtree(GOLDEN, ignore_errors=True)
        for name, path in produced.items():
            target = GOLDEN / name
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(path, target)
    expected = {p.relative_to(GOLDEN).as_posix(): p for p in GOLDEN.rglob("*") if p.is_file()}
    assert sorted(produced) == sorted(expected)
    different = [name for name in sorted(produced) if produced[name].read_bytes() != expected[name].read_bytes()]
    assert different == [], f"differs from tests/golden/site: {different[:10]}"
