"""Event confidence: the rules' raw score mapped to the share of such events found correct.

The raw score (`events._confidence`: a verb trigger, an actor and a recipient found, no
weak trigger word) orders events well but is no probability. `data/confidence.yaml` maps it
to the share of events with that score whose category was right on the development sets
(`bench/confidence_eval.py` fits the table and reports how it holds), so that among events
with confidence >= x about x or more are right, as `record.md` asks. Where the event
happened and when have their own certainty fields (`resolution`, `location_role`,
`date_precision`, `date_basis`) and do not lower it.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Sequence
from functools import lru_cache

from eventwire.config import DATA_DIR
from eventwire.datafiles import load_yaml

TABLE = DATA_DIR / "confidence.yaml"


@lru_cache(maxsize=1)
def _shipped() -> tuple[list[float], list[float]]:
    return _steps(load_yaml(TABLE.name)["table"])


def _steps(table: Sequence[Sequence[float]]) -> tuple[list[float], list[float]]:
    """The raw scores the rows start at, and their confidences."""
    return [float(row[0]) for row in table], [float(row[1]) for row in table]


def calibrated(raw: float, *, table: Sequence[Sequence[float]] | None = None) -> float:
    """The confidence of an event of raw score `raw`: the row with the highest raw score at
    most `raw` (the lowest row below them all). `table` overrides the shipped one."""
    starts, values = _shipped() if table is None else _steps(table)
    return values[max(bisect_right(starts, raw + 1e-9) - 1, 0)]
