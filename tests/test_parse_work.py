"""The parser's work grows with the size of the text, not with its shape.

A file of short headline-shaped lines, brackets, emphasis runs or unclosed links must
not cost more per byte than prose does by more than a constant.  Work is counted, not
timed (a test must not depend on the machine): every Python and C function call the
parse makes, through ``sys.setprofile``.  An ordinary generated issue costs about 0.3
calls per byte; ``bench/pathological.py`` gives the seconds.
"""
from __future__ import annotations

import sys

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from site_builder.core.errors import Severity, SiteBuilderError
from site_builder.ingest import parse_bytes
from site_builder.ingest.rules import segment

# What a line may be built of: Markdown's costly constructs, Chinese punctuation that opens
# and never closes, and the pieces of newspaper text the segmenter weighs (a headline, a
# sentence, a byline, a lead, a numbered sub-head).
UNITS = ["![a](", "[a](", "[", "]", "[[[[]]", "*", "_", "**", "__", "`", "``", "<", "<a href=", "\\",
         "\\[", "(", ")", "!", "&#", "<http://a", "“", "「", "《", "（", " ",
         "公安分局开展专项行动", "民警在辖区内巡逻检查，发现问题及时整改。", "（张三）", "本报讯", "一、", "# ", "图为"]

# The budget of calls: per line (a token and its rules), per byte (scans), and a constant.
CALLS_PER_LINE = 200
CALLS_PER_BYTE = 20
CALLS_FIXED = 50_000
SIZE = 40_000  # bytes: large enough that a per-line cost would show


def calls_to_parse(data: bytes, name: str) -> int:
    count = 0

    def counted(frame, event, arg) -> None:
        nonlocal count
        if event == "call" or event == "c_call":
            count += 1

    sys.setprofile(counted)
    try:
        parse_bytes(data, name)
    except SiteBuilderError:
        pass  # markup alone may hold no text
    finally:
        sys.setprofile(None)
    return count


@st.composite
def shaped_text(draw) -> tuple[bytes, str]:
    lines = [
        "".join(draw(st.lists(st.sampled_from(UNITS), min_size=1, max_size=4))) * draw(st.integers(1, 30))
        for _ in range(draw(st.integers(1, 6)))
    ]
    separator = draw(st.sampled_from(["\n", "\n\n"]))
    block = separator.join(lines) + separator
    repeat = SIZE // len(block.encode()) + 1
    return (block * repeat).encode(), draw(st.sampled_from(["issue.txt", "issue.md"]))


@given(shaped_text())
@settings(max_examples=max(10, settings.default.max_examples // 10), deadline=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
def test_parse_work_is_linear_in_the_text_whatever_its_shape(case) -> None:
    data, name = case
    lines = data.count(b"\n") + 1
    budget = CALLS_PER_LINE * lines + CALLS_PER_BYTE * len(data) + CALLS_FIXED
    assert calls_to_parse(data, name) <= budget


def test_a_text_of_nothing_but_possible_headlines_is_weighed_within_a_budget() -> None:
    """Three headline-shaped lines to every sentence: before the budget, 7.6 s for a megabyte."""
    block = "(!_" * 18 + "\n" + "(" * 8 + "\n" + "(" * 13 + "\n" + "““\n"
    data = (block * 2000).encode()
    lines = data.count(b"\n") + 1
    assert calls_to_parse(data, "issue.txt") <= CALLS_PER_LINE * lines + CALLS_PER_BYTE * len(data) + CALLS_FIXED
    issue = parse_bytes(data, "issue.txt")
    notes = [d for d in issue.diagnostics if d.code == "too-many-headlines"]
    assert len(notes) == 1 and notes[0].severity == Severity.INFO and notes[0].span.line == 2
    budget = len(data) // segment.CANDIDATE_BYTES
    assert f"only the {budget} with" in notes[0].message


def test_a_long_list_of_short_lines_is_not_read_as_headlines() -> None:
    """A list of names set one to a line: only a headline opening or closing it is weighed."""
    names = "\n\n".join(f"{surname}{given}同志" for surname in "张王李赵刘陈杨黄" for given in "伟芳娜敏")
    text = ("表彰先进集体和个人\n\n本报讯 日前，市公安局对一批先进集体和个人予以表彰。名单如下：\n\n"
            + names + "\n\n希望受表彰的集体和个人珍惜荣誉，再接再厉。（张三）\n")
    issue = parse_bytes(text.encode(), "issue.txt")
    assert [article.title for article in issue.articles] == ["表彰先进集体和个人"]
    # The first and last lines of the list may still be close calls; its inside is not weighed.
    lines = text.split("\n")
    listed = [number for number, line in enumerate(lines, start=1) if line.endswith("同志")]
    inside = set(listed[segment.MAX_HEADLINE_LINES:-segment.MAX_HEADLINE_LINES])
    assert not [d for d in issue.diagnostics if d.code == "article-guess" and d.span.line in inside]
    body = "".join(block.text or "" for block in issue.articles[0].blocks)
    assert all(f"{surname}{given}同志" in body for surname in "张王李赵刘陈杨黄" for given in "伟芳娜敏")


def test_thousands_of_one_warning_are_listed_a_hundred_and_counted() -> None:
    """A text without full stops joins line after line, each join a guess: the first hundred
    guesses are listed, the rest counted in one diagnostic of the same kind and severity."""
    from site_builder.ingest.state import MAX_WARNINGS_PER_CODE

    data = ("标题\n\n" + "(!_(!_(!_\n" * 3000).encode()
    issue = parse_bytes(data, "issue.txt")
    guesses = [d for d in issue.diagnostics if d.code == "join-guess"]
    assert len(guesses) == MAX_WARNINGS_PER_CODE + 1
    summary = guesses[-1]
    assert summary.severity == guesses[0].severity and summary.span.line in (0, None)
    paragraphs = [block for article in issue.articles for block in article.blocks if block.type == "paragraph"]
    joined = sum(block.end_line - block.line for block in paragraphs)  # each line joined to the one above, a guess
    assert summary.message == f"{joined - MAX_WARNINGS_PER_CODE} more of these not listed (the first 100 are)"
    # and no paragraph grows past the longest a page break can cut
    from site_builder.ingest.rules.assemble import LONGEST_PARAGRAPH

    assert all(len(block.text or "") < LONGEST_PARAGRAPH + 10 for a in issue.articles for block in a.blocks)
