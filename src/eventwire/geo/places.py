"""Toponyms: find them with the gazetteer and the parse, resolve them, choose an event's place.

The small English model labels many towns PERSON ("Khan Younis", "Kyiv"), so candidate
spans come from proper-noun runs and from every GPE/LOC/FAC/PERSON/ORG entity, and the
gazetteer decides. A gazetteer hit is kept when the NER calls it a place, when it is a
country, region or alias, when a locative word introduces it ("in", "near", "southern"),
or when it is a large city; that keeps villages named "Police" or "Mobile" out.

Readings are ranked by name match, feature class, population and the article's context:
the countries of other places and of actors in the document, the dateline's country,
and qualifiers next to the name ("Springfield, Illinois", "Sudan's North Darfur",
"Khan Younis in southern Gaza").
"""

from __future__ import annotations

import math
from collections import Counter
from dataclasses import dataclass, replace

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from eventwire.extraction import mentions
from eventwire.extraction.mentions import PlaceMention
from eventwire.geo.gazetteer import ALIAS, ALTERNATE, Candidate, Gazetteer, normalize
from eventwire.records import Place

#: Prepositions that put an event at a place (the event-location rule).
EVENT_PREPS = frozenset(
    {
        "in",
        "at",
        "near",
        "around",
        "outside",
        "across",
        "on",
        "inside",
        "throughout",
        "within",
        "into",
        "off",
        "along",
    }
)
#: Words before a name that show it is a place (recognition only).
PLACE_CUES = EVENT_PREPS | {
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
COMPASS = frozenset(
    {"northern", "southern", "eastern", "western", "central", "northeastern", "northwestern",
     "southeastern", "southwestern", "north", "south", "east", "west", "occupied", "upper", "lower"}
)  # fmt: skip
#: Prepositions whose capitalised object is kept as an unresolved place.
UNRESOLVED_PREPS = frozenset({"in", "near", "around", "outside", "at"})
PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})
SPAN_LABELS = PLACE_LABELS | {"PERSON", "ORG"}
NOT_PLACE_LABELS = frozenset(
    {
        "DATE",
        "TIME",
        "NORP",
        "ORG",
        "EVENT",
        "WORK_OF_ART",
        "LAW",
        "PRODUCT",
        "MONEY",
        "LANGUAGE",
        "CARDINAL",
    }
)
#: Actor kinds that make a span not a place ("Israeli", "Sen. Georgia Smith", "Hamas").
NON_PLACE_ACTORS = frozenset({"demonym", "person", "organisation", "title"})
#: Readings that are places even without a cue: countries, regions, admin-1 areas, capitals.
STRONG_CODES = frozenset({"PCLI", "RGN", "ADM1", "PPLC"})
ADMIN_WORDS = frozenset(
    {"province", "region", "state", "governorate", "oblast", "district", "county"}
)
#: A city this large is a place even without a cue (unless the NER says person/organisation).
BIG_CITY = 100_000
MAX_RUN = 6


@dataclass(slots=True)
class _Hit:
    start: int
    end: int
    text: str
    candidates: list[Candidate]
    label: str
    partial: bool = False
    qualifier_countries: frozenset[str] = frozenset()
    qualifier_provinces: frozenset[str] = frozenset()


# --- finding spans ---------------------------------------------------------------------------


def _runs(doc: Doc) -> list[tuple[int, int]]:
    """Proper-noun runs, joined across hyphens ("Deir al-Balah", "Nagorno-Karabakh")."""
    runs: list[tuple[int, int]] = []
    i, n = 0, len(doc)
    while i < n:
        if doc[i].pos_ != "PROPN" or not doc[i].is_title and not doc[i].is_upper:
            i += 1
            continue
        j = i + 1
        while j < n:
            tok = doc[j]
            if tok.pos_ == "PROPN" and (tok.is_title or tok.is_upper) or tok.lower_ in ("al", "el"):
                j += 1
            elif (
                tok.text == "-"
                and j + 1 < n
                and (doc[j + 1].is_title or doc[j - 1].lower_ in ("al", "el"))
            ):
                j += 2
            else:
                break
        runs.append((i, j))
        i = j
    return runs


def _blocked(doc: Doc) -> set[int]:
    """Tokens inside multi-token PERSON/ORG entities: only the whole entity is looked up."""
    return {t.i for e in doc.ents if e.label_ in ("PERSON", "ORG") and len(e) > 1 for t in e}


