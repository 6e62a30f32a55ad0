"""Calendar arithmetic shared by the calendar rules (`eventwire.extraction.calendar_rules`):
the resolved-value type, month spans, calendar units counted from a day, windows up to a
day and TimeML durations.
"""

from __future__ import annotations

import calendar
from datetime import date, timedelta

from eventwire.extraction import timex as tx

#: A TIMEX3-style value with the first and last day it covers (None when unknown).
Resolved = tuple[str, date | None, date | None]


def month_span(year: int, month: int, part: str | None) -> tuple[date, date]:
    """The first and last day of a month, or of the part of it `part` names ("early")."""
    end = calendar.monthrange(year, month)[1]
    low, high = tx.PART_DAYS.get(part or "", (1, end))
    return date(year, month, low), date(year, month, min(high, end))


def calendar_unit(published: date, unit: str, offset: int) -> Resolved:
    """The calendar week, month or year `offset` units from the one holding `published`."""
    if unit == "week":
        monday = published - timedelta(days=published.weekday()) + timedelta(weeks=offset)
        year, week, _ = monday.isocalendar()
        return f"{year}-W{week:02d}", monday, monday + timedelta(days=6)
    if unit == "month":
        year, month = add_months(published, offset)
        first, last = month_span(year, month, None)
        return f"{year}-{month:02d}", first, last
    if unit == "quarter":
        year, month = add_months(published, 3 * offset)
        quarter = (month - 1) // 3 + 1
        first = date(year, 3 * quarter - 2, 1)
        return f"{year}-Q{quarter}", first, month_span(year, 3 * quarter, None)[1]
    year = published.year + offset * (10 if unit == "decade" else 1)
    return str(year), date(year, 1, 1), date(year, 12, 31)


def add_months(day: date, months: int) -> tuple[int, int]:
    """The (year, month) `months` calendar months after the month of `day` (before if < 0)."""
    year, month = divmod(day.year * 12 + day.month - 1 + months, 12)
    return year, month + 1


def window(published: date, unit: str, count: int) -> Resolved:
    """The last `count` units up to publication; the value is the duration ("P9D")."""
    if unit in {"month", "quarter", "year", "decade"}:
        months = count * {"month": 1, "quarter": 3, "year": 12, "decade": 120}[unit]
        year, month = add_months(published, -months)
        first = date(year, month, min(published.day, calendar.monthrange(year, month)[1]))
    else:
        first = published - timedelta(days=count * (7 if unit == "week" else 1))
    return duration_value(unit, count), first, published


def year_before(day: date) -> date:
    try:
        return day.replace(year=day.year - 1)
    except ValueError:  # February 29
        return day.replace(year=day.year - 1, day=28)


def duration_value(unit: str, count: int) -> str:
    """The TimeML value of a duration: P3D, P2W, P6M, P10Y (a decade is ten years)."""
    if unit == "decade":
        return f"P{10 * count}Y"
    if unit == "quarter":
        return f"P{3 * count}M"
    return f"P{count}{unit[0].upper()}"
