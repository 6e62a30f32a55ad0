"""Dates: resolve time expressions against the publication date and date each event.

`eventwire.extract.timex` finds the expressions; this module resolves them, runs as the
spaCy component `eventwire_dates` (setting `doc._.times`) and picks the date of an event
(`date_for_event`). The resolution rules:

- A date without a year takes the year that puts it nearest the publication date,
  counting a distance into the future double (news mostly reports what happened):
  "December 28" in a January article is last year's, "September 5" in an August one this
  year's. When the verb points forward it is the first such date on or after publication.
- A weekday is the latest such day on or before publication, the publication day itself
  included; when the verb points forward ("will meet on Friday", "plans to vote on
  Friday", "meets on Friday") it is the first one on or after publication (news style
  names the publication day itself for "today": "the council will meet Thursday" in a
  Thursday paper). "last"/"next" always step back or on ("next Thursday" is a week on).
- Precision follows the length of the interval: 1 day → day, up to 10 days → week (last
  week, early July, over the weekend), up to 31 → month, longer → year (decades too).
- Basis: "explicit" when the words name the month or year ("July 31", "in 2014"),
  "relative" when only the publication date gives the day ("Thursday", "last week").
  Without a publication date only expressions that name their year resolve; the others
  get null dates, basis "unknown" and an X-filled value ("XXXX-07-31").
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Callable
from dataclasses import replace
from datetime import date, datetime, timedelta

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from eventwire.extract import timex as tx
from eventwire.extract.mentions import TimeMention
from eventwire.extract.timex import Timex, find_timexes
from eventwire.records import DateMention

Resolved = tuple[str, date | None, date | None]
#: Kinds whose words name the calendar date themselves.
_EXPLICIT_KINDS = {"iso", "date", "dayrange", "month", "year", "decade"}
_UNKNOWN_VALUES = {"day": "XXXX-XX-XX", "week": "XXXX-WXX", "weekend": "XXXX-WXX-WE"}
_UNKNOWN_VALUES |= {"month": "XXXX-XX", "year": "XXXX", "decade": "XXXX"}
_FUTURE_AUX = set(tx._WORDS["future_auxiliaries"])
_FUTURE_GOVERNORS = set(tx._WORDS["future_governors"])
_FUTURE_PREDICATES = set(tx._WORDS["future_predicates"])
_REPORTING = set(tx._WORDS["reporting_verbs"])
_PARAGRAPH_BREAK = re.compile(r"\n[ \t\r\f\v]*\n")
_VERBAL = {"VERB", "AUX"}


# --- resolution -------------------------------------------------------------------


def resolve(timex: Timex, *, published: date | None, future: bool = False) -> DateMention | None:
    """The `DateMention` a time expression denotes; None if it names no real day (Feb 30).

    `future` says the governing verb points forward: weekdays, weekends, seasons and
    dates without a year then resolve to their next occurrence.
    """
    try:
        value, first, last = _resolve(timex, published, future)
    except ValueError:
        return None
    if first is None or last is None:
        precision, basis, first, last = "unknown", "unknown", None, None
    else:
        precision = precision_of(first, last)
        basis = "explicit" if _is_explicit(timex) else "relative"
    return DateMention(timex.start, timex.end, timex.text, value, first, last, precision, basis)


def resolve_dates(text: str, *, published: date | None) -> list[DateMention]:
    """Every time expression in `text`, resolved against `published` (past reading)."""
    resolved = (resolve(t, published=published) for t in find_timexes(text))
    return [m for m in resolved if m is not None]


def precision_of(first: date, last: date) -> str:
    """day / week (up to 10 days) / month (up to 31) / year, from an interval's length."""
    days = (last - first).days + 1
    return "day" if days <= 1 else "week" if days <= 10 else "month" if days <= 31 else "year"


def is_historical(mention: DateMention, published: date | None) -> bool:
    """Whether the interval ended more than a year (365 days) before publication."""
    if published is None or mention.enddate is None:
        return False
    return (_as_date(published) - mention.enddate).days > 365


def _is_explicit(timex: Timex) -> bool:
    if timex.parts:
        return all(_is_explicit(p) for p in timex.parts)
    return timex.kind in _EXPLICIT_KINDS or (timex.kind == "season" and timex.year is not None)


