"""Toponyms: find them with the gazetteer and the parse and resolve them (`event_location`
chooses an event's place; `event_place` is re-exported here for the pipeline).

Spans are found and kept in `lookup` (gazetteer matches in proper-noun runs and entities).
Readings are ranked in `ranking` (name match, feature class, population, the article's
countries, states, qualifiers and other places). A name the model missed for lack of a cue
("the Allendale council", tagged ORG) is kept on a second pass when it is a town of a state
the article is about, and `cues.rescued` keeps names the article's other places vouch for
("in Hilversum and Almelo", a name used as a place elsewhere in the article). State
abbreviations are read after a town (and, for Canada and Australia, alone) only
(`abbreviations`); streets and named sites are placed at the town the article puts them
in (`facilities`), and names after "in", "at", ... that the gazetteer lacks at the town
their qualifier names ("a barn in Thornleigh Bottoms, Leeds"). Towns opening an organisation's
name, and names only the actor stage took for persons, need the article's other places to
vouch for them (`vouched`). The dateline is read in `dateline_place`.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from spacy.language import Language
from spacy.tokens import Doc

from eventwire.extraction import mentions
from eventwire.extraction.mentions import PlaceMention
from eventwire.geo.abbreviations import abbreviation_hits, article_countries, lone_hits
from eventwire.geo.cues import FEATURE_WORDS, cued, modifier, rescued
from eventwire.geo.dateline_place import resolve_dateline
from eventwire.geo.demonyms import demonym_places
from eventwire.geo.event_location import event_place
from eventwire.geo.facilities import (
    Facility,
    facility_spans,
    place_facilities,
    qualifier_town,
    town_size,
)
from eventwire.geo.gazetteer import ALIAS, Candidate, Gazetteer, normalize
from eventwire.geo.given import TokenSpan, given_hits, given_mentions
from eventwire.geo.lookup import accept, actor_tokens, lookup_spans, name_runs, the_noun
from eventwire.geo.qualifiers import qualify
from eventwire.geo.ranking import (
    COMPASS,
    Hit,
    article_provinces,
    choose,
    chosen_points,
    coordinated_areas,
    country_context,
)
from eventwire.geo.vouched import local_towns, named_after, near_towns
from eventwire.records import Place

__all__ = ["event_place", "find_places", "places_component", "resolve_dateline"]

#: Prepositions whose capitalised object is kept as an unresolved place.
UNRESOLVED_PREPS = frozenset({"in", "near", "around", "outside", "at"})
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


def _features(doc: Doc, taken: set[int], runs: list[tuple[int, int]]) -> list[PlaceMention]:
    """Named physical features ("the Dnipro River"), kept unresolved: no settlement is meant."""
    found: list[PlaceMention] = []
    for start, end in runs:
        if end - start < 2 or doc[end - 1].lower_ not in FEATURE_WORDS:
            continue
        if taken.intersection(range(start, end)):
            continue
        span = doc[start:end]
        found.append(PlaceMention(start, end, Place(extracted_place=span.text, resolution=0)))
    return found


# --- resolving -------------------------------------------------------------------------------


def _literal(doc: Doc, hit: Hit, cand: Candidate) -> bool:
    """False for a country, capital or state acting as the subject of a verb ("Turkey shelled")."""
    root = doc[hit.start : hit.end].root
    if cand.feature_code not in ("PCLI", "PPLC", "ADM1"):
        return True
    return not (root.dep_ == "nsubj" and root.head.pos_ in ("VERB", "AUX"))


def _unresolved(
    doc: Doc, taken: set[int], runs: list[tuple[int, int]], skip: dict[int, str]
) -> list[PlaceMention]:
    """Capitalised objects of in/near/around/outside/at that the gazetteer does not know,
    and landform nouns after "the" and a preposition ("atop the Valley", `lookup.the_noun`),
    which it is not asked."""
    found: list[PlaceMention] = []
    for start, end in runs:
        span = doc[start:end]
        root = span.root
        if taken.intersection(range(start, end)) or skip.keys() & range(start, end):
            continue
        after_prep = root.dep_ == "pobj" and root.head.lower_ in UNRESOLVED_PREPS
        labelled = any(t.ent_type_ in NOT_PLACE_LABELS for t in span)
        # "atop the Mesa" is a place, whatever the model's label or preposition
        landform = root.dep_ == "pobj" and the_noun(doc, span)
        if not landform and (not after_prep or labelled):
            continue
        found.append(PlaceMention(start, end, Place(extracted_place=span.text, resolution=0)))
    return found


def _in_town(doc: Doc, mention: PlaceMention, mentions: list[PlaceMention]) -> PlaceMention:
    """A name the gazetteer lacks after "in", "at", ... placed at the town its qualifier
    names ("a barn in Thornleigh Bottoms, Leeds", "at Salt + Smoke in Chicago"); never at
    the article's main town, which may lie far from a village it does not know."""
    town = qualifier_town(doc, mention.start, mention.end, mentions)
    if town is None:
        return mention
    place = replace(
        town, extracted_place=mention.place.extracted_place, resolution=min(town.resolution, 4)
    )
    return PlaceMention(mention.start, mention.end, place)


