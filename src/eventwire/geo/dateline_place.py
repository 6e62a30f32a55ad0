"""The place of an article's dateline ("JERUSALEM", "KYIV, Ukraine", "CAMP MURRAY, Wash.")."""

from __future__ import annotations

from collections import Counter

from eventwire.geo.abbreviations import qualifier_readings
from eventwire.geo.gazetteer import ADMIN_WORDS, Gazetteer, normalize
from eventwire.geo.qualifiers import mark_qualifiers
from eventwire.geo.ranking import Hit, score_reading
from eventwire.records import Place

__all__ = ["resolve_dateline"]


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
    mark_qualifiers(hit, quals)
    # A dateline names a town ("NEW YORK" is the city), unless it says it is an area.
    towns = [c for c in found[:50] if c.feature_class == "P"]
    pool = towns if towns and normalize(name).split()[-1] not in ADMIN_WORDS else found[:50]
    best = max(pool, key=lambda c: score_reading(c, hit, Counter(), False))
    return gaz.place(best, extracted=dateline.strip())
