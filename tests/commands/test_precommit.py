"""The real pre-commit framework runs this repository's hook on a repository of specs."""

import os
import shutil
import subprocess
import sys

import pytest

from tests.conftest import ROOT, minimal_text, mutate

pytestmark = pytest.mark.slow
GIT_ENV = {"GIT_AUTHOR_NAME": "Drafting Officer", "GIT_AUTHOR_EMAIL": "officer@example.invalid",
           "GIT_COMMITTER_NAME": "Drafting Officer", "GIT_COMMITTER_EMAIL": "officer@example.invalid"}


@pytest.fixture(scope="module")
def specs(tmp_path_factory):
    """A repository of specs: one good, one with the seed's kind of error."""
    repo = tmp_path_factory.mktemp("specs")
    env = {**os.environ, **GIT_ENV, "PRE_COMMIT_HOME": str(tmp_path_factory.mktemp("pre-commit-home"))}
    (repo / "decisions").mkdir()
    (repo / "decisions" / "2001.yaml").write_text(minimal_text())
    (repo / "decisions" / "2002.yaml").write_text(
        mutate(minimal_text(), "reference: 2001", "reference: 2002").replace(
            "{funder: grantor, amount: remainder}", "{funder: grantor, amount: 9990}"))
    subprocess.run(["git", "init", "-q"], cwd=repo, check=True, env=env)
    subprocess.run(["git", "add", "."], cwd=repo, check=True, env=env)
    return repo, env


def pre_commit(repo, env, *args):
    return subprocess.run([sys.executable, "-m", "pre_commit", *args], cwd=repo, env=env,
                          capture_output=True, text=True, timeout=600)


def test_the_hook_blocks_a_bad_spec_and_passes_a_good_one(specs):
    repo, env = specs
    assert shutil.which("git")
    bad = pre_commit(repo, env, "try-repo", str(ROOT), "pcd-check", "--files", "decisions/2002.yaml")
    assert bad.returncode == 1, bad.stdout + bad.stderr
    assert ("decisions/2002.yaml:20:37: error[PCD102] finance.costs[0].funding[0].amount: funding does "
            "not cover cost 'pilot': £10,000 needed, £9,990 allocated") in bad.stdout
    good = pre_commit(repo, env, "try-repo", str(ROOT), "pcd-check", "--files", "decisions/2001.yaml")
    assert good.returncode == 0, good.stdout + good.stderr
    assert "Passed" in good.stdout
