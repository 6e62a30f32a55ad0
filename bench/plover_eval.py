"""Sentence-level PLOVER coding against the gold records of plover-gsr, and false events.

    .venv/bin/python bench/plover_eval.py   # prints the figures, writes bench/results/plover.json

Each gold sentence (../shared/benchmarks/plover-gsr/records.jsonl) has one ideal coding;
eventwire may code several events on it. As the issue defines the figures:

- a sentence is *correct* when our events on it include the gold category; its predicted
  label is then the gold category, else the category of our main event (the trigger highest
  in the parse, then the most confident), or NONE when we code nothing;
- `category_accuracy`: share of correct sentences; `macro_f1`: mean F1 of those labels over
  the 16 PLOVER categories; `confusion`: gold category -> predicted label -> count;
- `quad_accuracy`: share of sentences where one of our events is in the gold quad;
- `actor_code_f1` / `recipient_code_f1`: micro F1 of the sets of country codes of the scored
  event (the one with the gold category, else the main event) against the gold sets, over
  all sentences (a sentence without events scores every gold code as missed);
- `coverage`: share of sentences where we code any event;
- `false_event_rate`: share of the sentences of tests/fixtures/non_events.txt (ours: sport,
  weather, markets, obituaries, culture) on which we code any event (target <= 0.05);
- `timing`: the actors + events components per 1000 sentences against the bare parse.
"""

from __future__ import annotations

import json
import sys
import time
from collections import Counter, defaultdict
from pathlib import Path
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc

from eventwire.records import CATEGORIES, QUAD_CODES
from report import save

ROOT = Path(__file__).resolve().parents[1]
GSR = ROOT.parent / "shared" / "benchmarks" / "plover-gsr" / "records.jsonl"
NON_EVENTS = ROOT / "tests" / "fixtures" / "non_events.txt"
RESULTS = ROOT / "bench" / "results" / "plover.json"
_TIMED = ("eventwire_actors", "eventwire_events")


def load_pipeline() -> Language:
    from eventwire.nlp import load_nlp

    return load_nlp()


def read_non_events(path: Path = NON_EVENTS) -> list[str]:
    """The sentences of the non-event fixture: one per line, '#' lines are comments."""
    lines = path.read_text(encoding="utf-8").splitlines()
    return [line.strip() for line in lines if line.strip() and not line.startswith("#")]


def main_event(doc: Doc) -> Any:
    """The event whose trigger is highest in the parse, then the most confident."""

    def depth(i: int) -> int:
        token, steps = doc[i], 0
        while token.head.i != token.i and steps < 50:
            token, steps = token.head, steps + 1
        return steps

    events = doc._.events or []
    return min(events, key=lambda e: (depth(e.trigger), -e.confidence), default=None)


def scored_event(doc: Doc, gold: str) -> Any:
    """Our event with the gold category if there is one, else the main event."""
    matching = [e for e in doc._.events or [] if e.category == gold]
    return max(matching, key=lambda e: e.confidence) if matching else main_event(doc)


def score(records: list[dict[str, Any]], docs: list[Doc]) -> dict[str, Any]:
    """All coding figures for docs parsed from the records, in the same order."""
    confusion: dict[str, Counter[str]] = defaultdict(Counter)
    codes: dict[str, Counter[str]] = {"actor": Counter(), "recipient": Counter()}
    quad_hits = covered = 0
    for record, doc in zip(records, docs, strict=True):
        gold, events = record["event"], doc._.events or []
        event = scored_event(doc, gold)
        confusion[gold][event.category if event is not None else "NONE"] += 1
        covered += bool(events)
        quad_hits += any(QUAD_CODES[e.category] == QUAD_CODES[gold] for e in events)
        for role in ("actor", "recipient"):
            predicted = {a.code for a in getattr(event, role)} if event is not None else set()
            _count_codes(codes[role], {a["code"] for a in record[role]}, predicted)
    n = len(records)
    per_category = _per_category(confusion)
    correct = sum(confusion[c][c] for c in confusion)
    return {
        "sentences": n,
        "category_accuracy": round(correct / n, 3),
        "macro_f1": round(sum(v["f1"] for v in per_category.values()) / len(CATEGORIES), 3),
        "quad_accuracy": round(quad_hits / n, 3),
        "actor_code_f1": _f1(codes["actor"]),
        "recipient_code_f1": _f1(codes["recipient"]),
        "coverage": round(covered / n, 3),
        "per_category": per_category,
        "confusion": {g: dict(confusion[g].most_common()) for g in sorted(confusion)},
    }


