"""`pcd serve` for real: a server process, HTTP requests, and Chromium seeing the page refresh."""

import http.client
import re
import signal
import subprocess
import sys
import time
import urllib.request

import pytest

from tests.conftest import ROOT, minimal_text, mutate, seed_text


class Server:
    def __init__(self, target, *args):
        self.proc = subprocess.Popen([sys.executable, "-m", "authoring", "serve", str(target),
                                      "--port", "0", *args], cwd=ROOT, stdout=subprocess.PIPE,
                                     stderr=subprocess.PIPE, text=True)
        line = self.proc.stdout.readline()
        if not line.startswith("pcd serve: http://127.0.0.1:"):
            self.proc.kill()  # never leave a server behind a failed test
            self.proc.wait(10)
            raise AssertionError(line + self.proc.stderr.read())
        self.url = line.split()[2]

    def get(self, path="/"):
        with urllib.request.urlopen(self.url.rstrip("/") + path, timeout=10) as r:
            return r.read().decode("utf-8")

    def wait_for(self, needle, path="/", timeout=10.0):
        end = time.monotonic() + timeout
        while time.monotonic() < end:
            page = self.get(path)
            if needle in page:
                return page
            time.sleep(0.05)
        raise AssertionError(f"{needle!r} never appeared")

    def stop(self):
        self.proc.send_signal(signal.SIGINT)
        try:
            _, err = self.proc.communicate(timeout=10)
        except subprocess.TimeoutExpired:
            self.proc.kill()  # a server that ignored Ctrl-C fails this test, never the next ones
            _, err = self.proc.communicate()
            raise AssertionError("pcd serve did not stop on Ctrl-C:\n" + err) from None
        return self.proc.returncode, err


@pytest.fixture
def spec(tmp_path):
    path = tmp_path / "1843.yaml"
    path.write_text(seed_text(), encoding="utf-8")
    return path


def test_serves_the_paper_and_follows_edits_and_errors(spec):
    server = Server(spec)
    try:
        page = server.get()
        assert "273,497" in page and 'new EventSource("/__pcd/events")' in page
        spec.write_text(mutate(seed_text(), "      amount: 273497", "      amount: 283497"), encoding="utf-8")
        server.wait_for("283,497")
        spec.write_text(seed_text()[:4000], encoding="utf-8")  # half-written: the save is not finished
        problems = server.wait_for("has problems")
        assert "1843.yaml:" in problems and "error[" in problems
        assert "283,497" in problems  # the last preview that built stays, under the problems
        spec.write_text(seed_text(), encoding="utf-8")
        server.wait_for("273,497")
        assert server.proc.poll() is None
    finally:
        code, err = server.stop()
    assert code == 0 and "Traceback" not in err and "pcd serve: stopped" in err


BROKEN_LINE_4 = "title: [GPS Acceptance of funds"  # line 4 of 1843: a list left open


def break_line_4(spec):
    lines = seed_text().split("\n")
    assert lines[3].startswith("title: ")
    lines[3] = BROKEN_LINE_4
    spec.write_text("\n".join(lines), encoding="utf-8")


def test_a_yaml_error_is_shown_at_its_line_with_the_line_itself(spec):
    server = Server(spec)
    try:
        break_line_4(spec)
        page = server.wait_for("has problems")
        # the `[` on line 4 is the mistake, though YAML notices it at the start of line 5
        assert f"{spec}:4:8</code>" in page and "error[PCD001]" in page
        assert f'<span class="lineno">4 | </span>{BROKEN_LINE_4}' in page
        assert page.index('class="pcd-problems"') < page.index("273,497")  # above the last preview
        spec.write_text(seed_text(), encoding="utf-8")
        end = time.monotonic() + 10
        while 'class="pcd-problems"' in server.get():  # the panel goes once the fix is saved
            assert time.monotonic() < end, "the fixed spec still shows problems"
            time.sleep(0.05)
    finally:
        code, err = server.stop()
    rebuilds = [line for line in err.splitlines() if " rebuilt in " in line]
    # one line each: the first build, the break, the fix (a save seen half-written adds one)
    assert 3 <= len(rebuilds) <= 5, err
    assert re.search(r"1843\.yaml rebuilt in \d+ ms: 0 errors, 0 warnings$", rebuilds[0])
    assert any(re.search(r"rebuilt in \d+ ms: 1 error, 0 warnings$", line) for line in rebuilds)
    assert rebuilds[-1].endswith(": 0 errors, 0 warnings")


def test_events_announce_each_new_version(spec):
    server = Server(spec)
    try:
        host, port = server.url.split("//")[1].rstrip("/").split(":")
        conn = http.client.HTTPConnection(host, int(port), timeout=10)
        conn.request("GET", "/__pcd/events")
        stream = conn.getresponse()
        assert stream.getheader("Content-Type") == "text/event-stream"
        first = stream.readline().decode()
        assert first.startswith("data: ")
        stream.readline()
        spec.write_text(mutate(seed_text(), "      amount: 273497", "      amount: 283497"), encoding="utf-8")
        second = stream.readline().decode()
        assert second.startswith("data: ") and second != first
        conn.close()
    finally:
        server.stop()


