"""Ordinary pages (About, …): Markdown files in content/pages/, one per page and language.

Named as Hugo and Zola name a multilingual page's files: `about.md` is the page in the
site's default language, `about.en.md` the same page in English; the file name (without
the language) is the page's address, `/about/` and `/en/about/`. Each file opens with
front matter in TOML between `+++` lines, as Zola's do:

    +++
    title = "About this archive"
    description = "What the archive is and where its texts come from."
    weight = 1
    +++

`title` is required; `description` (the page's summary for search engines) and `weight`
(its place among the footer's links, lightest first) are optional.
"""
from __future__ import annotations

import tomllib
from dataclasses import dataclass
from pathlib import Path

from site_builder.core import files
from site_builder.core.boundary import slug_problem
from site_builder.core.config import SiteConfig, known_keys_hint
from site_builder.core.config import key_line as config_key_line
from site_builder.core.errors import SiteBuilderError, SourceSpan
from site_builder.core.text import clean

FOLDER = "pages"
FENCE = "+++"
KEYS = {"title", "description", "weight"}
# The first words of the addresses the site gives its own pages: a page may not take one.
RESERVED = {"tags", "places", "authors", "archive", "search", "static", "media", "pagefind", "feed", "page"}


@dataclass(frozen=True)
class ContentPage:
    slug: str
    language: str  # a language code of site.toml
    title: str
    description: str
    weight: int
    markdown: str  # the body, below the front matter
    source: Path
    body_line: int  # the file's line the body starts at


def page_folder(config: SiteConfig) -> Path:
    return config.content / FOLDER


def load_pages(config: SiteConfig) -> list[ContentPage]:
    """Every page of content/pages/, ordered by weight, then address, then language."""
    folder = page_folder(config)
    if not folder.is_dir():
        return []
    codes = {language.code: language for language in config.languages}
    found: list[ContentPage] = []
    seen: dict[tuple[str, str], Path] = {}
    for path in sorted(folder.iterdir()):
        if path.name.startswith(".") or path.suffix != ".md":
            continue
        stem = path.stem
        slug, _, code = stem.partition(".")
        if code and code not in codes:
            raise SiteBuilderError(f"unknown language {code!r} in the page's file name", SourceSpan(str(path)),
                                   hint=f"name it {slug}.md for {config.default.code}, or {slug}.<code>.md with one "
                                        f"of {', '.join(codes)}")
        code = code or config.default.code
        problem = slug_problem(slug)
        taken = RESERVED | {language.code.lower() for language in config.languages}
        if problem or slug in taken or slug.isdigit():
            raise SiteBuilderError(f"the page's file name {path.name!r} cannot be an address: "
                                   f"{problem or 'the site uses it for its own pages'}", SourceSpan(str(path)),
                                   hint="name it with lower-case ASCII words joined by '-', e.g. about.md")
        if (slug, code) in seen:
            raise SiteBuilderError(f"a second {code} page at /{slug}/ (the first is {seen[(slug, code)].name})",
                                   SourceSpan(str(path)))
        seen[(slug, code)] = path
        found.append(read_page(path, slug, code))
    return sorted(found, key=lambda p: (p.weight, p.slug, p.language))


def read_page(path: Path, slug: str, language: str) -> ContentPage:
    try:
        text = files.read_text(path)
    except UnicodeDecodeError:
        raise SiteBuilderError("not UTF-8 text", SourceSpan(str(path)), hint="save it as UTF-8") from None
    except OSError as error:
        raise SiteBuilderError(f"cannot read the page ({error.strerror})", SourceSpan(str(path))) from None
    lines = text.removeprefix("\ufeff").split("\n")
    if not lines or lines[0].strip() != FENCE:
        raise SiteBuilderError("the page has no front matter: its first line must be +++", SourceSpan(str(path), 1),
                               hint='open the file with +++, title = "…", +++')
    try:
        end = next(n for n in range(1, len(lines)) if lines[n].strip() == FENCE)
    except StopIteration:
        raise SiteBuilderError("the front matter is not closed: no second +++ line", SourceSpan(str(path), 1),
                               hint="close it with a line holding +++") from None
    try:
        data = tomllib.loads("\n".join(lines[1:end]))
    except tomllib.TOMLDecodeError as error:
        line = 1 + (getattr(error, "lineno", 0) or 1)
        raise SiteBuilderError(f"invalid TOML in the front matter: {getattr(error, 'msg', str(error))}",
                               SourceSpan(str(path), line), hint="see https://toml.io for the syntax") from None

    def key_line(key: str) -> int:
        """The file's line of a front-matter key (the front matter starts on the file's line 2)."""
        found = config_key_line("\n".join(lines[1:end]), key)
        return found + 1 if found else 1

    for key in sorted(set(data) - KEYS):
        raise SiteBuilderError(f"unknown key {key!r} in the front matter", SourceSpan(str(path), key_line(key)),
                               hint=known_keys_hint(key, KEYS))
    title = data.get("title")
    if not isinstance(title, str) or not clean(title).strip():
        raise SiteBuilderError("the page needs a title", SourceSpan(str(path), key_line("title") if "title" in data else 1),
                               hint='title = "About this archive"')
    description = data.get("description", "")
    if not isinstance(description, str):
        raise SiteBuilderError("description must be text", SourceSpan(str(path), key_line("description")))
    weight = data.get("weight", 0)
    if isinstance(weight, bool) or not isinstance(weight, int):
        raise SiteBuilderError("weight must be a whole number", SourceSpan(str(path), key_line("weight")))
    return ContentPage(slug, language, clean(title).strip(), clean(description).strip(), weight,
                       "\n".join(lines[end + 1:]), path, end + 2)
