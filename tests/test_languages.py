"""Which language is the articles' own is configuration, not an assumption of the code."""
from __future__ import annotations

import re
from pathlib import Path

import pytest

from site_builder.build.pipeline import build
from site_builder.core.config import load_config
from site_builder.core.errors import SiteBuilderError

from .siteutil import FIXTURE_SITE, copy_content


def article_pages(root: Path) -> dict[str, str]:
    """Article page path (below `root`) -> the page's <html lang>."""
    found = {}
    for page in root.glob("2024/*/*/*/index.html"):
        lang = re.search(r'<html lang="([^"]+)"', page.read_text(encoding="utf-8")).group(1)
        found[page.relative_to(root).as_posix()] = lang
    return found


def test_an_english_default_language_puts_the_translations_at_the_root(tmp_path: Path):
    content = copy_content(FIXTURE_SITE, tmp_path / "content")
    toml = content / "site.toml"
    toml.write_text(toml.read_text(encoding="utf-8").replace('default_language = "zh-Hans"', 'default_language = "en"'),
                    encoding="utf-8")
    config = load_config(content)
    assert config.default.code == "en" and config.source.code == "zh-Hans"
    assert [language.code for language in config.translations] == ["en"]
    build(content, tmp_path / "out", search=False)
    english = article_pages(tmp_path / "out")
    chinese = article_pages(tmp_path / "out" / "zh-hans")
    assert len(chinese) == 4 and set(chinese.values()) == {"zh-Hans"}  # every article, in its own language
    assert english and set(english.values()) == {"en"}  # the translated ones, at the root
    assert set(english) <= set(chinese)


def test_the_source_language_must_be_one_of_the_sites_languages(tmp_path: Path):
    content = copy_content(FIXTURE_SITE, tmp_path / "content")
    toml = content / "site.toml"
    toml.write_text('source_language = "fr"\n' + toml.read_text(encoding="utf-8"), encoding="utf-8")
    with pytest.raises(SiteBuilderError) as raised:
        load_config(content)
    assert any("source_language must be one of zh-Hans, en" in p.message and p.span.line == 1
               for p in raised.value.problems)


def test_any_language_cldr_knows_can_be_added_in_site_toml(tmp_path: Path):
    """A Mongolian edition needs no change to the code: its dates and its name come from CLDR (Babel)."""
    content = copy_content(FIXTURE_SITE, tmp_path / "content")
    toml = content / "site.toml"
    toml.write_text(toml.read_text(encoding="utf-8") + '\n[languages.mn]\ntitle = "Хойд хилийн цагдаагийн мэдээ"\n',
                    encoding="utf-8")
    tags = content / "tags.toml"
    with pytest.raises(SiteBuilderError) as missing:  # every tag needs a name in every language: said at its slug
        build(content, tmp_path / "out", search=False)
    assert any(p.message == "tag 'traffic' has no mn name" and p.span.line == 2 for p in missing.value.problems)
    tags.write_text(tags.read_text(encoding="utf-8").replace('en = "Traffic"', 'en = "Traffic"\nmn = "Замын хөдөлгөөн"')
                    .replace('en = "Patrols"', 'en = "Patrols"\nmn = "Эргүүл"'), encoding="utf-8")
    places = content / "places.toml"
    places.write_text(places.read_text(encoding="utf-8").replace('en = "Baotou"', 'en = "Baotou"\nmn = "Бугат"')
                      .replace('en = "Chifeng"', 'en = "Chifeng"\nmn = "Улаанхад"'), encoding="utf-8")
    config = load_config(content)
    mongolian = next(language for language in config.languages if language.code == "mn")
    assert (mongolian.label, mongolian.locale, mongolian.og_locale, mongolian.prefix) == ("монгол", "mn_MN", "mn_MN", "mn/")
    english = next(language for language in config.languages if language.code == "en")
    assert english.locale == "en_GB" and english.format_date(__import__("datetime").date(2024, 7, 11)) == "11 July 2024"
    build(content, tmp_path / "out", search=False)
    home = (tmp_path / "out" / "mn" / "index.html").read_text(encoding="utf-8")
    assert '<html lang="mn"' in home and "Хойд хилийн цагдаагийн мэдээ" in home
    assert "оны" in home  # a date in Mongolian, as CLDR writes it
    chinese_home = (tmp_path / "out" / "index.html").read_text(encoding="utf-8")
    assert 'hreflang="mn" href="https://news.example.org/archive/mn/"' in chinese_home
    switcher = re.search(r'<p class="language-switch">(.*?)</p>', chinese_home).group(1)
    assert ">English</a>" in switcher and ">монгол</a>" in switcher  # every other language, in site.toml's order


@pytest.mark.parametrize(
    ("table", "needle", "at"),  # at: the line of `table` the error names
    [
        ('[languages.xx]\ntitle = "X"\n', "[languages.xx]: unknown locale 'xx'", 0),
        ('[languages.mn]\ntitle = "X"\nlocale = "fr_FR"\n', "locale 'fr_FR' is not a form of 'mn'", 2),
        ('[languages.mn]\ntitle = "X"\nlocal = "mn_MN"\n', "did you mean 'locale'?", 2),
        ('[languages.mn]\ntitle = "X"\nquotes = "«»"\n', "quotes in [languages.mn] must be four characters", 2),
    ],
)
def test_a_language_cldr_does_not_know_is_an_error_at_its_line(tmp_path: Path, table: str, needle: str, at: int):
    content = copy_content(FIXTURE_SITE, tmp_path / "content")
    toml = content / "site.toml"
    before = toml.read_text(encoding="utf-8") + "\n"
    toml.write_text(before + table, encoding="utf-8")
    with pytest.raises(SiteBuilderError) as info:
        load_config(content)
    assert any(needle in f"{p.message} {p.hint}" and p.span.line == before.count("\n") + 1 + at
               for p in info.value.problems), str(info.value)