def _count_codes(counts: Counter[str], gold: set[str], predicted: set[str]) -> None:
    counts["tp"] += len(gold & predicted)
    counts["fp"] += len(predicted - gold)
    counts["fn"] += len(gold - predicted)


def _f1(counts: Counter[str]) -> float:
    denominator = 2 * counts["tp"] + counts["fp"] + counts["fn"]
    return round(2 * counts["tp"] / denominator, 3) if denominator else 1.0


def _per_category(confusion: dict[str, Counter[str]]) -> dict[str, dict[str, float]]:
    predicted: Counter[str] = Counter()
    for row in confusion.values():
        predicted.update(row)
    out = {}
    for category in CATEGORIES:
        tp = confusion.get(category, Counter())[category]
        support = sum(confusion.get(category, Counter()).values())
        p = tp / predicted[category] if predicted[category] else 0.0
        r = tp / support if support else 0.0
        f = 2 * p * r / (p + r) if p + r else 0.0
        out[category] = {"precision": round(p, 3), "recall": round(r, 3), "f1": round(f, 3)}
        out[category]["support"] = support
    return out


def false_events(nlp: Language, sentences: list[str]) -> dict[str, Any]:
    """Share of non-event sentences on which we code an event, with the offenders."""
    offenders = []
    for text, doc in zip(sentences, nlp.pipe(sentences), strict=True):
        if doc._.events:
            offenders.append(f"{doc._.events[0].category}: {text}")
    rate = len(offenders) / len(sentences) if sentences else 0.0
    return {
        "sentences": len(sentences),
        "false_event_rate": round(rate, 3),
        "with_events": offenders,
    }


def time_components(nlp: Language, texts: list[str]) -> dict[str, float]:
    """Milliseconds per 1000 sentences: the bare parse, and the actors + events components."""
    own = [n for n in nlp.pipe_names if n.startswith("eventwire_")]
    with nlp.select_pipes(disable=own):
        start = time.perf_counter()
        docs = list(nlp.pipe(texts))
        bare = time.perf_counter() - start
    spent = 0.0
    for doc in docs:
        for name in own:
            start = time.perf_counter()
            nlp.get_pipe(name)(doc)
            if name in _TIMED:
                spent += time.perf_counter() - start
    per_k = 1000 / len(texts) * 1000
    return {
        "bare_parse_ms_per_1000": round(bare * per_k, 1),
        "actors_events_ms_per_1000": round(spent * per_k, 1),
        "share_of_parse": round(spent / bare, 4),
    }


def main() -> int:
    if not GSR.is_file():
        print(f"plover-gsr benchmark not found at {GSR}: skipped (development workspace only)")
        return 0
    records = [json.loads(line) for line in GSR.read_text(encoding="utf-8").splitlines() if line]
    nlp = load_pipeline()
    texts = [r["text"] for r in records]
    results = score(records, list(nlp.pipe(texts)))
    results["non_events"] = false_events(nlp, read_non_events())
    results["timing"] = time_components(nlp, texts * 3)
    _print(results)
    save(RESULTS, results)
    print(f"wrote {RESULTS.relative_to(ROOT)}")
    return 0


def _print(results: dict[str, Any]) -> None:
    print(f"{'category':<10} {'P':>6} {'R':>6} {'F1':>6} {'n':>4}  confused with")
    for category, v in results["per_category"].items():
        row = results["confusion"].get(category, {})
        wrong = ", ".join(f"{k} {n}" for k, n in row.items() if k != category)
        p, r, f1, n = v["precision"], v["recall"], v["f1"], v["support"]
        print(f"{category:<10} {p:>6.3f} {r:>6.3f} {f1:>6.3f} {n:>4}  {wrong}")
    keys = ("category_accuracy", "macro_f1", "quad_accuracy", "actor_code_f1")
    for key in (*keys, "recipient_code_f1", "coverage"):
        print(f"{key:<24} {results[key]}")
    print(f"{'false_event_rate':<24} {results['non_events']['false_event_rate']}")
    for line in results["non_events"]["with_events"]:
        print(f"  false event  {line}")
    for key, value in results["timing"].items():
        print(f"{key:<24} {value}")


if __name__ == "__main__":
    sys.exit(main())
