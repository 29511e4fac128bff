"""`parse` through the command line: outline, JSON, and one-line errors with exit code 2."""
from __future__ import annotations

import json
import subprocess
import sys

import pytest
from click.testing import CliRunner

from site_builder.tools.cli import main

from .conftest import ROOT, SEEDS, gold_files, load_gold, normalised_issue

SEED = SEEDS / "001_0c7947d0e625f9c3.txt"


def run(*args: str):
    return CliRunner().invoke(main, list(args))


def test_parse_json_is_the_gold_contract():
    gold = load_gold(gold_files()[1])
    result = run("parse", str(SEEDS / gold["source"]), "--json")
    assert result.exit_code == 0, result.output
    assert normalised_issue(json.loads(result.stdout)) == normalised_issue(gold)


def test_parse_outline_shows_roles_counts_and_warnings():
    result = run("parse", str(SEED))
    assert result.exit_code == 0
    out = result.output
    assert "kicker:   转变理念 鼓励创新 重塑机制" in out
    assert "title:    乌兰浩特市公安局：找到科技兴警最优解" in out
    assert "subtitle: 暖警爱警鼓干劲" in out
    assert "dateline: 阿里河  (阿里河讯)" in out
    assert "bylines:  戴紫君" in out
    assert "11 paragraphs, 3 sub-heads, 0 figures" in out
    assert "1 warning(s), 1 note(s):" in out  # warnings and notes are counted apart
    assert f"{SEED}:62: warning[join-guess]" in out


def test_parse_strict_exits_1_on_warnings():
    assert run("parse", str(SEED), "--strict").exit_code == 1


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        (None, "no such file"),
        (b"", "the file is empty"),
        (b"\x00\x01\x02binary\x00", "binary file"),
        (b"\xff\xfe\xfd\x80\x81\x82", "no supported encoding"),
    ],
)
def test_parse_bad_input_is_one_line_and_exit_2(tmp_path, content, expected):
    path = tmp_path / "issue.txt"
    if content is not None:
        path.write_bytes(content)
    result = run("parse", str(path))
    assert result.exit_code == 2
    lines = result.output.strip().splitlines()
    assert len(lines) == 1, result.output
    assert lines[0].startswith(str(path))
    assert expected in lines[0]
    assert "Traceback" not in result.output


def test_parse_a_folder_is_an_error(tmp_path):
    result = run("parse", str(tmp_path))
    assert result.exit_code == 2
    assert "Traceback" not in result.output


def test_build_py_runs_as_a_script():
    done = subprocess.run(
        [sys.executable, "build.py", "parse", str(SEED), "--json"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        encoding="utf-8",
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["source"] == SEED.name


def test_version():
    result = run("--version")
    assert result.exit_code == 0
    assert "site-builder" in result.output


def test_warnings_carry_file_line_and_column():
    seed = SEEDS / "003_bc9375b4783f22a3.txt"
    result = run("parse", str(seed))
    assert f"{seed}:11:" in result.output
    [line] = [l for l in result.output.splitlines() if "latin-word" in l]
    assert line.startswith(f"{seed}:11:")
    col = int(line.split(":")[2])
    assert seed.read_text(encoding="utf-8").splitlines()[10][col - 1 : col + 2] == "and"
