"""Names kept aside until the article's other places vouch for them (geo.vouched)."""

from __future__ import annotations

from collections.abc import Callable

from spacy.language import Language
from spacy.tokens import Doc, Span

from eventwire.extraction.mentions import ActorMention
from eventwire.geo.places import places_component
from eventwire.records import Entity


def _found(doc: Doc) -> dict[str, tuple[int | None, bool]]:
    return {doc[m.start : m.end].text: (m.place.geonameid, m.literal) for m in doc._.places}


def _token(doc: Doc, word: str) -> int:
    return next(t.i for t in doc if t.text == word)


def test_vouched_town_opening_organisation_in_article_state(parse: Callable[..., Doc]) -> None:
    doc = parse(
        "Teachers across Kentucky walked out on Monday. "
        "Owensboro Public Schools closed all its buildings for the day."
    )
    owensboro = next(m for m in doc._.places if doc[m.start : m.end].text == "Owensboro")
    assert owensboro.place.province == "Kentucky"
    assert owensboro.literal is False


def test_vouched_town_opening_organisation_near_other_towns(parse: Callable[..., Doc]) -> None:
    text = (
        "Floods closed roads between Nenagh and Thurles. The Roscrea Rowing Club cancelled races."
    )
    doc = parse(text)
    start = _token(doc, "Roscrea")
    club = ActorMention(
        start - 1, start + 3, Entity("Roscrea Rowing Club", "UNK", "CVL"), "organisation"
    )
    doc = parse(text, actors=[club])
    roscrea = next(m for m in doc._.places if m.start == start)
    assert roscrea.place.country_code == "IRL"
    assert roscrea.literal is False


def test_vouched_head_word_of_organisation_is_no_town(parse: Callable[..., Doc]) -> None:
    doc = parse(
        "Students in Los Angeles and San Diego applied. The University of California "
        "admitted more of them this year."
    )
    assert "University" not in _found(doc)


def test_vouched_no_town_opening_organisation_without_context(parse: Callable[..., Doc]) -> None:
    doc = parse("Owensboro Public Schools closed all its buildings for the day.")
    assert "Owensboro" not in _found(doc)


def _person_tagged(bare_nlp: Language, text: str, word: str) -> Doc:
    """`text` parsed, `word` tagged PERSON by the model and taken for a person by actors."""
    doc = bare_nlp(text)
    i = _token(doc, word)
    doc.ents = [Span(doc, i, i + 1, label="PERSON")]
    doc._.dateline = None
    doc._.actors = [ActorMention(i, i + 1, Entity(word, "UNK", "CVL"), "person")]
    return places_component(doc)


def test_vouched_one_word_person_tag_is_a_town_of_the_articles_area(
    bare_nlp: Language,
) -> None:
    text = (
        "Snow closed highways across British Columbia on Monday. "
        "Valemount is also weighing a new arena, the mayor said."
    )
    doc = _person_tagged(bare_nlp, text, "Valemount")
    assert _found(doc)["Valemount"] == (6173031, True)


def test_vouched_name_given_by_a_naming_verb_is_no_town(bare_nlp: Language) -> None:
    text = (
        "Snow closed highways across British Columbia on Monday. "
        "The new arena will be named Valemount, the mayor said."
    )
    doc = _person_tagged(bare_nlp, text, "Valemount")
    assert "Valemount" not in _found(doc)
