"""The command line: parse options, call one command function, map the result to an exit code.

Exit codes: 0 success; 1 the specs have errors; 2 usage or I/O error; 70 a bug in pcd.
"""

from __future__ import annotations

import argparse
import atexit
import os
import sys

from authoring import __version__


def common(sp: argparse.ArgumentParser) -> None:
    sp.add_argument("--style-dir", action="append", default=[], metavar="DIR",
                    help="a folder of house styles to look in before the shipped ones")
    sp.add_argument("--strict", action="store_true", help="treat warnings as errors")
    sp.add_argument("--no-cache", action="store_true", help="do not reuse or keep results "
                    "(also PCD_NO_CACHE=1); results are keyed by everything they depend on")


def _check(c: argparse.ArgumentParser) -> None:
    c.add_argument("files", nargs="+")
    c.add_argument("--format", choices=("text", "json", "github"), default="text")
    c.add_argument("--quiet", action="store_true", help="no summary line when all is clean")
    common(c)


def _build(b: argparse.ArgumentParser) -> None:
    b.add_argument("files", nargs="+")
    b.add_argument("-o", "--output", default="build", metavar="DIR")
    b.add_argument("--pdf", action="store_true", help="also write a tagged PDF (needs LibreOffice)")
    common(b)


def _site(s: argparse.ArgumentParser) -> None:
    s.add_argument("folder")
    s.add_argument("-o", "--output", default="build/site", metavar="DIR")
    s.add_argument("--as-of", metavar="YYYY-MM-DD", help="publish as if today were this date")
    s.add_argument("--jobs", type=int, default=0, help="worker processes (default: all cores)")
    s.add_argument("--quiet", action="store_true", help="no progress bar and no summary line")
    s.add_argument("--pdf", action="store_true",
                   help="also publish each paper as a tagged PDF (needs LibreOffice)")
    s.add_argument("--base-url", metavar="URL", default="",
                   help="where the site is published (https://…/): canonical links and the sitemap")
    s.add_argument("--drafts", action="store_true",
                   help="a preview for reviewers, not for publishing: unsigned papers too, every page "
                   "marked DRAFT and noindex, none in the feed, sitemap or decisions.json")
    s.add_argument("--house-style", default="mopac", metavar="NAME",
                   help="whose site this is: its branding, and only its papers (default: mopac)")
    common(s)


def _new(n: argparse.ArgumentParser) -> None:
    n.add_argument("folder", nargs="?", default="decisions")
    n.add_argument("--title", help="the paper's title (default: a placeholder pcd check reports)")
    n.add_argument("--date", metavar="YYYY-MM-DD", help="today's date (default: the real one)")
    n.add_argument("--kind", default="general", help="the kind of decision: grant_acceptance, "
                   "onward_grant, contract_award, extension, variation, budget_drawdown, "
                   "part2_settlement (default: general)")
    n.add_argument("--house-style", default="mopac", metavar="NAME",
                   help="the form and numbering series of the new paper (default: mopac)")
    n.add_argument("--style-dir", action="append", default=[], metavar="DIR",
                   help="a folder of house styles to look in before the shipped ones")


def _import(im: argparse.ArgumentParser) -> None:
    im.add_argument("paper")
    im.add_argument("-o", "--output", metavar="FILE", help="the spec to write "
                    "(default: decisions/NNNN.yaml, the number taken from the file name)")
    im.add_argument("--style-dir", action="append", default=[], metavar="DIR",
                    help="a folder of house styles to look in before the shipped ones")
    im.add_argument("--house-style", metavar="NAME", help="the paper's form (default: the "
                    "style whose code, PCD or MD, the paper's heading names)")
    im.add_argument("--force", action="store_true", help="replace the spec if it exists")


def _facts(f: argparse.ArgumentParser) -> None:
    f.add_argument("files", nargs="+", metavar="SPEC")
    f.add_argument("--format", choices=("text", "json"), default="text")
    f.add_argument("--unverified-warn", action="store_true",
                   help="report each fact the model cannot verify as a warning (PCD518)")
    f.add_argument("--strict", action="store_true", help="with --unverified-warn: fail on them")
    f.add_argument("--style-dir", action="append", default=[], metavar="DIR")


