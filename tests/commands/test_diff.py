"""`pcd diff`: every computed figure that moved, recommendations and paragraphs at word level."""

import json
import subprocess

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
        "cost.nds_extension: £273,497 → £283,497",
        "funding.mopac_iom.nds_extension: £173,497 → £183,497",
        "funder.mopac_iom: £173,497 → £183,497",
        "total.costs: £553,497 → £563,497",
    ]
    assert "contract.mopac_957.value_after: £1,070,833 → £1,080,833" in lines
    assert "contract.mopac_957.percent: 34.3% → 35.6%" in lines


@pytest.mark.parametrize("spec", SPECS, ids=lambda p: p.name)
def test_a_spec_against_itself_has_no_changes(spec):
    result = run_pcd("diff", str(spec), str(spec))
    assert (result.returncode, result.stdout, result.stderr) == (0, "", "")


@pytest.mark.parametrize("spec", SPECS, ids=lambda p: p.name)
def test_every_worked_example_reports_a_moved_figure(spec, tmp_path):
    text = spec.read_text(encoding="utf-8")
    # the first cost line's amount, whatever its shape, goes up by one pound
    import re
    m = re.search(r"\n      amount: (\{[^}]*\}|'?[\d.]+'?)", text)
    old = m.group(1)
    first = re.search(r"[\d.]+", old).group(0)
    new_amount = old.replace(first, str(int(float(first)) + 1), 1)
    changed = write(tmp_path, spec.name, text.replace(m.group(0), m.group(0).replace(old, new_amount), 1))
    result = run_pcd("diff", str(spec), str(changed), "--format", "json")
    assert result.returncode in (1, 2), result.stderr
    if result.returncode == 1:
        changes = json.loads(result.stdout)["changes"]
        assert any(c["kind"] == "figure" for c in changes)
    else:  # the edit unbalanced the paper: said plainly, no traceback
        assert "has errors, so its figures cannot be compared" in result.stderr
        assert "Traceback" not in result.stderr


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
    assert "cost.nds_extension label: IOM Neurodiversity" in result.stdout


def test_markdown_and_json(tmp_path):
    new = write(tmp_path, "new.yaml", mutate(seed_text(), "      amount: 273497", "      amount: 283497"))
    md = run_pcd("diff", str(ROOT / "tests/data/seed/1843.yaml"), str(new), "--format", "markdown").stdout
    assert "| `cost.nds_extension` | £273,497 | £283,497 |" in md
    data = json.loads(run_pcd("diff", str(ROOT / "tests/data/seed/1843.yaml"), str(new), "--format", "json").stdout)
    assert {"kind": "figure", "what": "total.costs", "old": "£553,497", "new": "£563,497", "words": ""} in data["changes"]


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
    assert result.returncode == 1 and "cost.nds_extension: £273,497 → £283,497" in result.stdout
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
    assert "total.costs: £553,497 → £563,497" in result.stdout
