"""State and province abbreviations after a town: "Slidell, La.", "Nelson, B.C.", "(Ga.)".

The abbreviations (data/state_abbreviations.tsv) are not in the name index: "Pa.", "Mass."
or "IN" alone are words, not places. They are read only right after a town and a comma or
an opening bracket, and in datelines ("HELENA, Mont."), where they can only name a state.
Those of Canadian provinces and Australian states are also read alone ("FrontCounter BC",
"wastewater in WA") in an article whose other places or actors are of that country
(`lone_hits`); US postal codes stay out ("LA", "IN", "OR" are other places or words).
"""

from __future__ import annotations

from functools import lru_cache

from spacy.tokens import Doc

from eventwire import config
from eventwire.extraction.doctables import token_texts
from eventwire.geo.gazetteer import ALIAS, Candidate, Gazetteer, read_tsv
from eventwire.geo.ranking import Hit, province_key

__all__ = [
    "LONE_COUNTRIES",
    "abbreviation_hits",
    "lone_hits",
    "qualifier_readings",
    "state_readings",
]

#: Countries whose state abbreviations are read alone in an article about the country.
LONE_COUNTRIES = frozenset({"CAN", "AUS"})


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


def lone_hits(
    doc: Doc, hits: list[Hit], gazetteer: Gazetteer, countries: frozenset[str]
) -> list[Hit]:
    """Hits for Canadian and Australian abbreviations standing alone, as proper nouns, in an
    article about their country: `countries` (those of its places' best readings, actors
    and dateline) holds it, or another name has a town reading in the area ("Nelson").
    Such a hit replaces a town read from the same word ("WA" is no town of Ghana)."""
    table = _table()
    taken = {i for h in hits if not _weak_word(h) for i in range(h.start, h.end)}
    found: list[Hit] = []
    for i, text in enumerate(token_texts(doc)):
        if text not in table or i in taken:
            continue
        tok = doc[i]
        if tok.pos_ != "PROPN":
            continue
        if not (tok.is_upper or tok.text.endswith(".")):
            continue
        readings = [
            c
            for c in state_readings(gazetteer, tok.text)
            if c.country_code in LONE_COUNTRIES
            and (c.country_code in countries or holds_town(c, hits))
        ]
        if readings:
            found.append(Hit(tok.i, tok.i + 1, tok.text, readings, "GPE"))
    return found


def _weak_word(hit: Hit) -> bool:
    """A one-word hit read as a town only (no alias, no area): "WA" as Wa, Ghana."""
    top = hit.candidates[0]
    return hit.end - hit.start == 1 and top.match != ALIAS and top.feature_class == "P"


def holds_town(area: Candidate, hits: list[Hit]) -> bool:
    """Whether a town reading of another name lies in the admin-1 `area`."""
    key = province_key(area.name)
    return any(
        c.feature_class == "P" and c.province is not None and province_key(c.province) == key
        for h in hits
        for c in h.candidates[:20]
    )


def article_countries(doc: Doc, hits: list[Hit]) -> frozenset[str]:
    """Countries of the accepted names' best readings, of the actors and of the dateline."""
    found = {h.candidates[0].country_code for h in hits}
    found |= {a.entity.code for a in doc._.actors or [] if len(a.entity.code) == 3}
    line = doc._.dateline_place
    return frozenset(found | ({line.country_code} if line and line.country_code else set()))