def _schema(s: argparse.ArgumentParser) -> None:
    s.add_argument("--style", action="store_true",
                   help="the JSON Schema of a house style's style.yaml instead (docs/styles.md)")


def _diff(d: argparse.ArgumentParser) -> None:
    d.add_argument("files", nargs="+", metavar="SPEC",
                   help="OLD NEW; or one spec with --rev; or git's seven external-diff arguments")
    d.add_argument("--rev", metavar="REVISION", help="compare SPEC with its version at a git revision")
    d.add_argument("--format", choices=("text", "markdown", "json"), default="text")
    d.add_argument("--style-dir", action="append", default=[], metavar="DIR")


def _serve(v: argparse.ArgumentParser) -> None:
    v.add_argument("target", metavar="SPEC|FOLDER")
    v.add_argument("--port", type=int, default=8000)
    v.add_argument("--host", default="127.0.0.1")
    v.add_argument("--show-part2", action="store_true",
                   help="also show the confidential Part 2 material, marked as such (never publish)")
    v.add_argument("--style-dir", action="append", default=[], metavar="DIR")


COMMANDS = {
    "check": ("validate specs and report problems", _check),
    "build": ("check specs, then write DOCX and HTML", _build),
    "site": ("build every spec in a folder into a static website", _site),
    "new": ("scaffold the next paper in a folder of specs", _new),
    "import": ("write a spec from a decision paper in Word (DOCX)", _import),
    "diff": ("what changed between two versions of a spec, figure by figure", _diff),
    "facts": ("every typed fact, what it is bound to and whether the model agrees", _facts),
    "serve": ("preview a paper (or a folder) in the browser, refreshed on save", _serve),
    "schema": ("print the JSON Schema of a spec (--style: of a house style)", _schema),
    "rules": ("list every rule with its code and severity", None),
}


class Formatter(argparse.HelpFormatter):
    """argparse's own, given the terminal's width: argparse imports shutil to find it (~2 ms of
    every pre-commit run), whenever a parser is built, although help is seldom printed."""

    def __init__(self, prog: str, **options) -> None:
        options.setdefault("width", _columns() - 2)  # argparse keeps a margin of 2 as well
        super().__init__(prog, **options)


def _columns() -> int:
    """shutil.get_terminal_size's answer: $COLUMNS, else the terminal's, else 80."""
    try:
        return int(os.environ["COLUMNS"])
    except (KeyError, ValueError):
        pass
    try:
        return os.get_terminal_size(sys.__stdout__.fileno()).columns  # type: ignore[union-attr]
    except (AttributeError, ValueError, OSError):
        return 80


