"""Where house-style templates run: Jinja2's immutable sandbox, narrowed further for pcd.

A style folder may come from another organisation, so its templates are treated as untrusted
code. The sandbox refuses underscore attributes and mutation; on top of that a template may call
only methods of plain values (text, numbers, dates, lists, mappings) and Jinja's own helpers,
never reach a path, a module or a Part 2 field, never make a huge string, and read only files
in the style's own folders.
"""

from __future__ import annotations

import datetime as dt
import io
import os
import posixpath
import re
from decimal import Decimal
from pathlib import Path, PurePath
from types import ModuleType
from typing import Any, Callable

from jinja2 import FileSystemLoader, TemplateNotFound, TemplateSyntaxError
from jinja2.loaders import split_template_path
from jinja2.runtime import BlockReference, LoopContext, Macro
from jinja2.sandbox import ImmutableSandboxedEnvironment, SecurityError
from jinja2.utils import Cycler, Joiner, Namespace

from authoring.diagnostics import Diagnostic
from authoring.housestyle import StyleError

MAX_TEMPLATE = 256 * 1024  # bytes; the shipped paper.html is 4 KB
MAX_TEMPLATES = 200
MAX_SIZE = 1_000_000  # the longest string or list `*` and a sized filter may make
PLAIN = (str, int, float, Decimal, dt.date, tuple, list, dict, set, frozenset)
# The model's confidential fields (Publication.part2_summary, .part2_figures) are named so: no
# template, however written, can put Part 2 material into a public page.
CONFIDENTIAL = "part2_"
HELPERS = (LoopContext, Cycler, Joiner, Namespace)
# Filters that take a width or a count: bounded so that one call cannot fill memory.
SIZED_FILTERS = ("center", "indent", "wordwrap", "truncate", "batch", "slice", "format")
WIDTH_METHODS = ("center", "ljust", "rjust", "zfill", "expandtabs")
UNUSED_FILTERS = ("random", "shuffle", "pprint", "xmlattr")  # nondeterministic or verbose


class Sandbox(ImmutableSandboxedEnvironment):
    intercepted_binops = frozenset(["*", "**", "%"])

    def __init__(self, **options: Any) -> None:
        super().__init__(**options)
        self.globals.pop("lipsum", None)  # random text: outputs must be reproducible
        for name in UNUSED_FILTERS:
            self.filters.pop(name, None)
        for name in SIZED_FILTERS:
            if name in self.filters:
                self.filters[name] = _bounded(self.filters[name])

    def is_safe_attribute(self, obj: Any, attr: str, value: Any) -> bool:
        if attr.startswith(CONFIDENTIAL):
            return False
        if isinstance(obj, (PurePath, ModuleType, io.IOBase)):
            return False
        if isinstance(value, (PurePath, ModuleType, io.IOBase, type)):
            return False
        return super().is_safe_attribute(obj, attr, value)

    def is_safe_callable(self, obj: Any) -> bool:
        if not super().is_safe_callable(obj):
            return False
        owner = getattr(obj, "__self__", None)
        if owner is not None and not isinstance(owner, (ModuleType, type)):
            return isinstance(owner, PLAIN + HELPERS)
        if isinstance(obj, (Macro, BlockReference, LoopContext, Cycler, Joiner)):
            return True
        if getattr(obj, "pcd_format", False):
            return True
        return obj in (dict, Namespace, Cycler, Joiner) or obj is self.globals.get("range")

    def unsafe_undefined(self, obj: Any, attribute: str) -> Any:
        # Jinja returns an undefined that fails only when printed; a list of them prints fine.
        raise SecurityError(f"access to attribute {attribute!r} of {type(obj).__name__!r} "
                            "object is unsafe")

    def call(__self, __context, __obj: Any, *args: Any, **kwargs: Any) -> Any:  # noqa: N805
        # Text methods that pad to a width: one call could fill memory.
        if getattr(__obj, "__name__", "") in WIDTH_METHODS and \
                isinstance(getattr(__obj, "__self__", None), str) and \
                any(_big(a, MAX_SIZE) for a in (*args, *kwargs.values())):
            raise SecurityError(f"a width over {MAX_SIZE:,} is refused")
        return super().call(__context, __obj, *args, **kwargs)

    def call_binop(self, context, operator: str, left: Any, right: Any) -> Any:
        if operator == "**" and _big(right, 64):
            raise SecurityError("a power above 64 is refused in a template")
        if operator == "*":
            n, seq = (left, right) if isinstance(left, int) else (right, left)
            if isinstance(seq, (str, list, tuple)) and isinstance(n, int) and len(seq) * n > MAX_SIZE:  # noqa: E501
                raise SecurityError(f"a repeated text or list over {MAX_SIZE:,} items is refused")
        if operator == "%" and isinstance(left, str):
            _refuse_wide(left)
        return super().call_binop(context, operator, left, right)

    def wrap_str_format(self, value: Any) -> Callable[..., str] | None:
        wrapped = super().wrap_str_format(value)  # str.format through the sandbox's formatter
        if wrapped is None:
            return None
        text = value.__self__

        def checked(*args: Any, **kwargs: Any) -> str:
            _refuse_wide(text)
            return wrapped(*args, **kwargs)

        checked.pcd_format = True  # type: ignore[attr-defined]
        return checked


