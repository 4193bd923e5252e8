"""Part 2 material and deferred papers reach no public output: every file a site build writes,
whatever its kind, is searched for markers planted in them.

New output kinds are covered without changing this test: every file under the site folder is
read, zip packages (DOCX, XLSX, EPUB…) and gzip files are opened, PDFs are read with pdftotext,
and text is searched raw, HTML-unescaped, JSON-unescaped and URL-unquoted.
"""

from __future__ import annotations

import gzip
import html
import io
import json
import shutil
import subprocess
import urllib.parse
import zipfile
from pathlib import Path

import pytest

from tests.conftest import minimal_text, mutate, run_pcd

# Plain letters and digits, so no markup, escaping or abbreviation can split one.
PART2 = "Qvzpartiiwk7f3a"
PART2_FIGURE = "987654"          # the settlement in pounds: £987,654 must not appear
DEFERRED = "Jxqdeferredk91c"
PUBLIC = "Wpublishedz55b"        # planted in the published paper: proves the search finds text


def part2_spec() -> str:
    text = mutate(minimal_text(), "part2: {exists: false}",
                  f"part2:\n  exists: true\n  summary: {PART2} summary of the confidential advice, "
                  "{part2.settlement}.\n  figures:\n"
                  f"    - {{id: settlement, amount: {PART2_FIGURE}, description: {PART2} claim}}\n")
    text = mutate(text, "The pilot tests a new approach.",
                  f'"The pilot tests a new approach {PUBLIC}; the settlement is {{part2.settlement}}."')
    return text


def deferred_spec() -> str:
    """A paper deferred past the site's date, with the marker in every field that prints."""
    text = mutate(minimal_text(), "reference: 2001", "reference: 2002")
    text = mutate(text, "publication: {defer: false}",
                  f"publication: {{defer: true, reason: {DEFERRED} reason., until: 2030-01-01}}")
    for old, new in [
        ("title: Acceptance of grant funding for a pilot", f"title: {DEFERRED} grant"),
        ("drafting_officer: Sam Example", f"drafting_officer: Sam {DEFERRED}"),
        ("{id: grantor, name: The Grantor}", f"{{id: grantor, name: The {DEFERRED} Trust}}"),
        ("label: Pilot", f"label: Pilot {DEFERRED}"),
        ("amount: 10000", "amount: 7654321"),
        ("This decision seeks", f"{DEFERRED} This decision seeks"),
        ("from the Grantor.", f"from the Grantor {DEFERRED}."),
    ]:
        text = mutate(text, old, new)
    for para in ("The pilot tests a new approach.", "The grant covers the whole cost.",
                 "The powers are in the 2011 Act.", "There are no commercial issues.",
                 "The pilot follows a public health approach.", "No personal data is processed.",
                 "The pilot has no adverse equality impact."):
        text = mutate(text, para, f"{para[:-1]} {DEFERRED}.")
    return text


def texts_of(path: Path, data: bytes, depth: int = 0) -> list[tuple[str, str]]:
    """(where, text) for a file and everything packed inside it."""
    where = str(path)
    out = [(where, data.decode("utf-8", "replace")), (where, data.decode("latin-1"))]
    if depth > 3:
        return out
    if data.startswith(b"PK\x03\x04"):
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            for name in zf.namelist():
                out += texts_of(Path(f"{where}!{name}"), zf.read(name), depth + 1)
    elif data.startswith(b"\x1f\x8b"):
        out += texts_of(Path(f"{where}!gunzip"), gzip.decompress(data), depth + 1)
    elif data.startswith(b"%PDF"):
        assert shutil.which("pdftotext"), "a PDF was written: pdftotext is needed to read it"
        text = subprocess.run(["pdftotext", "-layout", "-", "-"], input=data, capture_output=True,
                              check=True).stdout
        out.append((f"{where}!pdftotext", text.decode("utf-8", "replace")))
    return out


def readings(text: str) -> list[str]:
    """The text as a reader of each format would see it."""
    forms = [text, html.unescape(text), urllib.parse.unquote(text)]
    try:
        forms.append(json.dumps(json.loads(text), ensure_ascii=False))
    except ValueError:
        pass
    return forms


