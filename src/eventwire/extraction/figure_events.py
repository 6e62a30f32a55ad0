"""Which reported figures belong to which event, and the PLOVER size they give it.

`eventwire.extraction.figures` finds the figures (`doc._.figures`); the record assembly asks
here for the figures of one event trigger (`figures_for_event`) and folds them into a
`Size` (`size_from_figures`). Both are re-exported from `eventwire.extraction.figures`.
"""

from __future__ import annotations

from collections.abc import Sequence

from spacy.tokens import Doc

from eventwire.extraction.doctables import ancestors, memo, sentence_of
from eventwire.extraction.figure_words import load_words
from eventwire.extraction.mentions import FigureMention
from eventwire.records import Figure, Size

__all__ = ["figures_for_event", "size_from_figures"]


def figures_for_event(doc: Doc, trigger: int) -> list[Figure]:
    """The figures of the event whose trigger head token is `trigger`.

    A figure belongs to the event trigger nearest to its anchor in the dependency tree of
    the same sentence (an anchor that is itself a trigger token belongs to that event; ties
    go to the trigger that governs the anchor, then to the nearer one in the text). A figure
    in a sentence with no event ("The death toll has passed 39,600, the ministry says.")
    belongs to the last event before it, or to the first event of the article when it comes
    before any: it is kept as a claim on that event, and a cumulative one never becomes
    its size.
    """
    mentions: list[FigureMention] = doc._.figures or []
    sent = sentence_of(doc, trigger)
    token_owner = _trigger_tokens(doc, trigger, sent.start, sent.end)
    triggers = sorted(set(token_owner.values()))
    found = []
    for mention in mentions:
        if sent.start <= mention.anchor < sent.end:
            owner = token_owner.get(mention.anchor)
            if owner is None:
                owner = min(triggers, key=lambda t: _tree_rank(doc, mention.anchor, t))
        else:
            owner = _orphan_owner(doc, mention.anchor)
        if owner == trigger:
            found.append(mention.figure)
    return found


def _orphan_owner(doc: Doc, anchor: int) -> int | None:
    """The event trigger a figure outside every event's sentence belongs to, if any."""
    owners = memo(doc, "orphan_owner", depends=doc._.events)
    if anchor not in owners:
        owners[anchor] = _find_orphan_owner(doc, anchor)
    owner: int | None = owners[anchor]
    return owner


def _find_orphan_owner(doc: Doc, anchor: int) -> int | None:
    sent = sentence_of(doc, anchor)
    events = sorted(e.trigger for e in doc._.events or [])
    if not events or any(sent.start <= t < sent.end for t in events):
        return None
    before = [t for t in events if t < sent.start]
    return before[-1] if before else events[0]


def _trigger_tokens(doc: Doc, trigger: int, start: int, end: int) -> dict[int, int]:
    """Token index -> trigger head, for every event trigger in the sentence."""
    owner = {trigger: trigger}
    for event in doc._.events or []:
        if start <= event.trigger < end:
            for i in (*event.trigger_tokens, event.trigger):
                owner.setdefault(i, event.trigger)
    return owner


def _tree_rank(doc: Doc, anchor: int, trigger: int) -> tuple[int, int, int]:
    up = [anchor, *ancestors(doc, anchor)]
    down = [trigger, *ancestors(doc, trigger)]
    common = next((i for i in up if i in down), None)
    if common is None:
        return (len(doc), 1, abs(anchor - trigger))
    distance = up.index(common) + down.index(common)
    return (distance, 0 if common == trigger else 1, abs(anchor - trigger))


def size_from_figures(figures: Sequence[Figure]) -> Size:
    """PLOVER size from an event's figures: incident scope only, a running total never.

    Each field takes, over its kinds (`size_fields` in figure_words.yaml), the largest of
    `value` or, where there is none, `low` of a range or at_least figure; vague quantities
    ("dozens") give no size. Conjoined partial counts ("3 rebels and 2 civilians") are not
    summed: different claims about one toll would be double counted.
    """
    fields = load_words().size_fields
    sizes: dict[str, int | None] = {}
    for name, kinds in fields.items():
        numbers = [n for f in figures if f.kind in kinds and (n := _size_number(f)) is not None]
        sizes[name] = max(numbers) if numbers else None
    return Size(**sizes)


def _size_number(figure: Figure) -> int | None:
    if figure.scope != "incident":
        return None
    if figure.value is not None:
        return figure.value
    return figure.low if figure.qualifier in ("range", "at_least") else None
