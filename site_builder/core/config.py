"""content/site.toml -> a frozen SiteConfig.

Every problem in the file is collected and reported at once, each with its
line, before the build stops (as MkDocs and Zola do).
"""
from __future__ import annotations

import difflib
import re
import tomllib
from dataclasses import dataclass
from collections.abc import Iterable
from pathlib import Path
from urllib.parse import urlsplit

from site_builder.core import files
from site_builder.core.errors import Diagnostic, Severity, SiteBuilderError, SourceSpan
from site_builder.core.languages import Language, language_of
from site_builder.core.text import clean

# How many articles a listing page, a feed and the home page's recent list hold.
SIZES = {"page_size": 30, "feed_size": 20, "home_articles": 10}
TOP_KEYS = {"base_url", "default_language", "source_language", "languages", "theme", "time_zone", *SIZES}
# The paper's clock: its issues are dated in local time (Inner Mongolia is UTC+8), and feeds and
# structured data give the moment an issue appeared, not midnight in Greenwich.
DEFAULT_TIME_ZONE = "+08:00"
_ZONE = re.compile(r"[+-](?:0\d|1[0-4]):[0-5]\d")
SOURCE_LANGUAGE = "zh-Hans"  # the language the archive's articles are written in, unless site.toml says
LANGUAGE_KEYS = {"title", "description", "locale", "label", "quotes"}


@dataclass(frozen=True)
class SiteConfig:
    content: Path
    base_url: str  # always ends with "/"
    languages: tuple[Language, ...]  # the default language first
    source_language: str  # the code of the language the articles are written in; the others translate it
    titles: dict[str, str]
    descriptions: dict[str, str]
    theme: str | None  # a maintainer's theme folder, relative to content/, overriding the default
    time_zone: str = DEFAULT_TIME_ZONE  # ±HH:MM, the paper's offset from UTC
    page_size: int = SIZES["page_size"]  # articles per listing page (tags, places, authors)
    feed_size: int = SIZES["feed_size"]  # entries per Atom feed
    home_articles: int = SIZES["home_articles"]  # recent articles on the home page

    def moment(self, day) -> str:
        """Midnight of an issue's day in the paper's time zone, as RFC 3339."""
        return f"{day.isoformat()}T00:00:00{self.time_zone}"

    @property
    def default(self) -> Language:
        return self.languages[0]

    @property
    def source(self) -> Language:
        """The language the articles are written in: every article has a page in it."""
        return self.language(self.source_language)

    @property
    def translations(self) -> tuple[Language, ...]:
        """The languages articles are translated into: a page only for a translated article."""
        return tuple(language for language in self.languages if language.code != self.source_language)

    def language(self, code: str) -> Language:
        for language in self.languages:
            if language.code == code:
                return language
        raise KeyError(code)

    @property
    def base_path(self) -> str:
        """The URL path the site lives under, e.g. "/" or "/archive/"."""
        return urlsplit(self.base_url).path or "/"


def known_keys_hint(key: str, known: Iterable[str]) -> str:
    """'did you mean …?' for a misspelt key (difflib), then the keys there are."""
    names = sorted(known)
    near = difflib.get_close_matches(key, names, n=1)
    return (f"did you mean {near[0]!r}? " if near else "") + f"known keys: {', '.join(names)}"


def key_line(text: str, key: str, table: str | None = None) -> int:
    """Best-effort line of a key in the TOML text, for messages."""
    lines = text.splitlines()
    start = 0
    if table:
        for number, line in enumerate(lines):
            if re.match(rf"^\s*\[\s*{re.escape(table)}\s*\]", line):
                start = number
                break
    for number in range(start, len(lines)):
        if re.match(rf"^\s*\"?{re.escape(key)}\"?\s*=", lines[number]) or re.match(
            rf"^\s*\[\[?\s*{re.escape(key)}\s*\]", lines[number]
        ):
            return number + 1
    return 0


