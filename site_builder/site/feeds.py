"""Atom feeds (RFC 4287), the sitemap with hreflang alternates, and robots.txt.

Built with ElementTree, so every text is escaped by the XML serializer; dates
come from the content, never from the clock, so two builds are identical.
"""
from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Callable
from dataclasses import dataclass
from xml.sax.saxutils import escape

from site_builder.archive.library import ArchiveArticle, Library
from site_builder.site.urls import Links

ATOM = "http://www.w3.org/2005/Atom"
SITEMAP = "http://www.sitemaps.org/schemas/sitemap/0.9"
XHTML = "http://www.w3.org/1999/xhtml"
XML = "http://www.w3.org/XML/1998/namespace"

ET.register_namespace("xhtml", XHTML)


@dataclass(frozen=True)
class FeedEntry:
    """An article as a feed lists it, in the feed's language where it has an edition there."""

    title: str
    url: str
    summary: str
    lang: str  # the entry's own language: the original's for an article not translated


def _sub(parent: ET.Element, tag: str, text: str | None = None, **attrs: str) -> ET.Element:
    element = ET.SubElement(parent, tag, attrs)
    if text is not None:
        element.text = text
    return element


def atom_feed(links: Links, title: str, self_url: str, page_url: str, articles: list[ArchiveArticle],
              entry_of: Callable[[ArchiveArticle], FeedEntry]) -> bytes:
    """entry_of(article): the entry in the feed's language, or, where the article has no edition in
    it, in the original's, marked with xml:lang."""
    ordered = Library.newest_first(articles)[:links.config.feed_size]
    a = f"{{{ATOM}}}"
    feed = ET.Element(f"{a}feed", {f"{{{XML}}}lang": links.language.html_lang})
    _sub(feed, f"{a}id", links.absolute(self_url))
    _sub(feed, f"{a}title", title)
    _sub(feed, f"{a}updated", links.config.moment(ordered[0].date) if ordered else "1970-01-01T00:00:00Z")
    _sub(feed, f"{a}link", rel="self", type="application/atom+xml", href=links.absolute(self_url))
    _sub(feed, f"{a}link", rel="alternate", type="text/html", href=links.absolute(page_url))
    author = _sub(feed, f"{a}author")
    _sub(author, f"{a}name", links.config.titles[links.language.code])
    for article in ordered:
        found = entry_of(article)
        own = {f"{{{XML}}}lang": found.lang} if found.lang != links.language.html_lang else {}
        entry = _sub(feed, f"{a}entry", **own)
        url = links.absolute(found.url)
        _sub(entry, f"{a}id", url)
        _sub(entry, f"{a}title", found.title)
        _sub(entry, f"{a}updated", links.config.moment(article.date))
        _sub(entry, f"{a}published", links.config.moment(article.date))
        _sub(entry, f"{a}link", rel="alternate", type="text/html", href=url)
        for person in article.authors:
            node = _sub(entry, f"{a}author")
            _sub(node, f"{a}name", links.author_name(person))
        for tag in article.tags:
            _sub(entry, f"{a}category", term=tag.slug, label=links.tag_name(tag))
        _sub(entry, f"{a}summary", found.summary, type="text")
    return _serialize(feed, ATOM)


def sitemap(pages: list[tuple[str, list[tuple[str, str]]]]) -> bytes:
    """pages: (absolute URL, [(hreflang, absolute URL of the alternate)]).

    Written as text, not through ElementTree: the sitemap names every page, and at
    10,000 articles serializing the tree took 1.5 s of every build. The bytes are
    ElementTree's (tests/test_feeds.py holds the two side by side).
    """
    xhtml = any(alternates for _, alternates in pages)
    namespaces = f' xmlns="{SITEMAP}"' + (f' xmlns:xhtml="{XHTML}"' if xhtml else "")
    lines = ["<?xml version='1.0' encoding='utf-8'?>"]
    if not pages:
        lines.append(f"<urlset{namespaces} />")
    else:
        lines.append(f"<urlset{namespaces}>")
        for loc, alternates in pages:
            lines.append("  <url>")
            lines.append(f"    <loc>{escape(loc)}</loc>")
            for hreflang, href in alternates:
                lines.append(f'    <xhtml:link rel="alternate" hreflang="{_attribute(hreflang)}" '
                             f'href="{_attribute(href)}" />')
            lines.append("  </url>")
        lines.append("</urlset>")
    return ("\n".join(lines) + "\n").encode("utf-8")


def _attribute(value: str) -> str:
    """Escaped as ElementTree escapes an attribute value."""
    return escape(value, {'"': "&quot;", "\r": "&#13;", "\n": "&#10;", "\t": "&#09;"})


def robots(sitemap_url: str) -> bytes:
    return f"User-agent: *\nAllow: /\n\nSitemap: {sitemap_url}\n".encode()


def _serialize(root: ET.Element, namespace: str) -> bytes:
    # ElementTree's default_namespace option rejects plain attribute names, so
    # the document's namespace is made the unprefixed one just for this call.
    ET.register_namespace("", namespace)
    ET.indent(root)
    return ET.tostring(root, encoding="utf-8", xml_declaration=True) + b"\n"
