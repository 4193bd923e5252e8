"""An archive-scale site: `pcd site` on generated archives of 500, 1,000 and 2,000 papers (every
kind of decision in decisions/, signed across ten years), each built clean (no cache), with the
time, the peak memory of any one process, the largest page and the size on disk; then a straight
line through them, extrapolated to 20,000 papers.

    python benchmarks/site_scale.py [--sizes 500 1000 2000]
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from benchmarks.corpus import archive  # noqa: E402
from benchmarks.run import HELPER, machine  # noqa: E402


def build(specs: Path, out: Path) -> tuple[float, float]:
    cmd = [sys.executable, "-m", "authoring", "site", str(specs), "-o", str(out), "--as-of", "2026-01-01",
           "--base-url", "https://www.example.gov.uk/decisions/", "--quiet", "--no-cache"]
    got = subprocess.run([sys.executable, "-S", "-c", HELPER, *cmd], capture_output=True, text=True,
                         cwd=ROOT, check=True).stdout.split()
    if got[2] != "0":
        raise SystemExit(f"pcd site exited {got[2]}")
    return float(got[0]), int(got[1]) / 1024


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--sizes", type=int, nargs="+", default=[500, 1000, 2000])
    sizes = ap.parse_args().sizes
    print(f"machine: {machine()}\n")
    print(f"{'papers':>7} {'time':>8} {'per paper':>10} {'peak':>9} {'pages':>6} {'largest page':>13} "
          f"{'on disk':>9} {'search index':>13}")
    points = []
    with tempfile.TemporaryDirectory() as tmp:
        for n in sizes:
            specs, out = Path(tmp) / f"specs{n}", Path(tmp) / f"site{n}"
            archive(specs, n)
            wall, peak = build(specs, out)
            pages = list(out.glob("*.html"))
            largest = max(pages, key=lambda p: p.stat().st_size)
            disk = sum(p.stat().st_size for p in out.rglob("*") if p.is_file())
            search = sum(p.stat().st_size for p in (out / "search").rglob("*") if p.is_file())
            points.append((n, wall, disk, len(pages)))
            print(f"{n:7d} {wall:7.1f}s {wall / n * 1000:8.1f}ms {peak:7.0f}MiB {len(pages):6d} "
                  f"{largest.stat().st_size / 1024:8.0f} KiB ({largest.name}) {disk / 2**20:6.0f}MiB "
                  f"{search / 2**20:9.0f}MiB")
    (n0, t0, d0, p0), (n1, t1, d1, p1) = points[0], points[-1]
    slope, per_disk, per_page = (t1 - t0) / (n1 - n0), (d1 - d0) / (n1 - n0), (p1 - p0) / (n1 - n0)
    target = 20_000
    print(f"\nextrapolated to {target:,} papers ({os.cpu_count()} cores): "
          f"{t1 + slope * (target - n1):.0f} s, {(d1 + per_disk * (target - n1)) / 2**30:.1f} GiB on "
          f"disk, {p1 + per_page * (target - n1):,.0f} pages")


if __name__ == "__main__":
    main()
