"""Property tests over translation catalogs and whole builds of generated archives.

The normal suite runs a small budget; `HYPOTHESIS_PROFILE=fuzz` runs the large
one (docs/internals.md, "Benchmarks and fuzzing").
"""
from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from site_builder.archive.catalog_update import update
from site_builder.archive.catalogs import (
    load_translation,
    read_catalog,
    serialize,
)
from site_builder.build.pipeline import build
from site_builder.core.errors import SiteBuilderError
from site_builder.core.text import clean

from .siteutil import FIXTURE_SITE, tree
from .strategies import print_issue

BUILD_SETTINGS = settings(max_examples=6, deadline=None,
                          suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])


@given(st.lists(st.text(max_size=200), min_size=1, max_size=6))
@settings(deadline=None)
def test_any_translation_text_survives_a_catalog_round_trip(texts):
    from site_builder.archive.folders import load_library
    from site_builder.core.config import load_config

    with tempfile.TemporaryDirectory() as folder:
        content = Path(folder) / "content"
        shutil.copytree(FIXTURE_SITE, content)
        library = load_library(load_config(content))
        path = next((content / "translations/en/2024-03-01").glob("chi-feng*.po"))
        catalog = read_catalog(path)
        messages = [m for m in catalog if m.id]
        for message, text in zip(messages, texts):
            message.string = text
        path.write_bytes(serialize(catalog))
        translation = load_translation(path)
        for message, text in zip(messages, texts):
            found = translation.messages[(message.context or "", message.id)]
            assert found[0] == clean(text).strip()
        # update keeps every translation; a second update changes nothing
        update(library, "en")
        first = path.read_bytes()
        report = update(library, "en")
        assert path.read_bytes() == first and path in report.unchanged


@given(st.lists(print_issue(), min_size=1, max_size=2))
@BUILD_SETTINGS
def test_generated_archives_build_deterministically_and_keep_every_title(issues):
    with tempfile.TemporaryDirectory() as folder:
        base = Path(folder)
        content = base / "content"
        content.mkdir()
        for name in ("site.toml", "tags.toml", "places.toml"):
            shutil.copyfile(FIXTURE_SITE / name, content / name)
        for number, generated in enumerate(issues, start=1):
            day = content / "issues" / f"2024-01-{number:02d}"
            day.mkdir(parents=True)
            (day / "issue.toml").write_text(f"date = 2024-01-{number:02d}\nnumber = {number}\n", encoding="utf-8")
            (day / "source.txt").write_text(generated.text, encoding="utf-8")
        try:
            first = build(content, base / "one")
        except SiteBuilderError:
            return  # a clear, reported error is an allowed outcome
        build(content, base / "two")
        assert tree(base / "one") == tree(base / "two")
        html = "".join(p.read_text(encoding="utf-8") for p in (base / "one").rglob("index.html"))
        for generated in issues:
            for article in generated.articles:
                assert article.title in html
        assert first.articles == sum(len(g.articles) for g in issues)
