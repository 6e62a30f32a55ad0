"""Admin-1 points from countrystatecity-countries' states.json files (a small fixture)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from eventwire.geo.state_points import StateArea, TownGrid, state_points


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    states = {
        "XA": [
            {"name": "Northland", "iso3166_2": "XA-NL", "latitude": "10.5", "longitude": "20.25"},
            {"name": "Lake Province", "iso3166_2": None, "latitude": "11.0", "longitude": "21.0"},
            {"name": "Hill Country", "iso3166_2": "XA-HC", "latitude": None, "longitude": None},
            {"name": "Isles", "iso3166_2": "XA-IS", "latitude": "12.0", "longitude": "22.0"},
            {"name": "Plains", "iso3166_2": "XA-PL", "latitude": "12.0", "longitude": "22.0"},
        ],
        "XB": [
            {"name": "Northland", "iso3166_2": "XB-NO", "latitude": "-5.0", "longitude": "30.0"},
        ],
    }
    for iso2, rows in states.items():
        (tmp_path / iso2).mkdir()
        (tmp_path / iso2 / "states.json").write_text(json.dumps(rows), encoding="utf-8")
    return tmp_path


def test_state_points_match_by_iso_code(folder: Path) -> None:
    # The ISO code wins over the name: our "North Land Region" is the package's Northland.
    points = state_points([StateArea(1, "XA-NL", "XA", ["North Land Region"])], folder=folder)
    assert points == {1: (10.5, 20.25)}


def test_state_points_match_by_name_within_the_country(folder: Path) -> None:
    areas = [
        StateArea(2, "", "XA", ["Lake Prov.", "Lake Province"]),
        StateArea(3, "", "XB", ["Northland"]),
    ]
    assert state_points(areas, folder=folder) == {2: (11.0, 21.0), 3: (-5.0, 30.0)}


def test_state_points_skip_missing_and_shared_points(folder: Path) -> None:
    areas = [
        StateArea(4, "XA-HC", "XA", ["Hill Country"]),  # no coordinates
        StateArea(5, "XA-IS", "XA", ["Isles"]),  # same point as Plains: a copying slip
        StateArea(6, "XA-ZZ", "XA", ["Nowhere"]),  # no such state
        StateArea(7, "XC-01", "XC", ["Elsewhere"]),  # no such country file
    ]
    assert state_points(areas, folder=folder) == {}


def test_state_points_give_the_package_point_to_a_large_province() -> None:
    # Ontario's towns sit along its southern edge; the package's point is inland.
    pytest.importorskip("countrystatecity_countries")
    points = state_points([StateArea(8, "CA-ON", "CA", ["Ontario"])])
    lat, _lon = points[8]
    assert 48.0 < lat < 52.0


def test_state_points_leave_out_a_point_at_the_homonymous_town(folder: Path) -> None:
    # The package put Northland at the town of Northland (2 km away): not the area's point.
    towns = TownGrid([(10.51, 20.26, ["Northland", "Northland Town"]), (11.0, 21.0, ["Elm"])])
    areas = [
        StateArea(1, "XA-NL", "XA", ["Northland"]),
        StateArea(2, "", "XA", ["Lake Province"]),  # a town nearby under another name
    ]
    assert state_points(areas, folder=folder, towns=towns) == {2: (11.0, 21.0)}
