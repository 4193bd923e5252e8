"""The site's pages about papers rather than of them: the lists, browse and search pages, the feed,
the data and the sitemap, and Pagefind's search index.

Lists are paginated and grouped by year, newest first, so no page grows with the archive; a
pre-built list per year, decision maker, kind and organisation is the filter that works without
JavaScript. Only published papers reach here: deferred and failed ones never enter a list, the
data or the search index.
"""

from __future__ import annotations

import datetime as dt
import itertools
import json
import os
import re
import shutil
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path

from authoring.commands.output import safe_child, write_staged

PER_PAGE = 50
FEED_SIZE = 50  # a feed carries the newest papers; the lists and the data carry them all
SHOWN = 12  # values of a facet listed on the first page; the rest are on browse.html


@dataclass
class Facet:
    id: str  # the search filter's name, and the file names' prefix
    heading: str  # "Years"
    label: str  # "Year", for the search form
    title: str  # "… signed in {}": the list page's heading
    values: list[dict] = field(default_factory=list)

    @property
    def shown(self) -> list[dict]:
        return self.values[:SHOWN]

    @property
    def more(self) -> int:
        return len(self.values) if len(self.values) > SHOWN else 0


def slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.casefold()).strip("-")[:60] or "other"


def facets(entries: list, kind_name: str) -> list[tuple[Facet, dict[str, list]]]:
    """Each filter with its values (newest year first, otherwise most papers first), the papers
    under each value, and a file name for each value's list."""
    specs = (
        (Facet("year", "Years", "Year", f"{kind_name}s signed in {{}}"), lambda e: [e.year]),
        (Facet("maker", "Decision makers", "Decision maker", f"{kind_name}s by the {{}}"),
         lambda e: [e.decision_maker]),
        (Facet("kind", "Kinds of decision", "Kind of decision", f"{kind_name}s: {{}}"),
         lambda e: list(e.kinds)),
        (Facet("organisation", "Organisations", "Organisation", f"{kind_name}s naming {{}}"),
         lambda e: list(e.organisations)),
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
        taken: set[str] = set()
        for value in order:
            name = f"{facet.id}-{slug(value)}"
            for n in itertools.count(2):
                if name not in taken:
                    break
                name = f"{facet.id}-{slug(value)}-{n}"
            taken.add(name)
            facet.values.append({"label": value, "href": f"{name}.html", "count": len(groups[value]),
                                 "stem": name})
        out.append((facet, groups))
    return out


def site_of(nav, name: str, base_url: str) -> dict:
    return {"nav": nav, "here": name, "canonical": base_url + name if base_url else ""}


def page_names(stem: str, count: int) -> list[str]:
    return [f"{stem}.html"] + [f"{stem}-{n}.html" for n in range(2, count + 1)]


def write_list(put, render, stem: str, entries: list, listing: dict, browse, nav,
               base_url: str) -> list[str]:
    """One list, paginated: its pages' file names, first page first."""
    from authoring.commands.site import entry_record

    chunks = [entries[i:i + PER_PAGE] for i in range(0, len(entries), PER_PAGE)] or [[]]
    names = page_names(stem, len(chunks))
    for n, (name, chunk) in enumerate(zip(names, chunks), start=1):
        groups = [(year, slug(year), list(es)) for year, es in itertools.groupby(chunk, key=lambda e: e.year)]
        pager = {"current": n, "pages": list(enumerate(names, start=1)),
                 "previous": names[n - 2] if n > 1 else "", "next": names[n] if n < len(names) else ""}
        shown = browse if n == 1 else []
        put(name, render("index.html", listing=listing, groups=groups, pager=pager, browse=shown,
                         site=site_of(nav, name, base_url),
                         inputs=[[entry_record(e) for e in chunk], [vars(f) for f in shown]]))
    return names


def write_listings(entries: list, staging: Path, live: Path, as_of: dt.date, style_dirs: tuple[str, ...],
                   base_url: str = "", use_cache: bool = True) -> None:
    """Every list, browse and search page, the feed, the data, the sitemap and the search index,
    into the staging folder (`live` is the site they replace: unchanged files are linked)."""
    from authoring import cache
    from authoring.commands.site import NAV, entry_record
    from authoring.commands.sitedata import SCHEMA, document
    from authoring.housestyle import load_style
    from authoring.render.html import render as render_with
    from authoring.stylepath import DEFAULT

    def put(name: str, data: bytes) -> None:
        write_staged(safe_child(staging, name), data, live / name)

    style = load_style(DEFAULT, style_dirs)
    entries = sorted(entries, key=lambda e: (e.signed or dt.date.min, e.number), reverse=True)
    common = dict(org=style["organisation"], style=style, as_of=as_of, home="index.html")

    def render(template: str, inputs=None, **ctx) -> bytes:
        """A page, from the cache when everything it is made from is the same as last time
        (`inputs` stands for the papers and facets by their data); rendering lists in the
        sandbox is most of an incremental build's time."""
        name = ""
        if inputs is not None and use_cache:
            rest = {k: v for k, v in ctx.items() if k not in ("groups", "browse")}
            made_of = json.dumps([template, inputs, rest, str(as_of)], default=str, sort_keys=True)
            name = cache.key("listing", made_of.encode("utf-8"), style_dirs)
            got = cache.get_blob((cache.load(name) or {}).get("page"))
            if got is not None:
                return got
        page = render_with(style, template, **common, **ctx).encode("utf-8")
        if name:
            cache.store(name, {"page": cache.put_blob(page)})
        return page

    kind_name = style["decision_type"]
    found = facets(entries, kind_name)
    browse = [f for f, _ in found]
    lists: dict[str, tuple[list, dt.date | None]] = {}  # page name -> papers, newest date
    everything = {"title": f"{kind_name}s", "count": len(entries), "all": ""}
    for name in write_list(put, render, "index", entries, everything, browse, NAV, base_url):
        lists[name] = (entries, entries[0].signed if entries else None)
    for facet, groups in found:
        for value in facet.values:
            papers = groups[value["label"]]
            listing = {"title": facet.title.format(value["label"]), "count": len(papers),
                       "all": "index.html"}
            for name in write_list(put, render, value["stem"], papers, listing, [], NAV, base_url):
                lists[name] = (papers, papers[0].signed)
    shards = search_shards(entries)
    for name, template in (("browse.html", "browse.html"), ("search.html", "search.html")):
        page = render(template, browse=browse, indexes=list(shards), site=site_of(NAV, name, base_url))
        put(name, page)
        lists[name] = (entries, entries[0].signed if entries else None)
    put("search.js", render("search.js"))
    put("feed.xml", render("feed.xml", entries=entries[:FEED_SIZE], base_url=base_url,
                           inputs=[entry_record(e) for e in entries[:FEED_SIZE]]))
    for name, data in (("decisions.json", document(entries)), ("decisions.schema.json", SCHEMA)):
        put(name, (json.dumps(data, indent=2, ensure_ascii=False) + "\n").encode("utf-8"))
    if base_url:  # a sitemap lists absolute addresses only
        urls = [(e.page, e.signed) for e in entries] + [(n, d) for n, (_, d) in lists.items()]
        put("sitemap.xml", render("sitemap.xml", urls=urls, base_url=base_url))
    index_search(staging, live, shards, use_cache)


SEARCH = "search"  # one Pagefind index per year under here, merged in the browser


def search_shards(entries: list) -> dict[str, list]:
    """The papers of each search index: one per year, newest first, so a change re-indexes
    one year and no index grows with the archive (Pagefind holds a whole index in memory)."""
    shards: dict[str, list] = {}
    for e in entries:
        shards.setdefault(f"{SEARCH}/{slug(e.year)}/", []).append(e)
    return shards


def index_search(staging: Path, live: Path, shards: dict[str, list], use_cache: bool = True) -> None:
    """Pagefind's static search index of the paper pages, a year at a time; a year whose pages
    have not changed is taken from the cache."""
    import hashlib
    from concurrent.futures import ThreadPoolExecutor

    from authoring import cache

    try:
        from pagefind import __version__ as version  # the binary ships in the pagefind-bin wheel
    except ImportError:
        print("pcd: search is not indexed: Pagefind is not installed (pip install 'pagefind[bin]')",
              file=sys.stderr)
        return
    todo = []
    for folder, papers in shards.items():
        h = hashlib.sha256(f"pagefind {version} {folder}".encode())
        for e in papers:
            h.update(f"\0{e.page}\0".encode() + hashlib.sha256((staging / e.page).read_bytes()).digest())
        name = h.hexdigest()
        record = cache.load(name) if use_cache else None
        files = record.get("files") if record else None
        got = ({rel: cache.get_blob(d) for rel, d in files.items()} if isinstance(files, dict) else {})
        if got and all(isinstance(rel, str) and data is not None for rel, data in got.items()):
            for rel, data in got.items():
                write_staged(safe_child_path(staging / folder, rel), data, live / folder / rel)  # type: ignore[arg-type]
        else:
            todo.append((folder, papers, name))
    with ThreadPoolExecutor(max_workers=max(1, min(len(todo), os.cpu_count() or 1))) as pool:
        for _folder, files, name in pool.map(lambda job: _pagefind(staging, *job), todo):
            if use_cache:
                cache.store(name, {"files": {rel: cache.put_blob(data) for rel, data in files.items()}})


def _pagefind(staging: Path, folder: str, papers: list, name: str) -> tuple[str, dict[str, bytes], str]:
    """Index one year's pages: Pagefind reads a folder holding only them (linked, not copied)."""
    import tempfile

    # Inside the staging folder, so a killed build's leftovers go with its staging folder.
    with tempfile.TemporaryDirectory(prefix=".pcd-search-", dir=staging) as tmp:
        pages = Path(tmp)
        for e in papers:
            try:
                os.link(staging / e.page, pages / e.page)
            except OSError:
                shutil.copyfile(staging / e.page, pages / e.page)
        done = subprocess.run([sys.executable, "-m", "pagefind", "--site", str(pages), "--silent",
                               "--force-language", "en", "--output-path", str(staging / folder)],
                              capture_output=True, text=True)
    if done.returncode != 0:
        raise OSError(f"Pagefind could not index the site: {done.stderr.strip()[-500:]}")
    out = staging / folder
    files = {str(p.relative_to(out)): p.read_bytes() for p in sorted(out.rglob("*")) if p.is_file()}
    return folder, files, name


def safe_child_path(folder: Path, rel: str) -> Path:
    """folder/rel for a cached index file, each part a safe name (nothing can climb out)."""
    parts = rel.split("/")
    for part in parts[:-1]:
        folder = safe_child(folder, part)
    return safe_child(folder, parts[-1])
