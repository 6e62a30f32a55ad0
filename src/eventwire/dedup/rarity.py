"""How rare each word is among the articles clustered so far (document frequencies).

Shared rare words ("Lohan", "6.1", "Aceh") say much more about two reports telling the
same event than shared common ones ("police", "killed"), so `features` weighs words by
their inverse document frequency. The frequencies count every article in ingest order
(near-duplicates included) and are kept in the store's `cluster_terms` table (the row with
the empty term holds the number of articles). Each article's weights are computed when it
is clustered, from the articles before it and itself: `recluster`, which replays the
articles in the same order, computes the same weights, hence the same clusters.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterable

import duckdb
import pyarrow as pa

from eventwire.dedup.util import run as _run

#: Articles assumed seen that contain none of the words: in a store of a handful of
#: articles every shared word would otherwise look common, the rare ones included.
PRIOR = 100
#: The pseudo-term whose count is the number of articles seen.
_TOTAL = ""


class Rarity:
    """Document frequencies of words over the articles seen so far."""

    def __init__(self, df: Counter[str] | None = None, *, articles: int = 0) -> None:
        self.df: Counter[str] = df if df is not None else Counter()
        self.articles = articles
        self._changed: set[str] = set()

    def add(self, words: Iterable[str]) -> None:
        """Count one more article containing `words` (repeats count once)."""
        distinct = set(words)
        self.df.update(distinct)
        self._changed |= distinct
        self.articles += 1

    def idf(self, word: str) -> float:
        """log((N + `PRIOR`) / (df + 0.5)): positive even for a word in every article."""
        return math.log((self.articles + PRIOR) / (self.df.get(word, 0) + 0.5))

    @classmethod
    def load(cls, con: duckdb.DuckDBPyConnection) -> Rarity:
        df = Counter({term: int(n) for term, n in _run(con, "SELECT term, df FROM cluster_terms")})
        articles = df.pop(_TOTAL, 0)
        return cls(df, articles=articles)

    def save(self, con: duckdb.DuckDBPyConnection) -> None:
        """Write the frequencies changed since `load` (and the article count)."""
        terms = sorted(self._changed)
        rows = {"term": [*terms, _TOTAL], "df": [self.df[t] for t in terms] + [self.articles]}
        con.register("_terms", pa.table(rows))
        try:
            _run(con, "INSERT OR REPLACE INTO cluster_terms SELECT term, df FROM _terms")
        finally:
            con.unregister("_terms")
        self._changed.clear()
