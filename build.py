#!/usr/bin/env python3
"""Build the site: `python build.py` (see `python build.py --help`)."""
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from site_builder.tools.cli import main  # noqa: E402

if __name__ == "__main__":
    main()
