"""Assigning events to clusters one at a time, in ingest order.

The `Clusterer` holds the items already clustered (or the part of them a new batch
could meet), an inverted index from words to items, and which cluster each item is in.
`assign(item)` finds the earlier items that share at least `MIN_SHARED` of their
distinctive words (`scoring.probe_words`), keeps the compatible ones
(`scoring.compatible`), and joins the cluster of the best one scoring at least
`JOIN` (never a cluster holding an event of its own article that tells another act,
`scoring.same_article_conflict`); other clusters scoring at least `MERGE` are merged
into the older one.

`JOIN` and `MERGE` were chosen with `bench/coref_eval.py --sweep` (the ECB+ dev topics
and the synthetic set clustered in memory for a grid of values), together with the weights
and penalties of `scoring.score`. Coarser clusters raise ECB+ article-pair recall but mix
the actions of one story (B3 falls) and merge synthetic look-alikes; the fine setting is
kept because reports of one action in one cluster is what the cluster summaries count. A
MERGE close to JOIN lets one report fuse two clusters of one event; clusters holding two
acts of one article never merge. The figures are in bench/results/coref.json.

Deterministic: the same items in the same order give the same clusters, which is what
makes `eventwire recluster` reproduce the incremental result.
"""

from __future__ import annotations

import hashlib
from collections import Counter, defaultdict
from dataclasses import dataclass, field

from eventwire.dedup.features import Item
from eventwire.dedup.scoring import (
    compatible,
    probe_words,
    same_article_conflict,
    score,
    why,
)

#: Least score to join a cluster, and to merge a second cluster into it.
JOIN = 0.42
MERGE = 0.47
#: Least number of shared probe words for two items to be compared (2 gave the same
#: scores within 0.003 on ECB+ and the synthetic set, comparing 2.5 times more pairs).
MIN_SHARED = 3


def cluster_id_for(event_id: str) -> str:
    """The id of a cluster founded by `event_id` (stable: derived from it alone)."""
    return "c" + hashlib.sha1(event_id.encode("utf-8")).hexdigest()[:12]


@dataclass(frozen=True, slots=True)
class Assignment:
    """Where one item went and why; `merged` are the cluster ids absorbed on the way."""

    event_id: str
    cluster_id: str
    reason: str
    merged: tuple[str, ...] = ()


@dataclass
class Clusterer:
    """The clusters of the items seen so far (see module docstring)."""

    items: dict[str, Item] = field(default_factory=dict)
    cluster_of: dict[str, str] = field(default_factory=dict)
    created: dict[str, int] = field(default_factory=dict)  # cluster id -> founding seq
    members: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))
    index: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))
    aliases: dict[str, str] = field(default_factory=dict)  # absorbed id -> surviving id
    by_article: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))
    join_at: float = JOIN
    merge_at: float = MERGE

    def load(self, item: Item, cluster_id: str, *, created: int) -> None:
        """Add an item already clustered (read back from the store)."""
        self._add(item, cluster_id)
        self.created[cluster_id] = min(created, self.created.get(cluster_id, created))

    def assign(self, item: Item) -> Assignment:
        """Put a new item in a cluster: an existing one, a merge of several, or its own."""
        scored = self._scored(item)
        if not scored:
            cluster_id = cluster_id_for(item.event_id)
            self.created[cluster_id] = item.seq
            self._add(item, cluster_id)
            return Assignment(item.event_id, cluster_id, "first report of this event")
        best_score, best_cluster, best_item = scored[0]
        kept = [best_cluster]  # no two of them may hold two acts of one article
        for s, cluster, _ in scored[1:]:
            if s >= self.merge_at and not any(self._clash(cluster, k) for k in kept):
                kept.append(cluster)
        merging = kept[1:]
        survivor = min([best_cluster, *merging], key=lambda c: (self.created[c], c))
        absorbed = tuple(c for c in [best_cluster, *merging] if c != survivor)
        for old in absorbed:
            self._merge(old, into=survivor)
        self._add(item, survivor)
        reason = why(item, self.items[best_item])
        if absorbed:
            reason += f"; merged clusters {', '.join(absorbed)} into {survivor}"
        return Assignment(item.event_id, survivor, reason, absorbed)

    def join(self, item: Item, cluster_id: str) -> None:
        """Put `item` in `cluster_id` without scoring (a near-duplicate article's event)."""
        self._add(item, self.aliases.get(cluster_id, cluster_id))

    def _scored(self, item: Item) -> list[tuple[float, str, str]]:
        """(score, cluster, best item) per cluster scoring at least `JOIN`, best first."""
        shared: Counter[str] = Counter()
        for word in probe_words(item):
            shared.update(self.index.get(word, ()))
        best: dict[str, tuple[float, str]] = {}
        barred = self._barred(item)
        for other_id, n in shared.items():
            other, cluster = self.items[other_id], self.cluster_of[other_id]
            if n < MIN_SHARED or cluster in barred or not compatible(item, other):
                continue
            s = score(item, other, floor=self.join_at)
            if s >= self.join_at and (cluster not in best or (s, other_id) > best[cluster]):
                best[cluster] = (s, other_id)
        return sorted(((s, c, i) for c, (s, i) in best.items()), key=_rank)

    def _barred(self, item: Item) -> set[str]:
        """The clusters holding an event of the item's article that tells another act."""
        return {
            self.cluster_of[other]
            for other in self.by_article.get(item.article_id, ())
            if same_article_conflict(item, self.items[other])
        }

    def _clash(self, a: str, b: str) -> bool:
        """Whether clusters `a` and `b` hold two events of one article telling other acts
        (merging them would undo what `_barred` keeps apart)."""
        small, other = sorted((a, b), key=lambda c: len(self.members[c]))
        return any(other in self._barred(self.items[e]) for e in self.members[small])

    def _add(self, item: Item, cluster_id: str) -> None:
        self.items[item.event_id] = item
        self.cluster_of[item.event_id] = cluster_id
        self.members[cluster_id].append(item.event_id)
        self.by_article[item.article_id].append(item.event_id)
        for word in probe_words(item):
            self.index[word].append(item.event_id)

    def _merge(self, old: str, *, into: str) -> None:
        for event_id in self.members.pop(old, []):
            self.cluster_of[event_id] = into
            self.members[into].append(event_id)
        self.aliases[old] = into
        for alias, target in self.aliases.items():
            if target == old:
                self.aliases[alias] = into


def _rank(entry: tuple[float, str, str]) -> tuple[float, str]:
    # Best score first; ties go to the cluster id, so the order never depends on dict order.
    return (-entry[0], entry[1])
