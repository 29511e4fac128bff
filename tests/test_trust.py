"""The trust boundary (core/boundary.py): nothing outside the archive is read or written, a file a
person owns is never half-written, and every failure is one clear line with exit code 2.

A decoy tree outside the archive stands for the build machine's files: it is hashed before and
after, and its marker must never reach the output or the terminal.
"""
from __future__ import annotations

import errno
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given, strategies as st

from site_builder.core import files
from site_builder.core.errors import SiteBuilderError

from .conftest import ROOT
from .siteutil import FIXTURE_SITE, copy_content, tree

MARKER = "DECOY-SECRET-7f3a"


def run(*args: str, user: str | None = None) -> subprocess.CompletedProcess:
    command = [sys.executable, str(ROOT / "build.py"), *args]
    if user is not None:  # everything runs as root here: a permission only means something to another user
        command = ["setpriv", f"--reuid={user}", f"--regid={user}", "--clear-groups", *command]
    return subprocess.run(command, capture_output=True, text=True, timeout=300, errors="replace")


def build(content: Path, output: Path, *extra: str) -> subprocess.CompletedProcess:
    return run("build", "--content", str(content), "--output", str(output), "--no-search", *extra)


def one_clear_line(done: subprocess.CompletedProcess, *words: str) -> None:
    text = done.stdout + done.stderr
    assert done.returncode == 2, text
    assert "Traceback" not in text, text
    for word in words:
        assert word.lower() in done.stderr.lower(), done.stderr


@pytest.fixture
def decoy(tmp_path: Path) -> Path:
    """Files of the 'machine', outside the archive: a secret, a catalog, a folder of photos."""
    folder = tmp_path / "machine"
    (folder / "photos").mkdir(parents=True)
    (folder / "secret.txt").write_text(f"{MARKER}\n", encoding="utf-8")
    (folder / "messages.po").write_text(f'msgctxt "title"\nmsgid "x"\nmsgstr "{MARKER}"\n', encoding="utf-8")
    (folder / "photos" / "photo.jpg").write_bytes(MARKER.encode() * 10)
    (folder / "static").mkdir()
    (folder / "static" / "style.css").write_text(f"/* {MARKER} */", encoding="utf-8")
    return folder


@pytest.fixture
def content(tmp_path: Path) -> Path:
    return copy_content(FIXTURE_SITE, tmp_path / "content")


@pytest.fixture
def nobodys(tmp_path: Path):
    """A folder the unprivileged user owns and can reach (pytest's own is root's alone)."""
    import tempfile

    folder = Path(tempfile.mkdtemp(prefix="site-builder-trust-"))
    folder.chmod(0o755)
    content = copy_content(FIXTURE_SITE, folder / "content")
    for path in [folder, *folder.rglob("*")]:
        os.chown(path, 65534, 65534, follow_symlinks=False)
    yield folder, content
    shutil.rmtree(folder, ignore_errors=True)


def untouched(decoy: Path, before: dict[str, str], output: Path, *outputs: subprocess.CompletedProcess) -> None:
    assert tree(decoy) == before  # nothing outside was written
    for done in outputs:
        assert MARKER not in done.stdout + done.stderr  # nothing outside reached the terminal
    if output.exists():
        for path in output.rglob("*"):
            if path.is_file():
                assert MARKER.encode() not in path.read_bytes(), path  # nor the site


# -- 1. paths made from the archive's data ----------------------------------------------------

@pytest.mark.parametrize("slug", ["../../../../../../victim/messages", "../../../../../escaped_po",
                                  "a/b", "what?", "x#y", "100%", "Upper"])
def test_a_slug_that_is_not_address_words_is_refused_with_its_line(content: Path, tmp_path: Path, decoy: Path,
                                                                  slug: str) -> None:
    first = build(content, tmp_path / "public")
    assert first.returncode == 0, first.stderr
    record = content / "permalinks.toml"
    text = record.read_text(encoding="utf-8")
    lines = text.splitlines()
    number = next(i for i, line in enumerate(lines, start=1) if line.startswith("slug = "))
    lines[number - 1] = f'slug = "{slug}"'
    record.write_text("\n".join(lines) + "\n", encoding="utf-8")
    before = tree(decoy)
    outside = sorted(p for p in tmp_path.rglob("*") if "content" not in p.parts)
    update = run("translations", "update", "--content", str(content))
    one_clear_line(update, f"permalinks.toml:{number}", "slug")
    again = build(content, tmp_path / "public")
    one_clear_line(again, f"permalinks.toml:{number}")
    untouched(decoy, before, tmp_path / "public", update, again)
    assert sorted(p for p in tmp_path.rglob("*") if "content" not in p.parts) == outside  # nothing created


