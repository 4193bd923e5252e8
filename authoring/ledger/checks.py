"""The cross-paper rules: pure functions over the archive's index (authoring/ledger/index.py).

Each reports at the YAML line of the later paper, the one that should have agreed with what was
decided before it. Papers are in the order they were decided: by the decision maker's signature
date, unsigned papers after every signed one, then by number.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from decimal import Decimal
from typing import Any, Callable, Iterable, NamedTuple

from authoring.diagnostics import Diagnostic
from authoring.format import money, percent
from authoring.rules import severity_of

LIMIT = 50  # regulation 72(2) of the PCR 2015: no modification above 50% of the original value
DE_MINIMIS = 10  # regulation 72(5)(b): 10% of the original value (15% for works), taken together
YEAR = dt.timedelta(days=365)
APPROVALS = ("approved_by", "history")
NAMES = {"carry_forward": "carry-forward", "prior_approval": "approved budget", "reserve": "reserve",
         "budget": "budget"}


class Paper(NamedTuple):
    """One paper of the archive: its file and its index entry."""

    file: str
    entry: dict[str, Any]

    @property
    def code(self) -> str:
        return self.entry["code"]

    @property
    def signed(self) -> dt.date | None:
        s = self.entry["signed"]
        return dt.date.fromisoformat(s) if s else None

    @property
    def order(self) -> tuple:
        return (self.signed or dt.date.max, self.entry["number"], self.file)

    @property
    def when(self) -> dt.date | None:
        """The date it was decided, or for a draft the date drafting began."""
        d = self.entry["signed"] or self.entry["drafted"]
        return dt.date.fromisoformat(d) if d else None


def finding(code: str, message: str, paper: Paper, at: list) -> Diagnostic:
    return Diagnostic(code, message, tuple(at[0]), severity_of(code), paper.file, at[1], at[2])


def by_code(papers: Iterable[Paper]) -> dict[str, list[Paper]]:
    out: dict[str, list[Paper]] = defaultdict(list)
    for p in papers:
        out[p.code].append(p)
    return out


def shared_codes(papers: list[Paper]) -> list[Diagnostic]:
    """Two papers with one code: each is an error at its reference, naming the others."""
    out = []
    for group in by_code(papers).values():
        for p in group if len(group) > 1 else ():
            others = ", ".join(o.file for o in group if o is not p)
            out.append(finding("PCD019", f"reference {p.entry['number']} is also declared by {others}: "
                               "give each paper its own number", p, p.entry["at"]))
    return out


def _cited(papers: list[Paper]) -> tuple[dict[str, Paper], set[str]]:
    """The papers a code names (only codes one paper has), and the code letters of the archive."""
    codes = by_code(papers)
    return {c: g[0] for c, g in codes.items() if len(g) == 1}, {c.split()[0] for c in codes}


def not_in_archive(papers: list[Paper]) -> list[tuple[str, Paper, list]]:
    """Codes of the archive's series cited but naming no paper in it: listed, never an error."""
    named, series = _cited(papers)
    codes = by_code(papers)
    return [(c["code"], p, c["at"]) for p in papers for c in p.entry["cites"]
            if c["code"] not in codes and c["code"] not in named and c["code"].split()[0] in series]


def citations(papers: list[Paper]) -> list[Diagnostic]:
    """A paper cited as approving something (approved_by, history) is signed and earlier; one
    referred to (background papers, prose) is earlier."""
    named, _ = _cited(papers)
    out = []
    for p in papers:
        for c in p.entry["cites"]:
            q = named.get(c["code"])
            if q is None or q is p:
                continue
            approval = c["how"] in APPROVALS
            what = "as approving this" if approval else "as an earlier paper"
            if q.signed is None and (approval or p.signed):
                out.append(finding("PCD704", f"{q.code} ({q.file}) is cited {what}, but it is not signed: "
                                   "only a decision taken can be relied on", p, c["at"]))
            elif q.signed and p.signed and q.signed > p.signed:  # the same day: signed together
                out.append(finding("PCD704", f"{q.code} ({q.file}) is cited {what}, but it was signed on "
                                   f"{q.signed.isoformat()}, after this paper ({p.signed.isoformat()})",
                                   p, c["at"]))
    return out


