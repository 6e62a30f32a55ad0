"""Calibration of event `confidence` on the development sets, and the table behind it.

    .venv/bin/python bench/confidence_eval.py           # prints the figures, writes
                                                        # bench/results/confidence.json
    .venv/bin/python bench/confidence_eval.py --write   # also refits data/confidence.yaml

An event counts as *correct* when its category is the gold category of its sentence
(plover-gsr, one ideal coding a sentence; a second event of another category on the same
sentence counts as wrong, so the figures are conservative), and every event on our own
non-event sentences (tests/fixtures/non_events.txt) is wrong. The rules' raw score orders
events; the table maps each raw score to the smoothed share of correct events ((k+1)/(n+2))
after pooling adjacent scores until the shares rise with the score (isotonic regression).

Figures: for each threshold x, the share of correct events among those with confidence >= x
(`reliability`: record.md asks it to be at least about x); the same with the table fitted on
half the sentences and checked on the other half (`split_half`), to show how far the table
carries beyond the sentences it was fitted on; the Brier score.
"""

from __future__ import annotations

import argparse
import json
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import yaml

from eventwire.extraction.confidence import TABLE, calibrated
from plover_eval import GSR, load_pipeline, read_non_events
from report import save

ROOT = Path(__file__).resolve().parents[1]
RESULTS = ROOT / "bench" / "results" / "confidence.json"
THRESHOLDS = (0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8)
HEADER = """\
# Event confidence: the rules' raw score (eventwire.extraction.events._confidence) mapped to
# the share of events with that score found correct on the development sets (plover-gsr and
# our own non-event sentences). Written by `bench/confidence_eval.py --write`; see its
# docstring for how. Format: `table`, a list of [raw score at least, confidence, events,
# correct events], rising.
"""

Pair = tuple[float, bool, int]  # raw score, correct, sentence number


def collect() -> list[Pair]:
    """(raw score, correct, sentence) for every event coded on the development sentences."""
    records = [json.loads(line) for line in GSR.read_text(encoding="utf-8").splitlines() if line]
    nlp = load_pipeline()
    pairs: list[Pair] = []
    texts = [r["text"] for r in records]
    for i, (record, doc) in enumerate(zip(records, nlp.pipe(texts), strict=True)):
        pairs += [(e.confidence, e.category == record["event"], i) for e in doc._.events or []]
    for j, doc in enumerate(nlp.pipe(read_non_events())):
        pairs += [(e.confidence, False, len(records) + j) for e in doc._.events or []]
    return pairs


def fit(pairs: Sequence[Pair]) -> list[list[float]]:
    """Rows [raw at least, confidence, events, correct]: adjacent raw scores pooled until the
    smoothed shares rise (pool adjacent violators)."""
    counts: dict[float, list[int]] = {}
    for raw, correct, _ in pairs:
        k_n = counts.setdefault(raw, [0, 0])
        k_n[0] += correct
        k_n[1] += 1
    blocks: list[list[float]] = []  # [raw at least, correct, events]
    for raw in sorted(counts):
        blocks.append([raw, counts[raw][0], counts[raw][1]])
        while len(blocks) > 1 and _share(blocks[-2]) >= _share(blocks[-1]):
            last = blocks.pop()
            blocks[-1][1] += last[1]
            blocks[-1][2] += last[2]
    return [[b[0], round(_share(b), 3), int(b[2]), int(b[1])] for b in blocks]


def _share(block: Sequence[float]) -> float:
    return (block[1] + 1) / (block[2] + 2)


def reliability(pairs: Sequence[Pair], table: Sequence[Sequence[float]] | None) -> dict[str, Any]:
    """Share correct among events with confidence >= x, for each threshold, and the Brier
    (`table` None: the shipped one)."""
    scored = [(calibrated(raw, table=table), correct) for raw, correct, _ in pairs]
    out: dict[str, Any] = {}
    for x in THRESHOLDS:
        kept = [ok for conf, ok in scored if conf >= x]
        out[f">={x}"] = {
            "events": len(kept),
            "correct": round(sum(kept) / len(kept), 3) if kept else None,
        }
    out["brier"] = round(sum((c - ok) ** 2 for c, ok in scored) / max(len(scored), 1), 4)
    return out


def split_half(pairs: Sequence[Pair]) -> dict[str, Any]:
    """Fit on even-numbered sentences, check on odd ones, and the other way round."""
    halves = [[p for p in pairs if p[2] % 2 == side] for side in (0, 1)]
    return {
        "fit_even_check_odd": reliability(halves[1], fit(halves[0])),
        "fit_odd_check_even": reliability(halves[0], fit(halves[1])),
    }


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--write", action="store_true", help="refit data/confidence.yaml")
    args = parser.parse_args(argv)
    if not GSR.is_file():
        print(f"plover-gsr benchmark not found at {GSR}: skipped (development workspace only)")
        return 0
    pairs = collect()
    table = fit(pairs)
    if args.write:
        TABLE.write_text(HEADER + yaml.safe_dump({"table": table}, default_flow_style=None))
        print(f"wrote {TABLE.relative_to(ROOT)}")
    results = {
        "events": len(pairs),
        "correct": sum(ok for _, ok, _ in pairs),
        "fitted_table": table,
        "reliability": reliability(pairs, table if args.write else None),
        "split_half": split_half(pairs),
    }
    for key in ("events", "correct", "fitted_table", "reliability", "split_half"):
        print(f"{key} {json.dumps(results[key])}")
    save(RESULTS, results)
    print(f"wrote {RESULTS.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
