"""A red-team pass over every command: hostile arguments, folders and files get a clear message
and a fixed exit code, never a traceback, and never touch anything outside the output."""

from __future__ import annotations

import os
import shutil
import sys

import pytest

from tests.conftest import DATA, ROOT, minimal_text, run_pcd

HOSTILE = DATA / "hostile"
COMMANDS = ["check", "build", "site", "new", "import", "schema", "rules", "serve", "diff"]


def clean(result, *codes: int) -> None:
    assert result.returncode in codes, result.stdout + result.stderr
    assert "Traceback" not in result.stderr and "internal error" not in result.stderr


def test_every_hostile_story_is_refused_by_build_and_writes_nothing(tmp_path):
    stories = sorted(p for p in HOSTILE.glob("*.yaml") if p.name not in ("bom.yaml", "crlf.yaml"))
    result = run_pcd("build", *map(str, stories), "-o", str(tmp_path / "out"))
    clean(result, 1)
    assert not (tmp_path / "out").exists()
    assert result.stderr.count("not built: fix the errors above") == len(stories)


def test_the_terminal_sees_escapes_not_control_sequences():
    result = run_pcd("check", str(HOSTILE / "terminal-escape.yaml"))
    clean(result, 1)
    assert "\x1b" not in result.stdout and "\x07" not in result.stdout
    assert "unknown key 'x\\x1b[31m'" in result.stdout


def test_a_ci_log_gets_no_forged_workflow_command():
    result = run_pcd("check", "--format", "github", str(HOSTILE / "ci-log-injection.yaml"))
    clean(result, 1)
    assert [line[:9] for line in result.stdout.splitlines()] == ["::error f"]
    assert "\n::error file=README.md" not in result.stdout


def test_check_refuses_what_is_not_a_spec_file(tmp_path):
    (tmp_path / "dir.yaml").mkdir()
    result = run_pcd("check", str(tmp_path / "dir.yaml"), str(tmp_path / "missing.yaml"), "/dev/zero")
    clean(result, 2)  # usage and I/O: named on stderr, none opened for reading
    assert result.stderr.splitlines() == [
        f"pcd: {tmp_path / 'dir.yaml'}: is a folder, not a spec (give its *.yaml files)",
        f"pcd: {tmp_path / 'missing.yaml'}: no such file", "pcd: /dev/zero: is not a regular file"]


def test_build_into_a_file_or_onto_a_folder_is_an_io_error(tmp_path):
    spec = tmp_path / "2001.yaml"
    spec.write_text(minimal_text())
    (tmp_path / "file").write_text("not a folder")
    result = run_pcd("build", str(spec), "-o", str(tmp_path / "file"))
    clean(result, 2)
    assert result.stderr.startswith(f"pcd: cannot write to {tmp_path / 'file'}: ")
    out = tmp_path / "out"
    (out / "2001.html").mkdir(parents=True)  # an output name taken by a folder
    result = run_pcd("build", str(spec), "-o", str(out))
    clean(result, 2)
    assert sorted(p.name for p in out.iterdir()) == ["2001.html"]


def test_build_replaces_a_planted_link_rather_than_writing_through_it(tmp_path):
    spec = tmp_path / "2001.yaml"
    spec.write_text(minimal_text())
    out = tmp_path / "out"
    out.mkdir()
    victim = tmp_path / "victim.txt"
    victim.write_text("precious")
    os.symlink(victim, out / "2001.html")
    clean(run_pcd("build", str(spec), "-o", str(out)), 0)
    assert victim.read_text() == "precious" and not (out / "2001.html").is_symlink()


@pytest.mark.parametrize("args, message", [
    (["--kind", "../../../etc/passwd"], "pcd: unknown kind '../../../etc/passwd'; choose one of: "),
    (["--date", "2026-02-30"], "pcd: --date '2026-02-30' is not a date (YYYY-MM-DD)"),
    (["--date", "'; rm -rf /"], "pcd: --date \"'; rm -rf /\" is not a date (YYYY-MM-DD)"),
])
def test_new_refuses_hostile_options(tmp_path, args, message):
    result = run_pcd("new", str(tmp_path), *args)
    clean(result, 2)
    assert result.stderr.startswith(message) and list(tmp_path.iterdir()) == []


def test_new_keeps_a_hostile_title_inside_its_quotes(tmp_path):
    title = 'x"\nhouse_style: evil\n# {{ cycler.__init__ }} \\'
    clean(run_pcd("new", str(tmp_path), "--title", title, "--date", "2026-01-01"), 0)
    from authoring.spec.yamlread import parse, read_text
    root = parse(read_text((tmp_path / "1.yaml").read_bytes()))
    assert "house_style" not in root.items
    assert root.items["title"][1].text == 'x" house_style: evil # {{ cycler.__init__ }} \\'


def test_site_refuses_a_folder_without_specs_and_a_bad_date(tmp_path):
    clean(run_pcd("site", str(tmp_path), "-o", str(tmp_path / "site")), 2)
    (tmp_path / "2001.yaml").write_text(minimal_text())
    result = run_pcd("site", str(tmp_path), "-o", str(tmp_path / "site"), "--as-of", "../../x")
    clean(result, 2)
    assert not (tmp_path / "site").exists()


def test_import_refuses_what_is_not_a_docx(tmp_path):
    for name, data in [("empty.docx", b""), ("text.docx", b"hello"), ("zip.docx", b"PK\x05\x06" + b"\0" * 18)]:
        (tmp_path / name).write_bytes(data)
        result = run_pcd("import", str(tmp_path / name), "-o", str(tmp_path / "out.yaml"))
        clean(result, 2)
    assert not (tmp_path / "out.yaml").exists()


def test_schema_and_rules_take_no_input_and_succeed():
    clean(run_pcd("schema"), 0)
    rules = run_pcd("rules")
    clean(rules, 0)
    assert "PCD062" in rules.stdout


def test_every_command_there_is_answers_help_and_bad_options_cleanly():
    from authoring.cli import parser
    present = [c for c in COMMANDS if c in parser()._subparsers._group_actions[0].choices]  # noqa: SLF001
    assert {"check", "build", "site", "new", "schema", "rules"} <= set(present)
    for command in present:
        clean(run_pcd(command, "--help"), 0)
        clean(run_pcd(command, "--no-such-option"), 2)


@pytest.mark.skipif(not shutil.which("mkfifo") or sys.platform != "linux", reason="needs mkfifo")
def test_a_spec_named_on_the_command_line_is_read_only_as_far_as_a_spec_goes(tmp_path):
    """/dev/zero and /dev/urandom are endless; pcd reads no more than a spec may hold."""
    result = run_pcd("check", "/dev/urandom")
    clean(result, 2)
    assert result.stderr == "pcd: /dev/urandom: is not a regular file\n"


def test_the_hostile_folder_is_documented():
    assert (ROOT / "SECURITY.md").is_file()
