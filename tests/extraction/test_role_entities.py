"""Role entities on the full pipeline: the unidentified attackers of the place, and people
named by what they are taking the country of the sentence."""

from __future__ import annotations

import pytest
from spacy.language import Language

from eventwire.extraction.mentions import EventMention

pytestmark = pytest.mark.model


def _events(nlp: Language, text: str, category: str) -> list[EventMention]:
    return [e for e in nlp(text)._.events if e.category == category]


def _codes(entities: tuple) -> list[tuple[str, str]]:
    return [(e.code, e.sector) for e in entities]


def test_role_entities_unnamed_attacker_is_an_unidentified_group_of_the_place(
    nlp: Language,
) -> None:
    (event,) = _events(
        nlp, "A car bomb near a market in Kirkuk killed four shoppers on Monday.", "ASSAULT"
    )
    assert _codes(event.actor) == [("IRQ", "UAF")]
    assert event.actor[0].entity_text == ""


def test_role_entities_unnamed_attacker_without_a_place_stays_unknown(nlp: Language) -> None:
    (event,) = _events(nlp, "A car bomb killed four shoppers on Monday.", "ASSAULT")
    assert event.actor == ()


def test_role_entities_victims_nationality_does_not_place_the_attack(nlp: Language) -> None:
    text = "A roadside bomb outside the town of Kandahar killed two French soldiers."
    (event,) = _events(nlp, text, "ASSAULT")
    assert _codes(event.actor) == [("AFG", "UAF")]


def test_role_entities_people_hit_where_they_were_are_civilians_of_that_country(
    nlp: Language,
) -> None:
    (event,) = _events(
        nlp, "A car bomb near a market in Kirkuk killed four shoppers on Monday.", "ASSAULT"
    )
    assert _codes(event.recipient) == [("IRQ", "CVL")]


def test_role_entities_named_gunmen_take_the_country_of_the_sentence(nlp: Language) -> None:
    (event,) = _events(nlp, "Gunmen shot dead two pedestrians in the city of Kano.", "ASSAULT")
    assert _codes(event.actor) == [("NGA", "UAF")]
    assert _codes(event.recipient) == [("NGA", "CVL")]


def test_role_entities_refugees_do_not_take_the_country_they_are_in(nlp: Language) -> None:
    events = _events(nlp, "Police in Athens arrested ten refugees on Friday.", "COERCE")
    assert [r.code for e in events for r in e.recipient if r.sector == "REF"] == ["UNK"]
