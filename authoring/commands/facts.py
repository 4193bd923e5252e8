"""`pcd facts`: every typed fact in a paper, where it is, what it is bound to and whether the
model agrees, so a reviewer reads the unverified list instead of the whole paper."""

from __future__ import annotations

import json
import sys
from typing import TextIO

from authoring.diagnostics import Diagnostic, Report

FORMATS = ("text", "json")
STATUSES = ("contradicts", "unverified", "verified", "external")


def facts(files: list[str], style_dirs: tuple[str, ...] = (), form: str = "text",
          unverified_warn: bool = False, strict: bool = False, out: TextIO | None = None) -> int:
    """List the facts of each spec; 1 when a fact is refused (or, with --strict, unverified and
    warned), 2 when a spec cannot be read."""
    from authoring.commands.folder import refuse_unusable

    out = out or sys.stdout
    rows: list[dict] = []
    usable = refuse_unusable(files)
    status = 2 if len(usable) < len(files) else 0
    for file in usable:
        found, problems = read_facts(file, style_dirs)
        if problems:  # a spec with errors is refused as `pcd check` refuses it
            for d in problems:
                print(d.format(), file=sys.stderr)
            status = max(status, 1)
        for row in found:
            if row["code"] and row["severity"] == "error":
                status = max(status, 1)
            if strict and unverified_warn and row["status"] == "unverified":
                status = max(status, 1)
        rows += found
    if form == "json":
        json.dump(rows, out, indent=2, ensure_ascii=False)
        out.write("\n")
    else:
        for row in rows:
            out.write(line(row, unverified_warn) + "\n")
        counts = {s: sum(r["status"] == s for r in rows) for s in STATUSES}
        out.write(f"{len(rows)} fact(s): " + ", ".join(f"{n} {s}" for s, n in counts.items()) + "\n")
    return status


def line(row: dict, unverified_warn: bool) -> str:
    where = f"{row['file']}:{row['line']}:{row['column']}"
    about = f" → {row['entity']}" if row["entity"] else ""
    model = f" (model: {row['model']})" if row["model"] else ""
    text = f"{where}: {row['status']} {row['kind']} '{row['text']}'{about}{model}"
    if row["code"]:
        text += f"\n    {row['severity']}[{row['code']}] {row['message']}"
    elif unverified_warn and row["status"] == "unverified":
        text += "\n    warning[PCD518] a person must check this fact: the model cannot"
    return text


def read_facts(file: str, style_dirs: tuple[str, ...] = ()) -> tuple[list[dict], list[Diagnostic]]:
    """The facts of one spec, located; or, when the spec has errors that stop it being
    computed, none and the diagnostics that say why."""
    from authoring.checks.facts import review
    from authoring.pipeline import locate, process

    outcome = process(file, style_dirs)
    if outcome.paper is None:
        return [], outcome.findings
    readings = review(outcome.paper)
    report = Report()
    for i, r in enumerate(readings):  # the message carries the index back through locate's sort
        report.items.append(Diagnostic(r.code or "PCD518", str(i), r.path, "", needle=r.fact.text))
    rows = []
    for d in locate(report, outcome.pos, outcome.text, file, strict=False):
        if d.code == "PCD211" or not d.message.isdigit():
            continue
        r = readings[int(d.message)]
        rows.append({
            "file": file, "line": d.line, "column": d.col, "path": ".".join(map(str, r.path)),
            "kind": r.fact.kind, "text": r.fact.text, "value": _plain(r.fact.value), "role": r.fact.role,
            "entity": r.entity, "model": r.model, "status": r.status, "code": r.code,
            "severity": d.severity if r.code else "", "message": r.message,
        })
    errors = [d for d in outcome.findings if d.severity == "error"]
    return rows, errors


def _plain(value: object) -> object:
    if isinstance(value, tuple):
        return [_plain(v) for v in value]
    if isinstance(value, (int, str)):
        return value
    return str(value)
