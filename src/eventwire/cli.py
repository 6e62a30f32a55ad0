"""The `eventwire` command: thin wrappers that parse options and call `eventwire.jobs`.

Records and exports go to stdout (or `-o FILE`); progress, skipped inputs and notes go to
stderr, so `eventwire extract a.txt > events.jsonl` stays clean. Errors eventwire raises
on purpose are printed as one line and exit with status 1; bad options exit with 2.
"""

from __future__ import annotations

import os
import re
import signal
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import date, datetime
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.progress import BarColumn, Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

from eventwire import config, jobs
from eventwire.errors import EventwireError, InputError
from eventwire.export import ExportResult, write_events
from eventwire.geo.cli import gazetteer_app, places_cmd
from eventwire.records import CATEGORIES
from eventwire.store import Store
from eventwire.tables import print_recent, print_stats, print_summary

app = typer.Typer(
    no_args_is_help=True,
    pretty_exceptions_show_locals=False,
    help="News articles in, PLOVER political event records out.",
)


class Format(StrEnum):
    jsonl = "jsonl"
    plover = "plover"
    csv = "csv"
    parquet = "parquet"
    geojson = "geojson"
    acled = "acled"


def _parse_date(value: str) -> date:
    try:
        return datetime.strptime(value, "%Y-%m-%d").date()
    except ValueError:
        raise typer.BadParameter(f"expected a date as YYYY-MM-DD, got {value!r}") from None


def _parse_country(value: str) -> str:
    if not re.fullmatch(r"[A-Za-z]{3}", value):
        raise typer.BadParameter(f"expected an ISO 3166 alpha-3 code such as UKR, got {value!r}")
    return value.upper()


def _parse_category(value: str) -> str:
    if value.upper() not in CATEGORIES:
        raise typer.BadParameter(
            f"unknown PLOVER category {value!r}: expected one of {', '.join(CATEGORIES)}"
        )
    return value.upper()


Db = Annotated[
    Path, typer.Option("--db", help="DuckDB store file (env EVENTWIRE_DB).", dir_okay=False)
]
ReadLake = Annotated[
    Path | None,
    typer.Option(
        "--lake", file_okay=False, help="Read this Parquet lake (ingest --lake) instead of --db."
    ),
]
Published = Annotated[
    date | None,
    typer.Option(
        parser=_parse_date,
        metavar="YYYY-MM-DD",
        help="Publication date for articles that carry none.",
    ),
]
Dateline = Annotated[str | None, typer.Option(help="Dateline for articles that carry none.")]
Strict = Annotated[bool, typer.Option("--strict", help="Exit with 1 if any input was skipped.")]
Output = Annotated[Path | None, typer.Option("-o", "--output", help="Write here, not stdout.")]
Since = Annotated[
    date | None, typer.Option(parser=_parse_date, metavar="YYYY-MM-DD", help="From this day.")
]
Until = Annotated[
    date | None, typer.Option(parser=_parse_date, metavar="YYYY-MM-DD", help="Up to this day.")
]


def _out() -> Console:
    return Console()


def _err() -> Console:
    return Console(stderr=True)


@contextmanager
def _clean_errors() -> Iterator[None]:
    """EventwireErrors become one line on stderr and exit status 1, not a traceback."""
    try:
        yield
    except EventwireError as exc:
        typer.echo(f"error: {exc}", err=True)
        raise typer.Exit(1) from None
    except BrokenPipeError:
        # The reader went away (`eventwire extract ... | head`): stop quietly, and keep
        # Python from complaining again when it flushes stdout at exit.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        raise typer.Exit(1) from None


class _Terminated(KeyboardInterrupt):
    """SIGTERM, raised where the main thread is (a KeyboardInterrupt, so cleanup runs)."""


@contextmanager
def _stopped_by_sigterm() -> Iterator[None]:
    """SIGTERM stops like Ctrl-C: the batch being written is rolled back, workers are let go
    (the next run resumes where this one stopped), and the exit status is 143."""

    def stop(signum: int, frame: object) -> None:
        raise _Terminated

    previous = signal.signal(signal.SIGTERM, stop)
    try:
        yield
    except _Terminated:
        typer.echo("interrupted: stored articles are kept; run again to resume", err=True)
        raise typer.Exit(128 + signal.SIGTERM) from None
    finally:
        signal.signal(signal.SIGTERM, previous)


