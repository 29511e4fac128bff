"""The bilingual site built from a small fixture archive: pages, languages, escaping, safe writing."""
from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from site_builder.build.pipeline import build
from site_builder.core.config import load_config
from site_builder.core.errors import SiteBuilderError

from .siteutil import FIXTURE_SITE, copy_content, html_files, tree


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    base = tmp_path_factory.mktemp("fixture-site")
    content = copy_content(FIXTURE_SITE, base / "content")
    output = base / "public"
    build(content, output)
    return output


def use_theme(content: Path, name: str) -> None:
    config = content / "site.toml"
    config.write_text(f'theme = "{name}"\n' + config.read_text(encoding="utf-8"), encoding="utf-8")


def read(site: Path, path: str) -> str:
    return (site / path).read_text(encoding="utf-8")


def article_dirs(site: Path, prefix: str = "") -> list[Path]:
    return sorted(p.parent for p in (site / prefix).glob("20*/*/*/*/index.html"))


def test_every_kind_of_page_exists_in_both_languages(site):
    for prefix in ("", "en/"):
        for path in ("index.html", "2024/03/01/index.html", "2024/03/08/index.html", "tags/index.html",
                     "tags/traffic/index.html", "tags/traffic/feed.xml", "places/index.html",
                     "places/baotou/index.html", "authors/index.html", "archive/index.html", "404.html",
                     "feed.xml"):
            assert (site / prefix / path).is_file(), prefix + path
    # Every article in Chinese; in English those whose title is translated (tests/fixtures/site/translations).
    assert len(article_dirs(site)) == 4
    assert len(article_dirs(site, "en")) == 3  # 乌海民警救助被困群众 has no English edition

    for path in ("sitemap.xml", "robots.txt", "static/style.css", ".site-builder-manifest.json"):
        assert (site / path).is_file(), path


def test_every_page_has_its_language_and_hreflang_alternates(site):
    for page in html_files(site):
        html = page.read_text(encoding="utf-8")
        english = page.relative_to(site).parts[0] == "en"
        assert f'<html lang="{"en" if english else "zh-Hans"}">' in html, page
        if 'name="robots" content="noindex"' in html:
            continue
        head = html.split("<body>")[0]
        # Every English page has a Chinese original; a Chinese article without an
        # English edition has no alternates at all.
        if english or 'hreflang="en"' in head:
            assert 'hreflang="zh-Hans"' in head and 'hreflang="en"' in head and 'hreflang="x-default"' in head, page


def test_language_switcher_lands_on_the_same_page(site):
    [zh_article] = [d for d in article_dirs(site) if "2024/03/08" in d.as_posix()]
    html = read(zh_article, "index.html")
    slug = zh_article.name
    assert f'<a href="/archive/en/2024/03/08/{slug}/" hreflang="en" lang="en">English</a>' in html
    en_html = (site / "en/2024/03/08" / slug / "index.html").read_text(encoding="utf-8")
    assert f'<a href="/archive/2024/03/08/{slug}/" hreflang="zh-Hans" lang="zh-Hans">中文</a>' in en_html


def test_article_page_shows_headline_roles_dateline_bylines_subheads_and_figures(site):
    [first] = [d for d in article_dirs(site) if "2024/03/01" in d.as_posix() and d.name.startswith("bao-tou")]
    html = read(first, "index.html")
    assert '<h1 data-pagefind-meta="title">包头交警开展春运护航</h1>' in html
    assert '<p class="subtitle">确保道路交通安全畅通</p>' in html
    assert '<p><strong class="dateline">包头讯</strong> 春运期间，' in html
    assert ('<a href="/archive/authors/wang-hai/" data-pagefind-filter="作者:王海">王海</a>、'
            '<a href="/archive/authors/li-na/" data-pagefind-filter="作者:李娜">李娜</a>') in html
    # The page break inside 平安|出行 was repaired.
    assert "确保群众平安出行。" in html
    [second] = [d for d in article_dirs(site) if "2024/03/01" in d.as_posix() and d.name.startswith("chi-feng")]
    html = read(second, "index.html")
    assert re.search(r'<h2 id="s-ye-jian-xun-luo-shou-hu-ping-an">夜间巡逻 守护平安</h2>', html)
    assert '<figure class="photo-missing">' in html and "<figcaption>民警在巡逻。</figcaption>" in html
    assert "图片未存档" in html


