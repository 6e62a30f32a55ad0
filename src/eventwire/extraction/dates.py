"""Dates: resolve time expressions against the publication date and date each event.

`eventwire.extraction.timex` finds the expressions; this module resolves them, runs as the
spaCy component `eventwire_dates` (setting `doc._.times`) and reads the tense around them;
`eventwire.extraction.event_dates` picks the date of an event. Which days an expression
denotes (the year of "December 28", the day of "Friday", read forward when the verb points
forward) is `eventwire.extraction.calendar_rules`; this module adds:

- Precision follows the length of the interval: 1 day → day, up to 10 days → week (last
  week, early July, over the weekend), up to 31 → month, longer → year (decades too).
- Basis: "explicit" when the words name the month or year ("July 31", "in 2014"),
  "relative" when only the publication date gives the day ("Thursday", "last week").
  Without a publication date only expressions that name their year resolve; the others
  get null dates, basis "unknown" and an X-filled value ("XXXX-07-31").
- An all-numeric date ("7/8/07") is read the way the article's country writes dates: day
  first unless the dateline is in a month-first country (`MONTH_FIRST`: the United States
  and a few others); with no dateline, month first as wire copy mostly is.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime
from functools import lru_cache

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from eventwire.extraction import timex as tx
from eventwire.extraction.calendar_rules import resolve_timex
from eventwire.extraction.doctables import doc_text
from eventwire.extraction.lexicon import word_list
from eventwire.extraction.mentions import TimeMention
from eventwire.extraction.timex import Timex, find_timexes
from eventwire.records import DateMention

#: Kinds whose words name the calendar date themselves.
_EXPLICIT_KINDS = {"iso", "numeric", "date", "dayrange", "month", "year", "decade"}
_FUTURE_AUX = set(tx.TIME_WORDS["future_auxiliaries"])
_FORWARD_MODALS = set(tx.TIME_WORDS["forward_modals"])
_FORWARD_BOUNDS = set(tx.TIME_WORDS["forward_bounds"])
_FUTURE_GOVERNORS = word_list("future_governors", source="time_words.yaml")
_FUTURE_PREDICATES = set(tx.TIME_WORDS["future_predicates"])
_REPORTING = word_list("narrative_present_verbs")
VERBAL = {"VERB", "AUX"}
_UNTENSED = {"VB", "VBG", "VBN"}
#: Dependencies through which an untensed verb takes the tense of its head.
_SHARES_TENSE = {"xcomp", "conj", "advcl", "acl"}
#: Countries whose press writes all-numeric dates month first ("7/8/07" is July 8).
MONTH_FIRST = frozenset({"USA", "CAN", "PHL", "FSM", "MHL", "PLW"})


# --- resolution -------------------------------------------------------------------


def resolve(
    timex: Timex,
    *,
    published: date | None,
    future: bool = False,
    past: bool = False,
    before: Sequence[DateMention] = (),
) -> DateMention | None:
    """The `DateMention` a time expression denotes; None if it names no real day (Feb 30).

    `future` says the governing verb points forward: weekdays, weekends, seasons and
    dates without a year then resolve to their next occurrence; `past` says the clause is
    past or perfect: dates without a year and months then resolve to the latest
    occurrence begun by publication. `before` are the mentions resolved earlier in the
    text: an anaphor ("that day", "the next day") counts from the latest of them that is
    at least as precise as its unit, else from publication.
    """
    reference = published
    if timex.kind == "anaphor":
        reference = anchor_of(timex, before) or published
    try:
        value, first, last = resolve_timex(timex, published=reference, future=future, past=past)
    except ValueError:
        return None
    if first is None or last is None:
        precision, basis, first, last = "unknown", "unknown", None, None
    else:
        precision = precision_of(first, last)
        basis = "explicit" if _is_explicit(timex) else "relative"
    return DateMention(timex.start, timex.end, timex.text, value, first, last, precision, basis)


def resolve_dates(
    text: str, *, published: date | None, day_first: bool = False
) -> list[DateMention]:
    """Every time expression in `text`, resolved against `published` (past reading);
    `day_first` as `reads_day_first` says for the article's dateline."""
    found: list[DateMention] = []
    anchors: list[DateMention] = []  # what anaphors count from
    for timex in find_timexes(text, day_first=day_first):
        if (mention := resolve(timex, published=published, before=anchors)) is not None:
            found.append(mention)
            if moves_reference(timex):
                anchors.append(mention)
    return found


