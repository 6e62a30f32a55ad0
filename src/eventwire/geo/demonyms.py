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

from spacy.tokens import Doc

from eventwire import config
from eventwire.extraction.mentions import PlaceMention
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


def _adjective_place(word: str, gazetteer: Gazetteer) -> Place | None:
    iso3 = demonym_countries().get(word)
    if iso3 is not None:
        return gazetteer.country(iso3)
    name = region_adjectives().get(word)
    found = gazetteer.candidates(name) if name else []
    return gazetteer.place(found[0]) if found else None


def demonym_places(doc: Doc, taken: set[int], *, gazetteer: Gazetteer) -> list[PlaceMention]:
    """Non-literal country toponyms for demonyms modifying a noun, outside `taken` tokens."""
    table = demonym_countries().keys() | region_adjectives().keys()
    found: list[PlaceMention] = []
    i = 0
    while i < len(doc):
        if not doc[i].is_title or i in taken:
            i += 1
            continue
        for n in range(min(MAX_WORDS, len(doc) - i), 0, -1):
            span = doc[i : i + n]
            if span.text not in table or taken.intersection(range(i, i + n)):
                continue
            last = span[-1]
            if last.dep_ in MODIFIER_DEPS and last.head.pos_ in ("NOUN", "PROPN"):
                place = _adjective_place(span.text, gazetteer)
                if place is not None:
                    place = replace(place, extracted_place=span.text)
                    found.append(PlaceMention(i, i + n, place, literal=False))
            i += n - 1
            break
        i += 1
    return found
