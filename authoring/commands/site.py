"""`pcd site`: every spec in a folder, built into a static website for the web team.

Papers with errors are reported and left out; deferred papers appear only from their date.
Specs are checked and rendered in worker processes; each worker writes its page itself, so
memory stays flat however large the archive is.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import re
import shutil
import sys
import tempfile
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from authoring.commands.folder import declared_references
from authoring.commands.output import safe_child, write_atomic
from authoring.commands.publish import locked, remove_leftovers, staging_prefix, swap
from authoring.diagnostics import Diagnostic
from authoring.render.reproducible import today



@dataclass
class Entry:
    """What the index, the JSON and the feed need of one paper; small, so it can travel."""

    file: str
    diagnostics: list[Diagnostic]
    number: int = 0
    reference: str = ""
    page: str = ""
    title: str = ""
    summary: str = ""  # first paragraph of the executive summary, as HTML
    signed: dt.date | None = None
    consulted: dt.date | None = None
    decision_maker: str = ""
    costs: str = ""
    funding: str = ""
    funders: tuple = ()
    deferred_until: dt.date | None = None
    cites: tuple[int, ...] = ()
    kinds: tuple[str, ...] = ()


def page_name(code: str, number: int) -> str:
    return f"{code.lower()}-{number}.html"


def _job(args) -> Entry:
    """Check, compute and render one paper; write its page into the staging folder."""
    path, staging, style_dirs, numbers, as_of = args
    from authoring.pipeline import process

    outcome = process(path, style_dirs)
    if not outcome.ok:
        return Entry(str(path), outcome.findings)
    paper = outcome.paper
    entry = describe(paper, str(path), outcome.findings)
    if entry.deferred_until and entry.deferred_until > as_of:
        return entry  # not published yet: no page
    write_atomic(safe_child(Path(staging), entry.page), render_page(paper, numbers))
    return entry


def describe(paper, file: str, diagnostics) -> Entry:
    from authoring.render.html import spans_html

    code = paper.style["code"]
    pub = paper.publication
    cites = tuple(int(m.group(1)) for s in paper.sections for bp in s.papers
                  for m in [re.fullmatch(rf"{re.escape(code)} (\d+)", bp.ref)] if m)
    return Entry(
        file, diagnostics, paper.number, paper.reference, page_name(code, paper.number), paper.title,
        str(spans_html(paper.summary[0].text.spans)) if paper.summary else "",
        paper.signatures[1].date, paper.signatures[0].date, paper.signatures[1].title,
        str(paper.finance.cost_total), str(paper.finance.funding_total),
        tuple((f.name, str(f.total)) for f in paper.finance.funders if f.total),
        pub.until if pub.defer else None, cites, paper.kinds)


def render_page(paper, numbers: set[int]) -> bytes:
    from authoring.render.html import paper_page

    code = paper.style["code"]
    links = {f"{code} {n}": page_name(code, n) for n in numbers}
    return paper_page(paper, links=links, home="index.html").encode("utf-8")


def site(folder: str, out: str, as_of: str | None = None, style_dirs: tuple[str, ...] = (),
         jobs: int = 0, quiet: bool = False) -> int:
    try:
        when = dt.date.fromisoformat(as_of) if as_of else today()
    except ValueError:
        print(f"pcd: --as-of {as_of!r} is not a date (YYYY-MM-DD)", file=sys.stderr)
        return 2
    specs = sorted(Path(folder).glob("*.yaml"))
    if not specs:
        print(f"pcd: no *.yaml specs in {folder}", file=sys.stderr)
        return 2
    target = Path(out).resolve()
    refusal = unsafe_target(target, Path(folder).resolve())
    if refusal:
        print(f"pcd: will not write the site to {out}: {refusal}", file=sys.stderr)
        return 2
    try:
        entries, published = build_site(specs, target, when, style_dirs, jobs, quiet)
    except OSError as exc:  # a full disk, a read-only folder: the previous site is untouched
        print(f"pcd: cannot write the site to {out}: {exc.strerror or exc}; the previous site, if "
              "any, is intact", file=sys.stderr)
        return 2
    failed = [e for e in entries if not e.page]
    for e in failed:
        for d in e.diagnostics:
            print(d.format(), file=sys.stderr)
        print(f"{e.file}: left out of the site: fix the errors above", file=sys.stderr)
    deferred = len(entries) - len(published) - len(failed)
    if not quiet:
        print(f"site: {len(published)} paper(s) published to {out}, {deferred} deferred, "
              f"{len(failed)} left out for errors")
    return 1 if failed else 0


def build_site(specs: list[Path], target: Path, when: dt.date, style_dirs: tuple[str, ...],
               jobs: int, quiet: bool = False) -> tuple[list[Entry], list[Entry]]:
    """Build every paper into a staging folder and put it in the target's place."""
    target.parent.mkdir(parents=True, exist_ok=True)
    with locked(target):  # another build of this site waits here; a dead one left only leftovers
        remove_leftovers(target)
        staging = Path(tempfile.mkdtemp(prefix=staging_prefix(target), dir=target.parent))
        try:
            # Which papers may be linked to: a cheap first guess from the files, corrected below.
            numbers = declared_references(specs)
            entries = run_jobs([(p, str(staging), style_dirs, numbers, when) for p in specs], jobs,
                               quiet)
            published = [e for e in entries if e.page and not (e.deferred_until and e.deferred_until > when)]
            relink(published, {e.number for e in published}, numbers, staging, style_dirs)
            write_index(published, staging, when, style_dirs)
            (staging / MARKER).write_text("written by pcd site; the whole folder is replaced on the "
                                          "next build\n")
            swap(staging, target)
        except BaseException:
            shutil.rmtree(staging, ignore_errors=True)
            raise
    return entries, published


