"""Cross-article event clustering (eventwire.dedup) against ECB+, and a synthetic stress test.

ECB+ (../shared/benchmarks/ecbplus, topics 36-45 held out): every article goes through the
real pipeline into a fresh store with no publication date, in batches as `ingest` writes
them, then clustered as `ingest` does: together, as one run (`config.CLUSTER_RUN` articles
at most; the system is not told the topics).
(1) Article level: each article's main cluster scored pairwise against the gold sub-topics
(same topic and same `ecb`/`ecbplus` half = same event): precision, recall, F1. The main
cluster is the article's event cluster that the most articles report (what made the article
news; ties go to the earlier event in the text); an article without events is alone.
`article_level_most_events` scores the other reading, the cluster holding most of the
article's own events.
(1b) Article level by story (`article_level_stories`): each article's stored story
(eventwire.dedup.stories: articles grouped by their heaviest words, events or not), scored
the same way, with the look-alike sub-topics joined in one story (`merged`) and the
articles split off their sub-topic's story (`strays`).
(1c) Article level by the story's main cluster (`article_level_story_main`): each article
takes its story's main event cluster (the cluster the most articles of the story report),
so an article that codes no event, in a story whose other reports do, gets that cluster;
a story without events leaves its articles alone. Stories whose main clusters coincide
are joined; beside the two readings above, not instead of them.
`article_level_story_own` reads the story's main cluster as the one the most of its
articles report among the clusters reported mostly by its own articles (else among all):
a background act that two look-alike happenings share (the attacks two patches answer) is
then no story's main cluster unless it is mostly that story's.
(1d) Other ingest orders (`other_orders`, `--orders N`, 4 by default): the stored articles
reclustered in N other shuffled orders, the story and event scores of each and their mean,
minimum and maximum (`recluster` replays the one run). The stories of a run do not
depend on its order (`eventwire.dedup.grouping`); event clusters are built greedily, one
event at a time, so the event scores, and which cluster is a story's main one, do: the
order above is one sample.
(2) Event level: our events matched to gold ACTION_OCCURRENCE mentions by trigger-token
overlap; our clusters scored against the gold chains (cross-document instance, else the
within-document chain, else a singleton) with B3, MUC, CEAF-e and CoNLL F1 over the
matched mentions. Only the mentions of the sentences listed in
ECBplus_coreference_sentences.csv are scored, as ../shared/benchmarks/README.md prescribes
and the corpus README recommends: ECB+ annotated mentions and coreference in full in those
sentences; outside them 64% of the annotated mentions are gold singletons, against 19%
inside (the 1972 meeting told alike in nine articles is nine singletons there). Two
documents the list leaves out (20_10ecbplus, 34_5ecb) score no mention. All clustering
still runs on every sentence. `event_level_all_sentences` scores every annotated mention,
the reading of the figures before 2026-11-27; `sentences` says which list was used
("listed", or "all" when the CSV is absent).
(3) Synthetic: 2,000 generated reports of 300 events (paraphrases, syndicated copies and
look-alike events: same category and country, same week, another town and other words),
clustered as one run as `ingest` does; precision/recall of same-event pairs and the time
taken, and of same-event article pairs by story (`stories`).

    .venv/bin/python bench/coref_eval.py [--limit N] [--reuse] [--skip-ecb] [--orders N]
    .venv/bin/python bench/coref_eval.py --sweep 0.37 0.42 0.47   # JOIN values to try
    .venv/bin/python bench/coref_eval.py --sweep 0.42 --penalty trigger=1 names=1

`--sweep` reclusters in memory the stores of the last run (see `sweep`) and prints, per
JOIN/MERGE pair, the ECB+ article and B3 scores and the synthetic precision and recall,
with `eventwire.dedup.scoring.PENALTIES` (or another number of that module, e.g.
`ARTICLE_FULL=0.4`) changed as `--penalty` says: how the values in
eventwire.dedup.clusterer and scoring were chosen. `recall_ceiling` in the article scores
is the share of gold pairs whose two articles both code an event: no clustering of events
can join the others.
"""