def cycles(papers: list[Paper]) -> list[Diagnostic]:
    """Papers that cite each other as approving, in a circle: an error at each citation."""
    named, _ = _cited(papers)
    edges: dict[str, list[tuple[Paper, dict]]] = defaultdict(list)
    for p in papers:
        for c in p.entry["cites"]:
            if c["how"] in APPROVALS and c["code"] in named and named[c["code"]] is not p:
                edges[p.code].append((named[c["code"]], c))
    out, reported = [], set()
    state: dict[str, int] = {}  # 1: on the path being followed, 2: done

    def visit(code: str, path: list[tuple[Paper, dict]]) -> None:
        state[code] = 1
        for q, c in edges.get(code, ()):
            step = path + [(named[code], c)]
            if state.get(q.code) == 1:
                loop = step[next(i for i, (p, _) in enumerate(step) if p.code == q.code):]
                ring = " → ".join(p.code for p, _ in loop) + f" → {q.code}"
                for p, cite in loop:
                    if id(cite) not in reported:
                        reported.add(id(cite))
                        out.append(finding("PCD706", f"approvals cited in a circle ({ring}): each "
                                           "approval must come from an earlier decision", p, cite["at"]))
            elif q.code not in state:
                visit(q.code, step)
        state[code] = 2

    for p in sorted(papers, key=lambda p: p.order):
        if p.code in named and p.code not in state:
            visit(p.code, [])
    return out


def drawn_approvals(papers: list[Paper]) -> list[Diagnostic]:
    """Money a paper draws from an earlier approval (a carry-forward, an approved budget) never
    comes to more than that approval gave, across every paper that draws on it."""
    named, _ = _cited(papers)
    out = []
    drawn: dict[tuple[str, str], Decimal] = defaultdict(Decimal)
    for p in sorted(papers, key=lambda p: p.order):
        for f in p.entry["funders"]:
            q = named.get(f["by"])
            if q is None or q is p:
                continue
            kind = f["kind"]
            given = _approved(q, kind)
            what = NAMES.get(kind, kind)
            at = f["by_at"]
            take = max(Decimal(f["total"]), Decimal(f["stated"] or 0))
            drawn[q.code, kind] += take
            if not given:
                out.append(finding("PCD705", f"{q.code} approved no {what} (no new {what} in its "
                                   f"funding): this {what} cannot come from it", p, at))
            elif drawn[q.code, kind] > given:
                out.append(finding("PCD705", f"{q.code} approved {money(given)} of {what}; with this "
                                   f"paper's {money(take)}, {money(drawn[q.code, kind])} of it has been "
                                   "drawn", p, at))
    return out


def _approved(q: Paper, kind: str) -> Decimal:
    """What paper q approved of a kind of own money: its new sources of that kind; an approved
    budget is what it approved to spend."""
    if kind == "prior_approval":
        return Decimal(q.entry["costs"])
    return sum((Decimal(f["total"]) for f in q.entry["funders"] if f["kind"] == kind and f["new"]),
               Decimal(0))


def chains(papers: list[Paper]) -> dict[str, list[tuple[Paper, dict]]]:
    """Every contract's decisions in the order they were taken."""
    out: dict[str, list[tuple[Paper, dict]]] = defaultdict(list)
    for p in sorted(papers, key=lambda p: p.order):
        for c in p.entry["contracts"]:
            out[c["key"]].append((p, c))
    return out


def _same(a: str, b: str) -> bool:
    return " ".join(a.split()).casefold() == " ".join(b.split()).casefold()


def contracts(papers: list[Paper]) -> list[Diagnostic]:
    """A contract's value and dates continue from one decision on it to the next; its number
    names one supplier's contract; earlier changes cited in its history are what they were."""
    named, _ = _cited(papers)
    out = []
    for chain in chains(papers).values():
        kept: list[tuple[Paper, dict]] = []
        for p, c in chain:
            first = next(((q, d) for q, d in kept if d["supplier"]), None)
            if c["number"] and c["supplier"] and first and not _same(first[1]["supplier"], c["supplier"]):
                q, d = first
                out.append(finding("PCD703", f"{c['number']} is {d['supplier']}'s contract in {q.code} "
                                   f"({q.file}); here its supplier is {c['supplier']}: one number names "
                                   "one contract", p, c["supplier_at"]))
                continue
            if kept and c["kind"] != "award":
                out += _continues(kept, p, c)
            kept.append((p, c))
        out += _history(kept, named)
    return out