def read_toml(path: Path) -> tuple[dict, str]:
    try:
        text = files.read_text(path)
    except FileNotFoundError:
        raise SiteBuilderError("file not found", SourceSpan(str(path))) from None
    except UnicodeDecodeError:
        raise SiteBuilderError("not UTF-8 text", SourceSpan(str(path)), hint="save it as UTF-8") from None
    except OSError as exc:
        raise SiteBuilderError(f"cannot read the file ({exc.strerror})", SourceSpan(str(path))) from None
    try:
        return tomllib.loads(text), text
    except tomllib.TOMLDecodeError as exc:
        line = getattr(exc, "lineno", 0) or _line_from_message(str(exc))
        col = getattr(exc, "colno", 0) or _col_from_message(str(exc))
        raise SiteBuilderError(
            f"invalid TOML: {getattr(exc, 'msg', str(exc))}",
            SourceSpan(str(path), line, col or 0),
            hint="see https://toml.io for the syntax",
        ) from None


def _col_from_message(message: str) -> int:
    m = re.search(r"column (\d+)", message)
    return int(m.group(1)) if m else 0


def _line_from_message(message: str) -> int:
    m = re.search(r"line (\d+)", message)
    return int(m.group(1)) if m else 0


def load_config(content: Path, base_url: str | None = None, theme_folder: Path | None = None) -> SiteConfig:
    """site.toml, every problem at once.  `base_url` and `theme_folder` come from the command line
    and override the file's; a theme named in the file must lie inside the content folder (the
    trust boundary, core/boundary.py), one named on the command line anywhere."""
    path = content / "site.toml"
    data, text = read_toml(path)
    problems: list[Diagnostic] = []

    def problem(message: str, key: str, table: str | None = None, hint: str = "") -> None:
        problems.append(
            Diagnostic("config", message, SourceSpan(str(path), key_line(text, key, table)), Severity.ERROR, hint)
        )

    for key in sorted(set(data) - TOP_KEYS):
        problem(f"unknown key {key!r}", key, hint=known_keys_hint(key, TOP_KEYS))

    url = base_url if base_url is not None else data.get("base_url")

    def url_problem(message: str, hint: str = "") -> None:
        if base_url is None:
            problem(message, "base_url", hint=hint)
        else:  # given on the command line: named there, not in site.toml
            problems.append(Diagnostic("config", message.replace("base_url", "--base-url", 1),
                                       SourceSpan("--base-url"), Severity.ERROR, hint))

    if not isinstance(url, str) or not url:
        url_problem("base_url must be a URL such as 'https://example.org/' or '/' for a site at the root")
        url = "/"
    else:
        parts = urlsplit(url)
        if not parts.scheme and not url.startswith("/"):
            # archive.example.org would make every link relative to the page it is on.
            url_problem(f"base_url {url!r} has no scheme: links would lead to {url}/{url}/…",
                        hint=f"write it whole, e.g. 'https://{url.lstrip('/')}'")
        elif parts.scheme not in ("", "http", "https") or (parts.scheme and not parts.netloc):
            url_problem(f"base_url {url!r} is not an http(s) URL or a path")
        if any(ch in url for ch in "\"'<> \\"):
            url_problem(f"base_url {url!r} contains characters that are not allowed in a URL")
    if not url.endswith("/"):
        url += "/"

    raw_languages = data.get("languages")
    languages: list[Language] = []
    titles: dict[str, str] = {}
    descriptions: dict[str, str] = {}
    if not isinstance(raw_languages, dict) or not raw_languages:
        problem("[languages.<code>] tables are required, e.g. [languages.zh-Hans] and [languages.en]", "languages")
        raw_languages = {}
    for code, table in raw_languages.items():
        section = f"languages.{code}"
        if not isinstance(table, dict):
            problem(f"[{section}] must be a table", section)
            continue
        for key in sorted(set(table) - LANGUAGE_KEYS):
            problem(f"unknown key {key!r} in [{section}]", key, section,
                    hint=known_keys_hint(key, sorted(LANGUAGE_KEYS)))
        locale, label, quotes = table.get("locale"), table.get("label"), table.get("quotes")
        if not all(isinstance(value, (str, type(None))) for value in (locale, label, quotes)):
            problem(f"locale, label and quotes in [{section}] must be text",
                    next(key for key in ("locale", "label", "quotes") if not isinstance(table.get(key, ""), str)), section)
            continue
        if quotes is not None and len(quotes) != 4:
            problem(f"quotes in [{section}] must be four characters: open, close, inner open, inner close",
                    "quotes", section, hint='e.g. quotes = "“”‘’" or "«»„“"')
            continue
        try:
            language = language_of(code, locale, label and clean(label).strip(), quotes)
        except ValueError as exc:
            problem(f"[{section}]: {exc}", "locale" if locale else section, section if locale else None,
                    hint="a language tag as in BCP 47 (zh-Hans, en, mn, zh-Hant) and, for locale, a "
                         "Babel locale of that language (en_GB)")
            continue
        title = table.get("title")
        if not isinstance(title, str) or not title.strip():
            problem(f"[{section}] needs a title", section)
            title = ""
        description = table.get("description", "")
        if not isinstance(description, str):
            problem(f"description in [{section}] must be text", "description", section)
            description = ""
        languages.append(language)
        titles[code] = clean(title).strip()
        descriptions[code] = clean(description).strip()

    default = data.get("default_language")
    codes = [language.code for language in languages]
    if not isinstance(default, str) or default not in codes:
        if codes:
            problem(f"default_language must be one of {', '.join(codes)}", "default_language")
    else:
        languages.sort(key=lambda language: language.code != default)
    # The default language lives at the root, every other one under its code.
    languages = [
        language.with_prefix("" if index == 0 else language.code.lower() + "/")
        for index, language in enumerate(languages)
    ]

    source = data.get("source_language", SOURCE_LANGUAGE)
    if codes and (not isinstance(source, str) or source not in codes):
        problem(f"source_language must be one of {', '.join(codes)}", "source_language",
                hint="the language the issues are written in")
        source = codes[0]

    zone = data.get("time_zone", DEFAULT_TIME_ZONE)
    if not isinstance(zone, str) or not _ZONE.fullmatch(zone):
        problem(f"time_zone {zone!r} must be an offset from UTC such as '+08:00'", "time_zone")
        zone = DEFAULT_TIME_ZONE

    sizes = {}
    for key, default in SIZES.items():
        value = data.get(key, default)
        if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= 1000:
            problem(f"{key} must be a whole number from 1 to 1000, not {value!r}", key)
            value = default
        sizes[key] = value

    theme = data.get("theme")
    if theme_folder is not None:
        if not theme_folder.is_dir():
            raise SiteBuilderError(f"--theme {theme_folder}: no such folder")
        theme = str(theme_folder.resolve())
    elif theme is not None and (not isinstance(theme, str) or not (content / theme).is_dir()):
        problem(f"theme folder {theme!r} not found under {content}", "theme")
        theme = None
    elif theme is not None and not (content / theme).resolve().is_relative_to(content.resolve()):
        problem(f"theme folder {theme!r} lies outside the content folder", "theme",
                hint="move the theme into the content folder, or name it with --theme on the command line")
        theme = None

    if problems:
        if all(p.span.path == "--base-url" for p in problems):
            raise SiteBuilderError(f"{len(problems)} problem(s) in --base-url", SourceSpan("--base-url"),
                                   problems=problems)
        raise SiteBuilderError(
            f"{len(problems)} problem(s) in {path}", SourceSpan(str(path)), problems=problems
        )
    return SiteConfig(
        content=content,
        base_url=url,
        languages=tuple(languages),
        source_language=str(source),
        titles=titles,
        descriptions=descriptions,
        theme=theme,
        time_zone=zone,
        **sizes,
    )
