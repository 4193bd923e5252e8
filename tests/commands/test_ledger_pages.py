"""`pcd site` publishes the archive as a ledger: a page per contract (every decision on it in order,
its value after each, the change since the original and its share of it, a chart that pictures
the table) and per organisation (money in and out by year, as funder, recipient or supplier),
linked from the papers; decisions.json carries both. Built from the worked archive
(tests/data/archive: MOPAC 3100 through award, extension, variation and uplift)."""

from __future__ import annotations

import datetime as dt
import json
import re
import shutil
import subprocess
from decimal import Decimal
from html.parser import HTMLParser
from pathlib import Path

import pytest

from tests.conftest import DATA, mutate, run_pcd
from tests.render.tools import VNU_NEWER_CSS, axe_js, chromium, vnu_jar

ARCHIVE = DATA / "archive"
AS_OF = "2026-12-01"
CONTRACT = "contract-mopac-3100.html"
SUPPLIER = "org-example-support-services-ltd.html"


class Cells(HTMLParser):
    """The rows of every table (each cell's text), the links and the SVG of a page."""

    def __init__(self) -> None:
        super().__init__()
        self.tables: list[list[list[str]]] = []
        self.links: list[str] = []
        self.svg: list[tuple[str, dict]] = []
        self.attrs: dict[str, dict] = {}
        self._cell: list[str] | None = None
        self._in_svg = False
        self._text: list[str] | None = None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "table":
            self.tables.append([])
        elif tag == "tr":
            self.tables[-1].append([])
        elif tag in ("td", "th") and self.tables:
            self._cell = []
        elif tag == "a":
            self.links.append(a.get("href", ""))
        if tag == "svg":
            self._in_svg = True
            self.attrs["svg"] = a
        if self._in_svg and tag in ("rect", "text", "line"):
            self.svg.append((tag, a))
            if tag == "text":
                self._text = []

    def handle_endtag(self, tag):
        if tag in ("td", "th") and self._cell is not None:
            self.tables[-1][-1].append(" ".join("".join(self._cell).split()))
            self._cell = None
        if tag == "svg":
            self._in_svg = False
        if tag == "text" and self._text is not None:
            self.svg[-1][1]["text"] = "".join(self._text)
            self._text = None

    def handle_data(self, data):
        if self._cell is not None:
            self._cell.append(data)
        if self._text is not None:
            self._text.append(data)


def parsed(path: Path) -> Cells:
    cells = Cells()
    cells.feed(path.read_text(encoding="utf-8"))
    return cells


def pounds(text: str) -> Decimal:
    return Decimal(text.replace("£", "").replace(",", "").replace("\u2212", "-"))


def spec(number: int, archive: Path = ARCHIVE) -> dict:
    from ruamel.yaml import YAML
    return YAML(typ="safe").load((archive / f"{number}.yaml").read_text(encoding="utf-8"))


def cost(number: int, archive: Path = ARCHIVE) -> Decimal:
    """What a paper of the archive spends, from its spec's own text."""
    return sum((Decimal(str(c["amount"])) for c in spec(number, archive)["finance"]["costs"]), Decimal(0))


def signed(number: int) -> dt.date:
    return spec(number)["signatures"]["decision_maker"]["date"]


def build(specs: Path, out: Path, *more: str) -> Path:
    result = run_pcd("site", str(specs), "-o", str(out), "--as-of", AS_OF, *more)
    assert result.returncode == 0, result.stderr
    return out


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    return build(ARCHIVE, tmp_path_factory.mktemp("ledger") / "site")


# -- a contract's page --------------------------------------------------------------------------

def test_a_contract_page_lists_every_decision_on_it_in_order_with_its_value_after_each(site):
    rows = parsed(site / CONTRACT).tables[0][1:]
    decisions = [3001, 3003, 3004, 3005]  # award, extension, variation, uplift
    assert [r[0].split()[:2] for r in rows] == [["PCD", str(n)] for n in decisions]
    assert [r[1] for r in rows] == ["Award", "Extension", "Variation", "Uplift"]
    # the value after each is the award plus what each decision since added, from the specs
    original = cost(3001)
    after = [original + sum(cost(n) for n in decisions[1:i + 1]) for i in range(len(decisions))]
    assert [pounds(r[3]) for r in rows] == after
    assert [pounds(r[2]) for r in rows[1:]] == [cost(n) for n in decisions[1:]]
    assert [pounds(r[4]) for r in rows] == [a - original for a in after]
    shares = [(a - original) / original * 100 for a in after]
    assert [r[5] for r in rows] == [f"{s.quantize(Decimal('0.1')).normalize():f}%" for s in shares]


