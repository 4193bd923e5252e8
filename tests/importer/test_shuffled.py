"""Papers cut about at random (parts removed, moved, odd characters typed in) never crash the
import, and what it writes is always a spec pcd can read: only its content may be wrong."""

from __future__ import annotations

import io
import random

import pytest
from docx import Document

from authoring.housestyle import load_style
from authoring.importer.paper import import_docx
from authoring.pipeline import process_text
from tests.importer.papers import docx_bytes, word_1843

W_T = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}t"
TYPED = ["£", "{", "}", "*", "[x](javascript:1)", "1.1\t", "£1,2,3", "Total", "Funded by",
         "(ABC)", "", "PCD 99", "MOPAC 1", "? ", "#", ": "]
SHAPE = {"PCD001", "PCD002", "PCD003", "PCD004", "PCD010", "PCD011", "PCD012", "PCD205"}


def shuffled(seed: int) -> bytes:
    rng = random.Random(seed)
    doc = Document(io.BytesIO(docx_bytes(word_1843())))
    body = doc.element.body
    kids = [k for k in body if not k.tag.endswith("sectPr")]
    for _ in range(rng.randint(1, 25)):
        k, op = rng.choice(kids), rng.random()
        if op < 0.4 and k.getparent() is not None:
            body.remove(k)
        elif op < 0.7:
            kids[rng.randrange(len(kids))].addprevious(k)
        else:
            for t in k.iter(W_T):
                if t.text and rng.random() < 0.3:
                    t.text = rng.choice(TYPED) + t.text[rng.randrange(len(t.text) + 1):]
    return docx_bytes(doc)


@pytest.mark.parametrize("seed", range(12))
def test_a_shuffled_paper_still_gives_a_readable_spec(seed):
    text, _ = import_docx(shuffled(seed), "x.yaml", {"mopac": load_style("mopac")})
    found = process_text(text.encode("utf-8"), "x.yaml").diagnostics
    assert not [d.format() for d in found if d.code in SHAPE]
