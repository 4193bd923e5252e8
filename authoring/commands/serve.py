"""`pcd serve`: the paper (or a folder's site) in the browser, refreshed on every save.

Standard library only (http.server): a preview for one officer on their own machine needs no
framework. A watcher thread looks at the specs every 20 ms, re-renders the ones that changed and
tells open pages over Server-Sent Events. While a spec has problems its page keeps the last
preview that built, under a panel listing each problem with its source line.

The server answers only requests addressed to it (a page on another site that rebinds its own
name to 127.0.0.1 is refused), reads only regular files and never more than a spec may hold, and
holds a bounded number of connections, each with a deadline for its request.
"""

from __future__ import annotations

import hashlib
import html
import io
import ipaddress
import os
import re
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import NamedTuple
from urllib.parse import urlsplit

from authoring.diagnostics import Diagnostic, format_path, visible
from authoring.spec import read_spec

POLL = 0.02  # seconds between looks at the files
SETTLED = 2_000_000_000  # ns: a file changed more recently than this is read again, whatever its stat says
LOOPBACK = ("127.0.0.1", "localhost", "::1")
MAX_CONNECTIONS = 32  # each open page holds one (its event stream); far more than one officer needs
REQUEST_DEADLINE = 5.0  # seconds to send a whole request, however slowly it trickles in
IDLE = 10.0  # seconds a write may wait on a client that does not read
HOST_TEXT = re.compile(r"[A-Za-z0-9.\-]+(:[0-9]{1,5})?|\[[0-9A-Fa-f:.]+\](:[0-9]{1,5})?")
# Only served pages carry this; what `pcd build` and `pcd site` write never does.
RELOAD = ('<script>new EventSource("/__pcd/events").onmessage = function (e) '
          '{ if (e.data !== document.documentElement.dataset.pcdVersion) location.reload(); };</script>')
PANEL_CSS = """<style>
.pcd-problems { max-width: 46rem; margin: 1rem auto; padding: 0.75rem 1rem; background: #fff;
  color: #0b0c0c; border: 2px solid #b10e1e; border-left-width: 10px;
  font-family: Arial, "Liberation Sans", Helvetica, sans-serif; line-height: 1.4; }
.pcd-problems h1, .pcd-problems h2 { font-size: 1.25rem; margin: 0 0 0.5rem; border: 0; padding: 0; }
.pcd-problems ol { margin: 0; padding-left: 1.5rem; }
.pcd-problems li { margin: 0.75rem 0; }
.pcd-problems p { margin: 0 0 0.25rem; }
.pcd-problems .error { color: #b10e1e; }
.pcd-problems .warning { color: #594d00; }
.pcd-problems pre { margin: 0; padding: 0.4rem 0.6rem; background: #f3f2f1; overflow-x: auto;
  font-size: 0.9rem; }
.pcd-problems .lineno { color: #484949; user-select: none; }
</style>
"""


def read_bounded(path: Path) -> bytes | str:
    """A spec's bytes, never more than one past what a spec may hold; or why it is not read (a
    FIFO or a device, such as a link to /dev/zero named x.yaml, is looked at, never opened)."""
    try:
        return read_spec(path)
    except OSError as exc:
        return f"cannot read the file: {exc.strerror or exc}"


class Shown(NamedTuple):
    """One spec as the preview shows it now."""

    data: bytes | str  # what was read, or why nothing was
    name: str  # where it is served
    good: str  # the last page that built ("" until one has)
    label: str  # its line in a folder's index
    problems: list[Diagnostic]
    text: str  # the spec as read, for the problems' source lines


class Preview:
    """What is being previewed, rendered once per version of its files."""

    def __init__(self, target: Path, style_dirs: tuple[str, ...], show_part2: bool) -> None:
        self.target, self.style_dirs, self.show_part2 = target, style_dirs, show_part2
        self.folder = target.is_dir()
        self.lock = threading.Condition()
        self.version = ""
        self.pages: dict[str, bytes] = {}
        self.shown: dict[Path, Shown] = {}
        self.known: dict[Path, tuple[tuple, bytes]] = {}  # file -> (its stat, its bytes)

    def specs(self) -> list[Path]:
        return sorted(self.target.glob("*.yaml")) if self.folder else [self.target]

    def look(self, path: Path) -> bytes | str:
        """The file's bytes, read again only when its stat changed or it changed very lately."""
        try:
            info = os.stat(path)
        except OSError:
            return read_bounded(path)  # says why
        state = (info.st_mode, info.st_ino, info.st_size, info.st_mtime_ns, info.st_ctime_ns)
        known = self.known.get(path)
        if known and known[0] == state and time.time_ns() - info.st_ctime_ns > SETTLED:
            return known[1]
        data = read_bounded(path)
        if isinstance(data, bytes):
            self.known[path] = (state, data)
        return data

    def refresh(self) -> bool:
        """Re-render the specs that changed; True when any did."""
        files = {path: self.look(path) for path in self.specs()}
        digest = hashlib.sha256()
        for path, data in files.items():
            digest.update(str(path).encode() + b"\0" + (data if isinstance(data, bytes)
                                                        else b"\0" + data.encode()) + b"\0")
        version = digest.hexdigest()[:16]
        if version == self.version:
            return False
        start = time.perf_counter()
        changed = [path for path, data in files.items()
                   if path not in self.shown or self.shown[path].data != data]
        shown = {path: self.shown[path] for path in files if path not in changed}
        try:
            for path in changed:
                shown[path] = self.render(path, files[path], self.shown.get(path))
            pages = self.assemble(shown, version)
        except Exception:
            self.version = version  # a bug in pcd: said once (by the watcher), not every 20 ms
            raise
        with self.lock:
            self.version, self.pages, self.shown = version, pages, shown
            self.lock.notify_all()
        self.known = {path: self.known[path] for path in files if path in self.known}
        print(rebuilt_line(changed, shown, time.perf_counter() - start), file=sys.stderr, flush=True)
        return True

    def render(self, path: Path, data: bytes | str, before: Shown | None) -> Shown:
        """One spec's page: the paper when it builds, else the last that did, and its problems."""
        from authoring.commands.site import page_name
        from authoring.diagnostics import StyleError
        from authoring.pipeline import process

        name, good, label = (before.name, before.good, before.label) if before else (
            "/" if not self.folder else f"/{path.stem}.html", "", path.name)
        if isinstance(data, str):
            return Shown(data, name, good, label, [Diagnostic("PCD005", data, (), "error", str(path))], "")
        text = data.decode("utf-8", "replace")
        outcome = process(path, self.style_dirs, data=data)
        problems = outcome.findings
        paper = outcome.paper
        if outcome.ok and paper is not None:
            try:
                good = self.paper_page(paper)
            except StyleError as exc:  # a template the sandbox refuses: the style's problems
                return Shown(data, name, good, label, problems + exc.diagnostics, text)
            except Exception as exc:  # a bug in pcd must not stop the preview: show it
                bug = Diagnostic("PCD062", f"internal error while rendering: {type(exc).__name__}: "
                                 f"{exc}", (), "error", str(path))
                return Shown(data, name, good, label, [*problems, bug], text)
            stem = paper.stem or paper.number
            name = "/" if not self.folder else "/" + page_name(paper.style["code"], stem)
            label = f"{paper.reference}: {paper.title}"
        return Shown(data, name, good, label, problems, text)

    def assemble(self, shown: dict[Path, Shown], version: str) -> dict[str, bytes]:
        pages = {}
        for path, one in shown.items():
            page = one.good
            if one.problems:
                panel = problems_panel(path, one.problems, one.text, self.show_part2, bool(page))
                page = with_panel(page, panel) if page else document(f"Problems in {path.name}", panel)
            pages[one.name] = stamp(page, version)
        if self.folder:
            pages["/"] = stamp(self.index_page(shown), version)
        return pages

    def paper_page(self, paper) -> str:
        from authoring.render.html import paper_page, spans_html

        home = "/" if self.folder else ""
        page = paper_page(paper, home=home)
        pub = paper.publication
        if self.show_part2 and pub.part2:
            from authoring.format import money

            rows = "".join(f"<li>{html.escape(label)}: {html.escape(money(amount))}</li>"
                           for label, amount in pub.part2_figures)
            summary = f"<p>{spans_html(pub.part2_summary.spans)}</p>" if pub.part2_summary else ""
            block = ('<section class="part2-preview" aria-labelledby="part2-preview" '
                     'style="border:4px solid #b10e1e;padding:1rem;margin:2rem 0">'
                     '<h2 id="part2-preview">CONFIDENTIAL – Part 2, shown by pcd serve --show-part2: '
                     f'never publish</h2>{summary}{f"<ul>{rows}</ul>" if rows else ""}</section>')
            page = page.replace("</main>", block + "\n</main>", 1)
        return page

    def index_page(self, shown: dict[Path, Shown]) -> str:
        items = []
        for path, one in shown.items():
            errors = sum(d.severity == "error" for d in one.problems)
            label = one.label if one.good else path.name
            note = f": {errors} error(s)" if errors else ""
            items.append(f'<li><a href="{html.escape(one.name)}">{html.escape(label)}</a>{note}</li>')
        body = (f"<h1>Preview of {html.escape(str(self.target))}</h1>"
                f"<ul>{''.join(items)}</ul>")
        return document("pcd preview", body)


def counted(problems: list[Diagnostic]) -> str:
    errors = sum(d.severity == "error" for d in problems)
    warnings = sum(d.severity == "warning" for d in problems)
    return f"{errors} error{'s' * (errors != 1)}, {warnings} warning{'s' * (warnings != 1)}"


def rebuilt_line(changed: list[Path], shown: dict[Path, Shown], seconds: float) -> str:
    """One line a rebuild: when, what, how long, and how many problems are left."""
    what = changed[0].name if len(changed) == 1 else f"{len(changed)} specs"
    problems = [d for one in shown.values() for d in one.problems]
    return visible(f"pcd serve: {time.strftime('%H:%M:%S')} {what} rebuilt in "
                   f"{seconds * 1000:.0f} ms: {counted(problems)}")


def part2_lines(lines: list[str]) -> range:
    """The lines of the spec's top-level `part2:` block (0-based), which only --show-part2 quotes."""
    for n, line in enumerate(lines):
        if re.match(r"part2\s*:", line):
            end = n + 1
            while end < len(lines) and (not lines[end].strip() or lines[end][0] in " \t#"):
                end += 1
            return range(n, end)
    return range(0)


def source_line(lines: list[str], line: int, col: int) -> str:
    """The spec's line with its number, and a caret under the column."""
    text = lines[line - 1]
    caret = "".join(c if c == "\t" else " " for c in text[: max(col - 1, 0)]) + "^"
    number = f"{line} | "
    return (f'<pre><span class="lineno">{number}</span>{html.escape(visible(text))}\n'
            f'<span class="lineno">{" " * len(number)}</span>{caret}</pre>')


def problems_panel(path: Path, problems: list[Diagnostic], text: str, show_part2: bool,
                   kept: bool) -> str:
    """Every finding, where it is, the line it is on; above the last preview that built."""
    lines = text.split("\n")
    hidden = range(0) if show_part2 else part2_lines(lines)
    rows = []
    for d in problems:
        where = f"{d.file}:{d.line}:{d.col}" if d.line else d.file
        crumb = format_path(d.path)
        message = visible(f"{crumb}: {d.message}" if crumb else d.message)
        quoted = ""
        if d.file == str(path) and 0 < d.line <= len(lines):
            quoted = (source_line(lines, d.line, d.col) if d.line - 1 not in hidden else
                      "<p>(a Part 2 line: shown only with --show-part2)</p>")
        rows.append(f'<li><p><code>{html.escape(visible(where))}</code> <strong class="'
                    f'{html.escape(d.severity)}">{html.escape(d.severity)}[{html.escape(d.code)}]'
                    f"</strong> {html.escape(message)}</p>{quoted}</li>")
    errors = any(d.severity == "error" for d in problems)
    state = ("The preview below is the last one that built. " if kept and errors else
             "Nothing has built yet. " if errors else "")
    level = 2 if kept else 1  # the paper's title is the page's h1 when there is a paper
    return ('<section class="pcd-problems" aria-labelledby="pcd-problems">\n'
            f'<h{level} id="pcd-problems">{html.escape(path.name)} has problems: '
            f"{counted(problems)}</h{level}>\n"
            f"<p>{state}Fix them and save: this page updates by itself.</p>\n"
            f'<ol>{"".join(rows)}</ol>\n</section>\n')


def with_panel(page: str, panel: str) -> str:
    """The page with the panel's style in its head and the panel first in its body."""
    page = page.replace("</head>", PANEL_CSS + "</head>", 1)
    body = re.search(r"<body[^>]*>", page)
    return page[: body.end()] + "\n" + panel + page[body.end():] if body else panel + page


def document(title: str, body: str) -> str:
    return (f'<!DOCTYPE html>\n<html lang="en-GB">\n<head>\n<meta charset="utf-8">\n'
            f'<meta name="viewport" content="width=device-width, initial-scale=1">\n'
            f"<title>{html.escape(title)}</title>\n{PANEL_CSS}</head>\n<body>\n<main>\n{body}\n"
            "</main>\n</body>\n</html>\n")


def stamp(page: str, version: str) -> bytes:
    """Mark the page with the version it shows and add the refresh script."""
    page = page.replace("<html ", f'<html data-pcd-version="{version}" ', 1)
    return page.replace("</body>", RELOAD + "\n</body>", 1).encode("utf-8")


def addressed_here(host: str | None, listening: str, port: int) -> bool:
    """Whether a request's Host names this server: localhost, an IP address, or the name it was
    told to listen on, with its port. A page on another site that rebinds its own name to this
    machine still sends that name, so it is refused (DNS rebinding)."""
    if not host or not HOST_TEXT.fullmatch(host):
        return False
    try:
        parts = urlsplit("//" + host)
        name, given = (parts.hostname or ""), (parts.port or 80)
    except ValueError:
        return False
    if given != port:
        return False
    if name in ("localhost", listening.lower().strip("[]")):
        return True
    try:
        ipaddress.ip_address(name)  # a browser sends an address only when it was asked for one
    except ValueError:
        return False
    return True


class Deadline(io.RawIOBase):
    """The connection's bytes under one deadline for the whole request, not one per read: a
    client that trickles a byte every few seconds (slowloris) is cut off all the same."""

    def __init__(self, sock, seconds: float) -> None:
        self.sock, self.until = sock, time.monotonic() + seconds

    def readable(self) -> bool:
        return True

    def readinto(self, buffer) -> int:
        left = self.until - time.monotonic()
        if left <= 0:
            raise TimeoutError("the request was not sent in time")
        self.sock.settimeout(left)
        return self.sock.recv_into(buffer)


class Handler(BaseHTTPRequestHandler):
    preview: Preview  # these three are set on the class made for each server
    listening: str
    port: int
    server_version = "pcd-serve"
    timeout = IDLE

    def setup(self) -> None:
        super().setup()
        self.rfile = io.BufferedReader(Deadline(self.connection, REQUEST_DEADLINE))

    def log_message(self, format: str, *args) -> None:  # noqa: A002 - the base class's name
        pass  # a request log would bury the diagnostics

    def do_GET(self) -> None:  # noqa: N802 - the base class's name
        self.connection.settimeout(IDLE)  # the request is in: writes get the ordinary timeout
        port = self.port
        if not addressed_here(self.headers.get("Host"), self.listening, port):
            shown = f"[{self.listening}]" if ":" in self.listening else self.listening
            return self.send(421, document("Misdirected request", (
                "<h1>Misdirected request</h1><p>This preview answers only at "
                f"http://{html.escape(shown)}:{port}/ or http://localhost:{port}/.</p>")).encode(),
                "text/html; charset=utf-8")
        path = self.path.split("?", 1)[0]
        if path == "/__pcd/events":
            return self.events()
        with self.preview.lock:
            page = self.preview.pages.get(path)
        if page is None:
            return self.send(404, document("Not found", "<h1>Not found</h1>").encode(), "text/html")
        self.send(200, page, "text/html; charset=utf-8")

    def send(self, status: int, body: bytes, kind: str) -> None:
        self.send_response(status)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "no-store")
        self.end_headers()
        self.wfile.write(body)

    def events(self) -> None:
        """Server-Sent Events: the version now, then each new one as soon as it is rendered."""
        self.send_response(200)
        self.send_header("Content-Type", "text/event-stream")
        self.send_header("Cache-Control", "no-store")
        self.end_headers()
        sent = ""
        try:
            while True:
                with self.preview.lock:
                    if self.preview.version == sent:
                        self.preview.lock.wait(timeout=15)
                    version = self.preview.version
                message = f"data: {version}\n\n" if version != sent else ": still here\n\n"
                self.wfile.write(message.encode())
                self.wfile.flush()
                sent = version
        except (BrokenPipeError, ConnectionResetError, OSError):
            return  # the page went away, or stopped reading


