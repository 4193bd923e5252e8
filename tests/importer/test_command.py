"""The command: where it writes, what it prints, its exit codes."""

from __future__ import annotations

from tests.conftest import run_pcd
from tests.importer.papers import docx_bytes, word_1843


def test_it_writes_decisions_nnnn_by_default_and_reports_in_check_format(tmp_path):
    src = tmp_path / "PCD 1843 final v3.docx"
    src.write_bytes(docx_bytes(word_1843()))
    result = run_pcd("import", str(src), cwd=tmp_path)
    assert result.returncode == 1
    spec = tmp_path / "decisions" / "1843.yaml"
    assert spec.exists()
    assert spec.read_text(encoding="utf-8").startswith("# Imported from PCD 1843 final v3.docx")
    lines = result.stdout.splitlines()
    assert any(line.startswith("decisions/1843.yaml:") and "error[PCD107]" in line for line in lines)
    assert lines[-1].startswith(f"{src}: wrote decisions/1843.yaml: ")
    checked = run_pcd("check", str(spec))
    assert "error[PCD107]" in checked.stdout  # the officer sees the same finding again


def test_a_missing_file_is_exit_2(tmp_path):
    result = run_pcd("import", str(tmp_path / "nope.docx"))
    assert result.returncode == 2
    assert "cannot read the file" in result.stderr


def test_an_unwritable_target_is_exit_2(tmp_path):
    src = tmp_path / "p.docx"
    src.write_bytes(docx_bytes(word_1843()))
    (tmp_path / "file").write_text("x")
    result = run_pcd("import", str(src), "-o", str(tmp_path / "file" / "x.yaml"))
    assert result.returncode == 2
    assert "cannot write the spec" in result.stderr


def test_an_existing_spec_is_not_replaced_without_force(tmp_path):
    src, spec = tmp_path / "p.docx", tmp_path / "1843.yaml"
    src.write_bytes(docx_bytes(word_1843()))
    spec.write_text("reference: 1843\n", encoding="utf-8")
    result = run_pcd("import", str(src), "-o", str(spec))
    assert result.returncode == 2
    assert "the spec exists; choose another with -o, or --force to replace it" in result.stderr
    assert spec.read_text(encoding="utf-8") == "reference: 1843\n"
    assert run_pcd("import", str(src), "-o", str(spec), "--force").returncode == 1
    assert spec.read_text(encoding="utf-8").startswith("# Imported from p.docx")


def test_an_unknown_house_style_is_exit_2(tmp_path):
    src = tmp_path / "p.docx"
    src.write_bytes(docx_bytes(word_1843()))
    result = run_pcd("import", str(src), "-o", str(tmp_path / "x.yaml"), "--house-style", "nope")
    assert result.returncode == 2
    assert "pcd: house style 'nope' cannot be used: there is no such house style" in result.stderr


def test_import_notes_show_control_and_bidi_characters_as_escapes(tmp_path):
    doc = word_1843()
    doc.add_paragraph("Stray text \u202etxt.exe\u202c at the end")  # reads backwards on a terminal
    paper = tmp_path / "1843.docx"
    paper.write_bytes(docx_bytes(doc))
    result = run_pcd("import", str(paper), "-o", str(tmp_path / "1843.yaml"))
    assert "\u202e" not in result.stdout + result.stderr
    assert "\\u202e" in result.stdout