def test_the_contract_page_agrees_with_the_paper_that_states_the_cumulative_change(site):
    """PCD 3005 says in its own words how far the contract has grown; the page says the same."""
    paper = (site / "pcd-3005.html").read_text(encoding="utf-8")
    stated = re.search(r"grown by ([\d.]+%) of\s+its original value", paper).group(1)
    assert parsed(site / CONTRACT).tables[0][-1][5] == stated


def test_the_chart_pictures_the_table_and_is_hidden_from_assistive_technology(site):
    page = parsed(site / CONTRACT)
    html = (site / CONTRACT).read_text(encoding="utf-8")
    assert page.attrs["svg"].get("aria-hidden") == "true" and page.attrs["svg"].get("focusable") == "false"
    assert re.search(r"<figure class=\"chart\">\s*<svg.*</svg>\s*<figcaption>", html, re.S)
    rows = page.tables[0][1:]
    values = [pounds(r[3]) for r in rows]
    original = pounds(rows[0][3])
    bars: dict[str, Decimal] = {}
    for tag, a in page.svg:  # each bar's height: the original part and the part added to it
        if tag == "rect":
            bars[a["x"]] = bars.get(a["x"], Decimal(0)) + Decimal(a["height"])
    heights = [bars[x] for x in sorted(bars, key=Decimal)]
    assert len(heights) == len(values)
    top = max(values)
    for h, v in zip(heights, values):  # proportional to the table's figures, to the drawing's 0.1
        assert abs(h - heights[values.index(top)] * v / top) <= Decimal("0.2")
    growth = [a for tag, a in page.svg if tag == "rect" and a.get("class") == "growth"]
    assert len(growth) == sum(v > original for v in values)
    labels = [a["text"] for tag, a in page.svg if tag == "text" and a.get("class") == "paper"]
    assert labels == [r[0].split(" signed")[0] for r in rows]


# -- an organisation's page ---------------------------------------------------------------------

def test_an_organisation_page_sums_its_money_by_year_and_lists_its_decisions(site):
    page = parsed(site / SUPPLIER)
    years = {r[0]: r for r in page.tables[0][1:]}
    expected: dict[str, Decimal] = {}
    for n in (3001, 3003, 3004, 3005):  # the supplier's contract, from the specs
        expected[str(signed(n).year)] = expected.get(str(signed(n).year), Decimal(0)) + cost(n)
    assert {y: pounds(r[3]) for y, r in years.items() if y.isdigit()} == expected
    assert pounds(years["Every year"][3]) == sum(expected.values())
    assert all(pounds(r[1]) == 0 and pounds(r[2]) == 0 for r in years.values())
    flows = page.tables[1][1:]  # newest first
    assert [r[0].split()[:2] for r in flows] == [["PCD", str(n)] for n in (3005, 3004, 3003, 3001)]
    assert [pounds(r[-1]) for r in flows] == [cost(n) for n in (3005, 3004, 3003, 3001)]
    assert {r[1] for r in flows} == {"Supplier"} and {r[2] for r in flows} == {"MOPAC 3100"}
    assert CONTRACT in page.links and "organisation-example-support-services-ltd.html" in page.links
    northgate = parsed(site / "org-northgate-training-ltd.html").tables[0]
    assert pounds(northgate[1][3]) == cost(3006) + cost(3007)  # two awards in one year


def test_each_page_is_linked_from_the_papers_that_touch_it_and_from_the_lists(site):
    for n in (3001, 3003, 3004, 3005):
        links = parsed(site / f"pcd-{n}.html").links
        assert CONTRACT in links and SUPPLIER in links
    assert not any(link.startswith(("contract-", "org-")) for link in parsed(site / "pcd-3002.html").links)
    assert "Contracts (every decision on each)" not in (site / "pcd-3002.html").read_text(encoding="utf-8")
    assert SUPPLIER in parsed(site / CONTRACT).links
    assert SUPPLIER in parsed(site / "organisation-example-support-services-ltd.html").links


# -- what is published --------------------------------------------------------------------------

def test_only_published_papers_count(tmp_path):
    """An unsigned uplift is not on the contract's page, nor in the supplier's money; a preview
    of drafts shows it, marked DRAFT."""
    specs = tmp_path / "specs"
    shutil.copytree(ARCHIVE, specs)
    path = specs / "3005.yaml"
    path.write_text(mutate(path.read_text(encoding="utf-8"), "  decision_maker: {date: 2026-09-01}\n", ""))
    out = build(specs, tmp_path / "site")
    rows = parsed(out / CONTRACT).tables[0][1:]
    assert [r[0].split()[1] for r in rows] == ["3001", "3003", "3004"]
    assert pounds(parsed(out / SUPPLIER).tables[0][1][3]) == cost(3003) + cost(3004)
    data = json.loads((out / "decisions.json").read_text())
    assert "PCD 3005" not in json.dumps(data["contracts"]) + json.dumps(data["organisations"])
    preview = build(specs, tmp_path / "preview", "--drafts")
    rows = parsed(preview / CONTRACT).tables[0][1:]
    assert [r[0].split()[1] for r in rows] == ["3001", "3003", "3004", "3005"]
    assert "draft-banner" in (preview / CONTRACT).read_text() and "noindex" in (preview / SUPPLIER).read_text()


