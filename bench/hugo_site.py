#!/usr/bin/env python3
"""An equivalent minimal Hugo site for a site_builder archive, for bench/run.py.

    python bench/hugo_site.py --content /tmp/archive --out /tmp/hugo-site

Reads the archive the way site_builder does (site_builder.archive.folders.load_library,
which parses every issue source with site_builder.ingest.parse_bytes and
assigns tags, places and authors), and writes a Hugo site in one language
(zh-Hans) with the same pages a one-language site_builder build makes, as far
as plain Hugo goes:

* one Markdown file per article (front matter: title, date, slug, issue, tags,
  places, authors; body: the article's paragraphs, sub-heads as `###`, figure
  captions as paragraphs) at /<yyyy>/<mm>/<dd>/<slug>/, as ours;
* one list page per issue (a section with an `_index.md`) at /<yyyy>/<mm>/<dd>/;
* taxonomies tags, places and authors (a term index and paginated term pages,
  30 articles a page, as ours); `--taxonomies tags` keeps only tags, like the
  reference measurement in the project's issue;
* a home page, an RSS feed of the 20 newest articles for the site and for each
  tag (ours: Atom, 20 entries), sitemap.xml, robots.txt and a 404 page.

Layouts are minimal (single, list, taxonomy, term, home, 404, RSS) and live in
the site's own layouts/ folder: no theme, no JavaScript, no search index.
Generating the site is setup; only `hugo` itself is timed by bench/run.py.
"""
from __future__ import annotations

import argparse
import json
import shutil
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from site_builder.archive.folders import load_library  # noqa: E402
from site_builder.core.config import load_config  # noqa: E402
from site_builder.site.urls import issue_path  # noqa: E402

PAGE_SIZE = 30  # site_builder.site.pages.PAGE_SIZE
FEED_SIZE = 20  # site_builder.site.feeds.FEED_SIZE
TAXONOMIES = ("tags", "places", "authors")