def _resolve(t: Timex, published: date | None, future: bool) -> Resolved:
    if t.kind == "range":
        return _range_date(t, published, future)
    if t.kind == "since":
        return _since_date(t, published, future)
    return _RESOLVERS[t.kind](t, published, future)


def _range_date(t: Timex, published: date | None, future: bool) -> Resolved:
    first, second = t.parts
    # "between May 2 and May 5, 2024": a year on one end applies to the other.
    if first.year is None and second.year is not None and first.month:
        first = replace(first, year=second.year - (first.month > (second.month or 12)))
    if second.year is None and first.year is not None and second.month:
        second = replace(second, year=first.year + (second.month < (first.month or 1)))
    v1, s1, _ = _resolve(first, published, future)
    v2, _, e2 = _resolve(second, published, future)
    if s1 is None or e2 is None:
        return f"{v1}/{v2}", None, None
    return f"{v1}/{v2}", min(s1, e2), max(s1, e2)


def _since_date(t: Timex, published: date | None, future: bool) -> Resolved:
    anchor = t.parts[0]
    value, first, last = _resolve(anchor, published, future)
    if first is not None and published is not None and first > published and anchor.month:
        # "since October 7" looks back: take the last such date before publication.
        anchor = replace(anchor, year=first.year - 1)
        value, first, last = _resolve(anchor, published, future)
    if first is None:
        return f"{value}/PRESENT_REF", None, None
    if published is not None and first <= published:
        return f"{value}/{published.isoformat()}", first, published
    return f"{value}/PRESENT_REF", first, last


def _distance(first: date, last: date, published: date, future: bool) -> float:
    """How far an interval lies from publication; forward distances count double."""
    if first <= published <= last:
        return 0
    if future:
        return (first - published).days if first > published else float("inf")
    return (published - last).days if last < published else 2 * (first - published).days


def _nearest_year(
    published: date, future: bool, span: Callable[[int], tuple[date, date]], *, back: int = 1
) -> int:
    """The year (around publication) whose `span(year)` lies nearest, ties to the earlier."""
    best: tuple[float, int] | None = None
    for year in range(published.year - back, published.year + 2):
        try:
            first, last = span(year)
        except ValueError:  # February 29 in a common year
            continue
        score = _distance(first, last, published, future)
        if best is None or score < best[0]:
            best = (score, year)
    if best is None:
        raise ValueError("no such date near the publication date")
    return best[1]


def _month_span(year: int, month: int, part: str | None) -> tuple[date, date]:
    end = calendar.monthrange(year, month)[1]
    low, high = tx.PART_DAYS.get(part or "", (1, end))
    return date(year, month, low), date(year, month, min(high, end))


def _day_date(t: Timex, published: date | None, future: bool) -> Resolved:
    month, day = t.month or 1, t.day or 1
    last_day = t.day2 or day

    def span(year: int) -> tuple[date, date]:
        return date(year, month, day), date(year, month, last_day)

    if t.year is not None:
        first, last = span(t.year)
    elif published is None:
        return f"XXXX-{month:02d}-{day:02d}", None, None
    else:
        first, last = span(_nearest_year(published, future, span))
    value = first.isoformat() if first == last else f"{first.isoformat()}/{last.isoformat()}"
    return value, first, last


def _month_date(t: Timex, published: date | None, future: bool) -> Resolved:
    month = t.month or 1
    year = t.year
    if year is None and published is not None:
        year = _month_year(t, month, published, future)
    if year is None:
        return f"XXXX-{month:02d}", None, None
    first, last = _month_span(year, month, t.part)
    return f"{year}-{month:02d}", first, last


def _month_year(t: Timex, month: int, published: date, future: bool) -> int:
    now = published.year
    if t.unit == "year":  # "September last year", "March this year"
        return now + {"last": -1, "next": 1}.get(t.modifier or "", 0)
    if t.modifier in {"last", "previous", "past"}:
        return now if month < published.month else now - 1
    if t.modifier in {"next", "coming"}:
        return now if month > published.month else now + 1
    if t.modifier == "this":
        return now
    return _nearest_year(published, future, lambda y: _month_span(y, month, t.part))


