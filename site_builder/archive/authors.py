"""Authors (bylines): a page each, addressed and named in English by pinyin (戴紫君 -> Dai Zijun)."""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from site_builder.core.config import read_toml
from site_builder.core.errors import Diagnostic, Severity, SiteBuilderError, SourceSpan
from site_builder.core.slugs import to_slug
from site_builder.core.text import clean


@dataclass(frozen=True)
class Author:
    name: str  # as printed: 戴紫君
    slug: str  # dai-zijun
    romanized: str  # Dai Zijun


# Surnames read otherwise than the character's common reading (翟 is zhai as a surname, di
# elsewhere), and the two-character surnames, which are one family name in English (Ouyang Xiu).
# pypinyin reads words but has no surname mode; these are the standard readings of 百家姓.
SURNAME_READINGS = {
    "翟": "zhai", "单": "shan", "曾": "zeng", "查": "zha", "朴": "piao", "区": "ou", "仇": "qiu",
    "解": "xie", "乐": "yue", "盖": "ge", "覃": "qin", "缪": "miao", "种": "chong", "秘": "bi",
    "召": "shao", "折": "she", "尉": "yu", "眭": "sui", "晟": "cheng", "员": "yun", "隗": "wei",
    "句": "gou", "宓": "mi", "祭": "zhai", "繁": "po", "黑": "he", "能": "nai",
    "万俟": "moqi", "尉迟": "yuchi", "长孙": "zhangsun", "单于": "chanyu", "澹台": "tantai",
    "欧阳": "ouyang", "司马": "sima", "上官": "shangguan", "诸葛": "zhuge", "东方": "dongfang",
    "皇甫": "huangfu", "公孙": "gongsun", "慕容": "murong", "令狐": "linghu", "宇文": "yuwen",
    "司徒": "situ", "夏侯": "xiahou", "端木": "duanmu", "独孤": "dugu", "呼延": "huyan",
}


def romanize(name: str) -> str:
    """Family name first, then the given name as one word, as Chinese names are written in English."""
    # Imported here: loading pypinyin's phrase dictionary takes a third of a second, and a
    # build whose bylines' pinyin is all in the parse cache never needs it.
    from pypinyin import Style, lazy_pinyin

    surname = next((name[:size] for size in (2, 1) if len(name) > size and name[:size] in SURNAME_READINGS), "")
    given = name[len(surname):]
    syllables = [s for s in lazy_pinyin(given, style=Style.NORMAL, errors="ignore") if s]
    if surname:
        syllables.insert(0, SURNAME_READINGS[surname])
    if not syllables:
        return name
    if len(syllables) == 1:
        return syllables[0].capitalize()
    return f"{syllables[0].capitalize()} {''.join(syllables[1:]).capitalize()}"


def _named(roman: str, name: str) -> tuple[str, str]:
    """(the name in English, the slug made from it)."""
    return roman, to_slug(roman) or to_slug(name) or "author"


@lru_cache(maxsize=4096)  # a paper has a few hundred bylines, each printed thousands of times
def pinyin_name(name: str) -> tuple[str, str]:
    """(romanized name, its slug) from pinyin: what author_for() makes of a name, kept with the parse."""
    return _named(romanize(name), name)


def author_for(name: str, taken: set[str], english: dict[str, str] | None = None,
               pinyin: tuple[str, str] | None = None) -> Author:
    """english: the maintainer's spellings from content/authors.toml, which win over pinyin.

    pinyin: pinyin_name(name) when already known.
    """
    spelled = (english or {}).get(name)
    roman, base = _named(spelled, name) if spelled else (pinyin or pinyin_name(name))
    slug, n = base, 2
    while slug in taken:
        slug, n = f"{base}-{n}", n + 1
    return Author(name, slug, roman)


def load_english_names(content: Path) -> dict[str, str]:
    """content/authors.toml: [english] 乌力吉 = "Uliji" — names whose pinyin is not how they are written."""
    path = content / "authors.toml"
    if not path.exists():
        return {}
    data, text = read_toml(path)
    problems = []
    for key in sorted(set(data) - {"english"}):
        problems.append(Diagnostic("authors", f"unknown key {key!r}; use an [english] table", SourceSpan(str(path)),
                                   Severity.ERROR))
    names = data.get("english", {})
    if not isinstance(names, dict) or not all(isinstance(v, str) and v.strip() for v in names.values()):
        problems.append(Diagnostic("authors", "[english] maps each Chinese name to its English spelling",
                                   SourceSpan(str(path)), Severity.ERROR))
        names = {}
    if problems:
        raise SiteBuilderError(f"{len(problems)} problem(s) in {path}", SourceSpan(str(path)), problems=problems)
    return {str(k): clean(v).strip() for k, v in names.items()}
