"""Measure pcd against Pandoc, as whole processes, in one run, on this machine.

    python benchmarks/run.py [--runs 9] [--site 400]

Installs pcd from a wheel into a fresh virtual environment, then prints the machine; Pandoc's
conversions of the seed paper; for every spec in decisions/ the median wall time and peak
memory of `pcd check` and `pcd build`, answered from the results cache and without it, with
the ratios the targets in docs/performance.md are stated in; how time grows with paper length;
and an incremental site build. Needs pandoc (Debian's `pandoc`). For the archive-scale site,
see benchmarks/site_scale.py.
"""

from __future__ import annotations

import argparse
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from benchmarks.corpus import archive, make  # noqa: E402


def install(into: Path) -> list[str]:
    """pcd as a user gets it: a wheel of this checkout in a fresh virtual environment (the
    interpreter's own site-packages, with whatever .pth files it has, stay out of the timing)."""
    import venv

    venv.EnvBuilder(with_pip=True).create(into / "venv")
    python = into / "venv" / "bin" / "python"
    subprocess.run([sys.executable, "-m", "pip", "wheel", "-q", "--no-deps", "-w", str(into / "wheel"),
                    str(ROOT)], check=True)
    wheel = next((into / "wheel").glob("pcd-*.whl"))
    subprocess.run([str(python), "-m", "pip", "install", "-q", "--disable-pip-version-check", str(wheel)],
                   check=True)
    return [str(into / "venv" / "bin" / "pcd")]


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


def measure_edited(cmd: list[str], spec: Path, runs: int, t: Path) -> tuple[float, float]:
    """`cmd SPEC` on a spec just edited (a new comment each run), with the cache on: the case of
    the pre-commit hook after a change. The answer is not in the cache; the house style is."""
    text = spec.read_text(encoding="utf-8")
    edited = t / "edited" / spec.name
    edited.parent.mkdir(exist_ok=True)
    results = []
    for n in range(runs + 1):  # the first fills the cache's copy of the house style
        edited.write_text(f"{text}\n# edit {n} at {time.time()}\n", encoding="utf-8")
        results.append(run_once([*cmd, str(edited)]))
    return statistics.median(w for w, _ in results[1:]), max(m for _, m in results[1:])


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
    ap.add_argument("--runs", type=int, default=9)
    ap.add_argument("--site", type=int, default=400, help="papers in the incremental site test")
    args = ap.parse_args()
    if not shutil.which("pandoc"):
        raise SystemExit("pandoc is needed: apt-get install pandoc")
    md = str(ROOT / "benchmarks" / "pcd-1843.md")
    print(f"machine: {machine()}")
    print(f"medians of {args.runs} runs after one warm-up; peak = largest resident set of any run; "
          "pcd installed from a wheel into a fresh venv\n")
    with tempfile.TemporaryDirectory() as tmp:
        t = Path(tmp)
        pcd = install(t)
        os.environ["XDG_CACHE_HOME"] = str(t / "cache")  # the benchmark's own results cache
        docx = measure(["pandoc", md, "-o", str(t / "p.docx")], args.runs)
        html = measure(["pandoc", md, "-s", "-o", str(t / "p.html")], args.runs)
        print(f"{'pandoc 1843.md -> DOCX':44} {docx[0] * 1000:7.1f} ms   peak {docx[1]:5.1f} MiB")
        print(f"{'pandoc 1843.md -> HTML':44} {html[0] * 1000:7.1f} ms   peak {html[1]:5.1f} MiB")
        print("\nper spec: check and build (DOCX + HTML) as a drafting officer meets them: answered")
        print("from the results cache (nothing changed since the last run), just edited (cache on:")
        print("the pre-commit hook after a change) and with --no-cache (nothing reused); ratios")
        print("against Pandoc's conversion of the seed paper (targets: check <= 0.5, build <= 1)")
        print(f"{'':14}{'ms: check':>28}{'build':>27}   {'check / Pandoc DOCX':>20}"
              f"{'build / DOCX+HTML':>20}   peak MiB")
        print(f"{'spec':14}" + f"{'cached':>9}{'edited':>9}{'cold':>9}" * 2
              + f"   {'cached':>7}{'edited':>7}{'cold':>6}" * 2 + "   check, build (cold)")
        both = docx[0] + html[0]
        for spec in sorted((ROOT / "decisions").glob("*.yaml")):
            out = str(t / "b")
            check = [measure(pcd + ["check", str(spec)], args.runs),
                     measure_edited(pcd + ["check"], spec, args.runs, t),
                     measure(pcd + ["check", "--no-cache", str(spec)], args.runs)]
            build = [measure(pcd + ["build", str(spec), "-o", out], args.runs),
                     measure_edited(pcd + ["build", "-o", out], spec, args.runs, t),
                     measure(pcd + ["build", "--no-cache", str(spec), "-o", out], args.runs)]
            print(f"{spec.name:14}" + "".join(f"{w * 1000:7.1f}ms" for w, _ in check + build)
                  + "   " + "".join(f"{w / docx[0]:7.2f}" for w, _ in check[:2])
                  + f"{check[2][0] / docx[0]:6.2f}   "
                  + "".join(f"{w / both:7.2f}" for w, _ in build[:2]) + f"{build[2][0] / both:6.2f}"
                  + f"   {check[2][1]:5.1f}, {build[2][1]:5.1f}")

        print("\ngrowth with length: whole `pcd build --no-cache` process, and the work alone (read to")
        print("both outputs, in one warm process, so start-up and imports do not hide the slope):")
        lengths = make(t / "lengths", 10)
        for times in (1, 2, 5, 10):
            spec = lengths[times - 1]
            wall, _ = measure(pcd + ["build", "--no-cache", str(spec), "-o", str(t / "lb")], args.runs)
            work = work_time(spec, args.runs)
            size = spec.stat().st_size / 1024
            print(f"  {times:2d}x 1843 ({size:4.0f} KiB)  process {wall * 1000:6.1f} ms   "
                  f"work {work * 1000:6.1f} ms   work per 1843-length {work / times * 1000:5.1f} ms")

        site_run(pcd, t, args.site)
    return 0


def site_run(pcd: list[str], t: Path, count: int) -> None:
    """A site of `count` papers: built clean, rebuilt with nothing changed, and with one changed."""
    specs = archive(t / "archive", count)
    site = pcd + ["site", str(t / "archive"), "-o", str(t / "site"), "--as-of", "2026-01-01", "--quiet"]
    os.environ["XDG_CACHE_HOME"] = str(t / "site-cache")
    clean, peak = run_once(site + ["--no-cache"])
    first, _ = run_once(site)  # fills the cache
    same, _ = run_once(site)
    text = specs[count // 2].read_text(encoding="utf-8")
    changed = []
    for n in range(3):
        specs[count // 2].write_text(text.replace("title: Paper", f"title: Revision {n} of paper"),
                                     encoding="utf-8")
        changed.append(run_once(site)[0])
    one = statistics.median(changed)
    print(f"\nsite of {count} papers ({os.cpu_count()} workers): clean build {clean:.2f} s (peak "
          f"{peak:.0f} MiB per process); filling the cache {first:.2f} s")
    print(f"  nothing changed: {same:.2f} s = {same / clean:.1%} of the clean build")
    print(f"  one paper changed: {one:.2f} s = {one / clean:.1%} of the clean build (target <= 5%)")


if __name__ == "__main__":
    raise SystemExit(main())
