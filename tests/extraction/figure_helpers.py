"""Helpers shared by the figure tests: the figures the component finds in a text."""

from __future__ import annotations

from spacy.language import Language

from eventwire.extraction.figures import find_figures
from eventwire.extraction.mentions import FigureMention
from eventwire.records import Figure


def figures_of(nlp: Language, text: str) -> list[FigureMention]:
    return find_figures(nlp(text))


def one_figure(nlp: Language, text: str) -> Figure:
    """The one figure of `text` (fails listing them when there are more or none)."""
    found = figures_of(nlp, text)
    assert len(found) == 1, [m.figure for m in found]
    return found[0].figure
