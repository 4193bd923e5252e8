"""The published HTML: structure, numbering, escaping, Part 2 and deferral."""

import re
from html.parser import HTMLParser

import pytest

from authoring.pipeline import process_text
from authoring.render.html import paper_page
from tests.conftest import minimal_text, mutate


@pytest.fixture(scope="module")
def page(built_1843):
    return (built_1843 / "1843.html").read_text(encoding="utf-8")


class Outline(HTMLParser):
    def __init__(self):
        super().__init__()
        self.tags, self.ids, self.headings, self._h = [], set(), [], None

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        attrs = dict(attrs)
        if "id" in attrs:
            self.ids.add(attrs["id"])
        if re.fullmatch(r"h[1-6]", tag):
            self._h = [int(tag[1]), ""]

    def handle_data(self, data):
        if self._h:
            self._h[1] += data

    def handle_endtag(self, tag):
        if self._h and tag == f"h{self._h[0]}":
            self.headings.append((self._h[0], " ".join(self._h[1].split())))
            self._h = None


def outline(html):
    o = Outline()
    o.feed(html)
    return o


def test_landmarks_language_and_one_h1(page):
    o = outline(page)
    assert page.startswith('<!DOCTYPE html>\n<html lang="en-GB">')
    assert {"header", "main", "footer", "nav"} <= set(o.tags)
    assert [h for h in o.headings if h[0] == 1] == [
        (1, "DMPC Decision – PCD 1843 GPS Acceptance of funds from MOJ for IOM Services & Extension of IOM Neurodiversity Service")]
    levels = [lvl for lvl, _ in o.headings]
    assert all(b <= a + 1 for a, b in zip(levels, levels[1:]))
    assert '<a class="skip" href="#main">' in page


def test_paragraph_numbers_are_link_targets(page):
    o = outline(page)
    assert {"para-1-1", "para-3-4", "para-5-7", "para-8-3"} <= o.ids
    assert "para-4-4" not in o.ids
    assert '<div class="para" id="para-3-4"><span class="num" data-pagefind-ignore>3.4</span>' in page


def test_recommendations_are_an_ordered_list(page):
    recs = re.search(r'<ol class="recs">(.*?)</ol>', page, re.S).group(1)
    assert recs.count("<li") == 6


def test_finance_table_is_marked_up_for_assistive_technology(page):
    table = re.search(r'<table class="finance">.*?</table>', page, re.S).group(0)
    assert "<caption data-pagefind-ignore><span>Costs and funding of PCD 1843</span></caption>" in table
    assert table.count('scope="col"') == 2 and table.count('scope="row"') == 8
    total = '<tr class="total" data-pagefind-ignore><th scope="row">{}</th> <td class="num">553,497</td></tr>'
    assert total.format("Total") in table and total.format("Total funding") in table
    assert '<th scope="row">MOPAC IOM 2025/26 budget</th> <td class="num">173,497</td>' in table


def test_first_use_of_an_abbreviation_is_expanded(page):
    assert 'Integrated Offender Management (<abbr title="Integrated Offender Management">IOM</abbr>) is the national' in page
    assert page.count("Integrated Offender Management (<abbr") == 1


def test_declarations_read_meaningfully(page):
    assert '<span aria-hidden="true">✓ </span>Yes' in page
    assert '<th scope="col">Confirmed</th>' in page


def test_no_external_fetches_or_scripts(page):
    assert "<script" not in page
    assert not re.search(r'(src|href)="(https?:)?//', page)
    assert "<link" not in page


HOSTILE = '<script>alert("x")</script> & "quoted" \'single\''


def render(text):
    outcome = process_text(text.encode(), "spec.yaml")
    assert outcome.ok, [d.format() for d in outcome.diagnostics]
    return paper_page(outcome.paper)


def test_every_field_is_escaped():
    hostile = HOSTILE.replace('"', '\\"')
    text = minimal_text()
    for old in ("Acceptance of grant funding for a pilot", "The pilot tests a new approach.",
                "name: The Grantor", "label: Pilot", "Sam Example"):
        key = old.split(": ")[0] + ": " if ": " in old else ""
        text = mutate(text, old, f'{key}"{hostile} {old.split(": ")[-1]}"')
    html = render(text)
    assert "<script>" not in html
    assert "&lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt; &amp; &#34;quoted&#34;" in html


def test_part2_and_deferral_never_reach_the_page():
    text = mutate(minimal_text(), "part2: {exists: false}",
                  "part2: {exists: true, summary: SECRET-PART2-MARKER}")
    html = render(text)
    assert "SECRET-PART2-MARKER" not in html
    assert "Yes: it is confidential and is not published" in html

    deferred = mutate(minimal_text(), "publication: {defer: false}",
                      "publication: {defer: true, reason: DEFERRAL-MARKER operational reasons., until: 2199-01-01}")
    outcome = process_text(deferred.encode(), "spec.yaml")
    html = paper_page(outcome.paper, deferred_until=outcome.paper.publication.until)
    assert "deferred until 1 January 2199" in html
    assert "DEFERRAL-MARKER" not in html and "The pilot tests" not in html