def _actor_tokens(doc: Doc) -> set[int]:
    actors = doc._.actors or []
    return {i for a in actors if a.kind in NON_PLACE_ACTORS for i in range(a.start, a.end)}


def _lookup_spans(doc: Doc, gaz: Gazetteer) -> list[_Hit]:
    """Longest gazetteer matches within entities and proper-noun runs, left to right.

    A multi-token PERSON entity is looked up whole only ("Jordan" in "Jordan Peterson" is no
    place); other spans are also searched for shorter names, marked `partial`.
    """
    skip = _actor_tokens(doc)
    blocked = _blocked(doc)
    hits: list[_Hit] = []
    taken: set[int] = set()
    whole = [(e.start, e.end, e.label_) for e in doc.ents if e.label_ in SPAN_LABELS]
    for start, end, label in whole + [(s, e, "") for s, e in _runs(doc)]:
        shortest, last = (end - 1, start + 1) if label == "PERSON" else (start, end)
        i = start
        while i < last:
            for j in range(min(end, i + MAX_RUN), max(i, shortest), -1):
                tokens = set(range(i, j))
                if tokens & taken or tokens & skip or (not label and tokens & blocked):
                    continue
                span = _strip_the(doc[i:j])
                found = (
                    gaz.candidates(span.text) if span[-1].ent_type_ not in ("DATE", "TIME") else []
                )
                if found:
                    partial = (i, j) != (start, end)
                    hits.append(_Hit(i, j, span.text, found, label or span[0].ent_type_, partial))
                    taken.update(tokens)
                    i = j - 1
                    break
            i += 1
    return sorted(hits, key=lambda h: h.start)


def _strip_the(span: Span) -> Span:
    return span[1:] if len(span) > 1 and span[0].lower_ == "the" else span


def _cued(doc: Doc, hit: _Hit) -> bool:
    """A word before or after the span that marks it as a place."""
    prev = doc[hit.start - 1] if hit.start > 0 else None
    if prev is not None and prev.lower_ == "the" and hit.start > 1:
        prev = doc[hit.start - 2]
    if prev is not None and (prev.lower_ in PLACE_CUES or prev.lower_ in COMPASS):
        return True
    return hit.end + 1 < len(doc) and doc[hit.end].text == "," and doc[hit.end + 1].is_title


def _accept(doc: Doc, hit: _Hit) -> bool:
    """Keep a gazetteer hit only with evidence that the span names a place here."""
    top = hit.candidates[0]
    strong = top.match == ALIAS or top.feature_code in STRONG_CODES
    strong = strong or top.match != ALTERNATE and top.population >= BIG_CITY
    if hit.partial:  # "Tal" out of "Tal Rifaat", "Gaza" out of "Gaza Health Ministry"
        return strong and top.match != ALTERNATE
    if hit.label in PLACE_LABELS or _cued(doc, hit):
        return True
    return strong or normalize(hit.text).split()[-1] in ADMIN_WORDS


# --- resolving -------------------------------------------------------------------------------


def _qualify(doc: Doc, hits: list[_Hit]) -> None:
    """Mark names qualified by a neighbour: "X, Y", "Y's X", "X in Y"."""
    by_start = {h.start: h for h in hits}
    by_end = {h.end: h for h in hits}
    for hit in hits:
        quals: list[_Hit] = []
        if hit.end < len(doc) and doc[hit.end].text == "," and hit.end + 1 in by_start:
            quals.append(by_start[hit.end + 1])
        if hit.end < len(doc) and doc[hit.end].lower_ == "in":
            nxt = (
                hit.end + 2
                if hit.end + 1 < len(doc) and doc[hit.end + 1].lower_ in COMPASS
                else hit.end + 1
            )
            if nxt in by_start:
                quals.append(by_start[nxt])
        if hit.start > 1 and doc[hit.start - 1].tag_ == "POS" and hit.start - 1 in by_end:
            quals.append(by_end[hit.start - 1])
        cands = [c for q in quals for c in q.candidates[:10]]
        hit.qualifier_countries = frozenset(
            c.country_code for c in cands if c.feature_code in ("PCLI", "RGN", "ADM1")
        )
        hit.qualifier_provinces = frozenset(
            normalize(c.name) for c in cands if c.feature_code in ("ADM1", "RGN")
        )


#: An alias (our data files) is the reading news means; it outweighs population and context.
_MATCH_SCORE = {0: 6.0, 1: 2.0, 2: 1.0}
_CLASS_SCORE = {"PCLI": 2.0, "RGN": 2.0, "ADM1": 1.0, "PPLC": 1.5}


