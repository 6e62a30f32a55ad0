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
from bisect import bisect_right
from collections.abc import Sequence
from datetime import date, datetime, timedelta

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from eventwire.extraction import timex as tx
from eventwire.extraction.calendar_rules import resolve_timex
from eventwire.extraction.doctables import doc_text, memo, sentence_of
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
_BOUNDS = set(tx.TIME_WORDS["bound_prepositions"])
_SEQUENCE_MARKS = {"after", "before", "since", "until", "till", "once"}
_PARAGRAPH_BREAK = re.compile(r"\n[ \t\r\f\v]*\n")
_VERBAL = {"VERB", "AUX"}
_NAMING_DEPS = frozenset({"nummod", "compound", "nmod", "amod"})
_UNTENSED = {"VB", "VBG", "VBN"}
#: Dependencies through which an untensed verb takes the tense of its head.
_SHARES_TENSE = {"xcomp", "conj", "advcl", "acl"}


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


def resolve_dates(text: str, *, published: date | None) -> list[DateMention]:
    """Every time expression in `text`, resolved against `published` (past reading)."""
    found: list[DateMention] = []
    anchors: list[DateMention] = []  # what anaphors count from
    for timex in find_timexes(text):
        if (mention := resolve(timex, published=published, before=anchors)) is not None:
            found.append(mention)
            if moves_reference(timex):
                anchors.append(mention)
    return found


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
    day = _as_date(published)
    if day is None or mention.enddate is None:
        return False
    return (day - mention.enddate).days > HISTORICAL_AFTER_DAYS


def _is_explicit(timex: Timex) -> bool:
    if timex.parts:
        return all(_is_explicit(p) for p in timex.parts)
    return timex.kind in _EXPLICIT_KINDS or (
        timex.kind in {"season", "quarter"} and timex.year is not None
    )


def _as_date(value: date | datetime | None) -> date | None:
    return value.date() if isinstance(value, datetime) else value


# --- the spaCy component ----------------------------------------------------------


@Language.component("eventwire_dates", assigns=["doc._.times"])
def dates_component(doc: Doc) -> Doc:
    """Set `doc._.times` from `doc.text` and `doc._.published`, reading tense from the parse."""
    published = _as_date(doc._.published)
    parsed: bool | None = None  # checked only when needed: it walks every token
    times: list[TimeMention] = []
    resolved: list[DateMention] = []  # what anaphors count from
    for timex in find_timexes(doc_text(doc)):
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
        return not (verb.pos_ in _VERBAL and past_verb(verb))
    attachment = None  # the first word above the date that is not a preposition
    while token.pos_ not in _VERBAL and token.head.i != token.i:
        token = token.head
        if attachment is None and token.pos_ != "ADP":
            attachment = token
        through_noun = through_noun or token.pos_ in {"NOUN", "PROPN", "PRON"}
    if attachment is not None and attachment.lemma_.lower() in _FUTURE_PREDICATES:
        return True
    return token.pos_ in _VERBAL and _future_verb(token, direct=not through_noun)


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
    while token.pos_ not in _VERBAL and token.head.i != token.i:
        token = token.head
        through_noun = through_noun or token.pos_ in {"NOUN", "PROPN", "PRON"}
    return token.pos_ in _VERBAL and not through_noun and past_verb(token)


def past_verb(verb: Token, *, depth: int = 0) -> bool:
    """Whether `verb` is a simple past, carries a past or perfect auxiliary, or is an
    untensed form hanging (xcomp, conj, participial clause) on such a verb."""
    auxiliaries = [c for c in verb.children if c.dep_ in {"aux", "auxpass"}]
    if verb.tag_ == "VBD" or any(a.tag_ == "VBD" or a.lemma_ == "have" for a in auxiliaries):
        return True
    if auxiliaries or verb.tag_ not in _UNTENSED or depth >= 3:
        return False
    head = verb.head
    return verb.dep_ in _SHARES_TENSE and head.pos_ in _VERBAL and past_verb(head, depth=depth + 1)


# --- which date applies to an event ----------------------------------------------


def date_for_event(doc: Doc, trigger: int) -> tuple[TimeMention | None, str]:
    """The time expression that dates the event whose trigger head is token `trigger`.

    In order: a date modifying the trigger or its head verb ("was killed July 31",
    "strikes on Tuesday"); else the nearest date in the same sentence, ranked by
    `_rank` (a clause inside the event's own, then a verb governing it: "said on Monday
    that its forces struck", news convention; then other clauses); else the last date of
    an earlier sentence in the same paragraph (paragraphs are split by blank
    lines). Only resolved dates count, and never a bound ("until 2028", "by Friday") nor,
    for an event told in the past tense, a date after publication. Returns (None, reason)
    when none applies: the caller falls back to the publication date.
    """
    head = doc[trigger]
    times = _candidates(doc, head)
    sentence = sentence_of(doc, trigger)
    same = [t for t in times if sentence.start <= t.start < sentence.end]
    if same:
        ranked = [(_rank(doc, t, head), abs(t.start - trigger), t) for t in same]
        rank, _, best = min(ranked, key=lambda r: (r[0], r[1]))
        reason = f"modifies '{head.text}'" if rank == 0 else "is the nearest date in the sentence"
        return best, f"'{best.mention.text}' {reason}"
    if _present_perfect(head):  # "has killed thousands": up to now, no running date
        return None, "present perfect: up to publication"
    paragraph = _doc_paragraph_start(doc, head.idx)
    earlier = [
        t
        for t in times
        if t.end <= sentence.start
        and doc[t.start].idx >= paragraph
        and not _in_flashback(doc[t.start : t.end])
    ]
    if earlier:
        best = max(earlier, key=lambda t: t.start)
        return best, f"'{best.mention.text}' is the running date of the paragraph"
    return None, "no date in the sentence or earlier in the paragraph"


