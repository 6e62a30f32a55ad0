"""State and province abbreviations after a town: "Slidell, La.", "Nelson, B.C.", "(Ga.)".

The abbreviations (data/state_abbreviations.tsv) are not in the name index: "Pa.", "Mass."
or "IN" alone are words, not places. They are read only right after a town and a comma or
an opening bracket, and in datelines ("HELENA, Mont."), where they can only name a state.
"""

from __future__ import annotations

from functools import lru_cache

from spacy.tokens import Doc

from eventwire import config
from eventwire.geo.gazetteer import Candidate, Gazetteer, read_tsv
from eventwire.geo.ranking import Hit

__all__ = ["abbreviation_hits", "qualifier_readings", "state_readings"]


@lru_cache(maxsize=1)
def _table() -> dict[str, list[tuple[int, str]]]:
    """Abbreviation as written -> [(geonameid, name)] of the areas it may stand for."""
    table: dict[str, list[tuple[int, str]]] = {}
    for row in read_tsv(config.DATA_DIR / "state_abbreviations.tsv"):
        table.setdefault(row[0], []).append((int(row[1]), row[2]))
    return table


def state_readings(gazetteer: Gazetteer, text: str) -> list[Candidate]:
    """The admin-1 readings of an abbreviation ("Wash." -> Washington state), else []."""
    found: list[Candidate] = []
    for gid, name in _table().get(text.strip(), []):
        found += [c for c in gazetteer.candidates(name) if c.geonameid == gid][:1]
    return found


def qualifier_readings(gazetteer: Gazetteer, name: str) -> list[Candidate]:
    """The readings of a qualifier ("Md.", "Ohio", "Ireland"): a state abbreviation's
    admin-1 areas, else the name's ten best readings."""
    return state_readings(gazetteer, name) or gazetteer.candidates(name)[:10]


def abbreviation_hits(doc: Doc, hits: list[Hit], gazetteer: Gazetteer) -> list[Hit]:
    """Hits for abbreviations written right after a found name: "X, Md." or "X (Ga.)"."""
    taken = {i for h in hits for i in range(h.start, h.end)}
    found: list[Hit] = []
    for hit in hits:
        i = hit.end + 1
        if i >= len(doc) or doc[hit.end].text not in (",", "(") or i in taken:
            continue
        end = i + 1
        text = doc[i].text
        if end < len(doc) and doc[end].text == "." and not text.endswith("."):
            text, end = text + ".", end + 1  # "Wash" "." split by the tokenizer
        readings = state_readings(gazetteer, text)
        if readings:
            found.append(Hit(i, end, text, readings, "GPE"))
    return found