def test_a_lines_org_names_the_body_whose_page_it_is_on(tmp_path):
    """`org:` on a contract names its supplier as a body: the award is on that body's page."""
    specs = tmp_path / "specs"
    shutil.copytree(ARCHIVE, specs)
    path = specs / "3006.yaml"
    path.write_text(mutate(path.read_text(encoding="utf-8"), "    supplier: Northgate Training Ltd\n",
                           "    supplier: Northgate Training Ltd\n    org: Northgate Group\n"))
    out = build(specs, tmp_path / "site")
    group = parsed(out / "org-northgate-group.html").tables
    assert pounds(group[0][1][3]) == cost(3006) and group[1][1][0].startswith("PCD 3006")
    training = parsed(out / "org-northgate-training-ltd.html").tables
    assert pounds(training[0][1][3]) == cost(3007)
    assert "org-northgate-group.html" in parsed(out / "pcd-3006.html").links


def test_an_organisations_page_lists_its_latest_lines_only_however_many_it_has():
    from authoring.commands.ledgerpages import SHOWN, Flow, Organisation, PaperRef, Year

    flows = tuple(Flow(PaperRef(f"PCD {n}", "", f"pcd-{n}.html", dt.date(2020, 1, 1) + dt.timedelta(days=n)),
                       "funder", Decimal(n), "Home Office grant") for n in range(SHOWN + 7))
    org = Organisation("Home Office", "org-home-office.html", (), flows, (), Year("", *[Decimal(0)] * 3), ())
    assert [f.paper.reference for f in org.latest] == [f"PCD {n}" for n in range(SHOWN + 6, 6, -1)]


def test_page_names_are_readable_and_never_shared():
    from authoring.commands.ledgerpages import page_of

    assert page_of("contract", "MOPAC 3100") == "contract-mopac-3100.html"
    assert page_of("org", "Home  Office") == page_of("org", "home office") == "org-home-office.html"
    names = ["mopac 3100", "mopac-3100", "mopac/3100", "mopac 3100 x", "Société Générale", "société générale!",
             "a" * 61, "a" * 62, ""]
    pages = [page_of("contract", n) for n in names]
    assert len(set(pages)) == len(pages)
    assert all(re.fullmatch(r"contract-[a-z0-9-]+\.html", p) for p in pages)


# -- the data -----------------------------------------------------------------------------------

def test_the_data_carries_contracts_and_organisations_versioned_with_its_schema(site):
    import jsonschema

    from authoring.commands.sitedata import SCHEMA

    data = json.loads((site / "decisions.json").read_text())
    schema = json.loads((site / "decisions.schema.json").read_text())
    assert schema == json.loads(json.dumps(SCHEMA))
    jsonschema.validate(data, schema, format_checker=jsonschema.FormatChecker())
    assert data["version"] == 2
    version_1 = {"reference", "number", "title", "url", "decision_maker", "date_signed", "date_consulted",
                 "kinds", "organisations", "pdf", "total_costs", "total_funding", "funders"}
    assert all(set(d) == version_1 for d in data["decisions"])  # a version 1 reader's fields, kept
    contract = next(c for c in data["contracts"] if c["url"] == CONTRACT)
    rows = parsed(site / CONTRACT).tables[0][1:]
    assert [d["value_after"] for d in contract["decisions"]] == [f"{pounds(r[3]):f}" for r in rows]
    assert contract["percent_of_original"] + "%" == rows[-1][5]
    body = next(o for o in data["organisations"] if o["url"] == SUPPLIER)
    assert sum(Decimal(y["out_as_supplier"]) for y in body["years"]) == pounds(
        parsed(site / SUPPLIER).tables[0][-1][3])
    for bad in ({**data, "version": 1}, {k: v for k, v in data.items() if k != "contracts"}):
        with pytest.raises(jsonschema.ValidationError):
            jsonschema.validate(bad, schema)


