"""The bad-input table (docs/bad-input.md): every row, its documented outcome.

An error names the file (and line), exits 2 and never shows a traceback, and
publishes nothing: the previous site stays.  With --keep-going a broken issue is
left out while the rest of the archive is published; a broken site-wide file
(site.toml, tags.toml, places.toml, the theme) publishes nothing even then.
"""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from PIL import Image

from site_builder.ingest import parse_bytes

from .conftest import ROOT
from .siteutil import FIXTURE_SITE, copy_content, tree

ISSUE = "issues/2024-03-08"
SOURCE = ISSUE + "/source.md"


def build(content: Path, output: Path, *options: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, str(ROOT / "build.py"), "build", "--content", str(content), "--output",
                           str(output), *options], capture_output=True, text=True, timeout=300)


@pytest.fixture
def content(tmp_path) -> Path:
    return copy_content(FIXTURE_SITE, tmp_path / "content")


def assert_issue_left_out(content: Path, tmp_path: Path, message: str, where: str) -> None:
    """The broken issue's error publishes nothing; --keep-going publishes the rest without it."""
    output = tmp_path / "public"
    assert build(copy_content(FIXTURE_SITE, tmp_path / "good"), output).returncode == 0
    before = tree(output)
    done = build(content, output)
    assert done.returncode == 2, done.stdout + done.stderr
    assert message in done.stderr and where in done.stderr, done.stderr
    assert "nothing was published" in done.stderr and "--keep-going" in done.stderr
    assert "Traceback" not in done.stderr + done.stdout
    assert tree(output) == before  # every page of the previous site is still there
    kept_going = build(content, output, "--keep-going")
    assert kept_going.returncode == 2, kept_going.stdout + kept_going.stderr
    assert message in kept_going.stderr and "left out of the site" in kept_going.stderr
    assert (output / "2024/03/01/index.html").is_file()  # the rest was built
    assert not (output / "2024/03/08").exists()


def assert_nothing_published(content: Path, tmp_path: Path, message: str) -> None:
    output = tmp_path / "public"
    first = build(copy_content(FIXTURE_SITE, tmp_path / "good"), output)
    assert first.returncode == 0
    before = tree(output)
    done = build(content, output)
    assert done.returncode == 2, done.stdout + done.stderr
    assert message in done.stderr, done.stderr
    assert "Traceback" not in done.stderr + done.stdout
    assert tree(output) == before  # the previous site stays as it was


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"", "the file is empty"),
        (b" \n\t\n\xe3\x80\x80\n", "the file is empty"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00", "binary file"),
        (b"\xe6\xa0\x87\xe9\xa2\x98\n\xff\xfe\xfa\xfb\n", "no supported encoding"),
    ],
    ids=["empty", "whitespace-only", "binary", "undecodable"],
)
def test_unreadable_source_leaves_its_issue_out(content, tmp_path, data, message):
    (content / SOURCE).write_bytes(data)
    assert_issue_left_out(content, tmp_path, message, "source.md")


def test_undecodable_line_is_named(content, tmp_path):
    (content / SOURCE).write_bytes("# 标题\n\n正文。\n".encode() + b"\xff\xfe\xfa\n")
    assert_issue_left_out(content, tmp_path, "line 4 is in no supported encoding", "source.md:4")


def test_mixed_encodings_are_read_line_by_line_with_a_warning(content, tmp_path):
    (content / SOURCE).write_bytes("# 标题\n\n".encode() + "**包头讯** 民警巡逻。(王海)\n".encode("gb18030"))
    done = build(content, tmp_path / "public")
    assert done.returncode == 0, done.stderr
    assert "source.md:3: warning[mixed-encoding]" in done.stderr


def test_a_20_mb_single_line_file_parses_as_one_article():
    data = ("民警开展巡逻，确保群众安全。" * 500_000).encode()
    assert len(data) > 20_000_000
    issue = parse_bytes(data, "big.txt")
    assert len(issue.articles) == 1
    assert [d.code for d in issue.diagnostics] == ["no-headline"]


def test_a_200000_line_issue_parses():
    lines = []
    for number in range(20_000):
        lines += [f"第{number}篇新闻标题", "", f"包头讯 民警开展第{number}次巡逻，确保群众安全。", "",
                  "巡逻期间，民警发放宣传资料，受到群众欢迎。(王海)", "", "", "", "", ""]
    assert len(lines) == 200_000
    issue = parse_bytes("\n".join(lines).encode(), "long.txt")
    assert len(issue.articles) == 20_000
    assert issue.articles[-1].title == "第19999篇新闻标题"


