"""`pcd check FOLDER` on a generated archive (benchmarks/corpus.py's `archive`: every worked
example in decisions/, signed across ten years), with and without the cross-paper pass, without
the results cache (every paper read and computed) and answered from it; and the pre-commit
hook's case, one changed paper of the archive checked with the papers linked to it.

    python benchmarks/check_folder.py [--papers 2000] [--runs 3]

The pass is switched off for the comparison by PCD_LEDGER_OFF=1, which exists for this
benchmark only.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from benchmarks.corpus import archive  # noqa: E402
from benchmarks.run import HELPER  # noqa: E402


def timed(args: list[str], env: dict) -> float:
    cmd = [sys.executable, "-m", "authoring", "check", "--quiet", *args]
    got = subprocess.run([sys.executable, "-S", "-c", HELPER, *cmd], capture_output=True, text=True,
                         cwd=ROOT, check=True, env=env).stdout.split()
    return float(got[0])


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--papers", type=int, default=2000)
    ap.add_argument("--runs", type=int, default=3)
    opts = ap.parse_args()
    import platform

    print(f"machine: {platform.platform()}, {os.cpu_count()} cores, Python {platform.python_version()}\n")
    with tempfile.TemporaryDirectory() as tmp:
        specs = Path(tmp) / "specs"
        paths = archive(specs, opts.papers)  # each copy its own contracts, as in a real archive
        base = {**os.environ, "XDG_CACHE_HOME": str(Path(tmp) / "cache")}
        rows = [("folder, no cache", [str(specs), "--no-cache"]),
                ("folder, from the cache", [str(specs)]),
                ("one paper + linked, from the cache", [str(paths[len(paths) // 2])])]
        timed([str(specs)], base)  # fill the cache
        print(f"{opts.papers} papers, median of {opts.runs}")
        print(f"{'case':38} {'without pass':>13} {'with pass':>10} {'added':>7}")
        for label, args in rows:
            off = statistics.median(timed(args, {**base, "PCD_LEDGER_OFF": "1"}) for _ in range(opts.runs))
            on = statistics.median(timed(args, base) for _ in range(opts.runs))
            print(f"{label:38} {off:12.2f}s {on:9.2f}s {(on - off) / off * 100:6.1f}%")


if __name__ == "__main__":
    main()