LAYOUTS = {
    "_default/baseof.html": """<!DOCTYPE html>
<html lang="zh-Hans">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{ block "title" . }}{{ .Title }} · {{ .Site.Title }}{{ end }}</title>
<link rel="canonical" href="{{ .Permalink }}">
{{ with .OutputFormats.Get "rss" }}<link rel="alternate" type="application/rss+xml" href="{{ .Permalink }}">{{ end }}
</head>
<body>
<header><a href="{{ "/" | relURL }}">{{ .Site.Title }}</a>
<nav>{{ range $name, $_ := .Site.Taxonomies }}<a href="{{ printf "/%s/" $name | relURL }}">{{ $name }}</a> {{ end }}</nav></header>
<main>{{ block "main" . }}{{ end }}</main>
<footer>{{ .Site.Params.description }}</footer>
</body>
</html>
""",
    "_default/single.html": """{{ define "main" }}
<article>
<p class="issue"><a href="{{ .Parent.RelPermalink }}">{{ .Parent.Title }}</a></p>
<h1>{{ .Title }}</h1>
<time datetime="{{ .Date.Format "2006-01-02" }}">{{ .Date.Format "2006年1月2日" }}</time>
{{ .Content }}
{{/* links built from the front matter: Hugo 0.111's .GetTerms scans every term of the taxonomy, per page
     (7 ms a page at 1,000 articles, quadratic: about 3 minutes at 10,000) */}}
{{ with .Params.authors }}<p>{{ range . }}<a href="{{ printf "/authors/%s/" . | relURL }}">{{ . }}</a> {{ end }}</p>{{ end }}
{{ with .Params.tags }}<ul class="tags">{{ range . }}<li><a href="{{ printf "/tags/%s/" . | relURL }}">{{ . }}</a></li>{{ end }}</ul>{{ end }}
{{ with .Params.places }}<ul class="places">{{ range . }}<li><a href="{{ printf "/places/%s/" . | relURL }}">{{ . }}</a></li>{{ end }}</ul>{{ end }}
<nav>{{ with .PrevInSection }}<a href="{{ .RelPermalink }}">{{ .Title }}</a>{{ end }} {{ with .NextInSection }}<a href="{{ .RelPermalink }}">{{ .Title }}</a>{{ end }}</nav>
</article>
{{ end }}
""",
    "_default/list.html": """{{ define "main" }}
<h1>{{ .Title }}</h1>
<ol>{{ range .Pages.ByWeight }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a> {{ .Summary | plainify | truncate 90 }}</li>{{ end }}</ol>
{{ end }}
""",
    "_default/taxonomy.html": """{{ define "main" }}
<h1>{{ .Title }}</h1>
<ul>{{ range .Data.Terms.Alphabetical }}<li><a href="{{ .Page.RelPermalink }}">{{ .Page.LinkTitle }}</a> ({{ .Count }})</li>{{ end }}</ul>
{{ end }}
""",
    "_default/term.html": """{{ define "main" }}
<h1>{{ .Title }}</h1>
{{/* paginate only when there is more than one page: Hugo writes a page/1/ alias for every paginated list */}}
{{ if gt (len .Pages) .Site.Params.pagesize }}
{{ $pager := .Paginate .Pages }}
<ol>{{ range $pager.Pages }}{{ partial "item.html" . }}{{ end }}</ol>
<nav>{{ with $pager.Prev }}<a href="{{ .URL }}">newer</a>{{ end }} {{ with $pager.Next }}<a href="{{ .URL }}">older</a>{{ end }}</nav>
{{ else }}
<ol>{{ range .Pages }}{{ partial "item.html" . }}{{ end }}</ol>
{{ end }}
{{ end }}
""",
    "partials/item.html": """<li><a href="{{ .RelPermalink }}">{{ .Title }}</a> <time>{{ .Date.Format "2006-01-02" }}</time> {{ .Summary | plainify | truncate 90 }}</li>
""",
    "index.html": """{{ define "main" }}
{{ $latest := index (first 1 (.Site.GetPage "/issues").Sections.ByDate.Reverse) 0 }}
<h1>{{ .Site.Title }}</h1>
{{ with $latest }}<h2><a href="{{ .RelPermalink }}">{{ .Title }}</a></h2>
<ol>{{ range .Pages.ByWeight }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a></li>{{ end }}</ol>{{ end }}
<h2>最新文章</h2>
<ul>{{ range first 20 .Site.RegularPages.ByDate.Reverse }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a> {{ .Summary | plainify | truncate 90 }}</li>{{ end }}</ul>
{{ end }}
""",
    "404.html": """{{ define "title" }}页面未找到 · {{ .Site.Title }}{{ end }}
{{ define "main" }}<h1>页面未找到</h1><p><a href="{{ "/" | relURL }}">首页</a></p>{{ end }}
""",
}


