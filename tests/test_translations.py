"""Paragraph-level catalogs: update like msgmerge, status, and what English pages show."""
from __future__ import annotations

import json
import re
from pathlib import Path

from click.testing import CliRunner

from site_builder.build.pipeline import build
from site_builder.tools.cli import main

from .siteutil import DEMO_CONTENT, FIXTURE_SITE, copy_content

RAIN = "交警部门加强重点路段管控，及时疏导拥堵车辆，确保群众平安出行。"


def run(*args: str):
    return CliRunner().invoke(main, list(args))


def catalogs(content: Path) -> dict[str, bytes]:
    return {p.relative_to(content).as_posix(): p.read_bytes() for p in sorted(content.glob("translations/**/*.po"))}


def status(content: Path) -> dict:
    result = run("translations", "status", "--content", str(content), "--json")
    assert result.exit_code == 0, result.output
    return json.loads(result.output)["en"]


def test_update_without_change_changes_no_file(tmp_path):
    content = copy_content(FIXTURE_SITE, tmp_path / "content")
    before = catalogs(content)
    result = run("translations", "update", "--content", str(content))
    assert result.exit_code == 0, result.output
    assert "0 created, 0 updated, 4 unchanged" in result.output
    assert catalogs(content) == before


def test_changed_paragraph_becomes_fuzzy_alone_and_is_marked_on_the_page(tmp_path):
    content = copy_content(FIXTURE_SITE, tmp_path / "content")
    source = content / "issues/2024-03-01/source.txt"
    text = source.read_text(encoding="utf-8")
    source.write_text(text.replace("及时疏导拥堵车辆", "及时疏导拥堵的车辆"), encoding="utf-8")
    before = catalogs(content)
    result = run("translations", "update", "--content", str(content))
    assert "0 created, 1 updated, 3 unchanged" in result.output
    changed = [name for name, data in catalogs(content).items() if data != before[name]]
    assert len(changed) == 1 and "bao-tou-jiao-jing-kai" in changed[0]
    po = (content / changed[0]).read_text(encoding="utf-8")
    assert po.count("#, fuzzy") == 1
    fuzzy = po[po.index("#, fuzzy"):]
    assert f'#| msgid "{RAIN}"' in fuzzy
    assert 'msgid "交警部门加强重点路段管控，及时疏导拥堵的车辆，确保群众平安出行。"' in fuzzy
    assert 'msgstr "Traffic police tightened control' in fuzzy  # the translation is kept
    assert po.count('msgstr ""\n') == 1  # only the header: every other translation kept
    row = next(r for r in status(content)["articles"] if r["slug"].startswith("bao-tou-jiao-jing-kai"))
    # The text's two paragraphs: one translated, one out of date (the headline is counted apart).
    assert (row["translated"], row["fuzzy"], row["untranslated"], row["total"]) == (1, 1, 0, 2)
    assert row["headline"] is True and row["edition"] == "complete"
    build(content, tmp_path / "public")
    page = next((tmp_path / "public/en/2024/03/01").glob("bao-tou-jiao-jing-kai*/index.html")).read_text(encoding="utf-8")
    assert page.count("[translation may be out of date]") == 1
    assert re.search(r'<p class="fuzzy">Traffic police tightened control.*?\[translation may be out of date\]', page)
    assert "Translation partly out of date: 1 passage(s) changed" in page