def test_a_theme_outside_the_content_folder_needs_the_command_line(content: Path, tmp_path: Path,
                                                                   decoy: Path) -> None:
    config = content / "site.toml"
    config.write_text(f'theme = "../machine"\n{config.read_text(encoding="utf-8")}', encoding="utf-8")
    before = tree(decoy)
    done = build(content, tmp_path / "public")
    one_clear_line(done, "site.toml:1", "outside the content folder", "--theme")
    config.write_text(config.read_text(encoding="utf-8").split("\n", 1)[1], encoding="utf-8")
    named = build(content, tmp_path / "public", "--theme", str(decoy))  # named by the person building: theirs
    assert named.returncode == 0, named.stderr
    assert MARKER in (tmp_path / "public/static/style.css").read_text(encoding="utf-8")
    assert tree(decoy) == before


# -- 2. symbolic links ----------------------------------------------------------------------

def _link(content: Path, decoy: Path, kind: str) -> Path:
    if kind == "theme static file":
        (content / "mytheme" / "static").mkdir(parents=True)
        config = content / "site.toml"
        config.write_text(f'theme = "mytheme"\n{config.read_text(encoding="utf-8")}', encoding="utf-8")
        link, target = content / "mytheme/static/passwd.txt", decoy / "secret.txt"
    elif kind == "images folder":
        link, target = content / "issues/2024-03-01/images", decoy / "photos"
    elif kind == "catalog":
        found = sorted((content / "translations").rglob("*.po"))[0]
        found.unlink()
        link, target = found, decoy / "messages.po"
    elif kind == "source":
        source = next(p for p in (content / "issues/2024-03-08").iterdir() if p.suffix in (".txt", ".md"))
        source.unlink()
        link, target = source, decoy / "secret.txt"
    elif kind == "issue folder":
        link, target = content / "issues/2024-04-01", decoy
    elif kind == "folder of the content":
        link, target = content / "issues/2024-03-01/notes", decoy.parent
    else:  # a relative link climbing out
        link, target = content / "tags-extra.toml", Path("..") / decoy.name / "secret.txt"
    link.symlink_to(target)
    return link


LINK_KINDS = ["theme static file", "images folder", "catalog", "source", "issue folder", "folder of the content",
              "relative link climbing out"]


@pytest.mark.parametrize("kind", LINK_KINDS)
def test_a_link_leading_outside_the_archive_is_refused_naming_the_link(content: Path, tmp_path: Path,
                                                                       decoy: Path, kind: str) -> None:
    output = tmp_path / "public"
    first = build(copy_content(FIXTURE_SITE, tmp_path / "good"), output)
    assert first.returncode == 0, first.stderr
    published = tree(output)
    link = _link(content, decoy, kind)
    before = tree(decoy)
    done = build(content, output)
    one_clear_line(done, "symbolic link", str(link))
    assert tree(output) == published  # the previous site stays
    update = run("translations", "update", "--content", str(content))
    one_clear_line(update, "symbolic link", str(link))
    check = run("check", "--content", str(content))
    one_clear_line(check, "symbolic link")
    untouched(decoy, before, output, done, update, check)


def test_links_inside_the_archive_are_followed(content: Path, tmp_path: Path) -> None:
    (content / "shared").mkdir()
    source = next(p for p in (content / "issues/2024-03-08").iterdir() if p.suffix in (".txt", ".md"))
    shutil.move(source, content / "shared" / source.name)
    source.symlink_to(Path("../..") / "shared" / source.name)
    done = build(content, tmp_path / "public")
    assert done.returncode == 0, done.stderr
    assert (tmp_path / "public/2024/03/08/index.html").is_file()


