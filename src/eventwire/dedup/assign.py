"""Clustering the events of newly stored articles, and rebuilding every cluster.

`assign_articles(store, ids)` runs once an ingest has written a run of articles (all of
them, or `config.CLUSTER_RUN`; recorded in `article_runs`): it signs the new articles
and links near-duplicates (`articles.duplicate_of`), counts their words
(`cluster_terms`, see `rarity`), places each article in its story (`article_stories`,
`story_state`; before its events are clustered, which compares the stories of two
events' articles, `Stories.family`), loads from `cluster_members` only the clustered events a
new event could meet (dates within reach, or undated),
assigns the new events, and writes the cluster ids into `events` (column and record JSON,
with the reason in `explanation.cluster`), the aliases of merged clusters, and the
summaries of the clusters it touched (that writing is `eventwire.dedup.cluster_store`).
`recluster(store)` empties those tables and assigns every article again in ingest order,
run by run, which gives the same clusters and stories.
"""

from __future__ import annotations

import json
import weakref
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

import duckdb
import pyarrow as pa

from eventwire.dedup import near_dup
from eventwire.dedup.cluster_store import (
    insert_probes,
    insert_rows,
    item_from_features,
    next_seq,
    write_assignments,
)
from eventwire.dedup.clusterer import MIN_SHARED, Assignment, Clusterer
from eventwire.dedup.features import (
    Item,
    article_patients,
    article_vector,
    content_words,
    cosine,
    item_from_record,
    lead_people,
    lead_year,
    main_year,
    names,
)
from eventwire.dedup.grouping import Member
from eventwire.dedup.rarity import Rarity
from eventwire.dedup.scoring import DATE_SLACK, probe_words
from eventwire.dedup.stories import Stories, final_story
from eventwire.dedup.util import run as _run
from eventwire.store import Store


@dataclass
class ClusterRun:
    """What one assignment did."""

    articles: int = 0
    duplicates: int = 0
    events: int = 0
    new_clusters: int = 0
    merges: int = 0
    loaded: int = 0  # clustered events read back from the store as candidates
    signatures_loaded: int = 0  # stored signatures read into the near-duplicate index
    seconds_lsh_rebuild: float = 0.0
    assignments: list[Assignment] = field(default_factory=list)


@dataclass(frozen=True)
class _SignedIndex:
    """The near-duplicate index of a store, holding every signature up to `last_seq`."""

    lsh: near_dup.NearDuplicates
    last_seq: int


#: An article's id, text and publication day.
_Article = tuple[str, str, date | None]
#: Each open store's index, kept between batches: rebuilding it from every stored signature
#: for each batch made a batch's cost grow with the store.
_INDEXES: weakref.WeakKeyDictionary[Store, _SignedIndex] = weakref.WeakKeyDictionary()
#: Each open store's stories, kept between batches for the same reason.
_STORIES: weakref.WeakKeyDictionary[Store, Stories] = weakref.WeakKeyDictionary()


def assign_articles(store: Store, article_ids: Iterable[str]) -> ClusterRun:
    """Cluster the events of the stored articles `article_ids` (ingest order) as one run:
    their stories are grouped together (`Stories.add_run`), and the run is recorded in
    `article_runs` for `recluster` to replay."""
    return _assign_runs(store, [list(dict.fromkeys(article_ids))], record=True)


def _assign_runs(store: Store, runs: list[list[str]], *, record: bool) -> ClusterRun:
    """`assign_articles` of each of `runs` in turn, in one transaction (`record`: note the
    one run in `article_runs` as the next run number)."""
    con = store.con
    articles = _articles(con, [a for run in runs for a in run])
    done = ClusterRun(articles=len(articles))
    if not articles:
        return done
    position = {a[0]: n for n, a in enumerate(articles)}  # ingest order
    segments = [sorted((articles[position[a]] for a in run if a in position),
                       key=lambda a: position[a[0]]) for run in runs]  # fmt: skip
    con.begin()
    index = _INDEXES.pop(store, None)  # put back only once this batch is committed
    stories = _STORIES.pop(store, None)
    try:
        if record:
            run = next_seq(con, "article_runs", column="run")
            insert_rows(con, "article_runs", [{"article_id": a[0], "run": run} for a in articles])
        index, dups = _near_duplicates(con, articles, done, index)
        rarity = Rarity.load(con)
        if stories is None:
            stories = Stories.from_states(_run(con, "SELECT story_id, state FROM story_state"))
        items, placed = _items(con, [s for s in segments if s], rarity, stories)
        clusterer = _load(con, items, (d.original for d in dups.values()))
        done.loaded = len(clusterer.items)
        for item in items:
            done.assignments.append(_assign(con, clusterer, item, dups))
        write_assignments(con, items, done)
        _save_stories(con, stories, placed)
        rarity.save(con)
        con.commit()
        _INDEXES[store], _STORIES[store] = index, stories
    except BaseException:
        con.rollback()
        raise
    return done


