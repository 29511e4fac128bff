"""issue.toml [[fix]]: a maintainer corrects how a source line is read, without touching the source."""
from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from site_builder.archive.fixes import read_fixes
from site_builder.core.errors import SourceSpan
from site_builder.core.model import Fix
from site_builder.ingest import parse_bytes
from site_builder.tools.cli import main

from .siteutil import FIXTURE_SITE, copy_content

SOURCE = """包头公安开展夏季治安巡查

包头讯 为切实维护夏季社会治安稳定，包头市公安局在全市范围内开展夏季治安巡查行动。

活动现场。

强化巡逻防控 守护一方平安

全市公安机关将警力向街面倾斜，在城区主干道设立巡逻必到点42处，实行24小时动态巡逻，

接到群众报警后，民警连夜走访排查，迅速锁定了嫌疑人。

本版责任人 王五

张三 李四
"""
SPAN = SourceSpan("issue.toml", 1)


def parsed(*fixes: tuple[int, str, str]):
    return parse_bytes(SOURCE.encode(), "source.txt", fixes=tuple(Fix(line, reading, text, SPAN) for line, reading, text in fixes))


def blocks(issue) -> list[tuple[str, str]]:
    return [(b.type, b.text or b.caption or "") for a in issue.articles for b in a.blocks]


def test_without_fixes_the_issue_reads_one_way():
    issue = parsed()
    assert len(issue.articles) == 1
    assert ("figure", "活动现场。") in blocks(issue)
    assert ("heading", "强化巡逻防控 守护一方平安") in blocks(issue)


def test_article_starts_a_new_article_at_the_line():
    issue = parsed((7, "article", "强化巡逻防控"))
    assert [a.title for a in issue.articles] == ["包头公安开展夏季治安巡查", "强化巡逻防控 守护一方平安"]


def test_subhead_keeps_a_line_inside_the_article():
    issue = parsed((7, "article", "强化巡逻"), (7, "subhead", "强化巡逻"))
    assert len(issue.articles) == 1  # the later fix for the same line wins


def test_paragraph_and_caption():
    issue = parsed((5, "paragraph", "活动现场"), (11, "caption", "接到群众报警后"))
    assert ("paragraph", "活动现场。") in blocks(issue)
    assert ("figure", "接到群众报警后，民警连夜走访排查，迅速锁定了嫌疑人。") in blocks(issue)


def test_join_and_split():
    # Line 9 stops at a comma: by default the next paragraph continues it.
    assert any(text.endswith("动态巡逻，接到群众报警后，民警连夜走访排查，迅速锁定了嫌疑人。") for _, text in blocks(parsed()))
    split = blocks(parsed((11, "split", "接到群众")))
    assert ("paragraph", "接到群众报警后，民警连夜走访排查，迅速锁定了嫌疑人。") in split
    joined = blocks(parsed((5, "join", "活动现场")))
    assert any(text.endswith("稳定行动。活动现场。") or text.endswith("巡查行动。活动现场。") for _, text in joined)


def test_byline_and_furniture():
    issue = parsed((13, "furniture", "本版责任人"), (15, "byline", "张三"))
    assert issue.articles[0].bylines == ["张三", "李四"]
    assert not any("本版责任人" in text for _, text in blocks(issue))
    assert any(r.text.startswith("本版责任人") for r in issue.removed)


def test_a_fix_whose_line_changed_is_reported_and_not_applied():
    issue = parsed((7, "article", "严打违法犯罪"))
    assert len(issue.articles) == 1
    stale = [d for d in issue.diagnostics if d.code == "fix-stale"]
    assert len(stale) == 1 and stale[0].span == SPAN
    assert "强化巡逻防控" in stale[0].message


def test_issue_toml_fix_tables_are_checked_with_their_lines(tmp_path: Path):
    text = '''date = 2024-03-01

[[fix]]
line = 7
is = "subheading"
text = "强化"

[[fix]]
line = 9
is = "join"

[[fix]]
line = 3
is = "caption"
text = "包头讯"
colour = "red"
'''
    path = tmp_path / "issue.toml"
    import tomllib

    problems = []
    fixes = read_fixes(path, tomllib.loads(text), text, problems)
    assert [f.line for f in fixes] == [3]
    messages = [(p.span.line, p.message, p.hint) for p in problems]
    assert (3, "[[fix]] for line 7: is = 'subheading' is not a reading", "did you mean 'subhead'?") in messages
    assert any(line == 8 and "needs text" in message for line, message, _ in messages)
    assert any(line == 12 and "unknown key 'colour'" in message for line, message, _ in messages)


def test_build_applies_fixes_and_check_reports_a_stale_one(tmp_path: Path):
    content = copy_content(FIXTURE_SITE, tmp_path / "content")
    issue = content / "issues/2024-03-01"
    source_lines = (issue / "source.txt").read_text(encoding="utf-8").splitlines()
    number = next(i for i, line in enumerate(source_lines, start=1) if line.strip())
    toml = (issue / "issue.toml").read_text(encoding="utf-8")
    (issue / "issue.toml").write_text(toml + f'\n[[fix]]\nline = {number}\nis = "article"\ntext = "这一行不在这里"\n',
                                      encoding="utf-8")
    result = CliRunner().invoke(main, ["check", "--content", str(content), "--json"])
    found = [f for f in json.loads(result.output) if f["code"] == "fix-stale"]
    assert len(found) == 1
    assert found[0]["file"].endswith("issue.toml") and found[0]["line"] > 0
