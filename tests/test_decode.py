"""Decoding: every supported encoding and newline convention gives the same parse."""
from __future__ import annotations

import pytest

from site_builder.core.errors import SourceError
from site_builder.ingest import parse_bytes

from .conftest import SEEDS, norm

SEED = SEEDS / "001_0c7947d0e625f9c3.txt"


def _titles(data: bytes) -> list[str]:
    return [a.title for a in parse_bytes(data, "x.txt").articles]


@pytest.fixture(scope="module")
def reference():
    data = SEED.read_bytes()
    return parse_bytes(data, "x.txt").to_json()


@pytest.mark.parametrize(
    "transform",
    [
        pytest.param(lambda t: t.encode("utf-8-sig"), id="utf8-bom"),
        pytest.param(lambda t: t.encode("gb18030"), id="gb18030"),
        pytest.param(lambda t: t.encode("gbk"), id="gbk"),
        pytest.param(lambda t: t.replace("\n", "\r\n").encode(), id="crlf"),
        pytest.param(lambda t: t.replace("\n", "\r").encode(), id="cr"),
        pytest.param(lambda t: t.replace("，", "，\u200b").replace("。", "\ufeff。").encode(), id="zero-width"),
        pytest.param(lambda t: t.replace("\n\n", "\n\u00a0\n").encode(), id="nbsp-lines"),
    ],
)
def test_encodings_and_newlines_parse_alike(reference, transform):
    text = SEED.read_text(encoding="utf-8")
    got = parse_bytes(transform(text), "x.txt").to_json()
    assert [norm(a["title"]) for a in got["articles"]] == [norm(a["title"]) for a in reference["articles"]]
    assert got["articles"] == reference["articles"]


def test_gb18030_is_reported_as_such():
    issue = parse_bytes("推进工作\n\n呼和浩特讯 近日，民警开展巡逻。(张三)\n".encode("gb18030"), "x.txt")
    assert issue.encoding == "gb18030"
    assert issue.articles[0].bylines == ["张三"]


def test_mixed_encodings_decode_line_by_line_with_a_warning():
    data = "推进工作\n\n".encode() + "呼和浩特讯 近日，民警开展巡逻。(张三)\n".encode("gb18030")
    issue = parse_bytes(data, "mixed.txt")
    assert issue.encoding == "mixed"
    assert issue.articles[0].dateline.place == "呼和浩特"
    [warning] = [d for d in issue.diagnostics if d.code == "mixed-encoding"]
    assert warning.span.line == 3


def test_full_width_spaces_and_nbsp_inside_lines():
    text = "城市　治理\n\n呼和浩特讯\u00a0近日，民警　开展巡逻。(张三)\n"
    issue = parse_bytes(text.encode(), "x.txt")
    article = issue.articles[0]
    assert article.title == "城市 治理"
    assert article.dateline.place == "呼和浩特"
    assert article.blocks[0].text == "近日，民警 开展巡逻。"


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"", "the file is empty"),
        (b"  \n\t\r\n   ", "the file is empty"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary file"),
        (b"\xff\xfe\xfd\xfc\x80\x81", "no supported encoding"),
    ],
)
def test_unreadable_input_raises_the_project_error(data, message):
    with pytest.raises(SourceError) as info:
        parse_bytes(data, "bad.txt")
    assert message in str(info.value)
    assert str(info.value).startswith("bad.txt")


def test_undecodable_names_the_line():
    data = "第一行\n第二行\n".encode() + b"\xff\xff\xff\n"
    with pytest.raises(SourceError) as info:
        parse_bytes(data, "bad.txt")
    assert str(info.value).startswith("bad.txt:3:1")


def test_every_character_the_line_table_cleans_is_unprintable():
    """build_lines takes a printable line as needing no cleaning but of ASCII spaces: so every
    invisible, control and space character it removes or collapses must be unprintable."""
    from site_builder.ingest.rules.normalize import _CONTROL, _INVISIBLE, _SPACES

    cleaned = [chr(code) for code in range(0x10000) if chr(code) != " "
               and (_INVISIBLE.match(chr(code)) or _CONTROL.match(chr(code)) or _SPACES.match(chr(code)))]
    assert len(cleaned) > 40
    assert [ch for ch in cleaned if ch.isprintable()] == []
    # and a printable line's only white space is the ASCII space, so str.split() collapses it
    assert [chr(code) for code in range(0x110000) if chr(code).isspace() and chr(code).isprintable()] == [" "]


def test_the_line_table_cleans_unprintable_lines_and_keeps_printable_ones():
    from site_builder.ingest.rules.normalize import build_lines
    from site_builder.ingest.state import ParseState

    state = ParseState(path="t.txt", data=b"")
    state.text = "\u3000\u3000正文\u200b第一段，\x07有字符。\n\u00a0\u00a0\n  第二段 有  空格。\n标题 一行\n\n"
    build_lines(state)
    got = [(line.text, line.indented, line.spacer) for line in state.lines]
    assert got == [("正文第一段，有字符。", True, False), ("", True, True), ("第二段 有 空格。", True, False),
                   ("标题 一行", False, False), ("", False, False), ("", False, False)]
    assert [d.span.line for d in state.diagnostics if d.code == "control-char"] == [1]