from __future__ import annotations

import argparse
import csv
import functools
import itertools
import json
import os
import random
import shutil
import sys
import time
import xml.etree.ElementTree as ET
from collections import Counter, defaultdict
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from report import save

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
ECB = ROOT.parent / "shared" / "benchmarks" / "ecbplus" / "ECB+"
SELECTED_CSV = ECB.parent / "ECBplus_coreference_sentences.csv"
# The environment may point the bench at other stores and another result file, so that two
# experiments can run side by side.
OUT = Path(os.environ.get("EW_COREF_OUT", ROOT / "bench" / "results" / "coref.json"))
DB = Path(os.environ.get("EW_COREF_DB", "/tmp/eventwire_coref_ecb.duckdb"))
SYNTH_DB = Path(os.environ.get("EW_COREF_SYNTH_DB", "/tmp/eventwire_coref_synth.duckdb"))
BATCH = 64

from eventwire.dedup.assign import recluster  # noqa: E402
from eventwire.dedup.hook import cluster_missed  # noqa: E402
from eventwire.dedup.story_store import stored_stories  # noqa: E402
from eventwire.records import QUAD_CODES, Article, Entity, Event, Place, TextInfo  # noqa: E402
from eventwire.store import Store  # noqa: E402

# -- ECB+ reading ---------------------------------------------------------------------------


def read_doc(path: Path) -> dict[str, Any]:
    """Text (tokens joined by spaces, the URL line of ecbplus files left out), token offsets,
    gold action mentions (token ids) and their chain ids."""
    root = ET.parse(path).getroot()
    plus = path.name.endswith("ecbplus.xml")
    parts, offsets, at, last_sentence = [], {}, 0, None
    sentence_of: dict[str, str] = {}
    for tok in root.iter("token"):
        sentence = tok.get("sentence")
        if plus and sentence == "0":
            continue
        sep = "\n" if last_sentence not in (None, sentence) else (" " if parts else "")
        at += len(sep)
        parts.append(sep + (tok.text or ""))
        offsets[tok.get("t_id")] = (at, at + len(tok.text or ""))
        sentence_of[tok.get("t_id") or ""] = sentence or ""
        at += len(tok.text or "")
        last_sentence = sentence
    mentions: dict[str, list[str]] = {}
    markables = root.find("Markables")
    for m in markables if markables is not None else []:
        if m.tag == "ACTION_OCCURRENCE":
            ids = [a.get("t_id") for a in m.findall("token_anchor")]
            if ids and all(i in offsets for i in ids):
                mentions[m.get("m_id") or ""] = ids
    chains: dict[str, str] = {}
    relations = root.find("Relations")
    for rel in relations if relations is not None else []:
        chain = (
            rel.get("note") if rel.tag == "CROSS_DOC_COREF" else f"{path.name}:{rel.get('r_id')}"
        )
        for src in rel.findall("source"):
            chains.setdefault(src.get("m_id") or "", chain or "")
    topic = path.parent.name
    gold = {m: chains.get(m, f"{path.name}:m{m}") for m in mentions}
    spans = {m: (offsets[ids[0]][0], offsets[ids[-1]][1]) for m, ids in mentions.items()}
    selection = _selected_sentences()
    selected = None if selection is None else selection.get(path.stem, frozenset())
    return {
        "id": path.stem,
        "text": "".join(parts),
        "topic": topic,
        "sub": f"{topic}{'+' if plus else ''}",
        "gold": gold,
        "spans": spans,
        # the mentions scored at event level: those of the sentences ECB+ annotated in full
        "scored": {
            m for m, ids in mentions.items() if selected is None or sentence_of[ids[0]] in selected
        },
    }