def test_english_edition_of_a_fully_translated_article(site):
    [english] = [d for d in article_dirs(site, "en") if d.name.startswith("bao-tou-jiao-jing-kai")]
    html = read(english, "index.html")
    assert '<h1 data-pagefind-meta="title">Baotou traffic police keep Spring Festival travel safe</h1>' in html
    assert '<header class="article-header" lang="en">' in html
    assert '<div class="article-body" lang="en">' in html
    assert '<p class="translated"><strong class="dateline">Baotou —</strong> During the Spring Festival' in html
    assert '<time datetime="2024-03-01" data-pagefind-meta="date:1 March 2024"' in html
    assert 'data-pagefind-meta="issue">Issue 11</a>' in html  # the date is shown once, beside it
    assert "Cite as: Test Police News, 1 March 2024, Issue 11, <a href=" in html
    assert '<a href="/archive/en/authors/wang-hai/" data-pagefind-filter="Author:Wang Hai">Wang Hai</a>' in html
    assert '<a class="tag" href="/archive/en/tags/traffic/" data-pagefind-filter="Tag:Traffic">Traffic</a>' in html
    assert '<a class="tag" href="/archive/en/places/baotou/" data-pagefind-filter="Place:Baotou">Baotou</a>' in html
    assert "Complete translation. Translated by Test Translator (human translation, reviewed)." in html
    assert "[not yet translated]" not in html


def test_english_edition_of_a_partly_translated_article_groups_the_original(site):
    """The English text first; the passages not yet translated together, in order, in one block
    marked as Chinese, labelled as the original and left out of the English search index."""
    [english] = [d for d in article_dirs(site, "en") if d.name.startswith("chi-feng")]
    html = read(english, "index.html")
    assert '<h1 data-pagefind-meta="title">Chifeng police step up winter patrols</h1>' in html
    # Counted on the text (one paragraph of five passages), not on the headline and the byline.
    assert "Partial translation: 1 of 5 passages translated; the other 4 are given below in the original Chinese." in html
    assert "(machine translation, not reviewed)" in html
    body = html[html.index('<div class="article-body" lang="en">'):html.index('<section id="original"')]
    assert "The Chifeng public security bureau has recently sent officers on winter patrols." in body
    assert not re.search(r"[\u4e00-\u9fff]", body)  # no Chinese in the English text
    assert "[not yet translated]" not in html
    original = html[html.index('<section id="original"'):html.index("</section>")]
    assert original.startswith('<section id="original" class="original" lang="zh-Hans" '
                               'aria-labelledby="original-heading" data-pagefind-ignore>')
    assert '<h2 id="original-heading" lang="en">Original Chinese: the passages not yet translated</h2>' in original
    order = ["民警在巡逻。", "巡逻民警深入社区", '<h3 id="s-ye-jian-xun-luo-shou-hu-ping-an">夜间巡逻 守护平安</h3>',
             "夜间，民警继续在重点区域巡逻防控。"]
    assert [original.index(text) for text in order] == sorted(original.index(text) for text in order)
    assert '<span class="caption-label" lang="en">Photo caption:</span> 民警在巡逻。' in original
    article = html[html.index("<article"):html.index("</article>")]
    assert article.count(' lang="zh-Hans"') == 1  # the block, and no passage marked one by one
    listing = read(site, "en/2024/03/01/index.html")
    assert ('Chifeng police step up winter patrols</a> <span class="only">Partly translated</span>') in listing


