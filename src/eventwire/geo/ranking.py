"""Ranking the gazetteer readings of a toponym by name match, feature class, population and
the article's context.

Context is the countries of other places and of actors in the document and the dateline's
country (`country_context`), the admin-1 areas the article is about (`article_provinces`:
a US local story names its state once and its towns without it), and qualifiers next to
the name ("Springfield, Illinois", "Sudan's North Darfur", "Khan Younis in southern Gaza").
"""

from __future__ import annotations

import math
from collections import Counter
from dataclasses import dataclass

from spacy.tokens import Doc

from eventwire.geo.gazetteer import ADMIN_WORDS, ALIAS, ALTERNATE, Candidate, normalize
from eventwire.records import Place

__all__ = [
    "BIG_CITY",
    "COMPASS",
    "STRONG_CODES",
    "Hit",
    "article_provinces",
    "choose",
    "country_context",
    "qualify",
    "score_reading",
]

COMPASS = frozenset(
    {"northern", "southern", "eastern", "western", "central", "northeastern", "northwestern",
     "southeastern", "southwestern", "north", "south", "east", "west", "occupied", "upper", "lower"}
)  # fmt: skip
#: Readings that are places even without a cue: countries, regions, admin-1 areas, capitals.
STRONG_CODES = frozenset({"PCLI", "RGN", "ADM1", "PPLC"})
#: A city this large is a place even without a cue (unless the NER says person/organisation).
BIG_CITY = 100_000
#: Score for a reading in an admin-1 area the article names (a town in "the state").
LOCAL_BONUS = 2.0


@dataclass(slots=True)
class Hit:
    """A gazetteer match in a document: token span, readings and qualifier evidence."""

    start: int
    end: int
    text: str
    candidates: list[Candidate]
    label: str
    partial: bool = False
    qualifier_countries: frozenset[str] = frozenset()
    qualifier_provinces: frozenset[str] = frozenset()
    vote: str | None = None  # the admin-1 area this name's reading votes for


def qualify(doc: Doc, hits: list[Hit]) -> None:
    """Mark names qualified by a neighbour: "X, Y", "Y's X", "X in Y"."""
    by_start = {h.start: h for h in hits}
    by_end = {h.end: h for h in hits}
    for hit in hits:
        quals: list[Hit] = []
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


def score_reading(c: Candidate, hit: Hit, context: Counter[str], compass: bool) -> float:
    score = _MATCH_SCORE.get(c.match, 1.0) + _CLASS_SCORE.get(
        c.feature_code, 1.0 if c.feature_class == "P" else 0.0
    )
    score += math.log10(c.population + 1) / 2
    score += min(context.get(c.country_code, 0), 3) * 1.0
    if c.province and normalize(c.province) in hit.qualifier_provinces:
        score += 5.0
    elif c.country_code in hit.qualifier_countries:
        score += 3.0
    if compass and c.feature_class in "AL":
        score += 1.0
    return score


def country_context(doc: Doc, hits: list[Hit], dateline: Place | None) -> Counter[str]:
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


def article_provinces(
    hits: list[Hit], chosen: list[Candidate], dateline: Place | None
) -> Counter[str]:
    """Admin-1 areas the article is about, with their number of votes: the areas it names,
    those of its large, qualified or alias towns ("Tulsa, Oklahoma") and the dateline's.

    Each hit remembers its own vote (`Hit.vote`) so that it does not count for itself:
    "Springfield" alone would otherwise vote for Missouri, its largest reading.
    """
    found: Counter[str] = Counter()
    if dateline is not None and dateline.province:
        found[normalize(dateline.province)] += 1
    for hit, c in zip(hits, chosen, strict=True):
        if c.feature_code == "ADM1":
            hit.vote = normalize(c.name)
        elif c.province and (
            c.population >= BIG_CITY or c.match == ALIAS or hit.qualifier_provinces
        ):
            hit.vote = normalize(c.province)
        if hit.vote:
            found[hit.vote] += 1
    return found


def choose(
    doc: Doc, hit: Hit, context: Counter[str], provinces: Counter[str] | None = None
) -> Candidate:
    top = hit.candidates[0]
    if top.match == ALIAS and top.feature_code != "PCLI" and not hit.qualifier_countries:
        return top  # our data files name the reading news means ("the Middle East", "Kyiv")
    prev = doc[hit.start - 1].lower_ if hit.start > 0 else ""
    compass = prev in COMPASS
    # A name's own reading must not count as its context ("Georgia" the country voting for itself).
    own = Counter({top.country_code: 1})
    ctx = context - own
    # A state or country name stays one: "Florida" is no town of New York state.
    votes = Counter(provinces or ())
    if top.match != ALTERNATE and top.feature_code in STRONG_CODES - {"PPLC"}:
        votes.clear()
    elif hit.vote:
        votes[hit.vote] -= 1

    def score(c: Candidate) -> float:
        local = c.province is not None and votes[normalize(c.province)] > 0
        return score_reading(c, hit, ctx, compass) + (LOCAL_BONUS if local else 0.0)

    if _after_place_noun(doc, hit.start):  # "the eastern department of Arauca"
        areas = [c for c in hit.candidates[:50] if c.feature_code in ("ADM1", "ADM2", "RGN")]
        if areas:
            return max(areas, key=score)
    return _main_city(doc, hit, max(hit.candidates[:50], key=score))


def _main_city(doc: Doc, hit: Hit, best: Candidate) -> Candidate:
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
