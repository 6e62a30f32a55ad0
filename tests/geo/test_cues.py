"""Words around a name that show it is a place."""

from __future__ import annotations

from spacy.language import Language

from eventwire.geo.cues import strong_cue


def test_strong_cue_to_after_a_word_of_going(bare_nlp: Language) -> None:
    doc = bare_nlp("The crew planned a return trip to Tarnbeck before winter.")
    assert strong_cue(doc, [t.text for t in doc].index("Tarnbeck"))


def test_strong_cue_to_after_speaking_is_none(bare_nlp: Language) -> None:
    doc = bare_nlp("The minister spoke to Tarnbeck about the budget.")
    assert not strong_cue(doc, [t.text for t in doc].index("Tarnbeck"))
