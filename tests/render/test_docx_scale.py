"""Building a DOCX stays linear in its links and paragraphs.

The work is counted, not timed: python-docx's own lookups are wrapped to count what they read,
so the test says the same on a slow machine as on a fast one (the seconds are in
benchmarks/limits.py). Before the fix each link read every relationship already made, and each
paragraph looked through every paragraph already written for the section properties at the end.
"""

from __future__ import annotations

import io
import zipfile

import pytest
from docx.opc import rel
from docx.oxml import xmlchemy

from authoring.pipeline import process_text
from authoring.render.docx import render_docx
from tests.conftest import minimal_text, mutate

PARAGRAPH = "  background: [The pilot tests a new approach.]\n"


def paper_with(background: str):
    outcome = process_text(mutate(minimal_text(), PARAGRAPH, background).encode(), "2001.yaml")
    assert outcome.ok, [d.format() for d in outcome.findings]
    return outcome.paper


@pytest.fixture
def relationship_reads(monkeypatch):
    """How often any relationship's type is read: what matching a link to one costs."""
    count = [0]
    original = rel._Relationship.reltype

    def counted(self):
        count[0] += 1
        return original.fget(self)

    monkeypatch.setattr(rel._Relationship, "reltype", property(counted))
    return count


@pytest.fixture
def children_searched(monkeypatch):
    """How many child elements python-docx looks through to place a new element."""
    count = [0]
    original = xmlchemy.BaseOxmlElement.first_child_found_in

    def counted(self, *tagnames):
        count[0] += len(self) * len(tagnames)
        return original(self, *tagnames)

    monkeypatch.setattr(xmlchemy.BaseOxmlElement, "first_child_found_in", counted)
    return count


def test_distinct_links_are_related_once_each(relationship_reads):
    n = 3000
    links = " ".join(f"[source {i}](https://example.org/{i})" for i in range(n))
    paper = paper_with(f'  background:\n    - "{links} and [source 0](https://example.org/0) again."\n')
    with zipfile.ZipFile(io.BytesIO(render_docx(paper))) as z:
        rels = z.read("word/_rels/document.xml.rels").decode()
    assert rels.count('Target="https://example.org/') == n  # each link related once, none lost
    # Old code: each new link compared with every relationship before it, ~n²/2 = 4.5 million.
    assert relationship_reads[0] < 10 * n, relationship_reads[0]


def test_paragraphs_are_placed_without_searching_the_body(children_searched):
    n = 4000
    paras = "".join(f"    - Paragraph {i}.\n" for i in range(n))
    render_docx(paper_with("  background:\n" + paras))
    # Old code: each paragraph looked through every body element before it, ~n²/2 = 8 million.
    assert children_searched[0] < 50 * n, children_searched[0]
