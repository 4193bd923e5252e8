"""pcd's regular expressions, shipped compiled.

A cold `pcd check` uses ~140 regular expressions (the fact reader's alone are ~40), and `re`
parses and compiles each in pure Python: ~11 ms, more than any stage but reading the YAML. The
build records the program `re` makes of each pattern a check of the worked examples compiles
(`python -m authoring.render.precompile`, also setup.py's build step) for the Python it runs on,
and at start pcd puts them in `re`'s own cache (`preload`), so every `re.compile` of those
patterns, pcd's or its libraries', finds its pattern compiled: ~0.6 ms instead.

Nothing here changes what a pattern matches: an entry is keyed by the pattern's text and flags,
so a pattern edited since the build is not found and compiles as usual; the file names the
Python and the sre engine it was made for (version, magic number, code size), and any other
Python ignores it; `_sre.compile` validates every program, and anything unexpected (a damaged
file, a `re` that keeps its cache otherwise) leaves `re` to compile them all, as before. The file
is written by the build, beside pcd's code and as trusted as it, never by a command.
"""

from __future__ import annotations

import marshal
import os
import sys

FILE = os.path.join(os.path.dirname(os.path.abspath(__file__)), "render", "compiled", "patterns.marshal")


def engine() -> tuple:
    """What a recorded program is valid for."""
    import _sre

    return (sys.implementation.name, sys.version, _sre.MAGIC, _sre.CODESIZE)


def preload(path: str = FILE) -> int:
    """Put the recorded programs in `re`'s cache; how many were put (0: none, compile as before)."""
    try:
        with open(path, "rb") as fh:
            made_for, programs = marshal.loads(fh.read())  # load(fh) reads it in small pieces: 10x slower
        if made_for != engine():
            return 0
        import re

        import _sre

        cache = re._cache  # type: ignore[attr-defined]
        done = 0
        for pattern, flags, final, code, groups, groupindex, indexgroup in programs:
            compiled = _sre.compile(pattern, final, list(code), groups, groupindex, indexgroup)
            cache[type(pattern), pattern, flags] = compiled
            if not done and re.compile(pattern, flags) is not compiled:  # a `re` that looks elsewhere
                cache.pop((type(pattern), pattern, flags), None)
                return 0
            done += 1
        return done
    except Exception:  # noqa: BLE001 - any surprise: re compiles as it always did
        return 0


def record(path: str = FILE, specs: tuple[str, ...] = ()) -> int:
    """Check `specs` in this process while noting every pattern `re` compiles, and write their
    programs to `path`; how many were written."""
    import io
    import re
    from re import _compiler, _parser  # type: ignore[attr-defined]

    seen: dict[tuple, None] = {}
    original = _compiler.compile

    def noting(pattern, flags=0):
        if isinstance(pattern, (str, bytes)):
            seen[pattern, int(flags)] = None
        return original(pattern, flags)

    re.purge()
    _compiler.compile = noting
    try:
        from authoring.commands.check import check  # the command itself: cli.py imports this module

        for spec in specs:
            check([spec], use_cache=False, out=io.StringIO())
    finally:
        _compiler.compile = original
    programs = []
    for pattern, flags in seen:
        parsed = _parser.parse(pattern, flags)
        groupindex = dict(parsed.state.groupdict)
        indexgroup: list[str | None] = [None] * parsed.state.groups
        for name, i in groupindex.items():
            indexgroup[i] = name
        programs.append((pattern, flags, int(flags | parsed.state.flags),
                         tuple(int(c) for c in _compiler._code(parsed, flags)),
                         parsed.state.groups - 1, groupindex, tuple(indexgroup)))
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path + ".tmp", "wb") as fh:
        marshal.dump((engine(), tuple(programs)), fh)
    os.replace(path + ".tmp", path)
    return len(programs)


if __name__ == "__main__":  # a fresh process, so every pattern pcd compiles is seen being compiled
    print("recorded", record(sys.argv[1], tuple(sys.argv[2:])), "regular expressions")
