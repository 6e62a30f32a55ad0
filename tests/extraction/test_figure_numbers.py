"""Tests for eventwire.extraction.figure_numbers: where the numbers are, which are no counts."""

from __future__ import annotations

import pytest
from figure_helpers import figures_of, one_figure
from spacy.language import Language

from eventwire.extraction.figure_numbers import number_spans
from eventwire.extraction.figure_words import load_words


@pytest.mark.model
def test_number_spans_join_ranges_vague_numbers_and_multipliers(bare_nlp: Language) -> None:
    doc = bare_nlp("Between 20 and 30 died, tens of thousands fled and a dozen were held.")
    spans = [doc[start:end].text for start, end in number_spans(doc, load_words())]
    assert spans == ["20 and 30", "tens of thousands", "a dozen"]


@pytest.mark.model
@pytest.mark.parametrize(
    ("text", "value", "low"),
    [
        ("Three soldiers were killed.", 3, None),
        ("Twelve tourists were injured.", 12, None),
        ("A dozen activists were arrested.", 12, None),
        ("Twenty-five people died.", 25, None),
        ("Officials said 1.2 million people had been displaced.", 1_200_000, None),
        ("One guard was killed.", 1, None),
        ("No one was hurt.", 0, None),
        ("Dozens of people were wounded.", None, 24),
        ("Hundreds of people were detained.", None, 200),
        ("Tens of thousands of people have fled.", None, 20_000),
        ("Several hundred protesters were detained.", None, 300),
    ],
)
def test_figure_numbers_number_words(
    bare_nlp: Language, text: str, value: int | None, low: int | None
) -> None:
    figure = one_figure(bare_nlp, text)
    assert (figure.value, figure.low) == (value, low)
    if value is None:
        assert figure.qualifier == "approx"


@pytest.mark.model
@pytest.mark.parametrize(
    ("text", "values"),
    [
        ("A 14-year-old boy was killed.", []),
        ("The donors pledged $5 million for 300 displaced families.", [300]),
        ("Police arrested two men aged 31 and 45.", [2]),
        ("The attack in 2019 was condemned.", []),
        ("Officials said 12 percent of the population was displaced.", []),
        ("The convoy drove 30 kilometres before the ambush.", []),
        ("The court jailed him for 15 years.", []),
        ("The army evacuated 12 villages near the border.", []),
        ("Officers arrested Dana Ortiz, 29, on Sunday.", []),
    ],
)
def test_figure_numbers_non_counts_are_ignored(
    bare_nlp: Language, text: str, values: list[int]
) -> None:
    assert [m.figure.value for m in figures_of(bare_nlp, text)] == values
