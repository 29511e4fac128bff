"""A translator's work is never lost: not to a broken issue, a moved page or a removed issue.

Each path here lost translations before: a typo in issue.toml turned the issue's catalogs
into obsolete entries (and the English pages went), a slug moved as README says dropped the
English page, and `check` advised deleting the catalogs of a broken issue.
"""
from __future__ import annotations

import shutil
from pathlib import Path

import tomlkit
from babel.messages.pofile import read_po
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from site_builder.build.pipeline import build
from site_builder.tools.cli import main

from .siteutil import FIXTURE_SITE, copy_content

DAY = "2024-03-01"


def run(*args: str):
    return CliRunner().invoke(main, list(args))


def translated(content: Path) -> set[tuple[str, str, str]]:
    """Every live translation in the archive's catalogs: (context, original, translation)."""
    found = set()
    for path in sorted((content / "translations/en").rglob("*.po")):
        with path.open("rb") as handle:
            catalog = read_po(handle)
        found |= {(m.context or "", m.id, m.string) for m in catalog if m.id and m.string}
    return found


def catalogs(content: Path) -> dict[str, bytes]:
    return {p.relative_to(content).as_posix(): p.read_bytes() for p in sorted((content / "translations").rglob("*.po"))}


def break_issue(content: Path) -> str:
    toml = content / f"issues/{DAY}/issue.toml"
    good = toml.read_text(encoding="utf-8")
    toml.write_text(good.replace("tags = ", "tag = "), encoding="utf-8")
    return good


def test_a_broken_issue_leaves_its_catalogs_as_they_are_and_update_says_why(tmp_path):
    content = copy_content(FIXTURE_SITE, tmp_path / "content")
    before, words = catalogs(content), translated(content)
    english = tmp_path / f"public/en/{DAY.replace('-', '/')}"
    build(content, tmp_path / "public")
    pages = sorted(p.parent.name for p in english.glob("*/index.html"))
    assert pages
    good = break_issue(content)
    result = run("translations", "update", "--content", str(content))
    assert result.exit_code == 2, result.output
    assert f"issue {DAY} could not be read: its catalogs were left as they are" in result.output
    assert "unknown key 'tag'" in result.output
    assert catalogs(content) == before
    # check names the reason and never advises deleting the translator's work
    checked = run("check", "--content", str(content))
    orphaned = [line for line in checked.output.splitlines() if "catalog-orphaned" in line]
    assert orphaned and all(f"issue {DAY} could not be read" in line for line in orphaned), checked.output
    assert "delete" not in checked.output.lower()
    status = run("translations", "status", "--content", str(content))
    assert f"issue {DAY} could not be read" in status.output
    # fixed: every translation is live again, and the English pages are all there
    (content / f"issues/{DAY}/issue.toml").write_text(good, encoding="utf-8")
    assert run("translations", "update", "--content", str(content)).exit_code == 0
    assert translated(content) == words
    build(content, tmp_path / "public")
    assert sorted(p.parent.name for p in english.glob("*/index.html")) == pages


def test_a_moved_page_keeps_its_english_edition(tmp_path):
    content = copy_content(FIXTURE_SITE, tmp_path / "content")
    build(content, tmp_path / "public")  # records the slugs in permalinks.toml
    record = content / "permalinks.toml"
    document = tomlkit.parse(record.read_text(encoding="utf-8"))
    entry = next(e for e in document["issues"][DAY]["articles"] if str(e["slug"]).startswith("chi-feng"))
    old = str(entry["slug"])
    entry["slug"] = "chifeng-winter-patrols"
    entry["redirects"] = [old]
    record.write_text(tomlkit.dumps(document), encoding="utf-8")
    words = translated(content)
    # Built before the catalogs are updated: the English page is at the new address already.
    build(content, tmp_path / "public")
    english = tmp_path / f"public/en/{DAY.replace('-', '/')}"
    page = (english / "chifeng-winter-patrols/index.html").read_text(encoding="utf-8")
    assert "Chifeng police step up winter patrols" in page
    result = run("translations", "update", "--content", str(content))
    assert result.exit_code == 0 and "moved with its article's new slug" in result.output, result.output
    assert (content / f"translations/en/{DAY}/chifeng-winter-patrols.po").is_file()
    assert not (content / f"translations/en/{DAY}/{old}.po").exists()
    assert translated(content) == words
    build(content, tmp_path / "public")
    assert (english / "chifeng-winter-patrols/index.html").is_file()
    redirect = (english / old / "index.html").read_text(encoding="utf-8")
    assert "chifeng-winter-patrols" in redirect


OPERATIONS = ["break", "fix", "remove", "restore", "update", "check"]


