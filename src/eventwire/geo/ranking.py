"""Ranking the gazetteer readings of a toponym by name match, feature class, population and
the article's context.

Context is the countries of other places and of actors in the document and the dateline's
country (`country_context`, weighed by each country's share, so that a few mentions of the
United States do not move "Rome" out of Italy), the admin-1 areas the article is about
(`article_provinces`: a US local story names its state once and its towns without it),
qualifiers next to the name (read by `qualifiers`: "Springfield, Illinois", "Sudan's North
Darfur"; "Town, Area" pairs fix both readings), the other places of the article
(`chosen_points`: the towns of a local story lie together) and coordination with states
("California or Washington"). Population counts a full point per tenfold, so a world city
keeps its name against same-named small towns unless the context is specific.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from spacy.tokens import Doc

from eventwire.datafiles import load_yaml
from eventwire.geo.gazetteer import ADMIN_WORDS, ALIAS, ALTERNATE, Candidate, normalize
from eventwire.records import Place

__all__ = [
    "BIG_CITY",
    "COMPASS",
    "COUNTY_CODES",
    "STRONG_CODES",
    "Hit",
    "Point",
    "article_provinces",
    "choose",
    "chosen_points",
    "coordinated_areas",
    "country_context",
    "near_reading",
    "province_key",
    "score_reading",
    "town_or_county",
]

COMPASS = frozenset(
    {"northern", "southern", "eastern", "western", "central", "northeastern", "northwestern",
     "southeastern", "southwestern", "north", "south", "east", "west", "occupied", "upper", "lower"}
)  # fmt: skip
#: Readings that are places even without a cue: countries, regions, admin-1 areas, capitals.
STRONG_CODES = frozenset({"PCLI", "RGN", "ADM1", "PPLC"})
#: A city this large is a place even without a cue (unless the NER says person/organisation).
BIG_CITY = 100_000
#: A world city: named in stories of every kind, so it votes for no admin-1 area; and a
#: city known by a longer name ("Oklahoma City") is meant by its state's bare name only when
#: it is one: "New York" is the city, "Oklahoma" the state. (A province or county named
#: like its city, "Cebu", still means the city.)
WORLD_CITY = 1_000_000
#: Score per tenfold population: a world city (London, 9M) outranks a same-named town of a
#: country the article names (London, Kentucky, 8k) unless a qualifier or state says otherwise.
POPULATION_WEIGHT = 1.0
#: Score for a reading near another place of the article, and how near (degrees, ~110 km).
NEAR_BONUS = 1.5
NEAR_DEG = 1.0
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
    pinned: Candidate | None = None  # the reading fixed by a "Town, Area" pair
    area_qualifier: bool = False  # "Knockhill, Fife.": an area qualifying an unknown name
    in_actor: bool = False  # a town opening an organisation's or title's name ("Cavan council")
    opening: bool = False  # a shorter name opening a longer one ("Owensboro Public Schools")


#: Feature codes of the areas that stand for a town: admin-2 areas (counties).
COUNTY_CODES = frozenset({"ADM2"})

#: The normalised key of a province name, cached: every reading of every name is compared.
province_key = lru_cache(maxsize=4096)(normalize)


def town_or_county(place: Candidate | Place) -> bool:
    """A town, or a county, which places a name as precisely as a town in local news."""
    return place.feature_class == "P" or place.feature_code in COUNTY_CODES


#: An alias (our data files) is the reading news means; it outweighs population and context.
#: ADM1 above a town: the index gives an admin-1 area its largest city's population, so a
#: same-named town of that size would tie ("a judge in Wyoming" is the state, not Wyoming,
#: Michigan); still below a national capital ("Washington" stays the city).
_MATCH_SCORE = {0: 7.0, 1: 3.0, 2: 1.0}
_CLASS_SCORE = {"PCLI": 2.0, "RGN": 2.0, "ADM1": 1.2, "PPLC": 1.5}


def score_reading(
    c: Candidate, hit: Hit, context: Counter[str], compass: bool, total: float | None = None
) -> float:
    """The reading's score; `total` is the sum of the positive context counts (computed here
    when not given: `choose` gives it once for all the readings of a name)."""
    score = _MATCH_SCORE.get(c.match, 1.0) + _CLASS_SCORE.get(
        c.feature_code, 1.0 if c.feature_class == "P" else 0.0
    )
    score += math.log10(c.population + 1) * POPULATION_WEIGHT
    score += _context_score(context, c.country_code, total)
    if c.province and province_key(c.province) in hit.qualifier_provinces:
        score += 5.0
    elif c.country_code in hit.qualifier_countries:
        score += 3.0
    if compass and c.feature_class in "AL":
        score += 1.0
    return score


def _context_score(context: Counter[str], country: str, total: float | None = None) -> float:
    """Up to 3 for a country the article keeps naming, scaled by its share of the context:
    three passing mentions of the United States in a British story do not move "Rome" there.
    """
    count = context.get(country, 0)
    if count <= 0:
        return 0.0
    if total is None:
        total = sum(v for v in context.values() if v > 0)
    return min(count, 3) * count / max(total, 1)


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
    A world city alone does not make a story local ("stops in New York and Boston" is no
    story about New York state); the towns near it are still drawn by `chosen_points`.

    Each hit remembers its own vote (`Hit.vote`) so that it does not count for itself:
    "Springfield" alone would otherwise vote for Missouri, its largest reading.
    """
    found: Counter[str] = Counter()
    if dateline is not None and dateline.province:
        found[normalize(dateline.province)] += 1
    elif dateline is not None and dateline.feature_code == "ADM1" and dateline.resolved_place:
        found[normalize(dateline.resolved_place)] += 1  # "CAMP MURRAY, Wash.": the state
    for hit, c in zip(hits, chosen, strict=True):
        if c.feature_code == "ADM1":
            hit.vote = normalize(c.name)
        elif (
            c.province
            and c.feature_class == "P"  # a county's population is its largest town's
            and (
                BIG_CITY <= c.population < WORLD_CITY or c.match == ALIAS or hit.qualifier_provinces
            )
        ):
            hit.vote = normalize(c.province)
        if hit.vote:
            found[hit.vote] += 1
    return found