def _candidates(doc: Doc, head: Token) -> list[TimeMention]:
    """The resolved dates that may date an event: no bounds, no dates naming another
    thing, nothing later than publication (plus a day) when the event's clause is past
    or perfect."""
    published = _as_date(doc._.published)
    latest = None
    if published is not None and points_back(doc[head.i : head.i + 1]):
        latest = published + timedelta(days=1)
    return [
        t
        for t, (dep, root_head) in _resolved_times(doc)
        # A date in the name of another thing ("the 1967 borders", "the Oct. 7 attack" for
        # another event) dates that thing only.
        if not (dep in _NAMING_DEPS and root_head != head.i)
        and (latest is None or t.mention.date <= latest)  # type: ignore[operator]
    ]


def _resolved_times(doc: Doc) -> list[tuple[TimeMention, tuple[str, int]]]:
    """The doc's resolved dates that are no bound, with their root's (dep, head index);
    computed once per doc."""
    table = memo(doc, "resolved_times", depends=doc._.times)
    if "found" not in table:
        found = []
        for t in doc._.times or []:
            span = doc[t.start : t.end]
            if t.mention.date is not None and not _is_bound(span):
                found.append((t, (span.root.dep_, span.root.head.i)))
        table["found"] = found
    found_times: list[tuple[TimeMention, tuple[str, int]]] = table["found"]
    return found_times


def _is_bound(span: Span) -> bool:
    """Whether the date is a deadline or limit ("until 2028", "by Friday", "before May")."""
    root = span.root
    return root.dep_ == "pobj" and root.head.lower_ in _BOUNDS


def _rank(doc: Doc, time: TimeMention, head: Token) -> int:
    """How closely a date belongs to the event, 0 best.

    0: it modifies the event; 1: it modifies a clause inside the event's own clause (a
    complement, a participle, a relative clause on its active subject: "a barrage that
    hit the market on Monday killed four"); 2: it modifies a verb governing the event
    ("said on Monday that ...") or no verb; 3: it modifies another clause, including one
    told as earlier or later ("had fled", "after rebels attacked") or a relative clause
    on another noun ("seized the airport, which the army took in 2019").
    """
    governor = _governor(doc, time, head)
    if governor == head.i:
        return 0
    if governor is None:
        return 2
    verb = doc[governor]
    if head.is_ancestor(verb):
        return 1 if _same_occasion(verb, head) else 3
    return 2 if verb.is_ancestor(head) else 3


def _same_occasion(verb: Token, head: Token) -> bool:
    """Whether a clause below the event's tells of the same occasion: no clause on the
    way up is shifted in time or a relative clause on a noun other than the subject."""
    token = verb
    while token.i != head.i:
        if token.pos_ in _VERBAL and _shifted(token):
            return False
        on_subject = token.head.dep_ == "nsubj" and token.head.head.i == head.i
        if token.dep_ in {"relcl", "acl"} and not on_subject:
            return False
        token = token.head
    return True


def _present_perfect(head: Token) -> bool:
    """Whether the event's verb is a present perfect ("has expelled", "have fled")."""
    verb = head if head.pos_ in _VERBAL else head.head
    return any(
        c.dep_ == "aux" and c.tag_ in {"VBZ", "VBP"} and c.lemma_ == "have" for c in verb.children
    )


def _in_flashback(span: Span) -> bool:
    """Whether a date belongs to a clause told as earlier than its story ("had been
    abducted in early July"): such a date sets no running date for later sentences."""
    token = span.root
    while token.pos_ not in _VERBAL and token.head.i != token.i:
        token = token.head
    return token.pos_ in _VERBAL and _shifted(token)


def _shifted(verb: Token) -> bool:
    """Whether a clause is told as earlier or later than its governor (past perfect,
    "after"/"before"/"since"/"until" clauses)."""
    return any(
        (c.dep_ == "mark" and c.lower_ in _SEQUENCE_MARKS)
        or (c.dep_ in {"aux", "auxpass"} and c.lower_ == "had")
        for c in verb.children
    )


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


def _doc_paragraph_start(doc: Doc, offset: int) -> int:
    """`_paragraph_start(doc.text, offset)`, by bisection in the doc's paragraph breaks.

    A break is whitespace only, so none straddles a non-space `offset`: the breaks found
    in the whole text are then those found before `offset`.
    """
    text = doc_text(doc)
    if offset < len(text) and text[offset].isspace():
        return _paragraph_start(text, offset)
    table = memo(doc, "paragraph_breaks")
    if "ends" not in table:
        table["ends"] = [m.end() for m in _PARAGRAPH_BREAK.finditer(text)]
    ends: list[int] = table["ends"]
    n = bisect_right(ends, offset)
    return ends[n - 1] if n else 0


def _paragraph_start(text: str, offset: int) -> int:
    start = 0
    for match in _PARAGRAPH_BREAK.finditer(text, 0, offset):
        start = match.end()
    return start
