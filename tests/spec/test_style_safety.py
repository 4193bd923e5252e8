"""`extends` is safe: what a style inherits is checked against what it replaces (a positioned
diagnostic, never an internal error); inherited wording naming the parent organisation is a
warning (PCD066) naming the key; null removes an inherited text or abbreviation."""

from __future__ import annotations

import pytest

from tests.conftest import minimal_text, mutate, run_pcd

BOROUGH = """\
extends: mopac
organisation: London Borough of Somewhere
short_name: LBS
code: CMD
decision_type: Cabinet Member Decision
authorities:
  cabinet_member: {title: Cabinet Member for Finance, short: Cabinet Member, rank: 3}
  director: {title: Director of Resources, short: Director, rank: 2}
"""
RESTATED = """\
chief_executive: director
delegation:
  - {id: key_decision, action: any, authority: cabinet_member, value_from: 500000}
  - {id: officer, action: any, authority: director, value_below: 500000}
declarations:
  - {id: financial, title: "Finance:", text: The Director of Resources has been consulted., section: financial}
  - {id: drafting_officer, title: "Drafting officer:", text: "{officer} drafted this report."}
"""
DECLARED = """\
declarations:
  financial: confirmed
  drafting_officer: confirmed
"""


def check(tmp_path, style: str, spec: str = "", *options: str):
    """`pcd check` of a spec in the house style `borough` made of this style.yaml."""
    folder = tmp_path / "styles" / "borough"
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "style.yaml").write_text(style, encoding="utf-8")
    path = tmp_path / "2001.yaml"
    path.write_text("house_style: borough\n" + (spec or minimal_text()), encoding="utf-8")
    result = run_pcd("check", "--no-cache", "--style-dir", str(tmp_path / "styles"), *options, str(path))
    assert "internal error" not in result.stderr and "Traceback" not in result.stderr
    return result, f"{folder}/style.yaml"


def borough_spec() -> str:
    """The minimal spec, taken by the borough's Cabinet Member with the borough's declarations."""
    text = mutate(minimal_text(), "decision_maker: dmpc", "decision_maker: cabinet_member")
    return text.split("declarations:\n")[0] + DECLARED + "signatures:" + text.split("signatures:")[1]


def test_replacing_authorities_without_the_chief_executive_is_a_positioned_error(tmp_path):
    result, style = check(tmp_path, BOROUGH)
    assert result.returncode == 1
    assert f"{style}:6:1: error[PCD016] authorities: chief_executive is inherited from 'mopac' and " \
           "names authorities this style no longer has: 'ceo' (chief_executive). Set chief_executive " \
           "in this style too, naming its own authorities (cabinet_member, director)" in result.stdout


def test_replacing_authorities_without_the_delegation_is_a_positioned_error(tmp_path):
    result, style = check(tmp_path, BOROUGH + "chief_executive: director\n")
    assert result.returncode == 1
    line = next(x for x in result.stdout.splitlines() if x.startswith(style))
    assert line.startswith(f"{style}:6:1: error[PCD016] authorities: delegation is inherited from "
                           "'mopac' and names authorities this style no longer has: 'dmpc' (rule "
                           "accept_funding, rule dmpc_large_changes")
    assert "'ceo' (rule ceo_changes, rule ceo_tender)" in line


def test_replacing_sections_without_the_declarations_is_a_positioned_error(tmp_path):
    style = BOROUGH + RESTATED.split("declarations:")[0] + "sections:\n  - {id: financial, title: Finance}\n"
    result, file = check(tmp_path, style)
    assert result.returncode == 1
    assert f"{file}:13:1: error[PCD016] sections: declarations is inherited from 'mopac' and names " \
           "sections this style no longer has: 'legal' (declaration legal); 'equality' (declaration " \
           "equalities)" in result.stdout


def test_a_child_that_restates_what_it_replaces_checks_clean(tmp_path):
    result, _ = check(tmp_path, BOROUGH + RESTATED, borough_spec())
    assert (result.returncode, result.stdout) == (0, "1 file(s) checked: no problems\n")


def test_inherited_wording_that_names_the_parent_is_a_warning_naming_the_key(tmp_path):
    """The borough inherits MOPAC's declarations: three of them name MOPAC."""
    style = BOROUGH.split("authorities:")[0]
    result, file = check(tmp_path, style)
    warned = [x for x in result.stdout.splitlines() if "PCD066" in x]
    assert warned == [f"{file}:1:1: warning[PCD066] extends: declarations[{i}] ({d}) text, inherited "
                      f"from 'mopac', names 'MOPAC' (the short name of 'mopac'), which this style's "
                      "papers would print: write this style's own wording here, or remove it"
                      for i, d in ((1, "legal"), (6, "drafting_officer"), (7, "director"))]
    assert result.returncode == 0  # a warning: the paper is still checked and may be built
    strict, _ = check(tmp_path, style, "", "--strict")
    assert strict.returncode == 1 and "error[PCD066]" in strict.stdout


