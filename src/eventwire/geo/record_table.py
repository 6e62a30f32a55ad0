"""The gazetteer's places stored as columns: arrays of numbers and lists of shared strings.

Every process that geoparses (each worker of a scale run, and the driver) holds the whole
index. As one tuple per place, its ~290,000 places cost about 85 MB (a tuple, two floats
and two ints each); as columns about 35 MB. The columns are plain lists, strings and
arrays, so the pickled index needs no eventwire class to load (an older eventwire reading
a newer file sees a version mismatch, not an import error).
"""

from __future__ import annotations

import math
from array import array
from collections.abc import Iterable, Sequence
from typing import Any

__all__ = ["RecordTable", "Row"]

#: geonameid, name, feature class, feature code, ISO3, province, lat, lon, population
#: (the fields of `names.IndexRecord`).
Row = tuple[int, str, str, str, str, "str | None", "float | None", "float | None", int]
#: What `columns()` returns and `RecordTable.from_columns` takes (what the pickle holds).
Columns = tuple[Any, ...]

#: Stands for an unknown latitude or longitude in the float arrays (no place has a NaN one).
_UNKNOWN = math.nan


class RecordTable:
    """Places by record number; `row(k)` gives record `k`'s fields as a plain tuple."""

    __slots__ = ("_ids", "_names", "_classes", "_codes", "_iso3", "_provinces", "_lats",
                 "_lons", "_populations")  # fmt: skip

    def __init__(self, records: Iterable[Sequence[Any]]) -> None:
        shared: dict[str, str] = {}  # one object per distinct code or province, not per place
        one = shared.setdefault
        rows = list(records)
        self._ids = array("q", [r[0] for r in rows])
        self._names: list[str] = [r[1] for r in rows]
        self._classes: list[str] = [one(r[2], r[2]) for r in rows]
        self._codes: list[str] = [one(r[3], r[3]) for r in rows]
        self._iso3: list[str] = [one(r[4], r[4]) for r in rows]
        self._provinces: list[str | None] = [
            None if r[5] is None else one(r[5], r[5]) for r in rows
        ]
        self._lats = array("d", [_UNKNOWN if r[6] is None else r[6] for r in rows])
        self._lons = array("d", [_UNKNOWN if r[7] is None else r[7] for r in rows])
        self._populations = array("q", [r[8] for r in rows])

    def columns(self) -> Columns:
        """The columns, for pickling (see `from_columns`)."""
        return tuple(getattr(self, name) for name in self.__slots__)

    @classmethod
    def from_columns(cls, columns: Columns) -> RecordTable:
        """The table back from `columns()`, without copying them."""
        table = cls.__new__(cls)
        for name, column in zip(cls.__slots__, columns, strict=True):
            setattr(table, name, column)
        return table

    def __len__(self) -> int:
        return len(self._ids)

    def row(self, k: int) -> Row:
        """Record `k`: the `IndexRecord` fields, None for an unknown point."""
        lat, lon = self._lats[k], self._lons[k]
        return (self._ids[k], self._names[k], self._classes[k], self._codes[k],
                self._iso3[k], self._provinces[k], None if lat != lat else lat,
                None if lon != lon else lon, self._populations[k])  # fmt: skip

    def name(self, k: int) -> str:
        return self._names[k]

    def geonameids(self) -> Sequence[int]:
        """Every record's GeoNames id, by record number."""
        return self._ids