@functools.cache
def _selected_sentences() -> dict[str, frozenset[str]] | None:
    """Document id -> the sentence numbers listed in ECBplus_coreference_sentences.csv (None
    without the file): the sentences whose mentions and coreference were annotated in full.
    ../shared/benchmarks/README.md says to evaluate only these (see the module docstring)."""
    if not SELECTED_CSV.exists():
        return None
    selected: dict[str, set[str]] = defaultdict(set)
    with SELECTED_CSV.open(newline="", encoding="utf-8") as fh:
        for row in csv.DictReader(fh):
            # three rows carry a trailing space ("14 ")
            doc = f"{row['Topic'].strip()}_{row['File'].strip()}"
            selected[doc].add(str(int(row["Sentence Number"])))
    return {doc: frozenset(numbers) for doc, numbers in selected.items()}


def read_corpus(limit: int | None) -> list[dict[str, Any]]:
    paths = sorted(ECB.glob("*/*.xml"))
    docs = [read_doc(p) for p in paths]
    random.Random(3).shuffle(docs)  # ingest order must not follow the topics
    return docs[:limit] if limit else docs


def ingest_ecb(docs: list[dict[str, Any]]) -> dict[str, float]:
    from eventwire.pipeline import Pipeline

    DB.unlink(missing_ok=True)
    articles = [Article(d["id"], d["text"], title=None) for d in docs]
    pipeline = Pipeline(batch_size=BATCH)
    seconds = {"pipeline_and_store": 0.0, "clustering": 0.0}
    with Store(DB) as store:
        start = time.perf_counter()
        pairs = list(pipeline.process(articles))
        seconds["pipeline_and_store"] = time.perf_counter() - start
        for i in range(0, len(pairs), BATCH):
            store.write_batch(pairs[i : i + BATCH])
        t = time.perf_counter()
        cluster_missed(store)  # all written, clustered in runs as `eventwire ingest` does
        seconds["clustering"] += time.perf_counter() - t
    return seconds


# -- scores ---------------------------------------------------------------------------------


def pair_scores(system: dict[str, str], gold: dict[str, str]) -> dict[str, float]:
    """Pairwise precision/recall/F1 of two clusterings of the same items."""

    def pairs(labels: dict[str, str]) -> set[tuple[str, str]]:
        groups: dict[str, list[str]] = defaultdict(list)
        for item, label in labels.items():
            groups[label].append(item)
        return {tuple(sorted(p)) for g in groups.values() for p in itertools.combinations(g, 2)}  # type: ignore[misc]

    ours, theirs = pairs(system), pairs(gold)
    tp = len(ours & theirs)
    p = tp / len(ours) if ours else 0.0
    r = tp / len(theirs) if theirs else 0.0
    return {
        "precision": round(p, 4),
        "recall": round(r, 4),
        "f1": round(2 * p * r / (p + r), 4) if p + r else 0.0,
        "system_pairs": len(ours),
        "gold_pairs": len(theirs),
    }


def _groups(labels: dict[str, str]) -> list[set[str]]:
    groups: dict[str, set[str]] = defaultdict(set)
    for item, label in labels.items():
        groups[label].add(item)
    return list(groups.values())


