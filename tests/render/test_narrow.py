"""Every worked example's tables on a phone, in real headless Chromium: no figure is cut off
without a visible cue. A table either fits, or scrolls in its own focusable, named box with its
first column kept in view and a line of text saying there is more; axe-core finds nothing."""

from __future__ import annotations

import pytest

from tests.conftest import DATA, ROOT, run_pcd
from tests.render.tools import axe_js

pytestmark = pytest.mark.browser
PHONE, DESKTOP = 390, 1280
TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"]

# For each table in the paper: does it fit; is any figure outside what its box shows; is the cue
# above it visible; and, scrolled to the end, is each row's first cell still at the box's left.
MEASURE = """() => [...document.querySelectorAll("main table")].map((table) => {
  const box = table.closest(".scroll");
  const shown = (box || document.querySelector("main")).getBoundingClientRect();
  const cells = [...table.querySelectorAll("td, th")];
  const cut = cells.filter((c) => {
    const r = c.getBoundingClientRect();
    return r.right > Math.min(shown.right, window.innerWidth) + 1 || r.left < shown.left - 1;
  }).map((c) => c.textContent.trim());
  const cue = box && box.parentElement.querySelector(".scroll-cue");
  const result = {caption: table.caption ? table.caption.textContent : "", cut,
                  cue: !!cue && cue.checkVisibility({visibilityProperty: true}),
                  focusable: !!box && box.tabIndex === 0,
                  named: !!box && !!document.getElementById(box.getAttribute("aria-labelledby") || "-")};
  if (box) {
    box.scrollLeft = box.scrollWidth;
    const left = box.getBoundingClientRect().left;
    result.stuck = [...table.rows].filter((row) => row.cells.length > 1)
      .every((row) => Math.abs(row.cells[0].getBoundingClientRect().left - left) <= 1);
    box.scrollLeft = 0;
  }
  return result;
})"""

SETTLED = "() => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done)))"


@pytest.fixture(scope="module")
def papers(tmp_path_factory):
    """Every worked example built, and a paper whose table is wider than a phone whatever the
    fonts (so the cue is seen working, not only absent)."""
    out = tmp_path_factory.mktemp("narrow")
    specs = sorted((ROOT / "decisions").glob("*.yaml")) + [DATA / "valid" / "onward-grant.yaml"]
    for spec in specs:
        result = run_pcd("build", str(spec), "-o", str(out))
        assert result.returncode == 0, result.stderr
    return sorted(out.glob("*.html"))



def measure(browser, path, width: int):
    page = browser.new_page(viewport={"width": width, "height": 900})
    try:
        page.goto(path.resolve().as_uri())
        # The cue is a scroll-driven animation: its timeline is resolved on a later frame than
        # the load event, as a reader sees it. Measure two frames later.
        page.evaluate(SETTLED)
        return page.evaluate(MEASURE)
    finally:
        page.close()


def test_no_figure_is_cut_off_without_a_visible_cue_on_a_phone(browser, papers):
    scrolled = []
    for path in papers:
        for width in (320, PHONE):
            for table in measure(browser, path, width):
                where = (path.name, width, table["caption"])
                if not table["cut"]:
                    continue
                scrolled.append(where)
                assert table["cue"], f"{where}: {table['cut'][:3]} cut off and nothing says so"
                assert table["focusable"] and table["named"], f"{where}: its box cannot be reached by keyboard"
                assert table["stuck"], f"{where}: the first column scrolls away"
    assert scrolled, "no table was wider than a phone: the cue was never tried"


def test_the_cue_shows_only_when_a_table_can_scroll(browser, papers):
    for path in papers:
        for table in measure(browser, path, DESKTOP):
            assert not table["cut"] and not table["cue"], (path.name, table["caption"])


def test_the_worked_examples_are_accessible_on_a_phone(browser, papers):
    for path in papers:
        page = browser.new_page(viewport={"width": PHONE, "height": 900})
        try:
            page.goto(path.resolve().as_uri())
            page.add_script_tag(content=axe_js().read_text(encoding="utf-8"))
            result = page.evaluate("async (tags) => await axe.run(document, {runOnly: {type: 'tag', values: tags}})",
                                   TAGS)
            overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
        finally:
            page.close()
        assert [(path.name, v["id"], [n["target"] for n in v["nodes"]][:3]) for v in result["violations"]] == []
        assert overflow <= 0, f"{path.name}: the page scrolls sideways at {PHONE}px"
