"""The worked archive (tests/data/archive) checked as a ledger: clean as written, and each
cross-paper rule broken in turn beside it, reported at the later paper's line."""

import io
import shutil

import pytest

from authoring.commands.check import check
from tests.conftest import DATA

ARCHIVE = DATA / "archive"
NOTE = "not in the archive (cited, not checked): PCD 1291"


@pytest.fixture
def archive(tmp_path):
    folder = tmp_path / "archive"
    shutil.copytree(ARCHIVE, folder)
    return folder


def edit(folder, name: str, old: str, new: str) -> None:
    path = folder / name
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, f"anchor not unique or missing in {name}: {old!r}"
    path.write_text(text.replace(old, new), encoding="utf-8")


def run(*paths, **kw) -> tuple[int, list[str]]:
    out = io.StringIO()
    code = check([str(p) for p in paths], out=out, use_cache=kw.pop("use_cache", False), **kw)
    return code, out.getvalue().splitlines()


def findings(folder, *paths) -> list[str]:
    """The findings of checking the folder (or the paths given), file names made relative."""
    _, lines = run(*(paths or [folder]))
    return [line.replace(f"{folder}/", "") for line in lines if "[PCD" in line]


def test_the_worked_archive_is_clean_and_lists_what_it_cites_from_outside():
    code, lines = run(ARCHIVE)
    assert (code, lines) == (0, ["7 file(s) checked: no problems", NOTE])


def test_a_contract_value_that_does_not_continue_from_the_previous_decision(archive):
    edit(archive, "3005.yaml", "      - {amount: 60000, approved_by: PCD 3004, description: the helpline}\n", "")
    assert findings(archive) == [
        "3005.yaml:29:12: error[PCD701] contracts[0].value: MOPAC 3100 is worth £1,600,000 before "
        "this decision, but after PCD 3004 (3004.yaml) it was worth £1,660,000: list every earlier "
        "change under its 'history'"]


def test_an_original_value_other_than_the_award(archive):
    edit(archive, "3004.yaml", "value: 1200000", "value: 1250000")
    assert findings(archive)[0] == (
        "3004.yaml:32:12: error[PCD701] contracts[0].value: the original value of MOPAC 3100 is "
        "£1,250,000 here, but PCD 3001 (3001.yaml) awarded it at £1,200,000")


def test_dates_that_do_not_continue(archive):
    edit(archive, "3005.yaml", "ends: 2028-03-31", "ends: 2027-09-30")
    assert findings(archive) == [
        "3005.yaml:30:11: error[PCD702] contracts[0].ends: MOPAC 3100 ends on 2027-09-30 here, but "
        "after PCD 3004 (3004.yaml) it ended on 2028-03-31"]


def test_a_contract_number_reused_for_another_supplier(archive):
    edit(archive, "3007.yaml", "MOPAC 3300", "MOPAC 3100")
    assert findings(archive) == [
        "3007.yaml:27:15: error[PCD703] contracts[0].supplier: MOPAC 3100 is Example Support "
        "Services Ltd's contract in PCD 3001 (3001.yaml); here its supplier is Northgate Training "
        "Ltd: one number names one contract"]


def test_an_approval_cited_that_was_signed_later(archive):
    edit(archive, "3002.yaml", "chief_executive: {date: 2024-03-18}", "chief_executive: {date: 2026-05-30}")
    edit(archive, "3002.yaml", "decision_maker: {date: 2024-03-20}", "decision_maker: {date: 2026-06-01}")
    assert findings(archive) == [
        "3004.yaml:21:20: error[PCD704] finance.funders[0].approved_by: PCD 3002 (3002.yaml) is cited "
        "as approving this, but it was signed on 2026-06-01, after this paper (2026-05-08)"]


def test_an_approval_cited_that_is_not_signed(archive):
    edit(archive, "3002.yaml", "signatures:\n  chief_executive: {date: 2024-03-18}\n"
         "  decision_maker: {date: 2024-03-20}\n", "")
    assert findings(archive) == [
        "3004.yaml:21:20: error[PCD704] finance.funders[0].approved_by: PCD 3002 (3002.yaml) is cited "
        "as approving this, but it is not signed: only a decision taken can be relied on"]


def test_a_paper_referred_to_in_prose_that_is_later(archive):
    edit(archive, "3003.yaml", "[The service is performing well.]",
         "[The service is performing well, as PCD 3004 reported.]")
    assert "3003.yaml:34:47: error[PCD704] sections.issues[1]: PCD 3004 (3004.yaml) is cited as an " \
        "earlier paper, but it was signed on 2026-05-08, after this paper (2026-01-15)" in findings(archive)


def test_a_paper_named_as_future_in_prose_is_not_said_to_be_earlier(archive):
    edit(archive, "3003.yaml", "[The service is performing well.]",
         "[The service is performing well; a variation will follow in PCD 3004.]")
    assert [f for f in findings(archive) if "PCD704" in f] == []


