"""Streets named without a street word of their own (`streets`)."""

from __future__ import annotations

from spacy.language import Language

from eventwire.geo.gazetteer import Gazetteer
from eventwire.geo.streets import area_name, listed_streets, road_spans


def test_listed_streets_names_before_a_plural_street_word(bare_nlp: Language) -> None:
    doc = bare_nlp("The car rolled down Bourbon, Royal and Dauphine streets at dawn.")
    names = [doc[s:e].text for s, e, _ in listed_streets(doc)]
    assert sorted(names) == ["Bourbon", "Dauphine", "Royal"]


def test_listed_streets_one_name_is_not_a_list(bare_nlp: Language) -> None:
    # A single name before "streets" may be a town ("Leeds streets were quiet").
    assert listed_streets(bare_nlp("Police closed several Leeds streets on Monday.")) == []


def test_road_spans_after_the(bare_nlp: Language) -> None:
    doc = bare_nlp("Traffic used the A436, A40 and A429 until noon.")
    assert [doc[s:e].text for s, e, _ in road_spans(doc)] == ["A436", "A40", "A429"]


def test_listed_streets_need_a_street_cue(bare_nlp: Language) -> None:
    # "packed Lagos and Abuja streets": the streets of those towns, not two streets.
    assert listed_streets(bare_nlp("Crowds packed Lagos and Abuja streets on Saturday.")) == []
    doc = bare_nlp("A van overturned at the corner of Ferncliff and Tollgate streets.")
    assert sorted(doc[s:e].text for s, e, _ in listed_streets(doc)) == ["Ferncliff", "Tollgate"]


def test_listed_streets_never_hold_a_big_town_or_a_state(bare_nlp: Language) -> None:
    gaz = Gazetteer.load()
    doc = bare_nlp("Tanks rolled along Lisbon and Ferncliff streets at dawn.")
    assert listed_streets(doc, gaz=gaz) == []
    doc = bare_nlp("Tanks rolled along Ferncliff and Tollgate streets at dawn.")
    assert len(listed_streets(doc, gaz=gaz)) == 2


def test_area_name_is_a_country_or_state_not_a_town() -> None:
    gaz = Gazetteer.load()
    assert area_name(gaz, "Florida") and area_name(gaz, "Kenya")
    assert not area_name(gaz, "Harrogate")
