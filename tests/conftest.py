"""Shared fixtures: the spaCy model is loaded once per test session."""

from __future__ import annotations

from pathlib import Path

import pytest
from spacy.language import Language

BENCHMARKS = Path(__file__).resolve().parents[1].parent / "shared" / "benchmarks"


@pytest.fixture(scope="session")
def bare_nlp() -> Language:
    """The bare English model (no eventwire components): parse, then call a component on the Doc."""
    from eventwire.nlp import load_model

    return load_model()


@pytest.fixture(scope="session")
def nlp() -> Language:
    """The full eventwire pipeline."""
    from eventwire.nlp import load_nlp

    return load_nlp()


@pytest.fixture(scope="session")
def benchmarks() -> Path:
    """The shared gold data; tests using it skip where it is absent (a user's clone)."""
    if not BENCHMARKS.is_dir():
        pytest.skip(
            f"benchmarks not found at {BENCHMARKS} (only present in the development workspace)"
        )
    return BENCHMARKS
