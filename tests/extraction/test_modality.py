"""Tests of modality_of on our own sentences (bare model, no components)."""

from __future__ import annotations

import pytest
from spacy.language import Language

from eventwire.extraction.modality import modality_of

pytestmark = pytest.mark.model


def _modality(nlp: Language, text: str, word: str) -> str:
    doc = nlp(text)
    trigger = next(t.i for t in doc if t.text == word)
    return modality_of(doc, trigger)


@pytest.mark.parametrize(
    ("text", "word", "expected"),
    [
        ("The army shelled the village.", "shelled", "asserted"),
        ("The army did not shell the village.", "shell", "negated"),
        ("The rebels never attacked the town.", "attacked", "negated"),
        ("There were no attacks overnight.", "attacks", "negated"),
        ("The group denied carrying out the bombing.", "bombing", "negated"),
        ("The group denied attacking the convoy.", "attacking", "negated"),
        ("Troops will withdraw from the town.", "withdraw", "future"),
        ("The army is going to attack the port.", "attack", "future"),
        ("The government plans to impose a curfew.", "impose", "future"),
        ("The rebels are set to release the hostages.", "release", "future"),
        ("The rebels vowed to attack the capital.", "attack", "future"),
        ("The two leaders discussed a planned meeting.", "meeting", "future"),
        ("The army would attack the port.", "attack", "hypothetical"),
        ("The militia could strike again.", "strike", "hypothetical"),
        ("Officials may impose a curfew.", "impose", "hypothetical"),
        ("Retaliation has been expected for days.", "Retaliation", "hypothetical"),
        ("A possible attack worried the residents.", "attack", "hypothetical"),
        ("Residents feared an attack on the town.", "attack", "hypothetical"),
        ("If the army were to attack, the town would fall.", "attack", "hypothetical"),
        ("The army would not attack the port.", "attack", "negated"),
        ("The ministry said it would withdraw the troops.", "withdraw", "future"),
        ("The army is ready to attack the port.", "attack", "future"),
    ],
)
def test_modality_of(bare_nlp, text, word, expected):
    assert _modality(bare_nlp, text, word) == expected
