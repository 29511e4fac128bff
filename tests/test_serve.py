"""`serve`: an edit shows up without a restart; a broken edit is reported and the server stays up."""
from __future__ import annotations

import re
import threading
import time
import urllib.error
import urllib.request

import pytest

from site_builder.tools.serve import RELOAD_PATH, classify, serve

from .siteutil import FIXTURE_SITE, copy_content


def fetch(url: str) -> tuple[int, str]:
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return response.status, response.read().decode("utf-8")
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode("utf-8")


def wait_for(predicate, seconds: float = 60.0) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(0.1)
    return False


@pytest.fixture
def server(tmp_path):
    content = copy_content(FIXTURE_SITE, tmp_path / "content")
    stop = threading.Event()
    ready: list[str] = []
    log: list[str] = []
    thread = threading.Thread(
        target=serve, args=(content, tmp_path / "out", 0, log.append),
        kwargs={"stop": stop, "ready": ready.append}, daemon=True)
    thread.start()
    assert wait_for(lambda: bool(ready)), log
    yield content, ready[0], log
    stop.set()
    thread.join(timeout=10)


def test_edit_is_served_without_restart_and_errors_keep_the_server_up(server):
    content, base, log = server
    status, page = fetch(base + "2024/03/01/")
    assert status == 200 and "包头交警开展春运护航" in page
    assert re.search(r'<script src="/__livereload.js\?since=\d+"></script>', page)  # the live-reload hook, added to served pages
    assert "location.reload" in fetch(base + "__livereload.js")[1]
    other_issue = content.parent / "out" / "2024/03/08/index.html"
    other_inode = other_issue.stat().st_ino
    source = content / "issues/2024-03-01/source.txt"
    source.write_text(source.read_text(encoding="utf-8").replace("包头交警开展春运护航", "包头交警开展春运护航行动"),
                      encoding="utf-8")
    assert wait_for(lambda: "包头交警开展春运护航行动" in fetch(base + "2024/03/01/")[1]), log
    # The site is swapped in a moment before the rebuild is logged.
    assert wait_for(lambda: any("rebuilt (issue 2024-03-01)" in line for line in log)), log
    # Only what the change touches is rendered again: the issue's pages and the listings showing
    # them, not the other issue's pages (the fixture site is small: that is most of it).
    rebuilt = next(line for line in log if "rebuilt (issue 2024-03-01)" in line)
    rendered, total = map(int, re.search(r"(\d+) of (\d+) files rendered", rebuilt).groups())
    assert 0 < rendered < total, rebuilt
    assert other_issue.stat().st_ino == other_inode  # the other issue's page was linked, not written
    # A broken edit: the error is shown in the browser and the terminal; the server stays up.
    config = content / "site.toml"
    good = config.read_text(encoding="utf-8")
    config.write_text(good + "\n[languages.en\n", encoding="utf-8")
    assert wait_for(lambda: fetch(base + "2024/03/01/")[0] == 500), log
    status, page = fetch(base + "2024/03/01/")
    assert "The last rebuild failed" in page and "site.toml" in page and "invalid TOML" in page
    assert wait_for(lambda: any("rebuild failed (config)" in line for line in log)), "\n".join(line[:150] for line in log)
    config.write_text(good, encoding="utf-8")
    assert wait_for(lambda: fetch(base + "2024/03/01/")[0] == 200), log
    # The config as it was: the site served is right, and the log says so (not "0 articles").
    assert wait_for(lambda: any("nothing changed since the site served" in line for line in log)), log
    assert not any(" 0 articles" in line for line in log), log
    # A broken issue publishes nothing either: the browser names the file, not a site without it.
    text = source.read_text(encoding="utf-8")
    source.write_bytes(b"")
    assert wait_for(lambda: fetch(base + "2024/03/01/")[0] == 500), log
    page = fetch(base + "2024/03/01/")[1]
    assert "The last rebuild failed" in page and "source.txt" in page and "the file is empty" in page
    source.write_text(text, encoding="utf-8")
    assert wait_for(lambda: fetch(base + "2024/03/01/")[0] == 200), log


def test_reload_event_fires_after_a_rebuild(server):
    content, base, log = server
    received: list[str] = []

    def listen() -> None:
        with urllib.request.urlopen(base + RELOAD_PATH.lstrip("/"), timeout=20) as response:
            received.append(response.readline().decode())

    listener = threading.Thread(target=listen, daemon=True)
    listener.start()
    time.sleep(0.3)
    (content / "issues/2024-03-08/source.md").write_text(
        (content / "issues/2024-03-08/source.md").read_text(encoding="utf-8") + "\n", encoding="utf-8")
    listener.join(timeout=20)
    assert received == ["data: reload\n"]