@lru_cache(maxsize=4096)
def reads_day_first(dateline: str | None) -> bool:
    """Whether an article under `dateline` ("NAIROBI, Kenya") writes "7/8/07" day first."""
    if not dateline:
        return False
    from eventwire.geo.dateline_place import resolve_dateline  # the gazetteer, loaded once

    place = resolve_dateline(dateline)
    return place is not None and bool(place.country_code) and place.country_code not in MONTH_FIRST


def moves_reference(timex: Timex) -> bool:
    """Whether later anaphors count from this expression: "the same month last year"
    compares with the date being told, it does not become it."""
    return timex.modifier != "year before"


_PRECISION_RANK = {"day": 0, "week": 1, "month": 2, "year": 3}


def anchor_of(timex: Timex, before: Sequence[DateMention]) -> date | None:
    """The first day of the latest earlier mention at least as precise as the anaphor's
    unit ("that day" needs a day, "that year" any dated mention)."""
    rank = _PRECISION_RANK.get(timex.unit or "day", 0)
    for mention in reversed(before):
        if mention.date is not None and _PRECISION_RANK.get(mention.precision, 9) <= rank:
            return mention.date
    return None


def precision_of(first: date, last: date) -> str:
    """day / week (up to 10 days) / month (up to 31) / year, from an interval's length."""
    days = (last - first).days + 1
    return "day" if days <= 1 else "week" if days <= 10 else "month" if days <= 31 else "year"


#: Days before publication after which an event is background: "last month" (at most 31
#: days back) and "last week" stay in the reporting period; "in September" in a November
#: article and "in early July" in a November one are background.
HISTORICAL_AFTER_DAYS = 31


def is_historical(mention: DateMention, published: date | None) -> bool:
    """Whether the interval ended more than `HISTORICAL_AFTER_DAYS` before publication."""
    day = as_date(published)
    if day is None or mention.enddate is None:
        return False
    return (day - mention.enddate).days > HISTORICAL_AFTER_DAYS


def _is_explicit(timex: Timex) -> bool:
    if timex.parts:
        return all(_is_explicit(p) for p in timex.parts)
    return timex.kind in _EXPLICIT_KINDS or (
        timex.kind in {"season", "quarter"} and timex.year is not None
    )


def as_date(value: date | datetime | None) -> date | None:
    return value.date() if isinstance(value, datetime) else value


# --- the spaCy component ----------------------------------------------------------


@Language.component("eventwire_dates", assigns=["doc._.times"])
def dates_component(doc: Doc) -> Doc:
    """Set `doc._.times` from `doc.text` and `doc._.published`, reading tense from the parse."""
    published = as_date(doc._.published)
    parsed: bool | None = None  # checked only when needed: it walks every token
    times: list[TimeMention] = []
    resolved: list[DateMention] = []  # what anaphors count from
    for timex in find_timexes(doc_text(doc), day_first=reads_day_first(doc._.dateline)):
        span = doc.char_span(timex.start, timex.end, alignment_mode="expand")
        if span is None or len(span) == 0:
            continue
        future = past = False
        if timex.tense_sensitive:
            parsed = doc.has_annotation("DEP") if parsed is None else parsed
            future = parsed and points_forward(span)
            past = parsed and not future and points_back(span)
        mention = resolve(timex, published=published, future=future, past=past, before=resolved)
        if mention is not None:
            if moves_reference(timex):
                resolved.append(mention)
            times.append(TimeMention(span.start, span.end, mention))
    doc._.times = times
    return doc


