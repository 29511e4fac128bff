"""Properties over generated issues and the seeds: nothing is lost, nothing unexpected is raised.

The normal suite runs a small example budget; `HYPOTHESIS_PROFILE=fuzz` runs
the large one (see README).
"""
from __future__ import annotations

import unicodedata
from collections import Counter

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from site_builder.core.errors import SourceError
from site_builder.core.model import Issue
from site_builder.ingest import parse_bytes

from .conftest import SEEDS
from .strategies import ExpectedArticle, GeneratedIssue, print_issue

_FOLD = str.maketrans({",": "，", ":": "：", ";": "；", "(": "（", ")": "）", "!": "！", "?": "？"})
# Markup and invisible characters: not body text.
_MARKUP = set("#*—\u200b\u200c\u200d\u200e\u200f\ufeff\u2060\u00ad")


def fold(text: str) -> str:
    text = unicodedata.normalize("NFKC", text).translate(_FOLD)
    return "".join(ch for ch in text if not ch.isspace() and ch not in _MARKUP and unicodedata.category(ch) != "Cc")


def source_body(text: str, issue: Issue) -> str:
    """The source with every recognised piece of furniture taken out, folded."""
    lines = [fold(line) for line in text.replace("\r\n", "\n").replace("\r", "\n").split("\n")]
    for removed in issue.removed:
        index = removed.line - 1
        piece = fold(removed.text)
        if lines[index] == piece:
            lines[index] = ""
        else:
            assert piece in lines[index], (removed, lines[index])
            lines[index] = lines[index].replace(piece, "", 1)
    return "".join(lines)


def output_text(issue: Issue) -> str:
    """Everything the parse kept, in reading order, folded."""
    out: list[str] = []
    for article in issue.articles:
        out.extend(x for x in (article.kicker, article.title, article.subtitle) if x)
        dateline_done = False
        for block in article.blocks:
            if block.type == "paragraph" and not dateline_done and article.dateline:
                out.append(article.dateline.printed + article.dateline.credit)
                dateline_done = True
            if block.type == "figure":
                out.extend(x for x in (block.image, block.caption) if x)
            else:
                out.append(block.text or "")
        out.append(article.byline_printed)
    return fold("".join(out))


# Found by the fuzz profile: a one-article issue whose paragraphs are mostly cut lines (printed
# right under a line that stops mid-sentence) once read as an issue without blank lines between
# paragraphs, and its sub-head as a new article.
_MOSTLY_CUT = GeneratedIssue(
    text="一一一一一一一\n一一一一一一一\n\n一一一一，一一一\n一，一一一一，一且一一专一七上一业一东一两。一一一上一三，"
         "一七万一世一三七一专，一一一三一一万三一一下。\n\n一一一一 一一一一\n\n一一一七一七七一为一七万一七。一一一一，一\n"
         "一一一，一一一一，一一一一一一一一一。\n\n(张伟)\n",
    articles=[ExpectedArticle(None, "一一一一一一一", "一一一一一一一", None, ["张伟"], [
        ("paragraph", "一一一一，一一一一，一一一一，一且一一专一七上一业一东一两。"
                      "一一一上一三，一七万一世一三七一专，一一一三一一万三一一下。"),
        ("heading", "一一一一 一一一一"),
        ("paragraph", "一一一七一七七一为一七万一七。一一一一，一一一一，一一一一，一一一一一一一一一。"),
    ])],
)


@given(print_issue())
@example(_MOSTLY_CUT)
@settings(suppress_health_check=[HealthCheck.too_slow])
def test_generated_issue_loses_nothing_and_is_recovered(generated: GeneratedIssue):
    issue = parse_bytes(generated.text.encode(), "generated.txt")
    assert output_text(issue) == source_body(generated.text, issue)
    got = [
        (a.kicker, a.title, a.subtitle, a.dateline.place if a.dateline else None, a.bylines) for a in issue.articles
    ]
    want = [(a.kicker, a.title, a.subtitle, a.dateline, a.bylines) for a in generated.articles]
    assert got == want
    for article, expected in zip(issue.articles, generated.articles):
        blocks = [(b.type, b.caption if b.type == "figure" else b.text) for b in article.blocks]
        assert blocks == expected.blocks


@pytest.mark.parametrize("seed", sorted(SEEDS.glob("*.txt")), ids=lambda p: p.name[:3])
def test_seed_loses_nothing(seed):
    text = seed.read_text(encoding="utf-8")
    issue = parse_bytes(seed.read_bytes(), seed.name)
    assert output_text(issue) == source_body(text, issue)


