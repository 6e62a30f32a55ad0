"""Toponyms: find them with the gazetteer and the parse and resolve them (`event_location`
chooses an event's place; `event_place` is re-exported here for the pipeline).

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
from dataclasses import dataclass

from spacy.language import Language
from spacy.tokens import Doc, Span

from eventwire.extraction import mentions
from eventwire.extraction.mentions import PlaceMention
from eventwire.geo.demonyms import demonym_places
from eventwire.geo.event_location import EVENT_PREPS, OF_HEADS, event_place
from eventwire.geo.gazetteer import ADMIN_WORDS, ALIAS, ALTERNATE, Candidate, Gazetteer, normalize
from eventwire.records import Place

__all__ = ["event_place", "find_places", "places_component", "resolve_dateline"]

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
#: Words after a name that make it a physical feature: "Dnipro River" is not the city Dnipro.
FEATURE_WORDS = frozenset(
    {"river", "sea", "mountains", "mountain", "ocean", "canal", "strait", "hills", "lake", "bay",
     "creek", "desert", "range", "island", "islands", "valley", "dam", "reservoir"}
)  # fmt: skip
#: Prepositions that make a name a place even where the actor stage took it for a person.
STRONG_CUES = frozenset({"in", "near", "outside", "around", "into", "across", "toward", "towards"})
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
    place); other spans are also searched for shorter names, marked `partial`. A span is
    extended by a following admin word ("Kursk region"); a name before a feature word
    ("Dnipro River") is no settlement and is left to `_features`.
    """
    skip = _actor_tokens(doc)
    blocked = _blocked(doc)
    hits: list[_Hit] = []
    taken: set[int] = set()
    whole = [(e.start, e.end, e.label_) for e in doc.ents if e.label_ in SPAN_LABELS]
    spans = whole + [(s, e, "") for s, e in _runs(doc)]
    # Longest first, so that a run holding a shorter entity ("Ilocos" in "Ilocos Norte") wins.
    for start, end, label in sorted(spans, key=lambda s: s[0] - s[1]):
        shortest, last = (end - 1, start + 1) if label == "PERSON" else (start, end)
        if end < len(doc) and doc[end].lower_ in ADMIN_WORDS:
            end, shortest = end + 1, min(shortest, end)
        i = start
        while i < last:
            for j in range(min(end, i + MAX_RUN), max(i, shortest), -1):
                tokens = set(range(i, j))
                if tokens & taken or (not label and tokens & blocked):
                    continue
                if j < len(doc) and doc[j].lower_ in FEATURE_WORDS:
                    continue
                span = _strip_the(doc[i:j])
                found = (
                    gaz.candidates(span.text) if span[-1].ent_type_ not in ("DATE", "TIME") else []
                )
                if found and tokens & skip and not _person_place(doc, i, found[0]):
                    continue
                if found:
                    partial = (i, j) != (start, end)
                    text = _name_text(span)
                    hits.append(_Hit(i, j, text, found, label or span[0].ent_type_, partial))
                    taken.update(tokens)
                    i = j - 1
                    break
            i += 1
    return sorted(hits, key=lambda h: h.start)


def _person_place(doc: Doc, i: int, top: Candidate) -> bool:
    """A name the actor stage took for a person that is a place here: a town of our alias
    list ("Khan Younis", often tagged PERSON) or a name after "in", "the town of", ..."""
    return top.match == ALIAS and top.feature_class == "P" or _strong_cue(doc, i)


def _strong_cue(doc: Doc, i: int) -> bool:
    """A locative preposition or "the town of" before token `i`: a name there is a place."""
    k = i - 1 if i > 0 and doc[i - 1].lower_ != "the" else i - 2
    if k < 0:
        return False
    if doc[k].lower_ in STRONG_CUES:
        return True
    return doc[k].lower_ == "of" and k > 0 and doc[k - 1].lower_ in OF_HEADS


def _features(doc: Doc, taken: set[int]) -> list[PlaceMention]:
    """Named physical features ("the Dnipro River"), kept unresolved: no settlement is meant."""
    found: list[PlaceMention] = []
    for start, end in _runs(doc):
        if end - start < 2 or doc[end - 1].lower_ not in FEATURE_WORDS:
            continue
        if taken.intersection(range(start, end)):
            continue
        span = doc[start:end]
        found.append(PlaceMention(start, end, Place(extracted_place=span.text, resolution=0)))
    return found


def _name_text(span: Span) -> str:
    """The name as written, without a trailing common admin word ("Kursk region" -> "Kursk")."""
    if len(span) > 1 and span[-1].is_lower and span[-1].lower_ in ADMIN_WORDS:
        return span[:-1].text
    return span.text


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

    def score(c: Candidate) -> float:
        return _score(c, hit, ctx, compass)

    if _after_place_noun(doc, hit.start):  # "the eastern department of Arauca"
        areas = [c for c in hit.candidates[:50] if c.feature_code in ("ADM1", "ADM2", "RGN")]
        if areas:
            return max(areas, key=score)
    return _main_city(doc, hit, max(hit.candidates[:50], key=score))


def _main_city(doc: Doc, hit: _Hit, best: Candidate) -> Candidate:
    """An admin area named after its largest city means the city ("New York", "Aleppo").

    Not when the text says it is the area: "New York state", "the province of Kabul".
    """
    if best.feature_code not in ("ADM1", "ADM2") or best.match == ALIAS:
        return best
    if normalize(hit.text).split()[-1] in ADMIN_WORDS or _after_place_noun(doc, hit.start):
        return best
    if hit.end < len(doc) and doc[hit.end].lower_ in ADMIN_WORDS:
        return best
    cities = [
        c
        for c in hit.candidates[:50]
        if c.feature_class == "P"
        and c.country_code == best.country_code
        and c.population >= best.population > 0
    ]
    return cities[0] if cities else best


def _after_place_noun(doc: Doc, i: int) -> bool:
    """ "the province of X": an admin noun and "of" right before token `i`."""
    k = i - 1
    return k > 0 and doc[k].lower_ == "of" and doc[k - 1].lower_ in ADMIN_WORDS


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
    features = _features(doc, taken)
    taken.update(i for m in features for i in range(m.start, m.end))
    unresolved = _unresolved(doc, taken)
    taken.update(i for m in unresolved for i in range(m.start, m.end))
    adjectives = demonym_places(doc, taken, gazetteer=gaz)
    return sorted(result + features + unresolved + adjectives, key=lambda m: m.start)


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


mentions.register_extensions()