@given(st.lists(st.sampled_from(OPERATIONS), min_size=1, max_size=8))
@settings(max_examples=max(5, settings.default.max_examples // 15), deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
def test_no_sequence_of_broken_removed_and_restored_issues_loses_a_translation(tmp_path_factory, steps):
    root = tmp_path_factory.mktemp("archive")
    content = copy_content(FIXTURE_SITE, root / "content")
    words = translated(content)
    issue, aside = content / f"issues/{DAY}", root / "aside"
    good = (issue / "issue.toml").read_text(encoding="utf-8")
    for step in steps:
        if step == "break" and issue.exists():
            break_issue(content)
        elif step == "fix" and issue.exists():
            (issue / "issue.toml").write_text(good, encoding="utf-8")
        elif step == "remove" and issue.exists():
            shutil.move(issue, aside)
        elif step == "restore" and aside.exists():
            shutil.move(aside, issue)
        elif step == "update":
            run("translations", "update", "--content", str(content))
        elif step == "check":
            run("check", "--content", str(content))
        assert words <= translated(content) | set(), step  # nothing live is ever dropped on the way
    if aside.exists():
        shutil.move(aside, issue)
    (issue / "issue.toml").write_text(good, encoding="utf-8")
    assert run("translations", "update", "--content", str(content)).exit_code == 0
    assert translated(content) == words


def test_translations_check_finds_planted_errors_of_every_kind(tmp_path):
    """Numbers and dates, Latin names and addresses, the glossary, Chinese left, unmatched quotes."""
    from babel.messages.catalog import Catalog

    from site_builder.archive.memory import Glossary
    from site_builder.archive.translation_checks import check_catalog

    catalog = Catalog(locale="en")
    planted = {
        "2024年7月11日，民警查获3批共612件物品。": "On July 12, 2024, officers seized 612 items in three batches.",
        "约3万名游客参加，详见www.example.org。": "About 30,000 visitors took part.",
        "近日，赤峰市公安局组织警力开展巡逻。": "Red Peak police have recently gone on patrol.",
        "民警深入社区。": "Officers went into 社区 communities.",
        "他说：“平安是福。”": "He said: \"Safety is a blessing.",
    }
    for line, (original, translation) in enumerate(planted.items(), start=1):
        catalog.add(original, translation, locations=[("issues/2024-07-11/source.txt", line)], context="paragraph")
    glossary = Glossary(terms={"赤峰": "Chifeng"}, required={"赤峰": "Chifeng"})
    found = [(problem.code, problem.message) for problem in check_catalog(tmp_path / "en.po", catalog, glossary)]
    assert ("translation-number", "the translation drops or changes 11 of its original") in found  # 7 is July
    assert ("translation-name", "the translation leaves out www.example.org of its original") in found
    assert ("translation-glossary", "赤峰 is rendered 'Chifeng' in this archive, not here") in found
    assert ("translation-chinese", "Chinese left in the translation: 社区") in found
    assert ("translation-brackets", 'unmatched " in the translation') in found
    assert len(found) == 5  # 3万 is 30,000, 3批 three batches, 2024 kept: nothing else


def test_amounts_in_ten_thousands_may_be_written_in_millions_and_billions(tmp_path):
    """5000余万元 is "more than 50 million yuan", 60亿元 "6 billion yuan": the check keeps up with the English."""
    from babel.messages.catalog import Catalog

    from site_builder.archive.memory import Glossary
    from site_builder.archive.translation_checks import check_catalog

    catalog = Catalog(locale="en")
    kept = {
        "冻结涉案资金5000余万元。": "More than 50 million yuan was frozen.",
        "涉案金额60亿元。": "The case involved 6 billion yuan.",
        "投资1.2亿元，吸引3万多名游客。": "It cost 120 million yuan and drew more than 30,000 visitors.",
        "冻结资金5000余万元。": "More than 50,000,000 yuan was frozen.",
    }
    changed = {"冻结涉案资金6000余万元。": "More than 50 million yuan was frozen."}
    for line, (original, translation) in enumerate({**kept, **changed}.items(), start=1):
        catalog.add(original, translation, locations=[("issues/2024-07-11/source.txt", line)], context="paragraph")
    found = [(problem.code, problem.message) for problem in check_catalog(tmp_path / "en.po", catalog, Glossary({}, {}))]
    assert found == [("translation-number", "the translation drops or changes 6000 of its original")]


def test_the_demo_translations_keep_what_they_must_and_check_lists_a_planted_error(tmp_path):
    from .siteutil import DEMO_CONTENT

    assert run("translations", "check", "--content", str(DEMO_CONTENT)).exit_code == 0
    content = copy_content(FIXTURE_SITE, tmp_path / "content")
    catalog = next((content / f"translations/en/{DAY}").glob("chi-feng*.po"))
    catalog.write_text(catalog.read_text(encoding="utf-8").replace(
        "Chifeng police step up winter patrols", "Red Peak police step up winter patrols"), encoding="utf-8")
    result = run("translations", "check", "--content", str(content))
    assert result.exit_code == 1
    assert f"{catalog}:" in result.output and "warning[translation-glossary]: 赤峰 is rendered 'Chifeng'" in result.output
    assert f"hint: the original is at issues/{DAY}/source.txt:" in result.output
    checked = run("check", "--content", str(content))
    assert "translation-glossary" in checked.output


def test_check_lists_every_broken_catalog_and_goes_on(tmp_path):
    content = copy_content(FIXTURE_SITE, tmp_path / "content")
    broken = sorted((content / f"translations/en/{DAY}").glob("*.po"))
    for path in broken:
        path.write_text(path.read_text(encoding="utf-8") + 'msgstr "broken\n', encoding="utf-8")
    result = run("check", "--content", str(content))
    assert result.exit_code == 2, result.output
    assert result.output.count("error[catalog-broken]") == len(broken) == 3
    assert "translation-missing" in result.output or "2024-03-08" in result.output  # the rest was checked too
