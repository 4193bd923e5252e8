"""A body with several forms (the GLA: Mayoral, Director's and Assistant Director's Decisions):
a paper is written in the form of the authority that decides it, by name, code, heading,
introduction and file name, never as another form of the same body."""

from __future__ import annotations

import docx

from tests.conftest import DATA, ROOT, diagnose, run_pcd


def test_a_paper_the_executive_director_decides_is_a_directors_decision(tmp_path):
    spec = DATA / "valid" / "gla-dd.yaml"
    built = run_pcd("build", str(spec), "-o", str(tmp_path))
    assert built.returncode == 0, built.stdout + built.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == ["dd-2093.docx", "dd-2093.html"]
    html = (tmp_path / "dd-2093.html").read_text(encoding="utf-8")
    assert "Director&#39;s Decision – DD 2093" in html or "Director's Decision – DD 2093" in html
    assert "That the Executive Director:" in html and "Mayoral Decision" not in html
    document = docx.Document(str(tmp_path / "dd-2093.docx"))
    assert document.core_properties.category == "Director's Decision"
    assert document.paragraphs[0].text == "Director's Decision – DD 2093"


def test_the_mayors_papers_keep_the_mayoral_form():
    assert diagnose((ROOT / "decisions" / "md2973.yaml").read_text(encoding="utf-8")) == []


def test_a_form_for_an_authority_the_style_does_not_have_is_refused(tmp_path):
    folder = tmp_path / "styles" / "body"
    folder.mkdir(parents=True)
    (folder / "style.yaml").write_text("extends: gla\nforms:\n  director: {code: DD}\n", encoding="utf-8")
    text = (DATA / "valid" / "gla-dd.yaml").read_text(encoding="utf-8").replace("house_style: gla",
                                                                                  "house_style: body")
    found = diagnose(text, style_dirs=(str(tmp_path / "styles"),))
    assert any("PCD016" in d and "'director' is not one of the style's authorities" in d for d in found), found