def test_control_and_zero_width_characters_are_removed_with_a_warning():
    issue = parse_bytes("标\u200b题\n\n包头讯 民警\x07巡逻\u202e。(王海)\n".encode(), "ctl.txt")
    article = issue.articles[0]
    assert article.title == "标题" and article.blocks[0].text == "民警巡逻。"
    assert [(d.code, d.span.line) for d in issue.diagnostics] == [("control-char", 3)]


def test_unbalanced_quotes_build_and_are_reported_by_check(content, tmp_path):
    source = content / SOURCE
    source.write_text(source.read_text(encoding="utf-8").replace("确保道路", "“确保道路"), encoding="utf-8")
    assert build(content, tmp_path / "public").returncode == 0
    done = subprocess.run([sys.executable, str(ROOT / "build.py"), "check", "--content", str(content)],
                          capture_output=True, text=True)
    assert "warning[unbalanced]" in done.stdout


@pytest.mark.parametrize(
    ("name", "text", "message"),
    [
        ("site.toml", 'base_url = "/"\n[languages.zh-Hans\n', "site.toml:2:19: error: invalid TOML"),
        ("site.toml", 'base_url = "/"\ncolour = 1\ndefault_language = "zh-Hans"\n[languages.zh-Hans]\ntitle = "x"\n',
         "site.toml:2: error[config]: unknown key 'colour'"),
        ("tags.toml", "[[tag]]\nslug = \"Bad Slug\"\n", "tag slug 'Bad Slug'"),
        ("tags.toml", "[[tag]]\nslug = \"ok\"\nzh-Hans = \"好\"\nen = \"OK\"\ncolour = 1\n", "unknown key 'colour'"),
        ("places.toml", "[[place]\n", "places.toml:1"),
        ("places.toml", "[[place]]\nslug = \"x\"\nzh-Hans = \"某\"\nen = \"X\"\nkind = \"planet\"\n", "kind of place"),
        ("authors.toml", "[names]\n", "unknown key 'names'"),
        ("tags.toml", "[[tags]]\nslug = \"ok\"\n", "tags.toml:1: error[vocabulary]: unknown key 'tags'"),
        ("tags.toml", "[[tag]]\nslug = \"ok\"\nzh-Hans = \"好\"\n", "tags.toml:2: error[vocabulary]: tag 'ok' has no en name"),
    ],
    ids=["site-syntax", "site-unknown-key", "tag-slug", "tag-unknown-key", "places-syntax", "place-kind",
         "authors-unknown", "tags-misspelt-table", "tag-without-a-name"],
)
def test_broken_site_wide_files_publish_nothing(content, tmp_path, name, text, message):
    (content / name).write_text(text, encoding="utf-8")
    assert_nothing_published(content, tmp_path, message)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("date = 2024-03-08\nnumber = 12\ncolour = 1\n", "unknown key 'colour'"),
        ("date = 2024-02-30\n", "invalid TOML"),
        ("date = 2024-03-09\n", "differs from the folder name"),
        ("date = 2024-03-08\nnumber = -1\n", "number must be a positive whole number"),
        ("date = 2024-03-08\n[[article]]\nnumber = 9\n", "the issue has only 1 articles"),
        ("date = 2024-03-08\n[[article]]\nnumber = 1\ntags = [\"nope\"]\n", "unknown tag 'nope'"),
    ],
    ids=["unknown-key", "impossible-date", "date-vs-folder", "bad-number", "override-out-of-range", "unknown-tag"],
)
def test_broken_issue_toml_leaves_its_issue_out(content, tmp_path, text, message):
    (content / ISSUE / "issue.toml").write_text(text, encoding="utf-8")
    assert_issue_left_out(content, tmp_path, message, "issue.toml")


def test_impossible_date_in_a_folder_name(content, tmp_path):
    (content / ISSUE / "issue.toml").write_text("number = 12\n", encoding="utf-8")
    (content / ISSUE).rename(content / "issues/2024-02-30")
    done = build(content, tmp_path / "public")
    assert done.returncode == 2 and "'2024-02-30' is not a real date" in done.stderr


def test_two_issues_claiming_one_date(content, tmp_path):
    twin = content / "issues/2024-03-08-extra"
    twin.mkdir()
    (twin / "issue.toml").write_text("date = 2024-03-08\n", encoding="utf-8")
    (twin / "source.txt").write_text("标题\n\n正文。(王海)\n", encoding="utf-8")
    done = build(content, tmp_path / "public")
    assert done.returncode == 2
    assert "two issues claim 2024-03-08" in done.stderr
    assert not (tmp_path / "public").exists()  # nothing published
    done = build(content, tmp_path / "public", "--keep-going")
    assert done.returncode == 2
    assert (tmp_path / "public/2024/03/08/index.html").is_file()  # the first one is kept


