"""The build layer's parts on their own: the writer, the render keys, the parse cache's key,
and how often a build reads each input."""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest

from site_builder.build.keys import PageKeys, article_keys
from site_builder.build.manifest import MANIFEST
from site_builder.build.pipeline import build
from site_builder.build.writer import OutputWriter
from site_builder.core.errors import SiteBuilderError
from site_builder.site.spec import PageSpec

from .conftest import ROOT
from .siteutil import DEMO_CONTENT, copy_content, tree


def _published(output: Path) -> dict[str, bytes]:
    return {p.relative_to(output).as_posix(): p.read_bytes() for p in output.rglob("*")
            if p.is_file() and p.name != MANIFEST}


def test_the_writer_publishes_only_at_commit_and_an_abort_keeps_the_previous_site(tmp_path: Path) -> None:
    output = tmp_path / "public"
    first = OutputWriter(output, jobs=1)
    first.start()
    first.write("index.html", b"one")
    first.write("a/b/index.html", b"two", key="k1")
    assert not output.exists()  # nothing is published before commit()
    first.commit("inputs-1")
    assert _published(output) == {"index.html": b"one", "a/b/index.html": b"two"}

    second = OutputWriter(output, jobs=1)
    second.start()
    assert second.unchanged("a/b/index.html", "k1") and not second.unchanged("a/b/index.html", "k2")
    second.write("index.html", b"changed")
    second.abort()
    assert _published(output) == {"index.html": b"one", "a/b/index.html": b"two"}

    third = OutputWriter(output, jobs=1)
    third.start()
    third.keep("a/b/index.html", key="k1")
    third.write("index.html", b"three")
    third.commit("inputs-3")
    # The page not written again is gone from nowhere, and nothing of the old site lingers.
    assert _published(output) == {"index.html": b"three", "a/b/index.html": b"two"}
    assert third.up_to_date("inputs-3") and not third.up_to_date("inputs-1")


@pytest.mark.parametrize("path", ["../outside.html", "/etc/passwd", "a/../../b.html"])
def test_the_writer_refuses_paths_outside_the_output(tmp_path: Path, path: str) -> None:
    writer = OutputWriter(tmp_path / "public", jobs=1)
    writer.start()
    try:
        with pytest.raises(SiteBuilderError, match="outside the output folder"):
            writer.write(path, b"x")
    finally:
        writer.abort()
    assert not (tmp_path / "outside.html").exists()


def test_the_writer_refuses_the_same_page_twice(tmp_path: Path) -> None:
    writer = OutputWriter(tmp_path / "public", jobs=1)
    writer.start()
    try:
        writer.write("a/index.html", b"x")
        with pytest.raises(SiteBuilderError):
            writer.write("a/./index.html", b"y")
    finally:
        writer.abort()


def test_a_page_key_follows_its_articles_and_nothing_else() -> None:
    from site_builder.archive.folders import load_library
    from site_builder.core.config import load_config

    library = load_library(load_config(DEMO_CONTENT))
    first, second = library.issues[0].articles[:2]
    keys = article_keys(library, {}, {})
    page = PageSpec(path="x/index.html", make=lambda: None, depends=lambda: ("article", first))
    always = PageSpec(path="y/index.html", make=lambda: None, depends=None)
    before = PageKeys("site", library, dict(keys), lambda path, key: False)
    # Another article's translation changes: this page keeps its key.
    other = article_keys(library, {id(second): ["a new translation"]}, {})
    assert PageKeys("site", library, other, lambda p, k: False).of(page) == before.of(page)
    # Its own article's translation changes, or anything site-wide: a new key.
    own = article_keys(library, {id(first): ["a new translation"]}, {})
    assert PageKeys("site", library, own, lambda p, k: False).of(page) != before.of(page)
    assert PageKeys("theme changed", library, dict(keys), lambda p, k: False).of(page) != before.of(page)
    assert before.of(always) is None  # made every time


def test_each_content_file_is_read_once_per_build(tmp_path: Path) -> None:
    content = copy_content(DEMO_CONTENT, tmp_path / "content")
    opened: Counter[str] = Counter()
    counting = [True]

    def count(event: str, args: tuple) -> None:
        if counting[0] and event == "open" and isinstance(args[0], str | bytes | os.PathLike):
            path = os.fsdecode(args[0])
            if path.startswith(str(content)) and os.path.isfile(path):
                opened[os.path.relpath(path, content)] += 1

    sys.addaudithook(count)  # an audit hook cannot be removed: this one stops counting after the build
    try:
        build(content, tmp_path / "public", search=False, jobs=1)
    finally:
        counting[0] = False
    counted = dict(opened)
    sources = [name for name in counted if name.startswith("issues/") and name.endswith((".txt", ".md"))]
    assert len(sources) == 5 and "site.toml" in counted
    assert {"pages/about.md", "pages/about.en.md"} <= counted.keys()
    assert any(name.endswith(".po") for name in counted) and any(name.endswith("issue.toml") for name in counted)
    read_again = {name: times for name, times in counted.items() if times > 1}
    assert read_again == {}


def _build_with(package_root: Path, content: Path, output: Path) -> None:
    code = ("import sys, site_builder; assert site_builder.__file__.startswith(sys.argv[1]), site_builder.__file__; "
            "from site_builder.build.pipeline import build; build(__import__('pathlib').Path(sys.argv[2]), "
            "__import__('pathlib').Path(sys.argv[3]), search=False, jobs=1)")
    environment = {**os.environ, "PYTHONPATH": str(package_root)}
    subprocess.run([sys.executable, "-c", code, str(package_root), str(content), str(output)],
                   check=True, env=environment, cwd=package_root)


def test_a_changed_byte_anywhere_in_the_package_makes_the_next_build_a_clean_build(tmp_path: Path) -> None:
    """The parse cache once kept author slugs made by an older slugs.py (a hand-kept list of the
    parser's modules lacked it): after a code change a rebuild must equal a clean build."""
    copy = tmp_path / "copy"
    shutil.copytree(ROOT / "site_builder", copy / "site_builder", ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copytree(ROOT / "themes", copy / "themes")
    content = copy_content(DEMO_CONTENT, tmp_path / "content")
    output = tmp_path / "public"
    _build_with(copy, content, output)
    slugs = copy / "site_builder" / "core" / "slugs.py"
    # Every slug now starts with "x": author pages move, which a stale parse would not show.
    slugs.write_text(slugs.read_text(encoding="utf-8").replace(
        'backend="text-unidecode")', 'backend="text-unidecode").join(("x", "")) if text else ""'),
        encoding="utf-8")
    _build_with(copy, content, output)
    _build_with(copy, copy_content(DEMO_CONTENT, tmp_path / "content2"), tmp_path / "clean")
    rebuilt, clean = tree(output), tree(tmp_path / "clean")
    rebuilt.pop(MANIFEST), clean.pop(MANIFEST)
    assert rebuilt == clean
    assert any("/authors/x" in path for path in rebuilt)