def leaks(folder: Path, markers: list[str]) -> list[str]:
    found = []
    for path in sorted(p for p in folder.rglob("*") if p.is_file()):
        for where, text in texts_of(path, path.read_bytes()):
            for form in readings(text):
                found += [f"{m} in {where}" for m in markers if m.lower() in form.lower()]
    return sorted(set(found))


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    root = tmp_path_factory.mktemp("leaks")
    specs = root / "decisions"
    specs.mkdir()
    (specs / "2001.yaml").write_text(part2_spec())
    (specs / "2002.yaml").write_text(deferred_spec())
    out = root / "site"
    result = run_pcd("site", str(specs), "-o", str(out), "--as-of", "2026-01-01", "--jobs", "1")
    assert result.returncode == 0, result.stdout + result.stderr
    return out


def test_no_public_file_carries_part2_or_deferred_material(site):
    files = [p for p in site.rglob("*") if p.is_file()]
    assert len(files) >= 4  # index, the published page, decisions.json, feed.xml at least
    assert leaks(site, [PART2, DEFERRED, "987,654", "7,654,321", "7654321"]) == []


def test_the_search_finds_what_is_published(site):
    """The published marker is found in the page, so a leak would be found the same way."""
    assert any(str(site / "pcd-2001.html") in hit for hit in leaks(site, [PUBLIC]))


def test_the_search_opens_packed_and_escaped_files(tmp_path):
    (tmp_path / "a.json").write_text(json.dumps({"t": f"{PART2[:4]}\u00e9"}).replace(PART2[:4], PART2))
    with zipfile.ZipFile(tmp_path / "b.zip", "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("word/document.xml", f"<w:t>{DEFERRED}</w:t>")
    (tmp_path / "c.xml.gz").write_bytes(gzip.compress(PUBLIC.encode()))
    (tmp_path / "d.html").write_text("&#" + str(ord(PART2_FIGURE[0])) + ";" + PART2_FIGURE[1:])
    found = leaks(tmp_path, [PART2, DEFERRED, PUBLIC, PART2_FIGURE])
    assert {h.split(" in ")[0] for h in found} == {PART2, DEFERRED, PUBLIC, PART2_FIGURE}


PRINT_EVERYTHING = """{{ paper }} {{ [paper]|join }} {% if paper.publication is defined %}
{{ paper.publication }} {{ paper.publication|string }} {{ '%s'|format(paper.publication) }}
{{ '{}'.format(paper.publication) }} {{ paper.publication|pprint if false }}{% endif %}
{{ paper.values if paper.values is defined }} {{ paper.style.data }}
{% for name in ['title', 'summary', 'sections', 'finance', 'signatures', 'drafting_officer',
   'publication', 'boilerplate', 'recommendations'] %}{{ paper[name] if paper[name] is defined }}
{% endfor %}"""


def test_a_style_printing_whole_objects_publishes_nothing_confidential(tmp_path):
    """A hostile style prints the paper, its publication and every field it can name: Part 2
    fields are unreachable and a deferred paper's notice knows nothing to print."""
    from tests.hostile.test_templates import evil_style
    evil_style(tmp_path, "paper.html", PRINT_EVERYTHING)
    specs = []
    for name, text in (("2001.yaml", part2_spec()), ("2002.yaml", deferred_spec())):
        specs.append(tmp_path / name)
        specs[-1].write_text("house_style: evil\n" + text)
    out = tmp_path / "out"
    result = run_pcd("build", "--style-dir", str(tmp_path / "styles"), *map(str, specs), "-o", str(out),
                     env={"SOURCE_DATE_EPOCH": "1767225600"})
    assert result.returncode == 0, result.stderr
    (out / "part2" / "2001-part2.docx").unlink()  # the confidential form, which is meant to hold Part 2
    assert leaks(out, [PART2, "987,654", "987654"]) == []
    # The signed DOCX circulates internally; the page is what is published.
    (out / "2002.docx").unlink()
    assert leaks(out, [DEFERRED, "7,654,321", "7654321"]) == []
    assert any("2001.html" in hit for hit in leaks(out, [PUBLIC]))  # the printing did print
