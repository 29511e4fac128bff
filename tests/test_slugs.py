"""Addresses and English names read Chinese as words, not character by character."""
from __future__ import annotations

import pytest

from site_builder.archive.authors import romanize
from site_builder.archive.permalinks import make_slug
from site_builder.core.slugs import to_slug


@pytest.mark.parametrize(("title", "slug"), [
    ("重庆银行行长", "chong-qing-yin-hang-hang-zhang"),  # character by character: zhong-qing-yin-xing-xing-chang
    ("公安局长", "gong-an-ju-zhang"),  # gong-an-ju-chang
    ("音乐节开幕", "yin-yue-jie-kai-mu"),  # yin-le-jie-kai-mu
    ("2024年春运 G7(京新高速)", "2024-nian-chun-yun-g7-jing-xin-gao-su"),
    ("AI赋能：科技兴警", "ai-fu-neng-ke-ji-xing-jing"),
])
def test_a_new_articles_slug_reads_its_title_word_by_word(title, slug):
    assert make_slug(title, set()) == slug


def test_the_character_reading_is_what_the_pinyin_slug_replaces():
    assert to_slug("重庆银行行长") == "zhong-qing-yin-xing-xing-chang"


def test_a_taken_slug_gets_a_number():
    assert make_slug("公安局长", {"gong-an-ju-zhang"}) == "gong-an-ju-zhang-2"


@pytest.mark.parametrize(("name", "english"), [
    ("翟祝瑛", "Zhai Zhuying"),  # 翟 as a surname is Zhai, elsewhere di
    ("单雄信", "Shan Xiongxin"),
    ("曾乐", "Zeng Le"),
    ("欧阳修", "Ouyang Xiu"),  # a two-character surname is one family name
    ("戴紫君", "Dai Zijun"),
])
def test_an_authors_english_name_reads_the_surname_as_a_surname(name, english):
    assert romanize(name) == english