def test_part2_is_shown_only_when_asked(tmp_path):
    text = mutate(minimal_text(), "part2: {exists: false}", "part2:\n  exists: true\n"
                  "  summary: The confidential detail is UNIQUE-PART2-MARK.")
    path = tmp_path / "2001.yaml"
    path.write_text(text, encoding="utf-8")
    plain = Server(path)
    try:
        assert "UNIQUE-PART2-MARK" not in plain.get()
    finally:
        plain.stop()
    shown = Server(path, "--show-part2")
    try:
        page = shown.get()
        assert "UNIQUE-PART2-MARK" in page and "CONFIDENTIAL" in page
    finally:
        code, err = shown.stop()
    assert "do not share this preview" in err


def test_a_folder_serves_its_index_and_papers(tmp_path):
    (tmp_path / "1843.yaml").write_text(seed_text(), encoding="utf-8")
    (tmp_path / "broken.yaml").write_text("title: [\n", encoding="utf-8")
    server = Server(tmp_path)
    try:
        index = server.get()
        assert 'href="/pcd-1843.html"' in index and "broken.yaml</a>: 1 error(s)" in index
        assert "273,497" in server.get("/pcd-1843.html")
        assert "has problems" in server.get("/broken.html")
        with pytest.raises(urllib.error.HTTPError):
            server.get("/../../etc/passwd")
    finally:
        server.stop()


def test_binding_beyond_this_machine_is_said_plainly(spec):
    proc = subprocess.Popen([sys.executable, "-m", "authoring", "serve", str(spec), "--port", "0",
                             "--host", "0.0.0.0"], cwd=ROOT, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True)
    try:
        proc.stdout.readline()
        time.sleep(0.2)
    finally:
        proc.send_signal(signal.SIGINT)
        proc.wait(10)
    err = proc.stderr.read()
    proc.stdout.close()
    proc.stderr.close()
    assert "listening on 0.0.0.0, not only this machine" in err


@pytest.mark.browser
def test_chromium_sees_the_page_refresh_after_a_save(spec):
    from playwright.sync_api import sync_playwright

    from tests.render.tools import chromium

    server = Server(spec)
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=chromium(), headless=True, args=[
                "--disable-gpu", "--disable-background-networking", "--no-first-run"])
            page = browser.new_page()
            page.goto(server.url)
            assert "273,497" in page.content()
            page.wait_for_timeout(300)  # the event stream is open
            spec.write_text(mutate(seed_text(), "      amount: 273497", "      amount: 283497"),
                            encoding="utf-8")
            page.wait_for_function("document.body.innerText.includes('283,497')", timeout=10000)
            browser.close()
    finally:
        server.stop()


@pytest.mark.browser
def test_chromium_shows_the_problems_in_a_styled_panel_above_the_last_preview(spec):
    from playwright.sync_api import sync_playwright

    from tests.render.test_browser import TAGS
    from tests.render.tools import axe_js, chromium

    server = Server(spec)
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=chromium(), headless=True, args=[
                "--disable-gpu", "--disable-background-networking", "--no-first-run"])
            page = browser.new_page(viewport={"width": 1280, "height": 900})
            page.goto(server.url)
            page.wait_for_timeout(300)  # the event stream is open
            break_line_4(spec)
            panel = page.locator("section.pcd-problems")
            panel.wait_for(timeout=10000)
            text = panel.inner_text()
            assert f"{spec}:4:8" in text and "error[PCD001]" in text and BROKEN_LINE_4 in text
            assert "273,497" in page.locator("main").inner_text()  # the last preview, below it
            box, figure = panel.bounding_box(), page.get_by_text("273,497").first.bounding_box()
            assert box["y"] + box["height"] <= figure["y"]
            style = panel.evaluate("e => { const s = getComputedStyle(e); return [s.borderLeftColor, "
                                   "s.borderLeftWidth, s.fontFamily]; }")
            assert style == ["rgb(177, 14, 30)", "10px", 'Arial, "Liberation Sans", Helvetica, sans-serif']
            caret = page.locator("section.pcd-problems pre").inner_text().split("\n")[1]
            assert caret.index("^") == len("4 | ") + len("title: ")  # under the `[`
            page.add_script_tag(content=axe_js().read_text(encoding="utf-8"))
            result = page.evaluate("async (tags) => await axe.run(document, "
                                   "{runOnly: {type: 'tag', values: tags}})", TAGS)
            assert [v["id"] for v in result["violations"]] == []
            browser.close()
    finally:
        server.stop()


def test_ctrl_c_while_a_request_thread_starts_stops_the_server(monkeypatch):
    """The race CI met under load: Ctrl-C lands while Thread.start waits for a thread that has
    already run. The interrupt must reach serve() and the slot be freed once, not twice."""
    import socket
    import socketserver
    from http.server import BaseHTTPRequestHandler

    from authoring.commands.serve import MAX_CONNECTIONS, PreviewServer

    start = socketserver.ThreadingMixIn.process_request

    def started_then_interrupted(self, request, client_address):
        start(self, request, client_address)
        end = time.monotonic() + 5
        while self.slots._value < MAX_CONNECTIONS and time.monotonic() < end:
            time.sleep(0.01)  # the thread has run and freed its slot
        raise KeyboardInterrupt

    monkeypatch.setattr(socketserver.ThreadingMixIn, "process_request", started_then_interrupted)
    server = PreviewServer(("127.0.0.1", 0), BaseHTTPRequestHandler)
    ours, theirs = socket.socketpair()
    try:
        ours.close()  # the handler reads end of file and returns at once
        with pytest.raises(KeyboardInterrupt):
            server.process_request(theirs, ("127.0.0.1", 1))
        assert server.slots._value == MAX_CONNECTIONS
    finally:
        server.server_close()