def test_removed_article_keeps_its_catalog_untouched_and_new_one_gets_a_catalog(tmp_path):
    content = copy_content(FIXTURE_SITE, tmp_path / "content")
    source = content / "issues/2024-03-01/source.txt"
    text = source.read_text(encoding="utf-8")
    old_catalog = next((content / "translations/en/2024-03-01").glob("chi-feng*.po"))
    before = old_catalog.read_bytes()
    start = text.index("赤峰公安开展冬季巡逻")
    end = text.index("乌海民警救助被困群众")
    source.write_text(text[:start] + "二连浩特口岸查获走私案件\n\n二连浩特讯 近日,口岸民警查获一起走私案件。(高峰)\n\n" + text[end:],
                      encoding="utf-8")
    result = run("translations", "update", "--content", str(content))
    assert result.exit_code == 0, result.output
    assert "1 created" in result.output
    assert f"{old_catalog}: no article read this time holds it; left as it is" in result.output
    assert old_catalog.read_bytes() == before  # every translation as the translator left it
    new = next((content / "translations/en/2024-03-01").glob("er-lian*.po")).read_text(encoding="utf-8")
    assert 'msgid "二连浩特口岸查获走私案件"' in new and 'msgstr "Chifeng' not in new
    slugs = [r["slug"] for r in status(content)["articles"]]
    assert not any(s.startswith("chi-feng") for s in slugs)
    assert any(s.startswith("er-lian") for s in slugs)
    # The article comes back: its translations are live again, none lost.
    source.write_text(text, encoding="utf-8")
    assert run("translations", "update", "--content", str(content)).exit_code == 0
    assert old_catalog.read_bytes() == before


def test_obsolete_translations_come_back_when_their_text_does(tmp_path):
    """A catalog made obsolete (#~) by an earlier update gets its translations back, as msgmerge does."""
    content = copy_content(FIXTURE_SITE, tmp_path / "content")
    catalog = next((content / "translations/en/2024-03-01").glob("chi-feng*.po"))
    live = catalog.read_text(encoding="utf-8")
    head, _, entries = live.partition("\n\n")
    obsolete = "\n\n".join("\n".join(line if line.startswith("#") and not line.startswith("#~") else "#~ " + line
                                      for line in entry.splitlines() if not line.startswith("#:"))
                           for entry in entries.strip().split("\n\n"))
    catalog.write_text(head + "\n\n" + obsolete + "\n", encoding="utf-8")
    assert '#~ msgstr "Chifeng police step up winter patrols"' in catalog.read_text(encoding="utf-8")
    result = run("translations", "update", "--content", str(content))
    assert result.exit_code == 0 and "obsolete translation(s) restored" in result.output, result.output
    text = catalog.read_text(encoding="utf-8")
    assert '\nmsgstr "Chifeng police step up winter patrols"' in text and "#~" not in text


def test_status_json_has_the_counts_of_every_article(tmp_path):
    content = copy_content(FIXTURE_SITE, tmp_path / "content")
    data = status(content)
    for row in data["articles"]:
        assert {"translated", "fuzzy", "untranslated", "total"} <= set(row)
        assert row["translated"] + row["fuzzy"] + row["untranslated"] == row["total"]
    assert data["totals"]["total"] == sum(r["total"] for r in data["articles"])


def test_demo_archive_status_shows_complete_and_true_partial_figures():
    data = status(DEMO_CONTENT)
    complete = [r for r in data["articles"] if r["percent"] == 100.0]
    assert len(complete) >= 6
    assert {r["issue"] for r in complete} == {"2022-08-16", "2023-12-12", "2024-02-27", "2024-07-11", "2024-08-13"}
    for row in data["articles"]:
        assert row["fuzzy"] == 0
        assert row["headline"]  # every title is translated
        assert row["edition"] == ("headline" if row["translated"] == 0 else
                                  "complete" if row["percent"] == 100 else "partial")
        if row["percent"] < 100:
            assert row["untranslated"] > 0 and row["percent"] == round(100 * row["translated"] / row["total"], 1)


def test_demo_catalogs_credit_the_project_and_are_stable():
    for path in sorted(DEMO_CONTENT.glob("translations/en/*/*.po")):
        text = path.read_text(encoding="utf-8")
        assert "# translator: site_builder project" in text, path
        assert '"Last-Translator: site_builder project\\n"' in text, path
    result = run("translations", "status", "--content", str(DEMO_CONTENT))
    assert result.exit_code == 0 and "total: " in result.output


def test_unknown_language_is_a_clear_error(tmp_path):
    result = run("translations", "status", "--content", str(FIXTURE_SITE), "--lang", "fr")
    assert result.exit_code == 2
    assert "'fr' is not a translation language" in result.output