def test_an_archive_full_of_links_and_climbing_paths_leaks_nothing(content: Path, tmp_path: Path,
                                                                  decoy: Path) -> None:
    """Every kind at once, and every command: no byte from outside reaches the output or the terminal,
    no file outside is written."""
    for kind in LINK_KINDS:
        _link(content, decoy, kind)
    issue = content / "issues/2024-03-01/issue.toml"
    issue.write_text(issue.read_text(encoding="utf-8")
                     + '\n[[article]]\nnumber = 1\nfigures = ["../../../../machine/photos/photo.jpg"]\n',
                     encoding="utf-8")
    before = tree(decoy)
    output = tmp_path / "public"
    runs = [build(content, output), run("translations", "update", "--content", str(content)),
            run("translations", "status", "--content", str(content)), run("check", "--content", str(content))]
    for done in runs:
        one_clear_line(done, "symbolic link")
    untouched(decoy, before, output, *runs)
    assert not output.exists()


# -- 3. writes into content/ ----------------------------------------------------------------

def test_an_atomic_write_that_fails_leaves_the_old_file_whole(tmp_path: Path, monkeypatch) -> None:
    path = tmp_path / "messages.po"
    path.write_bytes(b"old " * 2000)
    path.chmod(0o640)
    real_write = os.write
    written = [0]

    def full_disk(handle: int, data) -> int:
        if written[0] > 1000:
            raise OSError(errno.ENOSPC, "No space left on device")
        written[0] += 512
        return real_write(handle, bytes(data[:512]))

    monkeypatch.setattr(os, "write", full_disk)
    with pytest.raises(OSError):
        files.write_atomic(path, b"new " * 2000)
    monkeypatch.undo()
    assert path.read_bytes() == b"old " * 2000
    assert [p.name for p in tmp_path.iterdir()] == ["messages.po"]  # no temporary file left
    files.write_atomic(path, b"new")
    assert path.read_bytes() == b"new" and path.stat().st_mode & 0o777 == 0o640  # the mode is kept


# -- 4. failures as one clear line ------------------------------------------------------------

def test_an_unreadable_source_is_reported_like_a_broken_issue(nobodys) -> None:
    folder, content = nobodys
    output = folder / "public"
    source = next(p for p in (content / "issues/2024-03-08").iterdir() if p.suffix in (".txt", ".md"))
    source.chmod(0)
    done = run("build", "--content", str(content), "--output", str(output), "--no-search", user="65534")
    one_clear_line(done, str(source), "cannot read the source", "permission denied")


def test_a_read_only_output_folder_is_one_line(nobodys) -> None:
    folder, content = nobodys
    output = folder / "site" / "public"
    output.parent.mkdir()
    os.chown(output.parent, 65534, 65534)
    output.parent.chmod(0o555)
    done = run("build", "--content", str(content), "--output", str(output), "--no-search", user="65534")
    one_clear_line(done, "permission denied", str(output.parent))


def test_a_full_disk_while_writing_the_site_keeps_the_previous_site(content: Path, tmp_path: Path) -> None:
    """The site's files are written by one function (build/writer.py); it fails as a full disk does."""
    output = tmp_path / "public"
    assert build(content, output).returncode == 0
    published = tree(output)
    source = content / "issues/2024-03-01/source.txt"
    source.write_text(source.read_text(encoding="utf-8").replace("。", "。新的一句。", 1), encoding="utf-8")
    script = ("import errno, sys\n"
              "from site_builder.build import writer\n"
              "def full(path, data):\n"
              "    raise OSError(errno.ENOSPC, 'No space left on device', str(path))\n"
              "writer.write_file = full\n"
              "from site_builder.tools.cli import main\n"
              "sys.argv = ['build.py', 'build', '--content', sys.argv[1], '--output', sys.argv[2], '--force', "
              "'--no-search']\n"
              "main()\n")
    done = subprocess.run([sys.executable, "-c", script, str(content), str(output)], capture_output=True, text=True,
                          cwd=ROOT, timeout=300)
    one_clear_line(done, "no space left on device", "the disk is full")
    assert tree(output) == published