def _score(c: Candidate, hit: _Hit, context: Counter[str], compass: bool) -> float:
    score = _MATCH_SCORE.get(c.match, 1.0) + _CLASS_SCORE.get(
        c.feature_code, 1.0 if c.feature_class == "P" else 0.0
    )
    score += math.log10(c.population + 1) / 2
    score += min(context.get(c.country_code, 0), 3) * 1.5
    if c.province and normalize(c.province) in hit.qualifier_provinces:
        score += 5.0
    elif c.country_code in hit.qualifier_countries:
        score += 3.0
    if compass and c.feature_class in "AL":
        score += 1.0
    return score


def _context(doc: Doc, hits: list[_Hit], dateline: Place | None) -> Counter[str]:
    """Country weights from unambiguous places, actors and the dateline."""
    counts: Counter[str] = Counter()
    for hit in hits:
        top = hit.candidates[0]
        clear = top.match == ALIAS or top.feature_code == "PCLI" or top.population >= BIG_CITY
        if clear or len({c.country_code for c in hit.candidates}) == 1:
            counts[top.country_code] += 1
    for actor in doc._.actors or []:
        if len(actor.entity.code) == 3 and actor.entity.code not in ("IGO", "NGO", "MNC", "UNK"):
            counts[actor.entity.code] += 0.5  # type: ignore[assignment]
    if dateline is not None and dateline.country_code:
        counts[dateline.country_code] += 1
    return counts


def _choose(doc: Doc, hit: _Hit, context: Counter[str]) -> Candidate:
    prev = doc[hit.start - 1].lower_ if hit.start > 0 else ""
    compass = prev in COMPASS
    # A name's own reading must not count as its context ("Georgia" the country voting for itself).
    own = Counter({hit.candidates[0].country_code: 1})
    ctx = context - own
    return max(hit.candidates[:50], key=lambda c: _score(c, hit, ctx, compass))


def _literal(doc: Doc, hit: _Hit, cand: Candidate) -> bool:
    """False for a country, capital or state acting as the subject of a verb ("Turkey shelled")."""
    root = doc[hit.start : hit.end].root
    if cand.feature_code not in ("PCLI", "PPLC", "ADM1"):
        return True
    return not (root.dep_ == "nsubj" and root.head.pos_ in ("VERB", "AUX"))


def _unresolved(doc: Doc, taken: set[int]) -> list[PlaceMention]:
    """Capitalised objects of in/near/around/outside/at that the gazetteer does not know."""
    found: list[PlaceMention] = []
    skip = _actor_tokens(doc)
    for start, end in _runs(doc):
        span = doc[start:end]
        root = span.root
        if taken.intersection(range(start, end)) or skip.intersection(range(start, end)):
            continue
        if root.dep_ != "pobj" or root.head.lower_ not in UNRESOLVED_PREPS:
            continue
        if any(t.ent_type_ in NOT_PLACE_LABELS for t in span):
            continue
        found.append(PlaceMention(start, end, Place(extracted_place=span.text, resolution=0)))
    return found


def find_places(doc: Doc, *, gazetteer: Gazetteer | None = None) -> list[PlaceMention]:
    """Every toponym mention in a parsed `Doc`, resolved, in text order."""
    gaz = gazetteer or Gazetteer.load()
    hits = [h for h in _lookup_spans(doc, gaz) if _accept(doc, h)]
    _qualify(doc, hits)
    context = _context(doc, hits, doc._.dateline_place)
    result: list[PlaceMention] = []
    for hit in hits:
        cand = _choose(doc, hit, context)
        place = gaz.place(cand, extracted=hit.text)
        result.append(PlaceMention(hit.start, hit.end, place, literal=_literal(doc, hit, cand)))
    taken = {i for m in result for i in range(m.start, m.end)}
    return sorted(result + _unresolved(doc, taken), key=lambda m: m.start)