Point = tuple[str, float, float]  # (normalised name, lat, lon) of a chosen reading


def chosen_points(hits: list[Hit], chosen: list[Candidate]) -> list[Point]:
    """Points of the towns and counties chosen on a first pass, one per name and place."""
    seen: set[tuple[str, int]] = set()
    points: list[Point] = []
    for hit, c in zip(hits, chosen, strict=True):
        key = (normalize(hit.text), c.geonameid)
        if key in seen or c.lat is None or c.lon is None:
            continue
        if town_or_county(c):
            seen.add(key)
            points.append((key[0], c.lat, c.lon))
    return points


def _near_bonus(c: Candidate, name: str, near: Sequence[Point], least: int = 1) -> float:
    """NEAR_BONUS per other name of the article placed within about NEAR_DEG of `c` (two at
    most): the towns of a local story lie together ("Red Oak" and "Montgomery County")."""
    if not near or c.lat is None or c.lon is None or c.feature_class not in "PA":
        return 0.0
    scale = math.cos(math.radians(c.lat))
    names = {
        n
        for n, lat, lon in near
        if n != name and abs(lat - c.lat) < NEAR_DEG and abs(lon - c.lon) * scale < NEAR_DEG
    }
    return NEAR_BONUS * min(len(names), 2) if len(names) >= least else 0.0


def near_reading(hit: Hit, near: Sequence[Point]) -> bool:
    """Whether a town or county reading of `hit` lies near another place of the article."""
    name = normalize(hit.text)
    return any(
        _near_bonus(c, name, near) > 0
        for c in hit.candidates[:50]
        if c.match != ALTERNATE and town_or_county(c)
    )


def choose(
    doc: Doc,
    hit: Hit,
    context: Counter[str],
    provinces: Counter[str] | None = None,
    *,
    near: Sequence[Point] = (),
) -> Candidate:
    if hit.pinned is not None:
        return hit.pinned
    top = hit.candidates[0]
    if len(hit.candidates) == 1:
        return top
    if top.match == ALIAS and top.feature_code != "PCLI" and not hit.qualifier_countries:
        return top  # our data files name the reading news means ("the Middle East", "Kyiv")
    prev = doc[hit.start - 1].lower_ if hit.start > 0 else ""
    compass = prev in COMPASS
    # A name's own reading must not count as its context ("Georgia" the country voting for itself).
    own = Counter({top.country_code: 1})
    # A town opening an organisation's or event's name ("the Venice Commission", "Cambridge
    # Analytica") is where the name comes from, not where the story is: the story's
    # countries say nothing of it (its qualifiers, states and nearby towns still count).
    ctx = Counter() if hit.opening or hit.in_actor else context - own
    if _prominent(hit):
        # A national capital, or a city dwarfing its namesakes, stays one against the
        # article's country mix ("In Washington" in a story about Britain, "born in
        # Manchester" in one about the US); qualifiers, states and nearby towns still move it.
        ctx = Counter({k: v for k, v in ctx.items() if k == top.country_code})
    # A state or country name stays one: "Florida" is no town of New York state.
    votes = Counter(provinces or ())
    strong = top.match != ALTERNATE and top.feature_code in STRONG_CODES - {"PPLC"}
    if strong:
        votes.clear()
    elif hit.vote:
        votes[hit.vote] -= 1
    near, least = ((), 1) if strong else _nearness(top, ctx, near)
    name = normalize(hit.text)
    total = sum(v for v in ctx.values() if v > 0)

    def score(c: Candidate) -> float:
        # A town of an area the article is about, or that area itself ("Washington" in a
        # story filed from a town of Washington state).
        area = (
            c.province if c.province is not None else c.name if c.feature_code == "ADM1" else None
        )
        local = area is not None and votes[province_key(area)] > 0
        bonus = (LOCAL_BONUS if local else 0.0) + _near_bonus(c, name, near, least)
        return score_reading(c, hit, ctx, compass, total) + bonus

    named = _after_place_noun(doc, hit.start)  # "the eastern department of Arauca"
    if named or hit.area_qualifier:
        areas = [c for c in hit.candidates[:50] if c.feature_code in ("ADM1", "ADM2", "RGN")]
        if not named:  # "Ramor Theatre, Virginia" in an Irish story is the Irish town
            main = context.most_common(1)[0][0] if context else None
            areas = [c for c in areas if c.country_code == main]
        if areas:
            return max(areas, key=score)
    return _main_city(doc, hit, max(hit.candidates[:50], key=score))


