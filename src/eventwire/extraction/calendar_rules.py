"""Calendar rules: the interval of days a time expression denotes, given the publication date.

`eventwire.extraction.dates` calls `resolve_timex` and turns its answer into a `DateMention`.
The rules:

- A date without a year (or a month, a season) follows the tense of its clause. In a
  past-tense or perfect clause ("attacked on Oct. 7", "has held talks since March") it is
  the latest such date on or before publication (one day of grace for time zones); when
  the verb points forward it is the first such date on or after publication. With no
  tense known (plain text, a present or nominal clause) it takes the year that puts it
  nearest publication, counting a distance into the future double (news mostly reports
  what happened): "December 28" in a January article is last year's, "September 5" in
  an August one this year's. (A stronger lean to the past loses future clauses the
  parse does not mark, e.g. "a hearing will be held on September 6" in plain text, on
  the ESC benchmark.)
- A weekday is the latest such day on or before publication, the publication day itself
  included; when the verb points forward ("will meet on Friday", "plans to vote on
  Friday", "meets on Friday") it is the first one on or after publication (news style
  names the publication day itself for "today": "the council will meet Thursday" in a
  Thursday paper). "last"/"next" always step back or on ("next Thursday" is a week on).
- Without a publication date only expressions that name their year resolve; the others
  get no interval and an X-filled value ("XXXX-07-31").
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from datetime import date, timedelta

from eventwire.extraction import timex as tx
from eventwire.extraction.calendar_units import (
    Resolved,
    calendar_unit,
    duration_value,
    month_span,
    window,
    year_before,
)
from eventwire.extraction.timex import Timex

#: The tense of the clause a date belongs to ("" when unknown).
FUTURE, PAST = "future", "past"
#: The value of an expression of each unit that cannot be placed (no publication date).
UNKNOWN_VALUES = {"day": "XXXX-XX-XX", "week": "XXXX-WXX", "weekend": "XXXX-WXX-WE"}
UNKNOWN_VALUES |= {"month": "XXXX-XX", "quarter": "XXXX-QX", "year": "XXXX", "decade": "XXXX"}
#: How much more a forward distance counts than a backward one when the tense is unknown.
_FORWARD_WEIGHT = 2
#: Days after publication a past event may still fall on (the writer's time zone).
_GRACE = timedelta(days=1)


def resolve_timex(
    timex: Timex, *, published: date | None, future: bool = False, past: bool = False
) -> Resolved:
    """The value and interval of `timex`; raises ValueError if it names no real day (Feb 30).

    `future` says the governing verb points forward: weekdays, weekends, seasons and
    dates without a year then resolve to their next occurrence. `past` says the clause is
    past or perfect: dates without a year, months and seasons then resolve to the latest
    occurrence that has begun by publication. `future` wins when both are set.
    """
    return _resolve(timex, published, FUTURE if future else PAST if past else "")


def _resolve(t: Timex, published: date | None, tense: str) -> Resolved:
    if t.kind == "range":
        return _range_date(t, published, tense)
    if t.kind == "since":
        return _since_date(t, published, tense)
    return _RESOLVERS[t.kind](t, published, tense)


def _range_date(t: Timex, published: date | None, tense: str) -> Resolved:
    first, second = t.parts
    # "between May 2 and May 5, 2024": a year on one end applies to the other.
    if first.year is None and second.year is not None and first.month:
        first = replace(first, year=second.year - (first.month > (second.month or 12)))
    if second.year is None and first.year is not None and second.month:
        second = replace(second, year=first.year + (second.month < (first.month or 1)))
    v1, s1, _ = _resolve(first, published, tense)
    v2, _, e2 = _resolve(second, published, tense)
    if s1 is None or e2 is None:
        return f"{v1}/{v2}", None, None
    return f"{v1}/{v2}", min(s1, e2), max(s1, e2)


def _since_date(t: Timex, published: date | None, tense: str) -> Resolved:
    anchor = t.parts[0]
    value, first, last = _resolve(anchor, published, tense)
    if first is not None and published is not None and first > published and anchor.month:
        # "since October 7" looks back: take the last such date before publication.
        anchor = replace(anchor, year=first.year - 1)
        value, first, last = _resolve(anchor, published, tense)
    if first is None:
        return f"{value}/PRESENT_REF", None, None
    if published is not None and first <= published:
        return f"{value}/{published.isoformat()}", first, published
    return f"{value}/PRESENT_REF", first, last


def _distance(first: date, last: date, published: date, tense: str) -> float:
    """How far an interval lies from publication, in days, weighted by the clause's tense.

    Future: only intervals ending on or after publication count. Past: only those that
    have begun by publication (plus a day of grace); the latest wins. Unknown: forward
    distances count `_FORWARD_WEIGHT` times.
    """
    if tense == PAST:
        return (published - first).days if first <= published + _GRACE else float("inf")
    if first <= published <= last:
        return 0
    if tense == FUTURE:
        return (first - published).days if first > published else float("inf")
    if last < published:
        return (published - last).days
    return _FORWARD_WEIGHT * (first - published).days


def _nearest_year(
    published: date, tense: str, span: Callable[[int], tuple[date, date]], *, back: int = 1
) -> int:
    """The year (around publication) whose `span(year)` lies nearest, ties to the earlier."""
    best: tuple[float, int] | None = None
    for year in range(published.year - back, published.year + 2):
        try:
            first, last = span(year)
        except ValueError:  # February 29 in a common year
            continue
        score = _distance(first, last, published, tense)
        if best is None or score < best[0]:
            best = (score, year)
    if best is None or best[0] == float("inf"):
        raise ValueError("no such date near the publication date")
    return best[1]


def _full_year(short: int, published: date | None, *, ahead: int = 0) -> int:
    """The year of a two-digit year ("'82", "7/8/07"): the latest one ending in those digits
    that is at most `ahead` years after publication (without one, 1951-2050)."""
    latest = (published.year if published else 2050 - ahead) + ahead
    return latest - (latest - short) % 100


def _day_date(t: Timex, published: date | None, tense: str) -> Resolved:
    if t.short_year is not None:  # "7/8/07"; a date may be set a few years ahead
        t = replace(t, year=_full_year(t.short_year, published, ahead=5), short_year=None)
    month, day = t.month or 1, t.day or 1
    last_day = t.day2 or day

    def span(year: int) -> tuple[date, date]:
        return date(year, month, day), date(year, month, last_day)

    if t.year is not None:
        first, last = span(t.year)
    elif published is None:
        return f"XXXX-{month:02d}-{day:02d}", None, None
    else:
        first, last = span(_nearest_year(published, tense, span))
    value = first.isoformat() if first == last else f"{first.isoformat()}/{last.isoformat()}"
    return value, first, last


def _month_date(t: Timex, published: date | None, tense: str) -> Resolved:
    month = t.month or 1
    year = t.year
    if year is None and published is not None:
        year = _month_year(t, month, published, tense)
    if year is None:
        return f"XXXX-{month:02d}", None, None
    first, last = month_span(year, month, t.part)
    return f"{year}-{month:02d}", first, last


def _month_year(t: Timex, month: int, published: date, tense: str) -> int:
    now = published.year
    if t.unit == "year":  # "September last year", "March this year"
        return now + {"last": -1, "next": 1}.get(t.modifier or "", 0)
    if t.modifier in {"last", "previous", "past"}:
        return now if month < published.month else now - 1
    if t.modifier in {"next", "coming"}:
        return now if month > published.month else now + 1
    if t.modifier == "this":
        return now
    return _nearest_year(published, tense, lambda y: month_span(y, month, t.part))


def _year_date(t: Timex, published: date | None, tense: str) -> Resolved:
    year = t.year or (_full_year(t.short_year, published, ahead=5) if t.short_year else 1)
    first_month, last_month = {"early": (1, 4), "mid": (5, 8), "late": (9, 12)}.get(
        t.part or "", (1, 12)
    )
    return str(year), date(year, first_month, 1), month_span(year, last_month, None)[1]


def _decade_date(t: Timex, published: date | None, tense: str) -> Resolved:
    # "the '90s": the latest such decade that has begun by publication
    start = t.year // 10 * 10 if t.year is not None else _full_year(t.short_year or 0, published)
    low, high = {"early": (0, 3), "mid": (3, 6), "late": (6, 9)}.get(t.part or "", (0, 9))
    return f"{start // 10}X", date(start + low, 1, 1), date(start + high, 12, 31)


def _season_date(t: Timex, published: date | None, tense: str) -> Resolved:
    code, first_month, last_month = tx.SEASONS[t.season or "summer"]
    assert isinstance(first_month, int) and isinstance(last_month, int)

    def span(year: int) -> tuple[date, date]:
        end_year = year + (last_month < first_month)  # winter runs into the next year
        return date(year, first_month, 1), month_span(end_year, last_month, None)[1]

    year = t.year
    if year is None and published is not None:
        year = _season_year(t.modifier, published, tense, span)
    if year is None:
        return f"XXXX-{code}", None, None
    first, last = span(year)
    return f"{year}-{code}", first, last


def _season_year(
    modifier: str | None, published: date, tense: str, span: Callable[[int], tuple[date, date]]
) -> int:
    """The year of "this/last/next summer" or a bare "the summer" around publication."""
    if modifier == "this":  # this year's, ended or not; in January "this winter" began in December
        previous = span(published.year - 1)
        return published.year - (previous[0] <= published <= previous[1])
    if modifier == "last":  # the latest that has ended
        return next(
            y for y in range(published.year, published.year - 3, -1) if span(y)[1] < published
        )
    if modifier == "next":  # the first that has not begun
        return next(
            y for y in range(published.year - 1, published.year + 2) if span(y)[0] > published
        )
    return _nearest_year(published, tense, span, back=2)


def _quarter_date(t: Timex, published: date | None, tense: str) -> Resolved:
    quarter = t.quarter or 1

    def span(year: int) -> tuple[date, date]:
        return date(year, 3 * quarter - 2, 1), month_span(year, 3 * quarter, None)[1]

    year = t.year
    if year is None and published is not None:
        if t.unit == "year":  # "the first quarter of last year"
            year = published.year + {"last": -1, "next": 1}.get(t.modifier or "", 0)
        else:
            year = _nearest_year(published, tense, span)
    if year is None:
        return f"XXXX-Q{quarter}", None, None
    first, last = span(year)
    return f"{year}-Q{quarter}", first, last


def _weekday_date(t: Timex, published: date | None, tense: str) -> Resolved:
    weekday = t.weekday or 0
    if published is None:
        return f"XXXX-WXX-{weekday + 1}", None, None
    back = (published.weekday() - weekday) % 7  # days back to the latest on or before
    ahead = (weekday - published.weekday()) % 7  # days on to the first on or after
    if t.modifier == "last":
        day = published - timedelta(days=back or 7)
    elif t.modifier == "next":
        day = published + timedelta(days=ahead or 7)
    elif tense == FUTURE:  # news style names the publication day itself for "today"
        day = published + timedelta(days=ahead)
    else:
        day = published - timedelta(days=back)
    return day.isoformat(), day, day


def _weekend_date(t: Timex, published: date | None, tense: str) -> Resolved:
    if published is None:
        return UNKNOWN_VALUES["weekend"], None, None
    saturday = published - timedelta(days=(published.weekday() - 5) % 7)
    in_weekend = published.weekday() >= 5
    if t.modifier in {"last", "previous", "past"} and in_weekend:
        saturday -= timedelta(days=7)
    elif t.modifier in {"next", "coming"} or (tense == FUTURE and not in_weekend):
        saturday += timedelta(days=7)
    year, week, _ = saturday.isocalendar()
    return f"{year}-W{week:02d}-WE", saturday, saturday + timedelta(days=1)


def _dayrel_date(t: Timex, published: date | None, tense: str) -> Resolved:
    words = t.text.lower()
    if "before yesterday" in words:
        offsets = (-2, -2)
    elif "after tomorrow" in words:
        offsets = (2, 2)
    elif "yesterday" in words or "last night" in words:
        offsets = (-1, -1)
    elif "tomorrow" in words:
        offsets = (1, 1)
    elif "overnight" in words:  # the night before publication, into its morning
        offsets = (-1, 0)
    else:
        offsets = (0, 0)
    if published is None:
        return UNKNOWN_VALUES["day"], None, None
    first, last = (published + timedelta(days=n) for n in offsets)
    return first.isoformat(), first, last


def _unitrel_date(t: Timex, published: date | None, tense: str) -> Resolved:
    unit = t.unit or "week"
    if unit == "weekend":
        return _weekend_date(t, published, tense)
    if published is None:
        return UNKNOWN_VALUES[unit], None, None
    offset = {"last": -1, "previous": -1, "next": 1, "coming": 1}.get(t.modifier or "", 0)
    if t.modifier == "past" or (unit == "decade" and offset < 0):
        return window(published, unit, 1)  # "the past week", "the last decade": up to now
    if unit == "decade":  # "this decade", "the next decade": a calendar decade
        start = (published.year // 10 + offset) * 10
        return f"{start // 10}X", date(start, 1, 1), date(start + 9, 12, 31)
    value, first, last = calendar_unit(published, unit, offset)
    if t.modifier == "earlier":
        last = published
    elif t.modifier == "later":
        first = published
    return value, first, last


def _past_date(t: Timex, published: date | None, tense: str) -> Resolved:
    if published is None:
        return "PAST_REF", None, None
    return window(published, t.unit or "day", t.count or 1)


def _ago_date(t: Timex, published: date | None, tense: str) -> Resolved:
    unit, count = t.unit or "day", t.count or 1
    if published is None:
        return UNKNOWN_VALUES[unit], None, None
    if unit == "day":
        day = published - timedelta(days=count)
        return day.isoformat(), day, day
    if unit == "week":
        return calendar_unit(published - timedelta(weeks=count), "week", 0)
    return calendar_unit(published, unit, -count)


def _anaphor_date(t: Timex, anchor: date | None, tense: str) -> Resolved:
    """The unit an anaphor names, counted from `anchor` (the date the text is talking
    about; the caller passes it in place of the publication date)."""
    unit = t.unit or "day"
    if anchor is None:
        return UNKNOWN_VALUES[unit], None, None
    if t.modifier == "year before":  # "the same month last year"
        anchor = year_before(anchor)
    offset = {"previous": -1, "next": 1}.get(t.modifier or "", 0)
    if unit == "day":
        day = anchor + timedelta(days=offset)
        return day.isoformat(), day, day
    return calendar_unit(anchor, unit, offset)


def _duration_date(t: Timex, published: date | None, tense: str) -> Resolved:
    """How long ("for six years"): a value, no interval."""
    return duration_value(t.unit or "day", t.count or 1), None, None


def _ref_date(t: Timex, published: date | None, tense: str) -> Resolved:
    words = t.text.lower()
    if any(w in words for w in ("future", "soon", "term", "coming")):
        return "FUTURE_REF", None, None
    if any(w in words for w in ("recent", "past", "previous", "formerly")):
        return "PAST_REF", None, None
    return "PRESENT_REF", published, published


_RESOLVERS: dict[str, Callable[[Timex, date | None, str], Resolved]] = {
    "iso": _day_date,
    "numeric": _day_date,
    "date": _day_date,
    "dayrange": _day_date,
    "month": _month_date,
    "year": _year_date,
    "decade": _decade_date,
    "season": _season_date,
    "quarter": _quarter_date,
    "weekday": _weekday_date,
    "dayrel": _dayrel_date,
    "ago": _ago_date,
    "past": _past_date,
    "unitrel": _unitrel_date,
    "anaphor": _anaphor_date,
    "duration": _duration_date,
    "ref": _ref_date,
}
