"""Golden outputs: the 1843 paper as HTML, and as a readable dump of its DOCX (style | text).
Review their diffs like code. Regenerate after a deliberate change:
    python -m tests.golden --update
"""

from __future__ import annotations

import io
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
GOLDEN = ROOT / "tests" / "golden"
SPEC = ROOT / "decisions" / "1843.yaml"


def docx_dump(data: bytes) -> str:
    """One line per paragraph or table row, with its style: what a reviewer reads in a diff."""
    from docx import Document

    doc = Document(io.BytesIO(data))
    lines = []
    for block in doc.element.body.iterchildren():
        tag = block.tag.rsplit("}", 1)[1]
        if tag == "p":
            from docx.text.paragraph import Paragraph
            p = Paragraph(block, doc)
            lines.append(f"{p.style.name} | {p.text}")
        elif tag == "tbl":
            from docx.table import Table
            for row in Table(block, doc).rows:
                lines.append("row | " + " | ".join(c.text.replace("\n", " / ") for c in row.cells))
    return "\n".join(lines) + "\n"


def current() -> dict[str, str]:
    from authoring.commands.build import outputs
    from authoring.pipeline import process

    files = outputs(process(SPEC).paper)
    return {"1843.html": files["1843.html"].decode("utf-8"), "1843.docx.txt": docx_dump(files["1843.docx"])}


if __name__ == "__main__" and "--update" in sys.argv:
    GOLDEN.mkdir(exist_ok=True)
    for name, text in current().items():
        (GOLDEN / name).write_text(text, encoding="utf-8")
        print(f"wrote tests/golden/{name}")
