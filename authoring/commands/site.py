"""`pcd site`: every spec in a folder, built into a static website for the web team.

Only papers signed by their decision maker are published; papers with errors or placeholders are
reported and left out; deferred papers appear only from their date, and a deferral with no date
is never published. `--drafts` builds a preview that includes unsigned papers, marked DRAFT on
every page, kept out of search engines, the feed, the sitemap and decisions.json.
Specs are checked and rendered in worker processes; each worker writes its page itself, so
memory stays flat however large the archive is.
"""

from __future__ import annotations

import datetime as dt
import os
import re
import shutil
import sys
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, NamedTuple

from authoring.commands.folder import declared, declared_references
from authoring.commands.output import (known_specs, link_staged, remember_files, safe_child,
                                       spec_states, store_site, unchanged, write_staged)
from authoring.commands.publish import locked, remove_leftovers, staging_prefix, swap
from authoring.commands.sitedata import DATES, KEPT, NAV, entry_record, slug
from authoring.diagnostics import Diagnostic
from authoring.render.pdf import NoOffice
from authoring.spec import readable
from authoring.stylepath import DEFAULT


@dataclass
class Entry:
    """What the listings, the JSON and the feed need of one paper; small, so it can travel."""

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
    organisations: tuple[str, ...] = ()  # named in its finance and contracts: the site's filter
    pdf: str = ""  # the PDF's file name, when the site publishes PDFs
    style: str = ""  # the house style: whose site publishes it
    # Its entry in the archive's index (authoring/ledger/index.py: contracts with their values,
    # funders, recipients) and the body each of those lines names: the contract and
    # organisation pages are made of these (ledgerpages.py).
    ledger: dict | None = None
    bodies: dict = field(default_factory=dict)
    # Its front-sheet fields the house style offers as filters: (label, values) each.
    fields: tuple[tuple[str, tuple[str, ...]], ...] = ()
    key: str = ""  # this run only: the paper's cache key (which its entry follows from) …
    pdf_pending: bool = False  # … whether its PDF is still to be made …
    digest: str = ""  # … the hash of its page's bytes …
    source: str = ""  # … and of its spec's bytes

    @property
    def year(self) -> str:
        return str(self.signed.year) if self.signed else "Not yet signed"

    @property
    def draft(self) -> bool:
        """Not signed by its decision maker: never published, only previewed with --drafts."""
        return self.signed is None


NEVER = dt.date.max  # the deferral date of a paper deferred with no date: it is never published


def withheld(entry: Entry, as_of: dt.date, drafts: bool = False, style: str = DEFAULT) -> str:
    """Why a paper is not published on `as_of` by the site of house style `style` ('' when it
    is). Publication fails closed: a paper with errors, unsigned (unless previewing drafts),
    deferred or another organisation's is left out."""
    if not entry.page:
        return "it has errors (above)"
    if entry.style != style:
        return (f"{OTHER} '{entry.style}', and this is the '{style}' site "
                f"(build its own with --house-style {entry.style})")
    if entry.deferred_until and entry.deferred_until > as_of:
        return ("deferred with no date: never published until the deferral says when"
                if entry.deferred_until == NEVER else f"deferred until {entry.deferred_until.isoformat()}")
    if entry.draft and not drafts:
        return UNSIGNED
    return ""


UNSIGNED = "not signed by its decision maker"
OTHER = "it is a paper of house style"


def entry_from(file: str, record: dict | None) -> Entry | None:
    """A cached entry, or None when the record is not one (foreign or damaged: a miss)."""
    from authoring.commands.check import from_record

    checked = from_record(file, record)
    if checked is None or record is None:
        return None
    try:
        data = record["entry"]
        if not checked.ok:
            return Entry(file, checked.diagnostics)
        values: dict[str, Any] = {
            n: (dt.date.fromisoformat(data[n]) if data[n] else None) if n in DATES else data[n]
            for n in KEPT}
        values["funders"] = tuple((str(a), str(b)) for a, b in values["funders"])
        values["cites"] = tuple(int(n) for n in values["cites"])
        for n in ("kinds", "organisations"):
            values[n] = tuple(str(v) for v in values[n])
        values["fields"] = tuple((str(label), tuple(str(v) for v in vs)) for label, vs in values["fields"])
        if not _ledger_fits(values["ledger"], values["bodies"]):
            return None
        entry = Entry(file, checked.diagnostics, **values)
        strings = ("reference", "page", "title", "summary", "decision_maker", "costs", "funding", "pdf",
                   "style")
        if not isinstance(entry.number, int) or not all(isinstance(getattr(entry, n), str) for n in strings):
            return None
        return entry
    except (KeyError, TypeError, ValueError):
        return None


