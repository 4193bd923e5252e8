"""`pcd build --pdf`: LibreOffice makes a tagged PDF with the paper's title, language, bookmarks
and every computed figure; the same spec gives the same text and metadata; no LibreOffice is a
clear error."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys

import pytest

from tests.conftest import ROOT, minimal_text, run_pcd
from tests.render.tools import need

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def pdfs(tmp_path_factory):
    need(shutil.which("soffice"), "LibreOffice")
    out = [tmp_path_factory.mktemp(f"pdf{n}") for n in (1, 2)]
    for folder in out:  # no cache: the second PDF is made by LibreOffice again, not copied
        result = run_pcd("build", "--pdf", "--no-cache", "decisions/1843.yaml", "-o", str(folder))
        assert result.returncode == 0, result.stderr
    return [folder / "1843.pdf" for folder in out]


def info(pdf) -> dict[str, str]:
    text = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
    return dict(line.split(":", 1) for line in text.splitlines() if ":" in line)


def text_of(pdf) -> str:
    return subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True,
                          check=True).stdout


def test_the_pdf_is_tagged_titled_in_english_and_bookmarked(pdfs):
    meta = info(pdfs[0])
    assert meta["Tagged"].strip() == "yes"
    assert meta["Title"].strip().startswith("PCD 1843: GPS Acceptance of funds")
    assert meta["Page size"].strip().endswith("(A4)")
    assert meta["Keywords"].strip() == "Police\u00a0and\u00a0Crime\u00a0Decision"  # one phrase, not four words
    data = pdfs[0].read_bytes()
    assert re.search(rb"/Lang\s*\(en-GB\)", data)
    assert b"/Outlines" in data and b"/StructTreeRoot" in data


def test_the_pdf_text_holds_every_computed_figure(pdfs):
    from authoring.model.references import write
    from authoring.pipeline import process

    paper = process(ROOT / "decisions" / "1843.yaml").paper
    text = " ".join(text_of(pdfs[0]).split())
    figures = [paper.finance.cost_total, paper.finance.funding_total,
               *(f.total for f in paper.finance.funders), *(c.amount for c in paper.finance.costs),
               *(c.value + c.change for c in paper.contracts)]
    for figure in figures:
        assert write(figure, "").removeprefix("£") in text, figure  # in the table, £ heads the column
    assert "173,487" not in text


def test_the_same_spec_gives_the_same_text_and_metadata(pdfs):
    a, b = (info(p) for p in pdfs)
    for key in ("CreationDate", "ModDate", "File size"):  # LibreOffice stamps the time of export
        a.pop(key, None)
        b.pop(key, None)
    assert a == b
    assert text_of(pdfs[0]) == text_of(pdfs[1])


def test_no_libreoffice_is_a_clear_error_and_nothing_is_written(tmp_path):
    bare = tmp_path / "bin"
    bare.mkdir()
    (bare / "git").symlink_to(shutil.which("git") or "/usr/bin/git")
    spec = tmp_path / "2001.yaml"
    spec.write_text(minimal_text())
    out = tmp_path / "out"
    result = subprocess.run([sys.executable, "-m", "authoring", "build", "--pdf", str(spec), "-o", str(out)],
                            capture_output=True, text=True, cwd=ROOT, env={"PATH": str(bare)})
    assert result.returncode == 2
    assert result.stderr == ("pcd: --pdf needs LibreOffice, which is not installed (on Debian or "
                             "Ubuntu: apt-get install libreoffice-writer)\n")
    assert not out.exists()


def test_the_site_links_each_paper_to_its_pdf(tmp_path):
    need(shutil.which("soffice"), "LibreOffice")
    specs = tmp_path / "decisions"
    specs.mkdir()
    for n in (2001, 2002):
        (specs / f"{n}.yaml").write_text(minimal_text().replace("reference: 2001", f"reference: {n}"))
    site = tmp_path / "site"
    result = run_pcd("site", "--pdf", str(specs), "-o", str(site), "--as-of", "2026-01-01")
    assert result.returncode == 0, result.stderr
    for n in (2001, 2002):
        assert f'<a href="pcd-{n}.pdf">PCD {n} as a PDF</a>' in (site / f"pcd-{n}.html").read_text()
        assert info(site / f"pcd-{n}.pdf")["Tagged"].strip() == "yes"
    assert not (site / ".pdf-work").exists()
