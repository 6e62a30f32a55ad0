"""Evidence that a name is a place: the words around it, its entity label, the other
places of the article (used by `places` to accept, rescue and flag gazetteer hits)."""

from __future__ import annotations

from spacy.tokens import Doc, Span, Token

from eventwire.extraction.timex import MONTHS, SEASONS, TIME_WORDS
from eventwire.geo.event_location import EVENT_PREPS, OF_HEADS, SUBJECTS
from eventwire.geo.gazetteer import ADMIN_WORDS, ALTERNATE, normalize
from eventwire.geo.qualifiers import after_unknown_name
from eventwire.geo.ranking import COMPASS, Hit

__all__ = [
    "FEATURE_WORDS",
    "PLACE_CUES",
    "PLACE_LABELS",
    "STRONG_CUES",
    "before",
    "conj_head",
    "cued",
    "dated",
    "modifier",
    "name_text",
    "rescued",
    "strip_the",
    "strong_cue",
]

#: Words before a name that show it is a place (recognition only).
PLACE_CUES: frozenset[str] = EVENT_PREPS | {
    "from",
    "to",
    "toward",
    "towards",
    "through",
    "between",
    "of",
    "via",
    "over",
}
PLACE_LABELS: frozenset[str] = frozenset({"GPE", "LOC", "FAC"})
#: Words after a name that make it a physical feature: "Dnipro River" is not the city Dnipro.
FEATURE_WORDS: frozenset[str] = frozenset(
    {"river", "sea", "mountains", "mountain", "ocean", "canal", "strait", "hills", "lake", "bay",
     "creek", "desert", "range", "island", "islands", "valley", "dam", "reservoir"}
)  # fmt: skip
#: Prepositions that make a name a place even where the actor stage took it for a person.
STRONG_CUES: frozenset[str] = frozenset(
    {"in", "near", "outside", "around", "into", "across", "toward", "towards"}
)
#: Words of going somewhere: "to" after one introduces a place even where the actor stage
#: took the name for a person.
MOTION_WORDS: frozenset[str] = frozenset(
    {"go", "travel", "trip", "drive", "fly", "flight", "return", "move", "head", "journey",
     "come", "flee", "march", "sail", "relocate", "evacuate", "deport", "commute", "road",
     "route", "walk", "ride", "visit", "voyage", "emigrate", "migrate", "retreat", "advance"}
)  # fmt: skip
#: Month, weekday and season names: a DATE span holding one reads as a date.
_CALENDAR_WORDS: frozenset[str] = frozenset(
    str(w) for words in (MONTHS, TIME_WORDS["weekdays"], SEASONS) for w in words
)


def before(doc: Doc, i: int) -> Token | None:
    """The word before token `i`, skipping a "the" ("in the Bronx" -> "in"); None at the start."""
    k = i - 1 if i > 0 and doc[i - 1].lower_ != "the" else i - 2
    return doc[k] if k >= 0 else None


def conj_head(tok: Token) -> Token:
    """The first member of the coordination `tok` is in ("in Hilversum and Almelo")."""
    for _ in range(10):
        if tok.dep_ != "conj" or tok.head.i == tok.i:
            break
        tok = tok.head
    return tok


def strong_cue(doc: Doc, i: int) -> bool:
    """A locative preposition or "the town of" before token `i`: a name there is a place."""
    prev = before(doc, i)
    if prev is None:
        return False
    if prev.lower_ in STRONG_CUES:
        return True
    if prev.lower_ == "to" and prev.head.lemma_.lower() in MOTION_WORDS:
        return True  # "a return trip to Saipan", "driving to Castlegar"; not "talked to Ross"
    return prev.lower_ == "of" and prev.i > 0 and doc[prev.i - 1].lower_ in OF_HEADS


def cued(doc: Doc, hit: Hit) -> bool:
    """A word before or after the span that marks it as a place."""
    prev = before(doc, hit.start)
    if prev is not None and (prev.lower_ in PLACE_CUES or prev.lower_ in COMPASS):
        return True
    return hit.end + 1 < len(doc) and doc[hit.end].text == "," and doc[hit.end + 1].is_title


def dated(doc: Doc, span: Span) -> bool:
    """A span the model tagged DATE or TIME that reads as one: it holds a number or a
    calendar word, or no locative word introduces it ("in Manbij" tagged DATE is a place)."""
    if span[-1].ent_type_ not in ("DATE", "TIME"):
        return False
    if any(t.like_num or t.lower_.rstrip(".") in _CALENDAR_WORDS for t in span):
        return True
    return not strong_cue(doc, span.start)


def rescued(doc: Doc, found: list[Hit], hits: list[Hit]) -> list[Hit]:
    """Rejected names that the accepted ones show to be places.

    One sense per article: a name the article uses as a place elsewhere is the same place
    here ("the Nenagh councillor" after "in Nenagh"); a one-word name the model tags a
    person only where the model tags it a place elsewhere and no person of the article
    bears it ("Samos's economy" after "ferries to Samos"). A name coordinated with a place ("in
    Hilversum and Almelo"), and an area after "Town," ("near New Quay, Ceredigion") or
    after a name the gazetteer lacks, ending the clause ("at Knockhill, Fife.").
    """
    sure = [h for h in hits if not h.partial and (h.label in PLACE_LABELS or cued(doc, h))]
    names = {normalize(h.text) for h in sure}
    roots = {doc[h.start : h.end].root.i for h in sure}
    ends = {h.end for h in hits}
    # A cue alone is not enough there: "at Zara's headquarters" is a firm's.
    people = {t.lower_ for e in doc.ents if e.label_ == "PERSON" and len(e) > 1 for t in e}
    placed = {
        normalize(h.text)
        for h in sure
        if h.label in PLACE_LABELS and h.end - h.start == 1 and doc[h.start].lower_ not in people
    }
    by_end = {h.end: h for h in found}
    kept = {h.start for h in hits}
    out: list[Hit] = []
    for hit in found:
        if hit.start in kept or hit.candidates[0].match == ALTERNATE:
            continue
        root = doc[hit.start : hit.end].root
        conj = root.dep_ == "conj" and conj_head(root).i in roots
        area = hit.candidates[0].feature_code in ("ADM1", "ADM2")
        after_town = (
            area and hit.start > 1 and doc[hit.start - 1].text == "," and hit.start - 1 in ends
        )
        after_town = after_town or area and after_unknown_name(doc, hit, by_end)
        name = normalize(hit.text)
        same = name in (placed if hit.label == "PERSON" else names) and root.dep_ not in SUBJECTS
        if conj or after_town or same:
            out.append(hit)
    return out


def modifier(doc: Doc, hit: Hit) -> bool:
    """A name inside an organisation's or product's name or modifying a noun ("Nenagh
    councillor"): a non-literal toponym."""
    root = doc[hit.start : hit.end].root
    return hit.partial or hit.label in ("ORG", "PRODUCT") or root.dep_ == "compound"


def name_text(span: Span) -> str:
    """The name as written, without a trailing common admin word ("Kursk region" -> "Kursk")."""
    if len(span) > 1 and span[-1].is_lower and span[-1].lower_ in ADMIN_WORDS:
        return span[:-1].text
    return span.text


def strip_the(span: Span) -> Span:
    return span[1:] if len(span) > 1 and span[0].lower_ == "the" else span
