"""Places smaller than a town: streets and named sites ("Oxford Road", "St Mary's Hospital").

cities500 has no streets or buildings, so such a name is placed at the town it lies in when,
and only when, the article says which town that is:
  1. a qualifier next to the name: "X in Manchester", "X in southwest Miami", "X, Cheshire",
     "Brooklyn's X", also past a date ("X on Wednesday, Nov. 2, in Fresno") and as a
     country's capital the article names ("X in the U.S. capital": Washington);
  2. for a street or site, a town "in Y" of the same clause, wherever it stands ("at X
     Hospital on Friday, after a crash in Leeds");
  3. the article's main town: the town named more often than any other in the country the
     article names most, the dateline's counting as one mention; the dateline's town alone
     when the body names no town. A one-word name that is also part of a person's full name
     in the article ("Villanueva" beside "Marc Villanueva") counts only if a locative word
     introduces it somewhere ("in Villanueva").
The place is then the town's (resolved_place, geonameid and point are the town's, resolution
4, or 3 for a county qualifier), with the name as written kept in `extracted_place`: the town
is where we know the site is. Without any of these a site is kept unresolved (resolution 0);
a town named nowhere in the article is never guessed.

British and Irish road numbers after "the" ("on the A417", "the A436, A40 and A429") are
streets too, kept only when their town is in Britain or Ireland ("the A350" is an aircraft),
and so are names listed after a street cue and before a plural street word ("at State and
Hubbard streets"; see `streets`), which take a qualifier or clause town, never the main one.

Any other name after a locative word and before "in Y" ("a dinner at Le Marais Bistro in
Lyon"), or before a lower-case venue noun and "in Y" ("the Pioneer cinema in Dewsbury"), is
a venue in Y: it is placed there when Y is a resolved town, and dropped otherwise.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from dataclasses import replace
from functools import lru_cache

from spacy.tokens import Doc

from eventwire.datafiles import load_yaml
from eventwire.extraction.doctables import sentence_of
from eventwire.extraction.mentions import PlaceMention
from eventwire.geo.cues import strong_cue
from eventwire.geo.gazetteer import Gazetteer
from eventwire.geo.qualifiers import past_date
from eventwire.geo.ranking import COMPASS, town_or_county
from eventwire.geo.streets import ROAD_COUNTRIES, listed_streets, road_number, road_spans
from eventwire.geo.venues import actor_in, capital_named, venue_before_in, venue_noun
from eventwire.geodesy import km
from eventwire.records import Place

__all__ = [
    "Facility",
    "facility_spans",
    "facility_word",
    "place_facilities",
    "site_town",
    "town_size",
]

Facility = tuple[int, int, str]  # (start token, end token, "streets" | "sites" | "venues")


@lru_cache(maxsize=1)
def _words() -> dict[str, frozenset[str]]:
    data = load_yaml("facility_words.yaml")
    kinds = ("streets", "sites", "venues", "institutions")
    return {kind: frozenset(data[kind]) for kind in kinds}


@lru_cache(maxsize=1)
def _any_words() -> frozenset[str]:
    """The street and site words together."""
    return _words()["streets"] | _words()["sites"]


def facility_word(word: str) -> bool:
    """Whether a lower-case word ends the name of a street, site, venue or institution
    ("hospital", "school"): a "Mount X" so named is no mountain."""
    return any(word.rstrip(".") in words for words in _words().values())


#: Words between "in" and its town: "in (southwest / the / downtown) Leeds".
_IN_SKIP = COMPASS | {"the", "downtown", "central"}


def facility_spans(
    doc: Doc, runs: list[tuple[int, int]], *, gaz: Gazetteer | None = None
) -> list[Facility]:
    """Proper-noun runs of two or more tokens whose last word is a street or site word,
    venues (`venues`), road numbers and listed streets (`streets`);
    `gaz` keeps countries, states and big towns out of venue names and street lists.

    A possessive inside the run stays with it ("St Mary's Hospital"); a run that opens with
    a possessive town ("Derry's Altnagelvin Hospital") starts after it. A capitalised
    street or site word right after the run ends it even if tagged a common noun.
    """
    known = _any_words()
    words = {k: v for k, v in _words().items() if k in ("streets", "sites")}
    found: list[Facility] = []
    for start, end in _joined(doc, runs):
        if end < len(doc) and doc[end].is_title and doc[end].lower_.rstrip(".") in known:
            end += 1  # the model often tags the head a common noun: "the Kilburn Estate"
        last = doc[end - 1].lower_.rstrip(".")
        kind = next((k for k, ws in words.items() if last in ws), None)
        if kind is not None and end - start >= 2:
            found.append((start, end, kind))
        elif venue_before_in(doc, start, end):
            found.append((start, end, "venues"))
        elif venue_noun(doc, start, end, nouns=_words()["venues"] | known, gaz=gaz):
            found.append((start, end + 1, "venues"))  # "the Pioneer cinema in Dewsbury"
    return sorted(found + road_spans(doc) + listed_streets(doc, gaz=gaz), key=lambda f: f[0])


def _joined(doc: Doc, runs: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Runs with "X's Y" rejoined when Y ends in a site word ("St Mary's Hospital")."""
    joined: list[tuple[int, int]] = []
    for start, end in runs:
        prev = joined[-1] if joined else None
        if (
            prev is not None
            and prev[1] + 1 == start
            and doc[prev[1]].tag_ == "POS"
            and end - start == 1
        ):
            joined[-1] = (prev[0], end)
        else:
            joined.append((start, end))
    return joined


