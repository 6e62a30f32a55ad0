"""Gazetteer lookups of the names in a text (`lookup`)."""

from __future__ import annotations

from dataclasses import replace

from geo_factories import candidate

from eventwire.geo.gazetteer import ALIAS, ALTERNATE
from eventwire.geo.lookup import as_written


def test_as_written_acronym_is_no_town_it_only_spells() -> None:
    town = candidate(1, "Tena", "PPL", "ECU", -1.0, -77.8)
    state = candidate(2, "Tena", "ADM1", "ECU", -1.0, -77.8)
    district = candidate(3, "Tena", "ADM2", "ECU", -1.0, -77.8)
    assert as_written("TNA", [town, state, district]) == [state]
    assert as_written("MoD", [town]) == []
    assert as_written("Tena", [town]) == [town]


def test_as_written_lower_case_word_names_no_town() -> None:
    town = candidate(1, "Bush", "PPL", "EGY", 29.1, 31.1)
    assert as_written("bush", [town]) == []


def test_as_written_keeps_aliases_and_world_city_short_forms() -> None:
    alias = replace(candidate(1, "Gaza", "PPL", "PSE", 31.5, 34.5), match=ALIAS)
    big = candidate(2, "Manhattan", "PPL", "USA", 40.8, -74.0, population=1_500_000)
    small = candidate(3, "Quzhou", "PPL", "CHN", 29.0, 118.9, population=900_000)
    big, small = replace(big, match=ALTERNATE), replace(small, match=ALTERNATE)
    assert as_written("NYC", [alias, big, small]) == [alias, big]
