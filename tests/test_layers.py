"""The package's layers, kept by contracts (import-linter, configured in pyproject.toml).

core <- ingest <- archive <- site <- build <- tools: each layer imports only the
layers below it, and the site (what pages exist and what they show) imports no
process, pickling or build machinery.
"""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "site_builder"
MAX_LINES = 400


def test_the_import_contracts_are_kept():
    result = subprocess.run([sys.executable, "-c", "import sys; from importlinter.cli import lint_imports; "
                             "sys.exit(lint_imports(no_cache=True))"],
                            cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "0 broken" in result.stdout and "2 kept" in result.stdout


def test_no_module_is_longer_than_a_reader_can_hold():
    long = {p.relative_to(ROOT).as_posix(): n for p in PACKAGE.rglob("*.py")
            if (n := len(p.read_text(encoding="utf-8").splitlines())) > MAX_LINES}
    assert long == {}
