"""Assigning events to clusters one at a time, in ingest order.

The `Clusterer` holds the items already clustered (or the part of them a new batch
could meet), an inverted index from words to items, and which cluster each item is in.
`assign(item)` finds the earlier items that share at least `MIN_SHARED` of their
distinctive words (`scoring.probe_words`), keeps the compatible ones
(`scoring.compatible`), and joins the cluster of the best one scoring at least
`JOIN` (never a cluster holding an event of its own article that tells another act,
`scoring.same_article_conflict`); other clusters scoring at least `MERGE` are merged
into the older one.

Two acts of one story with one trigger word ("arrested") are told apart by whom they
were done to (`Item.patients`, the named recipients): a cluster whose reports mostly name
other recipients, and mostly never name the item's, is barred (`_done_to_others`: the
second of two players' arrests, whose reports recall the first, stays out of the first's
cluster; one shooting of three named people, whose reports name all three, does not), and
two such clusters never merge (`_other_patients`). A report of an earlier act ("a previous
arrest", a year not the article's) scores `RETRO` times less against a cluster of
reports of the news, and the other way round (`_era_factor`); a report naming the act as
someone's ("Okafor's arrest", `Item.background`) scores `BACKGROUND` times less against
any cluster, as such a sentence mostly recalls a known act (round 6, `--sweep` in memory:
ECB+ B3 F1 0.7440 -> 0.7467; factor 0.8: 0.7462, 0.5: 0.7459; the same factor for a
trigger in a relative clause, after "after"/"when"/"since" or after "had" gave at best
0.7451 alone and 0.7451 to 0.7471 on top, within noise). These look only at the members
whose dates fit the item's, the ones an ingest batch loads, so that `recluster` decides
alike.

`JOIN` and `MERGE` were chosen with `bench/coref_eval.py --sweep` (the ECB+ dev topics
and the synthetic set clustered in memory for a grid of values), together with the weights
and penalties of `scoring.score`. Coarser clusters raise ECB+ article-pair recall but mix
the actions of one story (B3 falls) and merge synthetic look-alikes; the fine setting is
kept because reports of one action in one cluster is what the cluster summaries count. A
MERGE close to JOIN lets one report fuse two clusters of one event; clusters holding two
acts of one article never merge. With the recipient bar and `RETRO` (round 4), JOIN 0.38
/ MERGE 0.43 gave ECB+ B3 F1 0.738 (0.36: 0.732, 0.40: 0.729, 0.42: 0.724; MERGE = JOIN
+ 0.05), the synthetic set at precision and recall 1.0; without the recipient bar and
RETRO, 0.732 at best (JOIN 0.42 or 0.38). Differences this small are within what one
sub-topic's split or merge moves. The figures are in bench/results/coref.json.

The B3 figures here are over every annotated ECB+ mention (`event_level_all_sentences`, the
reading before 2026-11-27; the bench now leads with the annotated sentences only).

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
    dates_compatible,
    probe_words,
    same_article_conflict,
    score,
    why,
)

#: Least score to join a cluster, and to merge a second cluster into it.
JOIN = 0.38
MERGE = 0.43
#: Least number of shared probe words for two items to be compared (2 gave the same
#: scores within 0.003 on ECB+ and the synthetic set, comparing 2.5 times more pairs).
MIN_SHARED = 3
#: Least members naming a recipient for it to define a cluster (`_core`).
CORE_SUPPORT = 2
#: Share of a cluster's reports that must name a person for them to have heard of it
#: (`_unheard`).
HEARD = 0.5
#: The factor on the score of a cluster telling another time than the item (`_era_factor`).
RETRO = 0.7
#: The factor on every score of an item whose trigger is an owned noun (`Item.background`).
BACKGROUND = 0.6


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
    #: `_near` of the item being assigned, by cluster (asked several times per cluster).
    _near_memo: tuple[str, dict[str, list[Item]]] = field(default_factory=lambda: ("", {}))

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
            if s >= self.merge_at and not any(
                self._clash(cluster, k) or self._other_patients(cluster, k, item) for k in kept
            ):
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
        # an owned act's factor is the item's alone: applied once, and through `score`'s
        # floor, so that pairs it would sink stop early
        background = BACKGROUND if item.background else 1.0
        floor = self.join_at / background
        barred = self._barred(item)
        allowed: set[str] = set()  # clusters whose recipients were checked
        for other_id, n in shared.items():
            other, cluster = self.items[other_id], self.cluster_of[other_id]
            if n < MIN_SHARED or cluster in barred or not compatible(item, other):
                continue
            if item.patients and cluster not in allowed:
                if self._done_to_others(item, cluster):
                    barred.add(cluster)
                    continue
                allowed.add(cluster)
            s = score(item, other, floor=floor)
            if s >= floor and (cluster not in best or (s, other_id) > best[cluster]):
                best[cluster] = (s, other_id)
        found = [(s * background * self._era_factor(item, c), c, i) for c, (s, i) in best.items()]
        return sorted((f for f in found if f[0] >= self.join_at), key=_rank)

    def _era_factor(self, item: Item, cluster: str) -> float:
        """`RETRO` when most of the cluster's reports tell the news and the item an earlier
        act, or the other way round (`features.looks_back`)."""
        near = self._near(cluster, item)
        back = sum(1 for m in near if m.retro)  # a tie says nothing
        if 2 * back == len(near) or (2 * back > len(near)) == item.retro:
            return 1.0
        return RETRO

    def _barred(self, item: Item) -> set[str]:
        """The clusters holding an event of the item's article that tells another act."""
        return {
            self.cluster_of[other]
            for other in self.by_article.get(item.article_id, ())
            if same_article_conflict(item, self.items[other])
        }

    def _near(self, cluster: str, item: Item) -> list[Item]:
        """The members of `cluster` whose dates fit the item's: those an ingest batch loads
        (`assign._load`), so that `recluster` decides alike."""
        if self._near_memo[0] != item.event_id:
            self._near_memo = (item.event_id, {})
        memo = self._near_memo[1]
        if cluster in memo:
            return memo[cluster]
        members = (self.items[other] for other in self.members.get(cluster, ()))
        memo[cluster] = [m for m in members if dates_compatible(item, m)]
        return memo[cluster]

    def _done_to_others(self, item: Item, cluster: str) -> bool:
        """Whether the cluster's acts were done to named people the item's were not, and
        most of its reports never name the item's: the second of two arrests of two players
        (whose reports recall the first), not one shooting of three people (whose reports
        name all three). The item's sentence naming one of them is no conflict."""
        near = self._near(cluster, item)
        held = _core(near)
        if not held or held & (item.patients | item.names):
            return False
        return _unheard(near, item.patients)

    def _other_patients(self, a: str, b: str, item: Item) -> bool:
        """Whether clusters `a` and `b` were done to different named people (see
        `_done_to_others`): a report naming neither must not fuse them."""
        near_a, near_b = self._near(a, item), self._near(b, item)
        held_a, held_b = _core(near_a), _core(near_b)
        if not held_a or not held_b or held_a & held_b:
            return False
        return _unheard(near_a, held_b) or _unheard(near_b, held_a)

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


def _core(members: list[Item]) -> set[str]:
    """The recipient names shared by at least half of the members naming one, and by
    `CORE_SUPPORT` of them (a stray team or title word read as a name does not count)."""
    counts: Counter[str] = Counter()
    named = [m for m in members if m.patients]
    for member in named:
        counts.update(member.patients)
    return {w for w, n in counts.items() if 2 * n >= len(named) and n >= CORE_SUPPORT}


def _unheard(members: list[Item], names: set[str] | frozenset[str]) -> bool:
    """Whether most `members`' articles never name any of `names`."""
    heard = sum(1 for m in members if names & m.context)
    return heard < HEARD * len(members)


def _rank(entry: tuple[float, str, str]) -> tuple[float, str]:
    # Best score first; ties go to the cluster id, so the order never depends on dict order.
    return (-entry[0], entry[1])