def test_a_catalog_that_is_a_folder_is_named(content: Path, tmp_path: Path) -> None:
    catalog = sorted((content / "translations").rglob("*.po"))[0]
    catalog.unlink()
    catalog.mkdir()
    update = run("translations", "update", "--content", str(content))
    one_clear_line(update, str(catalog), "a folder stands where this catalog should be")
    done = build(content, tmp_path / "public")
    assert done.returncode == 0 and "a folder stands where this catalog should be" in done.stderr, done.stderr


def test_an_output_given_as_a_symbolic_link_is_refused(content: Path, tmp_path: Path) -> None:
    (tmp_path / "real").mkdir()
    (tmp_path / "public").symlink_to(tmp_path / "real")
    done = build(content, tmp_path / "public")
    one_clear_line(done, "symbolic link", str(tmp_path / "public"))
    assert (tmp_path / "public").is_symlink() and list((tmp_path / "real").iterdir()) == []


def test_an_output_inside_the_archive_is_refused(content: Path) -> None:
    done = build(content, content / "public")
    one_clear_line(done, "inside the archive")


# -- 6. nothing a person wrote dropped without a word ---------------------------------------

def test_a_message_twice_in_a_catalog_is_an_error_naming_both_lines(content: Path, tmp_path: Path) -> None:
    catalog = sorted((content / "translations").rglob("*.po"))[0]
    text = catalog.read_text(encoding="utf-8")
    entry = text[text.index('msgctxt "title"'):].split("\n\n")[0]
    catalog.write_text(text.rstrip("\n") + "\n\n" + entry.replace('msgstr "', 'msgstr "second ') + "\n",
                       encoding="utf-8")
    first = text[:text.index('msgctxt "title"')].count("\n") + 1
    second = text.rstrip("\n").count("\n") + 3
    update = run("translations", "update", "--content", str(content))
    one_clear_line(update, f"lines {first} and {second}", f"{catalog}:{second}")
    done = build(content, tmp_path / "public")
    assert f"lines {first} and {second}" in done.stderr


def test_a_control_character_in_a_source_line_is_shown_escaped(content: Path, tmp_path: Path) -> None:
    config = content / "site.toml"
    config.write_text(config.read_text(encoding="utf-8") + '\nbroken = "\x1b]0;owned\x07\n', encoding="utf-8")
    done = build(content, tmp_path / "public")
    one_clear_line(done, "site.toml")
    assert "\x1b" not in done.stderr and "\x07" not in done.stderr
    assert "\\x1b]0;owned\\x07" in done.stderr


def test_a_slug_twice_in_one_day_of_the_record_is_an_error_naming_both_lines(content: Path, tmp_path: Path) -> None:
    assert build(content, tmp_path / "public").returncode == 0
    record = content / "permalinks.toml"
    lines = record.read_text(encoding="utf-8").splitlines()
    slugs = [i for i, line in enumerate(lines, start=1) if line.startswith("slug = ")]
    lines[slugs[1] - 1] = lines[slugs[0] - 1]  # two articles of one issue, one address
    record.write_text("\n".join(lines) + "\n", encoding="utf-8")
    done = build(content, tmp_path / "public")
    one_clear_line(done, f"at lines {slugs[0]} and {slugs[1]}", f"permalinks.toml:{slugs[1]}")


def test_an_editors_comments_in_the_record_survive_a_rewrite(content: Path, tmp_path: Path) -> None:
    assert build(content, tmp_path / "public").returncode == 0
    record = content / "permalinks.toml"
    text = record.read_text(encoding="utf-8")
    first_table = text.index("[[issues")
    second_slug = text.index("slug = ", text.index("[[issues", first_table + 1))
    # A note at the top, one inside a table, and a title correction in the same day (a rewrite of it).
    edited = ("# kept by the editor: the 2024 addresses were checked\n" + text[:second_slug]
              + "# moved by hand, see the desk's note\n" + text[second_slug:])
    record.write_text(edited, encoding="utf-8")
    source = next(p for p in (content / "issues/2024-03-01").iterdir() if p.suffix in (".txt", ".md"))
    title_line = source.read_text(encoding="utf-8").split("\n")
    source.write_text("\n".join(title_line) + "\n\n新增一篇文章的标题\n\n本报讯 这是新增的一篇文章，它让这一天的记录被重写。\n",
                      encoding="utf-8")
    assert build(content, tmp_path / "public").returncode == 0
    rewritten = record.read_text(encoding="utf-8")
    assert rewritten != edited  # the day was rewritten
    assert "# kept by the editor: the 2024 addresses were checked" in rewritten
    assert "# moved by hand, see the desk's note" in rewritten


