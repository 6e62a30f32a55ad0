"""Finding toponym spans: gazetteer matches in proper-noun runs and entities, and whether
each names a place here.

The small English model labels many towns PERSON ("Khan Younis", "Kyiv"), so candidate
spans come from proper-noun runs and from every GPE/LOC/FAC/PERSON/ORG entity, and the
gazetteer decides (`lookup_spans`). A gazetteer hit is kept (`accept`) when the NER calls
it a place, when it is a country, region or alias, when a locative word introduces it
("in", "near", "southern"), or when it is a large city; that keeps villages named "Police"
or "Mobile" out.
"""

from __future__ import annotations

from spacy.tokens import Doc, Span

from eventwire.geo.cues import (
    FEATURE_WORDS,
    PLACE_LABELS,
    conj_head,
    cued,
    dated,
    name_text,
    strip_the,
    strong_cue,
)
from eventwire.geo.demonyms import adjective_words
from eventwire.geo.gazetteer import ADMIN_WORDS, ALIAS, ALTERNATE, Candidate, Gazetteer, normalize
from eventwire.geo.names import written_as_code
from eventwire.geo.ranking import BIG_CITY, COMPASS, STRONG_CODES, WORLD_CITY, Hit
from eventwire.geo.vouched import actor_town

__all__ = [
    "THE_NOUNS",
    "accept",
    "actor_tokens",
    "as_written",
    "lookup_spans",
    "name_runs",
    "the_noun",
]

SPAN_LABELS = PLACE_LABELS | {"PERSON", "ORG"}
#: Actor kinds that make a span not a place ("Israeli", "Sen. Georgia Smith", "Hamas").
NON_PLACE_ACTORS = frozenset({"demonym", "person", "organisation", "title"})
#: Readings of a name inside a title or organisation that are still reported as places.
ACTOR_PLACE_CODES = frozenset({"PCLI", "CONT", "RGN", "ADM1"})
#: Words never looked up alone: "South" of "South Florida" is no province of Cameroon.
LONE_WORDS = COMPASS | {"centre", "center", "mid", "greater", "inner", "outer"}
MAX_RUN = 6


def name_runs(doc: Doc) -> list[tuple[int, int]]:
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


def actor_tokens(doc: Doc) -> dict[int, str]:
    """Token -> kind of the non-place actor covering it ("person", "title", ...)."""
    actors = doc._.actors or []
    return {i: a.kind for a in actors if a.kind in NON_PLACE_ACTORS for i in range(a.start, a.end)}


def _surnames(doc: Doc) -> frozenset[str]:
    """Words of multi-word person names: "Bolton" alone is the man when "John Bolton" is named."""
    return frozenset(t.lower_ for e in doc.ents if e.label_ == "PERSON" and len(e) > 1 for t in e)


def lookup_spans(
    doc: Doc, gaz: Gazetteer, runs: list[tuple[int, int]], skip: dict[int, str]
) -> list[Hit]:
    """Longest gazetteer matches within entities and proper-noun runs, left to right.

    A multi-token PERSON entity is looked up whole only ("Jordan" in "Jordan Peterson" is no
    place); other spans are also searched for shorter names, marked `partial`. A span is
    extended by a following admin word ("Kursk region"); a name before a feature word
    ("Dnipro River") is no settlement and is left to `_features`. `skip` is `actor_tokens`.
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
                found = (
                    as_written(span.text, gaz.candidates(span.text)) if not dated(doc, span) else []
                )
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


def as_written(text: str, found: list[Candidate]) -> list[Candidate]:
    """`found` without the readings its writing rules out. A word written as an acronym
    ("MoD", "TNA", "NATO", "ROME") keeps only a town of BIG_CITY people or more that it
    spells exactly ("ROME" is Rome, "YORK" York, England; "NATO" is no town Nato), not one
    it reaches through an alternate name ("Maud", "Tena"). A word in lower case ("the
    bush") names no town. Kept as well: countries and admin-1 areas, aliases of our data
    files, and a world city's alternate names ("NYC")."""
    letters = text.replace(".", "")
    mixed = not letters.isupper() and 2 <= len(letters) <= 4  # "MoD", "BiH"
    mixed = mixed and sum(ch.isupper() for ch in letters) >= 2
    acronym = mixed or (len(letters) >= 2 and written_as_code(letters))
    if not (acronym or text.islower()):
        return found
    if text.islower():
        return [c for c in found if c.match == ALIAS or c.feature_class != "P"]
    # its own name, accents and all ("CHU" is no town Chũ), and a big town's only: a short
    # word in capitals is far more often an organisation ("the OAS in Washington", "APC")
    key = text.casefold()
    return [
        c
        for c in found
        if c.match == ALIAS
        or (c.name.casefold() == key and c.population >= BIG_CITY)
        or c.feature_code in ("PCLI", "ADM1")
        or (c.match == ALTERNATE and c.population >= WORLD_CITY)
    ]


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
    """Spans never looked up: a lone compass word ("North" of "North Africa"), a landform
    noun after "the" (`the_noun`), an adjective of a country or region ("the English
    city": no town English) and a name before a feature word ("Dnipro River", left to
    `_features`)."""
    if len(span) == 1 and span[0].lower_ in LONE_WORDS or the_noun(doc, span):
        return True
    if span.text in adjectives and not _country_like(gaz, span.text):
        return True
    return span.end < len(doc) and doc[span.end].lower_ in FEATURE_WORDS


#: Common nouns of landforms and polities that, capitalised after "the", name an area the
#: article knows ("here in the Valley", "atop the Mesa", "people from the Republic"), not a
#: town that happens to bear the noun as its name (Valley, Nebraska; Republic, Missouri).
#: Left out: "interior", "coast", "frontier", mostly ministry, agency or brand words in news
#: ("the Interior secretary", "the Coast Guard", "Frontier Airlines").
THE_NOUNS = frozenset(
    {"valley", "mesa", "republic", "delta", "plains", "peninsula", "highlands", "lowlands",
     "basin", "plateau", "outback", "prairie", "prairies"}
)  # fmt: skip
#: Dependency labels of a word modifying another ("the Mesa police", "the Delta pilots").
_MODIFIER_DEPS = frozenset({"compound", "amod", "nmod"})


def the_noun(doc: Doc, span: Span) -> bool:
    """A one-word name after "the" that is one of `THE_NOUNS` and heads its noun phrase
    ("in the Valley", "the Valley had", not "the Mesa police chief"), in an article that
    names no place of that name without "the" ("in Mesa, Arizona")."""
    if len(span) != 1 or span.start == 0 or doc[span.start - 1].lower_ != "the":
        return False
    word = span[0]
    if word.lower_ not in THE_NOUNS or word.dep_ in _MODIFIER_DEPS:
        return False
    nxt = doc[word.i + 1] if word.i + 1 < len(doc) else None
    if nxt is not None and nxt.is_lower and nxt.pos_ in ("NOUN", "PROPN"):
        return False
    return not any(
        t.lower_ == word.lower_ and t.i != word.i and not (t.i and doc[t.i - 1].lower_ == "the")
        for t in doc
        if t.is_title
    )


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


def strong_reading(hit: Hit) -> bool:
    """A name whose best reading is a place even inside another name or without a cue: an
    alias, a country, region or admin-1 area, or a large city under its own name (not
    "Commerce" of "Chambers of Commerce")."""
    top = hit.candidates[0]
    big = top.match != ALTERNATE and top.population >= BIG_CITY
    return top.match == ALIAS or top.feature_code in STRONG_CODES or big


def accept(doc: Doc, hit: Hit) -> bool:
    """Keep a gazetteer hit only with evidence that the span names a place here."""
    if hit.in_actor:
        return False  # only the article's other places can vouch for it
    top = hit.candidates[0]
    strong = strong_reading(hit)
    if hit.partial:  # "Tal" out of "Tal Rifaat", "Gaza" out of "Gaza Health Ministry"
        county = hit.end < len(doc) and doc[hit.end].text == "County"
        return strong and top.match != ALTERNATE and not county  # "Ohio County": no state
    root = doc[hit.start : hit.end].root
    if hit.label == "PERSON" and root.dep_ == "compound" and root.head.pos_ == "NOUN":
        return strong  # "the Obama administration": a person's name before a noun
    if hit.label in PLACE_LABELS or cued(doc, hit):
        return True
    return strong or normalize(hit.text).split()[-1] in ADMIN_WORDS
