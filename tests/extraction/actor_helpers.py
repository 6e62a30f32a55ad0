"""Helpers shared by the actor and coreference tests: parse, run the actors stage, look up."""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from eventwire.extraction.actors import actors_component
from eventwire.extraction.mentions import ActorMention


def actors_of(
    nlp: Language, text: str, *, dateline: str | None = None
) -> tuple[Doc, list[ActorMention]]:
    doc = nlp(text)
    doc._.dateline = dateline
    actors_component(doc)
    return doc, doc._.actors


def find(mentions: list[ActorMention], text: str) -> ActorMention:
    found = [m for m in mentions if m.entity.entity_text == text]
    assert found, f"{text!r} not in {[m.entity.entity_text for m in mentions]}"
    return found[0]


def codes(mention: ActorMention | None) -> tuple[str, str]:
    assert mention is not None
    return mention.entity.code, mention.entity.sector