def place_facilities(
    doc: Doc,
    facilities: list[Facility],
    mentions: list[PlaceMention],
    dateline: Place | None,
    *,
    sure: frozenset[int] = frozenset(),
    size: Callable[[Place], int] | None = None,
) -> list[PlaceMention]:
    """`mentions` with the sites and streets added, placed at their town when it is known.

    A town inside a site's name ("Colchester General Hospital", kept by the caller) locates
    the site, unless a qualifier names another town ("Riverside Infirmary in Glasgow") or
    the name is an owner's ("St Peter's Basilica"): then the inner name is dropped. `sure`
    holds the starts of the mentions that may count for the main town; `size` (see
    `town_size`) breaks a tie between main towns.
    """
    by_start = {m.start: m for m in mentions}
    by_end = {m.end: m for m in mentions}
    # A name the model tags a person counts for no main town: not "McGregor" the fighter.
    sure_mentions = [m for m in mentions if m.start in sure]
    main = _main_town(_not_persons(doc, sure_mentions), dateline, size)
    kept = list(mentions)
    whole = {(m.start, m.end) for m in mentions}
    for start, end, kind in facilities:
        span = range(start, end)
        touching = [m for m in kept if m.start < end and start < m.end]
        if any(m.start not in span or m.end - 1 not in span for m in touching):
            continue  # a name crossing the site's bounds: leave both as they are
        qualifier = _qualifier(doc, start, end, by_start, by_end)
        owners = any(m.end < end and doc[m.end].tag_ == "POS" for m in touching)
        if touching and qualifier is None and not owners:
            continue  # "Colchester General Hospital" is in Colchester; "St Peter's" is no town
        if kind == "venues" and (qualifier is None or (start, end) in whole):
            continue  # a venue is only known by its "in Y"; "Brooklyn in New York" stays
        if qualifier is None and actor_in(doc, start, end, ("organisation",)):
            continue  # "the Carter Center" is an organisation: no main town for it
        text = doc[start:end].text
        local = _local_town(doc, start, end, sure_mentions, main) if kind != "venues" else None
        # a one-word listed street ("State" of "State and Hubbard streets") is in a town
        # the text puts it in, never just the article's main one
        listed = kind == "streets" and end - start == 1 and not road_number(text)
        town = qualifier or local or (None if listed else main)
        if road_number(text) and (town is None or town.country_code not in ROAD_COUNTRIES):
            continue  # "the A380" in a story placed nowhere in Britain is an aircraft
        kept = [m for m in kept if m not in touching]
        place = (
            Place(extracted_place=text, resolution=0)
            if town is None
            else replace(town, extracted_place=text, resolution=min(town.resolution, 4))
        )
        kept.append(PlaceMention(start, end, place))
    return sorted(kept, key=lambda m: m.start)


