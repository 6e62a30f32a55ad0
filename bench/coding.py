"""Event coding against the PLOVER gold-standard records (plover-gsr, 179 sentences).

Each gold sentence has one ideal coding. eventwire may find several events in a sentence;
the one compared is the *main* event: the trigger highest in the dependency tree (the
reported "said" is never a trigger, so "Y shelled Z, X said" gives the shelling, and "X
accused Y of …" the accusation), ties broken by confidence. A sentence with no event
predicts NONE. Figures:

- per-category precision / recall / F1 of the main event, and their macro average over the
  16 categories;
- `any_event_recall`: share of sentences where some event has the gold category;
- where the category matches: actor code accuracy (set of predicted codes equals the gold
  set), actor overlap (they share a code), actor sector accuracy (the first gold actor's
  sector is among the predicted sectors, where gold gives one) and recipient code accuracy
  (sets equal, both empty counting as equal);
- time of the events component per 1000 sentences, against the bare spaCy parse.

    .venv/bin/python bench/coding.py     # prints the figures, writes bench/results/coding.json
"""

from __future__ import annotations

import json
import sys
import time
from collections import Counter
from pathlib import Path
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc

ROOT = Path(__file__).resolve().parents[1]
GSR = ROOT.parent / "shared" / "benchmarks" / "plover-gsr" / "records.jsonl"
RESULTS = ROOT / "bench" / "results" / "coding.json"
_TIMING_REPEATS = 3


def load_pipeline() -> Language:
    """The full pipeline if it loads, else the bare model with actors and events."""
    try:
        from eventwire.nlp import load_nlp

        return load_nlp()
    except Exception as exc:  # noqa: BLE001 - any broken component falls back to the minimum
        print(f"full pipeline unavailable ({exc}); using model + actors + events")
        from eventwire.extraction import actors, events  # noqa: F401
        from eventwire.nlp import load_model

        nlp = load_model()
        nlp.add_pipe("eventwire_actors")
        nlp.add_pipe("eventwire_events")
        return nlp


def main_event(doc: Doc) -> Any:
    """The event whose trigger is highest in the parse, then the most confident."""

    def depth(i: int) -> int:
        token, steps = doc[i], 0
        while token.head.i != token.i:
            token, steps = token.head, steps + 1
        return steps

    events = doc._.events or []
    return min(events, key=lambda e: (depth(e.trigger), -e.confidence), default=None)


def score(records: list[dict[str, Any]], docs: list[Doc]) -> dict[str, Any]:
    """All coding figures for docs parsed from the records, in the same order."""
    tp: Counter[str] = Counter()
    fp: Counter[str] = Counter()
    fn: Counter[str] = Counter()
    roles: Counter[str] = Counter()
    any_hits = 0
    for record, doc in zip(records, docs, strict=True):
        gold, event = record["event"], main_event(doc)
        predicted = event.category if event is not None else "NONE"
        any_hits += any(e.category == gold for e in doc._.events or [])
        if predicted == gold:
            tp[gold] += 1
            _score_roles(record, event, roles)
        else:
            fn[gold] += 1
            fp[predicted] += 1
    categories = sorted(set(tp) | set(fn))
    per_category = {c: _prf(tp[c], fp[c], fn[c]) for c in categories}
    matched = sum(tp.values())
    return {
        "sentences": len(records),
        "macro_f1": round(sum(v["f1"] for v in per_category.values()) / len(categories), 3),
        "accuracy": round(matched / len(records), 3),
        "any_event_recall": round(any_hits / len(records), 3),
        "no_event": fp["NONE"],
        "per_category": per_category,
        "matched": matched,
        "actor_code_accuracy": _share(roles["actor_exact"], matched),
        "actor_code_overlap": _share(roles["actor_overlap"], matched),
        "actor_sector_accuracy": _share(roles["sector_hit"], roles["sector_gold"]),
        "recipient_code_accuracy": _share(roles["recipient_exact"], matched),
    }


def _score_roles(record: dict[str, Any], event: Any, roles: Counter[str]) -> None:
    gold_actors = {a["code"] for a in record["actor"]}
    predicted = {a.code for a in event.actor}
    roles["actor_exact"] += gold_actors == predicted
    roles["actor_overlap"] += bool(gold_actors & predicted)
    gold_sector = record["actor"][0].get("sector") if record["actor"] else None
    if gold_sector:
        roles["sector_gold"] += 1
        roles["sector_hit"] += gold_sector in {a.sector for a in event.actor}
    gold_recipients = {a["code"] for a in record["recipient"]}
    roles["recipient_exact"] += gold_recipients == {a.code for a in event.recipient}


def _prf(tp: int, fp: int, fn: int) -> dict[str, float]:
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {"precision": round(p, 3), "recall": round(r, 3), "f1": round(f, 3), "support": tp + fn}


def _share(hits: int, total: int) -> float | None:
    return round(hits / total, 3) if total else None


def time_component(nlp: Language, texts: list[str]) -> dict[str, float]:
    """Milliseconds per 1000 sentences: bare parse, and the events component alone."""
    from eventwire.extraction.events import find_events

    own = [n for n in nlp.pipe_names if n.startswith("eventwire_")]
    texts = texts * _TIMING_REPEATS
    with nlp.select_pipes(disable=own):
        start = time.perf_counter()
        list(nlp.pipe(texts))
        bare = time.perf_counter() - start
    with nlp.select_pipes(disable=["eventwire_events"]):
        docs = list(nlp.pipe(texts))
    start = time.perf_counter()
    for doc in docs:
        find_events(doc)
    events = time.perf_counter() - start
    per_k = 1000 / len(texts) * 1000
    return {
        "bare_parse_ms_per_1000": round(bare * per_k, 1),
        "events_ms_per_1000": round(events * per_k, 1),
        "events_share_of_parse": round(events / bare, 4),
    }


def main() -> int:
    if not GSR.is_file():
        print(f"plover-gsr benchmark not found at {GSR}: skipped (development workspace only)")
        return 0
    records = [json.loads(line) for line in GSR.read_text(encoding="utf-8").splitlines() if line]
    nlp = load_pipeline()
    texts = [r["text"] for r in records]
    results = score(records, list(nlp.pipe(texts)))
    results["timing"] = time_component(nlp, texts)
    _print(results)
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    print(f"wrote {RESULTS.relative_to(ROOT)}")
    return 0


def _print(results: dict[str, Any]) -> None:
    print(f"{'category':<10} {'P':>6} {'R':>6} {'F1':>6} {'n':>4}")
    for category, v in results["per_category"].items():
        p, r, f1, n = v["precision"], v["recall"], v["f1"], v["support"]
        print(f"{category:<10} {p:>6.3f} {r:>6.3f} {f1:>6.3f} {n:>4}")
    for key in (
        "macro_f1",
        "accuracy",
        "any_event_recall",
        "no_event",
        "actor_code_accuracy",
        "actor_code_overlap",
        "actor_sector_accuracy",
        "recipient_code_accuracy",
    ):
        print(f"{key:<24} {results[key]}")
    for key, value in results["timing"].items():
        print(f"{key:<24} {value}")


if __name__ == "__main__":
    sys.exit(main())
