"""Ordinary pages from content/pages/ (archive/pages.py): Markdown in both languages, linked
from the footer; bad front matter stops the build with one line naming the file and line."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from site_builder.build.pipeline import build

from .conftest import ROOT
from .siteutil import FIXTURE_SITE, copy_content

ABOUT = ('+++\ntitle = "关于"\ndescription = "测试档案简介"\nweight = 2\n+++\n\n'
         "本档案收录**测试**报纸。\n\n## 来源\n\n<script>alert(1)</script>\n")
ABOUT_EN = '+++\ntitle = "About"\nweight = 2\n+++\n\nThe archive of a *test* paper. [Link](javascript:alert(1))\n'
CONTACT = '+++\ntitle = "联系"\nweight = 1\n+++\n\n写信。\n'


def with_pages(tmp_path: Path, **pages: str) -> Path:
    content = copy_content(FIXTURE_SITE, tmp_path / "content")
    (content / "pages").mkdir()
    for name, text in pages.items():
        (content / "pages" / name.replace("_", ".")).write_text(text, encoding="utf-8")
    return content


def test_pages_in_both_languages_are_linked_from_the_footer(tmp_path):
    content = with_pages(tmp_path, about_md=ABOUT, about_en_md=ABOUT_EN, contact_md=CONTACT)
    output = tmp_path / "public"
    build(content, output)
    zh = (output / "about/index.html").read_text(encoding="utf-8")
    en = (output / "en/about/index.html").read_text(encoding="utf-8")
    assert "<h1>关于</h1>" in zh and "<p>本档案收录<strong>测试</strong>报纸。</p>" in zh and "<h2>来源</h2>" in zh
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in zh and "<script>alert" not in zh  # raw HTML is text
    assert '<meta name="description" content="测试档案简介">' in zh
    assert "<em>test</em>" in en and 'href="javascript' not in en
    assert '<link rel="alternate" hreflang="en" href="https://news.example.org/archive/en/about/">' in zh
    # The lighter page first; a page in one language only is in that language's footer only.
    home = (output / "index.html").read_text(encoding="utf-8")
    assert ('<a href="/archive/contact/">联系</a> · <a href="/archive/about/">关于</a> · ') in home
    en_home = (output / "en/index.html").read_text(encoding="utf-8")
    assert '<a href="/archive/en/about/">About</a>' in en_home and "contact" not in en_home
    assert not (output / "en/contact").exists()
    contact = (output / "contact/index.html").read_text(encoding="utf-8")
    assert 'hreflang="en"' not in contact.split("<body>")[0]
    assert "https://news.example.org/archive/en/about/" in (output / "sitemap.xml").read_text(encoding="utf-8")


def test_an_edited_page_changes_every_footer(tmp_path):
    content = with_pages(tmp_path, about_md=ABOUT)
    output = tmp_path / "public"
    build(content, output)
    (content / "pages/about.md").write_text(ABOUT.replace('title = "关于"', 'title = "本站简介"'), encoding="utf-8")
    build(content, output)
    assert '<a href="/archive/about/">本站简介</a>' in (output / "2024/03/01/index.html").read_text(encoding="utf-8")


@pytest.mark.parametrize(("name", "text", "where", "message"), [
    ("about.md", "本档案。\n", "about.md:1", "no front matter"),
    ("about.md", '+++\ntitle = "关于"\n', "about.md:1", "not closed"),
    ("about.md", '+++\ntitle = "关于\n+++\n', "about.md:2", "invalid TOML"),
    ("about.md", '+++\ndescription = "x"\n+++\n', "about.md:1", "needs a title"),
    ("about.md", '+++\ntitle = "关于"\ntitel = "x"\n+++\n', "about.md:3", "unknown key 'titel'"),
    ("about.md", '+++\ntitle = "关于"\nweight = "1"\n+++\n', "about.md:3", "weight must be a whole number"),
    ("about.fr.md", '+++\ntitle = "x"\n+++\n', "about.fr.md", "unknown language 'fr'"),
    ("tags.md", '+++\ntitle = "x"\n+++\n', "tags.md", "cannot be an address"),
    ("About Us.md", '+++\ntitle = "x"\n+++\n', "About Us.md", "cannot be an address"),
])
def test_bad_front_matter_is_one_line_naming_file_and_line(tmp_path, name, text, where, message):
    content = copy_content(FIXTURE_SITE, tmp_path / "content")
    (content / "pages").mkdir()
    (content / "pages" / name).write_text(text, encoding="utf-8")
    done = subprocess.run([sys.executable, str(ROOT / "build.py"), "build", "--content", str(content), "--output",
                           str(tmp_path / "public")], capture_output=True, text=True, timeout=300)
    assert done.returncode == 2, done.stdout + done.stderr
    error = next(line for line in done.stderr.splitlines() if "error" in line)
    assert where in error and message in error, done.stderr
    assert "Traceback" not in done.stderr
