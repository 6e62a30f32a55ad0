"""The event-location choice (`event_place`), on hand-written sentences."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from spacy.tokens import Doc

from eventwire.geo.event_location import event_place


def _where(doc: Doc, word: str) -> tuple[str | None, str | None, str]:
    trigger = next(t.i for t in doc if t.text == word)
    place, role, reason = event_place(doc, trigger)
    return (place.resolved_place if place else None), role, reason


def test_event_place_inside_object_modifiers(parse: Callable[..., Doc]) -> None:
    doc = parse("Soldiers told families in the northern part of Rafah in southern Gaza to leave.")
    assert _where(doc, "told")[0] == "Rafaḩ"


def test_event_place_object_apposition_beats_river(parse: Callable[..., Doc]) -> None:
    doc = parse("Troops shelled the town of Sialkot, across the Chenab River from the post.")
    name, role, reason = _where(doc, "shelled")
    assert (name, role) == ("Sialkot", "event")
    assert "town of" in reason
    river = next(m for m in doc._.places if doc[m.start : m.end].text == "Chenab River")
    assert river.place.resolution == 0


def test_event_place_river_name_is_not_the_city(parse: Callable[..., Doc]) -> None:
    doc = parse("Boats sank in the Dnipro River on Monday.")
    assert all(m.place.resolved_place != "Dnipro" for m in doc._.places)


def test_event_place_direction_of_the_city_of(parse: Callable[..., Doc]) -> None:
    doc = parse("Jets bombed rebel positions north of the city of Aleppo on Sunday.")
    assert _where(doc, "bombed")[0] == "Aleppo"


def test_event_place_subject_possessive_is_not_the_place(parse: Callable[..., Doc]) -> None:
    doc = parse("Iraq's Foreign Ministry condemned the raid.")
    assert _where(doc, "condemned")[0] is None


def test_event_place_possessive_of_a_place_noun_locates(parse: Callable[..., Doc]) -> None:
    doc = parse("Militias shelled a market in Kherson's eastern suburbs on Friday.")
    assert _where(doc, "shelled")[0] == "Kherson"


def test_event_place_sentence_opening_place_frames_clauses(parse: Callable[..., Doc]) -> None:
    doc = parse("In Kingston, Jamaica, officials said police arrested four men.")
    name, role, reason = _where(doc, "arrested")
    assert (name, role) == ("Kingston", "event")
    assert "opens" in reason


def test_event_place_new_york_is_the_city(parse: Callable[..., Doc]) -> None:
    doc = parse("In New York, France pledged new aid for Haiti.")
    assert _where(doc, "pledged")[0] == "New York City"


def test_event_place_destination_town(parse: Callable[..., Doc]) -> None:
    doc = parse("The Lebanese minister travelled to the border town of Naqoura for talks.")
    name, _role, reason = _where(doc, "travelled")
    assert name == "En Nâqoûra"
    assert "town of" in reason


def test_event_place_named_region_is_the_admin_area(parse: Callable[..., Doc]) -> None:
    doc = parse("Troops moved into Russia's Belgorod region on Monday.")
    assert _where(doc, "moved")[0] == "Belgorod Oblast"
    doc = parse(
        "The governments agreed to start surveying their frontier in Georgia's Kakheti region."
    )
    assert _where(doc, "agreed")[0] == "K'akheti"


def test_event_place_department_of_is_the_area(parse: Callable[..., Doc]) -> None:
    doc = parse("Rebels freed two hostages in the northern department of Arauca on Monday.")
    place, _role, _reason = event_place(doc, next(t.i for t in doc if t.text == "freed"))
    assert place is not None and place.feature_code == "ADM1"


def test_event_place_the_city_refers_back(parse: Callable[..., Doc]) -> None:
    doc = parse(
        "Fighting spread across El Fasher last month. Jets struck positions east of the city."
    )
    name, _role, reason = _where(doc, "struck")
    assert name == "El Fasher"
    assert "the city" in reason


def test_event_place_the_territory_refers_back(parse: Callable[..., Doc]) -> None:
    text = (
        "France declared an emergency in New Caledonia. "
        "Paris said it was sending 500 police officers to the Pacific territory."
    )
    assert _where(parse(text), "sending")[0] == "New Caledonia"


def test_event_place_topic_place_is_not_attached(parse: Callable[..., Doc]) -> None:
    doc = parse("The bloc imposed sanctions in Brussels over arms supplies for use in Sudan.")
    assert _where(doc, "imposed")[0] == "Brussels"


def test_event_place_paragraph_place_beats_earlier_one(parse: Callable[..., Doc]) -> None:
    text = (
        "Storms hit Manila. Floods cut roads in Manila.\n\n"
        "Officials in Cebu counted the damage. Rescuers searched the rubble."
    )
    name, role, reason = _where(parse(text), "searched")
    assert (name, role) == ("Cebu City", "article")
    assert "paragraph" in reason


@pytest.mark.model
def test_event_place_origin_of_an_actor_is_not_the_event_place() -> None:
    # "Soldiers from Chad": where the soldiers come from, not where the ambush was.
    from datetime import date

    import eventwire

    events = eventwire.extract(
        "BAMAKO (EW) — Soldiers from Chad were killed in an ambush on Monday, officials said.",
        published=date(2024, 7, 30),
    )
    (assault,) = [e for e in events if e.event == ("ASSAULT",)]
    assert assault.event_loc is not None
    assert assault.event_loc.country_code == "MLI"
    assert assault.location_role == "dateline"
