"""`pcd diff` as git's diff driver: every edit a reviewer must see is reported, Part 2 only as
"changed, confidential", and nothing in a file name or a spec can forge a line of the report."""

import io
import json
import os
import re
import subprocess
import sys
from decimal import Decimal

import pytest
import yaml

from authoring.commands.diff import diff
from authoring.spec.shape import SPEC
from tests.conftest import ROOT, mutate, run_pcd, seed_text

SEED = ROOT / "tests" / "data" / "seed" / "1843.yaml"


def spec_of(text: str) -> dict:
    return yaml.safe_load(text)  # the seed's amounts are whole pounds: no float rounds them


def dump(spec: dict) -> str:
    return yaml.safe_dump(spec, sort_keys=False, allow_unicode=True, width=100)


# One edit to each top-level key of the spec, with a phrase its report must contain. A key the
# schema gains without an edit here fails the test below: a new part of the spec is reported too.
EDITS = {
    "house_style": (lambda s: s.update(house_style="gla"), "house style: mopac → gla"),
    "reference": (lambda s: s.update(reference=1844), "the paper's reference: PCD 1843 → PCD 1844"),
    "title": (lambda s: s.update(title=s["title"] + " (revised)"), "Neurodiversity Service (revised)"),
    "drafted": (lambda s: s.update(drafted="2025-05-01"), "drafting began: (none) → 2025-05-01"),
    "decision_maker": (lambda s: s.update(decision_maker="ceo"),
                       "decision maker: Deputy Mayor for Policing and Crime → Chief Executive Officer"),
    "drafting_officer": (lambda s: s.update(drafting_officer="Sam Other"),
                         "drafting officer: Julian Jest → Sam Other"),
    "signatures": (lambda s: s["signatures"]["chief_executive"].update(date="2025-06-03"),
                   "Chief Executive Officer: date signed: 2025-06-02 → 2025-06-03"),
    "interests": (lambda s: s.update(interests="The DMPC is a trustee of a partner."),
                  "interests declared: (none) → The DMPC is a trustee of a partner."),
    "summary": (lambda s: s["summary"].__setitem__(0, s["summary"][0].replace("persistent", "prolific")),
                "paragraph 1 of the summary: IOM is the national multi-agency partnership that manages "
                "the most [-persistent,-] {+prolific,+}"),
    "recommendations": (lambda s: s["recommendations"][5].update(text="Grant the Chief Finance Officer "
                                                                  "delegated authority."),
                        "recommendation 6: Grant the Chief Finance Officer delegated [-authority to sign"),
    "sections": (lambda s: s["sections"]["background"].append("A further paragraph of background."),
                 ": added: A further paragraph of background."),
    "background_papers": (lambda s: s["background_papers"].append({"ref": "PCD 1777", "title": "Later work"}),
                          "background paper PCD 1777: (none) → Later work"),
    "finance": (lambda s: s["finance"].update(vat="exclusive"), "finance › vat: (none) → exclusive"),
    "contracts": (lambda s: s["contracts"][1].update(supplier="Another Supplier Ltd"),
                  "the contract MOPAC 889's supplier: Together for Mental Well-being Ltd → Another Supplier Ltd"),
    "publication": (lambda s: s.update(publication={"defer": True, "reason": "Commercial negotiations.",
                                                    "until": "2026-01-01"}),
                    "publication deferred until: (none) → 2026-01-01"),
    "part2": (lambda s: s.update(part2={"exists": True, "summary": "Qvzsecretk7 advice."}),
              "a Part 2 form: no → yes"),
    "abbreviations": (lambda s: s["abbreviations"].update(ASB="anti-social behaviour"),
                      "abbreviation ASB: (none) → anti-social behaviour"),
    "declarations": (lambda s: s["declarations"].update(legal="pending"),
                     "Legal Advice declaration: confirmed → pending"),
    # A house style's form may have a year in its references, portfolios and front-sheet fields.
    "year": (lambda s: s.update(year=2025), "year: (none) → 2025"),
    "portfolio": (lambda s: s.update(portfolio="finance"), "portfolio: (none) → finance"),
    "fields": (lambda s: s.update(fields={"key_decision": "yes"}), "fields › key decision: (none) → yes"),
}


