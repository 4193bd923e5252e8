"""Time `pcd import` of the built PCD 1843 DOCX, as whole processes.

    python benchmarks/import_1843.py [--runs 9]

Builds decisions/1843.yaml once, then runs `pcd import build/1843.docx` --runs times after a
warm-up and prints the median wall time and peak memory (the import also runs pcd check on
what it wrote, twice: once to find the computed figures, once to report).
"""

from __future__ import annotations

import argparse
import compileall
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from benchmarks.run import pcd_command, run_once  # noqa: E402


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--runs", type=int, default=9)
    args = ap.parse_args()
    compileall.compile_dir(str(ROOT / "authoring"), quiet=1)
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp)
        subprocess.run([*pcd_command(), "build", "decisions/1843.yaml", "-o", str(out)],
                       cwd=ROOT, check=True, capture_output=True)
        cmd = [*pcd_command(), "import", str(out / "1843.docx"), "-o", str(out / "1843.yaml"),
               "--force"]
        run_once(cmd)  # warm the file cache
        runs = [run_once(cmd) for _ in range(args.runs)]
    wall = statistics.median(w for w, _ in runs) * 1000
    peak = max(p for _, p in runs)
    print(f"pcd import 1843 (DOCX -> spec)      {wall:6.1f} ms   peak {peak:6.1f} MiB   "
          f"(median of {args.runs})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
