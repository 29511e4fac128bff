"""`serve`: build, serve on 127.0.0.1, rebuild on every change, reload the open page.

Changes are sorted by kind (an issue, translations, the theme, the
configuration) and reported.  Each rebuild is the incremental build: it
renders only the pages whose render key changed (a changed issue: its pages
and the listings that show it; a theme or configuration change: every page)
and swaps the finished site in, so the server always serves a complete site.  A failed rebuild is shown in
the terminal and, in place of every page, in the browser; the server keeps
running and the next good edit brings the site back.  The reload script is
added by the server to the pages it sends, never written into the site.
"""
from __future__ import annotations

import errno
import html
import threading
import time
import traceback
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from http import HTTPStatus
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

from watchfiles import watch

from site_builder.build.manifest import MANIFEST
from site_builder.build.pipeline import build
from site_builder.core.config import load_config
from site_builder.core.errors import SiteBuilderError, os_failure
from site_builder.site.theme import theme_dirs

RELOAD_PATH = "/__livereload"
# An external script: the theme's Content-Security-Policy allows no inline script.
RELOAD_JS_PATH = "/__livereload.js"
# The script's own query names the site generation the page was served from: a page served
# just before a rebuild published still reloads, however late its stream connects.
RELOAD_JS = (b'new EventSource("' + RELOAD_PATH.encode() + b'" + new URL(document.currentScript.src).search)'
             b'.onmessage = function () { location.reload(); };\n')
RELOAD_SCRIPT = f'<script src="{RELOAD_JS_PATH}?since={{generation}}"></script>'
CONFIG_FILES = {"site.toml", "tags.toml", "places.toml", "authors.toml", "permalinks.toml"}
HOST = "127.0.0.1"
# When the port asked for is taken, the next ones are tried, as `hugo server` does.
PORT_TRIES = 20
# How long a request made during the first build waits for it (a large archive's first build).
FIRST_BUILD_WAIT = 600.0


def classify(changed: Iterable[Path], content: Path, themes: list[Path]) -> list[str]:
    """What a set of changed files touches: 'config', 'theme', 'translations', 'issue <date>'."""
    kinds: set[str] = set()
    for path in changed:
        if path.name.startswith(".") and path.name.endswith(".tmp"):
            continue  # a file being replaced (core/files.write_atomic): its rename is the change
        path = path.resolve()
        if any(theme.resolve() in path.parents for theme in themes):
            kinds.add("theme")
            continue
        try:
            parts = path.relative_to(content.resolve()).parts
        except ValueError:
            continue
        if len(parts) == 1 and parts[0] in CONFIG_FILES:
            kinds.add("config")
        elif parts[:1] == ("issues",) and len(parts) > 1:
            kinds.add(f"issue {parts[1]}")
        elif parts[:1] == ("translations",):
            kinds.add("translations")
        else:
            kinds.add("other")
    return sorted(kinds)


@dataclass
class SiteState:
    """What the server shows: the output folder, or the last build error; and a generation to wait on."""

    output: Path
    error: str = ""
    generation: int = 0
    # A site the output folder already holds (the last preview's or build's): served while the
    # first build runs, and replaced, with a reload, when that build publishes.
    shown: bool = False

    def __post_init__(self) -> None:
        self.changed = threading.Condition()

    def publish(self, error: str = "") -> None:
        with self.changed:
            self.error = error
            self.generation += 1
            self.shown = True
            self.changed.notify_all()

    def wait_shown(self, timeout: float) -> None:
        """Until there is something to show: a request made before the first build
        publishes (with no earlier site in the output folder) waits for it."""
        with self.changed:
            self.changed.wait_for(lambda: self.shown, timeout=timeout)

    def wait(self, seen: int, timeout: float) -> int:
        with self.changed:
            self.changed.wait_for(lambda: self.generation != seen, timeout=timeout)
            return self.generation


def allowed_hosts(port: int, host: str = HOST) -> frozenset[str]:
    """The Host headers the preview answers: its own address.  Any other name pointing at
    127.0.0.1 is a web page reaching the preview through DNS rebinding (Vite and
    webpack-dev-server refuse them too)."""
    return frozenset(f"{name}:{port}" for name in (host, HOST, "localhost", "[::1]"))


def _ip_literal(host_header: str) -> bool:
    """Host: 192.168.1.5:8000 names no DNS name, so it cannot come from DNS rebinding."""
    import ipaddress

    name = host_header.rsplit(":", 1)[0].strip("[]")
    try:
        ipaddress.ip_address(name)
    except ValueError:
        return False
    return True


