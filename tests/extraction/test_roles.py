"""Roles read off the parse on the full pipeline: pronoun owners, purpose phrases, statements,
peoples and territory taken by force."""

from __future__ import annotations

import pytest
from spacy.language import Language

from eventwire.extraction.mentions import EventMention

pytestmark = pytest.mark.model


def _events(nlp: Language, text: str, category: str) -> list[EventMention]:
    return [e for e in nlp(text)._.events if e.category == category]


def _codes(entities: tuple) -> list[tuple[str, str]]:
    return [(e.code, e.sector) for e in entities]


def test_roles_participle_for_people_is_no_attack(nlp: Language) -> None:
    assert (
        _events(nlp, "Medics evacuated the wounded to a field hospital in Goma.", "ASSAULT") == []
    )


def test_roles_pronoun_owner_of_event_noun_is_the_subject(nlp: Language) -> None:
    (event,) = _events(nlp, "Chadian troops completed their withdrawal from the town.", "RETREAT")
    assert _codes(event.actor) == [("TCD", "MIL")]


def test_roles_statement_demanding_is_the_issuers_demand(nlp: Language) -> None:
    text = "The Sudanese army issued a statement demanding that the rebels lay down their arms."
    (event,) = _events(nlp, text, "REQUEST")
    assert _codes(event.actor) == [("SDN", "MIL")]


def test_roles_event_noun_after_a_gathering_verb_is_the_comers_act(nlp: Language) -> None:
    text = "Kenyan and Ugandan envoys flew to Nairobi for talks on the border dispute."
    (event,) = _events(nlp, text, "CONSULT")
    assert sorted(e.code for e in event.actor) == ["KEN", "UGA"]


def test_roles_taking_a_town_by_force_is_an_assault_seizing_goods_is_not(nlp: Language) -> None:
    (event,) = _events(nlp, "Malian troops recaptured the town of Kidal.", "ASSAULT")
    assert _codes(event.actor) == [("MLI", "MIL")]
    assert _events(nlp, "Malian police seized two tonnes of cocaine.", "ASSAULT") == []


def test_roles_a_people_of_a_country_takes_that_country(nlp: Language) -> None:
    (event,) = _events(nlp, "The Kurds of northern Syria demanded autonomy.", "REQUEST")
    assert _codes(event.actor) == [("SYR", "CVL")]


def test_roles_ethnic_group_takes_the_country_where_it_lives(nlp: Language) -> None:
    text = "Ethnic Hungarians rallied in the Romanian city of Cluj to demand language rights."
    (event,) = _events(nlp, text, "PROTEST")
    assert _codes(event.actor) == [("ROU", "CVL")]


def test_roles_mediator_of_an_organisation_speaks_for_it(nlp: Language) -> None:
    (event,) = _events(nlp, "The rebels met AU mediator Amara Diallo in Addis Ababa.", "CONSULT")
    assert ("IGO", "GOV") in _codes(event.actor)


def test_roles_protest_demanding_targets_whom_the_demand_is_made_of(nlp: Language) -> None:
    text = "Farmers marched through Lima to demand the resignation of the Peruvian president."
    (event,) = _events(nlp, text, "PROTEST")
    assert [e.code for e in event.recipient] == ["PER"]


def test_roles_protest_against_acts_targets_their_doer(nlp: Language) -> None:
    text = "Teachers went on strike in protest against pay cuts by the Kenyan government."
    (event,) = _events(nlp, text, "PROTEST")
    assert [e.code for e in event.recipient] == ["KEN"]


def test_roles_munitions_as_subject_are_an_attack_by_whoever_fired(nlp: Language) -> None:
    (event,) = _events(nlp, "Shells landed near a clinic in Kherson on Tuesday.", "ASSAULT")
    assert _codes(event.actor) == [("UKR", "UAF")]
    assert _events(nlp, "The ball landed in the crowd on Tuesday.", "ASSAULT") == []


def test_roles_leaders_speaking_with_each_other_consult(nlp: Language) -> None:
    text = "The Chilean president spoke by phone with the Peruvian president on Friday."
    (event,) = _events(nlp, text, "CONSULT")
    assert sorted(e.code for e in event.actor) == ["CHL", "PER"]


def test_roles_speaker_misparsed_as_a_participle_is_its_noun(nlp: Language) -> None:
    text = "The aid agency working in Sudan said Chadian forces must open the border."
    (event,) = _events(nlp, text, "REQUEST")
    assert [e.code for e in event.recipient] == ["TCD"]


def test_roles_ordering_a_newspaper_to_close_is_coercion(nlp: Language) -> None:
    text = "The Kenyan government ordered the newspaper to suspend publication."
    (event,) = _events(nlp, text, "COERCE")
    assert _codes(event.actor) == [("KEN", "GOV")]
    assert _events(nlp, "The Kenyan president ordered troops to withdraw.", "COERCE") == []


def test_roles_evacuating_the_wounded_is_aid_evacuating_residents_coercion(nlp: Language) -> None:
    assert _events(nlp, "UN helicopters evacuated the wounded from Goma.", "AID")
    assert _events(nlp, "Kenyan police evacuated residents of the district.", "COERCE")


def test_roles_ties_cut_from_a_capital_are_cut_with_its_country(nlp: Language) -> None:
    (event,) = _events(nlp, "Israel recalled its ambassadors from Madrid and Oslo.", "SANCTION")
    assert [r.code for r in event.recipient] == ["ESP", "NOR"]


def test_roles_attack_from_a_place_is_not_aimed_at_it(nlp: Language) -> None:
    (event,) = _events(nlp, "Gunmen fired shells from Goma at the town of Gisenyi.", "ASSAULT")
    assert "COD" not in [r.code for r in event.recipient]


def test_roles_the_weapon_fired_is_no_target(nlp: Language) -> None:
    (event,) = _events(nlp, "Hezbollah fired rockets from Lebanon at Metula.", "ASSAULT")
    assert [(r.code, r.entity_text) for r in event.recipient] == [("ISR", "Metula")]
