"""Tags and places: the Classifier gives assign()'s answers for every tag and place at once."""
from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from site_builder.archive.folders import load_library
from site_builder.archive.vocabulary import Classifier, assign
from site_builder.core.config import load_config

from .siteutil import DEMO_CONTENT

LIBRARY = load_library(load_config(DEMO_CONTENT))
WORDS = sorted({w for t in LIBRARY.tags for w in t.terms} | {w for p in LIBRARY.places for w in p.spellings})


def one_by_one(headline: str, dateline: str, body: str) -> tuple[list[str], list[str]]:
    return ([t.slug for t in LIBRARY.tags if assign(headline, "", body, t.terms)],
            [p.slug for p in LIBRARY.places if assign(headline, dateline, body, p.spellings)])


def test_the_demo_articles_get_the_same_tags_and_places() -> None:
    classifier = Classifier(LIBRARY.tags, LIBRARY.places)
    assert sum(1 for article in LIBRARY.articles if article.tags and article.places) >= len(LIBRARY.articles) // 2
    for article in LIBRARY.articles:
        a = article.article
        headline = "".join(x for x in (a.kicker, a.title, a.subtitle) if x)
        dateline = a.dateline.place if a.dateline else ""
        assert classifier.terms(headline, dateline, article.text()) == one_by_one(headline, dateline, article.text())


pieces = st.lists(st.one_of(st.sampled_from(WORDS), st.text(alphabet="的了在和公安民警。，", max_size=4)), max_size=12)


@settings(max_examples=300, deadline=None)
@given(pieces, st.one_of(st.just(""), st.sampled_from(WORDS), st.text(max_size=3)), pieces)
def test_any_text_gets_the_same_tags_and_places(headline: list[str], dateline: str, body: list[str]) -> None:
    classifier = Classifier(LIBRARY.tags, LIBRARY.places)
    assert classifier.terms("".join(headline), dateline, "".join(body)) == \
        one_by_one("".join(headline), dateline, "".join(body))


def test_overlapping_and_nested_words_are_counted_as_str_count_counts_them() -> None:
    from site_builder.archive.vocabulary import Place, Tag

    tags = [Tag("laugh", {}, ("哈哈",)), Tag("city", {}, ("呼和浩特", "浩特")), Tag("none", {}, ())]
    places = [Place("hohhot", {}, "city", ("呼和浩特市",))]
    classifier = Classifier(tags, places)
    assert classifier.counts("哈哈哈") == {"哈哈": 1}  # "哈哈哈".count("哈哈") == 1
    assert classifier.counts("哈哈哈哈") == {"哈哈": 2}
    assert classifier.counts("呼和浩特市") == {"呼和浩特": 1, "浩特": 1, "呼和浩特市": 1}
    for headline, dateline, body in [("", "", "哈哈哈"), ("", "", "哈哈哈哈"), ("", "呼和浩特", "浩特"),
                                     ("呼和浩特市", "", ""), ("", "", "呼和浩特市呼和浩特市")]:
        expected = ([t.slug for t in tags if assign(headline, "", body, t.terms)],
                    [p.slug for p in places if assign(headline, dateline, body, p.spellings)])
        assert classifier.terms(headline, dateline, body) == expected


def test_an_empty_vocabulary_finds_nothing() -> None:
    assert Classifier([], []).terms("公安", "呼和浩特", "公安公安") == ([], [])