def test_a_damaged_cached_entry_is_a_miss_not_a_page():
    from authoring.commands.site import entry_from, entry_record
    from authoring.pipeline import process

    outcome = process(str(ARCHIVE / "3003.yaml"))
    from authoring.commands.site import describe
    e = describe(outcome.paper, outcome.file, outcome.findings, False, outcome.pos, outcome.text)
    assert e.ledger and e.bodies["contracts"] == ["Example Support Services Ltd"]
    record = {"ok": True, "diagnostics": [], "entry": entry_record(e)}
    assert entry_from(e.file, json.loads(json.dumps(record))).ledger == e.ledger
    for damage in ({"bodies": {**e.bodies, "contracts": []}}, {"bodies": {}},
                   {"ledger": {**e.ledger, "contracts": []}}, {"ledger": {**e.ledger, "version": 0}}):
        assert entry_from(e.file, {**record, "entry": {**record["entry"], **damage}}) is None


# -- an incremental rebuild ---------------------------------------------------------------------

def test_a_rebuild_after_one_changed_paper_renders_only_the_pages_it_touches(tmp_path, monkeypatch):
    """Change PCD 3006 (Northgate's first award): its contract's and its supplier's pages are
    made again; MOPAC 3100's, its supplier's and the other award's contract page come from the
    cache and are the very files of the site before (linked, not written). The result is the
    site a build with no cache makes."""
    from authoring import cache
    from authoring.commands import site as command
    from authoring.render import html

    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    cache.fingerprint.cache_clear()
    specs, out = tmp_path / "specs", tmp_path / "site"
    shutil.copytree(ARCHIVE, specs)
    made: list[str] = []
    real = html.render

    def render(house_style, template, /, **context):  # the real renderer, each page it makes noted
        if template in ("contract.html", "organisation.html"):
            made.append(context["site"]["here"])
        return real(house_style, template, **context)

    monkeypatch.setattr(html, "render", render)
    assert command.site(str(specs), str(out), AS_OF, jobs=1, quiet=True) == 0
    first = {p.name: p.stat().st_ino for p in out.glob("*.html")}
    assert "contract-mopac-3200.html" in made and CONTRACT in made
    made.clear()
    path = specs / "3006.yaml"
    path.write_text(mutate(path.read_text(encoding="utf-8"), "title: Award of the officer safety training contract",
                           "title: Award of the officer safety and conflict training contract"))
    assert command.site(str(specs), str(out), AS_OF, jobs=1, quiet=True) == 0
    assert sorted(made) == ["contract-mopac-3200.html", "org-northgate-training-ltd.html"]
    for name in (CONTRACT, SUPPLIER, "contract-mopac-3300.html"):
        assert (out / name).stat().st_ino == first[name], name
    assert "officer safety and conflict" in (out / "contract-mopac-3200.html").read_text() or \
        "officer safety and conflict" in (out / "org-northgate-training-ltd.html").read_text()
    clean = build(specs, tmp_path / "clean", "--no-cache")
    for name in first:
        assert (out / name).read_bytes() == (clean / name).read_bytes(), name
    cache.fingerprint.cache_clear()


# -- accessible and valid, in a real browser ----------------------------------------------------

@pytest.fixture(scope="module")
def examples(tmp_path_factory) -> Path:
    """The worked examples' site: contracts without a number, funders and recipients."""
    from tests.conftest import signed_examples

    root = tmp_path_factory.mktemp("examples")
    return build(signed_examples(root / "decisions"), root / "site")


def ledger_pages(site: Path) -> list[Path]:
    return sorted([*site.glob("contract-*.html"), *site.glob("org-*.html")])


@pytest.mark.browser
def test_axe_finds_nothing_on_the_new_pages_at_390_and_1280_px(site, examples):
    from playwright.sync_api import sync_playwright

    pages = ledger_pages(site) + ledger_pages(examples) + [site / "pcd-3005.html"]
    assert len(pages) > 10
    script = axe_js().read_text(encoding="utf-8")
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=chromium(), headless=True, args=["--disable-gpu"])
        try:
            for path in pages:
                for width in (390, 1280):
                    page = browser.new_page(viewport={"width": width, "height": 900})
                    page.goto(path.resolve().as_uri())
                    page.add_script_tag(content=script)
                    result = page.evaluate(
                        "async () => await axe.run(document, {runOnly: {type: 'tag', values: ['wcag2a', "
                        "'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice']}})")
                    overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
                    page.close()
                    assert [(v["id"], [n["target"] for n in v["nodes"]][:3]) for v in result["violations"]] == [], \
                        (path.name, width)
                    assert overflow <= 0, f"{path.name}: horizontal scroll at {width}px"
        finally:
            browser.close()


@pytest.mark.browser
def test_the_nu_checker_finds_no_error_on_the_new_pages(site, examples):
    pages = ledger_pages(site) + ledger_pages(examples) + [site / "pcd-3005.html"]
    result = subprocess.run(["java", "-jar", str(vnu_jar()), "--errors-only", "--format", "text", *VNU_NEWER_CSS,
                             *map(str, pages)], capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr
