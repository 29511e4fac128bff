"""Incremental builds: after any sequence of edits, the site is byte for byte the clean build's.

A rebuild renders only the pages whose render key changed and writes only the
files whose bytes changed (site_builder/build/writer.py, the render keys).
Each step below edits the demo archive at random, rebuilds the same output,
builds the same content into a fresh folder, and compares the two trees.
"""
from __future__ import annotations

import random
import re
import shutil
from datetime import date, timedelta
from pathlib import Path

import pytest

from bench.corpus import generate_issue
from site_builder.build.pipeline import build
from site_builder.build.search import BUNDLE
from site_builder.build.manifest import MANIFEST
from site_builder.site.theme import DEFAULT_THEME

from .siteutil import DEMO_CONTENT, copy_content, tree

STEPS = 10


def site_tree(output: Path) -> dict[str, str]:
    """Every file but the manifest and the search bundle (Pagefind's bytes are not ours to compare)."""
    return {path: digest for path, digest in tree(output).items()
            if path != MANIFEST and not path.startswith(BUNDLE + "/")}


def sources(content: Path) -> list[Path]:
    return sorted(p for p in (content / "issues").glob("*/*") if p.suffix in (".txt", ".md"))


def edit_sentence(content: Path, rng: random.Random) -> str:
    source = rng.choice(sources(content))
    text = source.read_text(encoding="utf-8")
    stops = [m.end() for m in re.finditer("。", text)]
    at = rng.choice(stops[len(stops) // 4:])
    source.write_text(text[:at] + f"编辑第{rng.randrange(1000)}次。" + text[at:], encoding="utf-8")
    return f"edited {source.parent.name}"


def add_issue(content: Path, rng: random.Random) -> str:
    last = max(date.fromisoformat(p.name) for p in (content / "issues").iterdir())
    day = last + timedelta(days=rng.randrange(1, 40))
    issue = generate_issue(rng.randrange(1000), articles=rng.randrange(2, 6), seed=rng.randrange(100), style="print")
    folder = content / "issues" / day.isoformat()
    folder.mkdir()
    (folder / "issue.toml").write_text(f"date = {day.isoformat()}\nnumber = {rng.randrange(100, 999)}\n",
                                       encoding="utf-8")
    (folder / "source.txt").write_bytes(issue.data)
    return f"added {day}"


def remove_issue(content: Path, rng: random.Random) -> str:
    folders = sorted((content / "issues").iterdir())
    if len(folders) < 3:
        return add_issue(content, rng)
    folder = rng.choice(folders)
    shutil.rmtree(folder)
    shutil.rmtree(content / "translations" / "en" / folder.name, ignore_errors=True)
    return f"removed {folder.name}"


def renumber_issue(content: Path, rng: random.Random) -> str:
    toml = rng.choice(sorted((content / "issues").glob("*/issue.toml")))
    text = re.sub(r"(?m)^number = .*$", f"number = {rng.randrange(1, 99)}", toml.read_text(encoding="utf-8"))
    toml.write_text(text, encoding="utf-8")
    return f"renumbered {toml.parent.name}"


def edit_translation(content: Path, rng: random.Random) -> str:
    catalogs = sorted((content / "translations").rglob("*.po"))
    if not catalogs:
        return edit_sentence(content, rng)
    catalog = rng.choice(catalogs)
    text = catalog.read_text(encoding="utf-8")
    filled = [m for m in re.finditer(r'(?m)^msgstr "(.+)"$', text)]
    if not filled:
        return edit_sentence(content, rng)
    match = rng.choice(filled)
    text = text[:match.end() - 1] + f" (rev {rng.randrange(100)})" + text[match.end() - 1:]
    catalog.write_text(text, encoding="utf-8")
    return f"retranslated {catalog.name}"


def drop_translation(content: Path, rng: random.Random) -> str:
    catalogs = sorted((content / "translations").rglob("*.po"))
    if not catalogs:
        return add_issue(content, rng)
    catalog = rng.choice(catalogs)
    catalog.unlink()
    return f"dropped {catalog.name}"


def edit_vocabulary(content: Path, rng: random.Random) -> str:
    tags = content / "tags.toml"
    text = tags.read_text(encoding="utf-8")
    number = rng.randrange(1000)
    tags.write_text(text + f'\n[[tag]]\nslug = "test-{number}"\nzh-Hans = "测试{number}"\nen = "Test {number}"\n'
                    f'terms = ["{rng.choice(["民警", "交警", "派出所", "群众"])}"]\n', encoding="utf-8")
    return "added a tag"


def edit_template(content: Path, rng: random.Random) -> str:
    templates = content / "my-theme" / "templates"
    templates.mkdir(parents=True, exist_ok=True)
    original = (DEFAULT_THEME / "templates" / "issue.html").read_text(encoding="utf-8")
    (templates / "issue.html").write_text(original + f"<!-- change {rng.randrange(1000)} -->\n", encoding="utf-8")
    site = content / "site.toml"
    text = site.read_text(encoding="utf-8")
    if not text.startswith("theme ="):
        site.write_text('theme = "my-theme"\n' + text, encoding="utf-8")
    return "changed issue.html"


EDITS = [edit_sentence, add_issue, remove_issue, renumber_issue, edit_translation, drop_translation,
         edit_vocabulary, edit_template]


def test_unchanged_rebuild_renders_nothing(tmp_path: Path) -> None:
    content = copy_content(DEMO_CONTENT, tmp_path / "content")
    output = tmp_path / "public"
    first = build(content, output)
    before = tree(output)
    again = build(content, output, force=False)
    assert again.up_to_date
    # Harmless edits get past the fingerprint check; then no page is rendered. The first
    # rebuild links every file into a new staging folder, the second finds them all in
    # the site the first one retired.
    for name in ("README.txt", "NOTES.txt"):
        (content / "issues").joinpath(name).write_text("", encoding="utf-8")
        rebuilt = build(content, output)
        assert not rebuilt.up_to_date
        assert rebuilt.rendered < 40, rebuilt.rendered  # the always-made pages: home, indexes, feeds, sitemap …
    assert rebuilt.rewritten == 0
    assert site_tree(output) == {k: v for k, v in before.items() if k != MANIFEST and not k.startswith(BUNDLE + "/")}
    assert first.rendered > rebuilt.rendered


def test_a_source_edited_while_the_build_runs_is_built_by_the_next_build(tmp_path: Path, monkeypatch) -> None:
    """The build's fingerprint is of the inputs as it read them: an edit made after they
    were read (here, while the permalink record is being saved) is not taken for built."""
    import site_builder.archive.permalinks as permalinks

    content = copy_content(DEMO_CONTENT, tmp_path / "content")
    output = tmp_path / "public"
    (content / "permalinks.toml").unlink(missing_ok=True)  # so that the build saves a new record
    source = sorted((content / "issues").glob("*/*.txt"))[0]
    save = permalinks.PermalinkRecord.save

    def save_and_edit(record) -> None:
        save(record)
        source.write_text(source.read_text(encoding="utf-8").replace("民警", "民警同志", 1), encoding="utf-8")

    monkeypatch.setattr(permalinks.PermalinkRecord, "save", save_and_edit)
    build(content, output, search=False)
    monkeypatch.undo()
    again = build(content, output, search=False)
    assert not again.up_to_date and again.rendered > 0
    assert build(content, output, search=False).up_to_date
    clean = tmp_path / "clean"
    build(content, clean, search=False)
    assert site_tree(output) == site_tree(clean)


def test_a_theme_edit_renders_only_the_pages_made_from_what_changed(tmp_path: Path) -> None:
    """A style sheet edit renders no page that has a key; a template edit the pages whose
    template uses it (article.html: the article pages); base.html, which every page extends, all."""
    content = copy_content(DEMO_CONTENT, tmp_path / "content")
    theme = content / "my-theme"
    for name in ("static/style.css", "templates/article.html", "templates/base.html"):
        (theme / name).parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(DEFAULT_THEME / name, theme / name)
    site = content / "site.toml"
    site.write_text('theme = "my-theme"\n' + site.read_text(encoding="utf-8"), encoding="utf-8")
    output = tmp_path / "public"
    first = build(content, output, search=False)
    (content / "issues" / "NOTES.txt").write_text("", encoding="utf-8")
    always = build(content, output, search=False).rendered  # the pages made every time: home, indexes, feeds …
    articles = sum(1 for p in output.rglob("index.html") if b"data-pagefind-body" in p.read_bytes())
    assert 0 < always < first.rendered / 4 and articles > 30

    def edit(name: str) -> int:
        path = theme / name
        path.write_text(path.read_text(encoding="utf-8") + ("/* edited */\n" if name.endswith(".css") else "{# edited #}\n"),
                        encoding="utf-8")
        return build(content, output, search=False).rendered

    assert edit("static/style.css") == always
    assert (output / "static" / "style.css").read_text(encoding="utf-8").endswith("/* edited */\n")
    assert edit("templates/article.html") == always + articles
    assert edit("templates/base.html") == first.rendered
    clean = build(content, tmp_path / "clean", search=False)
    assert site_tree(output) == site_tree(tmp_path / "clean") and clean.files == first.files


def test_one_translation_edit_rerenders_its_pages_only(tmp_path: Path) -> None:
    content = copy_content(DEMO_CONTENT, tmp_path / "content")
    output = tmp_path / "public"
    first = build(content, output)
    build(content, output, force=True)  # so that a retired site is kept beside the output
    edit_translation(content, random.Random(1))
    second = build(content, output)
    assert second.rendered < first.rendered / 3
    assert 1 <= second.rewritten < first.files / 2  # its pages, the pages listing it, the search bundle
    clean = build(content, tmp_path / "clean")
    assert clean.files == second.files
    assert site_tree(output) == site_tree(tmp_path / "clean")


@pytest.mark.parametrize("seed", [7, 2024])
def test_random_edits_build_what_a_clean_build_builds(tmp_path: Path, seed: int) -> None:
    rng = random.Random(seed)
    content = copy_content(DEMO_CONTENT, tmp_path / "content")
    output = tmp_path / "public"
    build(content, output)
    history = []
    for step in range(STEPS):
        history.append(rng.choice(EDITS)(content, rng))
        incremental = build(content, output)
        clean_output = tmp_path / f"clean-{step}"
        clean = build(content, clean_output, force=True)
        assert not [w for w in incremental.warnings if w.severity.value == "error"], history
        assert site_tree(output) == site_tree(clean_output), history
        assert incremental.files == clean.files, history
        assert (output / BUNDLE / "pagefind.js").is_file()
        shutil.rmtree(clean_output)


def test_the_first_rebuild_after_a_clean_build_starts_from_the_published_site(tmp_path: Path) -> None:
    content = copy_content(DEMO_CONTENT, tmp_path / "content")
    output = tmp_path / "public"
    first = build(content, output)
    inodes = {path.relative_to(output): path.stat().st_ino for path in output.rglob("*.html")}
    add_issue(content, random.Random(3))
    rebuilt = build(content, output)
    # No retired site yet: a helper linked the published one into the staging folder while
    # the sources were read, so only the changed files were written.
    assert rebuilt.rewritten < first.files / 3, (rebuilt.rewritten, first.files)
    kept = [name for name, inode in inodes.items() if (output / name).is_file() and (output / name).stat().st_ino == inode]
    assert len(kept) > len(inodes) / 2
    build(content, tmp_path / "clean")
    assert site_tree(output) == site_tree(tmp_path / "clean")


def test_a_new_issue_leaves_the_pages_of_old_articles_alone(tmp_path: Path) -> None:
    content = copy_content(DEMO_CONTENT, tmp_path / "content")
    rng = random.Random(5)
    for _ in range(12):  # tag lists longer than the window related articles are chosen from
        add_issue(content, rng)
    output = tmp_path / "public"
    build(content, output)
    oldest = min((content / "issues").iterdir()).name
    pages = sorted((output / oldest[:4] / oldest[5:7] / oldest[8:]).glob("*/index.html"))
    assert len(pages) >= 4
    inodes = {page: page.stat().st_ino for page in pages}
    add_issue(content, rng)
    rebuilt = build(content, output)
    # Their related articles are chosen among their neighbours in each tag's list, which a
    # new issue (at the lists' newest end) does not reach: not rendered, not written.
    assert all(page.stat().st_ino == inode for page, inode in inodes.items())
    assert rebuilt.rendered < 100, rebuilt.rendered


def test_a_failed_linking_process_only_costs_time(tmp_path: Path, monkeypatch) -> None:
    import os

    content = copy_content(DEMO_CONTENT, tmp_path / "content")
    output = tmp_path / "public"
    build(content, output)
    parent, link = os.getpid(), os.link

    def dies_in_a_helper(source, target):
        if os.getpid() != parent:
            os._exit(5)
        link(source, target)

    monkeypatch.setattr(os, "link", dies_in_a_helper)
    add_issue(content, random.Random(4))
    rebuilt = build(content, output)
    assert rebuilt.rewritten >= rebuilt.files - 5  # everything written or linked by the build itself
    monkeypatch.setattr(os, "link", link)
    build(content, tmp_path / "clean")
    assert site_tree(output) == site_tree(tmp_path / "clean")


def test_two_processes_build_what_one_builds(tmp_path: Path, monkeypatch) -> None:
    from site_builder.build import shares

    content = copy_content(DEMO_CONTENT, tmp_path / "content")
    monkeypatch.setenv("SITE_BUILDER_JOBS", "1")
    single = build(content, tmp_path / "one", search=False)
    monkeypatch.setenv("SITE_BUILDER_JOBS", "2")
    monkeypatch.setattr(shares, "MIN_PAGES", 0)
    if shares.helper_count(1) == 0:
        pytest.skip("one core: no helper process is started")
    double = build(content, tmp_path / "two", search=False)
    assert site_tree(tmp_path / "one") == site_tree(tmp_path / "two")
    assert double.rendered == single.rendered and double.files == single.files
    assert double.pages == single.pages
    assert not (tmp_path / "two" / BUNDLE).exists()  # search=False: no index


def test_a_template_error_with_two_processes_names_template_and_line(tmp_path: Path, monkeypatch) -> None:
    from site_builder.build import shares
    from site_builder.core.errors import SiteBuilderError

    monkeypatch.setattr(shares, "MIN_PAGES", 0)
    content = copy_content(DEMO_CONTENT, tmp_path / "content")
    edit_template(content, random.Random(0))
    issue_html = content / "my-theme" / "templates" / "issue.html"
    issue_html.write_text('{% extends "base.html" %}\n{% block main %}\n<p>\n{{ issue.nope }}</p>\n{% endblock %}\n',
                          encoding="utf-8")
    with pytest.raises(SiteBuilderError) as info:
        build(content, tmp_path / "public", search=False)
    assert "issue.html" in str(info.value) and "nope" in str(info.value)
    assert info.value.span is not None and info.value.span.line == 4
    assert Path(info.value.span.path) == issue_html
    assert not (tmp_path / "public").exists()


def _fails_in_helper(share):
    from site_builder.core.errors import SiteBuilderError, SourceSpan

    raise SiteBuilderError("broken in the helper", SourceSpan("t.html", 3), hint="fix it")


def _crashes_in_helper(share):
    import os

    os._exit(9)


def test_the_helper_process_reports_its_errors_and_its_death() -> None:
    from site_builder.build.shares import Helper, Share
    from site_builder.core.errors import SiteBuilderError

    helper = Helper(_fails_in_helper, Share(1, 2))
    with pytest.raises(SiteBuilderError) as info:
        helper.result()
    assert info.value.message == "broken in the helper" and info.value.span.line == 3
    helper = Helper(_crashes_in_helper, Share(1, 2))
    with pytest.raises(SiteBuilderError, match="exit code 9"):
        helper.result()


def _positions_taken(share):
    from site_builder.build.shares import HelperResult

    taken = [position for position in range(3000) if share.mine()]
    return HelperResult({str(position): "" for position in taken}, {}, 0, len(taken))


def test_shares_dealt_on_demand_take_every_position_exactly_once() -> None:
    from site_builder.build.shares import Helper, Share

    lead, other = Share.dealt(2)
    helper = Helper(_positions_taken, other)
    mine = [position for position in range(3000) if lead.mine()]
    theirs = [int(position) for position in helper.result().written]
    assert not set(mine) & set(theirs)
    assert sorted(mine + theirs) == list(range(3000))
    assert Share.dealt(1)[0].counter is None  # one process: no counter, every position its own


def test_the_permalink_record_keeps_the_text_of_unchanged_days(tmp_path: Path) -> None:
    import tomllib

    from site_builder.archive.permalinks import PermalinkRecord

    content = copy_content(DEMO_CONTENT, tmp_path / "content")
    record_file = content / "permalinks.toml"
    text = record_file.read_text(encoding="utf-8")
    first_day = re.search(r"\[\[issues\.\"?(\d{4}-\d{2}-\d{2})", text).group(1)
    edited = text.replace("\nslug", "\n# checked by hand\nslug", 1)
    record_file.write_text(edited, encoding="utf-8")
    record = PermalinkRecord.load(content)
    record.assign("2030-01-01", ["新的标题"])
    record.assign(first_day, [e.title for e in record.issues[first_day]] + ["又一篇"])
    record.save()
    saved = record_file.read_text(encoding="utf-8")
    data = tomllib.loads(saved)["issues"]
    assert [a["title"] for a in data["2030-01-01"]["articles"]] == ["新的标题"]
    assert data[first_day]["articles"][-1]["title"] == "又一篇"
    assert PermalinkRecord.load(content).issues.keys() == record.issues.keys()
    # The changed day is edited in place (tomlkit): its hand comment stays; the others keep their text.
    assert "# checked by hand" in saved
    second_day = sorted(record.issues)[1]
    untouched = PermalinkRecord.load(content)
    untouched.chunks[second_day] = untouched.chunks[second_day].replace("\nslug", "\n# kept\nslug", 1)
    untouched.assign("2031-01-01", ["另一个标题"])
    untouched.save()
    assert "# kept" in record_file.read_text(encoding="utf-8")


def test_the_permalink_record_is_read_from_the_cache_after_a_build_saved_it(tmp_path: Path, monkeypatch) -> None:
    from site_builder.archive.permalinks import PermalinkRecord
    from site_builder.build.cache import ParseCache

    content = copy_content(DEMO_CONTENT, tmp_path / "content")
    cache = ParseCache(tmp_path / "cache")
    record = PermalinkRecord.load(content, cache)
    record.assign("2030-01-01", ["新的标题"])
    record.save()  # what a build does when it records new slugs
    parsed = []
    monkeypatch.setattr(PermalinkRecord, "parse", staticmethod(lambda path: parsed.append(path) or {}))
    again = PermalinkRecord.load(content, ParseCache(tmp_path / "cache"))
    assert parsed == []  # not parsed: the saved record's entries came from the cache
    assert {day: [(e.slug, e.title, e.redirects) for e in entries] for day, entries in again.issues.items()} == \
        {day: [(e.slug, e.title, e.redirects) for e in entries] for day, entries in record.issues.items()}
    # A record edited by hand is parsed anew.
    record_file = content / "permalinks.toml"
    record_file.write_text(record_file.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    PermalinkRecord.load(content, ParseCache(tmp_path / "cache"))
    assert parsed == [record_file]


def test_a_damaged_or_missing_cache_only_costs_time(tmp_path: Path) -> None:
    content = copy_content(DEMO_CONTENT, tmp_path / "content")
    output = tmp_path / "public"
    build(content, output, search=False)
    build(content, output, force=True, search=False)  # leaves a retired site to reuse
    cache = tmp_path / ".public.cache"
    entries = sorted((cache / "parsed").iterdir())
    assert entries
    for entry in entries[::2]:
        entry.write_bytes(b"not a pickle")
    for entry in entries[1::2]:
        entry.unlink()
    # A retired site whose manifest is gone is not trusted: the build starts a fresh staging folder.
    (cache / "previous" / MANIFEST).unlink()
    edit_sentence(content, random.Random(3))
    build(content, output, search=False)
    build(content, tmp_path / "clean", search=False)
    assert site_tree(output) == site_tree(tmp_path / "clean")
    shutil.rmtree(cache)
    edit_sentence(content, random.Random(4))
    build(content, output, search=False)
    build(content, tmp_path / "clean2", search=False)
    assert site_tree(output) == site_tree(tmp_path / "clean2")


def test_kept_parses_come_back_equal_to_a_fresh_parse() -> None:
    """The parse cache pickles the model's dataclasses as constructor calls (pickling.py):
    what comes back must be the same parse, diagnostics and removed lines included."""
    import pickle

    from site_builder.build import pickling  # noqa: F401  (registers the reducers, as the cache does)
    from site_builder.ingest import parse_bytes

    from .conftest import SEEDS

    seeds = sorted(SEEDS.iterdir())
    assert len(seeds) == 5
    for seed in seeds:
        issue = parse_bytes(seed.read_bytes(), str(seed))
        again = pickle.loads(pickle.dumps(issue, protocol=pickle.HIGHEST_PROTOCOL))
        assert again == issue and again.to_json() == issue.to_json()
        assert [(d.code, d.span, d.severity) for d in again.diagnostics] == \
            [(d.code, d.span, d.severity) for d in issue.diagnostics]
        assert again.removed == issue.removed
    assert any(parse_bytes(s.read_bytes(), str(s)).removed for s in seeds)  # the seeds exercise every field
