"""How soon `pcd serve` shows a save: from writing the spec to having the new page in hand.

    python benchmarks/serve_latency.py [--runs 15]

Starts a real server on 1843, holds an event stream open as the browser does, then for each run
changes one amount, waits for the new version's event and fetches the page. Prints the median
and the spread, in milliseconds.
"""

from __future__ import annotations

import argparse
import http.client
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--runs", type=int, default=15)
    runs = ap.parse_args().runs
    work = Path(tempfile.mkdtemp())
    spec = work / "1843.yaml"
    shutil.copy(ROOT / "decisions" / "1843.yaml", spec)
    text = spec.read_text(encoding="utf-8")
    proc = subprocess.Popen([sys.executable, "-m", "authoring", "serve", str(spec), "--port", "0"],
                            cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    try:
        host, port = proc.stdout.readline().split()[2].split("//")[1].rstrip("/").split(":")
        events = http.client.HTTPConnection(host, int(port), timeout=30)
        events.request("GET", "/__pcd/events")
        stream = events.getresponse()
        stream.readline(), stream.readline()  # the version shown now
        page = http.client.HTTPConnection(host, int(port), timeout=30)
        times = []
        for i in range(runs):
            time.sleep(0.2)  # a save, not a burst
            want = f"{273497 + i + 1:,}".encode()
            start = time.perf_counter()
            spec.write_text(text.replace("amount: 273497", f"amount: {273497 + i + 1}"), encoding="utf-8")
            # An editor's save in place can be seen half-written: that is a version too (shown
            # as an error), so follow the events until the page with the new figure is in hand.
            while True:
                if not stream.readline().startswith(b"data: "):
                    continue
                page.request("GET", "/")
                if want in page.getresponse().read():
                    break
            times.append((time.perf_counter() - start) * 1000)
        print(f"save → new page in hand, 1843, {runs} saves: median {statistics.median(times):.0f} ms "
              f"(min {min(times):.0f}, max {max(times):.0f})")
    finally:
        proc.terminate()
        proc.wait()
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
