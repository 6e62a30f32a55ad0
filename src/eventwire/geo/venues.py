"""Venues ("a dinner at Le Marais Bistro in Lyon", "the Pioneer cinema in Dewsbury") and sites
"in the <country> capital", which `facilities` places; actor spans that make a name no venue."""

from __future__ import annotations

from spacy.tokens import Doc

from eventwire.extraction.mentions import PlaceMention
from eventwire.geo.cues import before
from eventwire.geo.gazetteer import Gazetteer
from eventwire.geo.streets import area_name
from eventwire.records import Place

__all__ = ["VENUE_PREPS", "actor_in", "capital_named", "venue_before_in", "venue_noun"]

#: Words before a venue's name ("a dinner at X in Lyon").
VENUE_PREPS = frozenset({"at", "in", "inside", "outside", "near", "to", "from"})


def venue_before_in(doc: Doc, start: int, end: int) -> bool:
    """A name after a locative word and before "in": "at Le Marais Bistro in Lyon"; not a
    person's name ("a letter from Smith in Boston")."""
    prev = before(doc, start)
    if prev is None or prev.lower_ not in VENUE_PREPS:
        return False
    if not (end + 1 < len(doc) and doc[end].lower_ == "in" and doc[end + 1].is_title):
        return False
    return not (any(t.ent_type_ == "PERSON" for t in doc[start:end]) or actor_in(doc, start, end))


def actor_in(doc: Doc, start: int, end: int, kinds: tuple[str, ...] = ("person", "title")) -> bool:
    """Whether the actor stage found an actor of one of `kinds` in the span."""
    actors = doc._.actors or []
    return any(a.kind in kinds and a.start < end and start < a.end for a in actors)


def venue_noun(
    doc: Doc, start: int, end: int, *, nouns: frozenset[str], gaz: Gazetteer | None = None
) -> bool:
    """Whether a lower-case venue noun (`nouns`) and "in Y" follow the name `start:end`:
    "the Pioneer cinema in Dewsbury" is a cinema in Dewsbury, not a town Pioneer. Never for
    a country, state or alias (with `gaz`): "a Texas prison in Huntsville" keeps Texas."""
    if end + 2 >= len(doc) or not doc[end].is_lower:
        return False
    if not (doc[end].lower_ in nouns and doc[end + 1].lower_ == "in" and doc[end + 2].is_title):
        return False
    return gaz is None or not area_name(gaz, doc[start:end].text)


def capital_named(
    doc: Doc, country: PlaceMention, by_start: dict[int, PlaceMention]
) -> Place | None:
    """For "in the U.S. capital" ("X in the U.S. capital"): the capital of that country
    where the article names it elsewhere ("Washington"); None otherwise."""
    i = country.end + (1 if country.end < len(doc) and doc[country.end].tag_ == "POS" else 0)
    if country.place.feature_code != "PCLI" or i >= len(doc) or doc[i].lower_ != "capital":
        return None
    iso3 = country.place.country_code
    return next(
        (
            m.place
            for m in by_start.values()
            if m.place.feature_code == "PPLC" and m.place.country_code == iso3
        ),
        None,
    )
