"""The optional classifier component, with a stand-in classifier (no PyTorch needed)."""

from __future__ import annotations

import pytest
from spacy.language import Language

from eventwire.extraction import classified

pytestmark = pytest.mark.model


class _Fixed:
    """A classifier that gives every sentence the same answer."""

    def __init__(self, category: str, probability: float) -> None:
        self.answer = (category, probability)
        self.seen: list[str] = []

    def predict(self, sentences: list[str]) -> list[tuple[str, float]]:
        self.seen += sentences
        return [self.answer] * len(sentences)


def _run(nlp: Language, monkeypatch: pytest.MonkeyPatch, text: str, model: _Fixed) -> list:
    monkeypatch.setattr(classified, "load_classifier", lambda: model)
    return classified.classifier_component(nlp(text))._.events


def test_classifier_codes_an_unsure_sentence_at_its_verb(nlp, monkeypatch) -> None:
    model = _Fixed("COOPERATE", 0.9)
    events = _run(nlp, monkeypatch, "Kenyan engineers finished the new bridge in Kisumu.", model)
    (event,) = events
    assert (event.category, event.rule) == ("COOPERATE", "classifier")
    assert [a.code for a in event.actor] == ["KEN"]
    assert event.confidence < 0.5  # below the rules'
    assert model.seen == ["Kenyan engineers finished the new bridge in Kisumu."]


def test_classifier_under_the_threshold_or_none_codes_nothing(nlp, monkeypatch) -> None:
    text = "Kenyan engineers finished the new bridge in Kisumu."
    assert _run(nlp, monkeypatch, text, _Fixed("COOPERATE", classified.THRESHOLD - 0.1)) == []
    assert _run(nlp, monkeypatch, text, _Fixed("NONE", 0.99)) == []


def test_classifier_skips_sentences_with_rule_events_or_no_actor(nlp, monkeypatch) -> None:
    model = _Fixed("AID", 0.99)
    text = "Sudanese troops shelled the town. The weather was mild all week."
    events = _run(nlp, monkeypatch, text, model)
    assert [e.category for e in events] == ["ASSAULT"]
    assert model.seen == []


def test_classifier_absent_leaves_the_doc_as_it_is(nlp, monkeypatch) -> None:
    monkeypatch.setattr(classified, "load_classifier", lambda: None)
    doc = nlp("Kenyan engineers finished the new bridge in Kisumu.")
    assert classified.classifier_component(doc)._.events == []


def test_classifier_anchors_reported_speech_on_the_reported_verb(nlp, monkeypatch) -> None:
    text = "Kenyan officials said Ugandan engineers finished the bridge."
    (event,) = _run(nlp, monkeypatch, text, _Fixed("COOPERATE", 0.9))
    doc = nlp(text)
    assert doc[event.trigger].text == "finished"
    assert [a.code for a in event.actor] == ["UGA"]