def find_places(
    doc: Doc, *, gazetteer: Gazetteer | None = None, given: Sequence[TokenSpan] = ()
) -> list[PlaceMention]:
    """Every toponym mention in a parsed `Doc`, resolved, in text order; with `given` token
    spans, exactly one mention per given span, in the given order (see `given`)."""
    gaz = gazetteer or Gazetteer.load()
    runs = name_runs(doc)  # computed once: four steps read them
    actor_kinds = actor_tokens(doc)  # likewise, three steps
    facilities = facility_spans(doc, runs, gaz=gaz)
    found, hits, embedded = _gather(doc, gaz, runs, facilities, actor_kinds)
    bounds: list[TokenSpan | None] = []
    if given:
        streets = frozenset(
            i for s, e, kind in facilities if kind == "streets" for i in range(s, e)
        )
        hits, bounds = given_hits(doc, gaz, given, found, hits, streets=streets)
    accepted = {h.start for h in hits}
    hits, chosen = _resolve(doc, found, hits)
    unplaced = _generic_abroad(doc, hits, chosen)
    # A town vouched for by the article inside a longer name is that name's modifier; one
    # only the actor stage took for a person ("Valemount is looking") is the town itself.
    embedded |= {
        h.start
        for h in hits
        if h.start not in accepted and named_after(h) and actor_kinds.get(h.start) != "person"
    }
    sites = {i for s, e, kind in facilities if kind == "sites" for i in range(s, e)}
    result = _mentions(doc, gaz, hits, chosen, sites, embedded, actor_kinds)
    result = [
        replace(m, place=Place(unplaced[m.start], resolution=0)) if m.start in unplaced else m
        for m in result
    ]
    sure = frozenset(
        h.start for h in hits if not h.in_actor and (h.label != "PERSON" or cued(doc, h))
    )
    line = doc._.dateline_place
    result = place_facilities(doc, facilities, result, line, sure=sure, size=town_size(gaz))
    taken = {i for m in result for i in range(m.start, m.end)}
    features = _features(doc, taken, runs)
    taken.update(i for m in features for i in range(m.start, m.end))
    unresolved = _unresolved(doc, taken, runs, actor_kinds)
    taken.update(i for m in unresolved for i in range(m.start, m.end))
    unresolved = [_in_town(doc, m, result) for m in unresolved]
    adjectives = demonym_places(doc, taken, gazetteer=gaz)
    result = sorted(result + features + unresolved + adjectives, key=lambda m: m.start)
    if not given:
        return result
    # The stage's own toponyms, not the caller's, name the article's main town: found by a
    # second run, only when a given name needs a town (few articles do).
    own: list[list[PlaceMention]] = []

    def context() -> list[PlaceMention]:
        if not own:
            own.append(find_places(doc, gazetteer=gaz))
        return own[0]

    return given_mentions(doc, gaz, (given, bounds), result, context)


