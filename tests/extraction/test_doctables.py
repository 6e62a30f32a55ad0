"""The per-doc tables give the same answers as spaCy's own (slower) properties."""

from __future__ import annotations

from spacy.language import Language

from eventwire.extraction.doctables import (
    ancestors,
    doc_text,
    memo,
    sentence_number,
    sentence_of,
    sentences,
)

TEXT = "Rebels shelled the town on Monday. The army said it would respond.\n\nTalks failed."


def test_sentence_of_matches_token_sent(bare_nlp: Language) -> None:
    doc = bare_nlp(TEXT)
    assert sentences(doc) == list(doc.sents)
    for token in doc:
        assert sentence_of(doc, token.i) == token.sent
        assert sentences(doc)[sentence_number(doc, token.i)] == token.sent


def test_ancestors_match_token_ancestors(bare_nlp: Language) -> None:
    doc = bare_nlp(TEXT)
    for token in doc:
        assert ancestors(doc, token.i) == [t.i for t in token.ancestors]


def test_doc_text_is_the_text(bare_nlp: Language) -> None:
    assert doc_text(bare_nlp(TEXT)) == TEXT


def test_memo_starts_again_when_its_annotation_changes(bare_nlp: Language) -> None:
    doc = bare_nlp(TEXT)
    first: list[int] = []
    memo(doc, "probe", depends=first)["k"] = 1
    assert memo(doc, "probe", depends=first) == {"k": 1}
    assert memo(doc, "probe", depends=[]) == {}