def test_photo_names_with_spaces_and_marks_are_percent_encoded(content: Path, tmp_path: Path) -> None:
    from PIL import Image

    images = content / "issues/2024-03-01/images"
    images.mkdir(exist_ok=True)
    Image.new("RGB", (640, 480), "red").save(images / "a photo #1?.jpg")
    issue = content / "issues/2024-03-01/issue.toml"
    issue.write_text(issue.read_text(encoding="utf-8").replace("number = 2\n", 'number = 2\nfigures = ["a photo #1?.jpg"]\n'),
                     encoding="utf-8")
    done = build(content, tmp_path / "public")
    assert done.returncode == 0, done.stderr
    page = "".join(p.read_text(encoding="utf-8") for p in (tmp_path / "public/2024/03/01").glob("*/index.html"))
    files_made = sorted(p.name for p in (tmp_path / "public/media/2024-03-01").iterdir())
    assert files_made and all(name.startswith("a photo #1?-") for name in files_made)
    assert "a%20photo%20%231%3F-480.jpg" in page and "a photo #1" not in page


# -- 8. bounded parse time --------------------------------------------------------------------

PATHOLOGICAL = ["![a](", "[a](", "[", "]", "[[[[]]", "*", "_", "**", "__", "`", "``", "<", "<a href=", "\\",
                "\\[", "(", ")", "“", "「", "《", "<http://a", "!", "&", "&#"]


def _inline_calls(monkeypatch) -> list[str]:
    from site_builder.ingest.rules import tokenize

    given: list[str] = []
    real = tokenize._md.parseInline

    def measured(text, env=None):
        given.append(text)
        return real(text, env)

    monkeypatch.setattr(tokenize._md, "parseInline", measured)
    return given


def test_tangled_markdown_is_kept_as_written_and_never_given_to_the_inline_parser(monkeypatch) -> None:
    """markdown-it-py scans to the line's end for every unclosed link: a 1 MB line of `![a](`
    took it ten seconds.  Such markup is kept as written (bench/pathological.py measures the time)."""
    from site_builder.ingest import parse_bytes
    from site_builder.ingest.rules import tokenize

    given = _inline_calls(monkeypatch)
    data = ("# 标题\n\n" + "![a](" * 200_000 + "\n\n这是**加粗**的一句话，还有[一个链接](http://example.org/)。\n").encode()
    issue = parse_bytes(data, "attack.md")
    texts = [b.text or "" for a in issue.articles for b in a.blocks]
    assert "".join(texts).count("![a](") == 200_000  # nothing lost: the tangled markup is text
    assert texts[-1].endswith("这是加粗的一句话，还有一个链接。")  # ordinary markup is still read
    assert given and all(len(text) <= tokenize.INLINE_PIECE and not tokenize.tangled(text) for text in given)


@given(st.lists(st.sampled_from(PATHOLOGICAL), min_size=1, max_size=8), st.integers(1, 3000),
       st.sampled_from(["\n", "", " ", "\n\n"]))
def test_no_markup_reaches_the_inline_parser_tangled_or_long(unit, repeat, separator) -> None:
    from site_builder.ingest import parse_bytes
    from site_builder.ingest.rules import tokenize

    given: list[str] = []
    real = tokenize._md.parseInline

    def measured(text, env=None):
        given.append(text)
        return real(text, env)

    tokenize._md.parseInline = measured
    try:
        parse_bytes(("# 标题\n\n" + ("".join(unit) + separator) * repeat + "\n").encode(), "fuzz.md")
    except SiteBuilderError:
        pass  # an input of markup alone may hold no text
    finally:
        del tokenize._md.parseInline
    assert all(len(text) <= tokenize.INLINE_PIECE and not tokenize.tangled(text) for text in given)
