"""new-issue, help texts and failure paths of the command line."""
from __future__ import annotations

import pytest
from click.testing import CliRunner

from site_builder.ingest import parse_file
from site_builder.tools.cli import main

from .conftest import SEEDS
from .siteutil import FIXTURE_SITE, copy_content

SEED = SEEDS / "001_0c7947d0e625f9c3.txt"


def run(*args: str):
    return CliRunner().invoke(main, list(args))


def test_new_issue_adds_the_source_and_prints_its_outline(tmp_path):
    content = copy_content(FIXTURE_SITE, tmp_path / "content")
    result = run("new-issue", str(SEED), "--date", "2024-02-27", "--number", "3", "--content", str(content))
    assert result.exit_code == 0, result.output
    folder = content / "issues/2024-02-27"
    assert (folder / SEED.name).read_bytes() == SEED.read_bytes()
    assert "date = 2024-02-27" in (folder / "issue.toml").read_text(encoding="utf-8")
    assert "number = 3" in (folder / "issue.toml").read_text(encoding="utf-8")
    assert "title:    乌兰浩特市公安局：找到科技兴警最优解" in result.output
    assert "1 warning(s), 1 note(s):" in result.output
    # The findings name the copy the maintainer edits, not the file brought in.
    assert f"{folder / SEED.name}:62: warning[join-guess]" in result.output
    assert f"{SEED}:" not in result.output
    # The archive builds with it.
    assert run("build", "--content", str(content), "--output", str(tmp_path / "out")).exit_code == 0


def test_new_issue_refuses_to_overwrite_without_force(tmp_path):
    content = copy_content(FIXTURE_SITE, tmp_path / "content")
    before = (content / "issues/2024-03-01/source.txt").read_bytes()
    result = run("new-issue", str(SEED), "--date", "2024-03-01", "--content", str(content))
    assert result.exit_code == 2
    assert "already exists" in result.output and "--force" in result.output
    assert (content / "issues/2024-03-01/source.txt").read_bytes() == before
    result = run("new-issue", str(SEED), "--date", "2024-03-01", "--content", str(content), "--force")
    assert result.exit_code == 0
    assert not (content / "issues/2024-03-01/source.txt").exists()
    assert (content / "issues/2024-03-01" / SEED.name).exists()


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["new-issue", "missing.txt", "--date", "2024-01-01"], "no such file"),
        (["new-issue", str(SEED), "--date", "2024-02-30"], "not a real date"),
        (["new-issue", str(SEED), "--date", "20240911"], "not a real date in the form YYYY-MM-DD"),
        (["new-issue", str(SEED)], "Missing option '--date'"),
        (["build", "--content", "no/such/folder"], "file not found"),
        (["check", "--content", "no/such/folder"], "file not found"),
        (["translations", "status", "--content", "no/such/folder"], "file not found"),
        (["parse"], "Missing argument"),
        (["build", "--nope"], "No such option"),
        (["frobnicate"], "No such command"),
    ],
)
def test_failures_are_one_clear_message_and_exit_2(args, message):
    result = run(*args)
    assert result.exit_code == 2, result.output
    assert message in result.output
    assert "Traceback" not in result.output


@pytest.mark.parametrize("command", [[], ["build"], ["parse"], ["check"], ["new-issue"], ["translations"],
                                     ["translations", "update"], ["translations", "status"], ["serve"]])
def test_every_command_has_help(command):
    result = run(*command, "--help")
    assert result.exit_code == 0
    assert "Usage:" in result.output
    if command and command != ["translations"]:
        assert "--content" in result.output or command == ["parse"]


def test_main_help_lists_commands_and_exit_codes():
    result = run("--help")
    for name in ("build", "serve", "new-issue", "parse", "check", "translations"):
        assert name in result.output
    assert "Exit codes: 0 success, 1 warnings with --strict, 2 errors." in result.output


def test_fixing_a_misparse_by_editing_the_source_into_markdown(tmp_path):
    """A headline the parser cannot see in print text is taken literally in Markdown style."""
    print_text = "近日，民警开展巡逻，受到群众欢迎。\n\n巡逻期间，民警发放宣传资料。(张三)\n"
    source = tmp_path / "issue.txt"
    source.write_text(print_text, encoding="utf-8")
    issue = parse_file(source)
    assert issue.articles[0].title is None and issue.diagnostics[0].code == "no-headline"
    fixed = tmp_path / "issue.md"
    fixed.write_text("## 民警开展巡逻\n\n" + print_text, encoding="utf-8")
    article = parse_file(fixed).articles[0]
    assert article.title == "民警开展巡逻" and article.bylines == ["张三"]
    assert len(article.paragraphs) == 2


def test_build_prints_plain_phase_lines_and_a_summary_when_not_on_a_terminal(tmp_path):
    content = copy_content(FIXTURE_SITE, tmp_path / "content")
    result = CliRunner().invoke(main, ["build", "--content", str(content), "--output", str(tmp_path / "out")])
    assert result.exit_code == 0, result.output
    for phase in ("read…", "render…", "search…"):
        assert phase in result.stderr
    assert "[#" not in result.stderr  # no bars in a log
    summary = result.stdout
    assert "  issues    2    articles 4" in summary
    assert "  pages     zh-Hans " in summary and " · en " in summary
    # a caption-guess is a note, not a warning: counted apart, as check counts them
    assert "  warnings  0 (none)    notes 1 (caption-guess 1)    errors 0" in summary
    assert f"  cache     {tmp_path / '.out.cache'} (what builds keep between them; safe to delete)" in summary
    assert "  phases    read " in summary and " render " in summary and " search " in summary


def test_progress_draws_bars_on_a_terminal():
    import io

    from site_builder.build.progress import TerminalProgress

    class Terminal(io.StringIO):
        def isatty(self) -> bool:
            return True

    stream = Terminal()
    progress = TerminalProgress(stream)
    progress.phase("render", 4)
    for _ in range(4):
        progress.advance()
    progress.done()
    assert "render   [" in stream.getvalue() and "4/4" in stream.getvalue()


def test_the_archive_is_found_from_a_folder_inside_it_and_the_site_goes_beside_it(tmp_path, monkeypatch):
    content = copy_content(FIXTURE_SITE, tmp_path / "project" / "content")
    inside = content / "issues" / "2024-03-01"
    monkeypatch.chdir(inside)
    result = run("check")
    assert result.exit_code == 0, result.output
    assert "2024-03-01" in result.output
    result = run("build", "--no-search")
    assert result.exit_code == 0, result.output
    assert (tmp_path / "project/public/index.html").is_file() and not (inside / "public").exists()
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("SITE_BUILDER_CONTENT", str(content))
    assert run("translations", "status").exit_code == 0


def test_quiet_build_says_only_what_needs_attention(tmp_path):
    content = copy_content(FIXTURE_SITE, tmp_path / "content")
    result = CliRunner().invoke(main, ["build", "-q", "--no-search", "--content", str(content),
                                       "--output", str(tmp_path / "out")])
    assert result.exit_code == 0, result.output
    assert result.stdout == "" and result.stderr == ""  # the fixture has notes only: nothing to say
    verbose = CliRunner().invoke(main, ["build", "-v", "--force", "--no-search", "--content", str(content),
                                        "--output", str(tmp_path / "out")])
    assert "info[caption-guess]" in verbose.stderr and "    hint:" in verbose.stderr