def recluster(store: Store) -> ClusterRun:
    """Forget every cluster, story and near-duplicate link, then assign all articles again,
    run by run as they were first placed (an article of a store older than `article_runs`
    is a run of its own, as each was placed then), in one pass."""
    con = store.con
    _INDEXES.pop(store, None)
    _STORIES.pop(store, None)
    for table in ("article_signatures", "cluster_members", "cluster_probes", "cluster_ids",
                  "cluster_aliases", "clusters", "cluster_terms", "article_stories",
                  "story_state"):  # fmt: skip
        _run(con, f"DELETE FROM {table}")
    _run(con, "UPDATE articles SET duplicate_of = NULL WHERE duplicate_of IS NOT NULL")
    rows = _run(con, "SELECT a.article_id, r.run FROM articles a LEFT JOIN article_runs r"
                " USING (article_id)"
                " ORDER BY r.run NULLS FIRST, a.ingested_at, a.article_id")  # fmt: skip
    runs: dict[tuple[str, Any], list[str]] = {}
    for article_id, run in rows:
        key = ("run", run) if run is not None else ("alone", article_id)
        runs.setdefault(key, []).append(article_id)
    return _assign_runs(store, list(runs.values()), record=False)


# -- reading -------------------------------------------------------------------------------


def _articles(con: duckdb.DuckDBPyConnection, ids: Sequence[str]) -> list[_Article]:
    """(article id, text, published) of the stored `ids` not signed yet, in ingest order."""
    if not ids:
        return []
    con.register("_ids", pa.table({"article_id": list(ids)}))
    try:
        rows = _run(
            con,
            "SELECT a.article_id, a.text, a.published FROM articles a JOIN _ids USING (article_id)"
            " WHERE a.article_id NOT IN (SELECT article_id FROM article_signatures)"
            " ORDER BY a.ingested_at, a.article_id",
        )
    finally:
        con.unregister("_ids")
    return [(r[0], r[1] or "", r[2]) for r in rows]


def _near_duplicates(
    con: duckdb.DuckDBPyConnection,
    articles: list[_Article],
    run: ClusterRun,
    index: _SignedIndex | None,
) -> tuple[_SignedIndex, dict[str, near_dup.Duplicate]]:
    """Sign `articles` and find their originals; the index of the previous batch of this
    store is reused and only the signatures stored since are added to it."""
    import time

    start = time.perf_counter()
    index = index or _SignedIndex(near_dup.NearDuplicates(), -1)
    run.signatures_loaded = index.lsh.load(_run(con,
        "SELECT article_id, minhash, duplicate_of FROM article_signatures"
        " WHERE minhash IS NOT NULL AND seq > ? ORDER BY seq", [index.last_seq]))  # fmt: skip
    run.seconds_lsh_rebuild = time.perf_counter() - start
    seq = next_seq(con, "article_signatures")
    rows, dups = [], {}
    for n, (article_id, text, _) in enumerate(articles):
        sig = near_dup.signature(text)
        dup = index.lsh.check(article_id, sig)
        if dup:
            dups[article_id] = dup
        rows.append({"article_id": article_id, "seq": seq + n,
                     "minhash": near_dup.to_bytes(sig) if sig else None,
                     "duplicate_of": dup.original if dup else None})  # fmt: skip
    insert_rows(con, "article_signatures", rows)
    for dup in dups.values():
        _run(con, "UPDATE articles SET duplicate_of = ? WHERE article_id = ?",
                    [dup.original, dup.article_id])  # fmt: skip
    run.duplicates = len(dups)
    return _SignedIndex(index.lsh, seq + len(articles) - 1), dups


