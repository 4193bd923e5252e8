"""Where one cold `pcd build` spends its time: each import and each stage, in a fresh process.

    python benchmarks/phases.py [SPEC]

For a call graph instead: python -m cProfile -s cumtime -m authoring build decisions/1843.yaml
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
spec = sys.argv[1] if len(sys.argv) > 1 else str(ROOT / "decisions" / "1843.yaml")
marks: list[tuple[str, float]] = []
last = time.perf_counter()


def mark(name: str) -> None:
    global last
    now = time.perf_counter()
    marks.append((name, now - last))
    last = now


import authoring.pipeline as pipeline  # noqa: E402

mark("import pcd core (ruamel.yaml, model, checks)")
outcome = pipeline.process(spec)
mark("read, validate, compute, check")
import authoring.render.docx as docx_render  # noqa: E402

mark("import python-docx and lxml")
from authoring import format as fmt  # noqa: E402
from decimal import Decimal  # noqa: E402

fmt.money(Decimal(1))
mark("babel: first money format (locale data)")
docx = docx_render.render_docx(outcome.paper)
mark("render DOCX (incl. reproducible ZIP)")
import authoring.render.html as html_render  # noqa: E402

mark("import Jinja2")
html = html_render.paper_page(outcome.paper)
mark("render HTML (incl. template compile)")
html_render.paper_page(outcome.paper)
mark("render HTML again (templates cached)")
total = sum(t for _, t in marks[:-1])
for name, t in marks:
    print(f"{t * 1000:7.1f} ms  {name}")
print(f"{total * 1000:7.1f} ms  total after interpreter start (excluding the repeat)")
