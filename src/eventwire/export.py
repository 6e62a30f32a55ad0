"""Write PLOVER event records as JSONL, CSV, Parquet or GeoJSON, streaming.

`write_events(records, format=..., out=...)` takes the dicts of `records.to_plover` (or of
`Store.events`) and never holds more than one Parquet row group in memory.

- `jsonl` (alias `plover`): exactly the record dicts, one per line, UTF-8 (`ensure_ascii=False`).
- `csv`: one row per event, the flat columns below, with a header; lists of entities are
  joined with `;` in the same order in every column (the second actor's code is the second
  item of `actor_codes`, its sector the second of `actor_sectors`); nulls are empty cells.
- `parquet`: the same flat columns, typed (dates as `date32`, numbers as numbers), plus
  `record`, the full PLOVER record as a JSON string.
- `acled`: ACLED-style CSV, one row per real-world event (see `eventwire.acled`).
- `geojson`: a FeatureCollection of the events that have coordinates (RFC 7946 points,
  `[lon, lat]`), the flat columns as properties; events without valid coordinates are
  left out and counted in `ExportResult.skipped`.

Flat columns, in order:

    id, date, enddate            event id; first and last possible day (YYYY-MM-DD)
    event                        PLOVER categories, `;`-joined (normally one)
    quad_code, modality          1-4; asserted/historical/future/hypothetical/negated
    mode, context                PLOVER modes and contexts, `;`-joined
    actor_codes, actor_sectors, actor_texts, actor_names
                                 ISO3/group codes, sector codes, text, canonical names
    recipient_codes, recipient_sectors, recipient_texts, recipient_names    likewise
    place, resolved_place, geonameid, province, country, country_code,
    feature_code, resolution     event_loc fields (`place` is the extracted place name)
    location_role, lat, lon      how the place was chosen; WGS84 degrees
    date_precision, date_basis   day/week/month/year/unknown; explicit/relative/publication/unknown
    claimed_by, claimed_by_code  who the text attributes the event to
    dead, injured, arrested, displaced    the size object
    confidence, cluster_id       0-1; the cross-article event id
    event_text, text             trigger words (`;`-joined); the source sentence
    article_id, url, title, publication, published    where it was reported
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import IO, Any, BinaryIO, TextIO, cast

import pyarrow as pa
import pyarrow.parquet as pq

from eventwire.errors import ConfigError

FORMATS: tuple[str, ...] = ("jsonl", "csv", "parquet", "geojson", "acled")
ALIASES = {"plover": "jsonl"}
#: Records per Parquet row group (the most held in memory at once).
ROW_GROUP = 10_000

Record = dict[str, Any]


@dataclass(frozen=True, slots=True)
class ExportResult:
    """Rows written, and events left out (GeoJSON: those without coordinates; ACLED: what
    ACLED does not code), with the reason in words."""

    written: int
    skipped: int = 0
    skip_reason: str = "without coordinates"
    unit: str = "events"


def _joined(items: Iterable[Any]) -> str:
    return ";".join("" if i is None else str(i) for i in items)


def _entities(key: str, field: str) -> Callable[[Record], str]:
    return lambda r: _joined(e.get(field) for e in r.get(key) or [])


def _at(*path: str) -> Callable[[Record], Any]:
    def get(record: Record) -> Any:
        value: Any = record
        for key in path:
            value = value.get(key) if isinstance(value, dict) else None
        return value

    return get


def _as_date(value: str | None) -> date | None:
    return date.fromisoformat(value) if value else None


_STR, _INT, _FLOAT, _DATE = pa.string(), pa.int64(), pa.float64(), pa.date32()

#: (column, Parquet type, value from the record); the one definition of the flat layout.
COLUMNS: tuple[tuple[str, pa.DataType, Callable[[Record], Any]], ...] = (
    ("id", _STR, _at("id")),
    ("date", _DATE, _at("date")),
    ("enddate", _DATE, _at("enddate")),
    ("event", _STR, lambda r: _joined(r.get("event") or [])),
    ("quad_code", _INT, _at("quad_code")),
    ("modality", _STR, _at("modality")),
    ("mode", _STR, lambda r: _joined(r.get("mode") or [])),
    ("context", _STR, lambda r: _joined(r.get("context") or [])),
    *(
        (f"{role}_{suffix}", _STR, _entities(role, field))
        for role in ("actor", "recipient")
        for suffix, field in (
            ("codes", "code"),
            ("sectors", "sector"),
            ("texts", "entity_text"),
            ("names", "identifier_text"),
        )
    ),
    ("place", _STR, _at("event_loc", "extracted_place")),
    ("resolved_place", _STR, _at("event_loc", "resolved_place")),
    ("geonameid", _INT, _at("event_loc", "geonameid")),
    ("province", _STR, _at("event_loc", "province")),
    ("country", _STR, _at("event_loc", "country")),
    ("country_code", _STR, _at("event_loc", "country_code")),
    ("feature_code", _STR, _at("event_loc", "feature_code")),
    ("resolution", _INT, _at("event_loc", "resolution")),
    ("location_role", _STR, _at("location_role")),
    ("lat", _FLOAT, _at("event_loc", "lat")),
    ("lon", _FLOAT, _at("event_loc", "lon")),
    ("date_precision", _STR, _at("date_precision")),
    ("date_basis", _STR, _at("date_basis")),
    ("claimed_by", _STR, _at("claimed_by", "entity_text")),
    ("claimed_by_code", _STR, _at("claimed_by", "code")),
    *((kind, _INT, _at("size", kind)) for kind in ("dead", "injured", "arrested", "displaced")),
    ("confidence", _FLOAT, _at("confidence")),
    ("cluster_id", _STR, _at("cluster_id")),
    ("event_text", _STR, lambda r: _joined(r.get("event_text") or [])),
    ("text", _STR, _at("text")),
    ("article_id", _STR, _at("cite_info", "article_id")),
    ("url", _STR, _at("cite_info", "url")),
    ("title", _STR, _at("cite_info", "title")),
    ("publication", _STR, _at("cite_info", "publication")),
    ("published", _DATE, _at("cite_info", "published")),
)
COLUMN_NAMES: tuple[str, ...] = tuple(name for name, _, _ in COLUMNS)
PARQUET_SCHEMA = pa.schema([(n, t) for n, t, _ in COLUMNS] + [("record", _STR)])


def flatten(record: Record) -> dict[str, Any]:
    """The flat columns of one record (dates stay ISO strings, as in the record)."""
    return {name: get(record) for name, _, get in COLUMNS}


def write_events(
    records: Iterable[Record], *, format: str, out: Path | str | BinaryIO | TextIO
) -> ExportResult:
    """Write `records` to `out` (a path, or an open text or binary stream) in `format`."""
    fmt = ALIASES.get(format.lower(), format.lower())
    if fmt == "parquet":
        return _write_parquet(records, out)
    writers = {
        "jsonl": _write_jsonl,
        "csv": _write_csv,
        "geojson": _write_geojson,
        "acled": _write_acled,
    }
    if fmt not in writers:
        raise ConfigError(f"unknown export format {format!r}: expected one of {', '.join(FORMATS)}")
    with _text_stream(out) as stream:
        return writers[fmt](records, stream)


@contextmanager
def _text_stream(out: Path | str | BinaryIO | TextIO) -> Iterator[TextIO]:
    if isinstance(out, str | Path):
        with open(out, "w", encoding="utf-8", newline="") as handle:
            yield handle
    elif isinstance(out, io.TextIOBase):
        yield cast(TextIO, out)
        out.flush()
    else:
        wrapper = io.TextIOWrapper(cast(BinaryIO, out), encoding="utf-8", newline="")
        try:
            yield wrapper
        finally:
            wrapper.flush()
            wrapper.detach()  # leave the caller's stream open


def _write_jsonl(records: Iterable[Record], stream: TextIO) -> ExportResult:
    n = 0
    for record in records:
        stream.write(json.dumps(record, ensure_ascii=False) + "\n")
        n += 1
    return ExportResult(n)


def _write_csv(records: Iterable[Record], stream: TextIO) -> ExportResult:
    writer = csv.writer(stream, lineterminator="\n")
    writer.writerow(COLUMN_NAMES)
    n = 0
    for record in records:
        writer.writerow(["" if v is None else v for v in flatten(record).values()])
        n += 1
    return ExportResult(n)


def _write_acled(records: Iterable[Record], stream: TextIO) -> ExportResult:
    from eventwire.acled import write_acled

    written, left_out = write_acled(records, stream)
    reason = "not coded by ACLED or without date or country"
    return ExportResult(written, left_out, reason, unit="ACLED rows (one per real-world event)")


def _point(record: Record) -> tuple[float, float] | None:
    loc = record.get("event_loc") or {}
    lat, lon = loc.get("lat"), loc.get("lon")
    if lat is None or lon is None or not (-90 <= lat <= 90 and -180 <= lon <= 180):
        return None
    return float(lon), float(lat)


def _write_geojson(records: Iterable[Record], stream: TextIO) -> ExportResult:
    # Written feature by feature so a large export never sits in memory whole.
    stream.write('{"type": "FeatureCollection", "features": [\n')
    written = skipped = 0
    for record in records:
        point = _point(record)
        if point is None:
            skipped += 1
            continue
        feature = {
            "type": "Feature",
            "id": record.get("id"),
            "geometry": {"type": "Point", "coordinates": list(point)},
            "properties": flatten(record),
        }
        stream.write((",\n" if written else "") + json.dumps(feature, ensure_ascii=False))
        written += 1
    stream.write("\n]}\n")
    return ExportResult(written, skipped)


def _binary_target(out: Path | str | BinaryIO | TextIO) -> str | IO[bytes]:
    if isinstance(out, str | Path):
        return str(out)
    if isinstance(out, io.TextIOBase):
        buffer = getattr(out, "buffer", None)
        if buffer is None:
            raise ConfigError("parquet is binary: give a file (-o FILE) or a binary stream")
        out.flush()
        return cast(BinaryIO, buffer)
    return cast(BinaryIO, out)


def _write_parquet(records: Iterable[Record], out: Path | str | BinaryIO | TextIO) -> ExportResult:
    n = 0
    with pq.ParquetWriter(_binary_target(out), PARQUET_SCHEMA) as writer:
        for chunk in _chunks(records, ROW_GROUP):
            writer.write_table(parquet_table(chunk))
            n += len(chunk)
        if n == 0:
            writer.write_table(PARQUET_SCHEMA.empty_table())
    return ExportResult(n)


def parquet_table(records: Sequence[Record]) -> pa.Table:
    """The records as a table of `PARQUET_SCHEMA` (the flat columns and the record's JSON)."""
    rows = []
    for record in records:
        row = flatten(record)
        for name in ("date", "enddate", "published"):
            row[name] = _as_date(row[name])
        row["record"] = json.dumps(record, ensure_ascii=False)
        rows.append(row)
    return pa.Table.from_pylist(rows, schema=PARQUET_SCHEMA)


def _chunks(records: Iterable[Record], size: int) -> Iterator[list[Record]]:
    chunk: list[Record] = []
    for record in records:
        chunk.append(record)
        if len(chunk) == size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk
