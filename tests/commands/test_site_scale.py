"""A site of 2,000 papers, as an archive is: every page small, lists paginated by year, filters
that work without JavaScript, search that works with it, a valid sitemap and feed, and every kind
of page accessible (axe-core in Chromium at 320 and 1280 px, the Nu HTML Checker)."""

from __future__ import annotations

import datetime as dt
import functools
import http.server
import json
import threading

import pytest

from tests.conftest import DATA, run_pcd
from tests.render.tools import VNU_NEWER_CSS, axe_js, vnu_jar

pytestmark = [pytest.mark.browser, pytest.mark.slow]
BASE = "https://www.example.gov.uk/decisions/"
COUNT = 2000
ATOM = "{http://www.w3.org/2005/Atom}"


@pytest.fixture(scope="module")
def archive(tmp_path_factory):
    from benchmarks.corpus import archive as make

    root = tmp_path_factory.mktemp("archive")
    make(root / "specs", COUNT)
    site = root / "site"
    result = run_pcd("site", str(root / "specs"), "-o", str(site), "--as-of", "2026-01-01",
                     "--base-url", BASE, "--quiet")
    assert result.returncode == 0, result.stderr
    return site


@pytest.fixture(scope="module")
def served(archive):
    """The site over HTTP, as a web server gives it (search loads its index as modules)."""
    class Quiet(http.server.SimpleHTTPRequestHandler):
        def log_message(self, *args):
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Quiet, directory=str(archive)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}/"
    server.shutdown()
    server.server_close()



def sample(site) -> list[str]:
    """One page of every kind the site has."""
    first = {prefix: sorted(site.glob(f"{prefix}-*.html"))[0].name
             for prefix in ("year", "maker", "kind", "organisation", "pcd")}
    # the contract with the most decisions on it, and an organisation's page
    ledger = [max(site.glob("contract-*.html"), key=lambda p: p.stat().st_size).name,
              sorted(site.glob("org-*.html"))[0].name]
    return ["index.html", "index-2.html", "index-40.html", "browse.html", "search.html",
            *first.values(), *ledger, "pcd-20000.html", "pcd-20005.html"]


def test_every_page_is_small_and_the_lists_are_paginated_by_year(archive):
    pages = sorted(archive.glob("*.html"))
    sizes = {p.name: p.stat().st_size for p in pages}
    assert max(sizes.values()) < 200_000, max(sizes.items(), key=lambda kv: kv[1])
    assert (archive / "index-40.html").exists() and not (archive / "index-41.html").exists()  # 50 a page
    first = (archive / "index.html").read_text()
    assert first.index('<h2 id="year-2025">') < first.index('href="index-2.html"')
    data = json.loads((archive / "decisions.json").read_text())
    assert data["version"] == 2 and len(data["decisions"]) == COUNT
    signed = [d["date_signed"] for d in data["decisions"] if d["date_signed"]]
    assert signed == sorted(signed, reverse=True)  # newest first
    years = {d["date_signed"][:4] for d in data["decisions"] if d["date_signed"]}
    assert len(years) >= 8
    for year in years:  # a filter page per year, listing exactly that year's papers
        listed = (archive / f"year-{year}.html").read_text()
        count = sum(1 for d in data["decisions"] if (d["date_signed"] or "").startswith(year))
        assert f"{count} published decision" in listed


def test_the_data_is_valid_against_its_schema(archive):
    import jsonschema

    schema = json.loads((archive / "decisions.schema.json").read_text())
    jsonschema.validate(json.loads((archive / "decisions.json").read_text()), schema)


