"""How soon `pcd serve` shows a save: from writing the spec to Chromium painting the new page.

    python benchmarks/serve_latency.py [--runs 15] [--chromium /usr/bin/chromium]

Starts a real server on 1843 and opens it in headless Chromium (the system's, through
Playwright; nothing is downloaded). For each run it changes one amount and notes the time, then
reads, from the page that shows the new figure, when the browser painted it (the page's own
first-contentful-paint, on the same clock). Prints the median and the spread, in milliseconds:
the watcher noticing the save, the re-render, the event, the reload and the paint.
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# Each new page records when it first painted content, as milliseconds since the epoch.
PAINTED = """
new PerformanceObserver((list) => {
  for (const entry of list.getEntries())
    if (entry.name === "first-contentful-paint") window.pcdPainted = performance.timeOrigin + entry.startTime;
}).observe({type: "paint", buffered: true});
"""


def main() -> None:
    from playwright.sync_api import Error, sync_playwright

    ap = argparse.ArgumentParser()
    ap.add_argument("--runs", type=int, default=15)
    ap.add_argument("--chromium", default=shutil.which("chromium") or "/usr/bin/chromium")
    args = ap.parse_args()
    work = Path(tempfile.mkdtemp())
    spec = work / "1843.yaml"
    shutil.copy(ROOT / "decisions" / "1843.yaml", spec)
    text = spec.read_text(encoding="utf-8")
    proc = subprocess.Popen([sys.executable, "-m", "authoring", "serve", str(spec), "--port", "0"],
                            cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    try:
        url = proc.stdout.readline().split()[2]
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=args.chromium, headless=True, args=[
                "--disable-gpu", "--disable-background-networking", "--no-first-run"])
            page = browser.new_page(viewport={"width": 1280, "height": 900})
            page.add_init_script(PAINTED)
            page.goto(url)
            times = []
            for i in range(args.runs):
                page.wait_for_timeout(300)  # a save, not a burst; the event stream is open
                want = f"{273497 + i + 1:,}"
                start = time.time() * 1000
                spec.write_text(text.replace("amount: 273497", f"amount: {273497 + i + 1}"),
                                encoding="utf-8")
                # An editor's save in place can be seen half-written: that is a version too (shown
                # as problems), so wait for the page with the new figure and take its paint.
                while True:
                    try:
                        painted = page.evaluate("(want) => document.body && document.body.innerText"
                                                ".includes(want) ? window.pcdPainted || null : null", want)
                    except Error:  # the page is being replaced
                        painted = None
                    if painted:
                        break
                    time.sleep(0.005)
                times.append(painted - start)
            browser.close()
        print(f"save → repaint in Chromium, 1843, {args.runs} saves: median "
              f"{statistics.median(times):.0f} ms (min {min(times):.0f}, max {max(times):.0f})")
    finally:
        proc.terminate()
        proc.wait()
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
