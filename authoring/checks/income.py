"""Money in against money out: what a funder provides is exactly what is spent, awarded
onward and kept from it, per period; onward awards are approved; sources are real."""

from __future__ import annotations

import re
from decimal import Decimal

from authoring.diagnostics import Report
from authoring.format import money
from authoring.model.paper import Paper

USE_WORDS = {"spend": "spent", "award": "awarded onward", "keep": "kept"}


def check(paper: Paper, report: Report) -> None:
    fin = paper.finance
    periods = fin.periods
    for f in fin.funders:
        if f.stated is None:
            continue
        for p, label in enumerate(periods):
            stated, used = f.stated[p], f.by_period[p]
            if stated == used:
                continue
            uses: dict[str, Decimal] = {}
            for c in fin.costs:
                for ln in c.funding:
                    if ln.funder == f.id and ln.by_period[p]:
                        uses[c.use] = uses.get(c.use, Decimal(0)) + ln.by_period[p]
            parts = " + ".join(f"{money(v)} {USE_WORDS[u]}" for u, v in uses.items()) or "nothing used"
            gap = used - stated
            when = f" in {label}" if label else ""
            verb = "more" if gap > 0 else "less"
            where = f.path + ("amount", label) if label else f.path + ("amount",)
            report.add("PCD107", f"{f.name} provides {money(stated)}{when}, but {money(used)} of it is "
                       f"used ({parts}): {money(abs(gap))} {verb} than it provides", where)
    own = re.sub(r"\s+", "", paper.reference)
    for f in fin.funders:
        if f.approved_by and re.sub(r"\s+", "", f.approved_by) == own:
            report.add("PCD112", f"{f.name} cites {f.approved_by}, this paper itself: money new in "
                       "this decision has no 'approved_by'", f.path + ("approved_by",))
        if f.approved_by and not f.internal:
            report.add("PCD112", f"'approved_by' is for the organisation's own money; {f.name} is "
                       f"a {f.kind}", f.path + ("approved_by",))
    awarded = {r: rec for rec in paper.recommendations for r in rec.awards}
    known = {r.id for r in fin.recipients}
    for rec in paper.recommendations:
        for i, rid in enumerate(rec.awards):
            if rid not in known:
                report.add("PCD110", f"recommendation {rec.number} awards to '{rid}', which is not "
                           "among finance.recipients", rec.path + ("awards", i))
    for r in fin.recipients:
        if not any(c.recipient == r.id for c in fin.costs):
            report.add("PCD110", f"{r.name} is listed as a recipient but the table awards it nothing",
                       r.path)
        elif r.id not in awarded:
            report.add("PCD111", f"the award of {money(r.total)} to {r.name} is not approved by any "
                       f"recommendation (give one 'awards: [{r.id}]')", r.path)
    with_vat = [c for c in fin.costs if c.vat]
    odd = next((c for c in with_vat if c.vat != with_vat[0].vat), None)
    if odd is not None or (with_vat and len(with_vat) < len(fin.costs)):
        first = odd or next(c for c in fin.costs if not c.vat)
        report.add("PCD109", "amounts including VAT and amounts excluding VAT cannot be added into one "
                   f"total: '{first.id}' is " + (f"VAT-{first.vat}" if first.vat else "silent on VAT")
                   + f" while '{with_vat[0].id}' is VAT-{with_vat[0].vat}", first.path + ("vat",))
