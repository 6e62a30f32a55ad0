"""Country adjectives modifying a noun, read as non-literal toponyms."""

from __future__ import annotations

from spacy.language import Language

from eventwire.geo.demonyms import demonym_places
from eventwire.geo.gazetteer import Gazetteer


def _countries(bare_nlp: Language, text: str) -> dict[str, str | None]:
    doc = bare_nlp(text)
    found = demonym_places(doc, set(), gazetteer=Gazetteer.load())
    assert all(not m.literal for m in found)
    return {doc[m.start : m.end].text: m.place.country_code for m in found}


def test_demonyms_hyphenated_compound(bare_nlp: Language) -> None:
    found = _countries(bare_nlp, "Kenyan-backed militias crossed the river at night.")
    assert found == {"Kenyan": "KEN"}


def test_demonyms_second_member_of_coordination(bare_nlp: Language) -> None:
    found = _countries(bare_nlp, "The minister met Chilean and Peruvian envoys on Friday.")
    assert found == {"Chilean": "CHL", "Peruvian": "PER"}


def test_demonyms_nation_of_the_united_kingdom(bare_nlp: Language) -> None:
    found = _countries(bare_nlp, "Floods hit several Welsh villages overnight.")
    assert found == {"Welsh": "GBR"}