def test_a_carry_forward_drawn_beyond_what_was_approved(archive):
    edit(archive, "3002.yaml", "amount: 250000", "amount: 50000")
    assert findings(archive) == [
        "3004.yaml:21:20: error[PCD705] finance.funders[0].approved_by: PCD 3002 approved £50,000 of "
        "carry-forward; with this paper's £60,000, £60,000 of it has been drawn"]


def test_a_history_amount_other_than_the_change_it_cites(archive):
    edit(archive, "3005.yaml", "{amount: 60000, approved_by: PCD 3004", "{amount: 50000, approved_by: PCD 3004")
    assert "3005.yaml:33:18: error[PCD705] contracts[0].history[1].amount: PCD 3004 (3004.yaml) " \
        "changed MOPAC 3100 by £60,000, not £50,000" in findings(archive)


def test_approvals_in_a_circle_are_an_error_at_each_citation(archive):
    edit(archive, "3003.yaml", "    ends: 2027-03-31\n", "    ends: 2027-03-31\n    history:\n"
         "      - {amount: 60000, approved_by: PCD 3004, description: the helpline}\n")
    circle = [f for f in findings(archive) if "PCD706" in f]
    assert circle == [
        "3003.yaml:32:38: error[PCD706] contracts[0].history[0].approved_by: approvals cited in a "
        "circle (PCD 3003 → PCD 3004 → PCD 3003): each approval must come from an earlier decision",
        "3004.yaml:35:39: error[PCD706] contracts[0].history[0].approved_by: approvals cited in a "
        "circle (PCD 3003 → PCD 3004 → PCD 3003): each approval must come from an earlier decision"]


def test_two_papers_with_one_code(archive):
    shutil.copy(archive / "3002.yaml", archive / "3002-copy.yaml")
    assert findings(archive) == [
        "3002-copy.yaml:3:12: error[PCD019] reference: reference 3002 is also declared by "
        "3002.yaml: give each paper its own number",
        "3002.yaml:3:12: error[PCD019] reference: reference 3002 is also declared by "
        "3002-copy.yaml: give each paper its own number"]


def test_cumulative_modifications_across_papers_against_regulation_72(archive):
    edit(archive, "3005.yaml", "      - {amount: 60000, approved_by: PCD 3004, description: the helpline}\n", "")
    edit(archive, "3005.yaml", "amount: 90000", "amount: 150000")
    assert "3005.yaml:25:5: warning[PCD707] contracts[0]: MOPAC 3100 has grown by 50.8% of its " \
        "original value £1,200,000 across PCD 3003, PCD 3004, PCD 3005 (£610,000): above the 50% " \
        "regulation 72 of the PCR 2015 allows in total; check it still does" in findings(archive)


def test_cumulative_modifications_against_the_scheme_of_delegation(archive):
    edit(archive, "3005.yaml", "decision_maker: dmpc", "decision_maker: ceo")
    assert findings(archive) == [
        "3005.yaml:25:5: warning[PCD708] contracts[0]: the changes to MOPAC 3100 across PCD 3003, "
        "PCD 3004, PCD 3005 come to £550,000 (45.8% of its original value): together they need the "
        "DMPC, not the CEO"]
    assert run(archive, strict=True)[0] == 1


def test_a_change_on_de_minimis_is_judged_on_the_net_cumulative_value(archive):
    """Regulation 72(5): the de minimis exception is tested on the net cumulative value of
    successive modifications, so £60,000 (5%) after a £400,000 extension (33%) is not de minimis."""
    edit(archive, "3004.yaml", "change: {type: variation, cost: helpline}",
         "change: {type: variation, cost: helpline, regulation: 'de minimis, regulation 72(1)(f)'}")
    assert findings(archive) == [
        "3004.yaml:36:59: warning[PCD710] contracts[0].change.regulation: MOPAC 3100 relies on the de "
        "minimis exception, but its changes across PCD 3003, PCD 3004 come to £460,000, 38.3% of its "
        "original value £1,200,000: above the 10% (15% for works) regulation 72(5) allows on their net "
        "cumulative value; name the ground of regulation 72 it rests on"]
    (archive / "3003.yaml").unlink()  # the helpline alone is 5%: de minimis holds
    assert [f for f in findings(archive) if "PCD710" in f] == []


def test_awards_to_one_supplier_within_a_year_that_together_cross_a_threshold(archive):
    edit(archive, "3007.yaml", "amount: 150000", "amount: 250000")
    assert findings(archive) == [
        "3007.yaml:25:5: warning[PCD709] contracts[0]: with PCD 3006 (£300,000) within twelve months, "
        "the award of MOPAC 3300 makes £550,000, which needs the DMPC, though no award alone does: "
        "possible splitting"]


