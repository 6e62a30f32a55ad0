"""Gazetteer lookups of the names in a text (`lookup`)."""

from __future__ import annotations

from dataclasses import replace

from geo_factories import candidate
from spacy.language import Language

from eventwire.geo.gazetteer import ALIAS, ALTERNATE
from eventwire.geo.lookup import as_written, the_noun


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


def test_as_written_name_in_capitals_keeps_its_own_name() -> None:
    rome = candidate(1, "Rome", "PPLC", "ITA", 41.9, 12.5, population=2_300_000)
    lome = replace(candidate(2, "Lomé", "PPLC", "TGO", 6.1, 1.2), match=ALTERNATE)
    assert as_written("ROME", [rome, lome]) == [rome]
    ufa = candidate(4, "Ufa", "PPLA", "RUS", 54.7, 56.0, population=1_100_000)
    oas = candidate(5, "Oas", "PPL", "PHL", 13.3, 123.5)
    assert as_written("UFA", [ufa, lome]) == [ufa]  # a big town's own name, no alternate
    assert as_written("OAS", [oas]) == []  # a small town: the organisation is likelier
    nato = candidate(6, "Nato", "PPL", "PHL", 11.2, 124.0, population=5_583)
    assert as_written("NATO", [nato]) == []
    chu = candidate(3, "Chũ", "PPL", "VNM", 21.4, 106.6)
    assert as_written("CHU", [chu]) == []  # an accent makes it another name


def test_the_noun_only_when_it_heads_its_phrase(bare_nlp: Language) -> None:
    doc = bare_nlp("The Mesa school board met. Hikers rested atop the Mesa at noon.")
    first, second = (doc[t.i : t.i + 1] for t in doc if t.text == "Mesa")
    assert not the_noun(doc, first)
    assert the_noun(doc, second)


def test_the_noun_not_when_the_article_names_the_town(bare_nlp: Language) -> None:
    doc = bare_nlp("Officers in Mesa, Arizona, patrolled. Storms hit the Mesa later.")
    last = doc[[t.i for t in doc if t.text == "Mesa"][-1]]
    assert not the_noun(doc, doc[last.i : last.i + 1])
    interior = bare_nlp("Staff from the Interior arrived.")
    assert not the_noun(interior, interior[3:4])
