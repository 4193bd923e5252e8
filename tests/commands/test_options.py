"""No accepted-and-ignored option: every option of every command, read from the parser itself,
has a proof here that giving it changes what pcd does (`pcd site --strict` was once accepted
and ignored, and a web officer relying on it would have published drafts).

A proof is a function below, or, where one already exists and is costly (LibreOffice, a live
server), the name of the test that proves it, which must name the option in its own source."""

from __future__ import annotations

import argparse
import importlib
import inspect
import json
import os

import pytest

from tests.conftest import ROOT, minimal_text, mutate, run_pcd, signed_examples


def options() -> dict[tuple[str, str], list[str]]:
    """Every (command, long option) the parser accepts, with all the option's spellings."""
    from authoring.cli import parser

    found = {}
    for action in parser()._actions:
        if isinstance(action, argparse._SubParsersAction):
            for command, sub in action.choices.items():
                for a in sub._actions:
                    if a.option_strings and not isinstance(a, argparse._HelpAction):
                        found[(command, max(a.option_strings, key=len))] = a.option_strings
    return found


def spec(tmp_path, text: str = "", name: str = "2001.yaml"):
    path = tmp_path / name
    path.write_text(text or minimal_text())
    return path


def custom_style(tmp_path):
    """A style found only with --style-dir: MOPAC's, under another organisation's name."""
    folder = tmp_path / "styles" / "custom"
    folder.mkdir(parents=True)
    (folder / "style.yaml").write_text("extends: mopac\norganisation: Office of Somewhere\n")
    return str(tmp_path / "styles")


def differ(without, with_):
    assert without != with_
    return without, with_


# --- check ------------------------------------------------------------------------------------

def check_format(tmp_path):
    s = str(spec(tmp_path, mutate(minimal_text(), "new approach", "new new approach")))
    assert json.loads(run_pcd("check", "--format", "json", s).stdout)[0]["code"] == "PCD207"
    assert run_pcd("check", "--format", "github", s).stdout.startswith("::warning file=")


def check_quiet(tmp_path):
    s = str(spec(tmp_path))
    differ(run_pcd("check", s).stdout, run_pcd("check", "--quiet", s).stdout)


def check_strict(tmp_path):
    s = str(spec(tmp_path, mutate(minimal_text(), "new approach", "new new approach")))
    assert (run_pcd("check", s).returncode, run_pcd("check", "--strict", s).returncode) == (0, 1)


def style_dir(command):
    def proof(tmp_path):
        dirs = custom_style(tmp_path)
        s = str(spec(tmp_path, "house_style: custom\n" + minimal_text()))
        args = {"check": [s], "build": [s, "-o", str(tmp_path / "o")], "facts": [s],
                "site": [str(tmp_path), "-o", str(tmp_path / "site")]}[command]
        assert "unknown house style 'custom'" in run_pcd(command, *args).stdout + run_pcd(command, *args).stderr
        assert run_pcd(command, *args, "--style-dir", dirs).returncode == 0
    return proof


def no_cache(command):
    def proof(tmp_path):
        s = str(spec(tmp_path))
        cache = tmp_path / "cache"
        env = {"PCD_TEST_CACHE": str(cache), "XDG_CACHE_HOME": str(cache)}
        args = {"check": [s], "build": [s, "-o", str(tmp_path / "o")],
                "site": [str(tmp_path), "-o", str(tmp_path / "site")]}[command]
        assert run_pcd(command, *args, "--no-cache", env=env).returncode == 0
        assert not any(p.is_file() for p in cache.rglob("*")) if cache.exists() else True
        assert run_pcd(command, *args, env=env).returncode == 0
        assert any(p.is_file() for p in cache.rglob("*"))
    return proof


# --- build ------------------------------------------------------------------------------------

def build_output(tmp_path):
    s = str(spec(tmp_path))
    assert run_pcd("build", s, "-o", str(tmp_path / "here")).returncode == 0
    assert (tmp_path / "here" / "2001.html").exists()


