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
