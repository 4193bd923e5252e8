"""The command line as a user meets it: exit codes, messages, no tracebacks, safe writes."""

import json
import os
import subprocess
import sys

import pytest

from tests.conftest import MINIMAL, ROOT, mutate, minimal_text, run_pcd


def test_check_clean_spec_exits_0_and_prints_one_summary_line_or_nothing_when_quiet():
    result = run_pcd("check", "decisions/1843.yaml")
    assert (result.returncode, result.stdout, result.stderr) == (0, "1 file(s) checked: no problems\n", "")
    quiet = run_pcd("check", "--quiet", "decisions/1843.yaml")
    assert (quiet.returncode, quiet.stdout, quiet.stderr) == (0, "", "")


def test_check_many_files_reports_all_and_exits_1(tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_text(mutate(minimal_text(), "amount: 10000", "amount: 10000.5"))
    result = run_pcd("check", str(MINIMAL), str(bad), "decisions/1843.yaml")
    assert result.returncode == 1
    assert result.stdout.splitlines() == [
        f"{bad}:18:15: error[PCD013] finance.costs[0].amount: '10000.5' is a YAML float, which "
        "cannot hold money exactly: write whole pounds (10000) or quote pence ('10000.50')",
        "3 file(s) checked: 1 error(s), 0 warning(s)"]


@pytest.mark.parametrize("command", ["check", "build"])
def test_a_path_that_is_no_spec_is_exit_2_naming_the_problem_and_the_rest_are_still_done(tmp_path, command):
    import os
    fifo = tmp_path / "pipe.yaml"
    os.mkfifo(fifo)  # opening it for reading would block: it is refused by stat alone
    folder = tmp_path / "folder.yaml"
    folder.mkdir()
    options = ["-o", str(tmp_path / "out")] if command == "build" else ["--quiet"]
    result = run_pcd(command, str(tmp_path / "nope.yaml"), str(folder), str(fifo), str(MINIMAL), *options)
    assert result.returncode == 2
    assert result.stderr.splitlines() == [
        f"pcd: {tmp_path / 'nope.yaml'}: no such file",
        f"pcd: {folder}: is a folder, not a spec (give its *.yaml files)",
        f"pcd: {fifo}: is not a regular file"]
    if command == "build":
        assert (tmp_path / "out" / "2001.html").exists()


def test_usage_error_exits_2():
    result = run_pcd("check")
    assert result.returncode == 2 and "usage: pcd check" in result.stderr


def test_json_and_github_formats(tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_text(mutate(minimal_text(), "{cost.pilot}, set out", "{cost.pilt}, set out"))
    data = json.loads(run_pcd("check", "--format", "json", str(bad)).stdout)
    assert data == [{"file": str(bad), "line": 25, "column": 25, "severity": "error", "code": "PCD201",
                     "path": "sections.financial[0].text",
                     "message": "{cost.pilt} refers to nothing in this spec; did you mean {cost.pilot}?"}]
    gh = run_pcd("check", "--format", "github", str(bad)).stdout.strip()
    assert gh == (f"::error file={bad},line=25,col=25,title=PCD201::sections.financial[0].text: "
                  "{cost.pilt} refers to nothing in this spec; did you mean {cost.pilot}?")


def test_strict_turns_warnings_into_errors(tmp_path):
    spec = tmp_path / "warn.yaml"
    spec.write_text(mutate(minimal_text(), "The pilot tests a new approach.", "The pilot tests the the XYZ approach."))
    assert run_pcd("check", str(spec)).returncode == 0
    result = run_pcd("check", "--strict", str(spec))
    assert result.returncode == 1 and "error[PCD207]" in result.stdout and "error[PCD206]" in result.stdout


def test_a_finding_can_be_silenced_beside_its_line(tmp_path):
    spec = tmp_path / "quiet.yaml"
    spec.write_text(mutate(minimal_text(), "  background: [The pilot tests a new approach.]",
                           "  background:\n    # pcd: ignore[PCD206] XYZ is the pilot's registered name\n"
                           "    - The XYZ pilot tests a new approach."))
    assert run_pcd("check", "--strict", "--quiet", str(spec)).stdout == ""


def test_build_refuses_a_spec_with_errors_and_keeps_old_outputs(tmp_path):
    out = tmp_path / "out"
    assert run_pcd("build", str(MINIMAL), "-o", str(out)).returncode == 0
    before = {p.name: p.read_bytes() for p in out.iterdir()}
    bad = tmp_path / "2001.yaml"
    bad.write_text(mutate(minimal_text(), "title: Acceptance", "title: Changed acceptance").replace(
        "amount: 10000", "amount: -1"))
    result = run_pcd("build", str(bad), "-o", str(out))
    assert result.returncode == 1 and "not built" in result.stderr
    assert {p.name: p.read_bytes() for p in out.iterdir()} == before


def test_build_into_an_unwritable_place_exits_2(tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    result = run_pcd("build", str(MINIMAL), "-o", str(blocker / "out"))
    assert result.returncode == 2 and "Traceback" not in result.stderr


def test_check_does_not_import_renderers():
    code = ("import sys; from authoring.cli import main; rc = main(['check', '--quiet', 'decisions/1843.yaml']);"
            "heavy = sorted(m for m in sys.modules if m.split('.')[0] in ('docx', 'jinja2', 'lxml', 'markupsafe', 'babel'));"
            "print(rc, heavy)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT).stdout
    assert out.strip() == "0 []"


def test_rules_lists_every_code():
    from authoring.rules import RULES
    lines = run_pcd("rules").stdout.splitlines()
    assert [line.split()[0] for line in lines] == list(RULES)


def test_version():
    assert run_pcd("--version").stdout.startswith("pcd ")


def test_pcd_leaves_without_teardown_but_with_its_output_and_exit_code(tmp_path, capsys):
    """`pcd` skips the interpreter's teardown: what it printed into a file (block-buffered) is
    all there, byte for byte; the exit code is main's; exit handlers registered while it ran
    run; and output that cannot be written is an error, not a silent success."""
    from authoring.cli import main

    assert main(["schema"]) == 0
    expected = capsys.readouterr().out
    env = {k: v for k, v in os.environ.items() if k != "PYTHONUNBUFFERED"}  # buffered, as for users
    out = tmp_path / "schema.json"
    with open(out, "w") as fh:
        done = subprocess.run([sys.executable, "-m", "authoring", "schema"], stdout=fh, cwd=ROOT, env=env)
    assert done.returncode == 0 and out.read_text() == expected
    marker = tmp_path / "handler-ran"
    code = ("import atexit, sys; from authoring import cli; "
            f"cli.main = lambda: atexit.register(open, {str(marker)!r}, 'w') and 3; cli.entry()")
    done = subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=env)
    assert done.returncode == 3 and marker.exists()
    assert run_pcd("--version").returncode == 0 and run_pcd("nonsense").returncode == 2
    if os.path.exists("/dev/full"):  # a full disk
        with open("/dev/full", "w") as full:
            done = subprocess.run([sys.executable, "-m", "authoring", "--version"], stdout=full,
                                  stderr=subprocess.PIPE, text=True, cwd=ROOT, env=env)
        assert done.returncode == 120 and "cannot write the output: No space left" in done.stderr


@pytest.mark.skipif(os.name != "posix", reason="signals")
def test_interrupted_build_leaves_no_partial_file(tmp_path, monkeypatch):
    """A write that fails midway leaves the previous file and no temporary file behind."""
    from authoring.commands import output

    target = tmp_path / "x.docx"
    target.write_bytes(b"old")

    def boom(*a, **k):
        raise KeyboardInterrupt

    monkeypatch.setattr(output.os, "fsync", boom)
    with pytest.raises(KeyboardInterrupt):
        output.write_atomic(target, b"new and longer")
    assert target.read_bytes() == b"old"
    assert [p.name for p in tmp_path.iterdir()] == ["x.docx"]


@pytest.mark.parametrize("name", ["../escape", "/etc/passwd", "a/b", "..", ".hidden", ""])
def test_output_names_cannot_leave_the_folder(tmp_path, name):
    from authoring.commands.output import safe_child
    with pytest.raises(ValueError):
        safe_child(tmp_path, name)


def test_every_rule_is_documented():
    from authoring.rules import RULES
    doc = (ROOT / "docs" / "rules.md").read_text()
    assert [c for c in RULES if f"### {c} — " not in doc] == []


def check_with_style(tmp_path, style_yaml: str):
    """`pcd check` of the minimal spec in a house style made of just this style.yaml."""
    (tmp_path / "styles" / "custom").mkdir(parents=True)
    (tmp_path / "styles" / "custom" / "style.yaml").write_text(style_yaml)
    spec = tmp_path / "s.yaml"
    spec.write_text("house_style: custom\n" + minimal_text())
    result = run_pcd("check", "--style-dir", str(tmp_path / "styles"), str(spec))
    assert result.returncode == 1 and "Traceback" not in result.stderr
    return result.stdout


def test_a_broken_house_style_is_a_diagnostic(tmp_path):
    out = check_with_style(tmp_path, "code: [PCD\n")
    assert "error[PCD017] house_style: house style 'custom' has errors (below)" in out
    assert "custom/style.yaml:1:7: error[PCD001] did not find expected ',' or ']' (the '[' here" in out


def test_an_incomplete_house_style_is_a_diagnostic(tmp_path):
    out = check_with_style(tmp_path, "code: XY\n")
    assert ("error[PCD017] house_style: house style 'custom' lacks organisation, short_name, "
            "decision_type, heading, part1_heading, table_caption and 37 more") in out


def test_an_internal_error_is_one_line_not_a_traceback(monkeypatch, capsys):
    from authoring import cli

    def bug(*args, **kwargs):
        raise ZeroDivisionError("division by zero")

    monkeypatch.setattr("authoring.commands.check.check", bug)
    assert cli.main(["check", "decisions/1843.yaml"]) == 70
    err = capsys.readouterr().err
    assert err.startswith("pcd: internal error: ZeroDivisionError: division by zero\n")
    assert "Traceback" not in err