def _continues(kept: list[tuple[Paper, dict]], p: Paper, c: dict) -> list[Diagnostic]:
    out = []
    q, prev = kept[-1]
    origin_paper, origin = kept[0]
    if c["original"] is not None and origin["original"] is not None and \
            Decimal(c["original"]) != Decimal(origin["original"]):
        said = "awarded it at" if origin["kind"] == "award" else "gave its original value as"
        out.append(finding("PCD701", f"the original value of {c['name']} is {money(Decimal(c['original']))} "
                           f"here, but {origin_paper.code} ({origin_paper.file}) {said} "
                           f"{money(Decimal(origin['original']))}", p, c["value_at"]))
    elif c["before"] is not None and prev["after"] is not None and \
            Decimal(c["before"]) != Decimal(prev["after"]):
        out.append(finding("PCD701", f"{c['name']} is worth {money(Decimal(c['before']))} before this "
                           f"decision, but after {q.code} ({q.file}) it was worth "
                           f"{money(Decimal(prev['after']))}: list every earlier change under its "
                           "'history'", p, c["value_at"]))
    if c["ends"] and prev["new_end"] and c["ends"] != prev["new_end"]:
        out.append(finding("PCD702", f"{c['name']} ends on {c['ends']} here, but after {q.code} "
                           f"({q.file}) it ended on {prev['new_end']}", p, c["ends_at"]))
    return out


def _history(chain: list[tuple[Paper, dict]], named: dict[str, Paper]) -> list[Diagnostic]:
    """Each earlier change a paper lists as approved by a paper in the archive is a change that
    paper made to this contract, of that amount."""
    out = []
    for p, c in chain:
        for h in c["history"]:
            q = named.get(h["by"])
            if q is None or q is p:
                continue
            theirs = [d for r, d in chain if r is q and d["kind"] != "award"]
            if not theirs:
                out.append(finding("PCD705", f"{q.code} ({q.file}) made no change to {c['name']}, "
                                   "yet this history says it approved one", p, h["at"]))
            elif all(Decimal(d["change"]) != Decimal(h["amount"]) for d in theirs):
                out.append(finding("PCD705", f"{q.code} ({q.file}) changed {c['name']} by "
                                   f"{money(Decimal(theirs[0]['change']))}, not "
                                   f"{money(Decimal(h['amount']))}", p, h["at"]))
    return out


Scheme = Callable[[str], Any]  # a house style's name -> the style (its authorities and delegation)


def _needs(style: Any, action: str, facts: dict) -> str:
    """The authority the scheme of delegation asks for: authoring/model/routes.py's rule."""
    from authoring.model.routes import _listed, matches

    ranks = {k: a["rank"] for k, a in style.authorities.items()}
    hits = [r for r in style["delegation"] if action in _listed(r["action"]) and matches(r, facts)]
    if not hits:  # no rule covers it: the highest authority of all
        return max(ranks, key=lambda k: ranks[k])
    return max(hits, key=lambda r: ranks[r["authority"]])["authority"]