def _ledger_fits(ledger: object, bodies: object) -> bool:
    """A cached entry's index entry and bodies are of the shape this pcd writes (else the record
    is a miss): one body, or '', per funder, recipient and contract. Records are this user's and
    keyed on this code (cache.py), so the shape is all that is checked, as for the other fields;
    the index entry was checked in full (ledger/index.py, usable) before it was kept."""
    from authoring.ledger.index import VERSION

    if ledger is None:
        return bodies == {}
    if not isinstance(ledger, dict) or ledger.get("version") != VERSION or not isinstance(bodies, dict):
        return False
    return sorted(bodies) == ["contracts", "funders", "recipients"] and all(
        isinstance(bodies[n], list) and isinstance(ledger.get(n), list) and len(bodies[n]) == len(ledger[n])
        and all(isinstance(b, str) for b in bodies[n]) for n in bodies)


def page_name(code: str, number: int | str) -> str:
    """A paper's page: its code and its reference's stem ("pcd-1843.html", "cmd-2025-031.html")."""
    return f"{code.lower()}-{number}.html"


PDF_WORK = ".pdf-work"  # in the staging folder: DOCX files waiting for one LibreOffice batch


class Job(NamedTuple):
    path: str
    staging: str
    style_dirs: tuple[str, ...]
    numbers: frozenset[int]  # papers that may be linked to
    as_of: dt.date
    use_cache: bool
    pdf: bool
    base_url: str
    live: str  # the site being replaced: unchanged files are linked from it
    source: str = ""  # the hash of the spec's bytes, when the last build saw it as it is now
    strict: bool = False  # warnings are errors
    drafts: bool = False  # a preview: unsigned papers too, every page marked DRAFT
    style: str = DEFAULT  # the site's house style: papers of another are not its to publish


def _job(job: Job, cached_only: bool = False) -> Entry | None:
    """One paper: from the cache when nothing it depends on changed, else checked, computed and
    rendered (and kept). Its page is written into the staging folder here, by the worker.
    With `cached_only`, None (and nothing written) when the cache cannot answer it all."""
    from authoring import cache

    def read() -> tuple[bytes | None, str]:
        data = readable(job.path)
        return data, cache.sha256(data).hexdigest() if data is not None else ""

    def named(source: str) -> str:
        return (cache.key_of("site", source, job.style_dirs, job.path, job.base_url, job.pdf,
                             job.strict, job.drafts) if job.use_cache and source else "")

    # A spec the last build saw as it is now is known by its hash: read only if the cache misses.
    data, source = (None, job.source) if job.source else read()
    name = named(source)
    record = cache.load(name) if name else None
    entry = entry_from(job.path, record)
    paper = None
    if entry is None or record is None:
        if cached_only:
            return None
        if job.source:
            data, source = read()
            name = named(source)
        from authoring.commands.check import to_fields
        from authoring.pipeline import process

        outcome = guarded(process(job.path, job.style_dirs, strict=job.strict, data=data))
        ok, paper = outcome.ok, outcome.paper
        entry = (describe(paper, job.path, outcome.findings, job.pdf, outcome.pos, outcome.text) if ok
                 else Entry(job.path, outcome.findings))
        record = {"ok": ok, "diagnostics": [to_fields(d) for d in outcome.diagnostics],
                  "entry": entry_record(entry)}
        if name:
            cache.store(name, record)
    entry.source = source
    if withheld(entry, job.as_of, job.drafts, job.style):
        return entry  # left out for errors, unsigned or not published yet: no page
    staging, live = Path(job.staging), Path(job.live)
    linked = sorted(job.numbers.intersection(entry.cites))
    digest = record.get("page") if record.get("linked") == linked else None
    # The live site's copy when it is known to be these bytes, else the cache's, else made anew.
    page_there = unchanged(live, entry.page, digest)
    page = None if page_there else cache.get_blob(digest)
    pdf_there = job.pdf and unchanged(live, entry.pdf, record.get("pdf"))
    made = cache.get_blob(record.get("pdf")) if job.pdf and not pdf_there else None
    if cached_only and ((not page_there and page is None) or (job.pdf and not pdf_there and made is None)):
        return None
    if page_there:
        link_staged(safe_child(staging, entry.page), live / entry.page)
    else:
        if page is None:
            paper = paper or _paper(job)
            page = render_page(paper, job.numbers, site_context(entry, job.base_url, job.drafts))
            record.update(page=cache.put_blob(page), linked=linked)
            if name:
                cache.store(name, record)
        write_staged(safe_child(staging, entry.page), page, live / entry.page)
    entry.digest, entry.key = record["page"], name
    if job.pdf:
        if pdf_there:
            link_staged(safe_child(staging, entry.pdf), live / entry.pdf)
        elif made is not None:
            write_staged(safe_child(staging, entry.pdf), made, live / entry.pdf)
        else:
            from authoring.render.docx import render_docx
            write_staged(safe_child(staging / PDF_WORK, f"{Path(entry.pdf).stem}.docx"),
                         render_docx(paper or _paper(job)))
            entry.pdf_pending = True
    return entry


