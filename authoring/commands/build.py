"""`pcd build`: check each spec, then write its DOCX and HTML; refuse papers with errors."""

from __future__ import annotations

import sys
from pathlib import Path

from authoring.commands.check import report
from authoring.commands.output import remove_stale, safe_child, write_files
from authoring.housestyle import StyleError
from authoring.model.paper import Paper
from authoring.pipeline import process
from authoring.render.reproducible import today


def outputs(paper: Paper) -> dict[str, bytes]:
    """Every file one paper builds to, by name; all rendered before any is written."""
    from authoring.render.docx import render_docx, render_part2_docx
    from authoring.render.html import paper_page

    pub = paper.publication
    deferred = pub.until if pub.defer and pub.until and pub.until > today() else None
    stem = str(paper.number)
    files = {
        f"{stem}.docx": render_docx(paper),
        f"{stem}.html": paper_page(paper, deferred_until=deferred).encode("utf-8"),
    }
    if pub.part2:  # the confidential form: circulated to the decision maker, never published
        files[f"{stem}-part2.docx"] = render_part2_docx(paper)
    return files


def build(files: list[str], out_dir: str, style_dirs: tuple[str, ...] = (), strict: bool = False) -> int:
    from authoring.render.reference import check_reference

    outcomes = [process(f, style_dirs, strict) for f in files]
    report(outcomes, "text", sys.stderr)
    status = 0
    folder = Path(out_dir)
    for o in outcomes:
        if not o.ok:
            print(f"{o.file}: not built: fix the errors above", file=sys.stderr)
            status = 1
            continue
        assert o.paper is not None
        try:
            check_reference(o.paper.style.file("reference.docx"))
            files_out = outputs(o.paper)
        except StyleError as exc:  # a template or reference document the sandbox refuses
            for d in exc.diagnostics:
                print(d.format(), file=sys.stderr)
            print(f"{o.file}: not built: fix the house style", file=sys.stderr)
            status = 1
            continue
        try:
            folder.mkdir(parents=True, exist_ok=True)
            remove_stale(folder, files_out)  # left by a build that was killed
            write_files({safe_child(folder, name): data for name, data in files_out.items()})
        except OSError as exc:  # a full disk, a read-only folder: the previous files are intact
            print(f"pcd: cannot write to {folder}: {exc.strerror or exc}; {o.file} not built, "
                  "its earlier outputs are as they were", file=sys.stderr)
            return 2
        print(f"{o.file}: wrote " + ", ".join(str(folder / n) for n in files_out))
    return status
