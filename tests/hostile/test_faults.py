"""Faults lose nothing: a `pcd build` killed at any moment, or one that meets a full disk, leaves
every output as the previous complete file or the new complete one, and no temporary files
after the next run."""

from __future__ import annotations

import errno
import os
import random
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

from authoring.commands.output import HOST, remove_stale
from tests.conftest import ROOT, minimal_text, mutate

ENV = {**os.environ, "SOURCE_DATE_EPOCH": "1767225600", "PCD_NO_CACHE": "1"}
TRIALS = int(os.environ.get("PCD_FAULT_TRIALS", 24))


def specs(folder: Path, version: str) -> list[Path]:
    """Three papers; versions A and B differ in every output file."""
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for n in (2001, 2002, 2003):
        text = mutate(minimal_text(), "reference: 2001", f"reference: {n}")
        text = mutate(text, "title: Acceptance of grant funding for a pilot",
                      f"title: Acceptance of grant funding for a pilot, version {version}")
        if n == 2003:
            text = mutate(text, "part2: {exists: false}", "part2: {exists: true, summary: Advice.}")
        (folder / f"{n}.yaml").write_text(text)
        paths.append(folder / f"{n}.yaml")
    return paths


def build(paths: list[Path], out: Path, **kw) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-m", "authoring", "build", *map(str, paths), "-o", str(out)],
                            cwd=ROOT, env=kw.get("env", ENV), stdout=subprocess.DEVNULL,
                            stderr=subprocess.PIPE, text=True)


def finish(proc: subprocess.Popen) -> tuple[int, str]:
    _, err = proc.communicate(timeout=120)
    return proc.returncode, err


def contents(folder: Path) -> dict[str, bytes]:
    """Every output by its path in the folder (the Part 2 form is in part2/), temporaries aside."""
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*"))
            if p.is_file() and not p.name.startswith(".")}


def leftovers(folder: Path) -> list[str]:
    return sorted(str(p.relative_to(folder)) for p in folder.rglob(".*"))


@pytest.fixture(scope="module")
def versions(tmp_path_factory):
    """The complete outputs of versions A and B, and how long one build takes."""
    root = tmp_path_factory.mktemp("faults")
    out = {}
    for v in "AB":
        start = time.perf_counter()
        code, err = finish(build(specs(root / v, v), root / f"out-{v}"))
        assert code == 0, err
        out[v] = (root / v, contents(root / f"out-{v}"), time.perf_counter() - start)
    assert out["A"][1].keys() == out["B"][1].keys()
    assert all(out["A"][1][k] != out["B"][1][k] for k in out["A"][1])
    return out


def test_a_build_killed_at_random_moments_leaves_whole_files(tmp_path, versions):
    seed = int(os.environ.get("PCD_FAULT_SEED", time.time_ns() % 2**32))
    rng = random.Random(seed)
    out = tmp_path / "out"
    shutil.copytree(versions["A"][0].parent / "out-A", out)
    duration = max(versions["A"][2], versions["B"][2])
    killed = mixed = 0
    for trial in range(TRIALS):
        version = "B" if trial % 2 == 0 else "A"
        proc = build(sorted(versions[version][0].glob("*.yaml")), out)
        time.sleep(rng.uniform(0.3, 1.1) * duration)  # imports first; the writes come last
        if proc.poll() is None:
            proc.kill()
            killed += 1
        finish(proc)
        found = contents(out)
        assert found.keys() == versions["A"][1].keys(), (seed, trial)
        for name, data in found.items():
            assert data in (versions["A"][1][name], versions["B"][1][name]), (seed, trial, name)
        mixed += len({data == versions["A"][1][name] for name, data in found.items()}) > 1
    assert killed, f"no build was killed before it finished (seed {seed})"
    # The next run completes and leaves no temporary file behind, whatever the kills left.
    code, err = finish(build(sorted(versions["A"][0].glob("*.yaml")), out))
    assert code == 0, err
    assert contents(out) == versions["A"][1]
    assert leftovers(out) == []
    print(f"seed {seed}: {killed}/{TRIALS} builds killed, {mixed} left papers of both versions")


