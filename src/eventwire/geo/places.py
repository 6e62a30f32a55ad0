"""Toponyms: find them with the gazetteer and the parse and resolve them (`event_location`
chooses an event's place; `event_place` is re-exported here for the pipeline).

The small English model labels many towns PERSON ("Khan Younis", "Kyiv"), so candidate
spans come from proper-noun runs and from every GPE/LOC/FAC/PERSON/ORG entity, and the
gazetteer decides. A gazetteer hit is kept when the NER calls it a place, when it is a
country, region or alias, when a locative word introduces it ("in", "near", "southern"),
or when it is a large city; that keeps villages named "Police" or "Mobile" out.

Readings are ranked in `ranking` (name match, feature class, population, the article's
countries, states and qualifiers). A name the model missed for lack of a cue ("the
Allendale council", tagged ORG) is kept on a second pass when it is a town of a state the
article is about.
"""

from __future__ import annotations

from collections import Counter

from spacy.language import Language
from spacy.tokens import Doc, Span

from eventwire.extraction import mentions
from eventwire.extraction.mentions import PlaceMention
from eventwire.geo.demonyms import demonym_places
from eventwire.geo.event_location import EVENT_PREPS, OF_HEADS, event_place
from eventwire.geo.gazetteer import ADMIN_WORDS, ALIAS, ALTERNATE, Candidate, Gazetteer, normalize
from eventwire.geo.ranking import (
    BIG_CITY,
    COMPASS,
    STRONG_CODES,
    Hit,
    article_provinces,
    choose,
    country_context,
    qualify,
    score_reading,
)
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
#: Readings of a name inside a title or organisation that are still reported as places.
ACTOR_PLACE_CODES = frozenset({"PCLI", "CONT", "RGN", "ADM1"})
#: Words never looked up alone: "South" of "South Florida" is no province of Cameroon.
LONE_WORDS = COMPASS | {"centre", "center", "mid", "greater", "inner", "outer"}
#: Words after a name that make it a physical feature: "Dnipro River" is not the city Dnipro.
FEATURE_WORDS = frozenset(
    {"river", "sea", "mountains", "mountain", "ocean", "canal", "strait", "hills", "lake", "bay",
     "creek", "desert", "range", "island", "islands", "valley", "dam", "reservoir"}
)  # fmt: skip
#: Prepositions that make a name a place even where the actor stage took it for a person.
STRONG_CUES = frozenset({"in", "near", "outside", "around", "into", "across", "toward", "towards"})
MAX_RUN = 6
#: Entity labels of names that may be local towns ("Allendale" is often tagged ORG).
LOCAL_LABELS = PLACE_LABELS | {"ORG", ""}


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


def _actor_tokens(doc: Doc) -> dict[int, str]:
    """Token -> kind of the non-place actor covering it ("person", "title", ...)."""
    actors = doc._.actors or []
    return {i: a.kind for a in actors if a.kind in NON_PLACE_ACTORS for i in range(a.start, a.end)}


def _surnames(doc: Doc) -> frozenset[str]:
    """Words of multi-word person names: "Bolton" alone is the man when "John Bolton" is named."""
    return frozenset(t.lower_ for e in doc.ents if e.label_ == "PERSON" and len(e) > 1 for t in e)


def _lookup_spans(doc: Doc, gaz: Gazetteer) -> list[Hit]:
    """Longest gazetteer matches within entities and proper-noun runs, left to right.

    A multi-token PERSON entity is looked up whole only ("Jordan" in "Jordan Peterson" is no
    place); other spans are also searched for shorter names, marked `partial`. A span is
    extended by a following admin word ("Kursk region"); a name before a feature word
    ("Dnipro River") is no settlement and is left to `_features`.
    """
    skip = _actor_tokens(doc)
    surnames = _surnames(doc)
    blocked = _blocked(doc)
    hits: list[Hit] = []
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
                if j - i == 1 and doc[i].lower_ in LONE_WORDS:  # "North" of "North Africa"
                    continue
                if j < len(doc) and doc[j].lower_ in FEATURE_WORDS:
                    continue
                span = _strip_the(doc[i:j])
                found = (
                    gaz.candidates(span.text) if span[-1].ent_type_ not in ("DATE", "TIME") else []
                )
                kinds = {skip[t] for t in tokens if t in skip}
                if found and kinds and not _actor_place(doc, i, found[0], kinds, surnames):
                    continue
                if j - i == 1 and doc[i].lower_ in surnames and not _strong_cue(doc, i):
                    continue  # "Bolton" after "John Bolton"
                if found:
                    partial = (i, j) != (start, end)
                    text = _name_text(span)
                    hits.append(Hit(i, j, text, found, label or span[0].ent_type_, partial))
                    taken.update(tokens)
                    i = j - 1
                    break
            i += 1
    return sorted(hits, key=lambda h: h.start)


