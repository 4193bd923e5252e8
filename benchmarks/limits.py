"""Time and peak memory of `pcd check` and `pcd build` on absurd but well-formed specs, each in
its own process: the figures behind "Limits" in docs/spec.md.

    python benchmarks/limits.py
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

MINIMAL = (ROOT / "tests" / "data" / "valid" / "minimal.yaml").read_text()
PARAGRAPH = "  background: [The pilot tests a new approach.]\n"
COST = """    - id: pilot
      label: Pilot
      amount: 10000
      funding:
        - {funder: grantor, amount: remainder}
"""


def with_paragraph(text: str) -> str:
    return MINIMAL.replace(PARAGRAPH, f"  background:\n    - \"{text}\"\n")


def with_costs(n: int) -> str:
    """n cost lines, one a line, all funded by the one grant."""
    lines = "".join(f"    - {{id: c{i}, label: Line {i}, amount: 1, funding: [{{funder: grantor, "
                    f"amount: remainder}}]}}\n" for i in range(n))
    accepts = "".join(f"\n      - {{funder: grantor, cost: c{i}}}" for i in range(n))
    return MINIMAL.replace(COST, lines).replace("{cost.pilot}", "{total.costs}").replace(
        "accepts: [{funder: grantor, cost: pilot}]", f"accepts:{accepts}")


def cases() -> dict[str, str]:
    return {
        "10 MB paragraph": with_paragraph("word " * 2_000_000),
        "1,000,000-character paragraph": with_paragraph("word " * 200_000),
        "paragraph of 100,000 bold markers": with_paragraph("**" * 100_000),
        "paragraph of 30,000 references": with_paragraph("{cost.pilot} " * 30_000),
        "paragraph of 200,000 braces": with_paragraph("{" * 200_000),
        "paragraph of 60,000 distinct doubled words": with_paragraph(
            " ".join(f"w{i} w{i}" for i in range(60_000))),
        "lists nested 100,000 deep": "a: " + "[" * 100_000 + "]" * 100_000,
        "mappings nested 300 deep": "".join("  " * i + f"k{i}:\n" for i in range(300)),
        "10,000 paragraphs": MINIMAL.replace(PARAGRAPH, "  background:\n" + "".join(
            f"    - Paragraph {i} of the background.\n" for i in range(10_000))),
        # Doubling these should not much more than double the time (it was fourfold: issue 24).
        "10,000 distinct links": with_paragraph(" ".join(
            f"[l{i}](https://example.org/{i})" for i in range(10_000))),
        "20,000 distinct links": with_paragraph(" ".join(
            f"[l{i}](https://example.org/{i})" for i in range(20_000))),
        "19,000 short paragraphs": MINIMAL.replace(PARAGRAPH, "  background:\n" + "".join(
            f"    - Para {i}.\n" for i in range(19_000))),
        "38,000 short paragraphs": MINIMAL.replace(PARAGRAPH, "  background:\n" + "".join(
            f"    - Para {i}.\n" for i in range(38_000))),
        "1,500 cost lines": with_costs(1_500),
        "10,000 cost lines": with_costs(10_000),
        "3,000 abbreviations used in a long paragraph": with_paragraph(
            " ".join(f"A{i:04d}X" for i in range(3_000)) * 10) + "abbreviations:\n" + "".join(
            f"  A{i:04d}X: Thing number {i}\n" for i in range(3_000)),
    }


def main() -> int:
    os.environ["PCD_NO_CACHE"] = "1"  # measure the work, not the results cache
    with tempfile.TemporaryDirectory() as tmp:
        for name, text in cases().items():
            path = Path(tmp) / "2001.yaml"
            path.write_text(text)
            row = [f"{len(text.encode()):>11,} bytes  {name}"]
            for cmd in (["check"], ["build", "-o", str(Path(tmp) / "out")]):
                out = subprocess.run([sys.executable, "-S", "-c", HELPER, sys.executable, "-m",
                                      "authoring", *cmd, str(path)], capture_output=True, text=True,
                                     cwd=ROOT).stdout.split()
                row.append(f"{cmd[0]} {float(out[0]):6.2f} s {int(out[1]) / 1024:6.1f} MiB exit {out[2]}")
            print("  ".join(row), flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
