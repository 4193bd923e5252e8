"""Time and peak memory of `pcd check` on every hostile input, each in its own process.

    python benchmarks/hostile.py
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from benchmarks.run import HELPER  # noqa: E402
from tests.hostile.test_generated import GENERATED  # noqa: E402


def main() -> int:
    os.environ["PCD_NO_CACHE"] = "1"  # measure the work, not the results cache
    with tempfile.TemporaryDirectory() as tmp:
        cases = {p.name: p for p in sorted((ROOT / "tests" / "data" / "hostile").glob("*.yaml"))}
        for name, (data, _) in GENERATED.items():
            path = Path(tmp) / f"{name}.yaml"
            path.write_bytes(data)
            cases[f"{name} (generated, {len(data):,} bytes)"] = path
        rows = []
        for name, path in cases.items():
            out = subprocess.run([sys.executable, "-S", "-c", HELPER, sys.executable, "-m", "authoring",
                                  "check", str(path)], capture_output=True, text=True, cwd=ROOT).stdout
            wall, peak_kib, code = out.split()
            rows.append((float(wall), int(peak_kib) / 1024, name, code))
    for wall, mib, name, code in sorted(rows, reverse=True):
        print(f"{wall * 1000:7.1f} ms  {mib:6.1f} MiB  exit {code}  {name}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
