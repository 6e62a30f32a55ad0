"""`eventwire dates`: every time expression of articles, resolved, one JSON object a line.

Each line is exactly `{article_id, start, end, text, value, date, enddate, precision,
basis}`; `start`/`end` index `Article.text` (the article as read, dateline included), so
`text == article.text[start:end]`. Tools outside the project score this output.

The body is parsed (tagger, parser, lemmatizer; no NER) so the tense of the clause can
choose between the last and the next "Friday" or "September 5"; the dateline, which the
parser never sees, is resolved from its text alone. `parse=False` resolves the whole text
without the model (past reading), much faster and on ESC/MEANTIME slightly less accurate
(see bench/date_eval.py). Importing this module registers the command on `eventwire.cli.app`
(cli.py imports it at its end).
"""

from __future__ import annotations

import json
import sys
from collections.abc import Callable, Iterable, Iterator
from datetime import date
from enum import StrEnum
from pathlib import Path
from typing import IO, Annotated, Any

import typer
from spacy.language import Language

from eventwire import config
from eventwire.cli import _clean_errors, _parse_date, _report_skipped, app
from eventwire.errors import InputError
from eventwire.extraction.dates import dates_component, reads_day_first, resolve_dates
from eventwire.records import Article, DateMention

#: Model pipes the tense rules do not need: skipping them saves about a third of the parse.
_UNUSED_PIPES = ("ner",)
FIELDS = ("article_id", "start", "end", "text", "value", "date", "enddate", "precision", "basis")


class DatesFormat(StrEnum):
    jsonl = "jsonl"


def article_dates(
    articles: Iterable[Article],
    *,
    nlp: Language | None,
    batch_size: int = config.BATCH_SIZE,
    on_error: Callable[[InputError], None] | None = None,
) -> Iterator[tuple[Article, list[DateMention]]]:
    """Each article with its time expressions, offsets into `article.text`, in text order.

    With `nlp` (a bare model) the body is parsed and dated by the `eventwire_dates`
    component; without, the whole text is resolved by `resolve_dates`.
    """
    if nlp is None:
        for article in articles:
            day_first = reads_day_first(article.dateline)
            yield (
                article,
                resolve_dates(article.text, published=article.published, day_first=day_first),
            )
        return
    from eventwire.extraction import mentions
    from eventwire.pipeline import Pipeline

    mentions.register_extensions()
    pipeline = Pipeline(nlp=nlp, batch_size=batch_size)
    disable = [p for p in _UNUSED_PIPES if p in nlp.pipe_names]
    for article, doc in pipeline.parse(articles, on_error=on_error, disable=disable):
        yield article, _dateline_dates(article) + _body_dates(doc, article.body_start)


def _dateline_dates(article: Article) -> list[DateMention]:
    head = article.text[: article.body_start]
    if not head.strip():
        return []
    day_first = reads_day_first(article.dateline)
    return resolve_dates(head, published=article.published, day_first=day_first)


def _body_dates(doc: Any, shift: int) -> list[DateMention]:
    dates_component(doc)
    return [_shifted(t.mention, shift) for t in doc._.times]


def _shifted(mention: DateMention, shift: int) -> DateMention:
    if not shift:
        return mention
    return DateMention(
        mention.start + shift,
        mention.end + shift,
        mention.text,
        mention.value,
        mention.date,
        mention.enddate,
        mention.precision,
        mention.basis,
    )


def date_record(article_id: str, mention: DateMention) -> dict[str, Any]:
    """The JSON object of one time expression (dates as YYYY-MM-DD or null)."""
    return {
        "article_id": article_id,
        "start": mention.start,
        "end": mention.end,
        "text": mention.text,
        "value": mention.value,
        "date": mention.date.isoformat() if mention.date else None,
        "enddate": mention.enddate.isoformat() if mention.enddate else None,
        "precision": mention.precision,
        "basis": mention.basis,
    }


def write_dates(
    pairs: Iterable[tuple[Article, list[DateMention]]], *, out: IO[str]
) -> tuple[int, int]:
    """Write one JSON line per time expression; returns (articles, expressions) written."""
    articles = expressions = 0
    for article, found in pairs:
        articles += 1
        for mention in found:
            out.write(json.dumps(date_record(article.article_id, mention), ensure_ascii=False))
            out.write("\n")
            expressions += 1
    return articles, expressions


@app.command("dates")
def dates_cmd(
    paths: Annotated[list[str], typer.Argument(help="Files, folders, or - for stdin.")],
    published: Annotated[
        date | None,
        typer.Option(
            parser=_parse_date,
            metavar="YYYY-MM-DD",
            help="Publication date to resolve against, for articles that carry none.",
        ),
    ] = None,
    fmt: Annotated[DatesFormat, typer.Option("--format", help="Output format.")] = (
        DatesFormat.jsonl
    ),
    parse: Annotated[
        bool, typer.Option("--parse/--no-parse", help="Read tense from the parse (slower).")
    ] = True,
    output: Annotated[Path | None, typer.Option("-o", "--output", help="Write here.")] = None,
) -> None:
    """List every time expression of articles with its resolved value and interval (JSONL)."""
    from eventwire import jobs

    def on_error(error: InputError) -> None:
        _report_skipped(error)

    with _clean_errors():
        articles = jobs.read_articles(
            paths,
            published=published,
            stdin=sys.stdin if "-" in paths else None,
            on_error=on_error,
        )
        nlp = _bare_model() if parse else None
        pairs = article_dates(articles, nlp=nlp, on_error=on_error)
        if output is None:
            counts = write_dates(pairs, out=sys.stdout)
        else:
            with output.open("w", encoding="utf-8") as out:
                counts = write_dates(pairs, out=out)
    typer.echo(f"{counts[1]} time expressions in {counts[0]} articles", err=True)


def _bare_model() -> Language:
    from eventwire.nlp import load_model

    return load_model()
