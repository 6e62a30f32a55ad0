"""Near-duplicates, clustering, stable ids and summaries on hand-made events (no model)."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import date
from pathlib import Path

from typer.testing import CliRunner

from eventwire.cli import app
from eventwire.dedup.assign import assign_articles, recluster
from eventwire.records import QUAD_CODES, Article, Entity, Event, Figure, Place, TextInfo
from eventwire.store import Store

TOWN = Place("Marlow", "Marlow", 1, 10.0, 20.0, "North", "Land", "AAA", "P", "PPL", 4)
FAR = Place("Quenby", "Quenby", 2, 14.0, 25.0, "South", "Land", "AAA", "P", "PPL", 4)


def report(
    n: int,
    sentence: str,
    *,
    place: Place = TOWN,
    day: date | None = date(2024, 3, 4),
    dead: int | None = None,
    publication: str = "Wire A",
) -> tuple[Article, list[Event]]:
    text = sentence + " Residents described a long night. Officials promised an inquiry."
    article = Article(f"a{n:03d}", text, publication=publication, published=date(2024, 3, 5))
    figures = (
        (Figure("killed", dead, claimed_by=Entity("the ministry", "AAA", "GOV")),) if dead else ()
    )
    event = Event(f"a{n:03d}-0", day, day, ("ASSAULT",), QUAD_CODES["ASSAULT"],
                  (Entity("troops", "AAA", "MIL"),), (Entity("villagers", "BBB", "CVL"),),
                  place, ("shelled",), sentence, TextInfo(0, 0, len(sentence)), article,
                  date(2024, 3, 6), figures=figures)  # fmt: skip
    return article, [event]


SAME = [
    report(
        1, "Troops shelled the Kessel camp near Marlow, killing 12, said Colonel Ardent.", dead=12
    ),
    report(
        2,
        "The Kessel camp near Marlow was shelled by troops, Colonel Ardent said; 12 died.",
        dead=12,
        publication="Wire B",
    ),
    report(
        3,
        "Colonel Ardent said troops shelled Kessel camp outside Marlow, 14 killed.",
        dead=14,
        publication="Wire C",
    ),
]
OTHER = report(
    4, "Troops shelled the Vantor camp near Quenby, killing 3, said Major Brisk.", place=FAR, dead=3
)


def clusters_of(store: Store) -> dict[str, str]:
    return dict(store.con.execute("SELECT id, cluster_id FROM events").fetchall())


def ingest(store: Store, pairs: list) -> None:
    store.write_batch(pairs)
    assign_articles(store, [a.article_id for a, _ in pairs])


def test_assign_groups_reports_of_one_event_and_keeps_lookalike_apart(tmp_path: Path) -> None:
    with Store(tmp_path / "s.duckdb") as store:
        ingest(store, [SAME[0], OTHER])
        ingest(store, SAME[1:])
        found = clusters_of(store)
    assert found["a001-0"] == found["a002-0"] == found["a003-0"]
    assert found["a004-0"] != found["a001-0"]


def test_assign_keeps_earliest_cluster_id_and_recluster_reproduces_it(tmp_path: Path) -> None:
    with Store(tmp_path / "s.duckdb") as store:
        ingest(store, [SAME[0]])
        first = clusters_of(store)["a001-0"]
        ingest(store, [SAME[1], OTHER])
        ingest(store, [SAME[2]])
        before = clusters_of(store)
        recluster(store)
        after = clusters_of(store)
    assert before["a003-0"] == first
    assert before == after


def test_assign_links_syndicated_copy_to_original(tmp_path: Path) -> None:
    article, events = SAME[0]
    copy = replace(article, article_id="a900", publication="Reprint Daily",
                   text=article.text + " Copyright wire.")  # fmt: skip
    copy_events = [replace(events[0], id="a900-0", article=copy)]
    with Store(tmp_path / "s.duckdb") as store:
        ingest(store, [SAME[0]])
        ingest(store, [(copy, copy_events)])
        dup = store.con.execute("SELECT duplicate_of FROM articles WHERE article_id = 'a900'")
        assert dup.fetchone()[0] == "a001"
        found = clusters_of(store)
        reason = store.con.execute(
            "SELECT record->>'$.explanation.cluster' FROM events WHERE id = 'a900-0'"
        ).fetchone()[0]
    assert found["a900-0"] == found["a001-0"]
    assert "near-duplicate of a001" in reason


def test_clusters_summary_reconciles_figures_and_counts_sources(tmp_path: Path) -> None:
    db = tmp_path / "s.duckdb"
    with Store(db) as store:
        ingest(store, SAME + [OTHER])
    result = CliRunner().invoke(app, ["clusters", "--db", str(db), "--json"])
    assert result.exit_code == 0, result.output
    rows = [json.loads(line) for line in result.output.splitlines()]
    big = max(rows, key=lambda r: r["n_articles"])
    assert (big["n_articles"], big["n_sources"], big["category"]) == (3, 3, "ASSAULT")
    killed = big["figures"][0]
    assert (killed["kind"], killed["min"], killed["max"]) == ("killed", 12, 14)
    assert len(rows) == 2


def test_export_level_cluster_writes_one_row_per_cluster(tmp_path: Path) -> None:
    db = tmp_path / "s.duckdb"
    with Store(db) as store:
        ingest(store, SAME + [OTHER])
    out = tmp_path / "c.csv"
    result = CliRunner().invoke(
        app, ["export", "--format", "csv", "--level", "cluster", "--db", str(db), "-o", str(out)]
    )
    assert result.exit_code == 0, result.output
    lines = out.read_text().splitlines()
    assert lines[0].startswith("cluster_id,category")
    assert len(lines) == 3


def test_api_clusters_lists_summaries(tmp_path: Path) -> None:
    from fastapi.testclient import TestClient

    from eventwire.api import create_app

    db = tmp_path / "s.duckdb"
    with Store(db) as store:
        ingest(store, SAME + [OTHER])
    with TestClient(create_app(db=db)) as client:
        body = client.get("/api/clusters").json()
    assert sorted(r["n_articles"] for r in body["clusters"]) == [1, 3]


def test_assign_counts_words_once_per_article_and_recluster_recounts(tmp_path: Path) -> None:
    with Store(tmp_path / "s.duckdb") as store:
        ingest(store, SAME[:2])
        ingest(store, [SAME[2], OTHER])
        query = "SELECT term, df FROM cluster_terms WHERE term IN ('', 'kessel', 'vantor')"
        before = dict(store.con.execute(query).fetchall())
        recluster(store)
        after = dict(store.con.execute(query).fetchall())
    assert before == after == {"": 4, "kessel": 3, "vantor": 1}


def test_cluster_missed_catches_up_on_articles_left_unclustered(tmp_path: Path) -> None:
    from eventwire.dedup.hook import cluster_articles, cluster_missed

    with Store(tmp_path / "s.duckdb") as store:
        store.write_batch(SAME[:2])  # written, then the ingest stopped before clustering
        cluster_missed(store)  # the next ingest starts with them
        store.write_batch([SAME[2]])
        cluster_articles(store, [SAME[2][0].article_id])
        found = clusters_of(store)
        runs = store.con.execute("SELECT run, count(*) FROM article_runs GROUP BY run")
        sizes = sorted(n for _, n in runs.fetchall())
    assert found["a001-0"] is not None
    assert found["a001-0"] == found["a002-0"] == found["a003-0"]
    assert sizes == [1, 2]


def test_near_duplicate_index_is_kept_between_batches_and_rebuilt_on_reopen(
    tmp_path: Path,
) -> None:
    article, events = SAME[0]
    copy = replace(article, article_id="a901", text=article.text + " Reprinted.")
    copy_events = [replace(events[0], id="a901-0", article=copy)]
    path = tmp_path / "s.duckdb"
    with Store(path) as store:
        store.write_batch(SAME[:2])
        first = assign_articles(store, ["a001", "a002"])
        store.write_batch([SAME[2]])
        second = assign_articles(store, ["a003"])
    with Store(path) as store:
        store.write_batch([(copy, copy_events)])
        reopened = assign_articles(store, ["a901"])
        dup = store.con.execute("SELECT duplicate_of FROM articles WHERE article_id = 'a901'")
        assert dup.fetchone()[0] == "a001"
    # The second batch reads nothing back; a reopened store reads the three stored ones.
    assert (first.signatures_loaded, second.signatures_loaded) == (0, 0)
    assert reopened.signatures_loaded == 3


def test_assign_keeps_lookalike_in_the_same_town_apart(tmp_path: Path) -> None:
    # same category, place and day: only the names (camp, officer, toll) differ
    twin = report(5, "Troops shelled the Vantor camp near Marlow, killing 3, said Major Brisk.")
    with Store(tmp_path / "s.duckdb") as store:
        ingest(store, [*SAME, twin])
        found = clusters_of(store)
    assert found["a005-0"] != found["a001-0"]


UNDATED = [report(20 + i, e.text, day=None) for i, (_, [e]) in enumerate(SAME[:2])]
UNRELATED = report(
    30, "Farmers drove tractors into Quenby to demand cheaper diesel, organisers told reporters.",
    place=FAR, day=None,
)  # fmt: skip


def test_undated_batch_reads_back_only_the_clusters_it_shares_words_with(tmp_path: Path) -> None:
    with Store(tmp_path / "s.duckdb") as store:
        ingest(store, [UNDATED[0], UNRELATED])
        store.write_batch([UNDATED[1]])
        second = assign_articles(store, [UNDATED[1][0].article_id])
        before = clusters_of(store)
        recluster(store)
        after = clusters_of(store)
    # the farmers' report shares no words with the shelling: it is not read back
    assert second.loaded == 1
    assert before["a021-0"] == before["a020-0"] != before["a030-0"]
    assert before == after


def test_store_without_probe_index_is_indexed_on_the_next_batch(tmp_path: Path) -> None:
    with Store(tmp_path / "s.duckdb") as store:
        ingest(store, [UNDATED[0], UNRELATED])
        store.con.execute("DELETE FROM cluster_probes")  # as a store written before the index
        ingest(store, [UNDATED[1]])
        found = clusters_of(store)
        indexed = store.con.execute("SELECT count(DISTINCT event_id) FROM cluster_probes")
        assert indexed.fetchone()[0] == 3
    assert found["a021-0"] == found["a020-0"]
