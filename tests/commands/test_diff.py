"""`pcd diff`: every computed figure that moved, in the paper's words; recommendations and
paragraphs at word level, paired by content when their ids differ."""

import json
import re
import subprocess
from decimal import Decimal

import pytest

from tests.conftest import ROOT, mutate, run_pcd, seed_text

SPECS = sorted((ROOT / "decisions").glob("*.yaml"))


def write(tmp_path, name, text):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_the_nds_extension_cost_moves_its_share_total_and_contract_value(tmp_path):
    new = write(tmp_path, "new.yaml", mutate(seed_text(), "      amount: 273497", "      amount: 283497"))
    result = run_pcd("diff", str(ROOT / "tests/data/seed/1843.yaml"), str(new))
    assert result.returncode == 1, result.stderr
    lines = result.stdout.splitlines()
    assert lines[:4] == [
        "IOM Neurodiversity – extension until 31/03/2026: £273,497 → £283,497",
        "MOPAC IOM 2025/26 budget towards IOM Neurodiversity – extension until 31/03/2026: £173,497 → £183,497",
        "all funding from MOPAC IOM 2025/26 budget: £173,497 → £183,497",
        "total costs: £553,497 → £563,497",
    ]
    assert "the contract MOPAC 957's value after the extension: £1,070,833 → £1,080,833" in lines
    assert "the extension of the contract MOPAC 957 as a share of its original value: 34.3% → 35.6%" in lines


def test_it_speaks_in_the_papers_labels_never_its_ids(tmp_path):
    text = mutate(seed_text(), "      amount: 80000", "      amount: 90000")
    text = mutate(text, "        - {funder: hmpps, amount: 80000}", "        - {funder: hmpps, amount: 90000}")
    new = write(tmp_path, "new.yaml", text)
    out = run_pcd("diff", str(ROOT / "tests/data/seed/1843.yaml"), str(new)).stdout
    assert "the contract MOPAC 889's value after the variation: £2,080,523 → £2,090,523" in out
    assert "HMPPS towards IOM Mental Health – Approved Premises variation: £80,000 → £90,000" in out
    assert not re.search(r"\b(cost|funding|funder|total|contract|figure)\.[a-z]", out), out


@pytest.mark.parametrize("spec", SPECS, ids=lambda p: p.name)
def test_a_spec_against_itself_has_no_changes(spec):
    result = run_pcd("diff", str(spec), str(spec))
    assert (result.returncode, result.stdout, result.stderr) == (0, "", "")


@pytest.mark.parametrize("spec", SPECS, ids=lambda p: p.name)
def test_every_worked_example_reports_a_moved_figure(spec, tmp_path):
    text = spec.read_text(encoding="utf-8")
    # the first cost line's amount (its first period's, when split by period) goes up by one pound
    line = re.compile(r"\n      amount: (\{[^}]*\}|'?[\d.]+'?)").search(text, text.index("\n  costs:"))
    amount = re.compile(r"(?<![\w/])\d[\d.]*(?![\w/])").search(line.group(1))
    bumped = str(Decimal(amount.group(0)) + 1)
    new_line = line.group(0).replace(line.group(1), line.group(1)[:amount.start()] + bumped
                                     + line.group(1)[amount.end():])
    changed = write(tmp_path, spec.name, text[:line.start()] + new_line + text[line.end():])
    result = run_pcd("diff", str(spec), str(changed), "--format", "json")
    # the edit may unbalance the paper: its figures are compared all the same, with a note
    assert result.returncode == 1, result.stderr
    data = json.loads(result.stdout)
    assert any(c["kind"] == "figure" for c in data["changes"])
    assert all(n.startswith(str(changed)) for n in data["notes"][:1])


def test_recommendations_and_paragraphs_change_at_word_level(tmp_path):
    text = mutate(seed_text(), "via a contract extension letter", "by a letter")
    text = mutate(text, "    - >-\n      Payments for both services",
                  "    - A new paragraph about payments.\n    - >-\n      Payments for both services")
    new = write(tmp_path, "new.yaml", text)
    out = run_pcd("diff", str(ROOT / "tests/data/seed/1843.yaml"), str(new)).stdout.splitlines()
    assert ("recommendation 4: Approve the extension of the neurodiversity service, until "
            "{contract.mopac_957.new_end}, [-via-] {+by+} a [-contract extension-] letter at a total "
            "cost of {cost.nds_extension}.") in out
    assert "paragraph 3.5: added: A new paragraph about payments." in out
    assert "paragraph 3.5 → 3.6: renumbered" in out


def test_the_summary_bullets_and_cost_labels_are_compared_too(tmp_path):
    text = mutate(seed_text(), "IOM is the national multi-agency partnership", "IOM is a national multi-agency partnership")
    text = mutate(text, "label: IOM Neurodiversity", "label: IOM neurodiversity")
    new = write(tmp_path, "new.yaml", text)
    result = run_pcd("diff", str(ROOT / "tests/data/seed/1843.yaml"), str(new))
    assert result.returncode == 1
    assert "paragraph 1 of the summary: IOM is [-the-] {+a+} national" in result.stdout
    assert ("a cost line's label: IOM Neurodiversity – extension until 31/03/2026 → "
            "IOM neurodiversity – extension until 31/03/2026") in result.stdout


def test_markdown_and_json(tmp_path):
    new = write(tmp_path, "new.yaml", mutate(seed_text(), "      amount: 273497", "      amount: 283497"))
    md = run_pcd("diff", str(ROOT / "tests/data/seed/1843.yaml"), str(new), "--format", "markdown").stdout
    assert "| IOM Neurodiversity – extension until 31/03/2026 | £273,497 | £283,497 |" in md
    data = json.loads(run_pcd("diff", str(ROOT / "tests/data/seed/1843.yaml"), str(new), "--format", "json").stdout)
    assert {"kind": "figure", "what": "total costs", "old": "£553,497", "new": "£563,497", "words": "",
            "ref": "total.costs"} in data["changes"]


