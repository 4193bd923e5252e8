"""Real headless Chromium: axe-core finds nothing, the page reflows at 320 CSS px, and the Nu
HTML Checker reports no error."""

import subprocess

import pytest

from tests.render.tools import VNU_NEWER_CSS, axe_js, vnu_jar

pytestmark = pytest.mark.browser
TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"]



def axe(browser, path, width=1280):
    page = browser.new_page(viewport={"width": width, "height": 900})
    try:
        page.goto(path.resolve().as_uri())
        page.add_script_tag(content=axe_js().read_text(encoding="utf-8"))
        result = page.evaluate("async (tags) => await axe.run(document, {runOnly: {type: 'tag', values: tags}})", TAGS)
        overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
        return result["violations"], overflow
    finally:
        page.close()


def pages(built):
    return sorted(built.rglob("*.html"))


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    from tests.conftest import run_pcd, signed_examples
    out = tmp_path_factory.mktemp("site")
    specs = signed_examples(tmp_path_factory.mktemp("decisions"))
    result = run_pcd("site", str(specs), "-o", str(out), "--as-of", "2026-01-01")
    assert result.returncode == 0, result.stderr
    return out


@pytest.fixture(scope="module")
def other_pages(tmp_path_factory):
    """A deferred paper's notice and a paper in the second (GLA) house style."""
    from tests.conftest import DATA, minimal_text, mutate, run_pcd
    out = tmp_path_factory.mktemp("other")
    deferred = out / "2001.yaml"
    deferred.write_text(mutate(minimal_text(), "publication: {defer: false}",
                               "publication: {defer: true, reason: Operational reasons., until: 2199-01-01}"))
    assert run_pcd("build", str(deferred), "-o", str(out)).returncode == 0
    styles = DATA / "styles"
    assert run_pcd("build", "--style-dir", str(styles), str(styles / "gla-2001.yaml"), "-o", str(out)).returncode == 0
    grant = DATA / "valid" / "onward-grant.yaml"  # a table with a column per period and pence
    assert run_pcd("build", str(grant), "-o", str(out)).returncode == 0
    return [out / "2001.html", out / "3301.html", out / "2002.html"]


def test_axe_finds_no_violations_on_other_pages(browser, other_pages):
    for path in other_pages:
        violations, overflow = axe(browser, path, 320)
        assert [(path.name, v["id"]) for v in violations] == [] and overflow <= 0


def test_axe_finds_no_violations_on_the_paper(browser, built_1843):
    for width in (1280, 320):
        violations, overflow = axe(browser, built_1843 / "1843.html", width)
        assert [(v["id"], [n["target"] for n in v["nodes"]]) for v in violations] == []
        assert overflow <= 0, f"horizontal scroll at {width}px"


def test_axe_finds_no_violations_on_the_site(browser, site):
    assert pages(site)
    for path in pages(site):
        violations, overflow = axe(browser, path, 320)
        assert [(path.name, v["id"]) for v in violations] == []
        assert overflow <= 0, f"{path.name}: horizontal scroll at 320px"


def test_axe_can_fail(browser, tmp_path):
    bad = tmp_path / "bad.html"
    bad.write_text("<html><body><img src=x.png><p style='color:#ccc'>pale</p></body></html>")
    ids = {v["id"] for v in axe(browser, bad)[0]}
    assert {"html-has-lang", "image-alt", "color-contrast"} <= ids


def vnu(*paths):
    return subprocess.run(["java", "-jar", str(vnu_jar()), "--errors-only", "--format", "text", *VNU_NEWER_CSS,
                           *map(str, paths)], capture_output=True, text=True, timeout=300)


def test_nu_html_checker_reports_no_errors(built_1843, site, other_pages):
    result = vnu(built_1843 / "1843.html", *pages(site), *other_pages)
    assert result.returncode == 0, result.stderr


def test_nu_html_checker_can_fail(tmp_path):
    bad = tmp_path / "bad.html"
    bad.write_text("<!DOCTYPE html><html lang=en><title>x</title><p><div></p>")
    assert vnu(bad).returncode != 0
