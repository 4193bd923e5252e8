"""Build time for stamps, and byte-identical ZIP packages (SOURCE_DATE_EPOCH honoured)."""

from __future__ import annotations

import datetime as dt
import io
import os
import zipfile

EPOCH_1980 = 315532800  # the earliest time a ZIP entry can hold


def build_time() -> dt.datetime:
    """SOURCE_DATE_EPOCH when set (reproducible builds), else 1980-01-01: never the wall clock."""
    raw = os.environ.get("SOURCE_DATE_EPOCH", "")
    seconds = int(raw) if raw.isdigit() else EPOCH_1980
    return dt.datetime.fromtimestamp(max(seconds, EPOCH_1980), dt.timezone.utc).replace(tzinfo=None)


def today() -> dt.date:
    """The date publication is judged against: SOURCE_DATE_EPOCH when set, else the real date."""
    raw = os.environ.get("SOURCE_DATE_EPOCH", "")
    if raw.isdigit():
        return dt.datetime.fromtimestamp(int(raw), dt.timezone.utc).date()
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
