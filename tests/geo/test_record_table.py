"""The gazetteer's places as columns: rows read back as they went in, through a pickle."""

from __future__ import annotations

import pickle

from eventwire.geo.names import IndexRecord
from eventwire.geo.record_table import RecordTable

_PLACES = [
    IndexRecord(100, "Northharbour", "P", "PPLA", "XXA", "Lakeland", 12.5, -3.25, 40_000),
    IndexRecord(-2, "Upper Vale", "L", "RGN", "XXA", None, None, None, 0),
    IndexRecord(7, "Lakeland", "A", "ADM1", "XXA", "Lakeland", 1e-9, 179.9999, 3_000_000_000),
]


def test_record_table_row_gives_back_each_record() -> None:
    table = RecordTable(_PLACES)
    assert len(table) == 3
    assert [table.row(k) for k in range(3)] == [tuple(p) for p in _PLACES]
    assert table.name(2) == "Lakeland"
    assert list(table.geonameids()) == [100, -2, 7]


def test_record_table_unknown_point_is_none_not_nan() -> None:
    row = RecordTable(_PLACES).row(1)
    assert row[6] is None
    assert row[7] is None


def test_record_table_row_fields_keep_their_types() -> None:
    row = RecordTable(_PLACES).row(0)
    assert [type(v) for v in row] == [int, str, str, str, str, str, float, float, int]


def test_record_table_columns_survive_a_pickle() -> None:
    columns = pickle.loads(pickle.dumps(RecordTable(_PLACES).columns(), protocol=5))
    table = RecordTable.from_columns(columns)
    assert [table.row(k) for k in range(3)] == [tuple(p) for p in _PLACES]


def test_record_table_repeated_strings_are_one_object() -> None:
    table = RecordTable([(*p[:5], "Lake" + "land", *p[6:]) for p in _PLACES])
    provinces = {id(table.row(k)[5]) for k in range(3)}
    assert len(provinces) == 1
