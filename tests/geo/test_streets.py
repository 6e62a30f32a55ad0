"""Streets named without a street word of their own (`streets`)."""

from __future__ import annotations

from spacy.language import Language

from eventwire.geo.streets import listed_streets, road_spans


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