def test_english_page_of_an_article_with_only_its_headline_translated(site):
    """A short English page: the headline, what the article is about, and the way to the Chinese text."""
    [english] = [d for d in article_dirs(site, "en") if "2024/03/08" in d.as_posix()]
    html = read(english, "index.html")
    main = html[html.index("<main"):html.index("</main>")]
    assert "Baotou police &lt;script&gt;alert(2)&lt;/script&gt; crack down" in main
    assert "Only the headline of this article has been translated so far: its text is in Chinese." in main
    assert not re.search(r"[\u4e00-\u9fff]", main.split('<nav class="pager"')[0])  # not a Chinese word
    assert '<div class="article-body"' not in main
    assert ('<p class="read-original" data-pagefind-ignore><a href="/archive/2024/03/08/'
            f'{english.name}/" hreflang="zh-Hans">Read the full article in Chinese</a></p>') in main
    assert "<dt>Dateline</dt><dd>Baotou</dd>" in main
    # Its archived photo stays; the caption, still in Chinese, is not given as the photo's text.
    [figure] = re.findall(r"<figure.*?</figure>", main, re.S)
    assert 'src="/archive/media/2024-03-08/photo-1200.jpg"' in figure and ' alt=""' in figure
    assert "<figcaption" not in figure
    assert '<dt>Tags</dt><dd><a href="/archive/en/tags/traffic/" data-pagefind-filter="Tag:Traffic">Traffic</a>' in main
    assert "Chinese characters</dd>" in main
    assert main.count(">8 March 2024</time>") == 1  # the date once (the citation line gives it again)
    head = html.split("<body>")[0]
    assert '<meta name="description" content="Baotou police' in head and "its text in Chinese." in head
    data = json.loads(re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S).group(1))
    assert data["inLanguage"] == "zh-Hans" and data["headline"] == "包头交警<script>alert(1)</script>查处违法"
    assert data["name"].startswith("Baotou police") and data["dateline"] == "包头"
    assert data["url"] == f"https://news.example.org/archive/2024/03/08/{english.name}/"
    assert data["mainEntityOfPage"] == f"https://news.example.org/archive/en/2024/03/08/{english.name}/"
    listing = read(site, "en/2024/03/08/index.html")
    assert '<span class="only">Headline only: text in Chinese</span>' in listing


def test_english_feeds_and_structured_data_carry_each_entry_language(site):
    feed = read(site, "en/feed.xml")
    entries = re.findall(r"<entry(?: xml:lang=\"([^\"]+)\")?>\s*<id>([^<]+)</id>\s*<title>([^<]+)</title>", feed)
    by_title = {title: lang for lang, _, title in entries}
    assert by_title["乌海民警救助被困群众"] == "zh-Hans"  # no English edition: the Chinese headline, marked
    assert by_title["Chifeng police step up winter patrols"] == ""  # the feed's own language
    assert "<summary type=\"text\">Only the headline of this article has been translated so far" in feed
    partial = read(next(d for d in article_dirs(site, "en") if d.name.startswith("chi-feng")), "index.html")
    data = json.loads(re.search(r'<script type="application/ld\+json">(.*?)</script>', partial, re.S).group(1))
    assert data["inLanguage"] == ["en", "zh-Hans"] and data["dateline"] == "Chifeng"
    complete = read(next(d for d in article_dirs(site, "en") if d.name.startswith("bao-tou-jiao-jing-kai")), "index.html")
    data = json.loads(re.search(r'<script type="application/ld\+json">(.*?)</script>', complete, re.S).group(1))
    assert data["inLanguage"] == "en" and data["dateline"] == "Baotou"
    assert data["alternativeHeadline"] == "Making sure roads stay safe and open"


def test_untranslated_article_has_no_english_page_and_says_so(site):
    [chinese] = [d for d in article_dirs(site) if d.name.startswith("wu-hai")]
    assert not (site / "en/2024/03/01" / chinese.name).exists()
    html = read(chinese, "index.html")
    head = html.split("<body>")[0]
    assert 'hreflang="en"' not in head and 'hreflang="x-default"' not in head  # no alternate without a counterpart
    assert ('<a href="/archive/en/2024/03/01/" hreflang="en" lang="en">English</a> '
            '<span class="note">还没有这篇文章的 English 版</span>') in html
    issue = read(site, "en/2024/03/01/index.html")
    assert (f'<a href="/archive/2024/03/01/{chinese.name}/" hreflang="zh-Hans">乌海民警救助被困群众</a> '
            '<span class="only" lang="en">Chinese only</span>') in issue
    assert '<div class="headline" lang="zh-Hans">' in issue
    assert "Baotou traffic police keep Spring Festival travel safe" in issue