#: A city this many times larger than every same-named town elsewhere is the one meant
#: unless the article's states, qualifiers or nearby places say otherwise.
DOMINANT_RATIO = 5


def _prominent(hit: Hit) -> bool:
    """A capital, or a large town at least DOMINANT_RATIO times larger than every other
    town of its name (Manchester, England, not Manchester, New Hampshire)."""
    top = hit.candidates[0]
    if top.match == ALTERNATE or top.population < BIG_CITY:
        return False
    if top.feature_code == "PPLC":
        return True
    others = [
        c.population
        for c in hit.candidates[1:50]
        if c.feature_class == "P" and c.match != ALTERNATE and c.geonameid != top.geonameid
    ]
    return top.feature_class == "P" and top.population >= DOMINANT_RATIO * max(others, default=0)


@lru_cache(maxsize=1)
def _state_nouns() -> frozenset[str]:
    return frozenset(load_yaml("state_nouns.yaml")["state_nouns"])


def _main_city(doc: Doc, hit: Hit, best: Candidate) -> Candidate:
    """An admin area named after its largest city means the city ("New York", "Aleppo").

    Not when the text says it is the area: "New York state", "the province of Kabul", or
    names one of its institutions: "a New York court", "New York lawmakers".
    """
    if best.feature_code not in ("ADM1", "ADM2") or best.match == ALIAS:
        return best
    if normalize(hit.text).split()[-1] in ADMIN_WORDS or _after_place_noun(doc, hit.start):
        return best
    nxt = doc[hit.end].lower_ if hit.end < len(doc) else ""
    if nxt in ADMIN_WORDS or nxt in _state_nouns():
        return best
    cities = [
        c
        for c in hit.candidates[:50]
        if c.feature_class == "P"
        and c.country_code == best.country_code
        and c.population >= best.population > 0
        and (c.match != ALTERNATE or c.population >= WORLD_CITY or best.feature_code == "ADM2")
        and _inside(c, best)
    ]
    return cities[0] if cities else best


def _inside(city: Candidate, area: Candidate) -> bool:
    """A state's city must lie in it: Wyoming, Michigan, is no city of the state Wyoming.
    (Readings of counties carry no admin-1 link to check; they are let through.)"""
    if area.feature_code != "ADM1":
        return True
    return city.province is not None and province_key(city.province) == normalize(area.name)


def _nearness(
    top: Candidate, ctx: Counter[str], near: Sequence[Point]
) -> tuple[Sequence[Point], int]:
    """The points a name's readings may be drawn to, and how many other names must be near.

    A capital moves only for a cluster of towns ("Vienna" among Fairfax and Manassas), and
    not at all in an article about its country.
    """
    if top.match == ALTERNATE or top.feature_code != "PPLC":
        return near, 1
    return ((), 2) if ctx[top.country_code] > 0 else (near, 2)


def _after_place_noun(doc: Doc, i: int) -> bool:
    """ "the province of X": an admin noun and "of" right before token `i`."""
    k = i - 1
    return k > 0 and doc[k].lower_ == "of" and doc[k - 1].lower_ in ADMIN_WORDS


def coordinated_areas(doc: Doc, hits: list[Hit], chosen: list[Candidate]) -> list[Candidate]:
    """A name listed with states is a state: "California or Washington", "Ohio and Georgia".

    A hit coordinated (conj) with a hit read as an admin-1 area takes its own admin-1
    reading of the same country, when it has one and no "Town, Area" pair fixed it.
    """
    by_root = {doc[h.start : h.end].root.i: k for k, h in enumerate(hits)}
    result = list(chosen)
    for k, hit in enumerate(hits):
        if hit.pinned is not None or chosen[k].feature_code == "ADM1":
            continue
        root = doc[hit.start : hit.end].root
        linked = [by_root.get(root.head.i)] if root.dep_ == "conj" else []
        linked += [by_root.get(t.i) for t in root.children if t.dep_ == "conj"]
        states = {
            chosen[m].country_code
            for m in linked
            if m is not None and m != k and chosen[m].feature_code == "ADM1"
        }
        areas = [
            c
            for c in hit.candidates[:10]
            if c.feature_code == "ADM1" and c.match != ALTERNATE and c.country_code in states
        ]
        if areas:
            result[k] = areas[0]
    return result
