"""Text from a spec is data in every output: HTML text and attributes, the feed, the JSON."""

import json
import xml.etree.ElementTree as ET

from tests.conftest import diagnose, minimal_text, mutate, run_pcd, site_files

NASTY = '<script>alert(1)</script> "q" & \'s\' {{ 7*7 }}'


def hostile_spec() -> str:
    quoted = NASTY.replace('"', '\\"')  # plain text fields
    prose = quoted.replace("{", "\\\\{").replace("}", "\\\\}").replace("*", "\\\\*")
    text = minimal_text()
    for old, new in [
        ("title: Acceptance of grant funding for a pilot", f'title: "T {quoted}"'),
        ("  - This decision seeks", f'  - "S {prose}"\n  - This decision seeks'),
        ("name: The Grantor", f'name: "G {quoted}"'),
        ("drafting_officer: Sam Example", f'drafting_officer: "O {quoted}"'),
    ]:
        text = mutate(text, old, new)
    return text + (f'abbreviations:\n  XYZ: "X {quoted}"\n'
                   f'background_papers:\n  - {{ref: "R {quoted}", title: "P {quoted}"}}\n'
                   ).replace("The pilot tests a new approach.", "The XYZ pilot.")


def test_hostile_text_is_inert_everywhere(tmp_path):
    spec = tmp_path / "d" / "2001.yaml"
    spec.parent.mkdir()
    spec.write_text(hostile_spec().replace("  background: [The pilot tests a new approach.]",
                                           "  background: [The XYZ pilot tests a new approach.]"))
    site = tmp_path / "site"
    result = run_pcd("site", str(spec.parent), "-o", str(site))
    assert result.returncode == 0, result.stdout + result.stderr
    for name in ("index.html", "pcd-2001.html", "feed.xml"):
        text = (site / name).read_text()
        assert "<script>" not in text and "{{ 7*7 }}" in text, name
    page = (site / "pcd-2001.html").read_text()
    assert 'title="X &lt;script&gt;alert(1)&lt;/script&gt; &#34;q&#34; &amp; &#39;s&#39; {{ 7*7 }}"' in page
    assert "P &lt;script&gt;" in page and "R &lt;script&gt;" in page and "O &lt;script&gt;" in page
    assert "S &lt;script&gt;alert(1)&lt;/script&gt; &#34;q&#34; &amp; &#39;s&#39; {{ 7*7 }}" in page
    feed = ET.parse(site / "feed.xml").getroot()  # well-formed XML
    ns = {"a": "http://www.w3.org/2005/Atom"}
    assert feed.find("a:entry/a:title", ns).text == f"PCD 2001: T {NASTY}"
    data = json.loads((site / "decisions.json").read_text())["decisions"]
    assert data[0]["title"] == f"T {NASTY}"
    assert data[0]["funders"] == [{"name": f"G {NASTY}", "amount": "10000"}]


def test_control_characters_are_refused():
    text = mutate(minimal_text(), "The pilot tests a new approach.", '"The pilot \\a tests."')
    assert diagnose(text) == ["spec.yaml:22:16: error[PCD018] sections.background[0]: the text "
                              "contains the control character U+0007; remove it"]


def test_paragraph_cross_references_are_generated_links(tmp_path):
    text = mutate(minimal_text(), "  issues: [The grant covers the whole cost.]",
                  "  issues:\n    - id: cover\n      text: The grant covers the whole cost.")
    text = mutate(text, "The pilot tests a new approach.", "\"The pilot (see {para.cover}) is new.\"")
    spec = tmp_path / "2001.yaml"
    spec.write_text(text)
    assert run_pcd("build", str(spec), "-o", str(tmp_path)).returncode == 0
    html = (tmp_path / "2001.html").read_text()
    assert 'The pilot (see <a href="#para-2-1">2.1</a>) is new.' in html
    assert '<div class="para" id="para-2-1">' in html


def test_site_builds_are_byte_identical(tmp_path):
    from tests.conftest import signed_examples
    specs = signed_examples(tmp_path / "decisions")
    outs = []
    for n in (1, 2):
        out = tmp_path / f"site{n}"
        assert run_pcd("site", str(specs), "-o", str(out), "--as-of", "2026-01-01").returncode == 0
        outs.append(site_files(out))
    assert outs[0] == outs[1]


def test_pcd_never_modifies_a_spec(tmp_path):
    spec = tmp_path / "2001.yaml"
    spec.write_text(minimal_text())
    before = spec.read_bytes(), spec.stat().st_mtime_ns
    for args in (["check", str(spec)], ["build", str(spec), "-o", str(tmp_path / "o")],
                 ["site", str(tmp_path), "-o", str(tmp_path / "s")]):
        run_pcd(*args)
    assert (spec.read_bytes(), spec.stat().st_mtime_ns) == before