def _year_date(t: Timex, published: date | None, future: bool) -> Resolved:
    year = t.year or 1
    first_month, last_month = {"early": (1, 4), "mid": (5, 8), "late": (9, 12)}.get(
        t.part or "", (1, 12)
    )
    return str(year), date(year, first_month, 1), _month_span(year, last_month, None)[1]


def _decade_date(t: Timex, published: date | None, future: bool) -> Resolved:
    if t.year is not None:
        start = t.year // 10 * 10
    else:  # "the '90s": the latest such decade that has begun by publication
        two = t.day or 0
        start = 2000 + two if published and 2000 + two <= published.year else 1900 + two
    low, high = {"early": (0, 3), "mid": (3, 6), "late": (6, 9)}.get(t.part or "", (0, 9))
    return f"{start // 10}X", date(start + low, 1, 1), date(start + high, 12, 31)


def _season_date(t: Timex, published: date | None, future: bool) -> Resolved:
    code, first_month, last_month = tx.SEASONS[t.season or "summer"]
    assert isinstance(first_month, int) and isinstance(last_month, int)

    def span(year: int) -> tuple[date, date]:
        end_year = year + (last_month < first_month)  # winter runs into the next year
        return date(year, first_month, 1), _month_span(end_year, last_month, None)[1]

    year = t.year
    if year is None and published is not None:
        year = _season_year(t.modifier, published, future, span)
    if year is None:
        return f"XXXX-{code}", None, None
    first, last = span(year)
    return f"{year}-{code}", first, last


