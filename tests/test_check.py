"""`check`: finds the damage an editor wants to see, with source places, and little else."""
from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from site_builder.tools.cli import main

from .siteutil import DEMO_CONTENT, FIXTURE_SITE, copy_content


def findings(content: Path) -> list[dict]:
    result = CliRunner().invoke(main, ["check", "--content", str(content), "--json"])
    assert result.exit_code == 0, result.output
    return json.loads(result.output)


def test_demo_archive_seed_anomalies_are_found_at_their_lines():
    found = findings(DEMO_CONTENT)
    warnings = {(f["code"], Path(f["file"]).name, f["line"]) for f in found if f["severity"] == "warning"}
    expected = {
        ("latin-word", "003_bc9375b4783f22a3.txt", 11),  # 公安部 and 自治区党委
        ("doubled-word", "004_92901bf95206a96e.txt", 63),  # 全员参训参训
        ("doubled-word", "004_92901bf95206a96e.txt", 69),  # 全警参训参训
        ("doubled-character", "004_92901bf95206a96e.txt", 49),  # 派出所所在
        ("doubled-character", "001_0c7947d0e625f9c3.txt", 15),  # 善用用
    }
    assert expected <= warnings
    # What else is reported is parser uncertainty: the demo has one join that needed a guess.
    assert warnings - expected == {("join-guess", "001_0c7947d0e625f9c3.txt", 62)}
    codes = {f["code"] for f in found}
    assert "ascii-punctuation" in codes and "odd-character" in codes and "caption-guess" in codes
    latin = next(f for f in found if f["code"] == "latin-word")
    line = (DEMO_CONTENT / "issues/2024-08-13/003_bc9375b4783f22a3.txt").read_text(encoding="utf-8").splitlines()[10]
    assert line[latin["col"] - 1: latin["col"] + 2] == "and"
    for finding in found:
        assert finding["hint"] and finding["severity"] in ("info", "warning", "error")


def test_ascii_punctuation_is_one_finding_per_issue_not_hundreds():
    found = [f for f in findings(DEMO_CONTENT) if f["code"] == "ascii-punctuation"]
    assert len(found) == 5
    assert all(int(f["message"].split()[0]) > 100 for f in found)


def test_each_kind_of_problem_is_reported(tmp_path):
    content = copy_content(FIXTURE_SITE, tmp_path / "content")
    source = content / "issues/2024-03-01/source.txt"
    text = source.read_text(encoding="utf-8")
    text = text.replace("受到群众欢迎。", "受到群众“欢迎。").replace("民警继续在重点区域", "民警继续在重点区域（下转第3版）")
    source.write_text(text, encoding="utf-8")
    (content / "issues/2024-03-08/issue.toml").write_text("number = 12\n", encoding="utf-8")
    copy = content / "issues/2024-03-09"
    copy.mkdir()
    (copy / "issue.toml").write_text('date = 2024-03-09\n[[article]]\nnumber = 1\nfigures = ["gone.jpg"]\n',
                                     encoding="utf-8")
    (copy / "source.txt").write_text(text.split("赤峰公安")[0], encoding="utf-8")
    codes = {f["code"] for f in findings(content)}
    assert {"unbalanced", "issue-no-date", "duplicate-article", "missing-image", "translation-missing"} <= codes


def test_outdated_translation_is_reported(tmp_path):
    content = copy_content(FIXTURE_SITE, tmp_path / "content")
    source = content / "issues/2024-03-01/source.txt"
    source.write_text(source.read_text(encoding="utf-8").replace("及时疏导拥堵车辆", "及时疏导拥堵的车辆"),
                      encoding="utf-8")
    CliRunner().invoke(main, ["translations", "update", "--content", str(content)])
    outdated = [f for f in findings(content) if f["code"] == "translation-outdated"]
    assert len(outdated) == 1 and "1 translated passage(s) out of date" in outdated[0]["message"]


def test_text_report_groups_by_issue_and_article_and_strict_exits_1():
    runner = CliRunner()
    result = runner.invoke(main, ["check", "--content", str(DEMO_CONTENT)])
    assert result.exit_code == 0
    assert "== 2023-12-12" in result.output
    assert "  -- “沙场点兵”比武争锋 “比学赶超”携手共进" in result.output
    assert "warning[doubled-word]: doubled word 参训参训" in result.output
    assert "hint: probably 参训" in result.output
    assert runner.invoke(main, ["check", "--content", str(DEMO_CONTENT), "--strict"]).exit_code == 1
