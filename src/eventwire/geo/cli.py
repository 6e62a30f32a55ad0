"""The geo commands: `eventwire places` and `eventwire gazetteer import|build`.

Plain functions (`places`, `import_geonames`) do the work; the typer functions only parse
options. Registered on the main app by `eventwire.cli`.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Callable, Iterable, Mapping, Sequence
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, TextIO

import typer

from eventwire.errors import EventwireError, FormatError, InputError

if TYPE_CHECKING:
    from eventwire.records import Article, Toponym

ErrorHandler = Callable[[InputError], None]


class PlacesFormat(StrEnum):
    jsonl = "jsonl"


def places(
    paths: Sequence[str | Path],
    *,
    out: TextIO,
    dateline: str | None = None,
    stdin: TextIO | None = None,
    on_error: ErrorHandler,
    spans: Mapping[str, Sequence[tuple[int, int]]] | None = None,
) -> int:
    """Write one JSON line per toponym of the articles of `paths` to `out`; returns the count.

    With `spans` (article id -> character spans, see `read_spans`) an article it names gets
    exactly those toponyms, resolved; the others get every toponym found."""
    from eventwire.geo.toponyms import article_toponyms
    from eventwire.jobs import read_articles

    articles = read_articles(paths, dateline=dateline, stdin=stdin, on_error=on_error)
    return write_toponyms(article_toponyms(articles, on_error=on_error, spans=spans), out=out)


def read_spans(path: Path) -> dict[str, list[tuple[int, int]]]:
    """Spans per article id, in file order, from JSON lines `{"article_id", "start", "end"}`
    (a user's own recogniser's toponyms); a malformed line raises `FormatError` naming it."""
    found: dict[str, list[tuple[int, int]]] = {}
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(str(path), f"cannot read the spans file: {exc}") from None
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        try:
            row = json.loads(line)
            key, start, end = str(row["article_id"]), row["start"], row["end"]
        except (ValueError, KeyError, TypeError) as exc:
            raise FormatError(f"{path}:{number}", f"not a span line: {exc}") from None
        if not (isinstance(start, int) and isinstance(end, int)):
            raise FormatError(f"{path}:{number}", "start and end must be integers")
        found.setdefault(key, []).append((start, end))
    return found


def write_toponyms(pairs: Iterable[tuple[Article, list[Toponym]]], *, out: TextIO) -> int:
    """JSON lines (see `toponym_json`) to `out`; returns how many were written."""
    from eventwire.geo.toponyms import toponym_json

    written = 0
    for article, toponyms in pairs:
        for toponym in toponyms:
            line = toponym_json(toponym, article_id=article.article_id)
            out.write(json.dumps(line, ensure_ascii=False) + "\n")
            written += 1
    return written


def _fail(exc: EventwireError) -> typer.Exit:
    typer.echo(f"error: {exc}", err=True)
    return typer.Exit(1)


def places_cmd(
    paths: Annotated[list[str], typer.Argument(help="Files, folders, or - for stdin.")],
    fmt: Annotated[PlacesFormat, typer.Option("--format", help="Output format.")] = (
        PlacesFormat.jsonl
    ),
    dateline: Annotated[
        str | None, typer.Option(help="Dateline for articles that carry none.")
    ] = None,
    spans: Annotated[
        Path | None,
        typer.Option(
            "--spans",
            help="JSON lines {article_id, start, end}: resolve exactly these names instead.",
        ),
    ] = None,
) -> None:
    """Print every toponym of the articles, one JSON object a line, offsets into the text."""

    def on_error(error: InputError) -> None:
        typer.echo(f"skipped {error.source}: {error.detail}", err=True)

    try:
        n = places(
            paths,
            out=sys.stdout,
            dateline=dateline,
            stdin=sys.stdin if "-" in paths else None,
            on_error=on_error,
            spans=read_spans(spans) if spans is not None else None,
        )
    except EventwireError as exc:
        raise _fail(exc) from None
    typer.echo(f"{n} toponyms written", err=True)


gazetteer_app = typer.Typer(no_args_is_help=True, help="Manage the place-name index.")


@gazetteer_app.command("import")
def gazetteer_import_cmd(
    dump: Annotated[
        Path, typer.Argument(help="GeoNames allCountries.zip (or a .txt/.zip in its format).")
    ],
    alternate_names: Annotated[
        Path | None,
        typer.Option("--alternate-names", help="GeoNames alternateNamesV2.zip (more names)."),
    ] = None,
) -> None:
    """Replace the built index with one made from a full GeoNames dump."""
    from eventwire.geo.geonames import import_geonames

    try:
        summary = import_geonames(dump, alternate_names=alternate_names)
    except EventwireError as exc:
        raise _fail(exc) from None
    typer.echo(f"{summary.places} places, {summary.names} names written to {summary.path}")


@gazetteer_app.command("build")
def gazetteer_build_cmd() -> None:
    """Rebuild the index from the installed packages (undoes an import)."""
    from eventwire.geo.geonames import rebuild

    try:
        summary = rebuild()
    except EventwireError as exc:
        raise _fail(exc) from None
    typer.echo(f"{summary.places} places, {summary.names} names written to {summary.path}")