BUSY = (b"HTTP/1.0 503 Service Unavailable\r\nContent-Type: text/plain\r\nRetry-After: 5\r\n"
        b"Connection: close\r\n\r\npcd serve: too many connections\n")


class PreviewServer(ThreadingHTTPServer):
    """At most MAX_CONNECTIONS at once, each in its own thread; one more is told so and closed."""

    daemon_threads = True
    request_queue_size = MAX_CONNECTIONS * 2  # so connections past the cap are accepted and told

    def __init__(self, address, handler) -> None:
        super().__init__(address, handler)
        self.slots = threading.BoundedSemaphore(MAX_CONNECTIONS)

    def process_request(self, request, client_address) -> None:
        if not self.slots.acquire(blocking=False):
            try:
                request.settimeout(1)
                request.sendall(BUSY)
            except OSError:
                pass
            self.shutdown_request(request)
            return
        try:
            super().process_request(request, client_address)
        except Exception:  # no thread started: its slot is free again
            self.slots.release()
            raise
        # A Ctrl-C while the thread starts is not caught here: a thread that has run frees its own
        # slot, and the KeyboardInterrupt must reach serve() (freeing twice raised ValueError, which
        # socketserver caught, and the server ran on). One landing before the thread exists keeps
        # its slot, which does not matter: the server is stopping.

    def process_request_thread(self, request, client_address) -> None:
        try:
            super().process_request_thread(request, client_address)
        finally:
            self.slots.release()


def watch(preview: Preview, stop: threading.Event) -> None:
    while not stop.is_set():
        try:
            preview.refresh()
        except Exception as exc:  # a bug in pcd must not stop the preview; said on each poll it fails
            print(f"pcd serve: internal error while rendering: {type(exc).__name__}: {exc}",
                  file=sys.stderr)
        stop.wait(POLL)


def serve(target: str, host: str = "127.0.0.1", port: int = 8000, show_part2: bool = False,
          style_dirs: tuple[str, ...] = ()) -> int:
    where = Path(target)
    if not where.exists():
        print(f"pcd serve: {target}: no such spec or folder", file=sys.stderr)
        return 2
    preview = Preview(where, style_dirs, show_part2)
    preview.refresh()
    handler: type[Handler] = type("BoundHandler", (Handler,), {"preview": preview, "listening": host})
    try:
        server = PreviewServer((host, port), handler)
    except OSError as exc:
        print(f"pcd serve: cannot listen on {host}:{port}: {exc.strerror or exc}", file=sys.stderr)
        return 2
    handler.port = server.server_address[1]  # the one chosen when asked for port 0
    stop = threading.Event()
    threading.Thread(target=watch, args=(preview, stop), daemon=True).start()
    shown = f"[{host}]" if ":" in host else host
    print(f"pcd serve: http://{shown}:{handler.port}/ (Ctrl-C to stop)", flush=True)
    if host not in LOOPBACK:
        print(f"pcd serve: listening on {host}, not only this machine: anyone who can reach it can "
              "read the paper", file=sys.stderr, flush=True)
    if show_part2:
        print("pcd serve: Part 2 material is shown, marked confidential: do not share this preview",
              file=sys.stderr, flush=True)
    try:
        server.serve_forever(poll_interval=0.1)
    except KeyboardInterrupt:
        print("pcd serve: stopped", file=sys.stderr)
    finally:
        stop.set()
        server.server_close()
    return 0
