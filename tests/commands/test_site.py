"""The site command: a progress bar only on a terminal; an output folder it never wrongly replaces;
no empty heading in any output, and headings and contents that read as the paper does."""

import re

import pytest

from tests.conftest import ROOT


def test_progress_bar_only_on_a_terminal(monkeypatch):
    import io
    from authoring.commands import site

    class Tty(io.StringIO):
        def isatty(self):
            return True

    fake = Tty()
    monkeypatch.setattr(site.sys, "stderr", fake)
    bar = site.Progress(4)
    for _ in range(4):
        bar.tick(None)
    assert fake.getvalue().startswith("\r[" + "#" * 7 + "." * 23 + "] 1/4 ")
    assert fake.getvalue().split("\r")[-1].startswith("[" + "#" * 30 + "] 4/4 ")
    assert fake.getvalue().endswith("/s\n")  # elapsed and rate
    monkeypatch.setattr(site.sys, "stderr", io.StringIO())
    assert site.Progress(4).show is False


def test_the_site_never_replaces_a_folder_it_did_not_write(tmp_path):
    """The output folder is swapped whole: it must never be the specs, the current folder or
    someone's other files."""
    from tests.conftest import run_pcd
    specs = tmp_path / "decisions"
    specs.mkdir()
    (specs / "1843.yaml").write_text((ROOT / "decisions" / "1843.yaml").read_text())
    other = tmp_path / "other"
    other.mkdir()
    (other / "keep.txt").write_text("mine")
    for out, why in ((specs, "it holds the specs themselves"), (tmp_path, "it holds the specs themselves"),
                     (other, "it is not empty and is not a site pcd wrote")):
        result = run_pcd("site", str(specs), "-o", str(out), cwd=tmp_path)
        assert result.returncode == 2 and why in result.stderr
    assert (specs / "1843.yaml").exists() and (other / "keep.txt").read_text() == "mine"
    site = tmp_path / "site"
    assert run_pcd("site", str(specs), "-o", str(site)).returncode == 0
    assert run_pcd("site", str(specs), "-o", str(site)).returncode == 0  # its own site: replaced


def papers(tmp_path, numbers):
    """A folder of small, clean specs numbered as asked."""
    specs = tmp_path / "decisions"
    specs.mkdir()
    minimal = (ROOT / "tests/data/valid/minimal.yaml").read_text()
    for n in numbers:
        (specs / f"{n}.yaml").write_text(minimal.replace("reference: 2001", f"reference: {n}"))
    return specs


def _site_is_whole(site, names):
    """Every page, the index, the data and the marker: a complete site, old or new."""
    have = {p.name for p in site.iterdir()}
    return {"index.html", "decisions.json", "decisions.schema.json", "feed.xml", ".pcd-site", *names} <= have


