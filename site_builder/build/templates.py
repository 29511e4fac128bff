"""Which theme templates a page is made from, for its render key (build/keys.py).

The site key leaves the theme's templates and static files out: a page's own key holds
the digest of the templates its template uses (extends, include, import and from,
transitively, as jinja2.meta finds them) and of macros.html, whose teaser() the site
calls from Python on every listing.  So an edit to article.html makes the article pages
again and no other, one to base.html every page, and one to a style sheet (static/,
copied as it is) none.  A template Jinja cannot read, or one that names another by a
variable, counts as using every template: its page is made again on any template edit.
"""
from __future__ import annotations

import hashlib
from pathlib import Path

import jinja2
from jinja2 import meta

TEMPLATES = "templates"
STATIC = "static"
ALWAYS = ("macros.html",)  # called from Python (site/language.py's teaser), not named by a template


class TemplateKeys:
    """The digest of each template's closure, over the themes in their order (the first wins)."""

    def __init__(self, themes: list[Path], digests: dict[Path, bytes]) -> None:
        self.digests = digests
        self.files: dict[str, Path] = {}
        for theme in reversed(themes):  # a later (default) theme's file is replaced by an earlier one's
            folder = theme / TEMPLATES
            for path in sorted(p for p in digests if folder in p.parents):
                self.files[path.relative_to(folder).as_posix()] = path
        # Parsing only: the same syntax the site's environment reads (site/theme.py).
        self._env = jinja2.Environment(extensions=["jinja2.ext.i18n"], trim_blocks=True, lstrip_blocks=True)
        self._uses: dict[str, frozenset[str] | None] = {}
        self._keys: dict[str, str] = {}

    def uses(self, name: str) -> frozenset[str] | None:
        """The templates `name` names itself; None when that cannot be known."""
        if name not in self._uses:
            path = self.files.get(name)
            found: frozenset[str] | None = None
            if path is not None:
                try:
                    names = set(meta.find_referenced_templates(self._env.parse(path.read_text(encoding="utf-8"))))
                except (jinja2.TemplateSyntaxError, OSError, UnicodeDecodeError):
                    names = {None}
                found = None if None in names else frozenset(n for n in names if n is not None)
            self._uses[name] = found
        return self._uses[name]

    def closure(self, name: str) -> frozenset[str] | None:
        seen: set[str] = set()
        todo = [name, *ALWAYS]
        while todo:
            current = todo.pop()
            if current in seen:
                continue
            seen.add(current)
            used = self.uses(current)
            if used is None:
                return None
            todo.extend(used)
        return frozenset(seen)

    def key(self, name: str) -> str:
        """Digest of the templates a page made from `name` depends on ("": from any)."""
        found = self._keys.get(name)
        if found is None:
            closure = self.closure(name) if name else None
            names = sorted(self.files) if closure is None else sorted(n for n in closure if n in self.files)
            digest = hashlib.blake2b(digest_size=16)
            for used in names:
                digest.update(used.encode() + b"\0" + self.digests[self.files[used]])
            found = self._keys[name] = digest.hexdigest()
        return found


def page_independent(theme: Path, path: Path) -> bool:
    """A theme file no page's key holds by itself: its templates (keyed page by page above)
    and its static files (copied as they are, linked by a fixed address)."""
    first = path.relative_to(theme).parts[0]
    return first in (TEMPLATES, STATIC)
