"""State and province abbreviations after a town and in datelines."""

from __future__ import annotations

from collections.abc import Callable

from spacy.tokens import Doc

from eventwire.geo.abbreviations import state_readings
from eventwire.geo.dateline_place import resolve_dateline
from eventwire.geo.gazetteer import Gazetteer


def test_abbreviations_readings_of_a_shared_code() -> None:
    found = {c.country_code for c in state_readings(Gazetteer.load(), "WA")}
    assert found == {"USA", "AUS"}
    assert state_readings(Gazetteer.load(), "Pa") == []


def test_abbreviations_after_a_town_name_the_state(parse: Callable[[str], Doc]) -> None:
    doc = parse("A bridge collapsed in Slidell, La., on Tuesday.")
    found = {doc[m.start : m.end].text: m.place for m in doc._.places}
    assert found["La."].resolved_place == "Louisiana"
    assert found["Slidell"].province == "Louisiana"


def test_abbreviations_alone_are_not_places(parse: Callable[[str], Doc]) -> None:
    doc = parse("Mass. transit fares rose while Md. officials kept quiet.")
    assert not [m for m in doc._.places if m.place.feature_code == "ADM1"]


def test_abbreviations_in_a_dateline() -> None:
    place = resolve_dateline("HELENA, Mont.")
    assert place is not None
    assert place.resolved_place == "Helena"
    assert place.province == "Montana"


def test_abbreviations_alone_in_a_story_about_their_country(parse: Callable[[str], Doc]) -> None:
    doc = parse("The new FrontCounter BC office opened in Nelson on Monday, the province said.")
    found = {doc[m.start : m.end].text: m.place for m in doc._.places}
    assert found["BC"].resolved_place == "British Columbia"
    assert found["Nelson"].country_code == "CAN"


def test_abbreviations_alone_replace_a_town_of_the_same_letters(
    parse: Callable[[str], Doc],
) -> None:
    doc = parse("Wastewater in WA is treated before release, the Perth council said.")
    found = {doc[m.start : m.end].text: m.place for m in doc._.places}
    assert found["WA"].resolved_place == "Western Australia"


def test_abbreviations_us_postal_codes_alone_stay_unread(parse: Callable[[str], Doc]) -> None:
    doc = parse("Police in LA said the suspect fled north to Reno.")
    assert not [m for m in doc._.places if m.place.feature_code == "ADM1"]