def write_hugo_site(content: Path, out: Path, taxonomies: tuple[str, ...] = TAXONOMIES) -> dict:
    """Write the Hugo site for the archive in `content` into `out` (replaced). Returns counts."""
    config = load_config(content)
    library = load_library(config)
    language = config.default.code
    if out.exists():
        shutil.rmtree(out)
    (out / "content" / "issues").mkdir(parents=True)
    tax_table = "\n".join(f'{name[:-1]} = "{name}"' for name in taxonomies)
    (out / "config.toml").write_text(
        f'baseURL = "{config.base_url}"\n'
        f'languageCode = "{language}"\n'
        f'defaultContentLanguage = "{language.lower()}"\n'
        f"title = {json.dumps(config.titles[language], ensure_ascii=False)}\n"
        "hasCJKLanguage = true\n"
        f"paginate = {PAGE_SIZE}\n"
        f"rssLimit = {FEED_SIZE}\n"
        "enableRobotsTXT = true\n"
        "disableHugoGeneratorInject = true\n"
        "[params]\n"
        f"pagesize = {PAGE_SIZE}\n"
        f"description = {json.dumps(config.descriptions[language], ensure_ascii=False)}\n"
        "[taxonomies]\n" + tax_table + "\n"
        "[permalinks]\n"
        'issues = "/:year/:month/:day/:slug/"\n'
        "[outputs]\n"
        'home = ["HTML", "RSS"]\n'
        'section = ["HTML"]\n'
        'taxonomy = ["HTML"]\n'
        'term = ["HTML"]\n',
        encoding="utf-8")
    for name, text in LAYOUTS.items():
        path = out / "layouts" / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    # per-tag feeds like ours (feed.xml per tag): RSS only for the tags' term pages
    if "tags" in taxonomies:
        (out / "content" / "tags").mkdir(parents=True)
        (out / "content" / "tags" / "_index.md").write_text(
            '+++\ntitle = "标签"\n[[cascade]]\noutputs = ["HTML", "RSS"]\n[cascade._target]\nkind = "term"\n+++\n',
            encoding="utf-8")
    (out / "content" / "issues" / "_index.md").write_text('+++\ntitle = "各期"\n+++\n', encoding="utf-8")
    articles = 0
    for issue in library.issues:
        folder = out / "content" / "issues" / issue.day
        folder.mkdir()
        label = f"{issue.date.year}年{issue.date.month}月{issue.date.day}日" + (f" 第{issue.number}期" if issue.number else "")
        (folder / "_index.md").write_text(
            f'+++\ntitle = "{label}"\ndate = {issue.day}\nurl = "/{issue_path(issue)}"\n+++\n', encoding="utf-8")
        for article in issue.articles:
            front = {
                "title": article.title,
                "date": issue.day,
                "slug": article.slug,
                "weight": article.number,
                "issue": issue.number or 0,
            }
            lines = ["+++"]
            for key, value in front.items():
                lines.append(f"{key} = {value if key in ('date', 'weight', 'issue') else json.dumps(value, ensure_ascii=False)}")
            terms = {"tags": [t.slug for t in article.tags], "places": [p.slug for p in article.places],
                     "authors": [a.slug for a in article.authors]}
            for name in taxonomies:
                lines.append(f"{name} = {json.dumps(terms[name])}")
            lines.append("+++")
            lines.append("")
            for block in article.article.blocks:
                if block.type == "paragraph" and block.text:
                    lines += [_markdown_text(block.text), ""]
                elif block.type == "heading" and block.text:
                    lines += ["### " + _markdown_text(block.text), ""]
                elif block.type == "figure" and block.caption:
                    lines += [_markdown_text(block.caption), ""]
            (folder / f"{article.number:03d}-{article.slug}.md").write_text("\n".join(lines), encoding="utf-8")
            articles += 1
    return {"issues": len(library.issues), "articles": articles}


def _markdown_text(text: str) -> str:
    """Plain text as one Markdown paragraph: nothing in it is read as markup."""
    for ch in "\\`*_[]<>#|":
        text = text.replace(ch, "\\" + ch)
    return text.replace("\n", " ")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--content", type=Path, required=True, help="a site_builder content folder")
    parser.add_argument("--out", type=Path, required=True, help="the Hugo site folder to write (replaced)")
    parser.add_argument("--taxonomies", default=",".join(TAXONOMIES),
                        help="comma-separated subset of tags,places,authors (default: all three)")
    args = parser.parse_args()
    taxonomies = tuple(t for t in args.taxonomies.split(",") if t)
    if not set(taxonomies) <= set(TAXONOMIES):
        parser.error(f"--taxonomies: choose from {', '.join(TAXONOMIES)}")
    counts = write_hugo_site(args.content, args.out, taxonomies)
    print(f"wrote a Hugo site with {counts['articles']} articles in {counts['issues']} issues to {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
