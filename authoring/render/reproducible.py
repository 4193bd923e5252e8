"""Build time for stamps, and byte-identical ZIP packages (SOURCE_DATE_EPOCH honoured)."""

from __future__ import annotations

import datetime as dt
import io
import os
import zipfile

def _source_date() -> dt.datetime | None:
    raw = os.environ.get("SOURCE_DATE_EPOCH", "")
    if not raw.isdigit():
        return None
    return dt.datetime.fromtimestamp(int(raw), dt.timezone.utc).replace(tzinfo=None)


def build_time() -> dt.datetime:
    """SOURCE_DATE_EPOCH when set (reproducible builds), else 1980-01-01: never the wall clock."""
    floor = dt.datetime(1980, 1, 1)  # the earliest time a ZIP entry can hold
    return max(_source_date() or floor, floor)


def today() -> dt.date:
    """The date publication is judged against: the real date, never SOURCE_DATE_EPOCH, which
    stamps files and is often a commit's time (a forged one must not publish a deferred paper)."""
    return dt.date.today()


def normalise_zip(data: bytes) -> bytes:
    """Rewrite a ZIP with fixed entry times and attributes, in the same entry order."""
    stamp = build_time().timetuple()[:6]
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w") as dst:
        for info in src.infolist():
            fixed = zipfile.ZipInfo(info.filename, date_time=stamp)
            fixed.compress_type = zipfile.ZIP_DEFLATED
            fixed.external_attr = 0o644 << 16
            fixed.create_system = 0
            dst.writestr(fixed, src.read(info.filename), compresslevel=6)
    return out.getvalue()