def points_forward(span: Span) -> bool:
    """Whether the clause a time expression belongs to speaks of the future.

    Future: the governing verb has a will/shall auxiliary, depends on "plans to", "is set
    to", "is expected to" …, the date hangs on "scheduled"/"due", or the date modifies a
    present-tense verb directly ("meets on Friday", "is meeting on Friday"), reporting
    verbs and "be" excepted; a modal ("should", "could") or a bound ("until Friday", "by
    Monday") points forward too. A date inside a noun phrase ("Monday's shooting") takes
    only the auxiliary and "plans to" cues, not the present tense of the clause, and so
    does a date after "as of" ("as of February, the store accounts for …": a state reached).
    """
    token = span.root
    through_noun = _as_of(token)
    if token.dep_ == "pobj" and token.head.lower_ in _FORWARD_BOUNDS:
        verb = token.head.head  # "stays closed until Friday"; not "was at large until Dec. 7"
        return not (verb.pos_ in VERBAL and past_verb(verb))
    attachment = None  # the first word above the date that is not a preposition
    while token.pos_ not in VERBAL and token.head.i != token.i:
        token = token.head
        if attachment is None and token.pos_ != "ADP":
            attachment = token
        through_noun = through_noun or token.pos_ in {"NOUN", "PROPN", "PRON"}
    if attachment is not None and attachment.lemma_.lower() in _FUTURE_PREDICATES:
        return True
    return token.pos_ in VERBAL and _future_verb(token, direct=not through_noun)


def _as_of(token: Token) -> bool:
    of = token.head
    return token.dep_ == "pobj" and of.lower_ == "of" and of.i > 0 and of.nbor(-1).lower_ == "as"


def _future_verb(verb: Token, *, direct: bool) -> bool:
    auxiliaries = [c for c in verb.children if c.dep_ in {"aux", "auxpass"}]
    if any(a.lower_ in _FUTURE_AUX for a in auxiliaries):
        return True
    if any(a.lemma_ == "have" for a in auxiliaries):  # "had planned to", "has met"
        return False
    if any(a.lower_ in _FORWARD_MODALS for a in auxiliaries):  # "should close in October"
        return True
    if verb.lemma_.lower() in _FUTURE_PREDICATES:
        return True
    if verb.dep_ == "xcomp" and verb.head.pos_ in VERBAL:
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


def points_back(span: Span) -> bool:
    """Whether the clause a time expression belongs to is past or perfect.

    Past: the first verb above the date is a simple past ("attacked on Oct. 7"), has a
    past or perfect auxiliary ("was killed", "has held", "had fled"), or is an untensed
    infinitive, participle or conjunct of such a verb ("began to withdraw in March").
    A date inside a noun phrase is left to the nearest-year rule, since the noun may
    name a plan ("has set a May 10 deadline"). Callers check `points_forward` first:
    "will have left by May" is future.
    """
    token, through_noun = span.root, False
    while token.pos_ not in VERBAL and token.head.i != token.i:
        token = token.head
        through_noun = through_noun or token.pos_ in {"NOUN", "PROPN", "PRON"}
    return token.pos_ in VERBAL and not through_noun and past_verb(token)


def past_verb(verb: Token, *, depth: int = 0) -> bool:
    """Whether `verb` is a simple past, carries a past or perfect auxiliary, or is an
    untensed form hanging (xcomp, conj, participial clause) on such a verb."""
    auxiliaries = [c for c in verb.children if c.dep_ in {"aux", "auxpass"}]
    if verb.tag_ == "VBD" or any(a.tag_ == "VBD" or a.lemma_ == "have" for a in auxiliaries):
        return True
    if auxiliaries or verb.tag_ not in _UNTENSED or depth >= 3:
        return False
    head = verb.head
    return verb.dep_ in _SHARES_TENSE and head.pos_ in VERBAL and past_verb(head, depth=depth + 1)
