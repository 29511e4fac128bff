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
