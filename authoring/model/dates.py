"""Calendar arithmetic for contract terms."""

from __future__ import annotations

import calendar
import datetime as dt


def add_months(start: dt.date, months: int) -> dt.date:
    """Add calendar months; a term that ends on a month's last day ends on the last day again.

    Six months from 30 September 2025 is 31 March 2026, as a contract officer counts it.
    """
    month0 = start.month - 1 + months
    year, month = start.year + month0 // 12, month0 % 12 + 1
    last = calendar.monthrange(year, month)[1]
    if start.day == calendar.monthrange(start.year, start.month)[1]:
        return dt.date(year, month, last)
    return dt.date(year, month, min(start.day, last))
