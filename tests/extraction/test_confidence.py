"""Event confidence: the raw score mapped through the fitted table."""

from __future__ import annotations

from eventwire.datafiles import load_yaml
from eventwire.extraction.confidence import calibrated

TABLE = [[0.4, 0.2, 10, 2], [0.6, 0.5, 10, 5], [0.85, 0.8, 10, 8]]


def test_calibrated_takes_the_row_at_or_below_the_raw_score() -> None:
    assert calibrated(0.6, table=TABLE) == 0.5
    assert calibrated(0.75, table=TABLE) == 0.5
    assert calibrated(0.95, table=TABLE) == 0.8


def test_calibrated_below_every_row_is_the_lowest() -> None:
    assert calibrated(0.05, table=TABLE) == 0.2


def test_calibrated_shipped_table_rises_and_counts_add_up() -> None:
    rows = load_yaml("confidence.yaml")["table"]
    assert [r[0] for r in rows] == sorted(r[0] for r in rows)
    assert [r[1] for r in rows] == sorted(r[1] for r in rows)
    assert all(0 <= correct <= events for _, _, events, correct in rows)
    assert all(0 < calibrated(raw) < 1 for raw in (0.1, 0.5, 0.9))


def test_fit_pools_scores_until_shares_rise() -> None:
    from confidence_eval import fit

    # raw 0.5: 3 of 4 right; raw 0.6: 1 of 4 (a dip, pooled with 0.5); raw 0.8: 9 of 10.
    pairs = [(0.5, i < 3, i) for i in range(4)] + [(0.6, i < 1, i) for i in range(4)]
    pairs += [(0.8, i < 9, i) for i in range(10)]
    table = fit(pairs)
    assert [row[0] for row in table] == [0.5, 0.8]
    assert table[0][2:] == [8, 4] and table[0][1] == round(5 / 10, 3)
    assert table[1][1] == round(10 / 12, 3)