def run(old: str, new: str, tmp_path, form: str = "text", name: str = "1843.yaml") -> str:
    """git's seven arguments, as its external diff driver is called; the printed report."""
    a, b = tmp_path / "old.yaml", tmp_path / "new.yaml"
    a.write_text(old, encoding="utf-8")
    b.write_text(new, encoding="utf-8")
    out = io.StringIO()
    assert diff([name, str(a), "1" * 40, "100644", str(b), "2" * 40, "100644"], form=form, out=out) == 0
    return out.getvalue()


@pytest.mark.parametrize("key", list(SPEC.fields))
def test_an_edit_to_any_top_level_key_is_reported(key, tmp_path):
    if key not in EDITS:
        pytest.fail(f"the spec has a new top-level key '{key}': add an edit here and make pcd diff report it")
    edit, expected = EDITS[key]
    old = spec_of(seed_text())
    new = spec_of(seed_text())
    edit(new)
    assert new != old
    report = run(dump(old), dump(new), tmp_path)
    assert expected in report, report
    plain = subprocess.run([sys.executable, "-m", "authoring", "diff", str(tmp_path / "old.yaml"),
                            str(tmp_path / "new.yaml")], capture_output=True, text=True, cwd=ROOT)
    assert plain.returncode == 1 and expected in plain.stdout, plain.stdout + plain.stderr
    assert "Qvzsecretk7" not in report + plain.stdout + plain.stderr


def test_every_edit_is_covered():
    assert set(EDITS) == set(SPEC.fields)


SETTLEMENT = "987654"


def part2_spec(amount: str = SETTLEMENT, summary: str = "The settlement is {part2.settlement}.") -> str:
    return mutate(seed_text(), "part2:\n  exists: false",
                  f"part2:\n  exists: true\n  summary: {summary}\n  figures:\n"
                  f"    - {{id: settlement, amount: {amount}, description: Zqxclaimant settlement}}")


def secret_forms(amount: str) -> set[str]:
    n = Decimal(amount)
    return {amount, f"{n:,}", f"{n / 1_000_000:.1f} million", f"{n / 1_000_000:.2f} million"}


@pytest.mark.parametrize("form", ["text", "markdown", "json"])
def test_a_part2_figure_multiplied_by_ten_is_reported_without_its_value(form, tmp_path):
    tenfold = str(int(SETTLEMENT) * 10)
    old, new = part2_spec(), part2_spec(tenfold)
    shown = run(old, new, tmp_path, form)
    plain = run_pcd("diff", str(tmp_path / "old.yaml"), str(tmp_path / "new.yaml"), "--format", form)
    assert plain.returncode == 1
    for report in (shown, plain.stdout + plain.stderr):
        if form == "json":
            changes = json.loads(report)["changes"]
            assert {"kind": "confidential", "what": "Part 2 figures", "old": "", "new": "", "words": "",
                    "ref": "part2.figures"} in changes
        else:
            assert "Part 2 figures" in report and "changed, confidential" in report
        for secret in secret_forms(SETTLEMENT) | secret_forms(tenfold) | {"Zqxclaimant"}:
            assert secret not in report, (secret, report)


def test_a_part2_figure_the_rules_refuse_is_not_quoted_by_the_note(tmp_path):
    """A finding about Part 2 keeps its place and code in the note, not its words."""
    bad = "9,876,540"  # written with commas: a schema error whose message may quote it
    report = run(part2_spec(), part2_spec(bad), tmp_path)
    plain = run_pcd("diff", str(tmp_path / "old.yaml"), str(tmp_path / "new.yaml"))
    for text in (report, plain.stdout + plain.stderr):
        assert "(about Part 2: not shown)" in text, text
        for secret in secret_forms(SETTLEMENT) | {bad, "9876540"}:
            assert secret not in text, (secret, text)