def test_changes_are_sorted_by_kind(tmp_path):
    content = tmp_path / "content"
    theme = tmp_path / "theme"
    changed = [content / "site.toml", content / "issues/2024-03-01/source.txt", theme / "templates/base.html",
               content / "translations/en/2024-03-01/x.po"]
    assert classify(changed, content, [theme]) == ["config", "issue 2024-03-01", "theme", "translations"]


def test_serve_never_forks_beside_its_threads(tmp_path, monkeypatch):
    """A fork while the HTTP threads run can deadlock the child (and Python 3.12+ warns): every
    build the server runs stays in its process, however many pages it has."""
    from site_builder.build import shares

    monkeypatch.setattr(shares, "MIN_PAGES", 0)  # any site is large enough to fork for
    forked: list[str] = []
    real = shares.Helper.__init__

    def counting(self, work, share):
        forked.append(threading.current_thread().name)
        real(self, work, share)

    monkeypatch.setattr(shares.Helper, "__init__", counting)
    content = copy_content(FIXTURE_SITE, tmp_path / "content")
    stop = threading.Event()
    ready: list[str] = []
    thread = threading.Thread(target=serve, args=(content, tmp_path / "out", 0, lambda _: None),
                              kwargs={"stop": stop, "ready": ready.append}, daemon=True)
    thread.start()
    assert wait_for(lambda: bool(ready))
    source = content / "issues/2024-03-01/source.txt"
    source.write_text(source.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    time.sleep(2)  # a rebuild with the server's threads running
    stop.set()
    thread.join(timeout=10)
    assert forked == []
    # The same site built outside the server does fork (the test would prove nothing otherwise).
    from site_builder.build.pipeline import build

    build(content, tmp_path / "plain", search=False)
    assert forked


def request(url: str, host: str | None = None) -> tuple[int, bytes, str]:
    """(status, the first bytes of the body, content type), with an optional Host header."""
    req = urllib.request.Request(url, headers={"Host": host} if host else {})
    try:
        with urllib.request.urlopen(req, timeout=5) as response:
            return response.status, response.read(200), response.headers.get("Content-Type", "")
    except urllib.error.HTTPError as error:
        return error.code, error.read(200), error.headers.get("Content-Type", "")


def test_only_the_previews_own_host_is_answered(server):
    """A page on another site can reach 127.0.0.1 by a name it controls (DNS rebinding): such a
    request carries that name as its Host and is refused."""
    _, base, _ = server
    port = base.rsplit(":", 1)[1].strip("/")
    assert request(base + "2024/03/01/")[0] == 200
    assert request(base + "2024/03/01/", host=f"localhost:{port}")[0] == 200
    status, body, _ = request(base + "2024/03/01/", host=f"attacker.example:{port}")
    assert status == 403 and b"not allowed" in body
    assert request(base + "__livereload.js", host="attacker.example")[0] == 403


def test_the_reload_stream_answers_at_its_one_path(server):
    _, base, _ = server
    assert request(base + "__livereload/anything")[0] == 404
    assert request(base + "__livereload.jsx")[0] == 404


def test_a_rebuild_failing_with_a_system_error_keeps_the_server_up(server, monkeypatch):
    content, base, log = server
    from site_builder.build import writer

    real = writer.OutputWriter.start

    def no_permission(self):
        raise PermissionError(13, "Permission denied", str(self.output))

    monkeypatch.setattr(writer.OutputWriter, "start", no_permission)
    source = content / "issues/2024-03-01/source.txt"
    source.write_text(source.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    assert wait_for(lambda: fetch(base + "2024/03/01/")[0] == 500), log
    status, page = fetch(base + "2024/03/01/")
    assert "permission denied" in page and "check the permissions" in page
    monkeypatch.setattr(writer.OutputWriter, "start", real)
    source.write_text(source.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    assert wait_for(lambda: fetch(base + "2024/03/01/")[0] == 200), log


def test_a_taken_port_moves_to_the_next_and_the_temporary_folder_goes_on_exit(tmp_path):
    import signal
    import socket
    import subprocess
    import sys

    from .conftest import ROOT

    content = copy_content(FIXTURE_SITE, tmp_path / "content")
    taken = socket.socket()
    taken.bind(("127.0.0.1", 0))
    taken.listen()
    port = taken.getsockname()[1]
    temporary = tmp_path / "tmp"
    temporary.mkdir()
    process = subprocess.Popen([sys.executable, str(ROOT / "build.py"), "serve", "--content", str(content),
                                "--port", str(port)], stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
                               env={**__import__("os").environ, "TMPDIR": str(temporary)})
    lines: list[str] = []
    try:
        for line in process.stdout:
            lines.append(line)
            if line.startswith("serving "):
                break
        assert f"port {port} is in use" in "".join(lines), lines
        address = lines[-1].split()[1]
        assert not address.endswith(f":{port}/")
        assert fetch(address + "2024/03/01/")[0] == 200
        assert [p.name.startswith("site-builder-serve-") for p in temporary.iterdir()] == [True]
    finally:
        process.send_signal(signal.SIGTERM)
        process.wait(timeout=20)
        taken.close()
    assert list(temporary.iterdir()) == []


def _serving(tmp_path, **options):
    content = copy_content(FIXTURE_SITE, tmp_path / "content")
    stop = threading.Event()
    ready: list[str] = []
    log: list[str] = []
    thread = threading.Thread(target=serve, args=(content, tmp_path / "out", 0, log.append),
                              kwargs={"stop": stop, "ready": ready.append, **options}, daemon=True)
    thread.start()
    assert wait_for(lambda: bool(ready)), log
    return stop, thread, ready[0], log


@pytest.mark.parametrize("search", [False, True])
def test_the_preview_indexes_for_search_only_when_asked(tmp_path, search):
    stop, thread, base, log = _serving(tmp_path, search=search)
    try:
        assert fetch(base + "2024/03/01/")[0] == 200
        assert (tmp_path / "out/pagefind").is_dir() is search, log
    finally:
        stop.set()
        thread.join(timeout=10)


def test_bound_to_every_interface_the_preview_answers_an_address_but_not_a_name(tmp_path):
    stop, thread, base, log = _serving(tmp_path, host="0.0.0.0")
    port = base.rsplit(":", 1)[1].strip("/")
    try:
        def status(host: str) -> int:
            request = urllib.request.Request(base, headers={"Host": host})
            try:
                with urllib.request.urlopen(request, timeout=20) as response:
                    return response.status
            except urllib.error.HTTPError as error:
                return error.code

        assert status(f"192.168.1.5:{port}") == 200  # a phone on the same network
        assert status(f"attacker.example:{port}") == 403  # DNS rebinding
    finally:
        stop.set()
        thread.join(timeout=10)


def test_every_answer_tells_the_browser_not_to_keep_it(server):
    """After an edit the reload shows it: pages, style sheets and scripts alike are never cached."""
    _, base, _ = server
    for path in ("", "2024/03/01/", "static/style.css", "__livereload.js", "no-such-page/"):
        request = urllib.request.Request(base + path)
        try:
            with urllib.request.urlopen(request, timeout=10) as response:
                headers = response.headers
        except urllib.error.HTTPError as error:
            headers = error.headers
        assert headers.get_all("Cache-Control") == ["no-store"], path


def test_the_site_already_built_is_served_while_the_first_build_runs(tmp_path, monkeypatch):
    """A restarted preview answers at once from the output folder's site, then reloads into the new build."""
    from site_builder.build import pause as pause_module
    from site_builder.build.pipeline import build

    content = copy_content(FIXTURE_SITE, tmp_path / "content")
    output = tmp_path / "out"
    build(content, output, "/", jobs=1, search=False)
    site_toml = content / "site.toml"
    site_toml.write_text(site_toml.read_text(encoding="utf-8") + "\n# edited while the preview was off\n", encoding="utf-8")
    monkeypatch.setenv("SITE_BUILDER_PAUSE_AT", "read")
    monkeypatch.setattr(pause_module, "WAIT", 5.0)
    stop = threading.Event()
    ready: list[str] = []
    log: list[str] = []
    thread = threading.Thread(target=serve, args=(content, output, 0, log.append),
                              kwargs={"stop": stop, "ready": ready.append}, daemon=True)
    thread.start()
    try:
        assert wait_for(lambda: (tmp_path / "out.paused-read").exists()), log
        address = re.search(r"serving (\S+)", "\n".join(log)).group(1)
        started = time.perf_counter()
        status, page = fetch(address)
        assert status == 200 and "</html>" in page
        assert not ready  # answered while the first build is held at its read phase
        assert time.perf_counter() - started < 5.0
        assert wait_for(lambda: bool(ready)), log
    finally:
        stop.set()
        thread.join(timeout=10)


def test_a_page_served_before_a_rebuild_reloads_however_late_its_stream_connects(server):
    content, base, log = server
    status, page = fetch(base)
    since = re.search(r'__livereload\.js\?since=(\d+)"', page).group(1)
    source = content / "issues/2024-03-08/source.md"
    source.write_text(source.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    assert wait_for(lambda: sum("rebuilt" in line for line in log) >= 2), log
    # The stream connects only now, after the rebuild published: it still tells the page to reload.
    with urllib.request.urlopen(f"{base}{RELOAD_PATH.lstrip('/')}?since={since}", timeout=5) as response:
        assert response.readline().decode() == "data: reload\n"
