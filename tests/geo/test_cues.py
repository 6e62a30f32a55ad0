"""Words around a name that show it is a place."""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc, Span

from eventwire.geo.cues import rescued, strong_cue
from eventwire.geo.gazetteer import Gazetteer
from eventwire.geo.ranking import Hit


def test_strong_cue_to_after_a_word_of_going(bare_nlp: Language) -> None:
    doc = bare_nlp("The crew planned a return trip to Tarnbeck before winter.")
    assert strong_cue(doc, [t.text for t in doc].index("Tarnbeck"))


def test_strong_cue_to_after_speaking_is_none(bare_nlp: Language) -> None:
    doc = bare_nlp("The minister spoke to Tarnbeck about the budget.")
    assert not strong_cue(doc, [t.text for t in doc].index("Tarnbeck"))


def _samos_hits(doc: Doc, first_label: str) -> tuple[Hit, Hit]:
    at = [t.i for t in doc if t.text == "Samos"]
    found = Gazetteer.load().candidates("Samos")
    return (
        Hit(at[0], at[0] + 1, "Samos", found, first_label),
        Hit(at[-1], at[-1] + 1, "Samos", found, "PERSON"),
    )


def test_rescued_one_word_person_named_like_a_tagged_place(bare_nlp: Language) -> None:
    doc = bare_nlp("Ferries reach Samos twice a week. Samos's harbour needs new piers.")
    place, person = _samos_hits(doc, "GPE")
    assert rescued(doc, [place, person], [place]) == [person]


def test_rescued_person_tag_needs_a_place_tag_elsewhere(bare_nlp: Language) -> None:
    # "at Samos" is a cue, not the model calling the name a place: a firm or person may
    # be meant ("at Zara's headquarters"), so the person-tagged mention stays out.
    doc = bare_nlp("Buyers met at Samos on Friday. Samos's harbour needs new piers.")
    place, person = _samos_hits(doc, "")
    assert rescued(doc, [place, person], [place]) == []


def test_rescued_person_tag_stays_a_person_named_in_full(bare_nlp: Language) -> None:
    doc = bare_nlp("Ferries reach Samos twice a week. Eleni Samos said Samos's plan works.")
    doc.ents = [Span(doc, 7, 9, label="PERSON")]
    place, person = _samos_hits(doc, "GPE")
    assert rescued(doc, [place, person], [place]) == []