def test_awards_more_than_a_year_apart_are_not_splitting(archive):
    edit(archive, "3007.yaml", "amount: 150000", "amount: 250000")
    edit(archive, "3007.yaml", "decision_maker: {date: 2025-09-01}", "decision_maker: {date: 2026-02-02}")
    edit(archive, "3007.yaml", "chief_executive: {date: 2025-08-28}", "chief_executive: {date: 2026-01-28}")
    edit(archive, "3007.yaml", "starts: 2025-10-01", "starts: 2026-04-01")
    assert findings(archive) == []


def test_a_finding_is_silenced_at_its_line_like_a_papers_own(archive):
    edit(archive, "3007.yaml", "amount: 150000", "amount: 250000")
    edit(archive, "3007.yaml", "  - id: first_aid\n    number:",
         "  - id: first_aid  # pcd: ignore[PCD709] two separate needs, tendered apart\n    number:")
    assert run(archive) == (0, ["7 file(s) checked: no problems", NOTE])


def test_json_lists_the_papers_not_in_the_archive(archive):
    import json

    out = io.StringIO()
    check([str(archive)], form="json", out=out, use_cache=False)
    notes = [d for d in json.loads(out.getvalue()) if d["code"] == "PCD700"]
    assert notes == [{"file": f"{archive}/3001.yaml", "line": 50, "column": 11, "severity": "note",
                      "code": "PCD700", "path": "background_papers[0].ref",
                      "message": "PCD 1291 is cited but is not in the archive: not checked"}]


def test_a_changed_paper_is_checked_with_the_papers_linked_to_it_not_the_whole_archive(archive):
    """What the pre-commit hook does: it passes the changed specs; the later papers on the same
    contract are found beside them and checked against them, unrelated ones are not read."""
    edit(archive, "3003.yaml", "amount: 400000", "amount: 450000")
    edit(archive, "3006.yaml", "amount: 300000", "amount: 300000.5")  # broken, but not linked
    code, lines = run(archive / "3003.yaml")
    assert code == 1
    assert [line.replace(f"{archive}/", "") for line in lines if "[PCD" in line] == [
        "3004.yaml:32:12: error[PCD701] contracts[0].value: MOPAC 3100 is worth £1,600,000 before "
        "this decision, but after PCD 3003 (3003.yaml) it was worth £1,650,000: list every earlier "
        "change under its 'history'",
        "3004.yaml:35:18: error[PCD705] contracts[0].history[0].amount: PCD 3003 (3003.yaml) changed "
        "MOPAC 3100 by £450,000, not £400,000",
        "3005.yaml:32:18: error[PCD705] contracts[0].history[0].amount: PCD 3003 (3003.yaml) changed "
        "MOPAC 3100 by £450,000, not £400,000"]


def test_files_in_different_folders_are_different_archives(archive, tmp_path):
    other = tmp_path / "other"
    other.mkdir()
    shutil.copy(archive / "3002.yaml", other / "3002.yaml")
    assert findings(archive, archive / "3002.yaml", other / "3002.yaml") == []


def test_the_index_is_kept_with_the_results_cache_and_gives_the_same_answer(archive):
    edit(archive, "3007.yaml", "amount: 150000", "amount: 250000")
    first = run(archive, use_cache=True)
    assert first == run(archive, use_cache=True)
    assert any("PCD709" in line for line in first[1])


def test_a_folder_without_specs_is_exit_2(tmp_path):
    import contextlib

    err = io.StringIO()
    with contextlib.redirect_stderr(err):
        assert run(tmp_path)[0] == 2
    assert err.getvalue() == f"pcd: {tmp_path}: is a folder, not a spec (give its *.yaml files)\n"


def test_the_worked_examples_are_clean_checked_together():
    from tests.conftest import ROOT

    code, lines = run(ROOT / "decisions")
    count = len(list((ROOT / "decisions").glob("*.yaml")))  # every body's worked examples
    assert code == 0 and lines[0] == f"{count} file(s) checked: no problems"


def test_the_site_leaves_out_a_paper_the_archive_refuses(archive, tmp_path):
    """`pcd site` checks the papers together as `pcd check FOLDER` does: the later paper of a
    contract whose value does not continue is not published, and the site says why, at its line."""
    from tests.conftest import run_pcd
    edit(archive, "3005.yaml", "      - {amount: 60000, approved_by: PCD 3004, description: the helpline}\n", "")
    site = tmp_path / "site"
    result = run_pcd("site", str(archive), "-o", str(site))
    assert result.returncode == 1
    assert f"{archive}/3005.yaml:29:12: error[PCD701]" in result.stderr
    assert f"{archive}/3005.yaml: left out of the site: it has errors" in result.stderr
    assert not (site / "pcd-3005.html").exists() and (site / "pcd-3004.html").exists()
    assert "3005" not in (site / "decisions.json").read_text(encoding="utf-8")
