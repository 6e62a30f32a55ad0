"""Exports: JSONL exactly the records, CSV header and cells, Parquet round trip, GeoJSON."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import duckdb
import pyarrow.parquet as pq
import pytest

from eventwire.errors import ConfigError
from eventwire.export import COLUMN_NAMES, write_events
from eventwire.records import to_plover
from store.factories import make_pairs


@pytest.fixture
def records() -> list[dict]:
    return [to_plover(e) for _, events in make_pairs(0, 3) for e in events]


def test_write_events_jsonl_is_exactly_the_records(records: list[dict], tmp_path: Path) -> None:
    path = tmp_path / "events.jsonl"
    result = write_events(iter(records), format="jsonl", out=path)
    lines = path.read_text(encoding="utf-8").splitlines()
    assert result.written == 6
    assert [json.loads(line) for line in lines] == records
    assert "«quoted»" in lines[0]  # ensure_ascii=False


def test_write_events_jsonl_to_binary_stream_leaves_it_open(records: list[dict]) -> None:
    buffer = io.BytesIO()
    write_events(records, format="plover", out=buffer)
    assert not buffer.closed
    assert len(buffer.getvalue().decode("utf-8").splitlines()) == 6


def test_write_events_csv_header_and_joined_entities(records: list[dict]) -> None:
    stream = io.StringIO()
    write_events(records, format="csv", out=stream)
    rows = list(csv.DictReader(io.StringIO(stream.getvalue())))
    assert tuple(rows[0]) == COLUMN_NAMES
    assert COLUMN_NAMES[:4] == ("id", "date", "enddate", "event")
    assert {"actor_codes", "recipient_sectors", "lat", "claimed_by", "dead", "url"} <= set(
        COLUMN_NAMES
    )
    first, second = rows[0], rows[1]
    assert (first["id"], first["event"], first["actor_codes"], first["country_code"]) == (
        "art0000-e0", "ASSAULT", "RUS", "UKR",
    )  # fmt: skip
    assert first["lat"] == "49.99" and first["dead"] == "" and first["claimed_by"] == ""
    assert second["lat"] == "" and second["place"] == "the river crossing"


def test_write_events_csv_multiple_actors_joined_in_order(records: list[dict]) -> None:
    record = dict(records[0])
    record["actor"] = [
        {"entity_text": "A", "code": "RUS", "sector": "MIL", "identifier_text": None},
        {"entity_text": "B", "code": "BLR", "sector": "GOV", "identifier_text": "Belarus"},
    ]
    stream = io.StringIO()
    write_events([record], format="csv", out=stream)
    row = next(csv.DictReader(io.StringIO(stream.getvalue())))
    assert row["actor_codes"] == "RUS;BLR"
    assert row["actor_sectors"] == "MIL;GOV"
    assert row["actor_names"] == ";Belarus"


def test_write_events_parquet_round_trips_with_duckdb_and_pyarrow(
    records: list[dict], tmp_path: Path
) -> None:
    path = tmp_path / "events.parquet"
    assert write_events(records, format="parquet", out=path).written == 6
    table = pq.read_table(path)
    assert table.column_names == [*COLUMN_NAMES, "record"]
    assert [json.loads(r) for r in table.column("record").to_pylist()] == records
    with duckdb.connect() as con:
        rows = con.execute(
            "SELECT event, count(*), min(date), max(lat) FROM read_parquet(?) "
            "GROUP BY event ORDER BY event",
            [str(path)],
        ).fetchall()
    assert [(r[0], r[1]) for r in rows] == [("ASSAULT", 3), ("CONSULT", 3)]
    assert str(rows[0][2]) == "2024-05-14" and rows[0][3] == pytest.approx(49.99)
    assert rows[1][3] is None


def test_write_events_parquet_empty_still_has_schema(tmp_path: Path) -> None:
    path = tmp_path / "empty.parquet"
    write_events([], format="parquet", out=path)
    table = pq.read_table(path)
    assert table.num_rows == 0 and "record" in table.column_names


def test_write_events_geojson_is_a_feature_collection_without_unplaced_events(
    records: list[dict],
) -> None:
    stream = io.StringIO()
    result = write_events(records, format="geojson", out=stream)
    collection = json.loads(stream.getvalue())
    assert (result.written, result.skipped) == (3, 3)
    assert collection["type"] == "FeatureCollection"
    assert len(collection["features"]) == 3
    feature = collection["features"][0]
    assert feature["type"] == "Feature"
    assert feature["geometry"] == {"type": "Point", "coordinates": [36.23, 49.99]}  # lon, lat
    assert feature["properties"]["event"] == "ASSAULT"


def test_write_events_geojson_empty_is_valid() -> None:
    stream = io.StringIO()
    result = write_events([], format="geojson", out=stream)
    assert json.loads(stream.getvalue()) == {"type": "FeatureCollection", "features": []}
    assert result.written == 0


def test_write_events_unknown_format_raises_config_error(records: list[dict]) -> None:
    with pytest.raises(ConfigError, match="unknown export format 'xml'"):
        write_events(records, format="xml", out=io.StringIO())
