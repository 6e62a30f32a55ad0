"""Hand-built articles and events for the store, export and CLI tests (no model needed)."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import replace
from datetime import date, timedelta

from eventwire.errors import InputError
from eventwire.records import QUAD_CODES, Article, Entity, Event, Place, TextInfo, TextSpan

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


# -- events in their sentences, with spans (API and dashboard tests) ----------------------

#: (category, actor, recipient, place, sentence pattern, trigger, modality)
_SCENES = (
    ("ASSAULT", "RUS", "UKR", "Kharkiv", "{a} forces shelled {p} on {d}, hitting {r} homes.",
     "shelled", "asserted"),
    ("PROTEST", "FRA", None, "Lyon", "Farmers from {a} marched through {p} on {d}.",
     "marched", "asserted"),
    ("CONSULT", "KEN", "HTI", "Nairobi", "{a} ministers met {r} envoys in {p} on {d}.",
     "met", "asserted"),
    ("AID", "USA", "SDN", "Khartoum", "{a} will deliver food to {r} in {p} on {d}.",
     "deliver", "future"),
    ("THREATEN", "CHN", "TWN", "Taipei", "{a} warned {r} near {p} on {d} of consequences.",
     "warned", "asserted"),
    ("REJECT", "IRN", "USA", "Tehran", "{a} officials in {p} rejected the {r} offer on {d}.",
     "rejected", "negated"),
)  # fmt: skip
PLACES = {
    "Kharkiv": ("UKR", 49.99, 36.23),
    "Lyon": ("FRA", 45.75, 4.85),
    "Nairobi": ("KEN", -1.29, 36.82),
    "Khartoum": ("SDN", 15.55, 32.53),
    "Taipei": ("TWN", 25.05, 121.53),
    "Tehran": ("IRN", 35.69, 51.42),
}
NAMES = {"RUS": "Russian", "UKR": "Ukrainian", "FRA": "French", "KEN": "Kenyan",
         "HTI": "Haitian", "USA": "American", "SDN": "Sudanese", "CHN": "China",
         "TWN": "Taiwan", "IRN": "Iranian"}  # fmt: skip


def _span(sentence: str, offset: int, role: str, words: str) -> TextSpan:
    at = sentence.index(words)
    return TextSpan(role, offset + at, offset + at + len(words))


def make_scene_pair(n: int, *, day: date | None) -> tuple[Article, list[Event]]:
    """Article `n`: a dateline, a lead sentence coding one event (with spans) and a filler."""
    category, actor, recipient, place_name, pattern, trigger, modality = _SCENES[n % len(_SCENES)]
    country, lat, lon = PLACES[place_name]
    when = day.strftime("%B %-d") if day else "Tuesday"
    sentence = pattern.format(
        a=NAMES[actor], r=NAMES.get(recipient or "", ""), p=place_name, d=when
    )
    head = f"{place_name.upper()} (Example Wire) — "
    text = head + sentence + " Officials gave no further details."
    published = (day or date(2024, 6, 1)) if n % 7 else None
    article = Article(f"scene{n:05d}", text, title=f"{category.title()} in {place_name}",
                      url=f"https://news.example/scene/{n}", publication="Example Wire",
                      published=published, dateline=head.strip(" —"),
                      body_start=len(head))  # fmt: skip
    start = len(head)
    spans = [_span(sentence, start, "trigger", trigger),
             _span(sentence, start, "actor", NAMES[actor]),
             _span(sentence, start, "place", place_name)]  # fmt: skip
    if recipient:
        spans.append(_span(sentence, start, "recipient", NAMES[recipient]))
    if day:
        spans.append(_span(sentence, start, "date", when))
    place = Place(place_name, place_name, 1000 + n % 6, lat + (n % 5) * 0.01, lon, None,
                  None, country, "P", "PPLA", 4)  # fmt: skip
    event = make_event(article, 0, category=category, day=day, actor=actor, recipient=recipient,
                       place=place, modality=modality)  # fmt: skip
    event = replace(event, text=sentence, text_info=TextInfo(1, start, start + len(sentence)),
                    event_text=(trigger,), spans=tuple(sorted(spans, key=lambda s: s.start)),
                    explanation={"event": f"{category} from the trigger {trigger!r}"})  # fmt: skip
    return article, [event]


def make_scene_pairs(
    count: int, *, first: date = date(2024, 5, 1)
) -> list[tuple[Article, list[Event]]]:
    """`count` scene articles, one a day from `first` (every tenth undated)."""
    return [
        make_scene_pair(n, day=None if n % 10 == 9 else first + timedelta(days=n))
        for n in range(count)
    ]
