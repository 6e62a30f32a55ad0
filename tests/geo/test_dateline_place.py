"""Datelines: the place a dateline names (the gazetteer only, no model)."""

from __future__ import annotations

from eventwire.geo.dateline_place import resolve_dateline


def test_dateline_place_with_country() -> None:
    place = resolve_dateline("KYIV, Ukraine")
    assert place is not None
    assert (place.geonameid, place.country_code, place.resolution) == (703448, "UKR", 4)
    assert resolve_dateline(None) is None
    assert resolve_dateline("  ") is None


def test_dateline_town_unknown_is_placed_in_its_state() -> None:
    place = resolve_dateline("FORT QUILLMERE, Wash.")
    assert place is not None
    assert (place.resolved_place, place.feature_code, place.resolution) == (
        "Washington",
        "ADM1",
        2,
    )
    assert place.extracted_place == "FORT QUILLMERE, Wash."
    alone = resolve_dateline("FORT QUILLMERE")
    assert alone is not None and alone.resolution == 0