def cumulative(papers: list[Paper], scheme: Scheme) -> list[Diagnostic]:
    """A contract's changes taken together, across papers: against regulation 72 (a warning when
    they pass 50% of the original value, where the paper's own history did not show it) and
    against the scheme of delegation (the authority the whole change needs)."""
    out = []
    for chain in chains(papers).values():
        total, months, foreseen, seen = Decimal(0), 0, True, list[str]()
        origin = chain[0][1]["original"]
        for p, c in chain:
            if c["kind"] == "award":
                total, months, foreseen, seen = Decimal(0), 0, True, []
                origin = c["original"]
                continue
            total += Decimal(c["change"])
            months += c["months"]
            foreseen = foreseen and c["foreseen"]
            seen.append(p.code)
            base = Decimal(origin) if origin else Decimal(0)
            if base and c["de_minimis"] and abs(total) / base * 100 > DE_MINIMIS:
                out.append(finding("PCD710", f"{c['name']} relies on the de minimis exception, but its "
                                   f"changes across {', '.join(seen)} come to {money(total)}, "
                                   f"{percent(abs(total) / base * 100)} of its original value "
                                   f"{money(base)}: above the {DE_MINIMIS}% (15% for works) regulation "
                                   "72(5) allows on their net cumulative value; name the ground of "
                                   "regulation 72 it rests on", p, c["regulation_at"]))
            if not base or len(seen) < 2:
                continue
            share = total / base * 100 if base else Decimal(0)
            own = (Decimal(c["after"]) - Decimal(c["original"])) / base * 100 \
                if c["after"] is not None and c["original"] is not None and base else Decimal(0)
            if share > LIMIT >= own:
                out.append(finding("PCD707", f"{c['name']} has grown by {percent(share)} of its original "
                                   f"value {money(base)} across {', '.join(seen)} ({money(total)}): above "
                                   "the 50% regulation 72 of the PCR 2015 allows in total; check it "
                                   "still does", p, c["at"]))
            style = scheme(p.entry["style"])
            if style is None or p.entry["dm"] not in style.authorities:
                continue
            facts = {"value": total, "change": total, "contract": base, "foreseen": foreseen,
                     "percent": share, "months": months}
            need = _needs(style, "contract_change", facts)
            alone = _needs(style, "contract_change", {"value": Decimal(c["change"]),
                                                      "change": Decimal(c["change"]), "contract": base,
                                                      "foreseen": c["foreseen"],
                                                      "percent": Decimal(c["change"]) / base * 100,
                                                      "months": c["months"]})
            rank = {k: a["rank"] for k, a in style.authorities.items()}
            if rank[need] > rank[p.entry["dm"]] >= rank[alone]:  # else PCD401 says it already
                short = style.authorities[need]["short"]
                out.append(finding("PCD708", f"the changes to {c['name']} across {', '.join(seen)} come "
                                   f"to {money(total)} ({percent(share)} of its original value): together "
                                   f"they need the {short}, not the "
                                   f"{style.authorities[p.entry['dm']]['short']}", p, c["at"]))
    return out


def splitting(papers: list[Paper], scheme: Scheme) -> list[Diagnostic]:
    """Awards to one organisation within twelve months whose sum needs a higher authority than
    any of them alone: a warning at the award that tips it (possible splitting)."""
    groups: dict[tuple[str, str, str], list[tuple[dt.date, Decimal, Paper, dict]]] = defaultdict(list)
    for p in papers:
        when = p.when
        if when is None:
            continue
        for c in p.entry["contracts"]:
            if c["kind"] == "award" and c["supplier"]:
                key = (p.entry["style"], "contract_award", " ".join(c["supplier"].split()).casefold())
                groups[key].append((when, Decimal(c["max"]), p, {**c, "label": f"award of {c['name']}"}))
        for r in p.entry["recipients"]:
            key = (p.entry["style"], "onward_grant", " ".join(r["name"].split()).casefold())
            groups[key].append((when, Decimal(r["total"]), p, {**r, "label": f"award to {r['name']}"}))
    out = []
    for (style_name, action, _), awards in groups.items():
        if len(awards) < 2:
            continue
        style = scheme(style_name)
        if style is None:
            continue
        rank = {k: a["rank"] for k, a in style.authorities.items()}
        awards.sort(key=lambda a: (a[0], a[2].order))
        own = [rank[_needs(style, action, {"value": a[1]})] for a in awards]  # each award alone
        first = 0  # the earliest award within twelve months of the one looked at (they are in date order)
        for j, (when, value, p, item) in enumerate(awards):
            while when - awards[first][0] >= YEAR:
                first += 1
            if first == j:
                continue
            window = awards[first:j]
            alone = max(own[first:j + 1])
            before = sum((a[1] for a in window), Decimal(0))
            need = _needs(style, action, {"value": before + value})
            dm = rank.get(p.entry["dm"], 0)  # a decision maker who could approve the sum: no harm
            if rank[need] > max(alone, dm) and rank[_needs(style, action, {"value": before})] <= alone:
                others = ", ".join(f"{a[2].code} ({money(a[1])})" for a in window)
                out.append(finding("PCD709", f"with {others} within twelve months, the {item['label']} "
                                   f"makes {money(before + value)}, which needs the "
                                   f"{style.authorities[need]['short']}, though no award alone does: "
                                   "possible splitting", p, item["at"]))
    return out


def run(papers: list[Paper], scheme: Scheme) -> list[Diagnostic]:
    """Every cross-paper finding, in file and line order."""
    out = shared_codes(papers)
    codes = by_code(papers)
    unique = [p for p in papers if len(codes[p.code]) == 1]  # a shared code names no one paper
    for rule in (citations, cycles, drawn_approvals, contracts):
        out += rule(unique)
    out += cumulative(unique, scheme) + splitting(unique, scheme)
    return sorted(out, key=lambda d: (d.file, d.line, d.col, d.code))
