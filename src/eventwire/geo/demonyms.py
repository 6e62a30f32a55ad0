"""Country adjectives used as modifiers ("Russian officials", "the Syrian border").

Such a word names its country without naming a place where something happened: it is
reported as a toponym with `literal` False, resolved to the country (resolution 1), the
way gold geoparsing corpora annotate it (GeoWebNews: "non-literal modifier"). Nouns
("the Russians") name people, not places, and are left out. Demonyms come from the
`demonyms` column of data/countries.tsv; continent and region adjectives ("European",
"Middle Eastern") from data/region_adjectives.tsv, resolved to the region.
"""

from __future__ import annotations

from dataclasses import replace
from functools import lru_cache

from spacy.tokens import Doc, Token

from eventwire import config
from eventwire.extraction.mentions import PlaceMention
from eventwire.geo.cues import conj_head
from eventwire.geo.gazetteer import Gazetteer, read_tsv
from eventwire.records import Place

#: Dependencies of a word that modifies a noun.
MODIFIER_DEPS = frozenset({"amod", "compound", "nmod"})
MAX_WORDS = 3


@lru_cache(maxsize=1)
def demonym_countries() -> dict[str, str]:
    """Demonym as written ("South Korean") -> ISO alpha-3; plural forms are left out."""
    table: dict[str, str] = {}
    for row in read_tsv(config.DATA_DIR / "countries.tsv"):
        if len(row) < 5:
            continue
        for word in row[4].split("|"):
            if word and not word.endswith("s"):
                table.setdefault(word, row[0])
    return table


@lru_cache(maxsize=1)
def region_adjectives() -> dict[str, str]:
    """Region adjective as written ("European") -> the place name it stands for."""
    return {row[0]: row[1] for row in read_tsv(config.DATA_DIR / "region_adjectives.tsv")}


def adjective_place(word: str, gazetteer: Gazetteer) -> Place | None:
    """The country or region a country or region adjective names ("Syrian" -> Syria)."""
    iso3 = demonym_countries().get(word)
    if iso3 is not None:
        return gazetteer.country(iso3)
    name = region_adjectives().get(word)
    found = gazetteer.candidates(name) if name else []
    return gazetteer.place(found[0]) if found else None


@lru_cache(maxsize=1)
def adjective_words() -> frozenset[str]:
    """Every country and region adjective as written ("Russian", "Middle Eastern")."""
    return frozenset(demonym_countries().keys() | region_adjectives().keys())


@lru_cache(maxsize=1)
def _words() -> tuple[frozenset[str], frozenset[str]]:
    """The adjectives as written, and their first words (a cheap test per token)."""
    table = adjective_words()
    return table, frozenset(w.split()[0] for w in table)


def demonym_places(doc: Doc, taken: set[int], *, gazetteer: Gazetteer) -> list[PlaceMention]:
    """Non-literal country toponyms for demonyms modifying a noun, outside `taken` tokens."""
    table, firsts = _words()
    words = [t.text for t in doc]  # one pass over the Doc: indexing it per token is slow
    found: list[PlaceMention] = []
    i = 0
    while i < len(words):
        if words[i] not in firsts or i in taken:
            i += 1
            continue
        for n in range(min(MAX_WORDS, len(doc) - i), 0, -1):
            span = doc[i : i + n]
            if span.text not in table or taken.intersection(range(i, i + n)):
                continue
            if _modifies(doc, span[-1]):
                place = adjective_place(span.text, gazetteer)
                if place is not None:
                    place = replace(place, extracted_place=span.text)
                    found.append(PlaceMention(i, i + n, place, literal=False))
            i += n - 1
            break
        i += 1
    return found


def _modifies(doc: Doc, last: Token) -> bool:
    """The adjective modifies a noun: directly ("Russian officials"), as a later member of a
    coordination ("British and American politicians"), or in a hyphenated compound
    ("Turkish-backed fighters", "the Syrian-Turkish border")."""
    nxt = last.i + 1
    if nxt + 1 < len(doc) and doc[nxt].text == "-" and not doc[nxt + 1].is_space:
        return True
    tok = conj_head(last)
    return tok.dep_ in MODIFIER_DEPS and tok.head.pos_ in ("NOUN", "PROPN")