def _season_year(
    modifier: str | None, published: date, future: bool, span: Callable[[int], tuple[date, date]]
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
    return _nearest_year(published, future, span, back=2)


def _weekday_date(t: Timex, published: date | None, future: bool) -> Resolved:
    weekday = t.weekday or 0
    if published is None:
        return f"XXXX-WXX-{weekday + 1}", None, None
    back = (published.weekday() - weekday) % 7  # days back to the latest on or before
    ahead = (weekday - published.weekday()) % 7  # days on to the first on or after
    if t.modifier == "last":
        day = published - timedelta(days=back or 7)
    elif t.modifier == "next":
        day = published + timedelta(days=ahead or 7)
    elif future:  # news style names the publication day itself for "today"
        day = published + timedelta(days=ahead)
    else:
        day = published - timedelta(days=back)
    return day.isoformat(), day, day


def _weekend_date(t: Timex, published: date | None, future: bool) -> Resolved:
    if published is None:
        return _UNKNOWN_VALUES["weekend"], None, None
    saturday = published - timedelta(days=(published.weekday() - 5) % 7)
    in_weekend = published.weekday() >= 5
    if t.modifier in {"last", "previous", "past"} and in_weekend:
        saturday -= timedelta(days=7)
    elif t.modifier in {"next", "coming"} or (future and not in_weekend):
        saturday += timedelta(days=7)
    year, week, _ = saturday.isocalendar()
    return f"{year}-W{week:02d}-WE", saturday, saturday + timedelta(days=1)


def _dayrel_date(t: Timex, published: date | None, future: bool) -> Resolved:
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
        return _UNKNOWN_VALUES["day"], None, None
    first, last = (published + timedelta(days=n) for n in offsets)
    return first.isoformat(), first, last


def _calendar_unit(published: date, unit: str, offset: int) -> Resolved:
    """The calendar week, month or year `offset` units from the one holding `published`."""
    if unit == "week":
        monday = published - timedelta(days=published.weekday()) + timedelta(weeks=offset)
        year, week, _ = monday.isocalendar()
        return f"{year}-W{week:02d}", monday, monday + timedelta(days=6)
    if unit == "month":
        index = published.year * 12 + published.month - 1 + offset
        year, month = divmod(index, 12)
        first, last = _month_span(year, month + 1, None)
        return f"{year}-{month + 1:02d}", first, last
    year = published.year + offset * (10 if unit == "decade" else 1)
    return str(year), date(year, 1, 1), date(year, 12, 31)


def _unitrel_date(t: Timex, published: date | None, future: bool) -> Resolved:
    unit = t.unit or "week"
    if unit == "weekend":
        return _weekend_date(t, published, future)
    if published is None:
        return _UNKNOWN_VALUES[unit], None, None
    if t.modifier == "past":  # "the past week": a window ending at publication
        return _window(published, unit, 1)
    offset = {"last": -1, "previous": -1, "next": 1, "coming": 1}.get(t.modifier or "", 0)
    value, first, last = _calendar_unit(published, unit, offset)
    if t.modifier == "earlier":
        last = published
    elif t.modifier == "later":
        first = published
    return value, first, last


def _window(published: date, unit: str, count: int) -> Resolved:
    if unit in {"month", "year"}:
        months = count * (12 if unit == "year" else 1)
        index = published.year * 12 + published.month - 1 - months
        year, month = divmod(index, 12)
        first = date(year, month + 1, min(published.day, calendar.monthrange(year, month + 1)[1]))
    else:
        first = published - timedelta(days=count * (7 if unit == "week" else 1))
    return f"{first.isoformat()}/{published.isoformat()}", first, published


def _past_date(t: Timex, published: date | None, future: bool) -> Resolved:
    if published is None:
        return "PAST_REF", None, None
    return _window(published, t.unit or "day", t.count or 1)


def _ago_date(t: Timex, published: date | None, future: bool) -> Resolved:
    unit, count = t.unit or "day", t.count or 1
    if published is None:
        return _UNKNOWN_VALUES[unit], None, None
    if unit == "day":
        day = published - timedelta(days=count)
        return day.isoformat(), day, day
    if unit == "week":
        return _calendar_unit(published - timedelta(weeks=count), "week", 0)
    return _calendar_unit(published, unit, -count)


def _ref_date(t: Timex, published: date | None, future: bool) -> Resolved:
    words = t.text.lower()
    if "future" in words or "soon" in words:
        return "FUTURE_REF", None, None
    if any(w in words for w in ("recent", "past", "previous", "formerly")):
        return "PAST_REF", None, None
    return "PRESENT_REF", published, published


_RESOLVERS: dict[str, Callable[[Timex, date | None, bool], Resolved]] = {
    "iso": _day_date,
    "date": _day_date,
    "dayrange": _day_date,
    "month": _month_date,
    "year": _year_date,
    "decade": _decade_date,
    "season": _season_date,
    "weekday": _weekday_date,
    "dayrel": _dayrel_date,
    "ago": _ago_date,
    "past": _past_date,
    "unitrel": _unitrel_date,
    "ref": _ref_date,
}


def _as_date(value: date | datetime | None) -> date | None:
    return value.date() if isinstance(value, datetime) else value


# --- the spaCy component ----------------------------------------------------------


@Language.component("eventwire_dates", assigns=["doc._.times"])
def dates_component(doc: Doc) -> Doc:
    """Set `doc._.times` from `doc.text` and `doc._.published`, reading tense from the parse."""
    published = _as_date(doc._.published)
    parsed: bool | None = None  # checked only when needed: it walks every token
    times = []
    for timex in find_timexes(doc.text):
        span = doc.char_span(timex.start, timex.end, alignment_mode="expand")
        if span is None or len(span) == 0:
            continue
        future = False
        if timex.tense_sensitive:
            parsed = doc.has_annotation("DEP") if parsed is None else parsed
            future = parsed and points_forward(span)
        mention = resolve(timex, published=published, future=future)
        if mention is not None:
            times.append(TimeMention(span.start, span.end, mention))
    doc._.times = times
    return doc


def points_forward(span: Span) -> bool:
    """Whether the clause a time expression belongs to speaks of the future.

    Future: the governing verb has a will/shall auxiliary, depends on "plans to", "is set
    to", "is expected to" …, the date hangs on "scheduled"/"due", or the date modifies a
    present-tense verb directly ("meets on Friday", "is meeting on Friday"), reporting
    verbs and "be" excepted. A date inside a noun phrase ("Monday's shooting") takes
    only the auxiliary and "plans to" cues, not the present tense of the clause.
    """
    token, through_noun = span.root, False
    attachment = None  # the first word above the date that is not a preposition
    while token.pos_ not in _VERBAL and token.head.i != token.i:
        token = token.head
        if attachment is None and token.pos_ != "ADP":
            attachment = token
        through_noun = through_noun or token.pos_ in {"NOUN", "PROPN", "PRON"}
    if attachment is not None and attachment.lemma_.lower() in _FUTURE_PREDICATES:
        return True
    return token.pos_ in _VERBAL and _future_verb(token, direct=not through_noun)


def _future_verb(verb: Token, *, direct: bool) -> bool:
    auxiliaries = [c for c in verb.children if c.dep_ in {"aux", "auxpass"}]
    if any(a.lower_ in _FUTURE_AUX for a in auxiliaries):
        return True
    if any(a.lemma_ == "have" for a in auxiliaries):  # "had planned to", "has met"
        return False
    if verb.lemma_.lower() in _FUTURE_PREDICATES:
        return True
    if verb.dep_ == "xcomp" and verb.head.pos_ in _VERBAL:
        governor = verb.head
        if governor.lemma_.lower() in _FUTURE_GOVERNORS:
            return not any(c.lemma_ == "have" and c.dep_ == "aux" for c in governor.children)
        return _future_verb(governor, direct=direct)  # "will try to meet on Friday"
    if not direct or verb.lemma_.lower() in _REPORTING or verb.lemma_ == "be":
        return False
    if verb.tag_ in {"VBZ", "VBP"} and not auxiliaries:
        return True
    return verb.tag_ == "VBG" and any(
        a.lemma_ == "be" and a.tag_ in {"VBZ", "VBP"} for a in auxiliaries
    )


# --- which date applies to an event ----------------------------------------------


def date_for_event(doc: Doc, trigger: int) -> tuple[TimeMention | None, str]:
    """The time expression that dates the event whose trigger head is token `trigger`.

    In order: a date modifying the trigger or its head verb ("was killed July 31",
    "strikes on Tuesday"); else the nearest date in the same sentence, preferring dates
    that do not modify another clause's verb; else the last date of an earlier sentence
    in the same paragraph (paragraphs are split by blank lines). Only resolved dates
    count. Returns (None, reason) when none applies: the caller falls back to the
    publication date.
    """
    head = doc[trigger]
    times = [t for t in doc._.times or [] if t.mention.date is not None]
    sentence = head.sent
    same = [t for t in times if sentence.start <= t.start < sentence.end]
    direct = [t for t in same if _governor(doc, t, head) == trigger]
    if direct:
        best = min(direct, key=lambda t: abs(t.start - trigger))
        return best, f"'{best.mention.text}' modifies '{head.text}'"
    if same:
        best = min(
            same, key=lambda t: (_governor(doc, t, head) is not None, abs(t.start - trigger))
        )
        return best, f"'{best.mention.text}' is the nearest date in the sentence"
    paragraph = _paragraph_start(doc.text, head.idx)
    earlier = [t for t in times if t.end <= sentence.start and doc[t.start].idx >= paragraph]
    if earlier:
        best = max(earlier, key=lambda t: t.start)
        return best, f"'{best.mention.text}' is the running date of the paragraph"
    return None, "no date in the sentence or earlier in the paragraph"


def _governor(doc: Doc, time: TimeMention, head: Token) -> int | None:
    """`head.i` if the date attaches to the event, another verb's index if it attaches
    there, else None.

    Walks up from the date's root to the first verb, passing through the trigger itself
    when it is a noun ("the attack on Tuesday"); a nominal trigger also owns the dates on
    its own verb ("carried out strikes on Tuesday") and on its relative clause.
    """
    token = doc[time.start : time.end].root
    while token.head.i != token.i:
        token = token.head
        if token.i == head.i:
            return head.i
        if token.pos_ in _VERBAL:
            break
    if token.pos_ not in _VERBAL:
        return None
    if head.pos_ not in _VERBAL and (token.i == head.head.i or token.head.i == head.i):
        return head.i
    return token.i


def _paragraph_start(text: str, offset: int) -> int:
    start = 0
    for match in _PARAGRAPH_BREAK.finditer(text, 0, offset):
        start = match.end()
    return start
