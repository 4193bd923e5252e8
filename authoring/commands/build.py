"""`pcd build`: check each spec, then write its DOCX and HTML; refuse papers with errors."""

from __future__ import annotations

import os
import sys
from collections import namedtuple
from pathlib import Path

from authoring import cache
from authoring.commands.check import Checked, from_record, report, to_fields
from authoring.commands.output import PRIVATE, remove_stale, safe_child, write_files
from authoring.diagnostics import StyleError
from authoring.render.pdf import NoOffice
from authoring.render.reproducible import today
from authoring.spec import readable

TYPE_CHECKING = False  # typing is not imported: a cached build should cost little more than a check
if TYPE_CHECKING:
    from authoring.model.paper import Paper


def outputs(paper: Paper) -> dict[str, bytes]:
    """Every file one paper builds to, by name; all rendered before any is written."""
    from authoring.render.docx import render_docx, render_part2_docx
    from authoring.render.html import paper_page

    pub = paper.publication
    deferred = pub.until if pub.defer and pub.until and pub.until > today() else None
    stem = paper.stem or str(paper.number)
    files = {
        f"{stem}.docx": render_docx(paper),
        f"{stem}.html": paper_page(paper, deferred_until=deferred).encode("utf-8"),
    }
    if pub.part2:  # the confidential form: circulated to the decision maker, never published
        files[f"{stem}{PART2}"] = render_part2_docx(paper)
    return files


PART2 = "-part2.docx"  # written to a folder of its own, part2/, owner-only: never beside the page


def place(folder: Path, name: str) -> Path:
    """Where an output goes: the confidential Part 2 form in its own folder, the rest together."""
    return safe_child(folder / PRIVATE, name) if name.endswith(PART2) else safe_child(folder, name)


def build(files: list[str], out_dir: str, style_dirs: tuple[str, ...] = (), strict: bool = False,
          pdf: bool = False, use_cache: bool = True) -> int:
    """Check each spec and write its outputs; a paper with errors is reported and not built."""
    if pdf:
        from authoring.render.pdf import missing
        if missing():
            print(f"pcd: {missing()}", file=sys.stderr)
            return 2
    from authoring.commands.folder import refuse_unusable

    usable = refuse_unusable(files)
    status = 0 if len(usable) == len(files) else 2
    folder = Path(out_dir)
    for file in usable:
        try:
            result = built(file, style_dirs, strict, pdf, use_cache)
        except StyleError as exc:  # a template or reference document the sandbox refuses
            for d in exc.diagnostics:
                print(d.format(), file=sys.stderr)
            print(f"{file}: not built: fix the house style", file=sys.stderr)
            status = status or 1
            continue
        except NoOffice as exc:  # LibreOffice failed: say so, build the rest
            print(f"pcd: {exc}; {file} not built", file=sys.stderr)
            status = status or 1
            continue
        report([result.checked], "text", sys.stderr)
        if not result.checked.ok:
            print(f"{file}: not built: fix the errors above", file=sys.stderr)
            status = status or 1
            continue
        try:
            folder.mkdir(parents=True, exist_ok=True)
            for name in result.files:  # left by a build that was killed
                remove_stale(place(folder, name).parent, [name])
            write_files({place(folder, name): data for name, data in result.files.items()})
        except OSError as exc:  # a full disk, a read-only folder: the previous files are intact
            print(f"pcd: cannot write to {folder}: {exc.strerror or exc}; {file} not built, "
                  "its earlier outputs are as they were", file=sys.stderr)
            return 2
        print(f"{file}: wrote " + ", ".join(str(place(folder, n)) for n in result.files))
        if any(n.endswith(PART2) for n in result.files):
            print(f"{file}: warning: {folder / PRIVATE} holds the confidential Part 2 form: "
                  "circulate it, never publish that folder", file=sys.stderr)
    return status


class Built(namedtuple("Built", "checked files")):
    __slots__ = ()
    checked: Checked
    files: dict[str, bytes]


def built(file: str, style_dirs: tuple[str, ...], strict: bool, pdf: bool, use_cache: bool) -> Built:
    """One paper's findings and outputs: from the cache when its key is there, else made (and kept).
    The outputs depend on the date only through deferral and SOURCE_DATE_EPOCH: both are in the key."""
    data = readable(file)
    name = (cache.key("build", data, style_dirs, file, strict, pdf, today(),
                      os.environ.get("SOURCE_DATE_EPOCH", "")) if use_cache and data is not None else "")
    record = cache.load(name) if name else None
    hit = from_record(file, record)
    if hit and record is not None:
        files = {n: cache.get_blob(d) for n, d in record.get("files", {}).items()} \
            if isinstance(record.get("files"), dict) else {}
        if all(isinstance(n, str) and b is not None for n, b in files.items()):
            return Built(hit, files)
    from authoring.pipeline import process
    from authoring.render.reference import check_reference

    o = process(file, style_dirs, strict, data)
    checked = Checked(file, o.ok, o.diagnostics)
    out: dict[str, bytes] = {}
    if o.ok:
        assert o.paper is not None
        check_reference(o.paper.style.file("reference.docx"))
        out = outputs(o.paper)
        if pdf:
            from authoring.render.pdf import to_pdf
            stem = o.paper.stem or str(o.paper.number)
            out[f"{stem}.pdf"] = to_pdf({stem: out[f"{stem}.docx"]})[stem]
    if name and not any(n.endswith(PART2) for n in out):  # Part 2 is never kept in the cache
        cache.store(name, {"ok": o.ok, "diagnostics": [to_fields(d) for d in o.diagnostics],
                           "files": {n: cache.put_blob(b) for n, b in out.items()}})
    return Built(checked, out)