def _paper(job: Job):
    from authoring.pipeline import process

    return process(job.path, job.style_dirs).paper


def describe(paper, file: str, diagnostics, pdf: bool = False, pos: dict | None = None,
             text: str = "") -> Entry:
    from authoring.render.html import spans_html

    code = paper.style["code"]
    pub = paper.publication
    cites = tuple(int(m.group(1)) for s in paper.sections for bp in s.papers
                  for m in [re.fullmatch(rf"{re.escape(code)} (\d+)", bp.ref)] if m)
    fin = paper.finance
    page = page_name(code, paper.stem or paper.number)
    return Entry(
        file, diagnostics, paper.number, paper.reference, page, paper.title,
        str(spans_html(paper.summary[0].text.spans)) if paper.summary else "",
        paper.decider.date, paper.consulted.date if paper.consulted else None, paper.decider.title,
        str(fin.cost_total), str(fin.funding_total),
        tuple((f.name, str(f.total)) for f in fin.funders if f.total),
        (pub.until or NEVER) if pub.defer else None, cites, paper.kinds,
        paper.organisations,
        page.removesuffix(".html") + ".pdf" if pdf else "", paper.style.name,
        *_ledger_of(paper, pos or {}, text),
        fields=tuple((f.label, f.value if isinstance(f.value, tuple) else (f.shown,))
                     for f in paper.fields if f.filter))


def _ledger_of(paper, pos: dict, text: str) -> tuple[dict | None, dict]:
    """The paper's entry in the archive's index and the body each of its lines names; none for
    a paper the index cannot hold (its code is not one the archive reads)."""
    from authoring.commands.ledgerpages import bodies_of
    from authoring.ledger.index import entry, usable

    ledger = usable(entry(paper, pos, text))
    return (ledger, bodies_of(paper, text)) if ledger else (None, {})


def guarded(outcome):
    """The outcome as the site judges it: a placeholder a draft still holds (PCD210), a warning
    while drafting, is an error for publication."""
    return outcome._replace(diagnostics=[
        d._replace(severity="error") if d.code in PUBLICATION_GUARDS and d.severity == "warning" else d
        for d in outcome.diagnostics])


PUBLICATION_GUARDS = frozenset({"PCD210"})


def field_facet(label: str) -> str:
    """The filter a front-sheet field is offered as: its label as a name ("wards-affected")."""

    return "field-" + slug(label)


def site_context(entry: Entry, base_url: str, drafts: bool = False) -> dict:
    """What a published page has that a built one does not: navigation, canonical link, PDF link
    and the values the search's filters offer, the pages of its contracts and organisations;
    in a preview of drafts, the DRAFT marking."""
    from authoring.commands.ledgerpages import links_of

    return {
        "nav": NAV, "here": entry.page, "draft": drafts,
        "canonical": base_url + entry.page if base_url else "",
        "pdf": {"href": entry.pdf} if entry.pdf else None,
        "filters": [("year", [entry.year]), ("maker", [entry.decision_maker]),
                    ("kind", list(entry.kinds)), ("organisation", list(entry.organisations)),
                    *((field_facet(label), list(values)) for label, values in entry.fields)],
        "ledger": links_of(entry),
    }


