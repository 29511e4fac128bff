"""The templates a page is made from (build/templates.py), for its render key; the builds that
follow from them are in tests/test_incremental.py (a theme edit renders only what it touches)."""
from __future__ import annotations

from pathlib import Path

from site_builder.build.templates import TemplateKeys


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
    assert keys.closure("a.html") == {"a.html", "base.html", "macros.html", "part.html"}
    assert keys.closure("b.html") == {"b.html", "macros.html"}
    assert keys.closure("c.html") is None  # a computed name: keyed by every template
    before = {name: keys.key(name) for name in ("a.html", "b.html", "c.html")}
    (theme / "part.html").write_text("changed")
    after = TemplateKeys([tmp_path / "theme"], {p: p.read_bytes() for p in files})
    assert after.key("a.html") != before["a.html"]
    assert after.key("b.html") == before["b.html"]
    assert after.key("c.html") != before["c.html"]
