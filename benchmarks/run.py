"""Measure pcd against Pandoc, as whole processes, in one run, on this machine.

    python benchmarks/run.py [--runs 7] [--corpus 2000]

Prints the machine, then for each command the median wall time and peak memory over the
runs, the ratios the targets in docs/performance.md are stated in, a site build of a
generated corpus, and how time grows with paper length. Needs pandoc (Debian's `pandoc`).
"""

from __future__ import annotations

import argparse
import compileall
import os
import platform
import shutil
import statistics
import subprocess
import sys
import sysconfig
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from benchmarks.corpus import make  # noqa: E402


def pcd_command() -> list[str]:
    """The installed console script, called directly (a version manager's shim adds ~50 ms)."""
    script = Path(sysconfig.get_path("scripts")) / "pcd"
    return [str(script)] if script.exists() else [sys.executable, "-m", "authoring"]


# Linux carries a forked child's memory high-water mark through exec, so a command started
# straight from this (large) process would report at least this process's size. A small
# helper forks the command instead and reports the command's own wall time and peak.
HELPER = """import os, sys, time
start = time.perf_counter()
pid = os.fork()
if pid == 0:
    fd = os.open(os.devnull, os.O_WRONLY)
    os.dup2(fd, 1)
    os.dup2(fd, 2)
    os.execvp(sys.argv[1], sys.argv[1:])
_, status, usage = os.wait4(pid, 0)
print(time.perf_counter() - start, usage.ru_maxrss, os.waitstatus_to_exitcode(status))
"""


def run_once(cmd: list[str]) -> tuple[float, float]:
    """Wall seconds and peak resident MiB of one process (and its children)."""
    out = subprocess.run([sys.executable, "-S", "-c", HELPER, *cmd], capture_output=True, text=True,
                         cwd=ROOT, check=True).stdout.split()
    wall, peak_kib, code = float(out[0]), int(out[1]), int(out[2])
    if code not in (0, 1):
        raise SystemExit(f"{' '.join(cmd)} exited {code}")
    return wall, peak_kib / 1024


def measure(cmd: list[str], runs: int) -> tuple[float, float]:
    run_once(cmd)  # warm the file cache
    results = [run_once(cmd) for _ in range(runs)]
    return statistics.median(w for w, _ in results), max(m for _, m in results)


def work_time(spec: Path, runs: int) -> float:
    """Median seconds to read, check and render one spec in an already-warm process."""
    from authoring.commands.build import outputs
    from authoring.pipeline import process

    outputs(process(spec).paper)  # warm: imports, templates, reference document
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        outputs(process(spec).paper)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def machine() -> str:
    cpu = platform.processor()
    if Path("/proc/cpuinfo").exists():
        names = [line.split(":", 1)[1].strip() for line in Path("/proc/cpuinfo").read_text().splitlines()
                 if line.startswith("model name")]
        cpu = names[0] if names else cpu
    mem = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30
    pandoc = subprocess.run(["pandoc", "--version"], capture_output=True, text=True).stdout.split("\n")[0]
    return (f"{platform.system()} {platform.release()}, {os.cpu_count()} cores ({cpu}), {mem:.0f} GiB; "
            f"Python {platform.python_version()}; {pandoc}")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--runs", type=int, default=7)
    ap.add_argument("--corpus", type=int, default=2000)
    args = ap.parse_args()
    if not shutil.which("pandoc"):
        raise SystemExit("pandoc is needed: apt-get install pandoc")
    # Compiled bytecode, as `pip install` leaves it; an editable install under
    # PYTHONDONTWRITEBYTECODE=1 would otherwise recompile pcd's modules on every start.
    compileall.compile_dir(str(ROOT / "authoring"), quiet=1)
    pcd, md = pcd_command(), str(ROOT / "benchmarks" / "pcd-1843.md")
    print(f"machine: {machine()}")
    print(f"medians of {args.runs} runs after one warm-up; peak = largest resident set of any run\n")
    with tempfile.TemporaryDirectory() as tmp:
        t = Path(tmp)
        rows = {
            "pcd check 1843": pcd + ["check", "decisions/1843.yaml"],
            "pcd build 1843 (DOCX + HTML)": pcd + ["build", "decisions/1843.yaml", "-o", str(t / "b")],
            "pandoc 1843.md -> DOCX": ["pandoc", md, "-o", str(t / "p.docx")],
            "pandoc 1843.md -> HTML": ["pandoc", md, "-s", "-o", str(t / "p.html")],
        }
        got = {name: measure(cmd, args.runs) for name, cmd in rows.items()}
        for name, (wall, peak) in got.items():
            print(f"{name:34} {wall * 1000:8.1f} ms   peak {peak:6.1f} MiB")
        docx, html = got["pandoc 1843.md -> DOCX"][0], got["pandoc 1843.md -> HTML"][0]
        check, build = got["pcd check 1843"][0], got["pcd build 1843 (DOCX + HTML)"][0]
        print(f"\nratio pcd build / pandoc DOCX+HTML   {build / (docx + html):6.2f}   (target <= 1)")
        print(f"ratio pcd check / pandoc DOCX        {check / docx:6.2f}   (target <= 0.5)")

        print("\ngrowth with length: whole `pcd build` process, and the work alone (read to both")
        print("outputs, in one warm process, so start-up and imports do not hide the slope):")
        lengths = make(t / "lengths", 10)
        for times in (1, 2, 5, 10):
            spec = lengths[times - 1]
            wall, _ = measure(pcd + ["build", str(spec), "-o", str(t / "lb")], args.runs)
            work = work_time(spec, args.runs)
            size = spec.stat().st_size / 1024
            print(f"  {times:2d}x 1843 ({size:4.0f} KiB)  process {wall * 1000:6.1f} ms   "
                  f"work {work * 1000:6.1f} ms   work per 1843-length {work / times * 1000:5.1f} ms")

        corpus = t / "corpus"
        specs = make(corpus, args.corpus)
        units = sum(1 + i % 10 for i in range(len(specs)))  # lengths in 1843s
        cmd = pcd + ["site", str(corpus), "-o", str(t / "site"), "--as-of", "2026-01-01"]
        wall, peak = run_once(cmd)
        print(f"\nsite build: {len(specs)} specs ({units} times the length of 1843), "
              f"{os.cpu_count()} workers")
        print(f"  total {wall:6.2f} s   peak {peak:6.1f} MiB per process")
        per_paper, per_unit = wall / len(specs), wall / units
        print(f"  per paper {per_paper * 1000:6.2f} ms; per 1843-length {per_unit * 1000:6.2f} ms")
        print(f"  pandoc HTML per 1843 / pcd site per 1843-length: {html / per_unit:6.1f}x (target >= 20)")
        print(f"  pandoc HTML per 1843 / pcd site per paper:       {html / per_paper:6.1f}x")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
