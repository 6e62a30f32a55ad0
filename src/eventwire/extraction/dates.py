"""Dates: resolve time expressions against the publication date and date each event.

`eventwire.extraction.timex` finds the expressions; this module resolves them, runs as the
spaCy component `eventwire_dates` (setting `doc._.times`) and picks the date of an event
(`date_for_event`). Which days an expression denotes (the year of "December 28", the day
of "Friday", read forward when the verb points forward) is `eventwire.extraction.calendar_rules`;
this module adds:

- Precision follows the length of the interval: 1 day → day, up to 10 days → week (last
  week, early July, over the weekend), up to 31 → month, longer → year (decades too).
- Basis: "explicit" when the words name the month or year ("July 31", "in 2014"),
  "relative" when only the publication date gives the day ("Thursday", "last week").
  Without a publication date only expressions that name their year resolve; the others
  get null dates, basis "unknown" and an X-filled value ("XXXX-07-31").
"""

from __future__ import annotations

import re
from datetime import date, datetime

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from eventwire.extraction import timex as tx
from eventwire.extraction.calendar_rules import resolve_timex
from eventwire.extraction.mentions import TimeMention
from eventwire.extraction.timex import Timex, find_timexes
from eventwire.records import DateMention

#: Kinds whose words name the calendar date themselves.
_EXPLICIT_KINDS = {"iso", "date", "dayrange", "month", "year", "decade"}
_FUTURE_AUX = set(tx.TIME_WORDS["future_auxiliaries"])
_FUTURE_GOVERNORS = set(tx.TIME_WORDS["future_governors"])
_FUTURE_PREDICATES = set(tx.TIME_WORDS["future_predicates"])
_REPORTING = set(tx.TIME_WORDS["reporting_verbs"])
_PARAGRAPH_BREAK = re.compile(r"\n[ \t\r\f\v]*\n")
_VERBAL = {"VERB", "AUX"}


# --- resolution -------------------------------------------------------------------


def resolve(timex: Timex, *, published: date | None, future: bool = False) -> DateMention | None:
    """The `DateMention` a time expression denotes; None if it names no real day (Feb 30).

    `future` says the governing verb points forward: weekdays, weekends, seasons and
    dates without a year then resolve to their next occurrence.
    """
    try:
        value, first, last = resolve_timex(timex, published=published, future=future)
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
    day = _as_date(published)
    if day is None or mention.enddate is None:
        return False
    return (day - mention.enddate).days > 365


def _is_explicit(timex: Timex) -> bool:
    if timex.parts:
        return all(_is_explicit(p) for p in timex.parts)
    return timex.kind in _EXPLICIT_KINDS or (timex.kind == "season" and timex.year is not None)


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