def _environment(messages: dict[str, str]):
    import gettext

    import jinja2

    from site_builder.site.theme import ConstantMessages, fast_gettext

    class Catalog(gettext.NullTranslations):
        def gettext(self, message):
            return messages.get(message, message)

    env = jinja2.Environment(autoescape=True, extensions=["jinja2.ext.i18n", ConstantMessages])
    env.install_gettext_translations(Catalog(), newstyle=True)
    translate = fast_gettext(Catalog())
    env.globals.update(_=translate, gettext=translate)
    env.extend(constant_message=translate)
    return env


def test_interface_strings_without_variables_are_compiled_into_the_template():
    env = _environment({"Home": "主页 & <b>", "100%% sure": "百分之百%%", "Hi %(name)s": "你好 %(name)s"})
    source = ('<a title="{{ _("Home") }}">{{ _("Home") }}</a>|{{ _("Home")|length }}|{{ gettext("100%% sure") }}'
              '|{{ _("Hi %(name)s", name="<x>") }}')
    # The same output as Jinja's own newstyle gettext: the translation is markup, always %-formatted,
    # and variables are escaped.
    assert env.from_string(source).render() == ('<a title="主页 & <b>">主页 & <b></a>|8|百分之百%'
                                                '|你好 &lt;x&gt;')
    compiled = env.compile(source, raw=True)
    assert "yield '<a title=\"主页 & <b>\">主页 & <b></a>|8|百分之百%|'" in compiled  # no call left for these
    assert "你好" not in compiled  # a string with variables is still translated at render time


def test_a_template_using_the_name_underscore_otherwise_keeps_its_calls():
    env = _environment({"Home": "主页"})
    source = '{% for _ in [1] %}{% endfor %}{{ _("Home") }}{{ obj._("Home") }}'

    class Obj:
        def _(self, text):
            return "attribute " + text

    assert env.from_string(source).render(obj=Obj()) == "主页attribute Home"
    assert "主页" not in env.compile(source, raw=True)


def test_template_ngettext_is_jinjas_newstyle_ngettext():
    """fast_ngettext (theme.py) gives what Jinja's own newstyle ngettext gives: the plural form
    for the count, `num` set to it unless given, the text as markup and the variables escaped."""
    import gettext

    import jinja2

    from site_builder.site.theme import fast_ngettext

    class Catalog(gettext.NullTranslations):
        def ngettext(self, singular, plural, n):
            return {"%(num)d article": "%(num)d 篇 <b>", "%(num)d article by %(who)s": "%(who)s 的 %(num)d 篇"}.get(
                singular, singular if n == 1 else plural)

    source = ('{{ ngettext("%(num)d article", "%(num)d articles", n) }}|{{ ngettext("%(num)d day", "%(num)d days", n) }}'
              '|{{ ngettext("%(num)d article by %(who)s", "x", n, who="<i>") }}'
              '|{{ ngettext("%(num)d day", "%(num)d days", n, num=7) }}')
    jinjas = jinja2.Environment(autoescape=True, extensions=["jinja2.ext.i18n"])
    jinjas.install_gettext_translations(Catalog(), newstyle=True)
    ours = jinja2.Environment(autoescape=True)
    ours.globals["ngettext"] = fast_ngettext(Catalog())
    for n in (1, 2, 1, 15):
        expected = jinjas.from_string(source).render(n=n)
        assert ours.from_string(source).render(n=n) == expected
    assert ours.from_string(source).render(n=2) == "2 篇 <b>|2 days|&lt;i&gt; 的 2 篇|7 days"


def test_pages_are_the_same_with_values_output_as_text():
    """output_as_text (theme.py) compiles `{{ value }}` to html_text(value), a str, instead of Jinja's
    escape(value), a Markup: every construct that takes output gives the same page."""
    import jinja2
    from markupsafe import Markup

    from site_builder.site.theme import output_as_text

    source = """{% macro m(x) %}<i>{{ x }}</i>{{ caller() if caller else '' }}{% endmacro %}
{{ text }}|{{ markup }}|{{ number }}|{{ none }}|{{ text|upper }}|{{ items|join(", ") }}|{{ m(text) }}
{% set block %}<b>{{ text }}</b>{% endset %}{{ block }}|{{ block|length }}
{% call m(markup) %}[{{ text }}]{% endcall %}|{% filter upper %}{{ text }}{% endfilter %}
{% autoescape false %}{{ text }}{% endautoescape %}|{{ "<const>" }}|{{ text ~ markup }}
{% for x in items %}{{ loop.index }}{{ x }}{% endfor %}|{{ {"a": text}["a"] }}"""
    values = dict(text="<a href='x'>&\"</a> 民警", markup=Markup("<em>ok</em>"), number=3.5, none=None,
                  items=["<", Markup("<br>"), 7])
    jinjas = jinja2.Environment(autoescape=True)
    ours = jinja2.Environment(autoescape=True)
    output_as_text(ours)
    assert "environment.html_text(" in ours.compile(source, raw=True)
    assert ours.from_string(source).render(values) == jinjas.from_string(source).render(values)


