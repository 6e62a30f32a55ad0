"""Toponyms as output: every place name of a text with character offsets and its resolution.

`geoparse(text)` is the public function; `article_toponyms` does the same for articles read
by `eventwire.ingest` (the `eventwire places` command). Offsets index the text as given:
the dateline ("KYIV, Ukraine (Reuters) -") stays in the text and its place names are
reported too, while the parser only sees the body after it.

With `spans` (character offsets from the caller's own recogniser, or a gold annotation)
exactly those names are returned, in the given order, resolved in the article's context
(`eventwire.geo.given`): the places stage then runs after the parse instead of inside it,
twice (its own toponyms are the context); the parse is the same and the normal path is
unchanged.

Only the components toponyms need run (the model, `eventwire_actors`, `eventwire_places`):
dates, events and figures are switched off, which roughly halves the time per article
after the parse (see bench/geo_eval.py).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from typing import TYPE_CHECKING, Any

from eventwire.errors import ExtractionError, InputError
from eventwire.geo.abbreviations import qualifier_readings
from eventwire.geo.gazetteer import Gazetteer
from eventwire.records import Article, Place, Toponym

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

__all__ = ["CharSpan", "Toponym", "article_toponyms", "doc_toponyms", "geoparse", "toponym_json"]

CharSpan = tuple[int, int]  # (start, end) character offsets into an article's text

#: Pipeline components a toponym needs besides the model (actors mark persons and demonyms).
NEEDED = frozenset({"eventwire_actors", "eventwire_places"})


def geoparse(
    text: str, *, dateline: str | None = None, spans: Sequence[CharSpan] | None = None
) -> list[Toponym]:
    """Every toponym of `text`, resolved, in text order, with offsets into `text`.

    A dateline opening the text is found and its place names are reported; `dateline`
    ("KYIV, Ukraine") is used as context only when the text opens with none. With `spans`
    (`(start, end)` character offsets, from the caller's own recogniser), exactly those
    names are returned, in the given order, each resolved in the article's context or left
    at resolution 0; a span out of range or covering no token raises `InputError`.
    """
    from eventwire.ingest.dateline import detect_dateline

    found, body_start = detect_dateline(text)
    article = Article(
        article_id="<text>",
        text=text,
        dateline=found or dateline,
        body_start=body_start if found else 0,
    )
    given = None if spans is None else {article.article_id: spans}
    return next(article_toponyms([article], spans=given))[1]


def article_toponyms(
    articles: Iterable[Article],
    *,
    nlp: Language | None = None,
    batch_size: int = 64,
    on_error: Callable[[InputError], None] | None = None,
    spans: Mapping[str, Sequence[CharSpan]] | None = None,
) -> Iterator[tuple[Article, list[Toponym]]]:
    """`(article, toponyms)` per article, in input order, offsets into `article.text`.

    `spans` maps an article id to the character spans to resolve in that article (see
    `geoparse`); an article it does not name gets every toponym found. A bad span is an
    `InputError` for its article: reported to `on_error` (the article is left out) when
    given, raised otherwise.
    """
    from eventwire.geo.places import places_component
    from eventwire.pipeline import Pipeline, report

    pipeline = Pipeline(nlp=nlp, batch_size=batch_size)
    names = pipeline.nlp.pipe_names
    # With spans the places stage runs here, once per article, with or without them.
    needed = NEEDED if spans is None else NEEDED - {"eventwire_places"}
    disable = [n for n in names if n.startswith("eventwire_") and n not in needed]
    for article, doc in pipeline.parse(articles, on_error=on_error, disable=disable):
        given = None if spans is None else spans.get(article.article_id)
        try:
            if spans is not None and given is None:
                places_component(doc)
            toponyms = doc_toponyms(doc, article, spans=given)
        except InputError as error:
            report(on_error, error)
            continue
        except Exception as exc:  # as in the pipeline: a bug on one article must not lose the batch
            report(on_error, ExtractionError(article.source or article.article_id, str(exc)))
            continue
        yield article, toponyms


def doc_toponyms(
    doc: Doc, article: Article, *, spans: Sequence[CharSpan] | None = None
) -> list[Toponym]:
    """The toponyms of a parsed article body (`doc._.places`) plus those of its dateline;
    with `spans`, those spans only, resolved here (the places stage need not have run)."""
    if spans is not None:
        return _given_toponyms(doc, article, spans)
    shift = article.body_start
    found = _dateline_toponyms(article, doc._.dateline_place)
    for mention in doc._.places or []:
        span = doc[mention.start : mention.end]
        start, end = span.start_char + shift, span.end_char + shift
        found.append(Toponym(start, end, article.text[start:end], mention.literal, mention.place))
    return found


def _given_toponyms(doc: Doc, article: Article, spans: Sequence[CharSpan]) -> list[Toponym]:
    """One toponym per given span: a span in the dateline is read as the dateline's name
    there (or looked up alone); the body's spans are resolved together by `find_places`."""
    from eventwire.geo.dateline_place import resolve_dateline
    from eventwire.geo.places import find_places

    gaz = Gazetteer.load()
    shift = article.body_start
    tokens = [_token_span(doc, article, s, e) for s, e in spans]
    doc._.dateline_place = resolve_dateline(doc._.dateline, gazetteer=gaz)
    head = _dateline_toponyms(article, doc._.dateline_place)
    body = [t for t in tokens if t is not None]
    mentions = iter(find_places(doc, gazetteer=gaz, given=body) if body else [])
    found: list[Toponym] = []
    for start, end in spans:
        text = article.text[start:end]
        if start >= shift:
            mention = next(mentions)
            found.append(Toponym(start, end, text, mention.literal, mention.place))
            continue
        same = [t.place for t in head if t.start < end and start < t.end]
        place = same[0] if same else resolve_dateline(text.strip(), gazetteer=gaz)
        found.append(Toponym(start, end, text, True, place or Place(text, resolution=0)))
    return found


def _token_span(doc: Doc, article: Article, start: int, end: int) -> tuple[int, int] | None:
    """The body tokens a given span covers (None for a span in the dateline); raises
    `InputError` naming the span when it is out of range or covers no token."""
    source = article.source or article.article_id
    if not (isinstance(start, int) and isinstance(end, int) and 0 <= start < end):
        raise InputError(source, f"span ({start}, {end}) is empty or not a pair of offsets")
    if end > len(article.text):
        raise InputError(
            source,
            f"span ({start}, {end}) is out of range: the text has {len(article.text)} characters",
        )
    if not article.text[start:end].strip():
        raise InputError(source, f"span ({start}, {end}) covers no token")
    if start < article.body_start:
        return None
    span = doc.char_span(
        start - article.body_start, end - article.body_start, alignment_mode="expand"
    )
    if span is None or all(t.is_space for t in span):
        raise InputError(source, f"span ({start}, {end}) covers no token")
    return span.start, span.end


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
