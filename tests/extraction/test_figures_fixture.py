"""The figures fixture set (tests/fixtures/figures.yaml): precision and recall floors."""

from __future__ import annotations

import pytest
from spacy.language import Language

from figures_eval import figure_row, load_fixture, score_fixture

#: Measured 1.0 / 0.977 strict when written; the issue's target is 0.9 each.
FLOOR = 0.9


@pytest.mark.model
def test_figures_fixture_precision_and_recall_at_least_floor(nlp: Language) -> None:
    items = load_fixture()
    assert len(items) >= 80
    predicted = [
        [figure_row(m.figure) for m in doc._.figures]
        for doc in nlp.pipe(i["sentence"] for i in items)
    ]
    result = score_fixture(items, predicted)
    assert result["strict"]["precision"] >= FLOOR, result["misses"]
    assert result["strict"]["recall"] >= FLOOR, result["misses"]
