"""`pcd new --kind`: every kind of decision starts as a spec with warnings only (what to write)."""

from pathlib import Path

import pytest

from authoring.commands.new import kinds
from tests.conftest import run_pcd

KINDS = ["budget_drawdown", "contract_award", "extension", "general", "grant_acceptance",
         "onward_grant", "part2_settlement", "variation"]


def test_every_kind_has_a_fragment():
    assert kinds() == KINDS


@pytest.mark.parametrize("kind", KINDS)
def test_each_kind_scaffolds_a_spec_that_checks_with_warnings_only(tmp_path, kind):
    made = run_pcd("new", str(tmp_path), "--kind", kind, "--date", "2026-11-25")
    assert made.returncode == 0, made.stderr
    spec = made.stdout.strip()
    checked = run_pcd("check", spec)
    assert checked.returncode == 0, checked.stdout
    assert "error[" not in checked.stdout
    lines = checked.stdout.splitlines()
    assert lines and all("warning[PCD210]" in line for line in lines[:-1])


def test_an_onward_grant_starts_in_this_financial_year(tmp_path):
    spec = run_pcd("new", str(tmp_path), "--kind", "onward_grant", "--date", "2027-02-01").stdout.strip()
    assert "periods: [2026/27, 2027/28]" in Path(spec).read_text(encoding="utf-8")


def test_an_unknown_kind_is_a_usage_error(tmp_path):
    result = run_pcd("new", str(tmp_path), "--kind", "grant")
    assert result.returncode == 2
    assert "unknown kind 'grant'; choose one of: budget_drawdown" in result.stderr
    assert not list(tmp_path.iterdir())
