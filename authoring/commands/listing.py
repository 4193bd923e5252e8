"""The site's pages about papers rather than of them: the lists, browse and search pages, the feed,
the data and the sitemap, and Pagefind's search index.

Lists are paginated and grouped by year, newest first, so no page grows with the archive; a
pre-built list per year, decision maker, kind and organisation is the filter that works without
JavaScript. Only published papers reach here: deferred and failed ones never enter a list, the
data or the search index.
"""

from __future__ import annotations

import datetime as dt
import functools
import itertools
import json
import os
import shutil
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

from authoring.commands.output import link_staged, safe_child, unchanged, write_staged
from authoring.commands.sitedata import slug

PER_PAGE = 50
FEED_SIZE = 50  # a feed carries the newest papers; the lists and the data carry them all
SHOWN = 12  # values of a facet listed on the first page; the rest are on browse.html


@dataclass
class Facet:
    id: str  # the search filter's name, and the file names' prefix
    heading: str  # "Years"
    label: str  # "Year", for the search form
    title: str  # "… signed in {}": the list page's heading
    other: str = ""  # the heading for a value that is not one the title fits ("Not yet signed")
    values: list[dict] = field(default_factory=list)

    def title_of(self, value: str) -> str:
        """The list page's heading: "… signed in 2025", but "… not yet signed"."""
        if self.other and not value.isdigit():
            return self.other.format(value.lower())
        return self.title.format(value)

    @property
    def shown(self) -> list[dict]:
        return self.values[:SHOWN]

    @property
    def more(self) -> int:
        return len(self.values) if len(self.values) > SHOWN else 0