def _items(
    con: duckdb.DuckDBPyConnection,
    runs: list[list[_Article]],
    rarity: Rarity,
    stories: Stories,
) -> tuple[list[Item], list[dict[str, str]]]:
    """The clustering features of the events of the articles of `runs`, in run, article
    then sentence order, and the story each article joins (`stories.add_run`, before its
    events are clustered, so each item carries its story); a run's articles are all
    counted in `rarity` before their words are weighted."""
    ids = [a[0] for run in runs for a in run]
    con.register("_ids", pa.table({"article_id": ids}))
    try:
        rows = _run(con, "SELECT e.article_id, e.record FROM events e JOIN _ids USING (article_id)")
    finally:
        con.unregister("_ids")
    records: dict[str, list[dict[str, Any]]] = {a: [] for a in ids}
    for article_id, raw in rows:
        records[article_id].append(json.loads(raw))
    seq = next_seq(con, "cluster_members")
    items: list[Item] = []
    placed: list[dict[str, str]] = []
    for run in runs:
        for _, text, _ in run:  # the run's words weigh as one: its order does not count
            rarity.add(content_words(text))
        members = [_member(a, text, day, rarity) for a, text, day in run]
        story_of = stories.add_run(members)
        for (article_id, text, _), member in zip(run, members, strict=True):
            placed.append({"article_id": article_id, "story_id": story_of[article_id]})
            family = stories.family(story_of[article_id])
            year, done_to = main_year(text), article_patients(records[article_id])
            for record in sorted(records[article_id], key=_in_text_order):
                item = item_from_record(record, seq=seq + len(items),
                                        article_keywords=member.vector, rarity=rarity,
                                        article_names=member.named, story=family,
                                        article_patients=done_to, article_year=year)  # fmt: skip
                items.append(item)
    return items, placed


def _member(article_id: str, text: str, day: date | None, rarity: Rarity) -> Member:
    """An article as stories compare it (its words counted in `rarity` already)."""
    named = names(text)
    return Member(article_id, article_vector(text, rarity, named=named), day, named,
                  lead_people(text), lead_year(text))  # fmt: skip


def _save_stories(
    con: duckdb.DuckDBPyConnection, stories: Stories, placed: list[dict[str, str]]
) -> None:
    """Store each article's story and the state of the stories that changed; the articles
    of strays a story took in since the stories were loaded are moved to it, so readers of
    `article_stories` need no alias table."""
    insert_rows(con, "article_stories", placed)
    moved = {s: t for s, t in final_story(stories.absorbed).items() if s in stories.moved}
    if moved:
        _run(
            con,
            "UPDATE article_stories SET story_id = m.story FROM (SELECT unnest(?::VARCHAR[])"
            " AS stray, unnest(?::VARCHAR[]) AS story) m WHERE article_stories.story_id = m.stray",
            [list(moved), list(moved.values())],
        )
        _run(con, "DELETE FROM story_state WHERE story_id IN (SELECT unnest(?::VARCHAR[]))",
             [list(moved)])  # fmt: skip
    touched = sorted({row["story_id"] for row in placed} & stories.sums.keys())
    insert_rows(con, "story_state", [{"story_id": s, "state": stories.state(s)} for s in touched])


def replay(store: Store) -> list[Item]:
    """Every stored event's features as `recluster` computes them for a store ingested in
    one run (nothing is written): for calibrating the clusterer on a store
    (bench/coref_eval.py --sweep)."""
    rows = _run(store.con, "SELECT article_id, text, published FROM articles"
                " ORDER BY ingested_at, article_id")  # fmt: skip
    return _items(store.con, [[(r[0], r[1] or "", r[2]) for r in rows]], Rarity(), Stories())[0]


def _in_text_order(record: dict[str, Any]) -> tuple[int, str]:
    return ((record.get("text_info") or {}).get("start", 0), record["id"])


