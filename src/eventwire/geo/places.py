"""Toponyms: find them with the gazetteer and the parse and resolve them (`event_location`
chooses an event's place; `event_place` is re-exported here for the pipeline).

The small English model labels many towns PERSON ("Khan Younis", "Kyiv"), so candidate
spans come from proper-noun runs and from every GPE/LOC/FAC/PERSON/ORG entity, and the
gazetteer decides. A gazetteer hit is kept when the NER calls it a place, when it is a
country, region or alias, when a locative word introduces it ("in", "near", "southern"),
or when it is a large city; that keeps villages named "Police" or "Mobile" out.

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
vouch for them (`vouched`).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import replace

from spacy.language import Language
from spacy.tokens import Doc, Span

from eventwire.extraction import mentions
from eventwire.extraction.mentions import PlaceMention
from eventwire.geo.abbreviations import (
    abbreviation_hits,
    article_countries,
    lone_hits,
    qualifier_readings,
)
from eventwire.geo.cues import (
    FEATURE_WORDS,
    PLACE_LABELS,
    conj_head,
    cued,
    dated,
    modifier,
    name_text,
    rescued,
    strip_the,
    strong_cue,
)
from eventwire.geo.demonyms import adjective_words, demonym_places
from eventwire.geo.event_location import event_place
from eventwire.geo.facilities import (
    Facility,
    facility_spans,
    place_facilities,
    site_town,
    town_size,
)
from eventwire.geo.gazetteer import ADMIN_WORDS, ALIAS, ALTERNATE, Candidate, Gazetteer, normalize
from eventwire.geo.given import TokenSpan, given_hits, given_mentions
from eventwire.geo.ranking import (
    BIG_CITY,
    COMPASS,
    STRONG_CODES,
    Hit,
    article_provinces,
    choose,
    chosen_points,
    coordinated_areas,
    country_context,
    qualify,
    score_reading,
)
from eventwire.geo.vouched import actor_town, local_towns, named_after, near_towns
from eventwire.records import Place

__all__ = ["event_place", "find_places", "places_component", "resolve_dateline"]

#: Prepositions whose capitalised object is kept as an unresolved place.
UNRESOLVED_PREPS = frozenset({"in", "near", "around", "outside", "at"})
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
#: Readings of a name inside a title or organisation that are still reported as places.
ACTOR_PLACE_CODES = frozenset({"PCLI", "CONT", "RGN", "ADM1"})
#: Words never looked up alone: "South" of "South Florida" is no province of Cameroon.
LONE_WORDS = COMPASS | {"centre", "center", "mid", "greater", "inner", "outer"}
MAX_RUN = 6


# --- finding spans ---------------------------------------------------------------------------


def _runs(doc: Doc) -> list[tuple[int, int]]:
    """Proper-noun runs, joined across hyphens ("Deir al-Balah", "Nagorno-Karabakh")."""
    runs: list[tuple[int, int]] = []
    toks = list(doc)  # indexing a list is much cheaper than indexing the Doc
    i, n = 0, len(toks)
    while i < n:
        if toks[i].pos_ != "PROPN" or not toks[i].is_title and not toks[i].is_upper:
            i += 1
            continue
        j = i + 1
        while j < n:
            tok = toks[j]
            if tok.pos_ == "PROPN" and (tok.is_title or tok.is_upper) or tok.lower_ in ("al", "el"):
                j += 1
            elif (
                tok.text == "-"
                and j + 1 < n
                and (toks[j + 1].is_title or toks[j - 1].lower_ in ("al", "el"))
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


def _actor_tokens(doc: Doc) -> dict[int, str]:
    """Token -> kind of the non-place actor covering it ("person", "title", ...)."""
    actors = doc._.actors or []
    return {i: a.kind for a in actors if a.kind in NON_PLACE_ACTORS for i in range(a.start, a.end)}


def _surnames(doc: Doc) -> frozenset[str]:
    """Words of multi-word person names: "Bolton" alone is the man when "John Bolton" is named."""
    return frozenset(t.lower_ for e in doc.ents if e.label_ == "PERSON" and len(e) > 1 for t in e)


def _lookup_spans(
    doc: Doc, gaz: Gazetteer, runs: list[tuple[int, int]], skip: dict[int, str]
) -> list[Hit]:
    """Longest gazetteer matches within entities and proper-noun runs, left to right.

    A multi-token PERSON entity is looked up whole only ("Jordan" in "Jordan Peterson" is no
    place); other spans are also searched for shorter names, marked `partial`. A span is
    extended by a following admin word ("Kursk region"); a name before a feature word
    ("Dnipro River") is no settlement and is left to `_features`. `skip` is `_actor_tokens`.
    """
    surnames = _surnames(doc)
    adjectives = adjective_words()
    blocked = _blocked(doc)
    hits: list[Hit] = []
    taken: set[int] = set()
    whole = [(e.start, e.end, e.label_) for e in doc.ents if e.label_ in SPAN_LABELS]
    spans = whole + [(s, e, "") for s, e in runs]
    # Longest first, so that a run holding a shorter entity ("Ilocos" in "Ilocos Norte") wins.
    for start, end, label in sorted(spans, key=lambda s: s[0] - s[1]):
        shortest, last = (end - 1, start + 1) if label == "PERSON" else (start, end)
        if end < len(doc) and doc[end].lower_ in ADMIN_WORDS:
            end, shortest = end + 1, min(shortest, end)
        i = start
        while i < last:
            fallback: Hit | None = None  # a town opening an actor's name, if nothing shorter
            for j in range(min(end, i + MAX_RUN), max(i, shortest), -1):
                tokens = set(range(i, j))
                if tokens & taken or (not label and tokens & blocked):
                    continue
                span = strip_the(doc[i:j])
                if _no_name(doc, span, gaz, adjectives):
                    continue
                found = gaz.candidates(span.text) if not dated(doc, span) else []
                kinds = {skip[t] for t in tokens if t in skip}
                in_actor = bool(found and kinds) and not _actor_place(
                    doc, i, found[0], kinds, surnames
                )
                if in_actor and not actor_town(doc, span, found, kinds, skip):
                    continue
                country = bool(found) and found[0].feature_code in ("PCLI", "CONT")
                surname = j - i == 1 and doc[i].lower_ in surnames and not country
                if surname and not strong_cue(doc, i):
                    continue  # "Bolton" after "John Bolton"; "US" stays the country
                if found:
                    hit = _hit(doc, span, found, label, (i, start, end), in_actor)
                    if in_actor:  # "Lagos State Governor": "Lagos" the city may follow
                        fallback = fallback or hit
                        continue
                    hits.append(hit)
                    taken.update(tokens)
                    i = j - 1
                    break
            else:
                if fallback is not None:
                    hits.append(fallback)
                    taken.update(range(i, fallback.end))
                    i = fallback.end - 1
            i += 1
    return sorted(hits, key=lambda h: h.start)


def _hit(
    doc: Doc,
    span: Span,
    found: list[Candidate],
    label: str,
    bounds: tuple[int, int, int],
    in_actor: bool,
) -> Hit:
    """The hit of `span` (looked up from token `i`, before any "the") inside the entity or
    run `start:end`; `opening` when it starts the longer name and is not its head
    ("University" of "University of Kent")."""
    i, start, end = bounds
    partial = (i, span.end) != (start, end)
    hit = Hit(span.start, span.end, name_text(span), found, label or span[0].ent_type_, partial)
    hit.in_actor = in_actor
    hit.opening = partial and i == start and span.end < end
    hit.opening = hit.opening and doc[span.end].lower_ != "of"
    return hit


def _no_name(doc: Doc, span: Span, gaz: Gazetteer, adjectives: frozenset[str]) -> bool:
    """Spans never looked up: a lone compass word ("North" of "North Africa"), an adjective
    of a country or region ("the English city": no town English) and a name before a
    feature word ("Dnipro River", left to `_features`)."""
    if len(span) == 1 and span[0].lower_ in LONE_WORDS:
        return True
    if span.text in adjectives and not _country_like(gaz, span.text):
        return True
    return span.end < len(doc) and doc[span.end].lower_ in FEATURE_WORDS


def _country_like(gaz: Gazetteer, name: str) -> bool:
    """A name whose best reading is a country, region or alias ("Vatican"), not a town."""
    found = gaz.candidates(name)
    return bool(found) and (found[0].match == ALIAS or found[0].feature_code in STRONG_CODES)


def _actor_place(
    doc: Doc, i: int, top: Candidate, kinds: set[str], surnames: frozenset[str]
) -> bool:
    """A name the actor stage took for a person, title or organisation that is a place here.

    A town of our alias list ("Khan Younis", often tagged PERSON) or a name after "in",
    "the town of", ...; a country or region inside a title or organisation ("U.S. envoy",
    "EU ministers", kept as a non-literal toponym); a large city or a state the model took
    for a one-word person ("Seattle", "Rajasthan") unless it is a surname in the article.
    """
    if top.match == ALIAS and top.feature_class == "P" or strong_cue(doc, conj_head(doc[i]).i):
        return True
    if top.match == ALTERNATE or "demonym" in kinds:
        return False
    if "person" not in kinds:  # a title or organisation named after a place: "Seattle police"
        city = top.feature_code == "PPLC" or top.population >= BIG_CITY
        return top.feature_code in ACTOR_PLACE_CODES or city
    big = top.feature_code in ("ADM1", "PCLI") or top.population >= BIG_CITY
    return big and doc[i].lower_ not in surnames and doc[i].ent_type_ != "ORG"


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


def _accept(doc: Doc, hit: Hit) -> bool:
    """Keep a gazetteer hit only with evidence that the span names a place here."""
    if hit.in_actor:
        return False  # only the article's other places can vouch for it
    top = hit.candidates[0]
    strong = top.match == ALIAS or top.feature_code in STRONG_CODES
    strong = strong or top.match != ALTERNATE and top.population >= BIG_CITY
    if hit.partial:  # "Tal" out of "Tal Rifaat", "Gaza" out of "Gaza Health Ministry"
        county = hit.end < len(doc) and doc[hit.end].text == "County"
        return strong and top.match != ALTERNATE and not county  # "Ohio County": no state
    root = doc[hit.start : hit.end].root
    if hit.label == "PERSON" and root.dep_ == "compound" and root.head.pos_ == "NOUN":
        return strong  # "the Obama administration": a person's name before a noun
    if hit.label in PLACE_LABELS or cued(doc, hit):
        return True
    return strong or normalize(hit.text).split()[-1] in ADMIN_WORDS


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
    """Capitalised objects of in/near/around/outside/at that the gazetteer does not know."""
    found: list[PlaceMention] = []
    for start, end in runs:
        span = doc[start:end]
        root = span.root
        if taken.intersection(range(start, end)) or skip.keys() & range(start, end):
            continue
        if root.dep_ != "pobj" or root.head.lower_ not in UNRESOLVED_PREPS:
            continue
        if any(t.ent_type_ in NOT_PLACE_LABELS for t in span):
            continue
        found.append(PlaceMention(start, end, Place(extracted_place=span.text, resolution=0)))
    return found


def _in_town(doc: Doc, mention: PlaceMention, mentions: list[PlaceMention]) -> PlaceMention:
    """A name the gazetteer lacks after "in", "at", ... placed at the town its qualifier
    names ("a barn in Thornleigh Bottoms, Leeds", "at Salt + Smoke in Chicago"); never at
    the article's main town, which may lie far from a village it does not know."""
    town = site_town(doc, mention.start, mention.end, mentions, None, towns=[])
    if town is None:
        return mention
    place = replace(town, extracted_place=mention.place.extracted_place)
    return PlaceMention(mention.start, mention.end, place)