def test_every_language_switcher_lands_on_an_existing_page(site):
    for page in html_files(site):
        html = page.read_text(encoding="utf-8")
        m = re.search(r'<p class="language-switch"><a href="/archive/([^"]*)"', html)
        assert m, page
        target = site / m.group(1)
        assert (target / "index.html").is_file() or target.is_file(), (page, m.group(1))


def test_issue_overrides_add_tags(site):
    html = read(site, "tags/patrol/index.html")
    assert "赤峰公安开展冬季巡逻" in html


def test_photo_in_images_folder_is_resized_with_srcset(site):
    [article] = [d for d in article_dirs(site) if "2024/03/08" in d.as_posix()]
    html = read(article, "index.html")
    m = re.search(r'<img src="([^"]+)" srcset="([^"]+)" sizes="[^"]+" width="(\d+)" height="(\d+)" loading="lazy"', html)
    assert m, html
    assert m.group(2).count("w,") == 2  # three widths
    assert (int(m.group(3)), int(m.group(4))) == (1200, 800)
    for candidate in m.group(2).split(", "):
        url = candidate.split()[0]
        assert (site / url.removeprefix("/archive/")).is_file()


def test_source_text_is_escaped_everywhere(site):
    [article] = [d for d in article_dirs(site) if "2024/03/08" in d.as_posix()]
    html = read(article, "index.html")
    assert "<script>alert" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert 'onmouseover="alert' not in html
    assert "&#34; onmouseover=&#34;alert(1)" in html
    assert "&lt;/script&gt;&lt;!--" in html
    # JSON-LD: the headline's </script> cannot close the script element.
    jsonld = re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S).group(1)
    assert "</" not in jsonld and "<" not in jsonld
    assert json.loads(jsonld)["headline"] == "包头交警<script>alert(1)</script>查处违法"
    for feed in ("feed.xml", "en/feed.xml", "tags/traffic/feed.xml", "sitemap.xml"):
        text = read(site, feed)
        assert "<script>" not in text, feed
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in read(site, "feed.xml")
    # No page of the site carries a script other than JSON-LD data, but for the search pages'
    # own two: Pagefind's UI and the theme's search.js, both files of the site.
    search_scripts = [' src="/archive/pagefind/pagefind-ui.js" defer', ' src="/archive/static/search/search.js" defer']
    for page in html_files(site):
        scripts = [m.group(1) for m in re.finditer(r"<script([^>]*)>", page.read_text(encoding="utf-8"))]
        if page.parent.name == "search" and page.parent.parent in (site, site / "en"):
            assert scripts == search_scripts, page
        else:
            assert set(scripts) <= {' type="application/ld+json"'}, page


def test_two_builds_are_byte_identical(site, tmp_path):
    content = copy_content(FIXTURE_SITE, tmp_path / "content")
    build(content, tmp_path / "one")
    build(content, tmp_path / "two")
    assert tree(tmp_path / "one") == tree(tmp_path / "two")
    assert tree(tmp_path / "one") == tree(site)


def test_rebuild_into_the_same_output_replaces_it(tmp_path):
    content = copy_content(FIXTURE_SITE, tmp_path / "content")
    output = tmp_path / "public"
    build(content, output)
    first = tree(output)
    build(content, output)
    assert tree(output) == first
    assert not [p for p in tmp_path.glob(".public.*") if p.is_dir() and p.name != ".public.cache"], \
        "no staging folders left behind"