def build_strict(tmp_path):
    s = str(spec(tmp_path, mutate(minimal_text(), "new approach", "new new approach")))
    assert run_pcd("build", s, "-o", str(tmp_path / "a")).returncode == 0
    assert run_pcd("build", "--strict", s, "-o", str(tmp_path / "b")).returncode == 1


# --- site -------------------------------------------------------------------------------------

def site_output(tmp_path):
    spec(tmp_path)
    assert run_pcd("site", str(tmp_path), "-o", str(tmp_path / "there")).returncode == 0
    assert (tmp_path / "there" / "pcd-2001.html").exists()


def site_as_of(tmp_path):
    spec(tmp_path, mutate(minimal_text(), "publication: {defer: false}",
                          "publication: {defer: true, reason: Operational reasons., until: 2030-01-01}"))
    run_pcd("site", str(tmp_path), "-o", str(tmp_path / "a"), "--as-of", "2029-12-31")
    run_pcd("site", str(tmp_path), "-o", str(tmp_path / "b"), "--as-of", "2030-01-02")
    assert not (tmp_path / "a" / "pcd-2001.html").exists() and (tmp_path / "b" / "pcd-2001.html").exists()


def site_jobs(tmp_path, monkeypatch):
    """With --jobs 1 no worker process is started; with --jobs 2 (and enough papers) one is."""
    import concurrent.futures

    from authoring.cli import main

    for n in range(2001, 2011):
        spec(tmp_path, minimal_text().replace("reference: 2001", f"reference: {n}"), f"{n}.yaml")
    started = []

    class Pool(concurrent.futures.ThreadPoolExecutor):
        def __init__(self, max_workers=None):
            started.append(max_workers)
            super().__init__(max_workers)

    monkeypatch.setattr(concurrent.futures, "ProcessPoolExecutor", Pool)
    assert main(["site", str(tmp_path), "-o", str(tmp_path / "a"), "--jobs", "1", "--no-cache", "--quiet"]) == 0
    assert started == []
    assert main(["site", str(tmp_path), "-o", str(tmp_path / "b"), "--jobs", "2", "--no-cache", "--quiet"]) == 0
    assert started == [2]


def site_quiet(tmp_path):
    spec(tmp_path)
    differ(run_pcd("site", str(tmp_path), "-o", str(tmp_path / "a")).stdout,
           run_pcd("site", str(tmp_path), "-o", str(tmp_path / "b"), "--quiet").stdout)


def site_base_url(tmp_path):
    spec(tmp_path)
    run_pcd("site", str(tmp_path), "-o", str(tmp_path / "a"))
    run_pcd("site", str(tmp_path), "-o", str(tmp_path / "b"), "--base-url", "https://example.gov.uk/d/")
    assert not (tmp_path / "a" / "sitemap.xml").exists()
    assert "https://example.gov.uk/d/pcd-2001.html" in (tmp_path / "b" / "sitemap.xml").read_text()


def site_drafts(tmp_path):
    spec(tmp_path, minimal_text().split("signatures:")[0])
    run_pcd("site", str(tmp_path), "-o", str(tmp_path / "a"))
    run_pcd("site", str(tmp_path), "-o", str(tmp_path / "b"), "--drafts")
    assert not (tmp_path / "a" / "pcd-2001.html").exists() and (tmp_path / "b" / "pcd-2001.html").exists()


def site_strict(tmp_path):
    spec(tmp_path, mutate(minimal_text(), "new approach", "new new approach"))
    assert run_pcd("site", str(tmp_path), "-o", str(tmp_path / "a")).returncode == 0
    assert run_pcd("site", str(tmp_path), "-o", str(tmp_path / "b"), "--strict").returncode == 1


def site_house_style(tmp_path):
    specs = signed_examples(tmp_path / "decisions")
    run_pcd("site", str(specs), "-o", str(tmp_path / "a"))
    run_pcd("site", str(specs), "-o", str(tmp_path / "b"), "--house-style", "gla")
    assert (tmp_path / "a" / "pcd-1843.html").exists() and not (tmp_path / "a" / "md-2973.html").exists()
    assert (tmp_path / "b" / "md-2973.html").exists() and not (tmp_path / "b" / "pcd-1843.html").exists()
    assert "Greater London Authority" in (tmp_path / "b" / "index.html").read_text()