def test_homophone_titles_get_distinct_addresses(content, tmp_path):
    (content / SOURCE).write_text("# 公式\n\n正文一。(王海)\n\n## 公事\n\n正文二。(王海)\n\n## 攻势\n\n正文三。(王海)\n",
                                  encoding="utf-8")
    assert build(content, tmp_path / "public").returncode == 0
    slugs = sorted(p.name for p in (tmp_path / "public/2024/03/08").iterdir() if p.is_dir())
    assert slugs == ["gong-shi", "gong-shi-2", "gong-shi-3"]


def _figure_page(tmp_path: Path) -> str:
    return next((tmp_path / "public/2024/03/08").glob("*/index.html")).read_text(encoding="utf-8")


@pytest.mark.parametrize("kind", ["missing", "corrupt", "bomb", "escape"])
def test_bad_images_become_placeholders_with_a_warning(content, tmp_path, kind):
    images = content / ISSUE / "images"
    source = content / SOURCE
    if kind == "missing":
        (images / "photo.jpg").unlink()
        expected = None
    elif kind == "corrupt":
        (images / "photo.jpg").write_bytes(b"\xff\xd8\xff\xe0 not really a jpeg")
        expected = "image-unreadable"
    elif kind == "bomb":
        Image.new("1", (12_000, 6_000)).save(images / "photo.png")  # 72 megapixels, a few kB on disk
        source.write_text(source.read_text(encoding="utf-8").replace("photo.jpg", "photo.png"), encoding="utf-8")
        expected = "image-unreadable"
    else:
        (tmp_path / "secret.jpg").write_bytes((images / "photo.jpg").read_bytes())
        source.write_text(source.read_text(encoding="utf-8").replace("photo.jpg", "../../../../secret.jpg"),
                          encoding="utf-8")
        expected = None
    done = build(content, tmp_path / "public")
    assert done.returncode == 0, done.stderr
    if expected:
        assert f"warning[{expected}]" in done.stderr
    page = _figure_page(tmp_path)
    assert '<figure class="photo-missing">' in page and "<img" not in page
    assert not list((tmp_path / "public").rglob("secret*"))


def test_links_out_of_the_content_folder_are_refused(content, tmp_path):
    """The trust boundary (core/boundary.py, tests/test_trust.py): a link leading outside the
    archive stops the build, naming the link; nothing is published."""
    outside = tmp_path / "outside.txt"
    outside.write_text("标题\n\n正文。(王海)\n", encoding="utf-8")
    (content / SOURCE).unlink()
    os.symlink(outside, content / ISSUE / "source.txt")
    assert_nothing_published(content, tmp_path, "symbolic link leads outside the archive")
    assert str(content / ISSUE / "source.txt") in build(content, tmp_path / "public").stderr
    os.unlink(content / ISSUE / "source.txt")
    folder = tmp_path / "elsewhere"
    folder.mkdir()
    (folder / "issue.toml").write_text("date = 2024-04-01\n", encoding="utf-8")
    (folder / "source.txt").write_text("标题\n\n正文。(王海)\n", encoding="utf-8")
    os.symlink(folder, content / "issues/2024-04-01")
    done = build(content, tmp_path / "public2")
    assert done.returncode == 2 and "symbolic link leads outside the archive" in done.stderr
    assert str(content / "issues/2024-04-01") in done.stderr and not (tmp_path / "public2").exists()


def test_broken_article_catalog_shows_the_article_untranslated(content, tmp_path):
    catalog = next((content / "translations/en/2024-03-01").glob("bao-tou-jiao-jing-kai*.po"))
    catalog.write_text(catalog.read_text(encoding="utf-8").replace('msgstr "Baotou traffic', 'msgstr Baotou traffic'),
                       encoding="utf-8")
    done = build(content, tmp_path / "public")
    assert done.returncode == 0, done.stderr
    assert "warning[catalog-broken]" in done.stderr and catalog.name in done.stderr
    assert not list((tmp_path / "public/en/2024/03/01").glob("bao-tou-jiao-jing-kai*"))


def test_theme_catalog_with_wrong_placeholders_publishes_nothing(content, tmp_path):
    theme = content / "mytheme/locale/zh_Hans/LC_MESSAGES"
    theme.mkdir(parents=True)
    default = ROOT / "themes/default/locale/zh_Hans/LC_MESSAGES/messages.po"
    (theme / "messages.po").write_text(
        default.read_text(encoding="utf-8").replace('"第%(number)s期 · %(date)s"', '"第%(num)s期"'), encoding="utf-8")
    config = content / "site.toml"
    config.write_text('theme = "mytheme"\n' + config.read_text(encoding="utf-8"), encoding="utf-8")
    assert_nothing_published(content, tmp_path, "problem(s) in the interface catalog")