def test_failed_build_leaves_the_previous_site_intact(tmp_path):
    content = copy_content(FIXTURE_SITE, tmp_path / "content")
    output = tmp_path / "public"
    build(content, output)
    before = tree(output)
    theme = content / "mytheme" / "templates"
    theme.mkdir(parents=True)
    (theme / "article.html").write_text('{% extends "base.html" %}{% block main %}{{ article.nope }}{% endblock %}',
                                        encoding="utf-8")
    use_theme(content, "mytheme")
    with pytest.raises(SiteBuilderError) as info:
        build(content, output)
    assert "article.html" in str(info.value)
    assert tree(output) == before
    assert not [p for p in tmp_path.glob(".public.*") if p.is_dir() and p.name != ".public.cache"]


def test_a_theme_can_override_one_template(tmp_path):
    content = copy_content(FIXTURE_SITE, tmp_path / "content")
    theme = content / "mytheme" / "templates"
    theme.mkdir(parents=True)
    (theme / "404.html").write_text('{% extends "base.html" %}{% block main %}<h1>MY OWN 404</h1>{% endblock %}',
                                    encoding="utf-8")
    use_theme(content, "mytheme")
    build(content, tmp_path / "public")
    assert "MY OWN 404" in (tmp_path / "public/404.html").read_text(encoding="utf-8")
    assert "本期目录" in (tmp_path / "public/2024/03/01/index.html").read_text(encoding="utf-8")


def test_template_syntax_error_names_template_and_line(tmp_path):
    content = copy_content(FIXTURE_SITE, tmp_path / "content")
    theme = content / "mytheme" / "templates"
    theme.mkdir(parents=True)
    (theme / "404.html").write_text('{% extends "base.html" %}\n{% block main %}\n{% if %}\n{% endblock %}',
                                    encoding="utf-8")
    use_theme(content, "mytheme")
    with pytest.raises(SiteBuilderError) as info:
        build(content, tmp_path / "public")
    assert "404.html:3" in str(info.value)


@pytest.mark.parametrize("where", ["CNAME", "archive/notes.txt", "new-folder/notes.txt"])
def test_a_file_added_to_the_output_during_a_build_stops_the_swap(tmp_path, monkeypatch, where):
    from site_builder.build.writer import OutputWriter

    content = copy_content(FIXTURE_SITE, tmp_path / "content")
    output = tmp_path / "public"
    build(content, output)
    before = sorted(p.relative_to(output) for p in output.rglob("*"))
    drop_stale = OutputWriter.drop_stale

    def someone_writes_meanwhile(self, *args, **kwargs):
        (output / where).parent.mkdir(exist_ok=True)
        (output / where).write_text("mine", encoding="utf-8")
        return drop_stale(self, *args, **kwargs)

    monkeypatch.setattr(OutputWriter, "drop_stale", someone_writes_meanwhile)
    (content / "issues" / "NOTES.txt").write_text("", encoding="utf-8")  # past the no-change check
    with pytest.raises(SiteBuilderError) as info:
        build(content, output)
    assert "did not write" in str(info.value) and where in str(info.value)
    assert (output / where).read_text(encoding="utf-8") == "mine"
    added = {Path(where), *Path(where).parents} - {Path(".")}
    assert sorted(p.relative_to(output) for p in output.rglob("*")) == sorted(set(before) | added)  # the old site


def test_output_holding_other_files_is_refused_and_kept(tmp_path):
    content = copy_content(FIXTURE_SITE, tmp_path / "content")
    output = tmp_path / "public"
    output.mkdir()
    (output / "notes.txt").write_text("mine", encoding="utf-8")
    with pytest.raises(SiteBuilderError) as info:
        build(content, output)
    assert "did not write" in str(info.value)
    assert (output / "notes.txt").read_text(encoding="utf-8") == "mine"
    # Also after a build: a file added to the output later is never deleted.
    other = tmp_path / "public2"
    build(content, other)
    (other / "extra.html").write_text("mine", encoding="utf-8")
    with pytest.raises(SiteBuilderError):
        build(content, other)
    assert (other / "extra.html").exists()