def test_part2_appearing_and_its_summary_changing_are_reported(tmp_path):
    report = run(seed_text(), part2_spec(summary="Zqxsecret words."), tmp_path)
    assert "a Part 2 form: no → yes" in report
    assert "the Part 2 summary: changed, confidential" in report
    assert "Zqxsecret" not in report and "Zqxclaimant" not in report
    report = run(part2_spec(summary="Zqxsecret words."), part2_spec(summary="Zqxsecret other."), tmp_path)
    assert report.splitlines()[1:] == ["the Part 2 summary: changed, confidential"]


FORGED = "total costs: £1 → £2"
HOSTILE_NAME = f"1843.yaml\n{FORGED}\x1b[2J\u202egpj.yaml"


@pytest.mark.parametrize("form", ["text", "markdown", "json"])
def test_a_file_name_or_a_spec_cannot_forge_a_line(form, tmp_path):
    title = f'title: "GPS\\n{FORGED}\\e[31m\\u202e Acceptance"'
    new = re.sub(r"^title: .*$", lambda _: title, seed_text(), count=1, flags=re.M)
    report = run(seed_text(), new, tmp_path, form, name=HOSTILE_NAME)
    if form == "json":
        assert json.loads(report)["new"].startswith("b/1843.yaml\\n")
    else:
        assert report.startswith("pcd diff 1843.yaml\\n")
    lines = report.splitlines()
    assert not any(line.strip().startswith(FORGED) for line in lines), report
    assert not re.search("[\x00-\x08\x0b-\x1f\x7f\u202a-\u202e\u2066-\u2069]", report), report
    assert "title" in report


def test_through_git_a_declaration_and_an_abbreviation_are_reported(tmp_path):
    def git(*args):
        subprocess.run(["git", "-C", str(tmp_path), *args], check=True, capture_output=True)

    git("init", "-q")
    git("config", "user.email", "officer@example.invalid")
    git("config", "user.name", "Officer")
    (tmp_path / "1843.yaml").write_text(part2_spec(), encoding="utf-8")
    git("add", ".")
    git("commit", "-qm", "first draft")
    text = mutate(part2_spec(str(int(SETTLEMENT) * 10)), "  legal: confirmed", "  legal: pending")
    text = mutate(text, "abbreviations:\n", "abbreviations:\n  ASB: anti-social behaviour\n")
    (tmp_path / "1843.yaml").write_text(text, encoding="utf-8")
    (tmp_path / ".gitattributes").write_text("*.yaml diff=pcd\n")
    git("config", "diff.pcd.command", f"{sys.executable} -m authoring diff")
    result = subprocess.run(["git", "-C", str(tmp_path), "diff"], capture_output=True, text=True,
                            env={**os.environ, "PYTHONPATH": str(ROOT)})
    assert result.returncode == 0, result.stderr
    assert "Legal Advice declaration: confirmed → pending" in result.stdout
    assert "abbreviation ASB: (none) → anti-social behaviour" in result.stdout
    assert "Part 2 figures: changed, confidential" in result.stdout
    assert "9,876,540" not in result.stdout and "9876540" not in result.stdout


def test_the_driver_reports_edits_to_a_spec_that_cannot_be_computed(tmp_path):
    """A revision that breaks the schema has no figures, but its edits are still shown in git."""
    new = mutate(part2_spec(str(int(SETTLEMENT) * 10)), "reference: 1843", "reference: 1843\nhouse_style: nosuch")
    new = mutate(new, "  legal: confirmed", "  legal: pending")
    report = run(part2_spec(), new, tmp_path)
    assert "house style" in report and "nosuch" in report
    assert "declarations › legal: confirmed → pending" in report
    assert "Part 2 figures: changed, confidential" in report
    assert not secret_forms(str(int(SETTLEMENT) * 10)) & set(re.findall(r"[\d,.]+", report))
    plain = run_pcd("diff", str(tmp_path / "old.yaml"), str(tmp_path / "new.yaml"))
    assert plain.returncode == 2 and "unknown house style 'nosuch'" in plain.stderr
