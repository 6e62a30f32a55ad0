"""Hand-built articles and events for the store, export and CLI tests (no model needed)."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from datetime import date

from eventwire.errors import InputError
from eventwire.records import QUAD_CODES, Article, Entity, Event, Place, TextInfo

KHARKIV = Place("Kharkiv", "Kharkiv", 706483, 49.99, 36.23, "Kharkiv Oblast", "Ukraine", "UKR",
                "P", "PPLA", 4)  # fmt: skip
UNRESOLVED = Place("the river crossing")


def make_article(n: int, *, published: date | None = date(2024, 5, 17)) -> Article:
    text = f"Article {n}: troops fired on the town. Ministers met in the capital."
    return Article(
        article_id=f"art{n:04d}",
        text=text,
        title=f"Report {n}",
        url=f"https://news.example/{n}",
        publication="Example Wire",
        published=published,
        source=f"corpus/report{n}.txt",
    )


def make_event(
    article: Article,
    k: int = 0,
    *,
    category: str = "ASSAULT",
    day: date | None = date(2024, 5, 14),
    actor: str = "RUS",
    recipient: str | None = "UKR",
    place: Place | None = KHARKIV,
    modality: str = "asserted",
) -> Event:
    return Event(
        id=f"{article.article_id}-e{k}",
        date=day,
        enddate=day,
        event=(category,),
        quad_code=QUAD_CODES[category],
        actor=(Entity(f"{actor} forces", actor, "MIL"),),
        recipient=(Entity(f"{recipient} people", recipient, "CVL"),) if recipient else (),
        event_loc=place,
        event_text=("fired on",),
        text="Troops fired on the town, officials said — «quoted» text.",
        text_info=TextInfo(k, 0, 40),
        article=article,
        coded_date=date(2024, 5, 18),
        modality=modality,
        date_precision="day" if day else "unknown",
        date_basis="explicit" if day else "unknown",
        confidence=0.8,
    )


def make_pairs(start: int, stop: int) -> list[tuple[Article, list[Event]]]:
    """Articles `start..stop-1`, each with two events (ASSAULT in UKR, CONSULT unplaced)."""
    pairs = []
    for n in range(start, stop):
        article = make_article(n)
        meeting = dict(category="CONSULT", actor="FRA", recipient="DEU", place=UNRESOLVED)
        events = [make_event(article, 0), make_event(article, 1, day=date(2024, 4, 2), **meeting)]
        pairs.append((article, events))
    return pairs


class FakePipeline:
    """Stands in for `eventwire.pipeline.Pipeline`: one ASSAULT event per article.

    An article whose text contains "FAIL" is reported to `on_error` and left out, as the
    real pipeline does with an article a component fails on.
    """

    def __init__(self) -> None:
        self.seen: list[str] = []

    def process(
        self, articles: Iterable[Article], *, on_error=None, coded=None
    ) -> Iterator[tuple[Article, list[Event]]]:
        for article in articles:
            self.seen.append(article.article_id)
            if "FAIL" in article.text:
                on_error(InputError(article.source or article.article_id, "extraction failed"))
                continue
            yield article, [make_event(article, 0)]
