"""`pcd serve`: the paper (or a folder's site) in the browser, refreshed on every save.

Standard library only (http.server): a preview for one officer on their own machine needs no
framework. A watcher thread polls the specs every 20 ms, re-renders when one changes and tells
open pages over Server-Sent Events; while a spec has errors the page shows its diagnostics.
"""

from __future__ import annotations

import hashlib
import html
import sys
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

POLL = 0.02  # seconds between looks at the files
LOOPBACK = ("127.0.0.1", "localhost", "::1")
# Only served pages carry this; what `pcd build` and `pcd site` write never does.
RELOAD = ('<script>new EventSource("/__pcd/events").onmessage = function (e) '
          '{ if (e.data !== document.documentElement.dataset.pcdVersion) location.reload(); };</script>')


class Preview:
    """What is being previewed, rendered once per version of its files."""

    def __init__(self, target: Path, style_dirs: tuple[str, ...], show_part2: bool) -> None:
        self.target, self.style_dirs, self.show_part2 = target, style_dirs, show_part2
        self.lock = threading.Condition()
        self.version = ""
        self.pages: dict[str, bytes] = {}

    def specs(self) -> list[Path]:
        return sorted(self.target.glob("*.yaml")) if self.target.is_dir() else [self.target]

    def fingerprint(self) -> str:
        digest = hashlib.sha256()
        for path in self.specs():
            try:
                digest.update(str(path).encode() + b"\0" + path.read_bytes() + b"\0")
            except OSError:
                digest.update(str(path).encode() + b"\0unreadable\0")
        return digest.hexdigest()[:16]

    def refresh(self) -> bool:
        """Re-render if the files changed; True when they did."""
        version = self.fingerprint()
        if version == self.version:
            return False
        pages = self.render(version)
        with self.lock:
            self.version, self.pages = version, pages
            self.lock.notify_all()
        return True

    def render(self, version: str) -> dict[str, bytes]:
        from authoring.commands.site import page_name
        from authoring.pipeline import process

        pages: dict[str, bytes] = {}
        papers = []
        for path in self.specs():
            outcome = process(path, self.style_dirs)
            if outcome.ok and outcome.paper is not None:
                paper = outcome.paper
                name = "/" if not self.target.is_dir() else "/" + page_name(paper.style["code"], paper.number)
                pages[name] = self.paper_page(paper, version)
                papers.append((path, outcome))
            else:
                name = "/" if not self.target.is_dir() else f"/{path.stem}.html"
                pages[name] = problems_page(path, outcome.findings, version)
                papers.append((path, outcome))
        if self.target.is_dir():
            pages["/"] = self.index_page(papers, version)
        return pages

    def paper_page(self, paper, version: str) -> bytes:
        from authoring.render.html import paper_page, spans_html

        home = "/" if self.target.is_dir() else ""
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
        return stamp(page, version)

    def index_page(self, papers, version: str) -> bytes:
        from authoring.commands.site import page_name

        items = []
        for path, outcome in papers:
            p = outcome.paper
            if outcome.ok and p is not None:
                href = page_name(p.style["code"], p.number)
                label = html.escape(f"{p.reference}: {p.title}")
                items.append(f'<li><a href="/{href}">{label}</a></li>')
            else:
                errors = sum(d.severity == "error" for d in outcome.diagnostics)
                items.append(f'<li><a href="/{html.escape(path.stem)}.html">{html.escape(path.name)}</a>: '
                             f'{errors} error(s)</li>')
        body = (f"<h1>Preview of {html.escape(str(self.target))}</h1>"
                f"<ul>{''.join(items)}</ul>")
        return stamp(document("pcd preview", body), version)


def document(title: str, body: str) -> str:
    return (f'<!DOCTYPE html>\n<html lang="en-GB">\n<head>\n<meta charset="utf-8">\n'
            f'<meta name="viewport" content="width=device-width, initial-scale=1">\n'
            f"<title>{html.escape(title)}</title>\n</head>\n<body>\n<main>\n{body}\n</main>\n</body>\n</html>\n")


def problems_page(path: Path, diagnostics, version: str) -> bytes:
    """The diagnostics in place of the paper: every finding, where it is, what to do."""
    rows = "".join(f"<li><code>{html.escape(d.file)}:{d.line}:{d.col}</code> "
                   f"<strong>{html.escape(d.severity)}[{html.escape(d.code)}]</strong> "
                   f"{html.escape(d.message)}</li>" for d in diagnostics)
    body = (f"<h1>{html.escape(path.name)} has problems</h1>"
            "<p>Fix them and save: this page updates by itself.</p>"
            f'<ol class="diagnostics">{rows}</ol>')
    return stamp(document(f"Problems in {path.name}", body), version)


def stamp(page: str, version: str) -> bytes:
    """Mark the page with the version it shows and add the refresh script."""
    page = page.replace("<html ", f'<html data-pcd-version="{version}" ', 1)
    return page.replace("</body>", RELOAD + "\n</body>", 1).encode("utf-8")


class Handler(BaseHTTPRequestHandler):
    preview: Preview  # set on the class made for each server
    server_version = "pcd-serve"

    def log_message(self, format: str, *args) -> None:  # noqa: A002 - the base class's name
        pass  # a request log would bury the diagnostics

    def do_GET(self) -> None:  # noqa: N802 - the base class's name
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
            return  # the page went away


def watch(preview: Preview, stop: threading.Event) -> None:
    while not stop.is_set():
        try:
            preview.refresh()
        except Exception as exc:  # a bug in pcd must not stop the preview; say so once per version
            print(f"pcd serve: internal error while rendering: {type(exc).__name__}: {exc}",
                  file=sys.stderr)
            preview.version = preview.fingerprint()
        stop.wait(POLL)


def serve(target: str, host: str = "127.0.0.1", port: int = 8000, show_part2: bool = False,
          style_dirs: tuple[str, ...] = ()) -> int:
    where = Path(target)
    if not where.exists():
        print(f"pcd serve: {target}: no such spec or folder", file=sys.stderr)
        return 2
    preview = Preview(where, style_dirs, show_part2)
    preview.refresh()
    handler = type("BoundHandler", (Handler,), {"preview": preview})
    try:
        server = ThreadingHTTPServer((host, port), handler)
    except OSError as exc:
        print(f"pcd serve: cannot listen on {host}:{port}: {exc.strerror or exc}", file=sys.stderr)
        return 2
    server.daemon_threads = True
    stop = threading.Event()
    threading.Thread(target=watch, args=(preview, stop), daemon=True).start()
    shown = f"[{host}]" if ":" in host else host
    print(f"pcd serve: http://{shown}:{server.server_address[1]}/ (Ctrl-C to stop)", flush=True)
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
