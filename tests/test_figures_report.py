"""`eventwire figures`: claims about one event reconciled across articles."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from eventwire import figures_report
from eventwire.cli import app
from eventwire.figures_report import Claim, describe, reconcile

runner = CliRunner()
PLACE = {"geonameid": 360630, "resolved_place": "Cairo", "country_code": "EGY"}


def _record(published: str, figures: list[dict[str, Any]], **extra: Any) -> dict[str, Any]:
    record = {
        "date": "2024-08-06",
        "event": ["ASSAULT"],
        "event_loc": PLACE,
        "cluster_id": None,
        "claimed_by": None,
        "cite_info": {
            "article_id": f"a-{published}",
            "publication": "Daily Wire",
            "published": published,
        },
        "figures": figures,
    }
    return {**record, **extra}


def _figure(value: int | None, qualifier: str = "exact", **extra: Any) -> dict[str, Any]:
    return {
        "kind": "killed",
        "value": value,
        "low": None,
        "high": None,
        "qualifier": qualifier,
        "scope": "incident",
        "claimed_by": None,
        "text": "",
        **extra,
    }


def test_reconcile_same_event_gives_min_max_latest_and_claimants() -> None:
    police = {"entity_text": "police", "code": "UNK"}
    records = [
        _record("2024-08-06", [_figure(12, "at_least", low=12, claimed_by=police)]),
        _record("2024-08-08", [_figure(19)]),
        _record("2024-08-07", [_figure(None, "range", low=14, high=16)]),
    ]
    [group] = reconcile(records)
    assert (group.low, group.high) == (12, 19)
    assert describe(group.latest) == "19" and group.latest.claimant == "Daily Wire"
    assert [c.claimant for c in group.claims] == ["police", "Daily Wire", "Daily Wire"]


def test_reconcile_keeps_kinds_scopes_and_events_apart() -> None:
    records = [
        _record("2024-08-06", [_figure(4), _figure(41000, scope="cumulative")]),
        _record("2024-08-06", [_figure(7, kind="injured")]),
        _record("2024-08-06", [_figure(3)], event_loc={"country_code": "SDN"}),
        _record("2024-08-06", [_figure(5)], date=None),  # no date, no cluster: not grouped
    ]
    keys = [(g.kind, g.scope, g.place, g.high) for g in reconcile(records)]
    assert sorted(keys) == sorted(
        [
            ("killed", "incident", "Cairo", 4),
            ("killed", "cumulative", "Cairo", 41000),
            ("injured", "incident", "Cairo", 7),
            ("killed", "incident", "SDN", 3),
        ]
    )


def test_reconcile_cluster_id_wins_over_date_and_place() -> None:
    records = [
        _record("2024-08-06", [_figure(10)], cluster_id="c1"),
        _record("2024-08-09", [_figure(13)], cluster_id="c1", date="2024-08-05"),
    ]
    [group] = reconcile(records)
    assert (group.low, group.high, group.event) == (10, 13, "cluster c1")


def test_describe_claims() -> None:
    def claim(value: int | None, low: int | None, high: int | None, q: str) -> Claim:
        return Claim(value, low, high, q, "x", None, "a", "")

    assert describe(claim(40000, None, None, "approx")) == "~40,000"
    assert describe(claim(None, 24, None, "approx")) == "≥24"
    assert describe(claim(None, 10, 15, "range")) == "10–15"
    assert describe(claim(None, None, 2300000, "at_most")) == "≤2,300,000"


class _FakeStore:
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        pass

    def __enter__(self) -> _FakeStore:
        return self

    def __exit__(self, *exc: object) -> None:
        pass

    def events(self) -> Iterator[dict[str, Any]]:
        yield _record("2024-08-06", [_figure(12)])
        yield _record("2024-08-07", [_figure(15)])


def test_figures_command_json(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setattr(figures_report, "Store", _FakeStore)
    result = runner.invoke(app, ["figures", "--db", str(tmp_path / "x.duckdb"), "--json"])
    assert result.exit_code == 0, result.output
    [row] = [json.loads(line) for line in result.stdout.splitlines()]
    assert (row["min"], row["max"], row["latest"]["value"]) == (12, 15, "15")
