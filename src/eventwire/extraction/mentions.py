"""What the extraction components leave on a spaCy `Doc` for the next stage.

Each eventwire component reads the `Doc` and what earlier components stored in
`doc._`, and adds one list of mentions. Token offsets (`start`, `end`, `trigger`) index
the `Doc`; character offsets index the text the parser saw (`doc.text`), which is the
article body after the dateline (see `Article.body_start`).

    doc._.published      date | None        set before the pipeline runs
    doc._.dateline       str | None         set before the pipeline runs
    doc._.times          list[TimeMention]   eventwire_dates
    doc._.actors         list[ActorMention]  eventwire_actors
    doc._.places         list[PlaceMention]  eventwire_places (after actors: marks metonyms)
    doc._.dateline_place Place | None        eventwire_places
    doc._.events         list[EventMention]  eventwire_events
    doc._.figures        list[FigureMention] eventwire_figures
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Doc

from eventwire.records import DateMention, Entity, Figure, Place


@dataclass(frozen=True, slots=True)
class ActorMention:
    """A span naming an actor; `kind` says how it was recognised.

    `kind`: country, demonym, capital, title, organisation, group (police, protesters, …),
    person, or coref (a surname alone, "the military", "the ministry" resolved to an
    earlier mention).
    """

    start: int
    end: int
    entity: Entity
    kind: str


@dataclass(frozen=True, slots=True)
class PlaceMention:
    """A toponym span and its resolution; `literal` is False for metonyms ("Washington said")."""

    start: int
    end: int
    place: Place
    literal: bool = True


@dataclass(frozen=True, slots=True)
class TimeMention:
    """A time expression span (tokens) with its resolution (char offsets into `doc.text`)."""

    start: int
    end: int
    mention: DateMention


@dataclass(frozen=True, slots=True)
class EventMention:
    """An event found in one sentence, before date, place and figures are attached.

    `trigger` is the head token of the trigger; `trigger_tokens` all trigger token indices
    (e.g. "carried out strikes"). `rule` names the lexicon entry or pattern that fired, for
    the record's `explanation`.
    """

    trigger: int
    trigger_tokens: tuple[int, ...]
    category: str
    actor: tuple[Entity, ...]
    recipient: tuple[Entity, ...]
    mode: tuple[str, ...] = ()
    context: tuple[str, ...] = ()
    modality: str = "asserted"
    claimed_by: Entity | None = None
    rule: str = ""
    confidence: float = 0.5


@dataclass(frozen=True, slots=True)
class FigureMention:
    """A reported number; `anchor` is the token the number is attached to (e.g. "killed")."""

    start: int
    end: int
    anchor: int
    figure: Figure


_EXTENSIONS: dict[str, object] = {
    "published": None,
    "dateline": None,
    "times": None,
    "actors": None,
    "places": None,
    "dateline_place": None,
    "events": None,
    "figures": None,
}


def register_extensions() -> None:
    """Register the `doc._` attributes above (idempotent)."""
    for name, default in _EXTENSIONS.items():
        if not Doc.has_extension(name):
            Doc.set_extension(name, default=default)


register_extensions()
