"""The ACLED-style export: event types, actor names and numbers, one row per cluster."""

from __future__ import annotations

import csv
import io
from typing import Any

from eventwire.acled import ACLED_COLUMNS, acled_rows
from eventwire.export import write_events


def _entity(code: str, sector: str, text: str = "", name: str | None = None) -> dict[str, Any]:
    return {"entity_text": text, "code": code, "sector": sector, "identifier_text": name}


def _loc(place: str, country_code: str) -> dict[str, Any]:
    return {"resolved_place": place, "country_code": country_code, "resolution": 4}


def _record(**fields: Any) -> dict[str, Any]:
    record: dict[str, Any] = {
        "id": "e1",
        "date": "2024-05-13",
        "date_precision": "day",
        "event": ["ASSAULT"],
        "mode": [],
        "modality": "asserted",
        "actor": [],
        "recipient": [],
        "event_loc": {
            "extracted_place": "Kharkiv",
            "resolved_place": "Kharkiv",
            "province": "Kharkivska oblast",
            "country_code": "UKR",
            "lat": 49.98,
            "lon": 36.25,
            "resolution": 4,
        },
        "size": {"dead": None},
        "text": "Shells hit a market in Kharkiv.",
        "cite_info": {"publication": "Example Wire"},
        "cluster_id": None,
    }
    record.update(fields)
    return record


def test_acled_rows_shelling_of_civilians_by_foreign_forces() -> None:
    record = _record(
        mode=["heavy-weapons"],
        actor=[_entity("RUS", "MIL", "Russian forces")],
        recipient=[_entity("UKR", "CVL", "shoppers")],
        size={"dead": 4},
    )
    (row,), left_out = acled_rows([record])
    assert left_out == 0
    assert (row["event_type"], row["sub_event_type"]) == (
        "Explosions/Remote violence",
        "Shelling/artillery/missile attack",
    )
    assert (row["actor1"], row["inter1"]) == ("Military Forces of Russia", 8)
    assert (row["actor2"], row["inter2"], row["interaction"]) == ("Civilians (Ukraine)", 7, 78)
    assert row["civilian_targeting"] == "Civilian targeting"
    assert (row["country"], row["iso"], row["admin1"]) == ("Ukraine", 804, "Kharkivska oblast")
    assert (row["geo_precision"], row["time_precision"], row["fatalities"]) == (1, 1, 4)
    assert row["disorder_type"] == "Political violence"


def test_acled_rows_one_row_per_cluster_with_lowest_death_count() -> None:
    reports = [
        _record(id="a", cluster_id="c1", size={"dead": 12}),
        _record(id="b", cluster_id="c1", size={"dead": 9}, cite_info={"publication": "Daily Two"}),
        _record(id="c", cluster_id="c1", size={"dead": None}),
        _record(id="d", cluster_id=None),
    ]
    rows, _ = acled_rows(reports)
    assert [r["event_id_cnty"] for r in rows] == ["c1", "d"]
    assert rows[0]["fatalities"] == 9
    assert rows[0]["source"] == "Example Wire; Daily Two"
    assert rows[1]["fatalities"] == 0


def test_acled_rows_leave_out_what_acled_does_not_code() -> None:
    reports = [
        _record(event=["CONSULT"]),
        _record(modality="future"),
        _record(date=None),
        _record(event_loc=None),
    ]
    rows, left_out = acled_rows(reports)
    assert (rows, left_out) == ([], 4)


def test_acled_rows_protest_names_protesters_and_the_groups_that_marched() -> None:
    record = _record(
        event=["PROTEST"],
        mode=["demo"],
        actor=[
            _entity("FRA", "LAB", "the CGT union", "CGT"),
            _entity("FRA", "CVL", "farmers", "farmers"),
        ],
        recipient=[_entity("FRA", "GOV", "the government")],
        event_loc=_loc("Lyon", "FRA"),
    )
    (row,), _ = acled_rows([record])
    assert (row["event_type"], row["sub_event_type"]) == ("Protests", "Peaceful protest")
    assert (row["actor1"], row["assoc_actor_1"], row["inter1"]) == ("Protesters (France)", "CGT", 6)
    assert (row["actor2"], row["inter2"], row["interaction"]) == ("Government of France", 1, 16)
    assert row["disorder_type"] == "Demonstrations"
    assert row["civilian_targeting"] == ""


def test_acled_rows_two_sided_fighting_is_a_battle() -> None:
    record = _record(
        actor=[_entity("SDN", "MIL"), _entity("SDN", "REB", "the RSF", "RSF")],
        event_loc=_loc("El Fasher", "SDN"),
    )
    (row,), _ = acled_rows([record])
    assert (row["event_type"], row["sub_event_type"]) == ("Battles", "Armed clash")
    assert (row["actor1"], row["actor2"], row["interaction"]) == (
        "Military Forces of Sudan",
        "RSF",
        12,
    )


def test_acled_rows_target_named_only_as_a_place_is_no_actor() -> None:
    record = _record(actor=[_entity("RUS", "MIL")], recipient=[_entity("UKR", "UNK", "Kharkiv")])
    (row,), _ = acled_rows([record])
    assert (row["event_type"], row["actor2"], row["inter2"]) == (
        "Violence against civilians",
        "",
        0,
    )


def test_write_events_acled_csv_has_the_acled_header() -> None:
    out = io.StringIO()
    result = write_events([_record(), _record(event=["AGREE"])], format="acled", out=out)
    assert (result.written, result.skipped) == (1, 1)
    rows = list(csv.DictReader(io.StringIO(out.getvalue())))
    assert tuple(rows[0]) == ACLED_COLUMNS
    assert rows[0]["event_date"] == "2024-05-13" and rows[0]["region"] == ""
