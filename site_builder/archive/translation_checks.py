"""What a translation must keep of its original, checked message by message.

A translation keeps the original's numbers (dates and figures among them), its Latin names,
codes and addresses; renders a glossary term as the glossary says; leaves no Chinese
untranslated; and opens no quote or bracket it does not close.  Each finding names the
catalog entry (file:line of its msgid) and where the original stands in the source, like
pofilter's checks in translate-toolkit, for this archive's text.
"""
from __future__ import annotations

import calendar
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from babel.messages.catalog import Catalog

from site_builder.archive.catalogs import read_catalog
from site_builder.archive.memory import Glossary

_NUMBER = re.compile(r"\d+(?:\.\d+)?")  # 41.5 is one number; 5:20 and 5时20分 are two
_GROUPED = re.compile(r"(?<=\d),(?=\d{3}\b)")
# An address (www.example.org, http://…) whole, then Latin words and codes (G7, 5G, AI).
_LATIN = re.compile(r"https?://[^\s\u3000-\u303f\uff00-\uffef]+|(?=[A-Za-z0-9.-]*[A-Za-z])[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+"
                    r"|[A-Za-z][A-Za-z0-9&+\-]*[A-Za-z0-9]")
_HAN = re.compile(r"[\u3400-\u9fff]+")
_PAIRS = (("(", ")"), ("[", "]"), ("“", "”"), ("‘", "’"), ("«", "»"))
_MONTH = re.compile(r"(\d{1,2})月")
# English writes small numbers and months as words: "3名民警" may be "three officers", "7月" July.
_WORDS = {str(n): word for n, word in enumerate(
    "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen "
    "seventeen eighteen nineteen twenty".split())}
_WORDS.update({str(n): word for n, word in zip(range(30, 100, 10), "thirty forty fifty sixty seventy eighty ninety".split())})
# 3万 is 30,000 in English, 1.2亿 120,000,000, 5000余万 "more than 50,000,000" (余 and 多: "more than").
_TEN_THOUSANDS = re.compile(r"(\d+(?:\.\d+)?)[余多]?(万|亿)")
# English also writes them "50 million", "6 billion".
_MILLIONS = re.compile(r"(\d+(?:\.\d+)?) (million|billion)\b", re.IGNORECASE)


@dataclass(frozen=True)
class Problem:
    code: str  # translation-number, translation-name, translation-glossary, translation-chinese, translation-brackets
    message: str
    path: Path
    line: int  # the msgid's line in the catalog
    original: str  # where the original stands: issues/…/source.txt:12


def catalog_problems(path: Path, glossary: Glossary) -> list[Problem]:
    """The problems of the catalog at `path` (none when there is no catalog); raises when it cannot be read."""
    return check_catalog(path, read_catalog(path), glossary) if path.is_file() else []


def check_catalog(path: Path, catalog: Catalog, glossary: Glossary) -> list[Problem]:
    problems: list[Problem] = []
    for message in catalog:
        if not message.id or not isinstance(message.string, str) or not message.string or message.context == "byline":
            continue
        original, translation = _plain(str(message.id)), _plain(message.string)
        where = ":".join(str(part) for part in message.locations[0]) if message.locations else ""

        def problem(code: str, text: str) -> None:
            problems.append(Problem(code, text, path, message.lineno or 0, where))

        missing = _missing_numbers(original, translation)
        if missing:
            problem("translation-number", f"the translation drops or changes {', '.join(missing)} of its original")
        latin = [w for w in dict.fromkeys(_LATIN.findall(original)) if w.lower() not in translation.lower()]
        if latin:
            problem("translation-name", f"the translation leaves out {', '.join(latin)} of its original")
        for term, rendering in glossary.demanded(original):
            if rendering.lower() not in translation.lower():
                problem("translation-glossary", f"{term} is rendered {rendering!r} in this archive, not here")
        chinese = _HAN.findall(translation)
        if chinese:
            problem("translation-chinese", f"Chinese left in the translation: {'、'.join(chinese[:3])}")
        unbalanced = [f"{opening}{closing}" for opening, closing in _PAIRS
                      if translation.count(opening) != translation.count(closing)]
        if translation.count('"') % 2:
            unbalanced.append('"')
        if unbalanced:
            problem("translation-brackets", f"unmatched {' '.join(unbalanced)} in the translation")
    return problems


def _missing_numbers(original: str, translation: str) -> list[str]:
    original, translation = _GROUPED.sub("", original), _GROUPED.sub("", translation)  # 2,798 is 2798
    present = _NUMBER.findall(translation) + [_scaled(m.group(1), 1_000_000 if m.group(2).lower() == "million" else 1_000_000_000)
                                              for m in _MILLIONS.finditer(translation)]
    lowered = translation.lower()
    months = {m.group(1) for m in _MONTH.finditer(original)}
    scaled = {m.group(1): _scaled(m.group(1), 10_000 if m.group(2) == "万" else 100_000_000)
              for m in _TEN_THOUSANDS.finditer(original)}
    missing = []
    for number in _NUMBER.findall(original):
        if number in present or (number in scaled and scaled[number] in present):
            continue
        if number in months and 1 <= int(number) <= 12 and (
                calendar.month_name[int(number)].lower() in lowered or calendar.month_abbr[int(number)].lower() in lowered):
            continue
        if number in _WORDS and re.search(rf"\b{_WORDS[number]}\b", lowered):
            continue
        missing.append(number)
    return missing


def _scaled(number: str, factor: int) -> str:
    value = float(number) * factor
    return str(int(value)) if value == int(value) else str(value)


def _plain(text: str) -> str:
    """Full-width digits and letters as ASCII (２０２４ is 2024), so both sides compare alike."""
    return unicodedata.normalize("NFKC", text)
