"""A theme edit renders only what it touches (build/templates.py): a stylesheet no page,
a template the pages rendered from it, and the site equals a clean build after each."""
from __future__ import annotations

import shutil
from pathlib import Path

from site_builder.build.pipeline import build
from site_builder.build.templates import TemplateKeys
from site_builder.site.theme import DEFAULT_THEME

from .siteutil import DEMO_CONTENT, copy_content
from .test_incremental import site_tree


def test_template_closure_follows_extends_include_import(tmp_path: Path) -> None:
    theme = tmp_path / "theme" / "templates"
    theme.mkdir(parents=True)
    (theme / "base.html").write_text("{% include 'part.html' %}{% block body %}{% endblock %}")
    (theme / "part.html").write_text("part")
    (theme / "a.html").write_text("{% extends 'base.html' %}{% block body %}a{% endblock %}")
    (theme / "b.html").write_text("{% import 'macros.html' as m %}b")
    (theme / "macros.html").write_text("{% macro teaser() %}{% endmacro %}")
    (theme / "c.html").write_text("{% include name_from_a_variable %}")
    files = sorted(theme.iterdir())
    keys = TemplateKeys([tmp_path / "theme"], {p: p.read_bytes() for p in files})
    assert keys.closure("a.html") == ["a.html", "base.html", "macros.html", "part.html"]
    assert keys.closure("b.html") == ["b.html", "macros.html"]
    assert keys.closure("c.html") is None  # a computed name: keyed by every template
    before = {name: keys.of(name) for name in ("a.html", "b.html", "c.html")}
    (theme / "part.html").write_text("changed")
    after = TemplateKeys([tmp_path / "theme"], {p: p.read_bytes() for p in files})
    assert after.of("a.html") != before["a.html"]
    assert after.of("b.html") == before["b.html"]
    assert after.of("c.html") != before["c.html"]


def test_theme_edits_render_only_what_they_touch(tmp_path: Path) -> None:
    content = copy_content(DEMO_CONTENT, tmp_path / "content")
    theme = tmp_path / "theme"
    shutil.copytree(DEFAULT_THEME, theme)
    output = tmp_path / "public"
    first = build(content, output, "/", jobs=1, theme_folder=theme, search=False)

    style = theme / "static" / "style.css"
    style.write_text(style.read_text(encoding="utf-8") + "\n.marker-css { color: red }\n", encoding="utf-8")
    css = build(content, output, "/", jobs=1, theme_folder=theme, search=False)
    assert ".marker-css" in (output / "static" / "style.css").read_text(encoding="utf-8")
    assert css.rendered < first.rendered // 3  # no article, issue or listing page

    article = theme / "templates" / "article.html"
    article.write_text(article.read_text(encoding="utf-8").replace("</article>", "<p>marker-article</p></article>", 1),
                       encoding="utf-8")
    edited = build(content, output, "/", jobs=1, theme_folder=theme, search=False)
    assert css.rendered < edited.rendered < first.rendered
    pages = list(output.rglob("*.html"))
    assert any("marker-article" in p.read_text(encoding="utf-8") for p in pages)

    clean = tmp_path / "clean"
    build(content, clean, "/", jobs=1, theme_folder=theme, search=False)
    assert site_tree(output) == site_tree(clean)