@given(st.text())
def test_any_text_parses_or_raises_the_project_error(text: str):
    try:
        issue = parse_bytes(text.encode("utf-8", "surrogatepass"), "any.txt")
    except SourceError:
        return
    assert issue.articles


@given(st.binary())
def test_any_bytes_parse_or_raise_the_project_error(data: bytes):
    try:
        parse_bytes(data, "any.bin")
    except SourceError:
        pass


@given(st.lists(st.sampled_from(["标题行", "", "\u00a0", "呼和浩特讯 正文。", "(张三)", "image.png", "### 小标题",
                                 "相关阅读:", "发表时间:2024-01-01", "下转第2版", "2024年1月1日 星期一", "图为现场。",
                                 "正文没有结束", "——副题", "**包头讯** 正文,继续"]), max_size=30))
def test_any_arrangement_of_known_lines_parses(lines: list[str]):
    try:
        issue = parse_bytes("\n".join(lines).encode(), "mix.txt")
    except SourceError:
        return
    # A photo standing inside a cut paragraph is placed after the rejoined
    # paragraph, so here only the characters are compared, not their order.
    assert Counter(output_text(issue)) == Counter(source_body("\n".join(lines), issue))


@given(st.one_of(st.text(), st.text(alphabet="&<>'\"a民"), st.integers(), st.floats(allow_nan=False), st.none(),
                 st.text().map(lambda s: __import__("markupsafe").Markup(s))))
def test_html_text_is_markupsafe_escape_as_a_string(value):
    """What a template's `{{ value }}` adds to a page (site/theme.py) is what Jinja's escape() gives."""
    from markupsafe import escape

    from site_builder.site.theme import html_text

    assert html_text(value) == str(escape(value))
    assert type(html_text(value)) is str  # never a Markup object: that is the point


# A bold opening read without the inline parser must read exactly as markdown-it reads it.
_MARKUP_TEXT = st.text(alphabet=st.sampled_from(list("包头讯近年来民警 ,，。*_`[]!<>\\&~()（）“”-:#")), max_size=12)


@given(_MARKUP_TEXT, _MARKUP_TEXT, _MARKUP_TEXT)
def test_a_bold_opening_reads_as_markdown_it_reads_it(head: str, inner: str, rest: str):
    from site_builder.ingest.rules.tokenize import _inline_plain, markdown_plain

    for text in (f"**{head}**{rest}", f"**包{inner}讯**{rest}", f"**包{inner}讯** {rest}", f"**讯**{rest}"):
        assert markdown_plain(text) == _inline_plain(text), text


# Checks that look at a line's first character or last bracket before their pattern must answer
# as the pattern alone does.
_CONTROL_TEXT = st.text(alphabet=st.sampled_from(list("打印关闭大中小字体【】〖〗[]（）() :：,，|默认放缩QQ空间新闻民警")),
                        max_size=16)
_CREDIT_TEXT = st.text(alphabet=st.sampled_from(list("民警巡逻。！（）() 张三李四记者完来源：据《报》供稿编辑\t")), max_size=24)


@given(_CONTROL_TEXT)
def test_the_controls_check_answers_as_its_pattern(text: str):
    from site_builder.ingest.rules import controls

    compact = controls._PACKING.sub("", text)
    expected = bool(compact) and len(compact) <= 40 and controls._CONTROLS.match(compact) is not None
    assert controls.is_controls(text) == expected


@given(_CREDIT_TEXT)
def test_a_trailing_credit_is_found_from_the_last_bracket_as_by_a_search(text: str):
    from site_builder.ingest.rules import bylines

    whole = bylines._TRAILING.search(text)
    opener = max(text.rfind("（"), text.rfind("("))
    from_last = bylines._TRAILING.search(text, opener) if opener >= 0 else None
    assert (whole is None) == (from_last is None)
    if whole is not None and from_last is not None:
        assert from_last.group(1) == whole.group(1)
        assert text[: from_last.start()].rstrip() == text[: whole.start()].rstrip()


@given(st.text(alphabet=st.sampled_from(list(",:;()!?，。民警Ab1 \n·é—")), max_size=40))
def test_ascii_runs_are_found_mark_by_mark_as_by_one_pattern(text: str):
    from site_builder.ingest.rules import punctuation

    assert punctuation.ascii_runs(text) == [m.span() for m in punctuation._ASCII_RUN.finditer(text)]