def test_config_errors_are_all_listed_at_once(tmp_path):
    content = copy_content(FIXTURE_SITE, tmp_path / "content")
    (content / "site.toml").write_text(
        'base_url = "ftp://x"\ndefault_language = "fr"\ncolour = "red"\n\n[languages.en]\ndescription = 3\n',
        encoding="utf-8",
    )
    with pytest.raises(SiteBuilderError) as info:
        build(content, tmp_path / "public")
    text = str(info.value)
    assert "problem(s)" in text
    for needle in ("unknown key 'colour'", "base_url", "needs a title", "description", "default_language"):
        assert needle in text, needle
    assert "site.toml:3" in text  # the line of the unknown key


def test_slug_survives_a_title_correction_and_redirects_after_a_slug_change(tmp_path):
    content = copy_content(FIXTURE_SITE, tmp_path / "content")
    build(content, tmp_path / "one")
    record = (content / "permalinks.toml").read_text(encoding="utf-8")
    slug = re.search(r'slug = "(chi-feng[^"]*)"', record).group(1)
    source = content / "issues/2024-03-01/source.txt"
    source.write_text(source.read_text(encoding="utf-8").replace("赤峰公安开展冬季巡逻", "赤峰警方开展冬季巡逻"),
                      encoding="utf-8")
    build(content, tmp_path / "two")
    assert (tmp_path / f"two/2024/03/01/{slug}/index.html").is_file()
    assert "赤峰警方开展冬季巡逻" in (tmp_path / f"two/2024/03/01/{slug}/index.html").read_text(encoding="utf-8")
    # The maintainer moves the page: new slug, old one kept as a redirect.
    record = (content / "permalinks.toml").read_text(encoding="utf-8")
    record = record.replace(f'slug = "{slug}"', f'slug = "winter-patrol"\nredirects = ["{slug}"]')
    (content / "permalinks.toml").write_text(record, encoding="utf-8")
    build(content, tmp_path / "three")
    assert (tmp_path / "three/2024/03/01/winter-patrol/index.html").is_file()
    old = (tmp_path / f"three/2024/03/01/{slug}/index.html").read_text(encoding="utf-8")
    assert 'http-equiv="refresh" content="0; url=/archive/2024/03/01/winter-patrol/"' in old
    assert 'name="robots" content="noindex"' in old


def test_homophone_titles_get_distinct_slugs(tmp_path):
    from site_builder.archive.permalinks import PermalinkRecord

    record = PermalinkRecord(tmp_path / "permalinks.toml", {})
    entries = record.assign("2024-01-01", ["公式", "公事", "攻势"])  # all "gong-shi"
    assert [e.slug for e in entries] == ["gong-shi", "gong-shi-2", "gong-shi-3"]


def test_slugs_do_not_depend_on_whether_unidecode_is_installed(monkeypatch):
    """A slug is a published address: installing Unidecode (which slugify's default prefers)
    must not change it, nor an article's address, a sub-head's anchor or an author's page."""
    import sys
    import types

    from site_builder.archive.authors import pinyin_name
    from site_builder.archive.permalinks import make_slug
    from site_builder.core.slugs import to_slug

    before = (make_slug("呼和浩特公安", set()), to_slug("交警支队 开展 培训", 40, True))
    assert before == ("hu-he-hao-te-gong-an", "jiao-jing-zhi-dui-kai-zhan-pei-xun")
    impostor = types.ModuleType("unidecode")
    impostor.unidecode = lambda text: "impostor"
    monkeypatch.setitem(sys.modules, "unidecode", impostor)
    assert (make_slug("呼和浩特公安", set()), to_slug("交警支队 开展 培训", 40, True)) == before
    pinyin_name.cache_clear()
    assert pinyin_name("戴紫君") == ("Dai Zijun", "dai-zijun")


def test_sitemap_and_robots(site):
    sitemap = read(site, "sitemap.xml")
    assert "<loc>https://news.example.org/archive/</loc>" in sitemap
    assert 'hreflang="en" href="https://news.example.org/archive/en/"' in sitemap
    assert "404" not in sitemap
    assert "Sitemap: https://news.example.org/archive/sitemap.xml" in read(site, "robots.txt")