def run_jobs(args: list, jobs: int, quiet: bool = False) -> list[Entry]:
    workers = jobs or os.cpu_count() or 1
    progress = Progress(len(args), quiet)
    if workers == 1 or len(args) < 8:
        return [progress.tick(_job(a)) for a in args]
    with ProcessPoolExecutor(max_workers=workers) as pool:
        return [progress.tick(e) for e in pool.map(_job, args, chunksize=8)]


def relink(published: list[Entry], live: set[int], guessed: set[int], staging: Path,
           style_dirs: tuple[str, ...]) -> None:
    """Re-render the few pages that cite a paper which turned out not to be published."""
    dead = guessed - live
    for e in published:
        if dead.intersection(e.cites):
            from authoring.pipeline import process
            write_atomic(staging / e.page, render_page(process(e.file, style_dirs).paper, live))


def write_index(entries: list[Entry], staging: Path, as_of: dt.date, style_dirs) -> None:
    from authoring.housestyle import DEFAULT, load_style
    from authoring.render.html import render

    style = load_style(DEFAULT, style_dirs)
    entries = sorted(entries, key=lambda e: (e.signed or dt.date.min, e.number), reverse=True)
    ctx = dict(entries=entries, org=style["organisation"], style=style, as_of=as_of, home="")
    write_atomic(staging / "index.html", render(style, "index.html", **ctx).encode("utf-8"))
    write_atomic(staging / "feed.xml", render(style, "feed.xml", **ctx).encode("utf-8"))
    from authoring.commands.sitedata import SCHEMA, document

    for name, data in (("decisions.json", document(entries)), ("decisions.schema.json", SCHEMA)):
        write_atomic(staging / name, (json.dumps(data, indent=2, ensure_ascii=False) + "\n").encode("utf-8"))


MARKER = ".pcd-site"  # in every folder pcd site writes: only such a folder is ever replaced


def unsafe_target(target: Path, specs: Path) -> str:
    """Why the output folder must not be replaced (it is swapped whole), or '' when it may be."""
    here = Path.cwd().resolve()
    if target == specs or specs.is_relative_to(target):
        return "it holds the specs themselves"
    if target == here or here.is_relative_to(target):
        return "it is the current folder or one of its parents"
    if target.exists() and not target.is_dir():
        return "it is a file"
    if target.is_dir() and any(target.iterdir()) and not (target / MARKER).is_file():
        return f"it is not empty and is not a site pcd wrote (no {MARKER} in it)"
    return ""


class Progress:
    """A progress bar on a terminal (done/total, elapsed, rate); silent in logs, pipes and CI,
    and with --quiet."""

    def __init__(self, total: int, quiet: bool = False) -> None:
        import time

        self.total, self.done, self.clock = total, 0, time.monotonic
        self.start = self.clock()
        self.show = sys.stderr.isatty() and total > 1 and not quiet

    def tick(self, entry: Entry) -> Entry:
        self.done += 1
        if self.show:
            filled = self.done * 30 // self.total
            elapsed = self.clock() - self.start
            rate = self.done / elapsed if elapsed > 0 else 0.0
            end = "\n" if self.done == self.total else ""
            sys.stderr.write(f"\r[{'#' * filled}{'.' * (30 - filled)}] {self.done}/{self.total} "
                             f"{elapsed:.1f}s {rate:.0f}/s{end}")
            sys.stderr.flush()
        return entry
