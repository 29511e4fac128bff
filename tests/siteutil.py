"""Helpers for tests that build sites: copy a fixture content folder, build it, read the output."""
from __future__ import annotations

import hashlib
import shutil
from pathlib import Path

from site_builder.build.pipeline import BuildReport, build

from .conftest import ROOT

FIXTURE_SITE = Path(__file__).parent / "fixtures" / "site"
DEMO_CONTENT = ROOT / "content"


def copy_content(source: Path, target: Path) -> Path:
    shutil.copytree(source, target)
    return target


def build_site(content: Path, output: Path) -> BuildReport:
    return build(content, output)


def tree(root: Path) -> dict[str, str]:
    """Relative path -> sha256 of every file under root."""
    return {
        p.relative_to(root).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(root.rglob("*"))
        if p.is_file()
    }


def html_files(root: Path) -> list[Path]:
    return sorted(root.rglob("*.html"))
