"""Qualifiers: "Town, Area" pairs fix both readings (no model needed)."""

from __future__ import annotations

from geo_factories import candidate as _cand
from spacy.language import Language
from spacy.tokens import Span

from eventwire.geo.qualifiers import _pin_pair, past_date
from eventwire.geo.ranking import Hit


def test_qualifiers_pin_pair_town_in_county() -> None:
    county = _cand(1, "Northshire", "ADM2", "GBR", 51.0, -1.0)
    near_town = _cand(2, "Aldwick", "PPL", "GBR", 51.2, -1.1)
    far_town = _cand(3, "Aldwick", "PPL", "USA", 40.0, -80.0, population=90_000)
    town = Hit(0, 1, "Aldwick", [far_town, near_town], "GPE")
    area = Hit(2, 3, "Northshire", [county], "GPE")
    _pin_pair(town, area)
    assert town.pinned == near_town
    assert area.pinned == county


def test_qualifiers_pin_pair_town_in_state() -> None:
    state = _cand(10, "Eastland", "ADM1", "USA", 35.0, -90.0)
    inside = _cand(11, "Fairview", "PPL", "USA", 36.0, -91.0, province="Eastland")
    other = _cand(12, "Fairview", "PPL", "USA", 30.0, -97.0, province="Westland")
    town = Hit(0, 1, "Fairview", [other, inside], "GPE")
    _pin_pair(town, Hit(2, 3, "Eastland", [state], "GPE"))
    assert town.pinned == inside


def test_qualifiers_pin_pair_list_of_towns_pins_nothing() -> None:
    first = Hit(0, 1, "Aldwick", [_cand(2, "Aldwick", "PPL", "GBR", 51.2, -1.1)], "GPE")
    second = Hit(2, 3, "Bexford", [_cand(4, "Bexford", "PPL", "GBR", 53.0, -2.0)], "GPE")
    _pin_pair(first, second)
    assert first.pinned is None
    assert second.pinned is None


def test_past_date_skips_a_date_before_in(bare_nlp: Language) -> None:
    doc = bare_nlp("She cooked at Larkspur Hall on Wednesday, Nov. 2, 2016, in Fresno.")
    doc.ents = [Span(doc, 6, 13, label="DATE")]  # "Wednesday, Nov. 2, 2016"
    assert doc[past_date(doc, 5)].text == "in"
    assert past_date(doc, 3) == 3  # no date there
