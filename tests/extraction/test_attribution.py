"""Attribution: the reporting verb governing a clause and who it is attributed to."""

from __future__ import annotations

import pytest
from spacy.language import Language
from spacy.tokens import Doc

from eventwire.extraction.actors import actors_component
from eventwire.extraction.attribution import claimant, speech_verb

pytestmark = pytest.mark.model


def _doc(nlp: Language, text: str) -> Doc:
    doc = nlp(text)
    actors_component(doc)
    return doc


def _at(doc: Doc, word: str) -> int:
    return next(t.i for t in doc if t.text == word)


def test_claimant_trailing_ministry_said_for_figure_sentence(bare_nlp: Language) -> None:
    doc = _doc(bare_nlp, "Airstrikes killed 23 people in Khartoum, Sudan's Health Ministry said.")
    entity = claimant(doc, _at(doc, "killed"))
    assert entity is not None
    assert (entity.code, entity.sector) == ("SDN", "GOV")
    assert "Health Ministry" in entity.entity_text
    assert doc[speech_verb(doc, _at(doc, "killed")) or 0].text == "said"


def test_claimant_according_to(bare_nlp: Language) -> None:
    doc = _doc(bare_nlp, "Nine soldiers died in the ambush, according to the Nigerien army.")
    entity = claimant(doc, _at(doc, "died"))
    assert entity is not None and (entity.code, entity.sector) == ("NER", "MIL")
    assert doc[speech_verb(doc, _at(doc, "died")) or 0].lower_ == "according"


def test_claimant_leading_said_that(bare_nlp: Language) -> None:
    doc = _doc(bare_nlp, "Médecins Sans Frontières said that 40 patients had been evacuated.")
    entity = claimant(doc, _at(doc, "evacuated"))
    assert entity is not None and entity.code == "NGO"
    assert entity.identifier_text == "Médecins Sans Frontières"


def test_claimant_told_reporters_gives_owner_of_spokesman(bare_nlp: Language) -> None:
    text = "Police detained 15 students, a spokesman for the Ugandan police told reporters."
    doc = _doc(bare_nlp, text)
    entity = claimant(doc, _at(doc, "detained"))
    assert entity is not None and (entity.code, entity.sector) == ("UGA", "COP")


def test_claimant_unknown_speaker_is_plain_unk_entity(bare_nlp: Language) -> None:
    doc = _doc(bare_nlp, "The fire destroyed 200 homes, the local newspaper Daily Beacon reported.")
    entity = claimant(doc, _at(doc, "destroyed"))
    assert entity is not None and entity.code == "UNK"
    assert "Daily Beacon" in entity.entity_text


def test_claimant_pronoun_speaker_resolves_to_earlier_person(bare_nlp: Language) -> None:
    text = "Governor Musa Bello visited the camp. He said 300 families had fled."
    doc = _doc(bare_nlp, text)
    entity = claimant(doc, _at(doc, "fled"))
    assert entity is not None and entity.identifier_text == "Musa Bello"


def test_claimant_none_without_reporting_verb(bare_nlp: Language) -> None:
    doc = _doc(bare_nlp, "Floods destroyed the bridge near the capital on Sunday.")
    assert claimant(doc, _at(doc, "destroyed")) is None
    assert speech_verb(doc, _at(doc, "destroyed")) is None


def test_speech_verb_is_not_its_own_reporting_verb_nor_the_speakers(bare_nlp: Language) -> None:
    doc = _doc(bare_nlp, "The Kenyan government said troops arrested 12 suspects.")
    said = _at(doc, "said")
    assert speech_verb(doc, said) is None
    assert speech_verb(doc, _at(doc, "government")) is None
    assert speech_verb(doc, _at(doc, "arrested")) == said


def test_speech_verb_ignores_infinitive_say(bare_nlp: Language) -> None:
    doc = _doc(bare_nlp, "Officials declined to say how many shops were looted.")
    assert speech_verb(doc, _at(doc, "looted")) is None


def test_claimant_inverted_said_the_agency(bare_nlp: Language) -> None:
    doc = _doc(bare_nlp, "About 5,000 people fled the town, said the World Food Programme.")
    entity = claimant(doc, _at(doc, "fled"))
    assert entity is not None and entity.identifier_text == "World Food Programme"