def resolve_dateline(dateline: str | None, *, gazetteer: Gazetteer | None = None) -> Place | None:
    """The place of a dateline such as "JERUSALEM" or "KYIV, Ukraine" (capitals first)."""
    if not dateline or not dateline.strip():
        return None
    gaz = gazetteer or Gazetteer.load()
    parts = [p.strip() for p in dateline.split(",") if p.strip()]
    name = parts[0]
    found = gaz.candidates(name)
    if not found:
        return Place(extracted_place=name, resolution=0)
    hit = _Hit(0, 1, name, found, "GPE")
    quals = [c for q in parts[1:] for c in gaz.candidates(q)[:10]]
    hit.qualifier_countries = frozenset(
        c.country_code for c in quals if c.feature_code in ("PCLI", "ADM1", "RGN")
    )
    hit.qualifier_provinces = frozenset(
        normalize(c.name) for c in quals if c.feature_code in ("ADM1", "RGN")
    )
    best = max(found[:50], key=lambda c: _score(c, hit, Counter(), False))
    return gaz.place(best, extracted=dateline.strip())


@Language.component(
    "eventwire_places",
    requires=["token.dep", "token.pos", "doc.ents"],
    assigns=["doc._.places", "doc._.dateline_place"],
)
def places_component(doc: Doc) -> Doc:
    """Set `doc._.dateline_place` and `doc._.places` (runs after eventwire_actors)."""
    gaz = Gazetteer.load()
    doc._.dateline_place = resolve_dateline(doc._.dateline, gazetteer=gaz)
    doc._.places = find_places(doc, gazetteer=gaz)
    return doc


# --- the event's place -----------------------------------------------------------------------


def _attachment(doc: Doc, mention: PlaceMention, trigger: Token) -> tuple[int, str] | None:
    """(path length, preposition) when the place hangs off the trigger by a locative preposition.

    The walk goes up from the place through nouns (the trigger's object, another place) and
    stops at any other verb, so a place in another clause never attaches.
    """
    cur = doc[mention.start : mention.end].root
    prep: str | None = None
    for steps in range(1, 10):
        head = cur.head
        if head.i == cur.i:
            return None
        if cur.dep_ == "pobj" and head.lower_ in EVENT_PREPS and prep is None:
            prep = head.lower_
        if head.i == trigger.i:
            return (steps, prep) if prep else None
        if head.pos_ in ("VERB", "AUX"):
            return None
        cur = head
    return None


def _article_place(doc: Doc, before: int) -> Place | None:
    """The most frequent literal resolved place before token `before` (earliest on ties)."""
    counts: Counter[int] = Counter()
    first: dict[int, Place] = {}
    for m in doc._.places or []:
        if m.start >= before or not m.literal or m.place.resolution == 0:
            continue
        key = m.place.geonameid or hash(m.place.resolved_place)
        counts[key] += 1
        first.setdefault(key, m.place)
    if not counts:
        return None
    return first[max(counts, key=lambda k: counts[k])]


def event_place(
    doc: Doc, trigger: int, *, sentence_only: bool = False
) -> tuple[Place | None, str | None, str]:
    """Where the event with trigger head token `trigger` happened: (place, location_role, reason).

    Rules, in order: a literal place attached to the trigger by a locative preposition
    (the most precise one if several); another literal place in the sentence (the nearest);
    the article's main place before this sentence; the dateline's country. The dateline
    is never the event place at city level.
    """
    token = doc[trigger]
    sent = token.sent
    in_sent = [m for m in doc._.places or [] if m.literal and sent.start <= m.start < sent.end]
    attached = [(m, a) for m in in_sent if (a := _attachment(doc, m, token)) is not None]
    if attached:
        m, (_steps, prep) = max(attached, key=lambda ma: (ma[0].place.resolution, -ma[1][0]))
        return (
            m.place,
            "event",
            f"'{doc[m.start : m.end].text}' is tied to '{token.text}' by '{prep}'",
        )
    if in_sent:
        m = min(in_sent, key=lambda m: (m.place.resolution == 0, abs(m.start - trigger)))
        return (
            m.place,
            "event",
            f"'{doc[m.start : m.end].text}' is the nearest place in the sentence",
        )
    if sentence_only:
        return None, None, "no place in the sentence"
    main = _article_place(doc, sent.start)
    if main is not None:
        return (
            main,
            "article",
            f"'{main.extracted_place}' is the article's most frequent place so far",
        )
    dateline: Place | None = doc._.dateline_place
    if dateline is not None and dateline.country_code:
        country = Gazetteer.load().country(dateline.country_code)
        if country is not None:
            country = replace(country, extracted_place=dateline.extracted_place)
            return (
                country,
                "dateline",
                f"only the dateline '{dateline.extracted_place}' names a place: its country",
            )
    return None, None, "no place in the sentence, the article or the dateline"


mentions.register_extensions()