@contextmanager
def _progress(description: str) -> Iterator[Callable[[], None]]:
    with Progress(
        SpinnerColumn(),
        TextColumn(description),
        BarColumn(),
        TextColumn("{task.completed} articles"),
        TimeElapsedColumn(),
        console=_err(),
    ) as progress:
        task = progress.add_task(description, total=None)
        yield lambda: progress.advance(task)


def _report_skipped(error: InputError) -> None:
    typer.echo(f"skipped {error.source}: {error.detail}", err=True)


def _format_for(fmt: Format | None, output: Path | None) -> str:
    if fmt is not None:
        return fmt.value
    suffix = output.suffix.lower().lstrip(".") if output else ""
    return suffix if suffix in {f.value for f in Format} else "jsonl"


@app.command("extract")
def extract_cmd(
    paths: Annotated[list[str], typer.Argument(help="Files, folders, or - for stdin.")],
    published: Published = None,
    dateline: Dateline = None,
    fmt: Annotated[
        Format | None, typer.Option("--format", help="Default: from -o's suffix, else jsonl.")
    ] = None,
    output: Output = None,
    strict: Strict = False,
) -> None:
    """Print the events of articles (PLOVER JSONL by default)."""
    fmt_name = _format_for(fmt, output)
    if fmt_name == "parquet" and output is None and sys.stdout.isatty():
        raise typer.BadParameter("parquet is binary: write it to a file with -o")
    skipped: list[InputError] = []

    def on_error(error: InputError) -> None:
        skipped.append(error)
        _report_skipped(error)

    with _clean_errors():
        records = jobs.extract(
            paths,
            published=published,
            dateline=dateline,
            stdin=sys.stdin if "-" in paths else None,
            on_error=on_error,
        )
        result = write_events(records, format=fmt_name, out=output or sys.stdout)
    _note_export(result, output)
    if strict and skipped:
        raise typer.Exit(1)


@app.command("ingest")
def ingest_cmd(
    paths: Annotated[list[Path], typer.Argument(help="Files and folders of articles.")],
    db: Db = config.DEFAULT_DB,
    published: Published = None,
    dateline: Dateline = None,
    strict: Strict = False,
    workers: Annotated[
        int, typer.Option("--workers", min=0, help="Code on N local processes (0: in this one).")
    ] = 0,
    dask: Annotated[
        str | None,
        typer.Option(
            "--dask",
            metavar="local[:N]|ADDRESS",
            help="Code on a Dask LocalCluster of N workers, or the cluster at tcp://host:8786.",
        ),
    ] = None,
    lake: Annotated[
        Path | None,
        typer.Option(
            "--lake", file_okay=False, help="Write a Parquet lake here instead of the store."
        ),
    ] = None,
) -> None:
    """Code articles into the store; re-running skips articles already stored."""
    label = "ingesting (bar moves per finished partition)" if workers or dask else "ingesting"
    with _clean_errors(), _stopped_by_sigterm(), _progress(label) as tick:
        summary = jobs.ingest(
            paths,
            db=db,
            published=published,
            dateline=dateline,
            on_article=tick,
            workers=workers,
            dask=dask,
            lake=lake,
        )
    print_summary(summary, console=_out())
    if strict and summary.skipped:
        raise typer.Exit(1)


