"""Toponyms as output: every place name of a text with character offsets and its resolution.

`geoparse(text)` is the public function; `article_toponyms` does the same for articles read
by `eventwire.ingest` (the `eventwire places` command). Offsets index the text as given:
the dateline ("KYIV, Ukraine (Reuters) -") stays in the text and its place names are
reported too, while the parser only sees the body after it.

Only the components toponyms need run (the model, `eventwire_actors`, `eventwire_places`):
dates, events and figures are switched off, which roughly halves the time per article
after the parse (see bench/geo_eval.py).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from typing import TYPE_CHECKING, Any

from eventwire.errors import InputError
from eventwire.geo.abbreviations import qualifier_readings
from eventwire.geo.gazetteer import Gazetteer
from eventwire.records import Article, Place, Toponym

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

__all__ = ["Toponym", "article_toponyms", "doc_toponyms", "geoparse", "toponym_json"]

#: Pipeline components a toponym needs besides the model (actors mark persons and demonyms).
NEEDED = frozenset({"eventwire_actors", "eventwire_places"})


def geoparse(text: str, *, dateline: str | None = None) -> list[Toponym]:
    """Every toponym of `text`, resolved, in text order, with offsets into `text`.

    A dateline opening the text is found and its place names are reported; `dateline`
    ("KYIV, Ukraine") is used as context only when the text opens with none.
    """
    from eventwire.ingest.dateline import detect_dateline

    found, body_start = detect_dateline(text)
    article = Article(
        article_id="<text>",
        text=text,
        dateline=found or dateline,
        body_start=body_start if found else 0,
    )
    return next(article_toponyms([article]))[1]


def article_toponyms(
    articles: Iterable[Article],
    *,
    nlp: Language | None = None,
    batch_size: int = 64,
    on_error: Callable[[InputError], None] | None = None,
) -> Iterator[tuple[Article, list[Toponym]]]:
    """`(article, toponyms)` per article, in input order, offsets into `article.text`."""
    from eventwire.pipeline import Pipeline

    pipeline = Pipeline(nlp=nlp, batch_size=batch_size)
    names = pipeline.nlp.pipe_names
    disable = [n for n in names if n.startswith("eventwire_") and n not in NEEDED]
    for article, doc in pipeline.parse(articles, on_error=on_error, disable=disable):
        yield article, doc_toponyms(doc, article)


def doc_toponyms(doc: Doc, article: Article) -> list[Toponym]:
    """The toponyms of a parsed article body (`doc._.places`) plus those of its dateline."""
    shift = article.body_start
    found = _dateline_toponyms(article, doc._.dateline_place)
    for mention in doc._.places or []:
        span = doc[mention.start : mention.end]
        start, end = span.start_char + shift, span.end_char + shift
        found.append(Toponym(start, end, article.text[start:end], mention.literal, mention.place))
    return found


def _dateline_toponyms(article: Article, place: Place | None) -> list[Toponym]:
    """The dateline's names where they stand in the text: the first part gets the resolved
    dateline place; later parts ("Ukraine", "Ill.") only when they name a country or state."""
    if not article.dateline or not article.body_start:
        return []
    head = article.text[: article.body_start]
    found: list[Toponym] = []
    pos = 0
    for i, part in enumerate(p.strip() for p in article.dateline.split(",")):
        start = head.find(part, pos) if part else -1
        if start < 0:
            break
        pos = end = start + len(part)
        resolved = place if i == 0 else _qualifier_place(Gazetteer.load(), part)
        if resolved is not None:
            found.append(Toponym(start, end, part, True, resolved))
    return found


def _qualifier_place(gaz: Gazetteer, name: str) -> Place | None:
    for cand in qualifier_readings(gaz, name):
        if cand.feature_code in ("PCLI", "ADM1", "RGN"):
            return gaz.place(cand, extracted=name)
    return None


def toponym_json(toponym: Toponym, *, article_id: str | None = None) -> dict[str, Any]:
    """The `eventwire places` object: exactly the fields of the documented JSON line."""
    p = toponym.place
    return {
        "article_id": article_id,
        "start": toponym.start,
        "end": toponym.end,
        "text": toponym.text,
        "literal": toponym.literal,
        "resolved_place": p.resolved_place,
        "geonameid": p.geonameid,
        "lat": p.lat,
        "lon": p.lon,
        "country_code": p.country_code,
        "feature_class": p.feature_class,
        "feature_code": p.feature_code,
        "resolution": p.resolution,
    }
