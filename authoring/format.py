"""The one way to write money, percentages and dates: babel, en_GB."""

from __future__ import annotations

import datetime as dt
import functools
from decimal import ROUND_HALF_UP, Decimal

LOCALE = "en_GB"
PENNY = Decimal("0.01")


def quantise(amount: Decimal) -> Decimal:
    return amount.quantize(PENNY, rounding=ROUND_HALF_UP)


def money(amount: Decimal) -> str:
    """£273,497 for whole pounds; £273,497.50 otherwise."""
    from babel.numbers import format_currency

    amount = quantise(amount)
    pattern = "¤#,##0" if amount == amount.to_integral_value() else "¤#,##0.00"
    return format_currency(amount, "GBP", format=pattern, locale=LOCALE, currency_digits=False)


def number(amount: Decimal, pence: bool = False) -> str:
    """273,497 — for table cells whose column header says £; with pence when asked, so a
    column with some pence shows them on every line."""
    from babel.numbers import format_decimal

    amount = quantise(amount)
    pattern = "#,##0" if amount == amount.to_integral_value() and not pence else "#,##0.00"
    return format_decimal(amount, format=pattern, locale=LOCALE)


def millions(amount: Decimal) -> str:
    """£2.1 million, £1.125 million — the house style's form for large round figures: exact to
    the thousand pounds (three places), rounded half up beyond it."""
    from babel.numbers import format_decimal

    shown = (amount / 1_000_000).quantize(Decimal("0.001"), rounding=ROUND_HALF_UP)
    return "£" + format_decimal(shown, format="#,##0.###", locale=LOCALE) + " million"


def percent(value: Decimal, places: int = 1) -> str:
    """34.3% — to at most `places` decimal places, rounded half up."""
    from babel.numbers import format_decimal

    value = value.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)
    return format_decimal(value, format="#,##0." + "#" * places if places else "#,##0",
                          locale=LOCALE) + "%"


@functools.lru_cache(maxsize=4096)  # babel takes ~0.1 ms a date; a site's lists repeat them
def date(value: dt.date) -> str:
    """31 March 2026."""
    from babel.dates import format_date

    return format_date(value, "d MMMM y", locale=LOCALE)


def short_date(value: dt.date) -> str:
    """31/03/2026."""
    return value.strftime("%d/%m/%Y")
