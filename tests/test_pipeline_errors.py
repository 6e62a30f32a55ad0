"""A component failing on one article: reported to the caller whose article it was, and
never swallowed for someone else's `nlp.pipe` on the same model."""

from __future__ import annotations

import pytest
import spacy
from spacy.language import Language
from spacy.tokens import Doc

from eventwire.errors import ExtractionError, InputError
from eventwire.extraction import mentions
from eventwire.ingest import read_text_article
from eventwire.pipeline import Pipeline


@Language.component("test_fails_on_boom")
def _fails_on_boom(doc: Doc) -> Doc:
    if "boom" in doc.text:
        raise ValueError("component broke")
    return doc


def _pipeline() -> Pipeline:
    mentions.register_extensions()
    nlp = spacy.blank("en")
    nlp.add_pipe("test_fails_on_boom")
    return Pipeline(nlp=nlp, batch_size=1)


def test_failure_goes_to_its_own_parse_when_two_run_at_once() -> None:
    pipeline = _pipeline()
    errors_a: list[InputError] = []
    errors_b: list[InputError] = []
    first = [read_text_article(t, source=f"a{i}") for i, t in enumerate(["calm", "boom", "calm"])]
    second = [read_text_article(t, source=f"b{i}") for i, t in enumerate(["calm", "calm"])]
    a = pipeline.parse(first, on_error=errors_a.append)
    b = pipeline.parse(second, on_error=errors_b.append)
    kept = [next(a)[0].source, next(b)[0].source, *(x.source for x, _ in a)]
    kept += [x.source for x, _ in b]
    assert sorted(kept) == ["a0", "a2", "b0", "b1"]
    assert [(type(e), e.source) for e in errors_a] == [(ExtractionError, "a1")]
    assert errors_b == []


def test_a_doc_not_made_by_parse_fails_as_spacy_would() -> None:
    pipeline = _pipeline()
    list(pipeline.parse([read_text_article("calm", source="x")]))
    with pytest.raises(ValueError, match="component broke"):
        list(pipeline.nlp.pipe(["boom"]))
