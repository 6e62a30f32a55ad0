"""Toponyms the caller marks: exactly the given spans, resolved in the article's context.

A user with their own recogniser (or a gold annotation) gives the spans. `places` still
finds its own toponyms, which stay context (countries, admin-1 areas, nearby towns), and a
given span takes the place of the hits it overlaps. Each given span is read as, in order:
  1. our hit with the same name, when recognition found it, or rejected it and the name
     is no country or region adjective (its evidence kept);
  2. a country or region adjective ("Syrian"): its country, non-literal, as `demonyms`
     (step 6);
  3. its readings, ranked in context like any hit (the caller says it is a place, so a
     name recognition would skip is resolved too): a state abbreviation's areas in the
     article's countries ("WA": Washington or Western Australia; "SA" in a story about
     South Africa is no Australian state: it is the country whose initials it is, else
     unresolved), else the gazetteer's readings of the name, else, for a compass word
     before an area the gazetteer has ("West Surrey"), that area's readings;
  4. a place inside it: a country, state or large city after "of" ("the Bank of England"),
     an area or capital closing it ("Nazi Germany"), or an accepted town opening it
     ("Colchester General Hospital"), unless a qualifier names its town ("X in Y");
  5. the place the stage gave a name covering it (a street `facilities` placed);
  6. a country or region adjective opening an organisation's name ("the European
     Commission"): the region;
  7. a name the gazetteer lacks (a street, venue, building, neighbourhood) is placed at the
     town the article puts it in, as `facilities` places a site: its qualifier town, or the
     article's main town among the stage's own toponyms (a tie goes to a town ten times
     larger than the others: Chicago, not a suburb named as often), with resolution 4 at
     most; a physical feature ("the X River", "Mount X"), an upper-case code, a word
     naming a people or used as an adjective ("Siberian", "Austro-"), and a known
     organisation without a qualifier ("the United Nations") are not placed, nor is a name
     whose own words name another country than its town's ("Air Canada Cargo");
  8. else unresolved (resolution 0), its text kept.
A span inside a street or venue name the stage found ("Bourbon" of "Bourbon and Dauphine
streets", "the Pioneer cinema in Dewsbury") skips steps 1-4: it is that street or venue.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import replace

from spacy.tokens import Doc, Span

from eventwire.extraction.mentions import PlaceMention
from eventwire.geo.abbreviations import article_countries, holds_town, state_readings
from eventwire.geo.cues import FEATURE_WORDS, name_text, strip_the
from eventwire.geo.demonyms import adjective_place, adjective_words
from eventwire.geo.facilities import facility_word, qualifier_town, site_town, town_size
from eventwire.geo.gazetteer import ALIAS, ALTERNATE, Candidate, Gazetteer, normalize
from eventwire.geo.lookup import as_written, strong_reading, the_noun
from eventwire.geo.ranking import COMPASS, STRONG_CODES, Hit
from eventwire.records import Place

__all__ = ["TokenSpan", "given_hits", "given_mentions"]

TokenSpan = tuple[int, int]  # (start token, end token) of a given span in the parsed body


def given_hits(
    doc: Doc,
    gaz: Gazetteer,
    given: Sequence[TokenSpan],
    found: list[Hit],
    hits: list[Hit],
    *,
    streets: frozenset[int] = frozenset(),
) -> tuple[list[Hit], list[TokenSpan | None]]:
    """`hits` with one hit per given span that has a reading, in place of the hits it
    overlaps, and the bounds of each given span's hit (None when it has none). A span
    inside a street's or venue's name (`streets`: their tokens) has none: it is that
    street or venue, placed as one (step 5), not a town of its name ("Bourbon" of "Bourbon
    and Dauphine streets", "Pioneer" of "the Pioneer cinema in Dewsbury")."""
    chosen: list[Hit | None] = [
        None if streets.issuperset(range(s, e)) else _given_hit(doc, gaz, s, e, found, hits)
        for s, e in given
    ]
    mine = {(h.start, h.end): h for h in chosen if h is not None}
    kept = [
        h
        for h in hits
        if (h.start, h.end) not in mine
        and not any(s < h.end and h.start < e for s, e in (*given, *mine))
    ]
    merged = sorted(kept + list(mine.values()), key=lambda h: h.start)
    return merged, [None if h is None else (h.start, h.end) for h in chosen]


def _given_hit(
    doc: Doc, gaz: Gazetteer, start: int, end: int, found: list[Hit], hits: list[Hit]
) -> Hit | None:
    span = _name_span(doc[start:end])
    name = normalize(name_text(span))
    adjective = _cased(span.text) in adjective_words()
    # A country adjective outranks a town of its name that recognition rejected ("the
    # Canadian Press" is no town Canadian, Texas); an accepted one stays.
    for pool in (hits,) if adjective else (hits, found):
        same = [
            h
            for h in pool
            if h.start < span.end and span.start < h.end and normalize(h.text) == name
        ]
        if same:
            return replace(same[0], in_actor=False, partial=False)
    if adjective:
        return None
    states = state_readings(gaz, span.text)
    countries = article_countries(doc, hits) if states else frozenset()
    local = [c for c in states if c.country_code in countries or holds_town(c, found)]
    if states and not local:  # "SA" in a story about South Africa: no Australian state
        country = _initials_country(gaz, span.text, countries)
        return Hit(span.start, span.end, span.text, country, "GPE") if country else None
    readings = local or (as_written(span.text, gaz.candidates(span.text)) if name else [])
    if the_noun(doc, span):  # "the Valley": an area the article knows, no town Valley
        return None
    readings = readings or _part_of_area(gaz, span)
    if readings:
        return Hit(span.start, span.end, name_text(span), readings, span.root.ent_type_)
    return _inner_hit(doc, span, end, found, hits)


#: Words naming a part of an area: "West Surrey" is in Surrey, "northern Kenya" in Kenya.
_PART_WORDS = COMPASS - {"upper", "lower"}
_AREA_CODES = frozenset({"PCLI", "RGN", "ADM1", "ADM2"})


def _part_of_area(gaz: Gazetteer, span: Span) -> list[Candidate]:
    """The area readings of a name the gazetteer lacks that is a part of an area ("West
    Surrey", "East Wessex"): a compass word before a country, region, state or county."""
    if len(span) < 2 or span[0].lower_ not in _PART_WORDS:
        return []
    return [
        c
        for c in gaz.candidates(span[1:].text)
        if c.feature_code in _AREA_CODES and c.match != ALTERNATE
    ]


def _initials_country(gaz: Gazetteer, text: str, countries: frozenset[str]) -> list[Candidate]:
    """The reading of the article's country whose name's initials `text` is ("SA" in a
    story about South Africa, "NZ" in one about New Zealand), if any."""
    for iso3 in sorted(countries):
        words = (gaz.country_name(iso3) or "").split()
        if len(words) > 1 and "".join(w[0] for w in words) == text:
            found = gaz.candidates(" ".join(words))
            return [c for c in found if c.country_code == iso3 and c.feature_code == "PCLI"][:1]
    return []


def _inner_hit(doc: Doc, span: Span, end: int, found: list[Hit], hits: list[Hit]) -> Hit | None:
    """A place inside a name the gazetteer lacks, unless "in Y" or "X, Y" follows (the
    qualifier places it): a country, region, state or large city after "of" ("the Bank of
    England") or, if an area or a capital, closing it ("Nazi Germany"), else an accepted
    town opening it ("Colchester General Hospital")."""
    starts = {h.start for h in hits}
    if end < len(doc) and doc[end].lower_ in ("in", ",") and starts & {end + 1, end + 2}:
        return None  # "the University of X in Lyon", "a bistro in central Lyon"
    inside = [h for h in found if span.start < h.start and h.end <= span.end and strong_reading(h)]
    named = [h for h in inside if doc[h.start - 1].lower_ == "of"]
    # "Nazi Germany", "British Embassy Tokyo"; not a mere large town ("Fairfax Metro").
    closing = [h for h in inside if h.end == span.end and _area_or_capital(h)]
    if named or closing:
        return replace((named or closing)[-1], in_actor=False, partial=False, opening=False)
    opening = [
        h
        for h in hits
        if h.start == span.start
        and h.end < span.end
        and not h.in_actor
        and doc[h.end].tag_ != "POS"  # "St Peter's Basilica": an owner, not a town
    ]
    return replace(opening[0], partial=False) if opening else None


def _area_or_capital(hit: Hit) -> bool:
    top = hit.candidates[0]
    return top.match == ALIAS or top.feature_code in STRONG_CODES | {"CONT"}


def _name_span(span: Span) -> Span:
    """The name of a given span: without "the", a possessive or trailing punctuation."""
    span = strip_the(span)
    while len(span) > 1 and (span[-1].tag_ == "POS" or span[-1].is_punct and span[-1].text != "."):
        span = span[:-1]
    return span


def given_mentions(
    doc: Doc,
    gaz: Gazetteer,
    given: tuple[Sequence[TokenSpan], Sequence[TokenSpan | None]],
    mentions: list[PlaceMention],
    context: Callable[[], list[PlaceMention]],
) -> list[PlaceMention]:
    """One mention per given span, in the given order, from the stage's `mentions`; `given`
    holds the spans and their hits' bounds (`given_hits`), `context()` the mentions that may
    name the article's main town (those the stage itself accepted; asked only when needed)."""
    by_bounds = {(m.start, m.end): m for m in mentions}
    out: list[PlaceMention] = []
    for (start, end), own in zip(*given, strict=True):
        mention = by_bounds.get(own) if own is not None else None
        if mention is None:
            mention = _covering(start, end, mentions) or _unknown(
                doc, gaz, (start, end), mentions, context
            )
        out.append(PlaceMention(start, end, mention.place, literal=mention.literal))
    return out


def _covering(start: int, end: int, mentions: list[PlaceMention]) -> PlaceMention | None:
    """A resolved mention holding the span's last word (a street the stage placed), if any."""
    for m in mentions:
        if m.start < end <= m.end and start < m.end and m.place.resolution > 0:
            return m
    return None


def _unknown(
    doc: Doc,
    gaz: Gazetteer,
    bounds: TokenSpan,
    mentions: list[PlaceMention],
    context: Callable[[], list[PlaceMention]],
) -> PlaceMention:
    """A given name with no reading: an adjective's country (alone, or opening an
    organisation's name: "the European Commission", not "the French Quarter"), a site's
    town, or unresolved."""
    start, end = bounds
    span = _name_span(doc[start:end])
    text = doc[start:end].text
    words = adjective_words()
    organisation = any(t.ent_type_ == "ORG" for t in span)
    adjective = next(
        (_cased(span[:k].text) for k in (2, 1) if _cased(span[:k].text) in words),
        None,
    )
    whole = adjective == _cased(span.text)
    if adjective is not None and not whole and not organisation:
        adjective = None
    country = adjective_place(adjective, gaz) if adjective else None
    if country is not None:
        place = replace(country, extracted_place=text)
        return PlaceMention(start, end, place, literal=not whole)
    town = None
    code = len(span) == 1 and span[0].is_alpha and span[0].is_upper  # "SA": no town's site
    if not _feature(span) and not code and not _people_word(doc, span):
        line = doc._.dateline_place
        town = site_town(doc, start, end, mentions, line, towns=context(), size=town_size(gaz))
    if town is not None and qualifier_town(doc, start, end, mentions) is None:
        named = _named_countries(doc, gaz, span)
        town = None if named and town.country_code not in named else town
    if town is None:
        return PlaceMention(start, end, Place(text, resolution=0))
    return PlaceMention(start, end, replace(town, extracted_place=text))


def _feature(span: Span) -> bool:
    """A physical feature's name ("the X River", "Lake X", "Mount Qorvash"); not a site named
    after one ("Mount Saint Joseph School", "Mount Sinai Hospital")."""
    first, last = span[0].lower_.rstrip("."), span[-1].lower_
    peak = first in _PEAK_WORDS and not facility_word(last)
    return last in FEATURE_WORDS or first in FEATURE_WORDS or peak


def _cased(text: str) -> str:
    """A word in capitals as a country adjective is written ("KAZAKH INVEST" -> "Kazakh"
    INVEST); other text as it is."""
    return text.title() if text.isupper() and len(text) > 3 else text


#: First words of a mountain's name ("Mount Chaambi"): a feature, no site of a town.
_PEAK_WORDS = frozenset({"mount", "mt"})
#: Entity labels of a word naming a people or a language ("Kurdish", "Havanese").
_PEOPLE_LABELS = frozenset({"NORP", "LANGUAGE"})


def _people_word(doc: Doc, span: Span) -> bool:
    """A one-word name used as an adjective or naming a people or language ("a Siberian
    chill", "the Kurdish enclave"), or the first half of a compound adjective ("Austro-
    Hungarian", "Havanese-Maltese"): no site of the article's main town, and, unless a
    country or region adjective we know (placed before), no place we can put anywhere."""
    if len(span) != 1:
        return False
    word = span[0]
    if word.ent_type_ in _PEOPLE_LABELS or word.pos_ == "ADJ":
        return True
    i = word.i
    return i + 2 < len(doc) and doc[i + 1].text == "-" and doc[i + 2].is_title


def _named_countries(doc: Doc, gaz: Gazetteer, span: Span) -> frozenset[str]:
    """Countries a name's own words, or an "in Y" right after it, name as countries ("Air
    Canada Cargo", "the Vatican Gardens", "the Summit of the Americas in Peru"): a site so
    named lies in that country, or at least not in a town of another one."""
    # Only country names: a district named after a people ("the French Quarter", "German
    # Village") lies far more often outside that people's country than in it.
    found: set[str] = set()
    words = [t for t in span if t.is_title or t.is_upper]
    i = span.end + 1 if span.end < len(doc) and doc[span.end].lower_ == "in" else -1
    if 0 < i < len(doc) and doc[i].lower_ == "the":
        i += 1
    after = [doc[i : i + n] for n in (3, 2, 1) if i > 0 and i + n <= len(doc)]
    for part in [*(doc[t.i : t.i + 1] for t in words), *after]:
        top = next(iter(gaz.candidates(part.text)), None)
        if top is not None and top.feature_code == "PCLI" and top.match != ALTERNATE:
            found.add(top.country_code)
    return frozenset(found)