def test_a_text_the_child_sets_or_a_name_it_keeps_is_not_warned_of(tmp_path):
    """MOPAC's own short name in a style that still goes by it is no leak; a child's own
    declarations are its own words."""
    keeps_name = "extends: mopac\norganisation: Office of Somewhere\n"
    result, _ = check(tmp_path, keeps_name)
    assert "PCD066" not in result.stdout
    result, _ = check(tmp_path, BOROUGH + RESTATED, borough_spec())
    assert "PCD066" not in result.stdout


def test_wording_that_uses_a_removed_abbreviation_is_warned_of(tmp_path):
    style = BOROUGH.split("authorities:")[0] + "abbreviations:\n  VRU: null\n"
    result, file = check(tmp_path, style)
    assert f"{file}:1:1: warning[PCD066] extends: declarations[3] (public_health) text, inherited " \
           "from 'mopac', names 'VRU' (an abbreviation this style removes)" in result.stdout


def test_the_shipped_styles_have_no_such_warning():
    from authoring.housestyle import load_style, warnings_of

    assert [warnings_of(load_style(name)) for name in ("mopac", "gla")] == [(), ()]


def test_the_warnings_are_kept_with_the_style_in_the_cache(tmp_path):
    style = BOROUGH.split("authorities:")[0]
    folder = tmp_path / "styles" / "borough"
    folder.mkdir(parents=True)
    (folder / "style.yaml").write_text(style, encoding="utf-8")
    spec = tmp_path / "2001.yaml"
    spec.write_text("house_style: borough\n" + minimal_text(), encoding="utf-8")
    env = {"PCD_TEST_CACHE": str(tmp_path / "cache"), "XDG_CACHE_HOME": str(tmp_path / "cache")}
    args = ("check", "--style-dir", str(tmp_path / "styles"), str(spec))
    first = run_pcd(*args, env=env).stdout
    spec.write_text("house_style: borough\n" + minimal_text().replace("a pilot", "a trial"), encoding="utf-8")
    again = run_pcd(*args, env=env).stdout  # a changed spec: the style comes from the cache
    assert first.count("PCD066") == again.count("PCD066") == 3


def test_null_removes_an_inherited_abbreviation_and_text(tmp_path):
    from authoring.housestyle import load_style

    (tmp_path / "child").mkdir()
    (tmp_path / "child" / "style.yaml").write_text(
        "extends: mopac\nabbreviations:\n  DMPC: null\ntexts:\n  new_money: null\n", encoding="utf-8")
    child, mopac = load_style("child", (str(tmp_path),)), load_style("mopac")
    assert set(mopac["abbreviations"]) - set(child["abbreviations"]) == {"DMPC"}
    assert set(mopac["texts"]) - set(child["texts"]) == {"new_money"}
    assert child["abbreviations"]["MOPAC"] == mopac["abbreviations"]["MOPAC"]


def test_a_removed_abbreviation_is_no_longer_expanded_in_a_paper(tmp_path):
    spec = mutate(minimal_text(), "This decision seeks", "The DMPC seeks")
    kept, _ = check(tmp_path / "a", "extends: mopac\norganisation: Office of Somewhere\n", spec)
    removed, _ = check(tmp_path / "b", "extends: mopac\norganisation: Office of Somewhere\n"
                       "abbreviations:\n  DMPC: null\n", spec)
    assert "'DMPC' is not defined" not in kept.stdout
    assert "warning[PCD206] summary[0]: 'DMPC' is not defined" in removed.stdout


def test_inherited_declarations_can_be_removed_whole(tmp_path):
    spec = minimal_text().split("declarations:\n")[0] + "declarations: {}\nsignatures:" + \
        minimal_text().split("signatures:")[1]
    result, _ = check(tmp_path, "extends: mopac\ndeclarations: []\n", spec)
    assert (result.returncode, result.stdout) == (0, "1 file(s) checked: no problems\n")


@pytest.mark.parametrize("style,expected", [
    ("extends: mopac\ntexts:\n  deferral_note: null\n", "3:18: error[PCD016] texts.deferral_note: "
     "every paper of the form prints this text, so it cannot be removed: write this style's own wording"),
    ("extends: mopac\nabbreviations:\n  DMCP: null\n", "3:9: error[PCD016] abbreviations.DMCP: 'DMCP' "
     "is not among the abbreviations this style inherits from 'mopac', so there is nothing to remove; "
     "did you mean 'DMPC'?"),
], ids=["a required text", "nothing to remove"])
def test_a_removal_that_cannot_be_is_a_positioned_error(tmp_path, style, expected):
    result, file = check(tmp_path, style)
    assert result.returncode == 1 and f"{file}:{expected}" in result.stdout


def test_null_in_a_style_that_extends_none_is_a_positioned_error(tmp_path):
    from authoring.housestyle import shipped_templates

    mopac = (shipped_templates() / "mopac" / "style.yaml").read_text(encoding="utf-8")
    style = mutate(mopac, "  VRU: Violence Reduction Unit\n", "  VRU: null\n")
    result, file = check(tmp_path, style)
    assert result.returncode == 1
    assert "error[PCD016] abbreviations.VRU: null removes an entry inherited from the style this " \
           "one extends, and this style extends none" in result.stdout