def facets(entries: list, kind_name: str) -> list[tuple[Facet, dict[str, list]]]:
    """Each filter with its values (newest year first, otherwise most papers first), the papers
    under each value, and a file name for each value's list."""
    specs = (
        (Facet("year", "Years", "Year", f"{kind_name}s signed in {{}}", f"{kind_name}s {{}}"),
         lambda e: [e.year]),
        (Facet("maker", "Decision makers", "Decision maker", f"{kind_name}s by the {{}}"),
         lambda e: [e.decision_maker]),
        (Facet("kind", "Kinds of decision", "Kind of decision", f"{kind_name}s: {{}}"),
         lambda e: list(e.kinds)),
        (Facet("organisation", "Organisations", "Organisation", f"{kind_name}s naming {{}}"),
         lambda e: list(e.organisations)),
        # The house style's front-sheet fields it offers as filters (wards, key decision).
        *((Facet("field-" + slug(label), label, label, f"{kind_name}s – {label}: {{}}"),
           lambda e, label=label: [v for name, vs in getattr(e, "fields", ()) if name == label
                                   for v in vs])
          for label in dict.fromkeys(name for e in entries for name, _ in getattr(e, "fields", ()))),
    )
    out = []
    for facet, of in specs:
        groups: dict[str, list] = {}
        for e in entries:
            for value in of(e):
                if value:
                    groups.setdefault(value, []).append(e)
        order = (sorted(groups, key=lambda v: (v.isdigit(), v), reverse=True) if facet.id == "year"
                 else sorted(groups, key=lambda v: (-len(groups[v]), v.casefold())))
        taken: set[str] = set()  # every page name given so far, the later pages of a list too
        for value in order:
            pages = -(-len(groups[value]) // PER_PAGE)
            name = f"{facet.id}-{slug(value)}"
            for n in itertools.count(2):  # "Acme 2" must not take the name of Acme's second page
                if taken.isdisjoint(page_names(name, pages)):
                    break
                name = f"{facet.id}-{slug(value)}-{n}"
            taken.update(page_names(name, pages))
            facet.values.append({"label": value, "href": f"{name}.html", "count": len(groups[value]),
                                 "stem": name})
        out.append((facet, groups))
    return out


def site_of(nav, name: str, base_url: str, draft: bool = False) -> dict:
    return {"nav": nav, "here": name, "canonical": base_url + name if base_url else "", "draft": draft}


def page_names(stem: str, count: int) -> list[str]:
    return [f"{stem}.html"] + [f"{stem}-{n}.html" for n in range(2, count + 1)]


def write_list(publish, made_of, stem: str, entries: list, listing: dict, browse, nav,
               base_url: str, draft: bool = False) -> list[str]:
    """One list, paginated: its pages' file names, first page first."""
    chunks = [entries[i:i + PER_PAGE] for i in range(0, len(entries), PER_PAGE)] or [[]]
    names = page_names(stem, len(chunks))
    for n, (name, chunk) in enumerate(zip(names, chunks), start=1):
        groups = [(year, slug(year), list(es)) for year, es in itertools.groupby(chunk, key=lambda e: e.year)]
        pager = {"current": n, "pages": list(enumerate(names, start=1)),
                 "previous": names[n - 2] if n > 1 else "", "next": names[n] if n < len(names) else ""}
        shown = browse if n == 1 else []
        publish(name, "index.html", listing=listing, groups=groups, pager=pager, browse=shown,
                site=site_of(nav, name, base_url, draft),
                inputs=[made_of(chunk), [vars(f) for f in shown]])
    return names


def write_listings(entries: list, staging: Path, live: Path, as_of: dt.date, style_dirs: tuple[str, ...],
                   base_url: str = "", use_cache: bool = True, drafts: bool = False,
                   house_style: str = "") -> None:
    """Every list, browse and search page, the feed, the data, the sitemap and the search index,
    into the staging folder (`live` is the site they replace: unchanged files are linked).
    In a preview of drafts every page is marked DRAFT, and the feed, the data and the sitemap
    hold the signed papers only."""
    from authoring import cache
    from authoring.commands.ledgerpages import page_of, write_ledger_pages
    from authoring.commands.sitedata import NAV, SCHEMA, document, entry_record
    from authoring.housestyle import load_style
    from authoring.stylepath import DEFAULT

    def put(name: str, data: bytes) -> None:
        write_staged(safe_child(staging, name), data, live / name)

    style = load_style(house_style or DEFAULT, style_dirs)
    entries = sorted(entries, key=lambda e: (e.signed or dt.date.min, e.number), reverse=True)
    common = dict(org=style["organisation"], style=style, as_of=as_of, home="index.html")
    # What a list is made from, a hash per paper (each paper is in several lists): its cache
    # key, which its entry follows from, else the hash of the entry. Unused without the cache.
    hashes = {id(e): e.key or cache.sha256(json.dumps(entry_record(e), default=str, sort_keys=True)
                                           .encode("utf-8")).hexdigest()
              for e in entries} if use_cache else {}

    def made_of(papers: list) -> list[str]:
        return [hashes[id(e)] for e in papers] if use_cache else []

    def publish(name: str, template: str, inputs=(), **ctx) -> None:
        """A page, from the live site or the cache when everything it is made from is the same
        as last time (`inputs` stands for the papers and facets by their data): rendering lists
        in the sandbox is most of an incremental build's time."""
        key = ""
        if use_cache:
            rest = {k: v for k, v in ctx.items() if k not in ("groups", "browse", "entries")}
            whole = json.dumps([template, inputs, rest, str(as_of)], default=str, sort_keys=True)
            key = cache.key("listing", whole.encode("utf-8"), style_dirs)
            digest = (cache.load(key) or {}).get("page")
            if unchanged(live, name, digest):
                return link_staged(safe_child(staging, name), live / name)
            got = cache.get_blob(digest)
            if got is not None:
                return put(name, got)
        from authoring.render.html import render  # jinja2 only when a page is made

        page = render(style, template, **common, **ctx).encode("utf-8")
        if key:
            cache.store(key, {"page": cache.put_blob(page)})
        put(name, page)

    shards = search_shards(entries)
    indexed = index_search(staging, live, shards, use_cache)  # Pagefind works while lists are made
    try:
        kind_name = style["decision_type"]
        found = facets(entries, kind_name)
        browse = [f for f, _ in found]
        lists: dict[str, tuple[list, dt.date | None]] = {}  # page name -> papers, newest date
        everything = {"title": f"{kind_name}s", "count": len(entries), "all": ""}
        for name in write_list(publish, made_of, "index", entries, everything, browse, NAV, base_url, drafts):
            lists[name] = (entries, entries[0].signed if entries else None)
        # A page per contract and per organisation (ledgerpages.py); an organisation's list
        # links to its page, and its page to the list.
        named = {v["label"]: v["href"] for f in browse if f.id == "organisation" for v in f.values}
        ledger = write_ledger_pages(publish, made_of, entries, named,
                                    lambda name: site_of(NAV, name, base_url, drafts))
        lists.update((name, ([], signed)) for name, signed in ledger.dates.items())
        for facet, groups in found:
            for value in facet.values:
                papers = groups[value["label"]]
                about = page_of("org", value["label"]) if facet.id == "organisation" else ""
                listing = {"title": facet.title_of(value["label"]), "count": len(papers),
                           "all": "index.html", "about": about if about in ledger.dates else ""}
                for name in write_list(publish, made_of, value["stem"], papers, listing, [], NAV, base_url,
                                       drafts):
                    lists[name] = (papers, papers[0].signed)
        for name in ("browse.html", "search.html"):
            publish(name, name, browse=browse, indexes=list(shards),
                    site=site_of(NAV, name, base_url, drafts), inputs=[vars(f) for f in browse])
            lists[name] = (entries, entries[0].signed if entries else None)
        publish("search.js", "search.js")
        signed = [e for e in entries if not e.draft]  # what the feed, the data and the sitemap hold
        publish("feed.xml", "feed.xml", entries=signed[:FEED_SIZE], base_url=base_url,
                inputs=made_of(signed[:FEED_SIZE]))
        same = len(signed) == len(entries)  # no drafts: the data's contracts are the pages'
        published = document(signed, (ledger.contracts, ledger.organisations) if same else None)
        for name, data in (("decisions.json", published), ("decisions.schema.json", SCHEMA)):
            put(name, (json.dumps(data, indent=2, ensure_ascii=False) + "\n").encode("utf-8"))
        if base_url and not drafts:  # a sitemap lists absolute addresses only; a preview has none
            urls = [(e.page, e.signed) for e in entries] + [(n, d) for n, (_, d) in lists.items()]
            publish("sitemap.xml", "sitemap.xml", urls=urls, base_url=base_url)
    finally:
        indexed()


SEARCH = "search"  # one Pagefind index per year under here, merged in the browser


def search_shards(entries: list) -> dict[str, list]:
    """The papers of each search index: one per year, newest first, so a change re-indexes
    one year and no index grows with the archive (Pagefind holds a whole index in memory)."""
    shards: dict[str, list] = {}
    for e in entries:
        shards.setdefault(f"{SEARCH}/{slug(e.year)}/", []).append(e)
    return shards


def index_search(staging: Path, live: Path, shards: dict[str, list],
                 use_cache: bool = True) -> Callable[[], None]:
    """Pagefind's static search index of the paper pages, a year at a time; a year whose pages
    have not changed is taken from the cache. The years to index are indexed in the background,
    started before the others are restored: call what this returns to wait for them."""
    import hashlib
    from concurrent.futures import ThreadPoolExecutor

    from authoring import cache

    try:
        from pagefind import __version__ as version  # the binary ships in the pagefind-bin wheel
    except ImportError:
        print("pcd: search is not indexed: Pagefind is not installed (pip install 'pagefind[bin]')",
              file=sys.stderr)
        return lambda: None
    years = []
    for folder, papers in shards.items():
        h = hashlib.sha256(f"pagefind {version} {folder}".encode())
        for e in papers:  # each page by its hash: known from the cache, else read
            page = (bytes.fromhex(e.digest) if e.digest
                    else hashlib.sha256((staging / e.page).read_bytes()).digest())
            h.update(f"\0{e.page}\0".encode() + page)
        name = h.hexdigest()
        files = (cache.load(name) or {}).get("files") if use_cache else None
        years.append((folder, papers, name, files if isinstance(files, dict) else None))
    pool = ThreadPoolExecutor(max_workers=os.cpu_count() or 1)
    running = [(pool.submit(_pagefind, staging, folder, papers), folder, name)
               for folder, papers, name, files in years if files is None]
    try:
        for folder, papers, name, files in years:
            if files is not None and not _restore(staging, live, folder, files):
                running.append((pool.submit(_pagefind, staging, folder, papers), folder, name))
    except BaseException:  # Pagefind must not write into a staging folder being removed
        pool.shutdown(wait=True, cancel_futures=True)
        raise

    def wait() -> None:
        try:
            for future, folder, name in running:
                future.result()
                if use_cache:
                    out = staging / folder
                    cache.store(name, {"files": {str(p.relative_to(out)): cache.put_blob(p.read_bytes())
                                                 for p in sorted(out.rglob("*")) if p.is_file()}})
        finally:
            pool.shutdown(wait=True, cancel_futures=True)

    return wait


def _restore(staging: Path, live: Path, folder: str, files: dict) -> bool:
    """A year's index as it was last built: each file linked from the live site or written from
    the cache. False, with nothing written, when any file is neither."""
    from authoring import cache

    plan = []
    for rel, digest in files.items():
        try:
            path = safe_child_path(staging / folder, rel)
        except (ValueError, AttributeError):
            return False
        there = unchanged(live, folder + rel, digest)
        data = None if there else cache.get_blob(digest)
        if not there and data is None:
            return False
        plan.append((path, data, live / folder / rel))
    for path, data, source in plan:
        if data is None:
            link_staged(path, source)
        else:
            write_staged(path, data, source)
    return True


def _pagefind(staging: Path, folder: str, papers: list) -> None:
    """Index one year's pages: Pagefind reads a folder holding only them (linked, not copied).
    Its messages go to a file, not a pipe, so this thread needs the interpreter only to start
    it and to wait (a pipe is read under the interpreter's lock, which the lists hold)."""
    import tempfile

    # Inside the staging folder, so a killed build's leftovers go with its staging folder.
    with tempfile.TemporaryDirectory(prefix=".pcd-search-", dir=staging) as tmp, \
            tempfile.TemporaryFile() as messages:
        pages = Path(tmp)
        for e in papers:
            try:
                os.link(staging / e.page, pages / e.page)
            except OSError:
                shutil.copyfile(staging / e.page, pages / e.page)
        done = subprocess.run([*_pagefind_command(), "--site", str(pages), "--silent",
                               "--force-language", "en", "--output-path", str(staging / folder)],
                              stdin=subprocess.DEVNULL, stdout=messages, stderr=messages)
        if done.returncode != 0:
            messages.seek(0)
            said = messages.read().decode("utf-8", "replace").strip()[-500:]
            raise OSError(f"Pagefind could not index the site: {said}")


@functools.lru_cache(maxsize=1)
def _pagefind_command() -> list[str]:
    """Pagefind's binary itself: `python -m pagefind` starts an interpreter first (~0.1 s a year)."""
    try:
        from pagefind_bin import get_executable
        return [str(get_executable())]
    except (ImportError, OSError):
        return [sys.executable, "-m", "pagefind"]


def safe_child_path(folder: Path, rel: str) -> Path:
    """folder/rel for a cached index file, each part a safe name (nothing can climb out)."""
    parts = rel.split("/")
    for part in parts[:-1]:
        folder = safe_child(folder, part)
    return safe_child(folder, parts[-1])