def _gather(
    doc: Doc,
    gaz: Gazetteer,
    runs: list[tuple[int, int]],
    facilities: list[Facility],
    actor_kinds: dict[int, str],
) -> tuple[list[Hit], list[Hit], set[int]]:
    """(every gazetteer hit, the accepted ones, starts of accepted non-literal modifiers)."""
    # A name inside a street name is not where the street is ("Atlantic Avenue").
    streets = {i for s, e, kind in facilities if kind == "streets" for i in range(s, e)}
    sites = {i for s, e, kind in facilities if kind != "streets" for i in range(s, e)}
    found = [
        h
        for h in lookup_spans(doc, gaz, runs, actor_kinds)
        if h.candidates[0].match == ALIAS or not streets.intersection(range(h.start, h.end))
    ]
    starts = {h.start for h in found}
    for hit in found:
        # A site's town is read by `facilities`, only when accepted ("Rogers Centre"); a name
        # before another one is no town the rest is named after ("Old Town Manassas").
        if sites.intersection(range(hit.start, hit.end)) or hit.end in starts:
            hit.opening = False
    found = [h for h in found if not h.in_actor or h.start not in sites]
    hits = [h for h in found if accept(doc, h)]
    saved = rescued(doc, found, hits)
    hits += saved
    states = abbreviation_hits(doc, hits, gaz)  # "Slidell, La.": not "La" the town
    states += lone_hits(doc, hits + states, gaz, article_countries(doc, hits))  # "FrontCounter BC"
    covered = {i for h in states for i in range(h.start, h.end)}
    hits = [h for h in hits if not covered.intersection(range(h.start, h.end))] + states
    hits.sort(key=lambda h: h.start)
    return found, hits, {h.start for h in saved if modifier(doc, h)}


def _resolve(doc: Doc, found: list[Hit], hits: list[Hit]) -> tuple[list[Hit], list[Candidate]]:
    """Readings in three passes: context countries and qualifiers; then the admin-1 areas
    the article is about (adding their towns); then nearness to the article's other places."""
    qualify(doc, hits)
    context = country_context(doc, hits, doc._.dateline_place)
    chosen = [choose(doc, hit, context) for hit in hits]
    provinces = article_provinces(hits, chosen, doc._.dateline_place)
    if provinces:
        hits = sorted(hits + local_towns(found, hits, provinces), key=lambda h: h.start)
        qualify(doc, hits)
        chosen = [choose(doc, hit, context, provinces) for hit in hits]
    near = chosen_points(hits, chosen)
    line = doc._.dateline_place
    if line is not None and line.lat is not None and line.lon is not None and line.resolution > 2:
        near.append(("<dateline>", line.lat, line.lon))
    extra = near_towns(found, hits, near)
    if extra:
        hits = sorted(hits + extra, key=lambda h: h.start)
        qualify(doc, hits)
    if len(near) > 1 or extra:
        chosen = [choose(doc, hit, context, provinces, near=near) for hit in hits]
    return hits, coordinated_areas(doc, hits, chosen)


#: Words of names that are common words of direction: "the West", "Western", "the Gulf".
_GENERIC_WORDS = COMPASS | {"gulf", "coast"}


def _generic_abroad(doc: Doc, hits: list[Hit], chosen: list[Candidate]) -> dict[int, str]:
    """Hits (start -> text) whose reading, an administrative area named by common words
    only ("the West" read as Cameroon's West region, "Western" as Ghana's, "the Gulf" as
    Papua New Guinea's), is in a country nothing else in the article (other places,
    actors, the dateline) names: such a name is a direction or a world region, not that
    remote area, and is kept unresolved."""
    generic = {
        hit.start: cand.country_code
        for hit, cand in zip(hits, chosen, strict=True)
        if cand.feature_class == "A"
        and cand.feature_code != "PCLI"
        and set(normalize(hit.text).split()) <= _GENERIC_WORDS
    }
    if not generic:
        return {}
    others = [h for h in hits if h.start not in generic]
    context = country_context(doc, others, doc._.dateline_place)
    return {h.start: h.text for h in hits if h.start in generic and context[generic[h.start]] <= 0}


def _mentions(
    doc: Doc,
    gaz: Gazetteer,
    hits: list[Hit],
    chosen: list[Candidate],
    sites: set[int],
    embedded: set[int],
    actor_kinds: dict[int, str],
) -> list[PlaceMention]:
    result: list[PlaceMention] = []
    for hit, cand in zip(hits, chosen, strict=True):
        if cand.feature_class != "P" and hit.start in sites:
            continue  # "Central Mental Hospital": only a town in a site's name locates it
        place = gaz.place(cand, extracted=hit.text)
        literal = (
            _literal(doc, hit, cand)
            and hit.start not in embedded
            and not any(
                actor_kinds.get(t) in ("title", "organisation") for t in range(hit.start, hit.end)
            )
        )
        result.append(PlaceMention(hit.start, hit.end, place, literal=literal))
    return result


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
