"""Near-duplicate articles: syndicated copies and lightly edited updates.

Each article gets a MinHash signature (`PERMUTATIONS` hash functions over its 5-word
shingles, `datasketch`); the signatures are kept in the store (`article_signatures`),
and an in-memory LSH index is built from them once per open store (about 10 ms per 1,000
articles, see bench/coref_eval.py), then only fed the new ones. An article whose
estimated Jaccard similarity to an earlier one is at least `THRESHOLD` is a copy of it: it
points to the earlier article's original.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

import numpy as np
from datasketch import LeanMinHash, MinHash, MinHashLSH

PERMUTATIONS = 64
THRESHOLD = 0.8
SHINGLE = 5
#: Articles with fewer words than a shingle are never called duplicates.
_WORD = re.compile(r"\w+", re.UNICODE)
_SEED = 7
#: 32-bit hash values: the stored signature bytes are `PERMUTATIONS` uint32s.
_SCHEME = "affine32"


def shingles(text: str, *, size: int = SHINGLE) -> set[bytes]:
    words = _WORD.findall(text.lower())
    return {" ".join(words[i : i + size]).encode("utf-8") for i in range(len(words) - size + 1)}


def signature(text: str) -> MinHash | None:
    """The MinHash of an article's text; None when it is too short to compare."""
    grams = shingles(text)
    if not grams:
        return None
    sig = MinHash(num_perm=PERMUTATIONS, seed=_SEED, scheme=_SCHEME)
    sig.update_batch(list(grams))
    return sig


def to_bytes(sig: MinHash) -> bytes:
    return bytes(sig.hashvalues.astype(np.uint32).tobytes())


def from_bytes(raw: bytes) -> MinHash:
    """A stored signature, read back as a `LeanMinHash` (no hash permutations drawn:
    rebuilding them for every stored signature was most of the time of a run)."""
    values = np.frombuffer(raw, dtype=np.uint32)
    return LeanMinHash(seed=_SEED, hashvalues=values, scheme=_SCHEME)


@dataclass(frozen=True, slots=True)
class Duplicate:
    """`article_id` copies `original` (estimated Jaccard similarity `similarity`)."""

    article_id: str
    original: str
    similarity: float


class NearDuplicates:
    """An LSH index over article signatures, fed in ingest order."""

    def __init__(self) -> None:
        self._lsh = MinHashLSH(threshold=THRESHOLD, num_perm=PERMUTATIONS)
        self._sigs: dict[str, MinHash] = {}
        self._original: dict[str, str] = {}
        self._order: dict[str, int] = {}

    def load(self, rows: Iterable[tuple[str, bytes, str | None]]) -> int:
        """Add stored (article id, signature bytes, original or None), in ingest order;
        returns how many rows were read."""
        count = 0
        for article_id, raw, original in rows:
            self._put(article_id, from_bytes(raw), original)
            count += 1
        return count

    def check(self, article_id: str, sig: MinHash | None) -> Duplicate | None:
        """Index a new article; the article it copies (its earliest original) or None."""
        if sig is None:
            return None
        found = None
        candidates = [c for c in self._lsh.query(sig) if c != article_id]
        if candidates:
            best = max(candidates, key=lambda c: (sig.jaccard(self._sigs[c]), -self._order[c]))
            similarity = sig.jaccard(self._sigs[best])
            if similarity >= THRESHOLD:
                found = Duplicate(article_id, self._original.get(best) or best, similarity)
        self._put(article_id, sig, found.original if found else None)
        return found

    def _put(self, article_id: str, sig: MinHash, original: str | None) -> None:
        if article_id in self._sigs:
            return
        self._lsh.insert(article_id, sig)
        self._sigs[article_id] = sig
        self._order[article_id] = len(self._order)
        if original:
            self._original[article_id] = original
