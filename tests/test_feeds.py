"""The sitemap is written as text for speed; its bytes are what ElementTree would write."""
from __future__ import annotations

import xml.etree.ElementTree as ET

from hypothesis import given
from hypothesis import strategies as st

from site_builder.site.feeds import SITEMAP, XHTML, sitemap


def sitemap_by_elementtree(pages: list[tuple[str, list[tuple[str, str]]]]) -> bytes:
    ET.register_namespace("", SITEMAP)
    ET.register_namespace("xhtml", XHTML)
    urlset = ET.Element(f"{{{SITEMAP}}}urlset")
    for loc, alternates in pages:
        url = ET.SubElement(urlset, f"{{{SITEMAP}}}url")
        ET.SubElement(url, f"{{{SITEMAP}}}loc").text = loc
        for hreflang, href in alternates:
            ET.SubElement(url, f"{{{XHTML}}}link", rel="alternate", hreflang=hreflang, href=href)
    ET.indent(urlset)
    return ET.tostring(urlset, encoding="utf-8", xml_declaration=True) + b"\n"


URL = st.text(alphabet=st.characters(blacklist_categories=("Cs", "Cc")) | st.sampled_from('&<>"\t\n\r'),
              min_size=1, max_size=30)
PAGES = st.lists(st.tuples(URL, st.lists(st.tuples(st.sampled_from(["zh-Hans", "en", "x-default"]), URL),
                                         max_size=3)), max_size=5)


@given(PAGES)
def test_the_sitemap_is_what_elementtree_writes(pages):
    assert sitemap(pages) == sitemap_by_elementtree(pages)


def test_a_sitemap_of_the_demo_shape():
    pages = [("https://example.org/", [("zh-Hans", "https://example.org/"), ("en", "https://example.org/en/")]),
             ("https://example.org/a?b=1&c=2", [])]
    assert sitemap(pages) == sitemap_by_elementtree(pages)
    assert b'xmlns:xhtml="http://www.w3.org/1999/xhtml"' in sitemap(pages)