def test_archive_is_a_calendar(site):
    html = read(site, "archive/index.html")
    assert "<caption>2024年3月</caption>" in html
    assert '<a href="/archive/2024/03/01/" aria-label="第11期 · 2024年3月1日">1</a>' in html
    assert "<caption>March 2024</caption>" in read(site, "en/archive/index.html")


def test_author_english_names_can_be_overridden(tmp_path):
    content = copy_content(FIXTURE_SITE, tmp_path / "content")
    (content / "authors.toml").write_text('[english]\n"孙悦" = "Sun Yue (override)"\n', encoding="utf-8")
    build(content, tmp_path / "public")
    html = (tmp_path / "public/en/authors/index.html").read_text(encoding="utf-8")
    assert "Sun Yue (override)" in html and "Wang Hai" in html


def test_nothing_changed_means_nothing_to_do(tmp_path):
    content = copy_content(FIXTURE_SITE, tmp_path / "content")
    output = tmp_path / "public"
    first = build(content, output)
    assert not first.up_to_date
    before = tree(output)
    again = build(content, output)
    assert again.up_to_date and tree(output) == before
    # One changed byte anywhere the build reads rebuilds.
    source = content / "issues/2024-03-01/source.txt"
    source.write_text(source.read_text(encoding="utf-8").replace("冬季巡逻", "冬季巡查"), encoding="utf-8")
    changed = build(content, output)
    assert not changed.up_to_date and tree(output) != before
    assert build(content, output, force=True).up_to_date is False


def test_a_one_language_site_keeps_its_vocabulary_files(tmp_path):
    content = copy_content(FIXTURE_SITE, tmp_path / "content")
    config = content / "site.toml"
    text = config.read_text(encoding="utf-8")
    config.write_text(text[: text.index("[languages.en]")], encoding="utf-8")
    report = build(content, tmp_path / "public")  # tags.toml and places.toml still name things in English
    assert list(report.pages) == ["zh-Hans"]
    assert not (tmp_path / "public/en").exists()
    html = (tmp_path / "public/index.html").read_text(encoding="utf-8")
    assert 'hreflang="en"' not in html and "language-switch" not in html


def test_rendering_a_page_leaves_no_reference_cycle(tmp_path):
    """A page's values are freed as soon as it is made (render_page breaks the template's
    context-macro cycle): the cycle collector has nothing of the pages to walk or free."""
    import gc

    from jinja2.runtime import Context

    from site_builder.archive.folders import load_library
    from site_builder.build.editions import load_editions
    from site_builder.build.photos import prepare_images
    from site_builder.site.site import site_files

    library = load_library(load_config(copy_content(FIXTURE_SITE, tmp_path / "content")))
    pictures, _ = prepare_images(library, [])
    files = site_files(library, load_editions(library, []), pictures)
    gc.collect()
    gc.set_debug(gc.DEBUG_SAVEALL)
    try:
        rendered = sum(1 for spec in files if spec.make())
        gc.collect()
        left = [o.name for o in gc.garbage if isinstance(o, Context)]
    finally:
        gc.set_debug(0)
        gc.garbage.clear()
    # Only macros.html's modules, made once per language and not per page: the one
    # LanguageView.teaser uses and the one article.html imports its bylines macro from.
    # (they are still held by the page specs here, so none may be garbage yet).
    assert rendered > 20 and set(left) <= {"macros.html"} and len(left) <= 2 * len(library.config.languages)


def test_structured_data_and_feeds_give_the_papers_time_zone_publisher_and_shown_names(site):
    import json as _json

    english = next(d for d in article_dirs(site, "en") if d.name.startswith("bao-tou-jiao-jing-kai"))
    html = read(english, "index.html")
    data = _json.loads(re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S).group(1))
    assert data["datePublished"] == "2024-03-01T00:00:00+08:00"
    assert data["publisher"]["name"] == "Test Police News"
    assert [a["name"] for a in data["author"]] == ["Wang Hai", "Li Na"]  # as the English page shows them
    assert '<link rel="icon" href="/archive/static/favicon.svg" type="image/svg+xml">' in html
    feed = (site / "en/feed.xml").read_text(encoding="utf-8")
    assert "<published>2024-03-01T00:00:00+08:00</published>" in feed and "T00:00:00Z" not in feed


