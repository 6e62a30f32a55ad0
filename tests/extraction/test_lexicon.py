"""Tests for the shared word-list loader of eventwire.extraction.lexicon."""

from __future__ import annotations

import pytest

from eventwire.errors import ConfigError
from eventwire.extraction import lexicon


def test_word_list_reads_actor_titles_section() -> None:
    verbs = lexicon.word_list("speech_verbs")
    assert isinstance(verbs, frozenset)
    assert {"say", "insist", "emphasise"} <= verbs
    assert all(v == v.lower() for v in verbs)


def test_word_list_reads_time_words_section() -> None:
    governors = lexicon.word_list("intent_governors", source="time_words.yaml")
    assert {"plan", "vow", "willing"} <= governors
    assert "expect" not in governors


def test_word_list_is_read_once() -> None:
    first = lexicon.word_list("future_modifiers", source="time_words.yaml")
    assert lexicon.word_list("future_modifiers", source="time_words.yaml") is first


def test_word_list_missing_section_raises_config_error() -> None:
    with pytest.raises(ConfigError):
        lexicon.word_list("no_such_section")


def test_reporting_verbs_keeps_figure_sources() -> None:
    verbs = lexicon.reporting_verbs()
    assert verbs == lexicon.word_list("reporting_verbs")
    assert {"estimate", "tally"} <= verbs
    assert not {"estimate", "tally"} & lexicon.word_list("narrative_present_verbs")