def test_the_sitemap_is_valid_and_dated_from_the_signatures(archive):
    from lxml import etree

    schema = etree.XMLSchema(etree.parse(str(DATA / "schemas" / "sitemap.xsd")))
    doc = etree.parse(str(archive / "sitemap.xml"))
    schema.assertValid(doc)
    ns = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}
    urls = {u.findtext("s:loc", namespaces=ns): u.findtext("s:lastmod", namespaces=ns)
            for u in doc.getroot()}
    pages = {BASE + p.name for p in archive.glob("*.html")}
    assert set(urls) == pages and len(urls) < 50_000
    data = json.loads((archive / "decisions.json").read_text())
    for d in data["decisions"][:50]:
        assert urls[BASE + d["url"]] == d["date_signed"]
    # the check can fail: a relative address is not a sitemap's
    bad = etree.fromstring(b'<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
                           b'<url><loc>pcd-1.html</loc><lastmod>2025-13-01</lastmod></url></urlset>')
    assert not schema.validate(bad)


def test_each_page_names_its_canonical_address(archive):
    for name in sample(archive):
        assert f'<link rel="canonical" href="{BASE}{name}">' in (archive / name).read_text()


def test_the_feed_is_atom_as_rfc_4287_requires(archive):
    from lxml import etree

    feed = etree.parse(str(archive / "feed.xml")).getroot()
    assert feed.tag == f"{ATOM}feed"
    assert feed.get("{http://www.w3.org/XML/1998/namespace}base") == BASE
    for required in ("id", "title", "updated", "author"):
        assert feed.find(f"{ATOM}{required}") is not None, required
    assert feed.find(f"{ATOM}link[@rel='self']").get("href") == BASE + "feed.xml"
    entries = feed.findall(f"{ATOM}entry")
    assert 0 < len(entries) <= 50
    ids = [e.findtext(f"{ATOM}id") for e in entries]
    assert len(set(ids)) == len(ids) and all(i.startswith(BASE) for i in ids)
    for e in entries:
        dt.datetime.fromisoformat(e.findtext(f"{ATOM}updated").replace("Z", "+00:00"))
        assert e.findtext(f"{ATOM}title") and e.find(f"{ATOM}link[@rel='alternate']") is not None


def test_search_finds_papers_and_filters_them_in_the_browser(browser, served):
    page = browser.new_page()
    try:
        page.goto(served + "search.html?q=neurodiversity&year=2021")
        page.wait_for_function("document.getElementById('search-status').textContent !== ''", timeout=30_000)
        status = page.inner_text("#search-status")
        links = [a.get_attribute("href") for a in page.query_selector_all("#search-results a")]
        assert status.endswith("found") or "first 50" in status
        assert links and all(link.startswith("/pcd-") for link in links)
        page.goto(served + "search.html?q=&kind=contract+award")
        page.wait_for_function("document.getElementById('search-status').textContent !== ''", timeout=30_000)
        assert "decisions found" in page.inner_text("#search-status")
    finally:
        page.close()


def axe(browser, url: str, width: int):
    page = browser.new_page(viewport={"width": width, "height": 900})
    try:
        page.goto(url)
        if "search.html?" in url:
            page.wait_for_function("document.getElementById('search-status').textContent !== ''",
                                   timeout=30_000)
        page.add_script_tag(content=axe_js().read_text(encoding="utf-8"))
        result = page.evaluate("async () => await axe.run(document, {runOnly: {type: 'tag', values: "
                               "['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice']}})")
        overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
        return [(v["id"], [n["target"] for n in v["nodes"]][:3]) for v in result["violations"]], overflow
    finally:
        page.close()


def test_every_kind_of_page_is_accessible_at_320_and_1280_px(browser, served, archive):
    for name in [*sample(archive), "search.html?q=grant&kind=grant+acceptance"]:
        for width in (320, 1280):
            violations, overflow = axe(browser, served + name, width)
            assert violations == [], (name, width)
            assert overflow <= 0, f"{name}: horizontal scroll at {width}px"


def test_every_kind_of_page_is_valid_html(archive):
    import subprocess

    result = subprocess.run(["java", "-jar", str(vnu_jar()), "--errors-only", "--format", "text", *VNU_NEWER_CSS,
                             *(str(archive / n) for n in sample(archive))],
                            capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr
