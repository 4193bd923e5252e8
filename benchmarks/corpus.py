"""Generate a corpus of varied, valid specs from decisions/1843.yaml: each paper's sections are
repeated 1 to 10 times (with the repeats reworded, so no paragraph is a copy), its reference and
title changed, and its background papers pointing at other papers in the corpus.

    python benchmarks/corpus.py OUT_DIR [COUNT]
"""

from __future__ import annotations

import datetime as dt
import random
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "decisions" / "1843.yaml"


def sections_span(text: str) -> tuple[int, int]:
    return text.index("\nsections:\n") + 1, text.index("\nbackground_papers:\n") + 1


def reword(para: str, phase: int) -> str:
    """A repeat of a paragraph that reads as new text (so no rule sees a copy)."""
    para = para.replace("      table: finance\n", "")
    para = para.replace("        - >-\n          ", f"        - >-\n          In phase {phase}, ")
    for head in ("    - >-\n      ", "    - text: >-\n        ", '    - text: "', "    - "):
        if para.startswith(head):
            return head + f"In phase {phase}, " + para[len(head):]
    return para


def lengthen(text: str, times: int) -> str:
    """Repeat every section's paragraphs `times` times, each repeat marked as a later phase."""
    start, end = sections_span(text)
    block = text[start:end]
    out, current = [], []

    def flush() -> None:
        for n in range(1, times):
            for para in current:
                out.append(reword(para, n + 1))

    para: list[str] = []
    for line in block.splitlines(keepends=True):
        if re.match(r"  [a-z_]+:\n", line):
            if para:
                current.append("".join(para))
            flush()
            out.append(line)
            current, para = [], []
        elif line.startswith("    - "):
            if para:
                current.append("".join(para))
            out.append(line)
            para = [line]
        else:
            out.append(line)
            if para:
                para.append(line)
    if para:
        current.append("".join(para))
    flush()
    return text[:start] + "".join(out) + text[end:]


def make(out: Path, count: int, seed: int = 1843) -> list[Path]:
    rng = random.Random(seed)
    base = SEED.read_text(encoding="utf-8")
    out.mkdir(parents=True, exist_ok=True)
    paths = []
    for i in range(count):
        number = 10_000 + i
        times = 1 + i % 10
        text = lengthen(base, times) if times > 1 else base
        text = text.replace("reference: 1843", f"reference: {number}", 1)
        text = text.replace("title: GPS Acceptance", f"title: Paper {number} – GPS Acceptance", 1)
        cited = rng.sample(range(10_000, 10_000 + count), 2)
        text = text.replace("{ref: PCD 1291,", f"{{ref: PCD {cited[0]},", 1).replace(
            "{ref: PCD 1514,", f"{{ref: PCD {cited[1]},", 1)
        day = 1 + i % 28
        text = text.replace("decision_maker: {date: 2025-06-04}",
                            f"decision_maker: {{date: 2025-07-{day:02d}}}")
        path = out / f"{number}.yaml"
        path.write_text(text, encoding="utf-8")
        paths.append(path)
    return paths


DATE = re.compile(r"\b(20\d\d)-(\d\d)-(\d\d)\b")
PERIOD = re.compile(r"\b(20\d\d)([/-])(\d\d)\b(?!-\d)")  # 2024/25, and 2024-25 in a reference
MONTH = re.compile(r"\b((?:January|February|March|April|May|June|July|August|September|October|November"
                   r"|December) )(20\d\d)\b")  # "October 2025", "1 October 2025" in prose


def earlier(text: str, years: int) -> str:
    """The same paper, every date and financial year moved `years` years back."""
    def date(m: re.Match) -> str:
        day = "28" if (m[2], m[3]) == ("02", "29") else m[3]
        return f"{int(m[1]) - years}-{m[2]}-{day}"

    text = DATE.sub(date, text)
    text = MONTH.sub(lambda m: f"{m[1]}{int(m[2]) - years}", text)
    return PERIOD.sub(lambda m: f"{int(m[1]) - years}{m[2]}{(int(m[3]) - years) % 100:02d}", text)


def signed(text: str) -> str:
    """A worked example with no signatures yet, signed a fortnight before its earliest date (a
    published archive is of signed papers)."""
    if re.search(r"^signatures:", text, re.M):
        return text
    dates = [dt.date(int(y), int(m), int(d)) for y, m, d in DATE.findall(text)]
    dates += [dt.date(int(y), 4, 1) for y, _, _ in PERIOD.findall(text)]
    day = min(dates, default=dt.date(2025, 3, 15)) - dt.timedelta(days=14)
    head = re.search(r"^title: .*$", text, re.M)
    assert head, "a spec has a title"
    return (text[:head.end()] + f"\nsignatures:\n  chief_executive: {{date: {day - dt.timedelta(days=2)}}}\n"
            f"  decision_maker: {{date: {day}}}" + text[head.end():])


def archive(out: Path, count: int) -> list[Path]:
    """An archive like a public body's: every worked example in decisions/ of the default house
    style (each kind of decision; a site is one organisation's) in turn, signed across ten
    years, each with its own number and its own contracts (a contract number shared by two papers
    is one contract, which the archive's checks would follow from one to the next)."""
    seeds = [signed(text) for p in sorted((ROOT / "decisions").glob("*.yaml"))
             if not re.search(r"^house_style:", text := p.read_text(encoding="utf-8"), re.M)]
    out.mkdir(parents=True, exist_ok=True)
    paths = []
    for i in range(count):
        text = earlier(seeds[i % len(seeds)], (i // len(seeds)) % 10)
        number = 20_000 + i
        text = re.sub(r"^reference: \d+$", f"reference: {number}", text, count=1, flags=re.M)
        text = re.sub(r"^title: ", f"title: Paper {number}, ", text, count=1, flags=re.M)
        text = re.sub(r"^(    number: .*)$", rf"\1/{number}", text, flags=re.M)
        path = out / f"{number}.yaml"
        path.write_text(text, encoding="utf-8")
        paths.append(path)
    return paths


if __name__ == "__main__":
    made = make(Path(sys.argv[1]), int(sys.argv[2]) if len(sys.argv) > 2 else 2000)
    print(f"wrote {len(made)} specs to {sys.argv[1]}")