def test_a_description_is_cut_where_a_reader_would_stop():
    from site_builder.core.text import clip

    english = "Officers went into the community " * 10
    assert clip(english, 60) == "Officers went into the community Officers went into the…"
    chinese = "近日，赤峰市公安局组织警力开展冬季治安巡逻。" * 10
    assert clip(chinese, 60).endswith("。") and len(clip(chinese, 60)) <= 60


def test_every_year_and_month_an_article_address_implies_has_a_page(site):
    for prefix, month in (("", "2024年3月"), ("en/", "March 2024")):
        year = read(site / f"{prefix}2024", "index.html")
        assert f'href="/archive/{prefix}2024/03/">{month}</a>' in year
        assert f'href="/archive/{prefix}2024/03/01/">' in year and f'href="/archive/{prefix}2024/03/08/">' in year
        march = read(site / f"{prefix}2024/03", "index.html")
        assert f'<p class="up"><a href="/archive/{prefix}2024/">2024</a></p>' in march
        assert march.count('<section class="period-issue">') == 2
        archive = read(site / f"{prefix}archive", "index.html")
        assert f'<a href="/archive/{prefix}2024/">2024</a>' in archive


def test_the_home_page_names_the_latest_issue_and_lists_no_article_twice(site):
    home = read(site, "index.html")
    assert "第12期 · " in home  # the latest issue by its number, not by its date alone
    latest, recent = home.split('id="recent-heading"')
    shown = re.findall(r'<a href="(/archive/2024/03/\d\d/[^"]+/)"', latest)
    assert shown and not any(url in recent for url in shown)
    assert '<p class="site-intro">' in home


def test_listing_feed_and_home_sizes_come_from_site_toml(tmp_path):
    content = copy_content(FIXTURE_SITE, tmp_path / "content")
    config = content / "site.toml"
    config.write_text("feed_size = 2\nhome_articles = 1\n" + config.read_text(encoding="utf-8"), encoding="utf-8")
    build(content, tmp_path / "public")
    assert (tmp_path / "public/feed.xml").read_text(encoding="utf-8").count("<entry>") == 2
    recent = read(tmp_path / "public", "index.html").split('id="recent-heading"')[1]
    assert recent.count('class="teaser"') == 1
    config.write_text("page_size = 0\n" + config.read_text(encoding="utf-8"), encoding="utf-8")
    with pytest.raises(SiteBuilderError) as info:
        build(content, tmp_path / "public")
    assert "page_size must be a whole number from 1 to 1000, not 0" in str(info.value.problems[0].message)


def test_article_metadata_names_its_photo_languages_and_time(site):
    [english] = [d for d in article_dirs(site, "en") if "2024/03/08" in d.as_posix()]
    html = read(english, "index.html")
    head = html.split("<body>")[0]
    photo = "https://news.example.org/archive/media/2024-03-08/photo-1200.jpg"
    assert f'<meta property="og:image" content="{photo}">' in head
    assert '<meta property="og:image:width" content="1200">' in head
    assert '<meta property="og:locale" content="en_GB">\n<meta property="og:locale:alternate" content="zh_CN">' in head
    assert '<meta property="article:published_time" content="2024-03-08T00:00:00+08:00">' in head
    data = json.loads(re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S).group(1))
    assert data["image"] == {"@type": "ImageObject", "url": photo, "width": 1200, "height": 800}
    # No photo, no image; a page in one language has no alternate locale.
    [chinese] = [d for d in article_dirs(site) if d.name.startswith("wu-hai")]
    head = read(chinese, "index.html").split("<body>")[0]
    assert "og:image" not in head and "og:locale:alternate" not in head and '"image"' not in head
    assert '<meta property="article:published_time" content="2024-03-01T00:00:00+08:00">' in head