def _load(
    con: duckdb.DuckDBPyConnection, items: list[Item], originals: Iterable[str] = ()
) -> Clusterer:
    """A clusterer holding the stored clusters any of `items` could join: those with an
    event sharing `MIN_SHARED` probe words with one of them (`cluster_probes`), or holding an
    event of a near-duplicate's `originals`, each with all its members whose dates come
    within reach of the batch's (all of them when one of `items` is undated). No other
    stored event can be a candidate, and a candidate's cluster is read whole, so a batch
    decides as `recluster` does, reading a share of the store instead of all of it."""
    clusterer = Clusterer()
    if not items:
        return clusterer
    _index_unprobed(con)
    probes = sorted((w, n) for n, i in enumerate(items) for w in probe_words(i))
    con.register(
        "_words", pa.table({"word": [w for w, _ in probes], "item": [n for _, n in probes]})
    )
    con.register("_originals", pa.table({"article_id": sorted(set(originals))}))
    sql = (
        "WITH hit AS (SELECT DISTINCT event_id FROM (SELECT p.event_id FROM cluster_probes p"
        "  JOIN _words w USING (word) GROUP BY w.item, p.event_id HAVING count(*) >= ?)),"
        " wanted AS (SELECT m.cluster_id FROM cluster_members m JOIN hit USING (event_id)"
        "  UNION SELECT m.cluster_id FROM cluster_members m JOIN _originals USING (article_id))"
        " SELECT m.features, m.cluster_id, c.created_seq FROM cluster_members m"
        " JOIN wanted USING (cluster_id) JOIN cluster_ids c USING (cluster_id)"
    )
    params: list[Any] = [MIN_SHARED]
    if all(i.date is not None for i in items):
        slack = timedelta(days=DATE_SLACK)
        low = min(i.date for i in items if i.date) - slack
        high = max((i.enddate or i.date) for i in items if i.date) + slack
        sql += " WHERE (m.date IS NULL OR (m.enddate >= ? AND m.date <= ?))"
        params += [low, high]
    try:
        rows = _run(con, sql + " ORDER BY m.seq", params)
    finally:
        con.unregister("_words")
        con.unregister("_originals")
    for features, cluster_id, created in rows:
        clusterer.load(item_from_features(json.loads(features)), cluster_id, created=created)
    return clusterer


def _index_unprobed(con: duckdb.DuckDBPyConnection) -> None:
    """Index by their probe words the clustered events of a store written before
    `cluster_probes` existed (once: a store's events are indexed all or none)."""
    if _run(con, "SELECT count(*) FROM (SELECT 1 FROM cluster_probes LIMIT 1)")[0][0]:
        return
    rows = _run(con, "SELECT features FROM cluster_members")
    insert_probes(con, (item_from_features(json.loads(f)) for (f,) in rows))


def _assign(
    con: duckdb.DuckDBPyConnection,
    clusterer: Clusterer,
    item: Item,
    dups: dict[str, near_dup.Duplicate],
) -> Assignment:
    dup = dups.get(item.article_id)
    if dup:
        twin = _twin(con, clusterer, item, dup.original)
        if twin:
            cluster_id = clusterer.cluster_of.get(twin[0]) or twin[1]
            clusterer.created.setdefault(cluster_id, twin[2])
            clusterer.join(item, cluster_id)
            reason = (f"article is a near-duplicate of {dup.original} (MinHash similarity"
                      f" {dup.similarity:.2f}); same event as {twin[0]}")  # fmt: skip
            return Assignment(item.event_id, clusterer.cluster_of[item.event_id], reason)
    return clusterer.assign(item)


def _twin(
    con: duckdb.DuckDBPyConnection, clusterer: Clusterer, item: Item, original: str
) -> tuple[str, str, int] | None:
    """(event id, cluster, created seq) of the original's event most like `item`."""
    rows = _run(con,
        "SELECT m.features, m.cluster_id, c.created_seq FROM cluster_members m"
        " JOIN cluster_ids c USING (cluster_id) WHERE m.article_id = ?", [original]
    )  # fmt: skip
    found = [(item_from_features(json.loads(f)), c, s) for f, c, s in rows]
    found += [(i, clusterer.cluster_of[i.event_id], clusterer.created[clusterer.cluster_of[
        i.event_id]]) for i in clusterer.items.values() if i.article_id == original]  # fmt: skip
    same = [(cosine(item.terms, o.terms), o.event_id, c, s) for o, c, s in found
            if o.category == item.category]  # fmt: skip
    if not same:
        return None
    best = max(same, key=lambda t: (t[0], t[1]))
    return best[1], best[2], best[3]
