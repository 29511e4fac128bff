"""Languages as first-class values: code, html lang, Babel locale, URL prefix, date format."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from functools import lru_cache

from babel.dates import format_date
from babel.numbers import format_decimal


@dataclass(frozen=True)
class Language:
    code: str  # as in content and URLs' hreflang: "zh-Hans", "en"
    html_lang: str  # <html lang>, identical on every page of the language (Pagefind indexes by it)
    locale: str  # Babel locale for dates and the interface catalog
    catalog: str  # the theme's gettext catalog folder
    label: str  # the language's name in itself, for the switcher
    og_locale: str  # Open Graph's locale form
    prefix: str  # URL prefix below the base: "" for the default language, else "en/"
    long_date: str  # Babel date pattern
    month_pattern: str

    def format_date(self, value: date) -> str:
        return _format(value, self.long_date, self.locale)

    def format_month(self, value: date) -> str:
        return _format(value, self.month_pattern, self.locale)

    def format_number(self, value: int) -> str:
        return format_decimal(value, locale=self.locale)

    def with_prefix(self, prefix: str) -> "Language":
        return Language(**{**self.__dict__, "prefix": prefix})


@lru_cache(maxsize=65536)
def _format(value: date, pattern: str, locale: str) -> str:
    # Babel parses the locale on every call; an archive formats the same few
    # thousand dates again and again.
    return format_date(value, pattern, locale=locale)


KNOWN_LANGUAGES: dict[str, Language] = {
    "zh-Hans": Language(
        code="zh-Hans",
        html_lang="zh-Hans",
        locale="zh_Hans_CN",
        catalog="zh_Hans",
        label="中文",
        og_locale="zh_CN",
        prefix="",
        long_date="y年M月d日",
        month_pattern="y年M月",
    ),
    "en": Language(
        code="en",
        html_lang="en",
        locale="en_GB",
        catalog="en",
        label="English",
        og_locale="en_GB",
        prefix="en/",
        long_date="d MMMM y",
        month_pattern="MMMM y",
    ),
}
