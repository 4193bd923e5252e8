"""The command line: parse options, call one command function, map the result to an exit code.

Exit codes: 0 success; 1 the specs have errors; 2 usage or I/O error; 70 a bug in pcd.
"""

from __future__ import annotations

import argparse
import os
import sys

from authoring import __version__


def parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="pcd", description="Write, check and build decision papers.")
    p.add_argument("--version", action="version", version=f"pcd {__version__}")
    sub = p.add_subparsers(dest="command", required=True)

    def common(sp: argparse.ArgumentParser) -> None:
        sp.add_argument("--style-dir", action="append", default=[], metavar="DIR",
                        help="a folder of house styles to look in before the shipped ones")
        sp.add_argument("--strict", action="store_true", help="treat warnings as errors")

    c = sub.add_parser("check", help="validate specs and report problems")
    c.add_argument("files", nargs="+")
    c.add_argument("--format", choices=("text", "json", "github"), default="text")
    common(c)

    b = sub.add_parser("build", help="check specs, then write DOCX and HTML")
    b.add_argument("files", nargs="+")
    b.add_argument("-o", "--output", default="build", metavar="DIR")
    common(b)

    s = sub.add_parser("site", help="build every spec in a folder into a static website")
    s.add_argument("folder")
    s.add_argument("-o", "--output", default="build/site", metavar="DIR")
    s.add_argument("--as-of", metavar="YYYY-MM-DD", help="publish as if today were this date")
    s.add_argument("--jobs", type=int, default=0, help="worker processes (default: all cores)")
    s.add_argument("--quiet", action="store_true", help="no progress bar and no summary line")
    common(s)

    n = sub.add_parser("new", help="scaffold the next paper in a folder of specs")
    n.add_argument("folder", nargs="?", default="decisions")
    n.add_argument("--title", default="Title of the decision")
    n.add_argument("--date", metavar="YYYY-MM-DD", help="today's date (default: the real one)")
    n.add_argument("--kind", default="general", help="the kind of decision: grant_acceptance, "
                   "onward_grant, contract_award, extension, variation, budget_drawdown, "
                   "part2_settlement (default: general)")

    im = sub.add_parser("import", help="write a spec from a decision paper in Word (DOCX)")
    im.add_argument("paper")
    im.add_argument("-o", "--output", metavar="FILE", help="the spec to write "
                    "(default: decisions/NNNN.yaml, the number taken from the file name)")
    im.add_argument("--style-dir", action="append", default=[], metavar="DIR",
                    help="a folder of house styles to look in before the shipped ones")
    im.add_argument("--house-style", metavar="NAME", help="the paper's form (default: the "
                    "style whose code, PCD or MD, the paper's heading names)")
    im.add_argument("--force", action="store_true", help="replace the spec if it exists")

    d = sub.add_parser("diff", help="what changed between two versions of a spec, figure by figure")
    d.add_argument("files", nargs="+", metavar="SPEC",
                   help="OLD NEW; or one spec with --rev; or git's seven external-diff arguments")
    d.add_argument("--rev", metavar="REVISION", help="compare SPEC with its version at a git revision")
    d.add_argument("--format", choices=("text", "markdown", "json"), default="text")
    d.add_argument("--style-dir", action="append", default=[], metavar="DIR")

    v = sub.add_parser("serve", help="preview a paper (or a folder) in the browser, refreshed on save")
    v.add_argument("target", metavar="SPEC|FOLDER")
    v.add_argument("--port", type=int, default=8000)
    v.add_argument("--host", default="127.0.0.1")
    v.add_argument("--show-part2", action="store_true",
                   help="also show the confidential Part 2 material, marked as such (never publish)")
    v.add_argument("--style-dir", action="append", default=[], metavar="DIR")

    sub.add_parser("schema", help="print the JSON Schema of a spec")
    sub.add_parser("rules", help="list every rule with its code and severity")
    return p


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
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


def run(args: argparse.Namespace) -> int:
    if args.command == "check":
        from authoring.commands.check import check
        return check(args.files, tuple(args.style_dir), args.strict, args.format)
    if args.command == "build":
        from authoring.commands.build import build
        return build(args.files, args.output, tuple(args.style_dir), args.strict)
    if args.command == "site":
        from authoring.commands.site import site
        return site(args.folder, args.output, args.as_of, tuple(args.style_dir), args.jobs, args.quiet)
    if args.command == "new":
        from authoring.commands.new import new
        return new(args.folder, args.title, args.date, args.kind)
    if args.command == "import":
        from authoring.commands.import_paper import import_paper
        return import_paper(args.paper, args.output, tuple(args.style_dir), args.house_style,
                            args.force)
    if args.command == "diff":
        from authoring.commands.diff import diff
        return diff(args.files, args.rev, args.format, tuple(args.style_dir))
    if args.command == "serve":
        from authoring.commands.serve import serve
        return serve(args.target, args.host, args.port, args.show_part2, tuple(args.style_dir))
    if args.command == "schema":
        import json

        from authoring.spec.shape import json_schema
        print(json.dumps(json_schema(), indent=2))
        return 0
    if args.command == "rules":
        from authoring.rules import RULES
        for r in RULES.values():
            print(f"{r.code}  {r.severity:7}  {r.title}")
        return 0
    raise AssertionError(args.command)  # argparse allows only the commands above
