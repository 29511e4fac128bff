"""Languages as first-class values: code, html lang, Babel locale, URL prefix, date format."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from functools import lru_cache

from babel import Locale, UnknownLocaleError
from babel.core import get_global
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
    quotes: str = "“”‘’"  # typographic quotes of translated text: open, close, inner open, inner close

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


# What Babel raises for a tag or locale it cannot read or does not know.
_NOT_A_LOCALE = (ValueError, TypeError, UnknownLocaleError)


def language_of(code: str, locale: str | None = None, label: str | None = None, quotes: str | None = None) -> Language:
    """The language `code` (a BCP 47 tag: zh-Hans, en, mn, zh-Hant …) as Babel's CLDR data describes it.

    Its region is CLDR's likeliest (zh-Hans: China, en: the United States) unless `locale`
    names one (en_GB); dates take that locale's long format and its year-month skeleton,
    the switcher its name in itself.  Raises ValueError for a tag CLDR does not know.
    """
    try:
        tagged = Locale.parse(code, sep="-")
        chosen = Locale.parse(locale) if locale else _likeliest(tagged)
    except _NOT_A_LOCALE as exc:
        raise ValueError(str(exc)) from None
    if chosen.language != tagged.language:
        raise ValueError(f"locale {locale!r} is not a form of {code!r}")
    region = chosen.territory or (_likeliest(chosen).territory or "")
    return Language(
        code=code,
        html_lang=code,
        locale=str(chosen),
        catalog=code.replace("-", "_"),
        label=label or chosen.get_language_name() or code,
        og_locale=f"{chosen.language}_{region}" if region else chosen.language,
        prefix="",
        long_date=chosen.date_formats["long"].pattern,
        month_pattern=chosen.datetime_skeletons["yMMMM"].pattern,
        **({"quotes": quotes} if quotes else {}),
    )


def is_language_code(code: str) -> bool:
    """A tag CLDR knows (the name keys of tags.toml and places.toml are such tags)."""
    try:
        Locale.parse(code, sep="-")
    except _NOT_A_LOCALE:
        return False
    return True


def _likeliest(locale: Locale) -> Locale:
    """zh_Hans -> zh_Hans_CN, en -> en_US: CLDR's likely subtags, with the script dropped where it is the usual one."""
    likely = get_global("likely_subtags").get(str(locale)) or get_global("likely_subtags").get(locale.language)
    if not likely:
        return locale
    full = Locale.parse(likely)
    return Locale(locale.language, full.territory, locale.script)