def _messages(path: Path) -> dict[str, object]:
    from babel.messages.pofile import read_po

    with path.open("rb") as handle:
        return {m.id: m for m in read_po(handle) if m.id}


def test_update_fills_new_messages_from_the_archives_memory(tmp_path):
    """A new article repeating a translated sentence gets its translation; a nearly equal one a
    fuzzy suggestion showing the original it came from; names are never suggested."""
    content = copy_content(FIXTURE_SITE, tmp_path / "content")
    source = content / "issues/2024-03-01/source.txt"
    text = source.read_text(encoding="utf-8")
    end = text.index("乌海民警救助被困群众")
    source.write_text(text[:end] + "包头公安开展冬季巡逻\n\n包头讯 近日,赤峰市公安局组织警力开展冬季治安巡逻。\n\n"
                      "近日,赤峰市公安局组织警力开展冬季治安巡查。(赵刚)\n\n" + text[end:], encoding="utf-8")
    result = run("translations", "update", "--content", str(content))
    assert result.exit_code == 0, result.output
    # the sentence and the byline 赵刚 copied, the nearly equal sentence suggested
    assert "from memory: 2 message(s) copied from the same original, 1 suggested" in result.output
    new = next((content / "translations/en/2024-03-01").glob("bao-tou-gong-an*.po"))
    messages = _messages(new)
    same = messages["近日，赤峰市公安局组织警力开展冬季治安巡逻。"]
    assert same.string == "The Chifeng public security bureau has recently sent officers on winter patrols."
    assert not same.fuzzy and "memory: the same original, 2024-03-01/chi-feng" in " ".join(same.user_comments)
    close = messages["近日，赤峰市公安局组织警力开展冬季治安巡查。"]
    assert close.fuzzy and close.string == same.string
    assert "memory: 近日，赤峰市公安局组织警力开展冬季治安巡逻。" in " ".join(close.user_comments)  # what it came from
    # the fuzzy suggestion is not published as a translation: it counts as fuzzy
    row = next(r for r in status(content)["articles"] if r["slug"].startswith("bao-tou-gong-an"))
    assert row["fuzzy"] >= 1
    # a second update changes nothing
    assert "0 updated" in run("translations", "update", "--content", str(content)).output


def test_glossary_terms_are_shown_on_the_messages_holding_them(tmp_path):
    content = copy_content(FIXTURE_SITE, tmp_path / "content")
    (content / "glossary.toml").write_text('[en]\n"冬季治安巡逻" = "winter patrols"\n', encoding="utf-8")
    assert run("translations", "update", "--content", str(content)).exit_code == 0
    catalog = next((content / "translations/en/2024-03-01").glob("chi-feng*.po")).read_text(encoding="utf-8")
    assert "#. glossary: 冬季治安巡逻 = winter patrols\n" in catalog
    assert "#. glossary: 赤峰 = Chifeng\n" in catalog  # places.toml
    assert "#. glossary: 赵刚 = Zhao Gang\n" in catalog  # the byline's English name


def test_a_glossary_table_for_no_language_of_the_site_is_an_error_at_its_line(tmp_path):
    content = copy_content(FIXTURE_SITE, tmp_path / "content")
    (content / "glossary.toml").write_text('# terms\n\n[fr]\n"赤峰" = "Chifeng"\n', encoding="utf-8")
    result = run("translations", "update", "--content", str(content))
    assert result.exit_code == 2
    assert "glossary.toml:3: error[glossary]: [fr] is not a translation language of this site" in result.output