@app.command("export")
def export_cmd(
    fmt: Annotated[Format, typer.Option("--format", help="Output format.")],
    db: Db = config.DEFAULT_DB,
    since: Since = None,
    until: Until = None,
    country: Annotated[
        str | None,
        typer.Option(parser=_parse_country, metavar="ISO3", help="Event place or actor country."),
    ] = None,
    event: Annotated[
        str | None,
        typer.Option(parser=_parse_category, metavar="CATEGORY", help="PLOVER category."),
    ] = None,
    output: Output = None,
    level: Annotated[
        str,
        typer.Option(
            "--level",
            metavar="event|cluster|story",
            help="event: one row per report; cluster: one per real-world event; story: one per"
            " story, the articles telling one happening (cluster and story: --since only).",
        ),
    ] = "event",
) -> None:
    """Export stored events, filtered, as JSONL, CSV, Parquet or GeoJSON."""
    if since and until and since > until:
        raise typer.BadParameter(f"--since {since} is after --until {until}")
    if level != "event":
        from eventwire.dedup.cli import export_level

        if until or country or event:
            raise typer.BadParameter(f"--level {level} supports --since only")
        return export_level(level, fmt=fmt.value, db=db, since=since, output=output)
    if fmt is Format.parquet and output is None and sys.stdout.isatty():
        raise typer.BadParameter("parquet is binary: write it to a file with -o")
    with _clean_errors():
        result = jobs.export(
            db=db,
            format=fmt.value,
            out=output or sys.stdout,
            since=since,
            until=until,
            country=country,
            event=event,
        )
    _note_export(result, output)


def _note_export(result: ExportResult, output: Path | None) -> None:
    where = f" to {output}" if output else ""
    note = f"{result.written} {result.unit} written{where}"
    if result.skipped:
        note += f"; {result.skipped} events {result.skip_reason} left out"
    typer.echo(note, err=True)


@app.command("stats")
def stats_cmd(db: Db = config.DEFAULT_DB, lake: ReadLake = None) -> None:
    """Counts of stored events by category, quad, country, modality and month."""
    with _clean_errors(), _read_store(db, lake) as store:
        stats = store.stats()
    print_stats(stats, console=_out())


@app.command("recent")
def recent_cmd(
    db: Db = config.DEFAULT_DB,
    n: Annotated[int, typer.Option("-n", min=1, help="How many events.")] = 20,
    lake: ReadLake = None,
) -> None:
    """The most recent stored events as a table."""
    with _clean_errors(), _read_store(db, lake) as store:
        records = store.recent(n)
    print_recent(records, console=_out())


@app.command("demo")
def demo_cmd(db: Db = config.DEFAULT_DB) -> None:
    """Ingest the bundled sample articles, then show the summary and the recent events."""
    with _clean_errors():
        with _progress("ingesting samples") as tick:
            summary = jobs.demo(db=db, on_article=tick)
        with Store(db, read_only=True) as store:
            records = store.recent(20)
    console = _out()
    print_summary(summary, console=console)
    print_recent(records, console=console)


@app.command("serve")
def serve_cmd(
    db: Db = config.DEFAULT_DB,
    host: Annotated[str, typer.Option(help="Address to listen on.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(min=1, max=65535, help="Port to listen on.")] = 8000,
    lake: ReadLake = None,
) -> None:
    """The REST API and the dashboard over the store (POST /api/articles with EVENTWIRE_TOKEN)."""
    with _clean_errors():
        serve(db=db, host=host, port=port, lake=lake)


def serve(*, db: Path, host: str, port: int, lake: Path | None = None) -> None:
    """Print where the dashboard is, then run the server until interrupted."""
    from eventwire.api.server import serve as run_server

    shown = f"[{host}]" if ":" in host else host
    typer.echo(f"eventwire: dashboard at http://{shown}:{port}/ , API docs at /docs", err=True)
    run_server(db=db, host=host, port=port, lake=lake)


def _read_store(db: Path, lake: Path | None) -> Store:
    """The store at `db` read-only, or the lake's read-only view when `lake` is given."""
    if lake is None:
        return Store(db, read_only=True)
    from eventwire.lake import open_lake

    return open_lake(lake)


app.command("places")(places_cmd)
app.add_typer(gazetteer_app, name="gazetteer")


import eventwire.dedup.cli  # noqa: E402, F401  (registers `eventwire clusters`, `recluster`)
import eventwire.extraction.dates_cli  # noqa: E402, F401  (registers `eventwire dates`)
import eventwire.figures_report  # noqa: E402, F401  (registers `eventwire figures`)
