"""Which date applies to an event: the time expression that dates it, or none.

The expressions are found and resolved by `eventwire.extraction.dates` (`doc._.times`);
this module picks, for one event trigger, the date modifying it, else the nearest in its
sentence, else the paragraph's running date (`date_for_event`).
"""

from __future__ import annotations

import re
from bisect import bisect_right
from datetime import timedelta

from spacy.tokens import Doc, Span, Token

from eventwire.extraction import timex as tx
from eventwire.extraction.dates import VERBAL, as_date, points_back
from eventwire.extraction.doctables import doc_text, memo, sentence_of
from eventwire.extraction.mentions import TimeMention

_BOUNDS = set(tx.TIME_WORDS["bound_prepositions"])
_SEQUENCE_MARKS = {"after", "before", "since", "until", "till", "once"}
_PARAGRAPH_BREAK = re.compile(r"\n[ \t\r\f\v]*\n")
_NAMING_DEPS = frozenset({"nummod", "compound", "nmod", "amod"})


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
    published = as_date(doc._.published)
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
        if token.pos_ in VERBAL and _shifted(token):
            return False
        on_subject = token.head.dep_ == "nsubj" and token.head.head.i == head.i
        if token.dep_ in {"relcl", "acl"} and not on_subject:
            return False
        token = token.head
    return True


def _present_perfect(head: Token) -> bool:
    """Whether the event's verb is a present perfect ("has expelled", "have fled")."""
    verb = head if head.pos_ in VERBAL else head.head
    return any(
        c.dep_ == "aux" and c.tag_ in {"VBZ", "VBP"} and c.lemma_ == "have" for c in verb.children
    )


def _in_flashback(span: Span) -> bool:
    """Whether a date belongs to a clause told as earlier than its story ("had been
    abducted in early July"): such a date sets no running date for later sentences."""
    token = span.root
    while token.pos_ not in VERBAL and token.head.i != token.i:
        token = token.head
    return token.pos_ in VERBAL and _shifted(token)


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
        if token.pos_ in VERBAL:
            break
    if token.pos_ not in VERBAL:
        return None
    if head.pos_ not in VERBAL and (token.i == head.head.i or token.head.i == head.i):
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
