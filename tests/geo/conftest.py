"""The places component on a bare parse, shared by the geo tests."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from spacy.language import Language
from spacy.tokens import Doc

from eventwire.extraction.mentions import ActorMention
from eventwire.geo.places import places_component


@pytest.fixture(scope="session")
def parse(bare_nlp: Language) -> Callable[..., Doc]:
    """Parse a text with the bare model, set the dateline and actors, run the places stage."""

    def run(
        text: str, *, dateline: str | None = None, actors: list[ActorMention] | None = None
    ) -> Doc:
        doc = bare_nlp(text)
        doc._.dateline = dateline
        doc._.actors = actors if actors is not None else []
        return places_component(doc)

    return run