def site_town(
    doc: Doc,
    start: int,
    end: int,
    mentions: list[PlaceMention],
    dateline: Place | None,
    *,
    towns: list[PlaceMention] | None = None,
    size: Callable[[Place], int] | None = None,
) -> Place | None:
    """The town a name the gazetteer lacks lies in, by the rules above: its qualifier ("X in
    Y") among `mentions`, else a town of its clause (streets and sites), else the main town
    among `towns` (default `mentions`, less names of persons); None when the article names
    none. A known organisation ("the United Nations") has only its qualifier's town, as in
    `place_facilities`."""
    qualifier = qualifier_town(doc, start, end, mentions)
    if qualifier is None and actor_in(doc, start, end, ("organisation",)):
        return None
    main = _main_town(_not_persons(doc, mentions if towns is None else towns), dateline, size)
    local = doc[end - 1].lower_.rstrip(".") in _any_words()
    town = qualifier or (_local_town(doc, start, end, mentions, main) if local else None) or main
    return None if town is None else replace(town, resolution=min(town.resolution, 4))


def _local_town(
    doc: Doc, start: int, end: int, mentions: list[PlaceMention], main: Place | None
) -> Place | None:
    """For a street or site, the town "in Y" names nearest it in its own clause, before or
    after it ("treated at X Hospital ... after a crash in Leeds"), of the main town's
    country; None when the clause names none.

    Only "in Y": "married at X Church before a honeymoon to Y" names no town of X; only the
    clause (a sentence cut at semicolons): "X Hall, Y; Z Centre" is a list of places. A
    paragraph-wide search placed more sites wrong than right on GeoWebNews."""
    country = None if main is None else main.country_code
    lo, hi = _clause_bounds(doc, start)
    near = [
        m
        for m in mentions
        if lo <= m.start
        and m.end <= hi
        and (m.end <= start or end <= m.start)
        and (country is None or m.place.country_code == country)
        and m.literal
        and m.place.feature_class == "P"
        and m.place.geonameid
        and _after_in(doc, m.start)
    ]
    return min(near, key=lambda m: abs(m.start - start)).place if near else None


def _after_in(doc: Doc, i: int) -> bool:
    """Whether the name at token `i` is the object of "in" ("in (southwest) Leeds")."""
    j = _skip_in_words(doc, i - 1, step=-1)
    return j >= 0 and doc[j].lower_ == "in"


def _skip_in_words(doc: Doc, i: int, *, step: int) -> int:
    """The first token from `i` (walking by `step`) that is not one of `_IN_SKIP`."""
    while 0 <= i < len(doc) and doc[i].lower_ in _IN_SKIP:
        i += step
    return i


def _clause_bounds(doc: Doc, i: int) -> tuple[int, int]:
    """The clause of token `i`: its sentence, cut at semicolons (items of a list)."""
    sent = sentence_of(doc, i)
    lo = next((t.i + 1 for t in reversed(doc[sent.start : i]) if t.text == ";"), sent.start)
    hi = next((t.i for t in doc[i : sent.end] if t.text == ";"), sent.end)
    return lo, hi


def qualifier_town(doc: Doc, start: int, end: int, mentions: list[PlaceMention]) -> Place | None:
    """The resolved town a name's qualifier names ("X in Y", "X, Y", "Y's X"), if any."""
    by_start = {m.start: m for m in mentions}
    by_end = {m.end: m for m in mentions}
    return _qualifier(doc, start, end, by_start, by_end)


def _qualifier(
    doc: Doc,
    start: int,
    end: int,
    by_start: dict[int, PlaceMention],
    by_end: dict[int, PlaceMention],
) -> Place | None:
    """The town of "X in (southwest) Y", "X, Y" or "Y's X", if Y is a resolved town; a date
    or time between the name and "in Y" is skipped ("at X on Wednesday, Nov. 2, in Y")."""
    at = past_date(doc, end)
    nxt = at + 1
    if at < len(doc) and doc[at].lower_ == "in":
        nxt = _skip_in_words(doc, nxt, step=1)
    elif at > end or not (end < len(doc) and doc[end].text == ","):
        nxt = -1
    after = by_start.get(nxt)
    if after is not None and town_or_county(after.place):
        return after.place
    if after is not None and at < len(doc) and doc[at].lower_ == "in":
        capital = capital_named(doc, after, by_start)
        if capital is not None:
            return capital
    if start > 0 and doc[start - 1].tag_ == "POS":
        owner = by_end.get(start - 1)
        if owner is not None and owner.place.feature_class == "P":
            return owner.place
    return None


