"""Which old thing is which new thing: paired by id, else by content (a re-import names things
afresh), so a renamed id is not reported as a change."""

from __future__ import annotations

import difflib
import re

from authoring.commands.diff.change import Version
from authoring.commands.diff.labels import figure_notes, named
from authoring.model.paper import ContractChange, Paragraph, Recommendation

WORK = 20_000_000  # words compared with words when pairing texts: about a second at most
REFERENCE = re.compile(r"\{([a-z][a-z0-9_-]*(?:\.[a-z0-9][a-z0-9_-]*)*)(:[a-z]+)?\}")


def closest(old: list[str], new: list[str], cutoff: float = 0.6) -> list[tuple[int, int]] | None:
    """Pairs (i, j) of texts alike enough to be one thing rewritten, best first; each used once.
    Compared word by word (by character, long paragraphs take seconds a pair); None when there
    are too many words to compare each text with each."""
    xs, ys = [a.casefold().split() for a in old], [b.casefold().split() for b in new]
    if sum(map(len, xs)) * sum(map(len, ys)) > WORK or len(xs) * len(ys) > 10_000:
        return None
    scored = []
    for i, a in enumerate(xs):
        for j, b in enumerate(ys):
            m = difflib.SequenceMatcher(None, a, b, autojunk=False)
            if m.real_quick_ratio() >= cutoff and m.quick_ratio() >= cutoff:
                ratio = m.ratio()
                if ratio >= cutoff:
                    scored.append((-ratio, i, j))
    used_i: set[int] = set()
    used_j: set[int] = set()
    out = []
    for _, i, j in sorted(scored):
        if i not in used_i and j not in used_j:
            used_i.add(i)
            used_j.add(j)
            out.append((i, j))
    return out


def pair(old: dict[str, str], new: dict[str, str]) -> dict[str, str]:
    """Old id -> new id: the same id, else the closest text (a re-import names things afresh)."""
    out = {k: k for k in old if k in new}
    a = [k for k in old if k not in out]
    b = [k for k in new if k not in out.values()]
    out.update({a[i]: b[j] for i, j in closest([old[k] for k in a], [new[k] for k in b]) or ()})
    return out


class Match:
    """Which of the old paper's ids is which of the new one's, so renamed ids are not changes."""

    def __init__(self, old: Version, new: Version) -> None:
        self.ids: dict[str, dict[str, str]] = {}
        self.notes = (figure_notes(old.tree), figure_notes(new.tree))  # what each calls its figures
        if old.paper is None or new.paper is None:
            return
        a, b = old.paper, new.paper
        names = named(a), named(b)
        for space in ("cost", "funder", "recipient"):
            self.ids[space] = pair(names[0][space], names[1][space])
        self.ids["contract"] = pair({k.id: _contract_text(k) for k in a.contracts},
                                    {k.id: _contract_text(k) for k in b.contracts})
        self.ids["figure"] = figures_ = pair(*self.notes)
        unpaired = [f for f in a.figures if f not in figures_]
        for f in unpaired:  # rewritten descriptions: the same amount is the same figure
            same_amount = [g for g, v in b.figures.items()
                           if v == a.figures[f] and g not in figures_.values()]
            if len(same_amount) == 1:
                figures_[f] = same_amount[0]
        self.ids["rec"] = pair({r.id: rendered(r) for r in a.recommendations},
                               {r.id: rendered(r) for r in b.recommendations})

    def id(self, space: str, old_id: str) -> str:
        return self.ids.get(space, {}).get(old_id, old_id)

    def name(self, old_name: str) -> str:
        """An old reference name with the new paper's ids: funding.mopac_iom.nds_extension."""
        parts = old_name.split(".")
        if len(parts) > 1 and parts[0] in ("cost", "funder", "recipient", "contract", "figure", "rec"):
            parts[1] = self.id(parts[0], parts[1])
        elif len(parts) > 2 and parts[0] == "funding":
            parts[1], parts[2] = self.id("funder", parts[1]), self.id("cost", parts[2])
        return ".".join(parts)

    def text(self, source: str) -> str:
        """The author's words with the references renamed to the new paper's ids."""
        return REFERENCE.sub(lambda m: "{" + self.name(m.group(1)) + (m.group(2) or "") + "}", source)


def _contract_text(k: ContractChange) -> str:
    return " ".join([k.number, k.supplier, k.service])


def rendered(p: Paragraph | Recommendation) -> str:
    """What a reader sees of a paragraph: its figures written out, its bullets after it."""
    from authoring.model.text import plain_text

    return "\n".join([plain_text(p.text.spans), *(f"• {plain_text(b.spans)}" for b in p.bullets)])


def source(p: Paragraph | Recommendation) -> str:
    """A paragraph's or recommendation's words as the author wrote them, its bullets included."""
    return "\n".join([p.text.source, *(f"• {b.source}" for b in p.bullets)])