# A field width or precision of six digits or more, or one taken from the arguments: the way a
# format string makes a megabyte from one character.
WIDE = re.compile(r"%[-#0 +]*(\*|\d{6,}|\.\d{6,}|\d*\.\*)|\{[^{}]*:[^{}]*(\d{6,}|\{)")


def _refuse_wide(fmt: str) -> None:
    if WIDE.search(fmt):
        raise SecurityError("a format with a field width of 100,000 or more (or taken from an "
                            "argument) is refused")


def _big(value: Any, limit: int) -> bool:
    return isinstance(value, (int, float, Decimal)) and not isinstance(value, bool) and \
        bool(abs(value) > limit)  # type: ignore[operator]


def _bounded(f: Callable) -> Callable:
    def bounded(*args: Any, **kwargs: Any) -> Any:
        if f.__name__ == "do_format":
            _refuse_wide(str(args[0]))
        elif any(_big(a, MAX_SIZE // 100) for a in (*args[1:], *kwargs.values())):
            raise SecurityError(f"a filter width or count over {MAX_SIZE // 100:,} is refused")
        return f(*args, **kwargs)

    for attr in ("jinja_pass_arg",):  # keep how Jinja passes the environment or context
        if hasattr(f, attr):
            setattr(bounded, attr, getattr(f, attr))
    return bounded


class StyleLoader(FileSystemLoader):
    """Templates from the style's folders only: no links out, no huge files, no link loops."""

    def get_source(self, environment, template: str):
        pieces = split_template_path(template)
        for folder in self.searchpath:
            path = Path(posixpath.join(folder, *pieces))
            if not path.is_file():
                continue
            real = path.resolve()
            if not real.is_relative_to(Path(folder).resolve()):
                raise StyleError([Diagnostic("PCD064", f"template {template} is a link to a file "
                                             "outside the house style's folder", (), "error", str(path))])
            with open(real, "rb") as fh:
                data = fh.read(MAX_TEMPLATE + 1)
            if len(data) > MAX_TEMPLATE:
                raise StyleError([Diagnostic("PCD064", f"template {template} is over "
                                             f"{MAX_TEMPLATE:,} bytes", (), "error", str(path))])
            try:
                source = data.decode("utf-8")
            except UnicodeDecodeError as exc:
                raise StyleError([Diagnostic("PCD061", f"template {template} is not UTF-8 text "
                                             f"(byte 0x{data[exc.start]:02x})", (), "error",
                                             str(path), data[:exc.start].count(b"\n") + 1, 1)]) from None
            return source, str(path), _unchanged(real)
        raise TemplateNotFound(template)

    def list_templates(self) -> list[str]:
        found: set[str] = set()
        for folder in self.searchpath:
            for dirpath, _, names in os.walk(folder):  # links to folders are not followed
                for name in names:
                    rel = os.path.relpath(os.path.join(dirpath, name), folder)
                    found.add(rel.replace(os.sep, "/"))
                    if len(found) > MAX_TEMPLATES:
                        raise StyleError([Diagnostic("PCD064", f"the style's html folders hold over "
                                                     f"{MAX_TEMPLATES} files", (), "error", folder)])
        return sorted(found)


def _unchanged(path: Path) -> Callable[[], bool]:
    mtime = os.path.getmtime(path)
    return lambda: os.path.getmtime(path) == mtime


def template_diagnostic(exc: BaseException, env, name: str = "") -> Diagnostic:
    """Name the template file and line a failure came from (Jinja puts them in the traceback)."""
    if isinstance(exc, TemplateSyntaxError):
        return Diagnostic("PCD061", f"template {exc.name or name} does not parse: {_short(exc.message)}",
                          (), "error", exc.filename or name, exc.lineno or 1, 1)
    file, line = name, 0
    folders = [str(Path(f).resolve()) for f in env.loader.searchpath]
    tb = exc.__traceback__
    while tb is not None:
        where = tb.tb_frame.f_code.co_filename
        if any(str(Path(where).resolve()).startswith(f + os.sep) for f in folders):
            file, line = where, tb.tb_lineno
        tb = tb.tb_next
    what = {SecurityError: "the sandbox refused it", TemplateNotFound: "no such template"}.get(
        type(exc), type(exc).__name__)
    return Diagnostic("PCD062", f"template failed: {what}: {_short(str(exc))}", (), "error",
                      file or "template", line, 1 if line else 0)


def _short(text: str | None) -> str:
    text = " ".join((text or "").split())
    return text if len(text) <= 300 else text[:297] + "..."
