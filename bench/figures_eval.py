"""Reported figures against the fixture set and the PLOVER gold standard.

1. tests/fixtures/figures.yaml (sentences written for eventwire): each sentence goes through
   the full pipeline model (`eventwire.nlp.load_nlp`) and its `doc._.figures` are matched
   one to one with the expected figures. Strict: a figure is right when kind, value, low,
   high, qualifier, scope and the claimant's code all agree; "numbers": kind, value, low
   and high only. Precision = right / found, recall = right / expected.
2. ../shared/benchmarks/plover-gsr/records.jsonl, records whose `dead` or `injured` is set:
   each sentence goes through `eventwire.extract`, and the largest `size.dead` /
   `size.injured` over its events is compared with the gold number (agreement = equal,
   a missing size counting as wrong). Skipped when the benchmark is absent.

    .venv/bin/python bench/figures_eval.py   # prints, writes bench/results/figures.json
"""

from __future__ import annotations

import json
import sys
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import yaml

from report import save

ROOT = Path(__file__).resolve().parents[1]
FIXTURE = ROOT / "tests" / "fixtures" / "figures.yaml"
GSR = ROOT.parent / "shared" / "benchmarks" / "plover-gsr" / "records.jsonl"
RESULTS = ROOT / "bench" / "results" / "figures.json"
STRICT = ("kind", "value", "low", "high", "qualifier", "scope", "claimed_by")
NUMBERS = ("kind", "value", "low", "high")


def load_fixture(path: Path = FIXTURE) -> list[dict[str, Any]]:
    items: list[dict[str, Any]] = yaml.safe_load(path.read_text(encoding="utf-8"))
    return items


def figure_row(figure: Any) -> dict[str, Any]:
    """A `Figure` as a fixture row (claimed_by as the claimant's code)."""
    row = {key: getattr(figure, key) for key in STRICT}
    row["claimed_by"] = figure.claimed_by.code if figure.claimed_by else None
    return row


def predict(sentences: Iterable[str]) -> list[list[dict[str, Any]]]:
    from eventwire.nlp import load_nlp

    nlp = load_nlp()
    return [[figure_row(m.figure) for m in doc._.figures] for doc in nlp.pipe(sentences)]


def _matches(
    expected: list[dict[str, Any]], found: list[dict[str, Any]], keys: tuple[str, ...]
) -> int:
    left = list(found)
    right = 0
    for want in expected:
        hit = next((f for f in left if all(f[k] == want.get(k) for k in keys)), None)
        if hit is not None:
            left.remove(hit)
            right += 1
    return right


def score_fixture(
    items: list[dict[str, Any]], predicted: list[list[dict[str, Any]]]
) -> dict[str, Any]:
    """Precision and recall, strict and on numbers only, plus the misses for reading."""
    expected = sum(len(i["figures"]) for i in items)
    found = sum(len(p) for p in predicted)
    result: dict[str, Any] = {"sentences": len(items), "expected": expected, "found": found}
    for name, keys in (("strict", STRICT), ("numbers", NUMBERS)):
        right = sum(_matches(i["figures"], p, keys) for i, p in zip(items, predicted, strict=True))
        result[name] = {
            "precision": round(right / found, 3) if found else None,
            "recall": round(right / expected, 3) if expected else None,
        }
    result["misses"] = [
        {"sentence": i["sentence"], "expected": i["figures"], "found": p}
        for i, p in zip(items, predicted, strict=True)
        if _matches(i["figures"], p, STRICT) != len(i["figures"]) or len(p) != len(i["figures"])
    ]
    return result


def score_gsr(path: Path = GSR) -> dict[str, Any] | None:
    """Agreement of event sizes with PLOVER gold `dead` / `injured`, where set."""
    if not path.is_file():
        return None
    from eventwire import extract

    records = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]
    counts = {"dead": [0, 0], "injured": [0, 0]}  # gold set, agreed
    for record in records:
        wanted = {k: record.get(k) for k in counts if record.get(k) not in (None, "")}
        if not wanted:
            continue
        events = extract(record["text"], published=None)
        for field, gold in wanted.items():
            ours = [getattr(e.size, field) for e in events if getattr(e.size, field) is not None]
            counts[field][0] += 1
            counts[field][1] += bool(ours) and max(ours) == int(gold)
    return {
        field: {"gold": g, "agreed": a, "agreement": round(a / g, 3) if g else None}
        for field, (g, a) in counts.items()
    }


def main() -> int:
    items = load_fixture()
    fixture = score_fixture(items, predict(i["sentence"] for i in items))
    gsr = score_gsr()
    results = {
        "fixture": {k: v for k, v in fixture.items() if k != "misses"},
        "plover_gsr": gsr if gsr is not None else "skipped: benchmark absent",
    }
    for miss in fixture["misses"]:
        print(json.dumps(miss), file=sys.stderr)
    print(json.dumps(results, indent=2))
    save(RESULTS, results)
    return 0


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT / "src"))
    raise SystemExit(main())
