"""A decision page saved from the website (most past decisions survive only as web pages)."""

from __future__ import annotations

from authoring.housestyle import load_style
from authoring.importer.paper import import_docx

PAGE = """<!DOCTYPE html><html><head><title>PCD 1843</title></head><body>
<header><nav><a href="/">Home</a></nav></header>
<main>
<h1>PCD 1843 GPS Acceptance of funds from MOJ for IOM Services</h1>
<dl><dt>Reference code</dt><dd>PCD 1843</dd><dt>Date signed</dt><dd>04 June 2025</dd></dl>
<h2>Executive summary</h2>
<p>Integrated Offender Management (IOM) manages the most persistent, repeat offenders.</p>
<h2>Recommendation</h2>
<ol><li>Approve the acceptance of up to £200,000 funding from
<a href="https://www.gov.uk/probation">London Probation</a>.</li></ol>
<h2>Part 1 Non-confidential facts and advice to the Deputy Mayor for Policing and Crime</h2>
<h3>1. Introduction and background</h3>
<p>1.1 IOM is the national multi-agency arrangement.</p>
<h3>3. Financial Comments</h3>
<p>3.1 The costs are set out below:</p>
<table><tr><th>Service</th><th>£</th></tr><tr><td>Mental health</td><td>200,000</td></tr>
<tr><td><strong>Total</strong></td><td>200,000</td></tr><tr><td>Funded by:</td><td></td></tr>
<tr><td>London Probation</td><td>200,000</td></tr><tr><td>Total funding</td><td>200,000</td></tr>
</table>
</main><footer>© GLA</footer></body></html>"""


def imported(data: bytes) -> tuple[str, list[str]]:
    text, notes = import_docx(data, "1843.yaml", {"mopac": load_style("mopac")})
    return text, [f"{n.where}: {n.message}" for n in notes]


def test_a_saved_decision_page_is_read():
    text, notes = imported(PAGE.encode("utf-8"))  # no charset declared: UTF-8, not Latin-1
    for line in ("reference: 1843", "title: GPS Acceptance of funds from MOJ for IOM Services",
                 "decision_maker: {date: 2025-06-04}", "IOM: Integrated Offender Management",
                 "- IOM is the national multi-agency arrangement.",
                 "- text: 'The costs are set out below:'", "table: finance",
                 "accepts:\n      - {funder: london_probation, cost: mental_health}"):
        assert line in text, line
    assert ("Approve the acceptance of up to {funder.london_probation} funding "
            "from [London Probation](https://www.gov.uk/probation).") in " ".join(text.split())
    assert "Â" not in text


def test_a_page_in_another_encoding_or_xhtml_is_read():
    text, _ = imported(PAGE.replace("<head>", '<head><meta charset="windows-1252">')
                       .encode("cp1252"))
    assert "{funder.london_probation}" in text
    text, _ = imported(('<?xml version="1.0" encoding="utf-8"?>' + PAGE).encode("utf-8"))
    assert "reference: 1843" in text