def b_cubed(system: dict[str, str], gold: dict[str, str]) -> tuple[float, float, float]:
    sys_of = {m: g for g in _groups(system) for m in g}
    gold_of = {m: g for g in _groups(gold) for m in g}
    p = sum(len(sys_of[m] & gold_of[m]) / len(sys_of[m]) for m in gold) / len(gold)
    r = sum(len(sys_of[m] & gold_of[m]) / len(gold_of[m]) for m in gold) / len(gold)
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def muc(system: dict[str, str], gold: dict[str, str]) -> tuple[float, float, float]:
    def side(key: list[set[str]], resp: dict[str, str]) -> float:
        num = sum(len(k) - len({resp[m] for m in k}) for k in key)
        den = sum(len(k) - 1 for k in key)
        return num / den if den else 0.0

    r, p = side(_groups(gold), system), side(_groups(system), gold)
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def ceaf_e(system: dict[str, str], gold: dict[str, str]) -> tuple[float, float, float]:
    import numpy as np
    from scipy.optimize import linear_sum_assignment

    keys, resps = _groups(gold), _groups(system)
    sim = np.zeros((len(keys), len(resps)))
    for i, k in enumerate(keys):
        for j, s in enumerate(resps):
            common = len(k & s)
            if common:
                sim[i, j] = 2 * common / (len(k) + len(s))
    rows, cols = linear_sum_assignment(-sim)
    total = sim[rows, cols].sum()
    p, r = total / len(resps), total / len(keys)
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def evaluate_ecb(
    docs: list[dict[str, Any]],
    rows: list[tuple[Any, ...]] | None = None,
    stories: dict[str, str] | None = None,
    *,
    db: Path = DB,
) -> dict[str, Any]:
    """Scores of the clusters and stories stored in `db`, or of `rows` (id, article, cluster,
    spans, seq) and `stories` (article -> story)."""
    if rows is None:
        with Store(db, read_only=True) as store:
            rows = store.con.execute(
                "SELECT e.id, e.article_id, e.cluster_id, e.spans, m.seq FROM events e"
                " JOIN cluster_members m ON m.event_id = e.id"
            ).fetchall()
            stories = stored_stories(store)
    by_article: dict[str, Counter[str]] = defaultdict(Counter)
    first_seq: dict[tuple[str, str], int] = {}  # (article, cluster) -> its first event
    reporting: dict[str, set[str]] = defaultdict(set)  # cluster -> articles
    for _, article_id, cluster_id, _, seq in rows:
        by_article[article_id][cluster_id] += 1
        key = (article_id, cluster_id)
        first_seq[key] = min(seq, first_seq.get(key, seq))
        reporting[cluster_id].add(article_id)
    widest = {
        a: min(c, key=lambda k: (-len(reporting[k]), first_seq[(a, k)]))
        for a, c in by_article.items()
    }
    most = {a: min(c, key=lambda k: (-c[k], first_seq[(a, k)])) for a, c in by_article.items()}
    gold = {d["id"]: d["sub"] for d in docs}
    article, by_most = (
        pair_scores({d["id"]: main.get(d["id"], "alone:" + d["id"]) for d in docs}, gold)
        for main in (widest, most)
    )
    article["articles_with_events"] = len(by_article)
    reachable = pair_scores({d: d for d in by_article}, {d: gold[d] for d in by_article})
    article["recall_ceiling"] = round(reachable["gold_pairs"] / max(1, article["gold_pairs"]), 4)
    out: dict[str, Any] = {
        "articles": len(docs),
        "article_level": article,
        "article_level_most_events": by_most,
    }
    if stories is not None:
        for name, own in (("article_level_story_main", False), ("article_level_story_own", True)):
            main = story_main_clusters(stories, reporting, first_seq, own=own)
            labels = {d["id"]: main.get(stories.get(d["id"], ""), "alone:" + d["id"]) for d in docs}
            out[name] = pair_scores(labels, gold)
    return {
        **out,
        "event_level": _events(docs, rows),
        "event_level_all_sentences": _events(docs, rows, every_sentence=True),
    }


def story_main_clusters(
    stories: dict[str, str],
    reporting: dict[str, set[str]],
    first_seq: dict[tuple[str, str], int],
    *,
    own: bool = False,
) -> dict[str, str]:
    """The main event cluster of each story with events: the cluster the most of its
    articles report (ties: the cluster reported earliest). Every article of the story
    takes it, also one that codes no event (`article_level_story_main`). `own`: only
    among the clusters more than half of whose reporting articles are the story's, when
    it has such (`article_level_story_own`)."""
    count: dict[str, Counter[str]] = defaultdict(Counter)
    first: dict[tuple[str, str], int] = {}
    for cluster, articles in reporting.items():
        for article in articles:
            story = stories.get(article)
            if story is None:
                continue
            count[story][cluster] += 1
            seq = first_seq[(article, cluster)]
            first[(story, cluster)] = min(seq, first.get((story, cluster), seq))
    out = {}
    for story, c in count.items():
        mine = [k for k in c if own and 2 * c[k] > len(reporting[k])]
        out[story] = min(mine or c, key=lambda k: (-c[k], first[(story, k)], k))
    return out


