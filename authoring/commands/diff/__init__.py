"""`pcd diff OLD NEW`: what changed between two versions of a paper, in the paper's own words.

Word processors show that words changed; pcd knows every computed figure, so it says which
totals, shares and contract values moved because one amount was edited, naming each as the
paper does ("the contract MOPAC 957's value after the extension", not an internal id). Every
edit a reviewer must see is reported: what the model does not compare is named from the spec
itself, and Part 2 material is reported as changed without its words or figures. Exit codes
follow diff(1): 0 nothing changed, 1 something changed, 2 trouble (unreadable, or a spec that
cannot be computed at all; git's driver then compares the spec as written).

The modules, each importing only those before it: change (what a comparison reports), labels
(the paper's names for its values), matching (which old thing is which new thing), as_written
and comparisons (what changed), output (text, markdown, json), versions (reading the two).
"""

from __future__ import annotations

import sys
from typing import TextIO

from authoring.commands.diff.comparisons import compare
from authoring.commands.diff.output import as_json, as_markdown, as_text, header
from authoring.commands.diff.versions import Trouble, at_revision, load, note, read, uncomputed
from authoring.diagnostics import visible

__all__ = ["diff"]


def diff(paths: list[str], rev: str | None = None, form: str = "text",
         style_dirs: tuple[str, ...] = (), out: TextIO = sys.stdout) -> int:
    """Compare two specs (or one against a git revision); print the changes; diff(1)'s exit codes.

    Seven paths are git's external diff convention (path old-file old-hex old-mode new-file
    new-hex new-mode): `git diff` then shows figure-level changes for specs marked diff=pcd.
    """
    as_git = len(paths) == 7
    # git shows only what the driver prints: the reviewer must see that it could not compare
    remarks = out if as_git else sys.stderr
    try:
        if as_git:
            name, old_file, new_file = paths[0], paths[1], paths[4]
            labels = (f"a/{name}", f"b/{name}")
            if form != "json":
                out.write(header(name))
            old_data = b"" if old_file == "/dev/null" else read(old_file)
            new_data = b"" if new_file == "/dev/null" else read(new_file)
            if not old_data or not new_data:
                whole = f"{'new' if not old_data else 'deleted'} spec"
                out.write(as_json([], labels, [whole]) if form == "json" else f"{visible(name)}: {whole}\n")
                return 0
        elif rev is not None and len(paths) == 1:
            old_data, new_data = at_revision(paths[0], rev), read(paths[0])
            labels = (f"{paths[0]}@{rev}", paths[0])
        elif rev is None and len(paths) == 2:
            old_data, new_data = read(paths[0]), read(paths[1])
            labels = (paths[0], paths[1])
        else:
            raise Trouble("give two specs (OLD NEW), or one spec and --rev REVISION")
        old, new = load(old_data, labels[0], style_dirs), load(new_data, labels[1], style_dirs)
        for v in (old, new):  # git's driver compares the spec as written instead: see everything
            if v.paper is None and not as_git:
                raise uncomputed(v.name, v.errors, v.text)
    except Trouble as exc:
        if as_git and form == "json":
            out.write(as_json([], ("", ""), [f"cannot compare: {exc}"]))
        else:  # the message's parts were made visible where it was written
            print(f"pcd diff: {exc}", file=remarks)
        return 0 if as_git else 2
    changes = compare(old, new)
    notes = note(old) + note(new)
    if form == "json":
        out.write(as_json(changes, labels, notes))
    elif form == "markdown":
        title = visible(new.paper.reference if new.paper else labels[1])
        out.write(as_markdown(changes, f"{title}: {len(changes)} change(s)", notes) if changes
                  else f"{title}: no changes\n")
    else:
        if notes:
            print("\n".join(f"note: {n}" for n in notes), file=remarks)
        out.write(as_text(changes))
        if as_git and not changes and old.text != new.text:
            out.write("no change to the paper (only the spec's layout or comments changed)\n")
    if as_git:
        return 0  # git treats any other exit status from an external diff as a failure
    return 1 if changes else 0