def find_places(
    doc: Doc, *, gazetteer: Gazetteer | None = None, given: Sequence[TokenSpan] = ()
) -> list[PlaceMention]:
    """Every toponym mention in a parsed `Doc`, resolved, in text order; with `given` token
    spans, exactly one mention per given span, in the given order (see `given`)."""
    gaz = gazetteer or Gazetteer.load()
    runs = _runs(doc)  # computed once: four steps read them
    actor_kinds = _actor_tokens(doc)  # likewise, three steps
    facilities = facility_spans(doc, runs)
    found, hits, embedded = _gather(doc, gaz, runs, facilities, actor_kinds)
    bounds: list[TokenSpan | None] = []
    if given:
        hits, bounds = given_hits(doc, gaz, given, found, hits)
    accepted = {h.start for h in hits}
    hits, chosen = _resolve(doc, found, hits)
    # A town vouched for by the article inside a longer name is that name's modifier.
    embedded |= {h.start for h in hits if h.start not in accepted and named_after(h)}
    sites = {i for s, e, kind in facilities if kind == "sites" for i in range(s, e)}
    result = _mentions(doc, gaz, hits, chosen, sites, embedded, actor_kinds)
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
    # The stage's own toponyms, not the caller's, name the article's main town.
    context = find_places(doc, gazetteer=gaz)
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
        for h in _lookup_spans(doc, gaz, runs, actor_kinds)
        if h.candidates[0].match == ALIAS or not streets.intersection(range(h.start, h.end))
    ]
    starts = {h.start for h in found}
    for hit in found:
        # A site's town is read by `facilities`, only when accepted ("Rogers Centre"); a name
        # before another one is no town the rest is named after ("Old Town Manassas").
        if sites.intersection(range(hit.start, hit.end)) or hit.end in starts:
            hit.opening = False
    found = [h for h in found if not h.in_actor or h.start not in sites]
    hits = [h for h in found if _accept(doc, h)]
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