# --- new --------------------------------------------------------------------------------------

def new_title(tmp_path):
    run_pcd("new", str(tmp_path), "--title", "Knife crime grants", "--date", "2026-12-01")
    assert 'title: "Knife crime grants"' in (tmp_path / "1.yaml").read_text()


def new_date(tmp_path):
    run_pcd("new", str(tmp_path), "--date", "2026-12-01")
    assert "drafted: 2026-12-01" in (tmp_path / "1.yaml").read_text()


def new_kind(tmp_path):
    run_pcd("new", str(tmp_path), "--kind", "contract_award", "--date", "2026-12-01")
    assert "contracts:" in (tmp_path / "1.yaml").read_text()


def new_house_style(tmp_path):
    (tmp_path / "1843.yaml").write_text((ROOT / "decisions" / "1843.yaml").read_text())
    (tmp_path / "md2973.yaml").write_text((ROOT / "decisions" / "md2973.yaml").read_text())
    assert run_pcd("new", str(tmp_path), "--date", "2026-12-01").stdout.strip().endswith("1844.yaml")
    made = run_pcd("new", str(tmp_path), "--house-style", "gla", "--date", "2026-12-01").stdout.strip()
    assert made.endswith("md2974.yaml")
    text = (tmp_path / "md2974.yaml").read_text()
    assert "house_style: gla" in text and "decision_maker: mayor" in text


def new_style_dir(tmp_path):
    dirs = custom_style(tmp_path)
    assert run_pcd("new", str(tmp_path / "d"), "--house-style", "custom").returncode == 2
    assert run_pcd("new", str(tmp_path / "d"), "--house-style", "custom", "--style-dir", dirs).returncode == 0


# --- diff -------------------------------------------------------------------------------------

def diff_format(tmp_path):
    old = spec(tmp_path, name="old.yaml")
    new = spec(tmp_path, minimal_text().replace("amount: 10000", "amount: 12000"), "new.yaml")
    text = run_pcd("diff", str(old), str(new)).stdout
    data = run_pcd("diff", "--format", "json", str(old), str(new)).stdout
    differ(text, data)
    json.loads(data)


def diff_style_dir(tmp_path):
    dirs = custom_style(tmp_path)
    old = spec(tmp_path, "house_style: custom\n" + minimal_text(), "old.yaml")
    new = spec(tmp_path, "house_style: custom\n" + minimal_text().replace("amount: 10000", "amount: 12000"),
               "new.yaml")
    assert run_pcd("diff", str(old), str(new)).returncode == 2
    assert run_pcd("diff", "--style-dir", dirs, str(old), str(new)).returncode == 1


def serve_style_dir(tmp_path):
    import subprocess
    import sys
    import urllib.request

    dirs = custom_style(tmp_path)
    s = str(spec(tmp_path, "house_style: custom\n" + minimal_text()))

    def page(*args: str) -> str:
        with subprocess.Popen([sys.executable, "-m", "authoring", "serve", s, "--port", "0", *args], cwd=ROOT,
                              stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True) as proc:
            try:
                url = proc.stdout.readline().split()[2]
                with urllib.request.urlopen(url, timeout=20) as r:
                    return r.read().decode()
            finally:
                proc.terminate()

    assert "Office of Somewhere" not in page() and "Office of Somewhere" in page("--style-dir", dirs)


def facts_strict(tmp_path):
    s = str(spec(tmp_path, mutate(minimal_text(), "[The pilot tests a new approach.]",
                                  "[The pilot ran for 14 weeks.]")))
    assert run_pcd("facts", "--unverified-warn", s).returncode == 0
    strict = run_pcd("facts", "--unverified-warn", "--strict", s)
    assert strict.returncode == 1 and "warning[PCD518]" in strict.stdout


