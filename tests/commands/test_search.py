"""The site's search, in real headless Chromium over HTTP with Pagefind's own index: it holds the
papers' own words and none of the form's; excerpts keep labels and values apart; a query for a
body finds the papers that name it; one body is one organisation filter entry."""

from __future__ import annotations

import functools
import http.server
import json
import re
import threading
from urllib.parse import urlencode

import pytest

from tests.conftest import minimal_text, mutate, run_pcd, signed_examples
from tests.render.tools import chromium

pytestmark = pytest.mark.browser

# Every indexed page with what Pagefind holds of it, loaded as search.js loads it.
INDEXED = """async () => {
  const form = document.querySelector("form.search");
  const base = new URL(".", location.href).pathname;
  const [first, ...others] = form.dataset.indexes.split(" ").filter(Boolean);
  const pagefind = await import(new URL(first + "pagefind.js", location.href).href);
  await pagefind.options({baseUrl: base});
  for (const other of others) await pagefind.mergeIndex(new URL(other, location.href).pathname, {baseUrl: base});
  const years = Object.keys((await pagefind.filters()).year);
  const found = await pagefind.search(null, {filters: {year: {any: years}}});
  return Promise.all(found.results.map((r) => r.data().then((d) => [d.url, d.content, d.meta.title])));
}"""


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    root = tmp_path_factory.mktemp("search")
    specs = signed_examples(root / "decisions")
    out = root / "site"
    result = run_pcd("site", str(specs), "-o", str(out), "--as-of", "2026-01-01")
    assert result.returncode == 0, result.stderr
    data = json.loads((out / "decisions.json").read_text(encoding="utf-8"))["decisions"]
    # Each paper's spec, its lines joined as YAML folds them: what the paper itself writes.
    texts = {int(re.search(r"^reference: (\d+)", t, re.M).group(1)): " ".join(t.split())
             for t in (p.read_text(encoding="utf-8") for p in specs.glob("*.yaml"))}
    sources = {d["url"]: texts[d["number"]] for d in data}
    return out, data, sources


@pytest.fixture(scope="module")
def served(site):
    class Quiet(http.server.SimpleHTTPRequestHandler):
        def log_message(self, *args):
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Quiet, directory=str(site[0])))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}/"
    server.shutdown()
    server.server_close()


@pytest.fixture(scope="module")
def page(served):
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=chromium(), headless=True, args=["--disable-gpu"])
        yield browser.new_page()
        browser.close()


def search(page, served, **query) -> tuple[list[str], list[str]]:
    """The search page as a reader uses it: the pages found, and their excerpts."""
    page.goto(served + "search.html?" + urlencode(query))
    page.wait_for_function("document.getElementById('search-status').textContent !== ''", timeout=30_000)
    links = [a.get_attribute("href").lstrip("/") for a in page.query_selector_all("#search-results a")]
    excerpts = [p.inner_text() for p in page.query_selector_all("#search-results p")]
    return sorted(links), excerpts


def indexed(page, served) -> dict[str, tuple[str, str]]:
    page.goto(served + "search.html")
    return {url.lstrip("/"): (content, title) for url, content, title in page.evaluate(INDEXED)}


def fixed_wording() -> list[str]:
    """The house style's own sentences (what every paper of the form prints), in pieces of four
    words or more between the references they hold."""
    from authoring.housestyle import load_style

    style = load_style("mopac")
    texts = [*style["texts"].values(), *(d["text"] for d in style.declarations)]
    pieces = (re.sub(r"\s+", " ", p).strip(" .,:;()") for t in texts for p in re.split(r"\{[^}]*\}|[*()]", t))
    return sorted({p for p in pieces if len(p.split()) >= 4})


def test_the_index_holds_the_papers_own_words_and_none_of_the_forms(page, served, site):
    _, data, sources = site
    found = indexed(page, served)
    assert sorted(found) == sorted(d["url"] for d in data)
    wording = fixed_wording()
    assert len(wording) > 20
    for d in data:
        content, title = found[d["url"]]
        assert title == f"{d['reference']}: {d['title']}"
        assert d["title"] in content  # the paper's own words are there …
        # … and the form's are not, unless the paper writes them itself
        assert [w for w in wording if w in content and w not in sources[d["url"]]] == [], d["reference"]
        # No label run into its value ("ReferencePCD 1843", "delivery3,074,302"): a lower-case
        # letter against a capital or a figure only where the paper itself writes one.
        runs = {m.group(0) for m in re.finditer(r"\S*[a-z)][A-Z£0-9]\S*", content)}
        assert {r for r in runs if r.strip(".,;:()") not in sources[d["url"]]} == set(), d["reference"]


def test_a_query_for_a_body_finds_only_the_papers_that_name_it(page, served, site):
    _, data, sources = site
    bodies = sorted({o for d in data for o in d["organisations"]})
    assert "Home Office" in bodies
    for body in bodies:
        naming = sorted(d["url"] for d in data if body.casefold() in sources[d["url"]].casefold())
        assert search(page, served, q=body)[0] == naming, body
        assert search(page, served, organisation=body)[0] == naming, body


def test_home_office_among_grant_acceptances_is_not_matched_by_an_officer(page, served, site):
    _, data, sources = site
    accepting = [d for d in data if "grant acceptance" in d["kinds"]]
    naming = sorted(d["url"] for d in accepting if "home office" in sources[d["url"]].casefold())
    assert naming and len(naming) < len(accepting)  # some grant acceptances do not name it
    links, excerpts = search(page, served, q="home office", kind="grant acceptance")
    assert links == naming
    assert all("home office" in e.casefold() for e in excerpts), excerpts


def bodies(text: str) -> tuple[str, ...]:
    from authoring.pipeline import process_text

    outcome = process_text(text.encode("utf-8"), "2001.yaml")
    assert outcome.ok, [d.format() for d in outcome.findings]
    return outcome.paper.organisations


def test_one_body_is_one_organisation_however_its_line_is_labelled():
    funder = "    - {id: grantor, name: The Grantor}"
    assert bodies(minimal_text()) == ()  # a label that names no known body is not one
    for name in ("Home Office (Safer Streets Fund, Round 5)", "Home Office grant", "HO grant for the LSMP"):
        assert bodies(mutate(minimal_text(), funder, f"    - {{id: grantor, name: '{name}'}}")) == ("Home Office",)
    by_org = mutate(minimal_text(), funder, "    - {id: grantor, name: Safer Streets money, org: HO}")
    assert bodies(by_org) == ("Home Office",)
    unlisted = mutate(minimal_text(), funder, "    - {id: grantor, name: Our grant, org: The Rank Foundation}")
    assert bodies(unlisted) == ("The Rank Foundation",)


def test_a_recipient_described_in_words_is_not_an_organisation():
    def with_recipient(line: str) -> str:
        text = mutate(minimal_text(), "  costs:\n", f"  recipients:\n    - {line}\n  costs:\n")
        text = mutate(text, "    accepts: [{funder: grantor, cost: pilot}]\n",
                      "    accepts: [{funder: grantor, cost: pilot}]\n    awards: [lead]\n")
        return mutate(text, "      label: Pilot\n", "      label: Pilot\n      use: award\n      recipient: lead\n")

    assert bodies(with_recipient("{id: lead, name: London Borough of Camden}")) == ("London Borough of Camden",)
    assert bodies(with_recipient("{id: lead, name: the lead partners and local authorities}")) == ()
    assert bodies(with_recipient("{id: lead, name: the lead partners, org: Drive Partnership}")) == \
        ("Drive Partnership",)