def evaluate_stories(docs: list[dict[str, Any]], db: Path = DB) -> dict[str, Any]:
    """Article-pair scores of the stories stored with the articles of the store `db`, and
    where they go wrong: `merged` the stories holding two gold sub-topics of at least two
    articles each (look-alikes joined), `strays` the articles outside the story holding
    most of their sub-topic (reports of one happening split off)."""
    with Store(db, read_only=True) as store:
        story = stored_stories(store)
    gold = {d["id"]: d["sub"] for d in docs}
    found = pair_scores({a: story[a] for a in gold}, gold)
    subs: dict[str, Counter[str]] = defaultdict(Counter)  # story -> sub-topic -> articles
    for article, sub in gold.items():
        subs[story[article]][sub] += 1
    merged = sorted(
        " & ".join(sorted(s for s, n in c.items() if n >= 2))
        for c in subs.values()
        if sum(1 for n in c.values() if n >= 2) >= 2
    )
    largest: dict[str, int] = defaultdict(int)
    for c in subs.values():
        for sub, n in c.items():
            largest[sub] = max(largest[sub], n)
    strays = len(gold) - sum(largest.values())
    return {**found, "stories": len(set(story.values())), "merged": merged, "strays": strays}


def other_orders(docs: list[dict[str, Any]], seeds: list[int]) -> dict[str, Any]:
    """The ECB+ scores again with the stored articles reclustered in other ingest orders
    (a copy of the store per seed, its `ingested_at` shuffled): one order is one sample of
    a greedy, incremental grouping, and look-alike happenings merge or not by which of
    their reports come first."""
    keys = {
        "article_level_story_main": lambda r: r["article_level_story_main"]["f1"],
        "article_level_stories": lambda r: r["article_level_stories"]["f1"],
        "event_b3": lambda r: r["event_level"]["b3"]["f1"],
        "event_b3_all_sentences": lambda r: r["event_level_all_sentences"]["b3"]["f1"],
    }
    runs: list[dict[str, Any]] = []
    with Store(DB) as store:
        store.con.execute("CHECKPOINT")  # the copies must hold what the main scores read
    for seed in seeds:
        copy = DB.with_name(f"{DB.stem}_order{seed}{DB.suffix}")
        wal = copy.with_name(copy.name + ".wal")
        for stale in (copy, wal):  # a killed run's leftovers would be replayed into the copy
            stale.unlink(missing_ok=True)
        shutil.copyfile(DB, copy)
        try:
            result = _reordered(docs, copy, seed)
        finally:
            copy.unlink(missing_ok=True)
            wal.unlink(missing_ok=True)
        runs.append({"seed": seed, **{k: f(result) for k, f in keys.items()}})
    summary = {
        k: {"mean": round(sum(r[k] for r in runs) / len(runs), 4),
            "min": min(r[k] for r in runs), "max": max(r[k] for r in runs)}
        for k in keys
    }  # fmt: skip
    return {"seeds": seeds, "runs": runs, **summary}


def _reordered(docs: list[dict[str, Any]], copy: Path, seed: int) -> dict[str, Any]:
    """The ECB+ scores of the store `copy` reclustered in the order `seed` shuffles."""
    with Store(copy) as store:
        order = "SELECT article_id FROM articles ORDER BY ingested_at, article_id"
        ids = [r[0] for r in store.con.execute(order).fetchall()]
        random.Random(seed).shuffle(ids)
        store.con.execute(
            "UPDATE articles SET ingested_at = TIMESTAMP '2000-01-01'"
            " + to_seconds(list_position(?::VARCHAR[], article_id))",
            [ids],
        )
        recluster(store)
    return {**evaluate_ecb(docs, db=copy), "article_level_stories": evaluate_stories(docs, copy)}


def _events(
    docs: list[dict[str, Any]], rows: list[tuple[Any, ...]], *, every_sentence: bool = False
) -> dict[str, Any]:
    triggers: dict[str, list[tuple[int, int, str]]] = defaultdict(list)
    for _, article_id, cluster_id, spans, _ in rows:
        for s in json.loads(spans or "[]"):
            if s["role"] == "trigger":
                triggers[article_id].append((s["start"], s["end"], cluster_id))
    system, gold = {}, {}
    n_gold = 0
    for d in docs:
        for m, (start, end) in d["spans"].items():
            if not every_sentence and m not in d["scored"]:
                continue
            n_gold += 1
            hit = [c for s, e, c in triggers[d["id"]] if s < end and start < e]
            if hit:
                key = f"{d['id']}:{m}"
                system[key], gold[key] = hit[0], d["gold"][m]
    if not gold:
        return {"gold_mentions": n_gold, "matched": 0}
    scores = {
        name: f(system, gold) for name, f in (("b3", b_cubed), ("muc", muc), ("ceaf_e", ceaf_e))
    }
    listed = not every_sentence and _selected_sentences() is not None
    out: dict[str, Any] = {
        "sentences": "listed" if listed else "all",
        "gold_mentions": n_gold,
        "matched": len(gold),
    }
    for name, (p, r, f) in scores.items():
        out[name] = {"precision": round(p, 4), "recall": round(r, 4), "f1": round(f, 4)}
    out["conll_f1"] = round(sum(s[2] for s in scores.values()) / 3, 4)
    return out


# -- synthetic stress test ------------------------------------------------------------------

TOWNS = [
    ("Avalon", 10.0, 20.0),
    ("Brindle", 10.3, 20.2),
    ("Corvel", 11.0, 21.0),
    ("Dunmore", 12.5, 19.0),
    ("Eskar", 9.2, 22.4),
    ("Fenwick", 13.1, 20.9),
    ("Galtry", 10.1, 23.5),
    ("Harrow", 8.6, 19.7),
]
VERBS = {
    "ASSAULT": ["shelled", "struck", "bombarded", "hit"],
    "PROTEST": ["marched through", "rallied in", "demonstrated in", "protested in"],
    "COERCE": ["arrested people in", "detained residents of", "raided", "rounded up men in"],
    "CONSULT": ["held talks in", "met officials in", "convened in", "hosted a summit in"],
}
COUNTRIES = ["AAA", "BBB", "CCC", "DDD", "EEE", "FFF"]
NAMES = ["camp", "market", "depot", "bridge", "school", "clinic", "harbour", "station"]
FILLER = [
    "Witnesses described chaos.",
    "Officials promised an inquiry.",
    "Residents fled the area.",
    "The ministry gave no details.",
    "Aid groups called for calm.",
    "Roads were closed for hours.",
]


def synthetic(n_events: int = 300, n_reports: int = 2000, seed: int = 11) -> dict[str, Any]:
    pairs, gold = synthetic_reports(n_events, n_reports, seed)
    SYNTH_DB.unlink(missing_ok=True)
    with Store(SYNTH_DB) as store:
        start = time.perf_counter()
        for i in range(0, len(pairs), BATCH):
            store.write_batch(pairs[i : i + BATCH])
        cluster_missed(store)
        seconds = time.perf_counter() - start
        found = dict(store.con.execute("SELECT id, cluster_id FROM events").fetchall())
        story = stored_stories(store)
        t = time.perf_counter()
        recluster(store)
        recluster_s = time.perf_counter() - t
        again = dict(store.con.execute("SELECT id, cluster_id FROM events").fetchall())
        story_again = stored_stories(store)
        dups = store.con.execute(
            "SELECT count(*) FROM articles WHERE duplicate_of IS NOT NULL"
        ).fetchone()
    scores = pair_scores(found, gold)
    by_article = {a.article_id: gold[events[0].id] for a, events in pairs}
    return {
        "events": n_events,
        "reports": n_reports,
        **scores,
        "clusters": len(set(found.values())),
        "seconds_ingest_clustering": round(seconds, 2),
        "seconds_recluster": round(recluster_s, 2),
        "recluster_identical": found == again and story == story_again,
        "near_duplicates": dups[0] if dups else 0,
        "stories": pair_scores(story, by_article),
    }