def handler_for(state: SiteState, hosts: frozenset[str] = frozenset(),
                any_address: bool = False) -> type[SimpleHTTPRequestHandler]:
    """any_address: bound to every interface (--bind 0.0.0.0): any IP address is the preview's own."""
    class Handler(SimpleHTTPRequestHandler):
        def __init__(self, *args, **kwargs) -> None:
            super().__init__(*args, directory=str(state.output), **kwargs)

        def log_message(self, format: str, *args) -> None:  # noqa: A002 - the stdlib's name
            pass

        def end_headers(self) -> None:
            # Every answer, style sheets and scripts too: a reload after an edit shows the edit,
            # never what the browser kept from before.
            self.send_header("Cache-Control", "no-store")
            super().end_headers()

        def do_HEAD(self) -> None:  # noqa: N802 - the stdlib's name
            if self.host_allowed():
                super().do_HEAD()

        def host_allowed(self) -> bool:
            asked = (self.headers.get("Host") or "").lower()
            if not hosts or asked in hosts or (any_address and _ip_literal(asked)):
                return True
            body = b"This host is not allowed: open the address the preview printed.\n"
            self.send_response(HTTPStatus.FORBIDDEN)
            self.send_header("Content-Type", "text/plain; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)
            return False

        def do_GET(self) -> None:  # noqa: N802 - the stdlib's name
            if not self.host_allowed():
                return
            path = urlsplit(self.path).path
            if path == RELOAD_JS_PATH:
                self.send_response(HTTPStatus.OK)
                self.send_header("Content-Type", "text/javascript; charset=utf-8")
                self.send_header("Content-Length", str(len(RELOAD_JS)))
                self.end_headers()
                self.wfile.write(RELOAD_JS)
                return
            if path == RELOAD_PATH:
                self.events()
                return
            state.wait_shown(FIRST_BUILD_WAIT)
            self.served = state.generation  # before the file is read: a rebuild meanwhile still reloads it
            if state.error:
                self.send_page(HTTPStatus.INTERNAL_SERVER_ERROR, error_page(state.error))
                return
            path = Path(self.translate_path(self.path))
            if path.is_dir():
                path = path / "index.html"
            if path.suffix == ".html" and path.is_file():
                self.send_page(HTTPStatus.OK, path.read_text(encoding="utf-8"))
                return
            if not path.exists():
                missing = state.output / "404.html"
                if missing.is_file():
                    self.send_page(HTTPStatus.NOT_FOUND, missing.read_text(encoding="utf-8"))
                    return
            super().do_GET()

        def send_page(self, status: HTTPStatus, page: str) -> None:
            body = inject(page, getattr(self, "served", state.generation)).encode("utf-8")
            self.send_response(status)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def events(self) -> None:
            self.send_response(HTTPStatus.OK)
            self.send_header("Content-Type", "text/event-stream")
            self.end_headers()
            since = parse_qs(urlsplit(self.path).query).get("since", [""])[0]
            seen = int(since) if since.isdigit() else state.generation
            try:
                while True:
                    now = state.wait(seen, timeout=15)
                    if now != seen:
                        self.wfile.write(b"data: reload\n\n")
                        self.wfile.flush()
                        return
                    self.wfile.write(b": keep-alive\n\n")
                    self.wfile.flush()
            except (BrokenPipeError, ConnectionResetError):
                return

    return Handler


def inject(page: str, generation: int = 0) -> str:
    script = RELOAD_SCRIPT.format(generation=generation)
    marker = page.rfind("</body>")
    if marker < 0:
        return page + script
    return page[:marker] + script + page[marker:]


def error_page(message: str) -> str:
    return (
        '<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Build error</title></head>'
        '<body style="font-family: system-ui, sans-serif; margin: 2rem"><main><h1>The last rebuild failed</h1>'
        f'<pre style="white-space: pre-wrap">{html.escape(message)}</pre>'
        "<p>Fix the source and save: this page reloads by itself.</p></main></body></html>"
    )


def rebuild(content: Path, output: Path, base_url: str | None, state: SiteState, echo: Callable[[str], None],
            reason: str, theme_folder: Path | None = None, search: bool = False) -> None:
    started = time.perf_counter()
    try:
        # jobs=1: no fork beside the server's threads.  Search is off unless asked for: indexing
        # took 4.4 of a template edit's 4.9 s, and a preview is for reading what changed.
        report = build(content, output, base_url, jobs=1, theme_folder=theme_folder, search=search)
    except Exception as error:
        # Whatever failed, the server stays up, showing the error until the next good edit.
        if isinstance(error, SiteBuilderError):
            message = str(error)
        elif isinstance(error, OSError):
            message = str(os_failure(error))
        else:
            message = "".join(traceback.format_exception_only(error)).strip()
        echo(f"rebuild failed ({reason}):\n{message}")
        state.publish(message)
        return
    if not report.published:
        # A broken issue publishes nothing: the browser shows what to fix, not a site missing it.
        message = "\n\n".join(error.format(show_source=True) for error in report.errors)
        echo(f"rebuild failed ({reason}):\n{message}")
        state.publish(message)
        return
    for warning in report.warnings:
        if warning.severity.value != "info":
            echo(warning.format())
    if report.up_to_date:
        # After a failed rebuild is undone (a config fixed back), the site served is already right.
        echo(f"rebuilt ({reason}) in {time.perf_counter() - started:.2f}s: nothing changed since the site served")
    else:
        echo(f"rebuilt ({reason}) in {time.perf_counter() - started:.2f}s: {report.articles} articles, "
             f"{report.rendered} of {report.files} files rendered, {report.rewritten} written")
    state.publish()


def bind(port: int, handler: type[SimpleHTTPRequestHandler], host: str = HOST) -> ThreadingHTTPServer:
    """A server on `port`, or on the next free one when it is taken (port 0: any free port)."""
    tries = 1 if port == 0 else PORT_TRIES
    for candidate in range(port, min(port + tries, 65536)):
        try:
            return ThreadingHTTPServer((host, candidate), handler)
        except OSError as error:
            if error.errno != errno.EADDRINUSE or candidate + 1 >= min(port + tries, 65536):
                raise SiteBuilderError(f"cannot serve on port {candidate}: {error.strerror}",
                                       hint="choose another --port") from None
    raise AssertionError("unreachable")


def serve(content: Path, output: Path, port: int, echo: Callable[[str], None], base_url: str | None = None,
          stop: threading.Event | None = None, ready: Callable[[str], None] | None = None,
          theme_folder: Path | None = None, search: bool = False, host: str = HOST) -> None:
    """Build, serve and watch until interrupted (or until `stop` is set, for tests).

    The port is taken before the first build (a busy port is known at once, and the next
    one taken); the Host header of every request must be the preview's own address."""
    base_url = base_url if base_url is not None else "/"
    output.parent.mkdir(parents=True, exist_ok=True)
    state = SiteState(output, shown=(output / MANIFEST).is_file())
    hosts: set[str] = set()
    any_address = host in ("0.0.0.0", "::")
    server = bind(port, handler_for(state, hosts, any_address), host)  # type: ignore[arg-type]
    bound = server.server_address[1]
    hosts.update(allowed_hosts(bound, host))
    if port and bound != port:
        echo(f"port {port} is in use: serving on {bound}")
    thread = None
    try:
        # Answering from the start: the site the output folder holds is served while the
        # first build runs (a page asked for before any site exists waits for the build).
        server.daemon_threads = True
        address = f"http://{HOST if any_address else host}:{bound}/"
        thread = threading.Thread(target=server.serve_forever, daemon=True)
        thread.start()
        echo(f"serving {address} (Ctrl+C to stop)")
        rebuild(content, output, base_url, state, echo, "start", theme_folder, search)
        if ready:
            ready(address)
        watch_and_rebuild(content, output, base_url, state, echo, stop, theme_folder, search)
    finally:
        if thread is not None:
            server.shutdown()  # waits for serve_forever: only when it was started
        server.server_close()


def watch_and_rebuild(content: Path, output: Path, base_url: str, state: SiteState, echo: Callable[[str], None],
                      stop: threading.Event | None, theme_folder: Path | None, search: bool = False) -> None:
    """Rebuild on every change of the archive or its themes; the themes are looked up again after a
    configuration change (a start with a broken site.toml still watches the theme it comes to name)."""
    while True:
        try:
            themes = theme_dirs(load_config(content, theme_folder=theme_folder))
        except (SiteBuilderError, OSError):
            themes = []
        watched = [str(content)] + [str(t) for t in themes if t.exists() and not t.is_relative_to(content)]
        reread = False
        for changes in watch(*watched, stop_event=stop, debounce=200, step=50, rust_timeout=500,
                             raise_interrupt=False):
            paths = [Path(p) for _, p in changes]
            kinds = classify(paths, content, themes)
            rebuild(content, output, base_url, state, echo, ", ".join(kinds) or "change", theme_folder, search)
            if "config" in kinds:
                reread = True
                break
        if not reread:
            return
