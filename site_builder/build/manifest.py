"""The output folder's manifest: every file the build wrote, with its digest and render key."""
from __future__ import annotations

import json
from dataclasses import dataclass, field, replace
from pathlib import Path

from site_builder.core.errors import Diagnostic


def kept_diagnostics(diagnostics: list[Diagnostic], content: Path) -> list[Diagnostic]:
    """The diagnostics with their files named from the content folder: the manifest of a site
    depends on what was built, not on where the archive was."""
    return [_moved(d, _relative(d.span.path, content)) for d in diagnostics]


def restored_diagnostics(diagnostics: list[Diagnostic], content: Path) -> list[Diagnostic]:
    return [_moved(d, str(content / d.span.path[len(_HERE):]) if d.span.path.startswith(_HERE) else d.span.path)
            for d in diagnostics]


_HERE = "<content>/"


def _relative(path: str, content: Path) -> str:
    try:
        return _HERE + Path(path).relative_to(content).as_posix()
    except ValueError:
        return path


def _moved(diagnostic: Diagnostic, path: str) -> Diagnostic:
    return replace(diagnostic, span=replace(diagnostic.span, path=path))

MANIFEST = ".site-builder-manifest.json"


@dataclass
class Manifest:
    """What a built site holds: each file's digest, each page's render key, the inputs' fingerprint."""
    files: dict[str, str] = field(default_factory=dict)
    keys: dict[str, str] = field(default_factory=dict)
    inputs: str = ""
    # What the build said of its inputs: a build that finds them unchanged says it again.
    diagnostics: list[Diagnostic] = field(default_factory=list)

    @classmethod
    def read(cls, folder: Path) -> "Manifest | None":
        """The folder's manifest; None when it is missing or damaged."""
        try:
            data = json.loads((folder / MANIFEST).read_text(encoding="utf-8"))
            files, keys = data["files"], data.get("keys", {})
            if not isinstance(files, dict) or not isinstance(keys, dict):
                return None  # an older manifest (a list of paths): nothing to reuse
            return cls({str(k): str(v) for k, v in files.items()}, {str(k): str(v) for k, v in keys.items()},
                       str(data.get("inputs", "")),
                       [Diagnostic.from_json(item) for item in data.get("diagnostics", [])])
        except (OSError, ValueError, KeyError, TypeError, AttributeError):
            return None

    def write(self, folder: Path) -> None:
        data = {"files": dict(sorted(self.files.items())), "keys": dict(sorted(self.keys.items())),
                "inputs": self.inputs, "diagnostics": [d.to_json() | {"source": d.source_line} for d in self.diagnostics]}
        (folder / MANIFEST).write_text(json.dumps(data, ensure_ascii=False, indent=0) + "\n", encoding="utf-8")