def _actor_place(
    doc: Doc, i: int, top: Candidate, kinds: set[str], surnames: frozenset[str]
) -> bool:
    """A name the actor stage took for a person, title or organisation that is a place here.

    A town of our alias list ("Khan Younis", often tagged PERSON) or a name after "in",
    "the town of", ...; a country or region inside a title or organisation ("U.S. envoy",
    "EU ministers", kept as a non-literal toponym); a large city or a state the model took
    for a one-word person ("Seattle", "Rajasthan") unless it is a surname in the article.
    """
    if top.match == ALIAS and top.feature_class == "P" or _strong_cue(doc, i):
        return True
    if top.match == ALTERNATE or "demonym" in kinds:
        return False
    if "person" not in kinds:
        return top.feature_code in ACTOR_PLACE_CODES
    big = top.feature_code in ("ADM1", "PCLI") or top.population >= BIG_CITY
    return big and doc[i].lower_ not in surnames and doc[i].ent_type_ != "ORG"


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


def _cued(doc: Doc, hit: Hit) -> bool:
    """A word before or after the span that marks it as a place."""
    prev = doc[hit.start - 1] if hit.start > 0 else None
    if prev is not None and prev.lower_ == "the" and hit.start > 1:
        prev = doc[hit.start - 2]
    if prev is not None and (prev.lower_ in PLACE_CUES or prev.lower_ in COMPASS):
        return True
    return hit.end + 1 < len(doc) and doc[hit.end].text == "," and doc[hit.end + 1].is_title


def _accept(doc: Doc, hit: Hit) -> bool:
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


def _local_towns(found: list[Hit], hits: list[Hit], provinces: Counter[str]) -> list[Hit]:
    """Rejected whole names (no cue, not tagged a person) that are towns of those areas."""
    kept = {h.start for h in hits}
    return [
        h
        for h in found
        if h.start not in kept
        and not h.partial
        and h.label in LOCAL_LABELS
        and any(
            c.feature_class == "P" and c.province and normalize(c.province) in provinces
            for c in h.candidates[:50]
        )
    ]


def _literal(doc: Doc, hit: Hit, cand: Candidate) -> bool:
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
        if taken.intersection(range(start, end)) or skip.keys() & range(start, end):
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
    found = _lookup_spans(doc, gaz)
    hits = [h for h in found if _accept(doc, h)]
    qualify(doc, hits)
    context = country_context(doc, hits, doc._.dateline_place)
    chosen = [choose(doc, hit, context) for hit in hits]
    provinces = article_provinces(hits, chosen, doc._.dateline_place)
    if provinces:  # second pass: towns of the states the article is about
        hits = sorted(hits + _local_towns(found, hits, provinces), key=lambda h: h.start)
        qualify(doc, hits)
        chosen = [choose(doc, hit, context, provinces) for hit in hits]
    actor_kinds = _actor_tokens(doc)
    result: list[PlaceMention] = []
    for hit, cand in zip(hits, chosen, strict=True):
        place = gaz.place(cand, extracted=hit.text)
        literal = _literal(doc, hit, cand) and not any(
            actor_kinds.get(t) in ("title", "organisation") for t in range(hit.start, hit.end)
        )
        result.append(PlaceMention(hit.start, hit.end, place, literal=literal))
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
    hit = Hit(0, 1, name, found, "GPE")
    quals = [c for q in parts[1:] for c in gaz.candidates(q)[:10]]
    hit.qualifier_countries = frozenset(
        c.country_code for c in quals if c.feature_code in ("PCLI", "ADM1", "RGN")
    )
    hit.qualifier_provinces = frozenset(
        normalize(c.name) for c in quals if c.feature_code in ("ADM1", "RGN")
    )
    best = max(found[:50], key=lambda c: score_reading(c, hit, Counter(), False))
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