def resolve_dateline(dateline: str | None, *, gazetteer: Gazetteer | None = None) -> Place | None:
    """The place of a dateline such as "JERUSALEM" or "KYIV, Ukraine" (capitals first).

    A town the gazetteer lacks is placed in the state or country its dateline names
    ("CAMP MURRAY, Wash." is in Washington state, resolution 2); alone it stays unresolved.
    """
    if not dateline or not dateline.strip():
        return None
    gaz = gazetteer or Gazetteer.load()
    parts = [p.strip() for p in dateline.split(",") if p.strip()]
    name = parts[0]
    found = gaz.candidates(name)
    quals = [c for q in parts[1:] for c in qualifier_readings(gaz, q)]
    if not found:
        areas = [c for c in quals if c.feature_code in ("ADM1", "PCLI")]
        if areas:
            return gaz.place(areas[0], extracted=dateline.strip())
        return Place(extracted_place=name, resolution=0)
    hit = Hit(0, 1, name, found, "GPE")
    hit.qualifier_countries = frozenset(
        c.country_code for c in quals if c.feature_code in ("PCLI", "ADM1", "RGN")
    )
    hit.qualifier_provinces = frozenset(
        normalize(c.name) for c in quals if c.feature_code in ("ADM1", "RGN")
    )
    # A dateline names a town ("NEW YORK" is the city), unless it says it is an area.
    towns = [c for c in found[:50] if c.feature_class == "P"]
    pool = towns if towns and normalize(name).split()[-1] not in ADMIN_WORDS else found[:50]
    best = max(pool, key=lambda c: score_reading(c, hit, Counter(), False))
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
