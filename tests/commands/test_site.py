"""The site command: a progress bar only on a terminal; an output folder it never wrongly replaces."""

from tests.conftest import ROOT


def test_progress_bar_only_on_a_terminal(monkeypatch):
    import io
    from authoring.commands import site

    class Tty(io.StringIO):
        def isatty(self):
            return True

    fake = Tty()
    monkeypatch.setattr(site.sys, "stderr", fake)
    bar = site.Progress(4)
    for _ in range(4):
        bar.tick(None)
    assert fake.getvalue().startswith("\r[" + "#" * 7 + "." * 23 + "] 1/4 ")
    assert fake.getvalue().split("\r")[-1].startswith("[" + "#" * 30 + "] 4/4 ")
    assert fake.getvalue().endswith("/s\n")  # elapsed and rate
    monkeypatch.setattr(site.sys, "stderr", io.StringIO())
    assert site.Progress(4).show is False


def test_the_site_never_replaces_a_folder_it_did_not_write(tmp_path):
    """The output folder is swapped whole: it must never be the specs, the current folder or
    someone's other files."""
    from tests.conftest import run_pcd
    specs = tmp_path / "decisions"
    specs.mkdir()
    (specs / "1843.yaml").write_text((ROOT / "decisions" / "1843.yaml").read_text())
    other = tmp_path / "other"
    other.mkdir()
    (other / "keep.txt").write_text("mine")
    for out, why in ((specs, "it holds the specs themselves"), (tmp_path, "it holds the specs themselves"),
                     (other, "it is not empty and is not a site pcd wrote")):
        result = run_pcd("site", str(specs), "-o", str(out), cwd=tmp_path)
        assert result.returncode == 2 and why in result.stderr
    assert (specs / "1843.yaml").exists() and (other / "keep.txt").read_text() == "mine"
    site = tmp_path / "site"
    assert run_pcd("site", str(specs), "-o", str(site)).returncode == 0
    assert run_pcd("site", str(specs), "-o", str(site)).returncode == 0  # its own site: replaced


def papers(tmp_path, numbers):
    """A folder of small, clean specs numbered as asked."""
    specs = tmp_path / "decisions"
    specs.mkdir()
    minimal = (ROOT / "tests/data/valid/minimal.yaml").read_text()
    for n in numbers:
        (specs / f"{n}.yaml").write_text(minimal.replace("reference: 2001", f"reference: {n}"))
    return specs


def _site_is_whole(site, names):
    """Every page, the index, the data and the marker: a complete site, old or new."""
    have = {p.name for p in site.iterdir()}
    return {"index.html", "decisions.json", "decisions.schema.json", "feed.xml", ".pcd-site", *names} <= have


def test_a_site_killed_at_any_moment_leaves_a_whole_site(tmp_path):
    """Real processes, killed at random moments: the output is always a complete site."""
    import random
    import signal
    import subprocess
    import sys
    import time

    specs = papers(tmp_path, range(2001, 2013))
    site = tmp_path / "site"
    from tests.conftest import run_pcd
    assert run_pcd("site", str(specs), "-o", str(site), "--jobs", "1").returncode == 0
    pages = {f"pcd-{n}.html" for n in range(2001, 2013)}
    rng = random.Random(1843)
    for _ in range(12):
        proc = subprocess.Popen([sys.executable, "-m", "authoring", "site", str(specs), "-o", str(site),
                                 "--jobs", "1"], cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        time.sleep(rng.uniform(0.05, 1.2))
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        assert _site_is_whole(site, pages)
    assert run_pcd("site", str(specs), "-o", str(site), "--jobs", "1").returncode == 0
    assert [p.name for p in tmp_path.glob(".site.*")] == []  # leftovers cleared


def test_two_site_builds_at_once_take_turns(tmp_path):
    import subprocess
    import sys

    specs = papers(tmp_path, range(2001, 2006))
    site = tmp_path / "site"
    procs = [subprocess.Popen([sys.executable, "-m", "authoring", "site", str(specs), "-o", str(site),
                               "--jobs", "1"], cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
             for _ in range(3)]
    results = [(p.wait(120), p.stdout.read(), p.stderr.read()) for p in procs]
    for p in procs:
        p.stdout.close()
        p.stderr.close()
    assert [r[0] for r in results] == [0, 0, 0], results
    assert _site_is_whole(site, {f"pcd-{n}.html" for n in range(2001, 2006)})
    assert [p.name for p in tmp_path.glob(".site.*")] == []


def test_a_full_disk_leaves_the_previous_site_as_it_was(tmp_path):
    """The first new file of the new site cannot be written (ENOSPC, injected at the file layer)."""
    import subprocess
    import sys

    from tests.conftest import run_pcd
    specs = tmp_path / "decisions"
    specs.mkdir()
    (specs / "1843.yaml").write_text((ROOT / "decisions" / "1843.yaml").read_text())
    site = tmp_path / "site"
    assert run_pcd("site", str(specs), "-o", str(site), "--jobs", "1").returncode == 0
    before = {str(p.relative_to(site)): p.read_bytes() for p in site.rglob("*") if p.is_file()}
    (specs / "1843.yaml").write_text((ROOT / "decisions" / "1843.yaml").read_text().replace(
        "amount: 273497", "amount: 283497"))
    code = ("import builtins, errno, os, sys\n"
            "real, calls = builtins.open, []\n"
            "def opened(file, mode='r', *args, **kwargs):\n"
            "    if mode == 'xb':  # a new file of the staged site: the first finds the disk full\n"
            "        calls.append(file)\n"
            "        if len(calls) == 1:\n"
            "            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))\n"
            "    return real(file, mode, *args, **kwargs)\n"
            "builtins.open = opened\n"
            "from authoring.cli import main\n"
            "raise SystemExit(main(sys.argv[1:]))\n")
    result = subprocess.run([sys.executable, "-c", code, "site", str(specs), "-o", str(site), "--jobs", "1"],
                            cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert result.returncode == 2, result.stderr
    assert result.stderr == (f"pcd: cannot write the site to {site}: No space left on device; the "
                             "previous site, if any, is intact\n")
    assert {str(p.relative_to(site)): p.read_bytes() for p in site.rglob("*") if p.is_file()} == before
    assert [p.name for p in tmp_path.glob(".site.*")] == []


def test_quiet_says_nothing_and_a_log_gets_only_the_summary(tmp_path):
    from tests.conftest import run_pcd
    specs = papers(tmp_path, range(2001, 2004))
    logged = run_pcd("site", str(specs), "-o", str(tmp_path / "site"))
    assert logged.stderr == "" and logged.stdout.startswith("site: 3 paper(s) published")
    quiet = run_pcd("site", str(specs), "-o", str(tmp_path / "site"), "--quiet")
    assert (quiet.returncode, quiet.stdout, quiet.stderr) == (0, "", "")


def test_the_data_is_versioned_and_valid_against_its_published_schema(tmp_path):
    import json

    import jsonschema

    from tests.conftest import run_pcd, signed_examples
    site = tmp_path / "site"
    specs = signed_examples(tmp_path / "decisions")
    assert run_pcd("site", str(specs), "-o", str(site), "--as-of", "2026-11-25").returncode == 0
    data = json.loads((site / "decisions.json").read_text())
    jsonschema.validate(data, json.loads((site / "decisions.schema.json").read_text()))
    assert data["version"] == 1
    by_ref = {d["reference"]: d for d in data["decisions"]}
    assert by_ref["PCD 1843"]["kinds"] == ["grant acceptance", "contract extension", "contract variation"]
    assert by_ref["PCD 1560"]["total_costs"] == "990324.28"