def schema_style(tmp_path):
    spec_schema = json.loads(run_pcd("schema").stdout)
    style_schema = json.loads(run_pcd("schema", "--style").stdout)
    assert "decision_maker" in spec_schema["properties"] and "decision_maker" not in style_schema["properties"]
    assert "authorities" in style_schema["properties"]


PROOFS = {
    ("check", "--format"): check_format,
    ("check", "--quiet"): check_quiet,
    ("check", "--strict"): check_strict,
    ("check", "--style-dir"): style_dir("check"),
    ("check", "--no-cache"): no_cache("check"),
    ("build", "--output"): build_output,
    ("build", "--strict"): build_strict,
    ("build", "--style-dir"): style_dir("build"),
    ("build", "--no-cache"): no_cache("build"),
    ("build", "--pdf"): "tests.render.test_pdf::pdfs",
    ("site", "--output"): site_output,
    ("site", "--as-of"): site_as_of,
    ("site", "--jobs"): site_jobs,
    ("site", "--quiet"): site_quiet,
    ("site", "--pdf"): "tests.render.test_pdf::test_the_site_links_each_paper_to_its_pdf",
    ("site", "--base-url"): site_base_url,
    ("site", "--drafts"): site_drafts,
    ("site", "--house-style"): site_house_style,
    ("site", "--style-dir"): style_dir("site"),
    ("site", "--strict"): site_strict,
    ("site", "--no-cache"): no_cache("site"),
    ("new", "--title"): new_title,
    ("new", "--date"): new_date,
    ("new", "--kind"): new_kind,
    ("new", "--house-style"): new_house_style,
    ("new", "--style-dir"): new_style_dir,
    ("import", "--output"): "tests.importer.test_command::test_an_unwritable_target_is_exit_2",
    ("import", "--style-dir"): "tests.importer.test_roundtrip::test_a_paper_in_a_house_style_from_a_folder_comes_back",
    ("import", "--house-style"): "tests.importer.test_command::test_an_unknown_house_style_is_exit_2",
    ("import", "--force"): "tests.importer.test_command::test_an_existing_spec_is_not_replaced_without_force",
    ("diff", "--rev"): "tests.commands.test_diff::test_against_a_git_revision",
    ("diff", "--format"): diff_format,
    ("diff", "--style-dir"): diff_style_dir,
    ("serve", "--port"): "tests.commands.test_serve::Server",
    ("serve", "--host"): "tests.commands.test_serve::test_binding_beyond_this_machine_is_said_plainly",
    ("serve", "--show-part2"): "tests.commands.test_serve::test_part2_is_shown_only_when_asked",
    ("serve", "--style-dir"): serve_style_dir,
    ("schema", "--style"): schema_style,
    ("facts", "--format"): "tests.checks.test_fact_reader::test_pcd_facts_lists_every_fact_with_its_status",
    ("facts", "--unverified-warn"): "tests.checks.test_fact_reader::test_pcd_facts_lists_every_fact_with_its_status",
    ("facts", "--strict"): facts_strict,
    ("facts", "--style-dir"): style_dir("facts"),
}


def test_every_option_of_every_command_has_a_proof():
    assert sorted(set(options()) - set(PROOFS)) == []
    assert sorted(set(PROOFS) - set(options())) == []


@pytest.mark.parametrize("command,option", sorted(PROOFS), ids=lambda v: v)
def test_the_option_changes_what_pcd_does(command, option, tmp_path, monkeypatch):
    proof = PROOFS[(command, option)]
    if isinstance(proof, str):  # proved by a costlier test elsewhere: it must use the option
        module, name = proof.split("::")
        source = inspect.getsource(getattr(importlib.import_module(module), name))
        assert any(f'"{o}"' in source for o in options()[(command, option)]), f"{proof} does not use {option}"
        return
    os.chdir(tmp_path)
    params = inspect.signature(proof).parameters
    proof(tmp_path, monkeypatch) if "monkeypatch" in params else proof(tmp_path)