def parser(only: str | None = None) -> argparse.ArgumentParser:
    """The whole command line, or, when the command is known, only that command's options:
    building every subcommand's options costs the pre-commit hook ~5 ms on each run."""
    p = argparse.ArgumentParser(prog="pcd", description="Write, check and build decision papers.",
                                formatter_class=Formatter)
    p.add_argument("--version", action="version", version=f"pcd {__version__}")
    sub = p.add_subparsers(dest="command", required=True)
    for name, (summary, options) in COMMANDS.items():
        sp = sub.add_parser(name, help=summary, formatter_class=Formatter)
        if options and only in (None, name):
            options(sp)
    return p


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    first = next((a for a in argv if not a.startswith("-")), None)
    args = parser(first if first in COMMANDS else None).parse_args(argv)
    try:
        return run(args)
    except KeyboardInterrupt:
        print("pcd: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 0
    except Exception as exc:  # a bug in pcd, not in the spec: say so briefly, never a traceback
        from authoring.housestyle import StyleError
        if isinstance(exc, StyleError):  # a house style's template or file refused
            for d in exc.diagnostics:
                print(d.format(), file=sys.stderr)
            return 1
        if os.environ.get("PCD_DEBUG"):
            raise
        print(f"pcd: internal error: {type(exc).__name__}: {exc}\n"
              "Please report it with the spec that caused it (PCD_DEBUG=1 shows the traceback).",
              file=sys.stderr)
        return 70


def entry() -> None:
    """The `pcd` command: `main`, then an exit without the interpreter's teardown. Freeing every
    module and object one by one is ~10 ms of a ~80 ms check, ~45 ms of a build and ~25 ms of a
    site rebuild, and by then nothing is left to do: every file pcd writes is closed, its thread
    and process pools are shut down, and the exit handlers registered while it ran still run
    first. Handlers registered before pcd started (by a sitecustomize or a coverage hook) do not;
    run `python -c "from authoring.cli import main; raise SystemExit(main())"` to keep them."""
    from authoring.patterns import preload

    preload()  # the regular expressions the build compiled (authoring/patterns.py)
    status = [1]  # should main end by an exception

    def leave() -> None:  # registered before any other of pcd's, so it runs after them all
        code = status[0]
        for stream in (sys.stdout, sys.stderr):
            try:
                if stream is not None and not stream.closed:
                    stream.flush()
            except BrokenPipeError:
                pass  # the reader left (pcd check | head): nothing more to say to it
            except OSError as exc:  # a full disk: the output is cut short, so say so
                code = code or 120  # the status Python itself exits with then
                try:
                    os.write(2, f"pcd: cannot write the output: {exc.strerror or exc}\n".encode())
                except OSError:
                    pass
        os._exit(code)

    atexit.register(leave)
    try:
        status[0] = main()
    except SystemExit as exc:  # argparse: --help, --version, a usage error
        status[0] = exc.code if isinstance(exc.code, int) else int(exc.code is not None)  # None: 0
        raise
    except KeyboardInterrupt:  # before main's own handler (while importing)
        print("pcd: interrupted", file=sys.stderr)
        status[0] = 130
    sys.exit(status[0])


def run(args: argparse.Namespace) -> int:
    from authoring import cache
    cache.OFF[0] = getattr(args, "no_cache", False)  # every cache, house styles' too, not only results
    try:
        return _run(args)
    finally:
        cache.OFF[0] = False  # main may be called again in this process (tests, pcd serve)


def _run(args: argparse.Namespace) -> int:
    if args.command == "check":
        from authoring.commands.check import check
        return check(args.files, tuple(args.style_dir), args.strict, args.format,
                     use_cache=not args.no_cache, quiet=args.quiet)
    if args.command == "build":
        from authoring.commands.build import build
        return build(args.files, args.output, tuple(args.style_dir), args.strict, args.pdf,
                     use_cache=not args.no_cache)
    if args.command == "site":
        from authoring.commands.site import site
        return site(args.folder, args.output, args.as_of, tuple(args.style_dir), args.jobs, args.quiet,
                    use_cache=not args.no_cache, pdf=args.pdf, base_url=args.base_url,
                    strict=args.strict, drafts=args.drafts, house_style=args.house_style)
    if args.command == "new":
        from authoring.commands.new import new
        from authoring.checks.drafting import DEFAULT_TITLE
        return new(args.folder, args.title or DEFAULT_TITLE, args.date, args.kind, args.house_style,
                   tuple(args.style_dir))
    if args.command == "import":
        from authoring.commands.import_paper import import_paper
        return import_paper(args.paper, args.output, tuple(args.style_dir), args.house_style,
                            args.force)
    if args.command == "diff":
        from authoring.commands.diff import diff
        return diff(args.files, args.rev, args.format, tuple(args.style_dir))
    if args.command == "facts":
        from authoring.commands.facts import facts
        return facts(args.files, tuple(args.style_dir), args.format, args.unverified_warn, args.strict)
    if args.command == "serve":
        from authoring.commands.serve import serve
        return serve(args.target, args.host, args.port, args.show_part2, tuple(args.style_dir))
    if args.command == "schema":
        import json

        if args.style:
            from authoring.housestyle import json_schema
        else:
            from authoring.spec.shape import json_schema
        print(json.dumps(json_schema(), indent=2))
        return 0
    if args.command == "rules":
        from authoring.rules import RULES
        for r in RULES.values():
            print(f"{r.code}  {r.severity:7}  {r.title}")
        return 0
    raise AssertionError(args.command)  # argparse allows only the commands above