def test_the_next_run_removes_only_the_temporary_files_a_dead_pcd_left(tmp_path, versions):
    out = tmp_path / "out"
    shutil.copytree(versions["A"][0].parent / "out-A", out)
    dead = subprocess.Popen(["true"])
    dead.communicate()
    stale = out / f".2001.docx.{HOST}-{dead.pid}.k3j4.tmp"
    live = out / f".2001.html.{HOST}-{os.getpid()}.a1b2.tmp"          # a writer still running
    elsewhere = out / f".2001.docx.otherhost-{dead.pid}.zz.tmp"       # another machine's
    not_ours = [out / ".2001.docx.notes.txt", out / ".9999.docx.x.tmp", out / "keep.tmp"]
    for p in (stale, live, elsewhere, *not_ours):
        p.write_bytes(b"partial")
    old = out / ".2002.html.q1w2.tmp"  # an older pcd's name, a day and more old
    old.write_bytes(b"partial")
    os.utime(old, (time.time() - 90_000,) * 2)
    assert remove_stale(out, ["2001.docx", "2001.html", "2002.html"]) == [stale, old]
    assert not stale.exists() and not old.exists()
    assert all(p.exists() for p in (live, elsewhere, *not_ours))


def test_an_injected_full_disk_replaces_nothing(tmp_path, versions):
    """The second file of a paper cannot be flushed (ENOSPC): neither file is replaced."""
    out = tmp_path / "out"
    shutil.copytree(versions["A"][0].parent / "out-A", out)
    code = ("import errno, os, sys\n"
            "real, calls = os.fsync, []\n"
            "def fsync(fd):\n"
            "    calls.append(fd)\n"
            "    if len(calls) == 2:\n"
            "        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))\n"
            "    return real(fd)\n"
            "os.fsync = fsync\n"
            "from authoring.cli import main\n"
            "raise SystemExit(main(sys.argv[1:]))\n")
    spec = versions["B"][0] / "2001.yaml"
    result = subprocess.run([sys.executable, "-c", code, "build", str(spec), "-o", str(out)],
                            cwd=ROOT, env=ENV, capture_output=True, text=True, timeout=120)
    assert result.returncode == 2
    assert result.stderr == (f"pcd: cannot write to {out}: No space left on device; {spec} not "
                             "built, its earlier outputs are as they were\n")
    assert contents(out) == versions["A"][1]
    assert leftovers(out) == []


@pytest.fixture
def small_disk(tmp_path):
    """A 512 KiB tmpfs, when this process may mount one (root in a container that allows it)."""
    disk = tmp_path / "disk"
    disk.mkdir()
    if os.geteuid() != 0 or not shutil.which("mount"):
        pytest.skip("mounting a tmpfs needs root")
    mounted = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=512k", "tmpfs", str(disk)],
                             capture_output=True)
    if mounted.returncode != 0:
        pytest.skip("cannot mount a tmpfs here: " + mounted.stderr.decode())
    try:
        yield disk
    finally:
        subprocess.run(["umount", str(disk)], check=True)


def test_a_full_disk_is_a_clear_error_and_loses_nothing(small_disk, versions):
    out = small_disk / "out"
    shutil.copytree(versions["A"][0].parent / "out-A", out)
    with open(small_disk / "filler", "wb", buffering=0) as fh:  # fill every last block
        try:
            while True:
                fh.write(b"\0" * 4096)
        except OSError as exc:
            assert exc.errno == errno.ENOSPC
    code, err = finish(build(sorted(versions["B"][0].glob("*.yaml")), out))
    assert code == 2
    assert f"pcd: cannot write to {out}: No space left on device; " in err and "Traceback" not in err
    assert contents(out) == versions["A"][1]
    assert leftovers(out) == []
    # Space again: the same build completes.
    (small_disk / "filler").unlink()
    code, err = finish(build(sorted(versions["B"][0].glob("*.yaml")), out))
    assert code == 0 and contents(out) == versions["B"][1], err


def test_builds_running_at_once_on_one_folder_leave_whole_files(tmp_path, versions):
    """Two builds of different versions into the same folder, again and again: each file ends as
    one version or the other, and neither build removes the other's temporary files."""
    out = tmp_path / "out"
    for _ in range(4):
        procs = [build(sorted(versions[v][0].glob("*.yaml")), out) for v in "AB"]
        assert [finish(p)[0] for p in procs] == [0, 0]
        found = contents(out)
        assert found.keys() == versions["A"][1].keys()
        for name, data in found.items():
            assert data in (versions["A"][1][name], versions["B"][1][name]), name
        assert leftovers(out) == []