def synthetic_reports(
    n_events: int, n_reports: int, seed: int
) -> tuple[list[tuple[Article, list[Event]]], dict[str, str]]:
    """The generated reports in ingest order, and the gold event of each event id."""
    rng = random.Random(seed)
    events = [_synthetic_event(rng, k) for k in range(n_events)]
    pairs, gold = [], {}
    originals: list[tuple[Article, list[Event], int]] = []
    for n in range(n_reports):
        if originals and rng.random() < 0.15:  # a syndicated copy, lightly edited
            art, evs, k = rng.choice(originals)
            text = art.text.replace("Witnesses", "Onlookers") + " (Wire copy.)"
            article = Article(
                f"syn{n:05d}", text, publication=f"outlet{n % 40}", published=art.published
            )
            ev = [Event(**{**_fields(evs[0]), "id": f"syn{n:05d}-0", "article": article})]
        else:
            k = rng.randrange(n_events)
            article, ev = _report(rng, events[k], n)
            originals.append((article, ev, k))
        pairs.append((article, ev))
        gold[ev[0].id] = str(k)
    return pairs, gold


def _fields(event: Event) -> dict[str, Any]:
    return {f: getattr(event, f) for f in Event.__dataclass_fields__}


def _synthetic_event(rng: random.Random, k: int) -> dict[str, Any]:
    category = rng.choice(list(VERBS))
    town, lat, lon = rng.choice(TOWNS)
    # Look-alikes: events come in families sharing category, country and week.
    return {
        "k": k,
        "category": category,
        "town": town,
        "lat": lat,
        "lon": lon,
        "actor": COUNTRIES[k % 6],
        "recipient": COUNTRIES[(k + 1) % 6],
        "day": date(2024, 3, 1) + timedelta(days=(k // 12) * 3 + rng.randrange(3)),
        "target": f"{rng.choice(NAMES)} {rng.randrange(1, 90)}",
        "dead": rng.randrange(0, 40),
        "leader": f"Commander{k:03d}",
    }


def _report(rng: random.Random, ev: dict[str, Any], n: int) -> tuple[Article, list[Event]]:
    verb = rng.choice(VERBS[ev["category"]])
    lead = (
        f"Forces of {ev['actor']} {verb} the {ev['target']} near {ev['town']},"
        f" leaving {ev['dead']} dead, said {ev['leader']}."
    )
    text = " ".join([lead, *rng.sample(FILLER, 3)])
    article = Article(
        f"rep{n:05d}",
        text,
        publication=f"outlet{n % 40}",
        published=ev["day"] + timedelta(days=rng.randrange(2)),
    )
    lat = ev["lat"] + rng.uniform(-0.05, 0.05)
    place = Place(
        ev["town"], ev["town"], None, lat, ev["lon"], "Province", "Land", ev["actor"], "P", "PPL", 4
    )
    day = ev["day"] if rng.random() < 0.8 else None
    event = Event(
        f"rep{n:05d}-0",
        day,
        day,
        (ev["category"],),
        QUAD_CODES[ev["category"]],
        (Entity("forces", ev["actor"], "MIL"),),
        (Entity("people", ev["recipient"], "CVL"),),
        place,
        (verb,),
        lead,
        TextInfo(0, 0, len(lead)),
        article,
        date(2024, 6, 1),
    )
    return article, [event]


def sweep(docs: list[dict[str, Any]], joins: list[float]) -> None:
    """Print ECB+ and synthetic scores for JOIN in `joins` and MERGE = JOIN + 0.05 / 0.08,
    clustering in memory the features `recluster` would compute from the last ECB+ and
    synthetic stores (near-duplicate links left out: a copy then joins by its score)."""
    from eventwire.dedup.assign import replay

    with Store(DB, read_only=True) as store:
        ecb = replay(store)
        spans = dict(store.con.execute("SELECT id, spans FROM events").fetchall())
    if not SYNTH_DB.exists():
        synthetic()
    with Store(SYNTH_DB, read_only=True) as store:
        syn = replay(store)
    gold = synthetic_reports(300, 2000, 11)[1]
    print("join merge | ecb P R F1 | b3 P R F1 conll (b3 F1 every mention) | synthetic P R F1")
    for join, step in itertools.product(joins, (0.05, 0.08)):
        found = _cluster(ecb, join=join, merge=join + step)
        rows = [
            (i.event_id, i.article_id, found[i.event_id], spans[i.event_id], i.seq) for i in ecb
        ]
        e = evaluate_ecb(docs, rows)
        a, b3 = e["article_level"], e["event_level"]["b3"]
        every = e["event_level_all_sentences"]["b3"]["f1"]
        s = pair_scores(_cluster(syn, join=join, merge=join + step), gold)
        print(f"{join:.2f} {join + step:.2f} | {a['precision']} {a['recall']} {a['f1']} |"
              f" {b3['precision']} {b3['recall']} {b3['f1']} {e['event_level']['conll_f1']}"
              f" ({every}) |"
              f" {s['precision']} {s['recall']} {s['f1']}", flush=True)  # fmt: skip


def _cluster(items: list[Any], *, join: float, merge: float) -> dict[str, str]:
    from eventwire.dedup.clusterer import Clusterer

    clusterer = Clusterer(join_at=join, merge_at=merge)
    for item in items:
        clusterer.assign(item)
    return dict(clusterer.cluster_of)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--limit", type=int)
    parser.add_argument("--reuse", action="store_true", help="recluster the last ECB+ store")
    parser.add_argument("--skip-ecb", action="store_true")
    parser.add_argument(
        "--orders",
        type=int,
        default=4,
        metavar="N",
        help="also recluster the ECB+ store in N other ingest orders (0: none)",
    )
    parser.add_argument(
        "--penalty",
        nargs="+",
        default=[],
        metavar="NAME=FACTOR",
        help="with --sweep: override eventwire.dedup.scoring.PENALTIES (or its numbers)",
    )
    parser.add_argument(
        "--sweep",
        type=float,
        nargs="+",
        metavar="JOIN",
        help="print scores for these JOIN values (stores of the last run)",
    )
    args = parser.parse_args()
    if args.orders < 0:
        parser.error("--orders takes a count, 0 or more")
    if args.sweep:
        from eventwire.dedup import scoring

        for setting in args.penalty:
            name, _, value = setting.partition("=")
            if name in scoring.PENALTIES:
                scoring.PENALTIES[name] = float(value)
            elif isinstance(getattr(scoring, name, None), float):
                setattr(scoring, name, float(value))
            else:
                parser.error(f"no penalty {name!r}: one of {', '.join(scoring.PENALTIES)}")
        sweep(read_corpus(args.limit), args.sweep)
        return
    result: dict[str, Any] = {}
    if not args.skip_ecb:
        docs = read_corpus(args.limit)
        if args.reuse and DB.exists():
            with Store(DB) as store:
                t = time.perf_counter()
                recluster(store)
                seconds = {"recluster": time.perf_counter() - t}
        else:
            seconds = ingest_ecb(docs)
        result["ecbplus"] = {
            **evaluate_ecb(docs),
            "article_level_stories": evaluate_stories(docs),
            "seconds": {k: round(v, 2) for k, v in seconds.items()},
        }
        if args.orders:
            result["ecbplus"]["other_orders"] = other_orders(docs, list(range(1, args.orders + 1)))
        print(json.dumps(result["ecbplus"], indent=1))
    result["synthetic"] = synthetic()
    print(json.dumps(result["synthetic"], indent=1))
    save(OUT, result, keep_others=args.skip_ecb)


if __name__ == "__main__":
    main()