def test_a_site_killed_at_any_moment_leaves_a_whole_site(tmp_path):
    """Real processes, killed at random moments: the output is always a complete site."""
    import random
    import signal
    import subprocess
    import sys
    import time

    specs = papers(tmp_path, range(2001, 2013))
    site = tmp_path / "site"
    from tests.conftest import run_pcd
    assert run_pcd("site", str(specs), "-o", str(site), "--jobs", "1").returncode == 0
    pages = {f"pcd-{n}.html" for n in range(2001, 2013)}
    rng = random.Random(1843)
    for _ in range(12):
        proc = subprocess.Popen([sys.executable, "-m", "authoring", "site", str(specs), "-o", str(site),
                                 "--jobs", "1"], cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        time.sleep(rng.uniform(0.05, 1.2))
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        assert _site_is_whole(site, pages)
    assert run_pcd("site", str(specs), "-o", str(site), "--jobs", "1").returncode == 0
    assert [p.name for p in tmp_path.glob(".site.*")] == []  # leftovers cleared


def test_two_site_builds_at_once_take_turns(tmp_path):
    import subprocess
    import sys

    specs = papers(tmp_path, range(2001, 2006))
    site = tmp_path / "site"
    procs = [subprocess.Popen([sys.executable, "-m", "authoring", "site", str(specs), "-o", str(site),
                               "--jobs", "1"], cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
             for _ in range(3)]
    results = [(p.wait(120), p.stdout.read(), p.stderr.read()) for p in procs]
    for p in procs:
        p.stdout.close()
        p.stderr.close()
    assert [r[0] for r in results] == [0, 0, 0], results
    assert _site_is_whole(site, {f"pcd-{n}.html" for n in range(2001, 2006)})
    assert [p.name for p in tmp_path.glob(".site.*")] == []


def test_a_full_disk_leaves_the_previous_site_as_it_was(tmp_path):
    """The first new file of the new site cannot be written (ENOSPC, injected at the file layer)."""
    import subprocess
    import sys

    from tests.conftest import run_pcd
    specs = tmp_path / "decisions"
    specs.mkdir()
    (specs / "1843.yaml").write_text((ROOT / "decisions" / "1843.yaml").read_text())
    site = tmp_path / "site"
    assert run_pcd("site", str(specs), "-o", str(site), "--jobs", "1").returncode == 0
    before = {str(p.relative_to(site)): p.read_bytes() for p in site.rglob("*") if p.is_file()}
    (specs / "1843.yaml").write_text((ROOT / "decisions" / "1843.yaml").read_text().replace(
        "amount: 273497", "amount: 283497"))
    code = ("import builtins, errno, os, sys\n"
            "real, calls = builtins.open, []\n"
            "def opened(file, mode='r', *args, **kwargs):\n"
            "    if mode == 'xb':  # a new file of the staged site: the first finds the disk full\n"
            "        calls.append(file)\n"
            "        if len(calls) == 1:\n"
            "            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))\n"
            "    return real(file, mode, *args, **kwargs)\n"
            "builtins.open = opened\n"
            "from authoring.cli import main\n"
            "raise SystemExit(main(sys.argv[1:]))\n")
    result = subprocess.run([sys.executable, "-c", code, "site", str(specs), "-o", str(site), "--jobs", "1"],
                            cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert result.returncode == 2, result.stderr
    assert result.stderr == (f"pcd: cannot write the site to {site}: No space left on device; the "
                             "previous site, if any, is intact\n")
    assert {str(p.relative_to(site)): p.read_bytes() for p in site.rglob("*") if p.is_file()} == before
    assert [p.name for p in tmp_path.glob(".site.*")] == []


def test_quiet_says_nothing_and_a_log_gets_only_the_summary(tmp_path):
    from tests.conftest import run_pcd
    specs = papers(tmp_path, range(2001, 2004))
    logged = run_pcd("site", str(specs), "-o", str(tmp_path / "site"))
    assert logged.stderr == "" and logged.stdout.startswith("site: 3 paper(s) published")
    quiet = run_pcd("site", str(specs), "-o", str(tmp_path / "site"), "--quiet")
    assert (quiet.returncode, quiet.stdout, quiet.stderr) == (0, "", "")


def test_the_data_is_versioned_and_valid_against_its_published_schema(tmp_path):
    import json

    import jsonschema

    from tests.conftest import run_pcd, signed_examples
    site = tmp_path / "site"
    specs = signed_examples(tmp_path / "decisions")
    assert run_pcd("site", str(specs), "-o", str(site), "--as-of", "2026-11-25").returncode == 0
    data = json.loads((site / "decisions.json").read_text())
    jsonschema.validate(data, json.loads((site / "decisions.schema.json").read_text()))
    assert data["version"] == 2  # 2: contracts and organisations beside the decisions
    by_ref = {d["reference"]: d for d in data["decisions"]}
    assert by_ref["PCD 1843"]["kinds"] == ["grant acceptance", "contract extension", "contract variation"]
    assert by_ref["PCD 1560"]["total_costs"] == "990324.28"


# -- no empty heading, headings that read right, contents as the paper numbers itself ----------------

HEADING = {f"h{n}": n for n in range(1, 7)}


def empty_html_headings(path) -> list[str]:
    """Headings of a page's main content with nothing under them before the next heading of the
    same or a higher level (or the end)."""
    import lxml.html

    main = lxml.html.fromstring(path.read_bytes()).find(".//main")
    order = [el for el in main.iter() if isinstance(el.tag, str)]
    empty = []
    for i, el in enumerate(order):
        if el.tag not in HEADING:
            continue
        inside = set(el.iter())
        after = [e for e in order[i + 1:] if e not in inside
                 and (e.tag in HEADING or (e.tag in ("p", "li", "td", "dd", "table") and e.text_content().strip()))]
        if not after or (after[0].tag in HEADING and HEADING[after[0].tag] <= HEADING[el.tag]):
            empty.append(el.text_content().strip())
    return empty


def empty_docx_headings(path) -> list[str]:
    import docx
    from docx.oxml.ns import qn
    from docx.text.paragraph import Paragraph

    document = docx.Document(str(path))
    blocks = []  # (heading level or 0, text) in the body's order; a table is content
    for child in document.element.body.iterchildren():
        if child.tag == qn("w:tbl"):
            blocks.append((0, "(table)"))
        elif child.tag == qn("w:p"):
            par = Paragraph(child, document)
            level = re.fullmatch(r"Heading (\d)", par.style.name if par.style is not None else "")
            if par.text.strip():
                blocks.append((int(level.group(1)) if level else 0, par.text))
    return [text for i, (level, text) in enumerate(blocks)
            if level and (i + 1 == len(blocks) or 0 < blocks[i + 1][0] <= level)]


@pytest.fixture(scope="module")
def built_examples(tmp_path_factory):
    from tests.conftest import run_pcd
    out = tmp_path_factory.mktemp("examples")
    for spec in sorted((ROOT / "decisions").glob("*.yaml")):
        result = run_pcd("build", str(spec), "-o", str(out))
        assert result.returncode == 0, result.stderr
    return out


@pytest.fixture(scope="module")
def draft_site(tmp_path_factory):
    """A preview of the worked examples as written (most unsigned) and of them signed."""
    from tests.conftest import run_pcd
    out = tmp_path_factory.mktemp("drafts")
    result = run_pcd("site", "decisions", "-o", str(out), "--as-of", "2026-01-01", "--drafts")
    assert result.returncode == 0, result.stderr
    return out


def test_no_heading_is_empty_in_any_output(built_examples, draft_site):
    pages = sorted(built_examples.glob("*.html")) + sorted(draft_site.glob("*.html"))
    papers = sorted(built_examples.glob("*.docx"))
    assert len(papers) == len(list((ROOT / "decisions").glob("*.yaml"))) and len(pages) > len(papers)
    assert [(p.name, empty_html_headings(p)) for p in pages if empty_html_headings(p)] == []
    assert [(p.name, empty_docx_headings(p)) for p in papers if empty_docx_headings(p)] == []


def test_the_empty_heading_check_can_fail(tmp_path):
    page = tmp_path / "page.html"
    page.write_text("<!DOCTYPE html><html><body><main><h2>A</h2><h3>1. B</h3><p>text</p><h3>2. C</h3>"
                    "<h2>D</h2><p>x</p></main></body></html>")
    assert empty_html_headings(page) == ["2. C"]


def test_a_list_of_unsigned_papers_is_not_said_to_be_signed(draft_site):
    import lxml.html

    titles = {p.name: lxml.html.fromstring(p.read_bytes()).findtext(".//h1") for p in draft_site.glob("year-*.html")}
    unsigned = [t for name, t in titles.items() if not re.fullmatch(r"year-\d{4}(-\d+)?\.html", name)]
    assert unsigned and all("signed in" not in t and t.endswith("not yet signed") for t in unsigned), titles


def test_the_contents_follow_the_papers_own_numbering(built_examples):
    """Parts unnumbered, Part 1's sections by their own numbers: no list numbering of its own."""
    import lxml.html

    for path in sorted(built_examples.glob("*.html")):
        root = lxml.html.fromstring(path.read_bytes())
        nav = root.find(".//nav[@class='contents']")
        assert nav.findall(".//ol") == [], path.name
        top = [a.text_content() for a in nav.xpath("./ul/li/a")]
        sections = [a.text_content() for a in nav.xpath(".//ul[@class='sections']/li/a")]
        assert top == [h.text_content() for h in root.xpath("//main//h2[@id != 'contents-heading']")], path.name
        assert sections == [h.text_content() for h in root.xpath("//main//h3[starts-with(@id, 'section-')]")]
        assert sections and all(s.startswith(f"{n}. ") for n, s in enumerate(sections, 1))