def render_page(paper, numbers, site: dict) -> bytes:
    from authoring.render.html import paper_page

    code = paper.style["code"]
    links = {f"{code} {n}": page_name(code, n) for n in numbers}
    return paper_page(paper, links=links, home="index.html", site=site).encode("utf-8")


def site(folder: str, out: str, as_of: str | None = None, style_dirs: tuple[str, ...] = (),
         jobs: int = 0, quiet: bool = False, use_cache: bool = True, pdf: bool = False,
         base_url: str = "", strict: bool = False, drafts: bool = False, house_style: str = DEFAULT) -> int:
    try:
        when = dt.date.fromisoformat(as_of) if as_of else dt.date.today()
    except ValueError:
        print(f"pcd: --as-of {as_of!r} is not a date (YYYY-MM-DD)", file=sys.stderr)
        return 2
    if base_url:
        if not re.fullmatch(r"https?://[^\s/?#]+(/[^\s?#]*)?", base_url):
            print(f"pcd: --base-url {base_url!r} is not an http(s) address such as "
                  "https://www.example.gov.uk/decisions/", file=sys.stderr)
            return 2
        base_url = base_url if base_url.endswith("/") else base_url + "/"
    if not Path(folder).is_dir():
        print(f"pcd: {folder}: not a folder of specs", file=sys.stderr)
        return 2
    from authoring.housestyle import UnknownStyle, available_styles, load_style
    try:
        load_style(house_style, style_dirs)
    except UnknownStyle:
        print(f"pcd: unknown house style {house_style!r}; choose one of: "
              f"{', '.join(available_styles(style_dirs))}", file=sys.stderr)
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
    if pdf:
        from authoring.render.pdf import missing
        if missing():
            print(f"pcd: {missing()}", file=sys.stderr)
            return 2
    try:
        entries, published = build_site(specs, target, when, style_dirs, jobs, quiet,
                                        Options(use_cache, pdf, base_url, strict, drafts, house_style))
    except OSError as exc:  # a full disk, a read-only folder: the previous site is untouched
        print(f"pcd: cannot write the site to {out}: {exc.strerror or exc}; the previous site, if "
              "any, is intact", file=sys.stderr)
        return 2
    except NoOffice as exc:
        print(f"pcd: {exc}; the previous site, if any, is intact", file=sys.stderr)
        return 2
    except SiteRefused as exc:
        for d in exc.diagnostics:
            print(d.format(), file=sys.stderr)
        print(f"pcd: {exc}", file=sys.stderr)
        return 1
    failed = [e for e in entries if not e.page]
    for e in failed:
        for d in e.diagnostics:
            print(d.format(), file=sys.stderr)
    held = [(e, withheld(e, when, drafts, house_style)) for e in entries]
    for e, why in held:
        if why:
            print(f"{e.file}: left out of the site: {why}", file=sys.stderr)
    if not quiet:
        unsigned = sum(why == UNSIGNED for _, why in held)
        deferred = sum(why.startswith("deferred") for _, why in held)
        drafted = sum(e.draft for e in published)
        others = sum(why.startswith(OTHER) for _, why in held)
        print(f"site: {len(published)} paper(s) published to {out}"
              + (f" ({drafted} of them DRAFTS, a preview not to publish)" if drafts else "")
              + f", {deferred} deferred, {unsigned} unsigned, "
              + (f"{others} of another house style, " if others else "")
              + f"{len(failed)} left out for errors")
    return 1 if failed else 0


class Options(NamedTuple):
    use_cache: bool = True
    pdf: bool = False
    base_url: str = ""
    strict: bool = False
    drafts: bool = False
    style: str = DEFAULT


def build_site(specs: list[Path], target: Path, when: dt.date, style_dirs: tuple[str, ...],
               jobs: int, quiet: bool = False, options: Options | None = None
               ) -> tuple[list[Entry], list[Entry]]:
    """Build every paper into a staging folder and put it in the target's place."""
    options = options or Options()
    from authoring import cache
    from authoring.commands.listing import write_listings

    remember = options.use_cache and cache.folder() is not None  # keep what this build saw
    target.parent.mkdir(parents=True, exist_ok=True)
    with locked(target):  # another build of this site waits here; a dead one left only leftovers
        remove_leftovers(target)
        staging = Path(tempfile.mkdtemp(prefix=staging_prefix(target), dir=target.parent))
        try:
            # Which papers may be linked to: a cheap first guess from the files, corrected below.
            numbers = frozenset(declared_references(specs))
            states = spec_states(specs) if remember else {}
            known = known_specs(target, states) if remember else {}
            clashes = shared_references(specs, options.style)
            entries = run_jobs([Job(str(p), str(staging), style_dirs, numbers, when, options.use_cache,
                                    options.pdf, options.base_url, str(target),
                                    known.get(os.path.abspath(p), ""), options.strict, options.drafts,
                                    options.style)
                                for p in specs if p not in clashes], jobs, quiet)
            entries += clashes.values()
            entries = checked_together(entries, staging, style_dirs, options.strict)
            published = [e for e in entries if not withheld(e, when, options.drafts, options.style)]
            kept_published(entries, published, target, when, options, style_dirs)
            relink(published, {e.number for e in published}, numbers, staging, style_dirs,
                   options.base_url, options.drafts)
            if options.pdf:
                make_pdfs(published, staging, options.use_cache)
            write_listings(published, staging, target, when, style_dirs, options.base_url, options.use_cache,
                           options.drafts, options.style)
            (staging / MARKER).write_text("written by pcd site; the whole folder is replaced on the "
                                          "next build\n")
            sync(staging)
            files = remember_files(staging, target) if remember else {}
            swap(staging, target)
            if remember:
                store_site(target, files, {path: [e.source, *states[path]] for e in entries
                                            if e.source and (path := os.path.abspath(e.file)) in states})
        except BaseException:
            shutil.rmtree(staging, ignore_errors=True)
            raise
    return entries, published


def checked_together(entries: list[Entry], staging: Path, style_dirs: tuple[str, ...],
                     strict: bool) -> list[Entry]:
    """The papers checked against each other as `pcd check FOLDER` does (ledger/archive.py): a
    paper with a cross-paper error (a contract value that does not continue, an approval cited
    that is later or unsigned, a circle of approvals) is left out as one with its own errors,
    and its staged page and PDF go with it."""
    from authoring.ledger.archive import cross_check
    from authoring.ledger.index import usable

    ledgers = {e.file: usable(e.ledger) for e in entries if e.ledger}
    if len(ledgers) < 2:
        return entries
    found: dict[str, list[Diagnostic]] = {}
    for d in cross_check(ledgers, style_dirs, strict)[0]:
        if d.severity == "error":
            found.setdefault(d.file, []).append(d)
    out = []
    for e in entries:
        if e.file in found and e.page:
            for name in (e.page, e.pdf, f"{PDF_WORK}/{Path(e.pdf).stem}.docx" if e.pdf else ""):
                if name:
                    (staging / name).unlink(missing_ok=True)
            e = Entry(e.file, sorted(e.diagnostics + found[e.file], key=lambda d: (d.line, d.col, d.code)),
                      e.number)
        out.append(e)
    return out


def shared_references(specs: list[Path], style: str) -> dict[Path, Entry]:
    """Specs of this site's style that declare one reference: none of them can be published
    (each would be the same page), so each is an error naming the others."""
    by_number: dict[int, list[Path]] = {}
    for p in specs:
        number, named = declared(p)
        if number is not None and (named or DEFAULT) == style:
            by_number.setdefault(number, []).append(p)
    out = {}
    for number, paths in by_number.items():
        for p in paths if len(paths) > 1 else ():
            others = ", ".join(str(o) for o in paths if o != p)
            out[p] = Entry(str(p), [Diagnostic("PCD019", f"reference {number} is also declared by {others}: "
                                               "give each paper its own number", ("reference",), "error",
                                               str(p), *_reference_line(p))])
    return out


def _reference_line(path: Path) -> tuple[int, int]:
    try:
        for n, line in enumerate(path.read_text(encoding="utf-8", errors="replace").splitlines(), 1):
            if line.startswith("reference:"):
                return n, 12
    except OSError:
        pass
    return 1, 1


class SiteRefused(Exception):
    """The new site would lose a published decision: the live site stays as it is."""

    def __init__(self, diagnostics: list[Diagnostic], message: str) -> None:
        super().__init__(message)
        self.diagnostics = diagnostics


def kept_published(entries: list[Entry], published: list[Entry], target: Path, when: dt.date,
                   options: Options, style_dirs: tuple[str, ...]) -> None:
    """Refuse to replace a site in which a published decision would disappear because its spec
    now fails (errors, placeholders, no signature): a bad edit must not unpublish a signed
    paper. Removing its spec, or deferring it, withdraws a paper on purpose."""
    if not (target / MARKER).is_file():
        return
    from authoring.housestyle import load_style

    code = load_style(options.style, style_dirs)["code"]
    live_pages = {e.page for e in published}
    lost = []
    for e in entries:
        why = withheld(e, when, options.drafts, options.style)
        if not why or why.startswith(("deferred", OTHER)):
            continue
        number = e.number or declared(Path(e.file))[0]
        page = page_name(code, number) if number else ""
        if page and page not in live_pages and (target / page).is_file():
            lost.append(f"{e.file} ({code} {number}): {why}")
    if lost:
        raise SiteRefused([d for e in entries if not e.page for d in e.diagnostics],
                          "the site was not replaced: these papers are published there and would be "
                          "taken down; fix them, or remove a spec to withdraw its paper:\n  "
                          + "\n  ".join(lost))


def sync(folder: Path) -> None:
    """Flush the staged site to disk once, before it is swapped in (pages are not each fsynced)."""
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.syncfs(fd) if hasattr(os, "syncfs") else os.sync()
    finally:
        os.close(fd)


def make_pdfs(published: list[Entry], staging: Path, use_cache: bool, batch: int = 50) -> None:
    """Convert the DOCX of every paper whose PDF is not cached, in batches (one LibreOffice start
    each), and keep each PDF in its paper's cache record."""
    from authoring import cache
    from authoring.render.pdf import to_pdf

    work = staging / PDF_WORK
    pending = [e for e in published if e.pdf_pending]
    for i in range(0, len(pending), batch):
        group = {Path(e.pdf).stem: e for e in pending[i:i + batch]}
        made = to_pdf({stem: (work / f"{stem}.docx").read_bytes() for stem in group})
        for stem, data in made.items():
            write_staged(safe_child(staging, f"{stem}.pdf"), data)
            record = cache.load(group[stem].key) if use_cache and group[stem].key else None
            if record is not None:
                record["pdf"] = cache.put_blob(data)
                cache.store(group[stem].key, record)
    shutil.rmtree(work, ignore_errors=True)


def run_jobs(args: list[Job], jobs: int, quiet: bool = False) -> list[Entry]:
    """Every paper: those the cache answers here (a read, a hash and a link each), the rest in
    worker processes when there are enough of them to pay for starting the workers."""
    progress = Progress(len(args), quiet)
    done: list[Entry | None] = [_job(a, cached_only=True) if a.use_cache else None for a in args]
    for e in done:
        if e is not None:
            progress.tick(e)
    todo = [a for a, e in zip(args, done) if e is None]
    workers = jobs or os.cpu_count() or 1
    if workers == 1 or len(todo) < 8:
        made = [progress.tick(_job(a)) for a in todo]
    else:
        from concurrent.futures import ProcessPoolExecutor  # ~20 ms: only when there is work

        with ProcessPoolExecutor(max_workers=workers) as pool:
            made = [progress.tick(e) for e in pool.map(_job, todo, chunksize=8)]
    fresh = iter(made)
    return [e if e is not None else next(fresh) for e in done]


def relink(published: list[Entry], live: set[int], guessed: frozenset[int], staging: Path,
           style_dirs: tuple[str, ...], base_url: str = "", drafts: bool = False) -> None:
    """Re-render the few pages that cite a paper which turned out not to be published."""
    dead = guessed - live
    for e in published:
        if dead.intersection(e.cites):
            from authoring.pipeline import process
            (staging / e.page).unlink()
            write_staged(staging / e.page, render_page(process(e.file, style_dirs).paper,
                                                       frozenset(live), site_context(e, base_url, drafts)))
            e.digest = ""  # no longer the cached page's: the search index hashes the file


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

    def tick(self, entry):
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