def _not_persons(doc: Doc, mentions: list[PlaceMention]) -> list[PlaceMention]:
    """`mentions` without the towns of one-word names that are part of a person's full name
    elsewhere in the article ("Helen" where "Helen Kunz" is named, "Villanueva" beside "Marc
    Villanueva") and that no locative word introduces anywhere ("in Riverdale" keeps
    Riverdale, even beside "Riverdale Luke Oil" taken for a person): such a name is more
    likely that person than the article's main town."""
    persons = [(e.start, e.end) for e in doc.ents if e.label_ == "PERSON"]
    persons += [(a.start, a.end) for a in doc._.actors or [] if a.kind == "person"]
    person_at: dict[str, set[int]] = {}  # word of a full name -> where it stands
    for s, e in persons:
        if e - s > 1:
            for t in doc[s:e]:
                person_at.setdefault(t.lower_, set()).add(t.i)
    if not person_at:
        return mentions
    cued = {m.place.geonameid for m in mentions if strong_cue(doc, m.start)}

    def person(m: PlaceMention) -> bool:
        if m.end - m.start > 1 or m.place.geonameid in cued:
            return False
        name = doc[m.start].lower_  # "Robinson College Cambridge" itself names no person
        return bool(person_at.get(name, set()) - {m.start})

    return [m for m in mentions if not person(m)]


def _main_town(
    mentions: list[PlaceMention],
    dateline: Place | None,
    size: Callable[[Place], int] | None = None,
) -> Place | None:
    """The town named more often than any other (the dateline's counts once) among those of
    the country the article names most, else the dateline's town when the body names none:
    a story filed from Port Sudan about El Fasher places its hospital in El Fasher. With
    `size` (a town's population), a tie goes to a town ten times larger than the others,
    else to the middle one of towns close together (`_close_towns`)."""
    line = dateline if dateline is not None and dateline.feature_class == "P" else None
    # Only a town of the article's main country: "the Norbury" (a house model) named three
    # times in a story about Virginia is no town of it.
    countries = Counter(m.place.country_code for m in mentions if m.place.country_code)
    top = countries.most_common(2)
    main = top[0][0] if top and (len(top) == 1 or top[1][1] < top[0][1]) else None
    towns = [
        m.place
        for m in mentions
        if m.place.feature_class == "P"
        and m.place.geonameid
        and (main is None or m.place.country_code == main)
    ]
    if not towns:
        return line
    counts = Counter(p.geonameid for p in towns + ([line] if line else [])).most_common()
    tied = [gid for gid, n in counts if n == counts[0][1]]
    pool = {p.geonameid: p for p in [*towns, line] if p is not None and p.geonameid in tied}
    if len(tied) == 1:
        return pool[tied[0]]
    if size is not None:
        ranked = sorted(pool.values(), key=size, reverse=True)
        if size(ranked[0]) >= 10 * size(ranked[1]):
            return ranked[0]
    return _close_towns(list(pool.values()))


#: Tied main towns this close to one another are one district (suburbs of one area).
_DISTRICT_KM = 50.0


def _close_towns(towns: list[Place]) -> Place | None:
    """Of tied main towns lying within `_DISTRICT_KM` of one another, the one nearest the
    others, at district resolution (3): the article is about that area, which of its towns
    is unknown. None when they lie further apart."""
    points = [(t.lat, t.lon) for t in towns if t.lat is not None and t.lon is not None]
    if len(points) < len(towns):
        return None
    dist = [[km(*a, *b) for b in points] for a in points]
    if max(max(row) for row in dist) > _DISTRICT_KM:
        return None
    middle = min(range(len(towns)), key=lambda i: sum(dist[i]))
    return replace(towns[middle], resolution=3)


def town_size(gaz: Gazetteer) -> Callable[[Place], int]:
    """A town's population from the index: among main towns named equally often, one ten
    times larger than the others is the main one (Chicago, not a suburb named as often)."""

    def size(place: Place) -> int:
        found = gaz.candidates(place.resolved_place or "")
        return next((c.population for c in found if c.geonameid == place.geonameid), 0)

    return size
