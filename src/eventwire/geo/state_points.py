"""Admin-1 points from the countrystatecity-countries package (ODbL): one point per state or
province, close to the points GeoNames gives its admin-1 records.

The index builder otherwise places an admin-1 area at the middle of the towns inside it,
which for a large province with its people along one edge (Ontario, British Columbia,
Western Australia) lies 300-800 km from GeoNames' point. Only the per-country states.json
files are read (never the package's city files: build time matters).
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import NamedTuple

from eventwire.geo.names import normalize
from eventwire.geodesy import km

__all__ = ["StateArea", "TownGrid", "data_dir", "package_version", "state_points"]

_PACKAGE = "countrystatecity-countries"


class StateArea(NamedTuple):
    """One admin-1 area of ours: its key, ISO 3166-2 code (may be empty), country, names."""

    key: int
    iso_code: str
    iso2: str
    names: Sequence[str]


def data_dir() -> Path | None:
    """The package's by-country directory, or None when the package is not installed."""
    try:
        import countrystatecity_countries
    except ImportError:
        return None
    return Path(countrystatecity_countries.__file__).parent / "data" / "by-country"


def package_version() -> str:
    """The installed package version (part of the index cache key), "-" when absent."""
    from importlib import metadata

    try:
        return metadata.version(_PACKAGE)
    except metadata.PackageNotFoundError:
        return "-"


def _read_states(folder: Path, iso2: str) -> list[tuple[str, str, float, float]]:
    """(ISO 3166-2 code, normalised name, lat, lon) of one country's states with a point.

    A point shared by two states of the country is a copying slip in the data (the
    Venezuelan islands carry Bolívar's): both are left out.
    """
    path = folder / iso2 / "states.json"
    if not path.exists():
        return []
    rows = []
    for state in json.loads(path.read_text(encoding="utf-8")):
        lat, lon = state.get("latitude"), state.get("longitude")
        if lat in (None, "") or lon in (None, ""):
            continue
        code = state.get("iso3166_2") or ""
        rows.append((code, normalize(state["name"]), float(lat), float(lon)))
    seen = Counter((lat, lon) for _c, _n, lat, lon in rows)
    return [row for row in rows if seen[row[2], row[3]] == 1]


class TownGrid:
    """Towns binned by tenth of a degree, to ask which lie near a point."""

    def __init__(self, towns: Iterable[tuple[float, float, Sequence[str]]]) -> None:
        self._cells: dict[tuple[int, int], list[tuple[float, float, Sequence[str]]]] = {}
        for lat, lon, names in towns:
            self._cells.setdefault(_cell(lat, lon), []).append((lat, lon, names))

    def named_near(self, lat: float, lon: float, names: set[str], *, km_max: float) -> bool:
        """Whether a town within `km_max` (at most ~5 km) bears one of the normalised names."""
        row, col = _cell(lat, lon)
        for cell in ((row + i, col + j) for i in (-1, 0, 1) for j in (-1, 0, 1)):
            for t_lat, t_lon, t_names in self._cells.get(cell, ()):
                if km(lat, lon, t_lat, t_lon) <= km_max and any(
                    normalize(n) in names for n in t_names
                ):
                    return True
        return False


def _cell(lat: float, lon: float) -> tuple[int, int]:
    return int(lat * 10 // 1), int(lon * 10 // 1)


def state_points(
    areas: Iterable[StateArea], *, folder: Path | None = None, towns: TownGrid | None = None
) -> dict[int, tuple[float, float]]:
    """Area key -> (lat, lon) from the package, matched by ISO 3166-2 code, else by a
    normalised name (the area's name or an alias) naming exactly one state of the country.

    The package often gives a province its homonymous capital's point (New York state at
    the city, São Paulo state at São Paulo): a point within 5 km of a town of the area's
    name, among `towns`, is left out, as are areas without a match. An empty dict when the
    package is not installed.
    """
    folder = folder or data_dir()
    if folder is None:
        return {}
    by_country: dict[str, list[StateArea]] = {}
    for area in areas:
        by_country.setdefault(area.iso2, []).append(area)
    points: dict[int, tuple[float, float]] = {}
    for iso2, group in by_country.items():
        states = _read_states(folder, iso2)
        by_code = {code: (lat, lon) for code, _n, lat, lon in states if code}
        by_name: dict[str, list[tuple[float, float]]] = {}
        for _code, name, lat, lon in states:
            by_name.setdefault(name, []).append((lat, lon))
        for area in group:
            names = {normalize(n) for n in area.names}
            point = by_code.get(area.iso_code) if area.iso_code else None
            point = point or _by_name(names, by_name)
            if point is None or towns and towns.named_near(*point, names, km_max=5.0):
                continue
            points[area.key] = point
    return points


def _by_name(
    names: set[str], by_name: dict[str, list[tuple[float, float]]]
) -> tuple[float, float] | None:
    """The one point the package gives under any of an area's normalised `names`."""
    found = {p for name in names for p in by_name.get(name, [])}
    return found.pop() if len(found) == 1 else None
