"""The shipped styles' templates, compiled when pcd is built (Jinja's `compile_templates`), so a
command loads the Python code of the templates it renders instead of parsing and compiling all of
them on every run.

The set is named by what the compiled code depends on: Jinja's version and the sandbox's own
source (its code generator, intercepted operators and options are baked into the code). At run
time a set whose name differs, or a template whose source no longer has the hash recorded for it,
is compiled from its source as any style's are. Nothing here is a cache: the files are written by
the build, next to pcd's code and as trusted as it, and are never written by a command.

    python -m authoring.render.precompile [FOLDER]   # default: compiled/ beside this file
"""

from __future__ import annotations

import functools
import json
import os
import shutil
import sys
from hashlib import sha256

HERE = os.path.dirname(os.path.abspath(__file__))
COMPILED = os.path.join(HERE, "compiled")
STAMP = "stamp.json"


@functools.lru_cache(maxsize=1)
def set_name() -> str:
    """What a compiled set must be made with to be used: this Jinja, this sandbox."""
    import jinja2

    with open(os.path.join(HERE, "sandbox.py"), "rb") as fh:
        return sha256(f"jinja2 {jinja2.__version__}\0".encode() + fh.read()).hexdigest()


def shipped_folders() -> dict[str, str]:
    """Each shipped style's html/ folder, by the style's name."""
    from authoring.stylepath import shipped_templates

    top = shipped_templates()
    return {name: os.path.join(top, name, "html") for name in sorted(os.listdir(top))
            if os.path.isdir(os.path.join(top, name, "html"))}


def compiled_for(folders: tuple[str, ...]) -> dict[str, tuple[str, dict]]:
    """For those of `folders` that are a shipped style's html/: its compiled set and the hash of
    each template's source, when the set was made by this Jinja and this sandbox."""
    shipped = {os.path.realpath(f): name for name, f in shipped_folders().items()}
    found = {}
    for folder in folders:
        name = shipped.get(os.path.realpath(folder))
        if name is None:
            continue
        path = os.path.join(COMPILED, name)
        try:
            with open(os.path.join(path, STAMP), "rb") as fh:
                stamp = json.loads(fh.read())
        except (OSError, ValueError):
            continue
        if isinstance(stamp, dict) and stamp.get("set") == set_name() and \
                isinstance(stamp.get("templates"), dict):
            found[folder] = (path, stamp["templates"])
    return found


def precompile(target: str = COMPILED) -> list[str]:
    """Compile every shipped style's templates into target/STYLE/; returns the styles done."""
    from authoring.render.sandbox import FILTERS, OPTIONS, Sandbox, StyleLoader

    done = []
    for name, folder in shipped_folders().items():
        env = Sandbox(loader=StyleLoader([folder]), **OPTIONS)
        env.filters.update({f: str for f in FILTERS})  # only their names matter when compiling
        out = os.path.join(target, name)
        shutil.rmtree(out, ignore_errors=True)  # stale modules and any __pycache__ go with it
        os.makedirs(out)
        names = env.list_templates()  # every file of html/ is a template (style.css is included)
        env.compile_templates(out, zip=None, ignore_errors=False)
        hashes = {}
        for template in names:
            with open(os.path.join(folder, *template.split("/")), "rb") as fh:
                hashes[template] = sha256(fh.read()).hexdigest()
        with open(os.path.join(out, STAMP), "w", encoding="utf-8") as fh:
            json.dump({"set": set_name(), "templates": hashes}, fh, indent=1, sort_keys=True)
        done.append(name)
    return done


def record_patterns(target: str = COMPILED) -> str:
    """The regular expressions a check of the worked examples compiles, recorded in a fresh
    process into target/patterns.marshal (authoring/patterns.py); what it said, or why not."""
    import glob
    import subprocess

    root = os.path.dirname(os.path.dirname(HERE))  # the tree pcd is built from
    specs = sorted(glob.glob(os.path.join(root, "decisions", "*.yaml")))
    out = os.path.join(target, "patterns.marshal")
    done = subprocess.run([sys.executable, "-m", "authoring.patterns", out, *specs], cwd=root,
                          capture_output=True, text=True,
                          env={**os.environ, "PYTHONPATH": root, "PCD_NO_CACHE": "1"})
    # Without ruamel.yaml (an isolated build) nothing is recorded: pcd compiles them as it runs.
    return done.stdout.strip() or f"no regular expressions recorded: {done.stderr.strip()[-200:]}"


if __name__ == "__main__":
    print("compiled:", ", ".join(precompile(*sys.argv[1:2])))
    print(record_patterns(*sys.argv[1:2]))