def test_a_spec_with_errors_is_a_clear_message(tmp_path):
    broken = write(tmp_path, "broken.yaml", seed_text() + "title: [unclosed\n")
    result = run_pcd("diff", str(ROOT / "tests/data/seed/1843.yaml"), str(broken))
    assert result.returncode == 2
    assert "broken.yaml has errors, so its figures cannot be compared" in result.stderr
    assert "error[PCD001]" in result.stderr and "Traceback" not in result.stderr
    assert run_pcd("diff", str(tmp_path / "missing.yaml"), str(broken)).returncode == 2


def git(repo, *args):
    subprocess.run(["git", "-C", str(repo), *args], check=True, capture_output=True)


@pytest.fixture
def repo(tmp_path):
    git(tmp_path, "init", "-q")
    git(tmp_path, "config", "user.email", "officer@example.invalid")
    git(tmp_path, "config", "user.name", "Officer")
    (tmp_path / "1843.yaml").write_text(seed_text(), encoding="utf-8")
    git(tmp_path, "add", ".")
    git(tmp_path, "commit", "-qm", "first draft")
    (tmp_path / "1843.yaml").write_text(mutate(seed_text(), "      amount: 273497", "      amount: 283497"),
                                        encoding="utf-8")
    return tmp_path


def test_against_a_git_revision(repo):
    result = run_pcd("diff", str(repo / "1843.yaml"), "--rev", "HEAD")
    assert result.returncode == 1
    assert "IOM Neurodiversity – extension until 31/03/2026: £273,497 → £283,497" in result.stdout
    bad = run_pcd("diff", str(repo / "1843.yaml"), "--rev", "no-such-revision")
    assert bad.returncode == 2 and "git cannot show" in bad.stderr
    option = run_pcd("diff", str(repo / "1843.yaml"), "--rev=--output=/tmp/x")
    assert option.returncode == 2 and "is not a revision" in option.stderr


def test_as_a_git_diff_driver(repo):
    import sys
    (repo / ".gitattributes").write_text("*.yaml diff=pcd\n")
    git(repo, "config", "diff.pcd.command", f"{sys.executable} -m authoring diff")
    result = subprocess.run(["git", "-C", str(repo), "diff"], capture_output=True, text=True,
                            env={**__import__("os").environ, "PYTHONPATH": str(ROOT)})
    assert result.returncode == 0, result.stderr
    assert "pcd diff 1843.yaml" in result.stdout
    assert "total costs: £553,497 → £563,497" in result.stdout


def test_an_older_revision_that_breaks_the_rules_is_still_compared(tmp_path):
    """Rules are added over time: the figures of a revision that breaks one are still computed,
    and its findings are a note, not a refusal."""
    git(tmp_path, "init", "-q")
    git(tmp_path, "config", "user.email", "officer@example.invalid")
    git(tmp_path, "config", "user.name", "Officer")
    (tmp_path / "1843.yaml").write_text(
        mutate(seed_text(), "- {funder: london_probation, amount: 200000}",
               "- {funder: london_probation, amount: 190000}"), encoding="utf-8")
    git(tmp_path, "add", ".")
    git(tmp_path, "commit", "-qm", "short of funding")
    (tmp_path / "1843.yaml").write_text(seed_text(), encoding="utf-8")
    result = run_pcd("diff", str(tmp_path / "1843.yaml"), "--rev", "HEAD")
    assert result.returncode == 1, result.stderr
    assert ("London Probation towards IOM Mental Health existing service contribution: "
            "£190,000 → £200,000") in result.stdout
    assert "total funding: £543,497 → £553,497" in result.stdout
    assert "note: " in result.stderr and "under today's rules" in result.stderr
    assert "error[PCD102]" in result.stderr


def test_renamed_ids_are_not_changes(tmp_path):
    """Ids name things inside the spec; a reader never sees them. Renaming every cost line,
    funder and recommendation, in their references too, changes nothing in the paper."""
    text = seed_text()
    for old, new in [("nds_extension", "neurodiversity"), ("mh_contribution", "mental_health"),
                     ("mopac_iom", "iom_budget"), ("accept-hmpps", "accept-hm-prison"),
                     ("extend-nds", "extend-neurodiversity"), ("iom_2022_25", "figure_1")]:
        assert old in text
        text = re.sub(rf"(?<![\w-]){re.escape(old)}(?![\w-])", new, text)
    renamed = write(tmp_path, "renamed.yaml", text)
    result = run_pcd("diff", str(ROOT / "tests/data/seed/1843.yaml"), str(renamed))
    assert (result.returncode, result.stdout) == (0, ""), result.stdout


def test_a_spec_and_its_re_import_are_paired_by_content(built_1843, tmp_path):
    """`pcd import` names recommendations, cost lines and funders afresh: they are matched by
    what they say, so none shows as added and removed."""
    spec = tmp_path / "1843.yaml"
    run_pcd("import", str(built_1843 / "1843.docx"), "-o", str(spec))
    result = run_pcd("diff", str(ROOT / "decisions/1843.yaml"), str(spec))
    assert result.returncode in (0, 1), result.stderr
    lines = result.stdout.splitlines()
    assert not [ln for ln in lines if re.match(r"(recommendation|paragraph) [\d.]+( of the summary)?: "
                                                 r"(added|removed):", ln)], result.stdout
    # the funding lines came back under new ids: the same lines, so no figure of theirs moved
    assert not [ln for ln in lines if re.match(r"(total costs|all funding from London Probation):", ln)]