def test_catalog_of_a_vanished_article_is_reported_and_kept(content, tmp_path):
    catalog = next((content / "translations/en/2024-03-01").glob("chi-feng*.po"))
    catalog.rename(catalog.with_name("an-old-slug.po"))
    done = subprocess.run([sys.executable, str(ROOT / "build.py"), "check", "--content", str(content)],
                          capture_output=True, text=True)
    assert "warning[catalog-orphaned]" in done.stdout and "an-old-slug.po" in done.stdout
    assert build(content, tmp_path / "public").returncode == 0


def test_strict_is_judged_on_the_content_also_when_nothing_needs_building(content, tmp_path):
    """The warnings are kept with the site: a build that finds nothing changed says them again,
    and --strict fails as the build that found them did."""
    source = content / SOURCE
    source.write_text(source.read_text(encoding="utf-8").replace("确保道路", "确保\x07道路"), encoding="utf-8")
    first = build(content, tmp_path / "public", "--strict", "--force")
    assert first.returncode == 1, first.stdout + first.stderr
    warnings = [line for line in first.stderr.splitlines() if ": warning[" in line]
    assert warnings
    again = build(content, tmp_path / "public", "--strict")
    assert again.returncode == 1, again.stdout + again.stderr
    assert "is up to date" in again.stdout
    assert [line for line in again.stderr.splitlines() if ": warning[" in line] == warnings
    assert build(content, tmp_path / "public").returncode == 0  # without --strict a warning is no failure


def test_an_error_published_with_keep_going_fails_again_when_nothing_changed(content, tmp_path):
    (content / SOURCE).write_bytes(b"")
    assert build(content, tmp_path / "public", "--keep-going").returncode == 2
    again = build(content, tmp_path / "public", "--keep-going")
    assert again.returncode == 2 and "is up to date" in again.stdout and "the file is empty" in again.stderr


@pytest.mark.parametrize(("where", "value", "named"), [
    ("site.toml", "archive.example.org", "site.toml:1: error[config]: base_url 'archive.example.org' has no scheme"),
    ("option", "example.org/news", "--base-url: error[config]: --base-url 'example.org/news' has no scheme"),
])
def test_a_base_url_without_a_scheme_is_an_error_where_it_was_given(content, tmp_path, where, value, named):
    """Without a scheme every link, the canonical URL, the sitemap and the feeds would lead to
    archive.example.org/archive.example.org/…"""
    options: list[str] = []
    if where == "site.toml":
        config = content / "site.toml"
        lines = config.read_text(encoding="utf-8").splitlines(keepends=True)
        assert lines[0].startswith("base_url")
        config.write_text(f'base_url = "{value}"\n' + "".join(lines[1:]), encoding="utf-8")
    else:
        options = ["--base-url", value]
    done = build(content, tmp_path / "public", *options)
    assert done.returncode == 2 and named in done.stderr, done.stderr
    assert f"hint: write it whole, e.g. 'https://{value}'" in done.stderr
    assert not (tmp_path / "public").exists()


def test_two_issues_with_one_number_are_flagged_at_the_number(content, tmp_path):
    toml = content / ISSUE / "issue.toml"
    other = (content / "issues/2024-03-01/issue.toml").read_text(encoding="utf-8")
    number = next(line for line in other.splitlines() if line.startswith("number"))
    lines = [number if line.startswith("number") else line for line in toml.read_text(encoding="utf-8").splitlines()]
    toml.write_text("\n".join(lines) + "\n", encoding="utf-8")
    done = build(content, tmp_path / "public")
    assert done.returncode == 0, done.stderr  # a warning: the site builds
    at = next(n for n, line in enumerate(lines, start=1) if line.startswith("number"))
    assert f"issue.toml:{at}: warning[issue-number]: issue 2024-03-08 has number" in done.stderr
    assert "as 2024-03-01 has" in done.stderr


@pytest.mark.parametrize(("name", "edit", "expected"), [
    ("tags.toml", ('slug = "traffic"', 'slg = "traffic"'),
     ["tags.toml:2: error[vocabulary]: a [[tag]] has no slug ('slg' is not a key of it)", "did you mean 'slug'?"]),
    ("issues/2024-03-01/issue.toml", ("tags = ", "tag = "),
     ["issue.toml:6: error[issue-config]: unknown key 'tag' in [[article]] number 2", "did you mean 'tags'?"]),
    ("site.toml", ("default_language", "default_langauge"),
     ["unknown key 'default_langauge'", "did you mean 'default_language'?"]),
])
def test_a_misspelt_key_is_named_at_its_line_with_the_key_meant(content, tmp_path, name, edit, expected):
    path = content / name
    text = path.read_text(encoding="utf-8")
    assert edit[0] in text
    path.write_text(text.replace(edit[0], edit[1], 1), encoding="utf-8")
    done = build(content, tmp_path / "public")
    assert done.returncode == 2
    for needle in expected:
        assert needle in done.stderr, done.stderr
