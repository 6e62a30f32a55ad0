"""The CLI, with a fake pipeline in place of the model (one ASSAULT event per article)."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pyarrow.parquet as pq
import pytest
from typer.testing import CliRunner

from eventwire import config, jobs
from eventwire.cli import app
from eventwire.store import Store
from store.factories import FakePipeline

runner = CliRunner(env={"COLUMNS": "250"})


@pytest.fixture
def fake(monkeypatch: pytest.MonkeyPatch) -> FakePipeline:
    pipeline = FakePipeline()
    monkeypatch.setattr(jobs, "make_pipeline", lambda **_: pipeline)
    return pipeline


def _write_corpus(folder: Path) -> Path:
    (folder / "sub").mkdir(parents=True)
    for n in range(5):
        (folder / f"story{n}.txt").write_text(f"Story {n}: soldiers fired on protesters.\n")
    (folder / "sub" / "late.txt").write_text("A later story: police arrested a reporter.\n")
    (folder / "photo.bin").write_bytes(b"\x00\x01binary")
    return folder


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    return _write_corpus(tmp_path / "corpus")


def _ingest(corpus: Path, db: Path, *args: str):  # type: ignore[no-untyped-def]
    return runner.invoke(app, ["ingest", str(corpus), "--db", str(db), *args])


def test_extract_prints_jsonl_and_reports_skipped_inputs(fake: FakePipeline, corpus: Path) -> None:
    result = runner.invoke(
        app, ["extract", str(corpus / "story1.txt"), str(corpus / "photo.bin"),
              "--published", "2024-05-17"],
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    records = [json.loads(line) for line in result.stdout.splitlines()]
    assert len(records) == 1 and records[0]["event"] == ["ASSAULT"]
    assert records[0]["cite_info"]["published"] == "2024-05-17"
    assert "photo.bin" in result.stderr and "unsupported" in result.stderr


def test_extract_strict_exits_1_when_an_input_is_skipped(fake: FakePipeline, corpus: Path) -> None:
    result = runner.invoke(app, ["extract", str(corpus), "--strict"])
    assert result.exit_code == 1
    assert len(result.stdout.splitlines()) == 6  # the readable articles still come out


def test_extract_reads_stdin(fake: FakePipeline) -> None:
    result = runner.invoke(app, ["extract", "-"], input="Rebels attacked a convoy on Monday.\n")
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["text"]


def test_extract_output_suffix_chooses_the_format(
    fake: FakePipeline, corpus: Path, tmp_path: Path
) -> None:
    out = tmp_path / "events.csv"
    result = runner.invoke(app, ["extract", str(corpus / "story0.txt"), "-o", str(out)])
    assert result.exit_code == 0, result.output
    rows = list(csv.DictReader(io.StringIO(out.read_text(encoding="utf-8"))))
    assert rows[0]["event"] == "ASSAULT"


def test_extract_bad_published_date_is_a_usage_error(corpus: Path) -> None:
    result = runner.invoke(app, ["extract", str(corpus), "--published", "17/05/2024"])
    assert result.exit_code == 2
    assert "YYYY-MM-DD" in result.output


def test_ingest_summary_then_second_run_adds_nothing(
    fake: FakePipeline, corpus: Path, tmp_path: Path
) -> None:
    db = tmp_path / "store.duckdb"
    first = _ingest(corpus, db, "--published", "2024-05-17")
    assert first.exit_code == 0, first.output
    assert "new articles" in first.stdout and "ASSAULT" in first.stdout
    assert "photo.bin" in first.stdout  # skipped input with its reason
    assert len(fake.seen) == 6
    fake.seen.clear()
    second = _ingest(corpus, db, "--published", "2024-05-17")
    assert second.exit_code == 0, second.output
    assert fake.seen == []  # known articles are not re-coded
    summary = jobs.ingest([corpus], db=db, pipeline=fake)
    assert (summary.articles_read, summary.articles_new, summary.articles_known) == (6, 0, 6)
    assert summary.events == 0


def test_ingest_counts_new_events_undated_and_skipped(
    fake: FakePipeline, corpus: Path, tmp_path: Path
) -> None:
    (corpus / "broken.txt").write_text("This one will FAIL in extraction.\n")
    summary = jobs.ingest([corpus], db=tmp_path / "s.duckdb", pipeline=fake, batch_size=2)
    assert (summary.articles_read, summary.articles_new, summary.articles_known) == (7, 6, 0)
    assert summary.events == 6
    assert summary.by_category == {"ASSAULT": 6}
    assert summary.by_country == {"UKR": 6}
    assert len(summary.undated) == 6  # no --published and no date in the text
    assert sorted(Path(s).name for s, _ in summary.skipped) == ["broken.txt", "photo.bin"]


def test_ingest_clusters_its_articles_as_runs_of_cluster_run(
    fake: FakePipeline, corpus: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def runs(db: Path) -> list[int]:
        with Store(db) as store:
            rows = store.con.execute("SELECT run, count(*) FROM article_runs GROUP BY run")
            return sorted(n for _, n in rows.fetchall())

    jobs.ingest([corpus], db=tmp_path / "one.duckdb", pipeline=fake, batch_size=2)
    assert runs(tmp_path / "one.duckdb") == [6]  # three batches, one run
    monkeypatch.setattr(config, "CLUSTER_RUN", 3)
    jobs.ingest([corpus], db=tmp_path / "two.duckdb", pipeline=fake, batch_size=2)
    assert runs(tmp_path / "two.duckdb") == [3, 3]  # clustered as each 3 are written


class _DiesAfter(FakePipeline):
    """A pipeline that is killed after coding `n` articles (as by Ctrl-C)."""

    def __init__(self, n: int) -> None:
        super().__init__()
        self.n = n

    def process(self, articles, *, on_error=None, coded=None):  # type: ignore[no-untyped-def]
        for i, pair in enumerate(super().process(articles, on_error=on_error)):
            if i == self.n:
                raise KeyboardInterrupt
            yield pair


def test_ingest_interrupted_keeps_finished_batches_and_resumes(
    corpus: Path, tmp_path: Path
) -> None:
    db = tmp_path / "s.duckdb"
    with pytest.raises(KeyboardInterrupt):
        jobs.ingest([corpus], db=db, pipeline=_DiesAfter(5), batch_size=2)
    resumed = FakePipeline()
    summary = jobs.ingest([corpus], db=db, pipeline=resumed, batch_size=2)
    assert (summary.articles_new, summary.articles_known) == (2, 4)  # two batches survived
    assert len(resumed.seen) == 2
    with Store(db, read_only=True) as store:
        assert store.stats()["articles"] == 6


def test_ingest_strict_exits_1_when_an_input_is_skipped(
    fake: FakePipeline, corpus: Path, tmp_path: Path
) -> None:
    result = _ingest(corpus, tmp_path / "s.duckdb", "--strict")
    assert result.exit_code == 1
    (corpus / "photo.bin").unlink()
    assert _ingest(corpus, tmp_path / "t.duckdb", "--strict").exit_code == 0


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A store filled once for the read-only commands (export, stats, recent)."""
    folder = tmp_path_factory.mktemp("filled")
    path = folder / "filled.duckdb"
    jobs.ingest([_write_corpus(folder / "corpus")], db=path, pipeline=FakePipeline())
    return path


@pytest.mark.parametrize("fmt", ["jsonl", "csv", "parquet", "geojson"])
def test_export_writes_each_format(db: Path, tmp_path: Path, fmt: str) -> None:
    out = tmp_path / f"out.{fmt}"
    result = runner.invoke(app, ["export", "--format", fmt, "--db", str(db), "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert "6 events written" in result.stderr
    if fmt == "parquet":
        assert pq.read_table(out).num_rows == 6
    elif fmt == "geojson":
        assert len(json.loads(out.read_text())["features"]) == 6
    else:
        assert len(out.read_text().splitlines()) == 6 + (fmt == "csv")


def test_export_filters_and_stdout(db: Path) -> None:
    args = ["export", "--format", "jsonl", "--db", str(db)]
    assert len(runner.invoke(app, [*args, "--country", "ukr"]).stdout.splitlines()) == 6
    assert runner.invoke(app, [*args, "--event", "protest"]).stdout == ""
    late = runner.invoke(app, [*args, "--since", "2024-06-01"])
    assert late.exit_code == 0 and late.stdout == ""


def test_export_bad_options_are_usage_errors(db: Path) -> None:
    args = ["export", "--format", "csv", "--db", str(db)]
    assert runner.invoke(app, [*args, "--country", "Ukraine"]).exit_code == 2
    assert runner.invoke(app, [*args, "--event", "BOMB"]).exit_code == 2
    assert runner.invoke(app, [*args, "--until", "2024-02-30"]).exit_code == 2
    assert runner.invoke(app, ["export", "--format", "xml", "--db", str(db)]).exit_code == 2


def test_export_missing_store_is_one_line_error(tmp_path: Path) -> None:
    result = runner.invoke(app, ["export", "--format", "csv", "--db", str(tmp_path / "no.duckdb")])
    assert result.exit_code == 1
    assert result.stderr.strip().splitlines() == [
        f"error: no eventwire store at {tmp_path / 'no.duckdb'}: run `eventwire ingest` first"
    ]
    assert "Traceback" not in result.output


def test_stats_shows_counts(db: Path) -> None:
    result = runner.invoke(app, ["stats", "--db", str(db)])
    assert result.exit_code == 0, result.output
    assert "6 articles" in result.stdout and "6 events" in result.stdout
    for title in ("category", "quad", "country", "modality", "month"):
        assert f"Events by {title}" in result.stdout
    assert "2024-05" in result.stdout


def test_recent_shows_actor_to_recipient(db: Path) -> None:
    result = runner.invoke(app, ["recent", "--db", str(db), "-n", "3"])
    assert result.exit_code == 0, result.output
    assert "RUS forces (RUS) → UKR people (UKR)" in result.stdout
    assert result.stdout.count("2024-05-14") == 3


def test_demo_ingests_the_samples_and_shows_recent(
    fake: FakePipeline, corpus: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(config, "SAMPLES_DIR", corpus)
    result = runner.invoke(app, ["demo", "--db", str(tmp_path / "demo.duckdb")])
    assert result.exit_code == 0, result.output
    assert "Ingest" in result.stdout and "Recent events" in result.stdout


def test_demo_without_samples_is_a_config_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(config, "SAMPLES_DIR", tmp_path / "nothing")
    result = runner.invoke(app, ["demo", "--db", str(tmp_path / "demo.duckdb")])
    assert result.exit_code == 1
    assert "error: no sample corpus at " in result.stderr
    assert "Traceback" not in result.output


@pytest.mark.model
def test_extract_real_pipeline_on_a_short_text(nlp, monkeypatch: pytest.MonkeyPatch) -> None:  # type: ignore[no-untyped-def]
    from eventwire.pipeline import Pipeline

    monkeypatch.setattr(jobs, "make_pipeline", lambda **_: Pipeline(nlp=nlp))
    text = "KYIV (EW) — Russian forces shelled Kharkiv on Tuesday, the regional governor said.\n"
    result = runner.invoke(app, ["extract", "-", "--published", "2024-05-17"], input=text)
    assert result.exit_code == 0, result.output
    records = [json.loads(line) for line in result.stdout.splitlines()]
    assert records, "expected at least one event"
    assert all(r["cite_info"]["published"] == "2024-05-17" for r in records)
    assert all(r["text"] in text for r in records)


def test_export_since_after_until_is_a_usage_error(db: Path) -> None:
    result = runner.invoke(
        app,
        [
            "export",
            "--format",
            "csv",
            "--db",
            str(db),
            "--since",
            "2024-06-01",
            "--until",
            "2024-05-01",
        ],
    )
    assert result.exit_code == 2
    assert "after" in result.output


def test_export_cluster_level_rejects_filters_it_cannot_apply(db: Path) -> None:
    args = ["export", "--format", "csv", "--db", str(db), "--level", "cluster", "--country", "UKR"]
    result = runner.invoke(app, args)
    assert result.exit_code == 2
    assert "--since only" in result.output


def test_extract_same_article_twice_is_coded_once(fake: FakePipeline, corpus: Path) -> None:
    one = next(p for p in sorted(corpus.iterdir()) if p.suffix == ".txt")
    result = runner.invoke(app, ["extract", str(one), str(one)])
    ids = [json.loads(line)["id"] for line in result.stdout.splitlines() if line.strip()]
    assert ids and len(ids) == len(set(ids))


def test_ingest_reports_an_id_reused_for_another_text(fake: FakePipeline, tmp_path: Path) -> None:
    db = tmp_path / "s.duckdb"
    first, second = tmp_path / "a.jsonl", tmp_path / "b.jsonl"
    first.write_text(json.dumps({"id": "wire-1", "text": "Troops shelled the port."}) + "\n")
    second.write_text(
        json.dumps({"id": "wire-1", "text": "Troops shelled the port and the airport."}) + "\n"
        + json.dumps({"id": "wire-2", "text": "Police arrested a reporter."}) + "\n"
    )  # fmt: skip
    jobs.ingest([first], db=db, pipeline=fake)
    summary = jobs.ingest([second], db=db, pipeline=fake)
    assert (summary.articles_new, summary.articles_known) == (1, 0)
    [(source, reason)] = summary.skipped
    assert source.endswith("b.jsonl:1") and "different text" in reason
    again = jobs.ingest([first], db=db, pipeline=fake)  # the same text: simply known
    assert (again.articles_known, again.skipped) == (1, [])


def test_export_acled_one_row_per_clustered_event(db: Path, tmp_path: Path) -> None:
    out = tmp_path / "acled.csv"
    result = runner.invoke(app, ["export", "--format", "acled", "--db", str(db), "-o", str(out)])
    assert result.exit_code == 0, result.output
    # The fake pipeline codes one act for all six articles (the same attack at one place on
    # one day), so their six events are one real-world event, one row.
    assert result.stderr.startswith("1 ACLED rows (one per real-world event) written")
    rows = list(csv.DictReader(out.open(encoding="utf-8")))
    assert len(rows) == 1
    assert {(r["actor1"], r["actor2"], r["interaction"]) for r in rows} == {
        ("Military Forces of Russia", "Civilians (Ukraine)", "78")
    }


def test_export_story_level_one_row_per_story_every_article_once(db: Path, tmp_path: Path) -> None:
    result = runner.invoke(
        app, ["export", "--format", "jsonl", "--level", "story", "--db", str(db)]
    )
    assert result.exit_code == 0, result.output
    rows = [json.loads(line) for line in result.stdout.splitlines()]
    assert sum(r["n_articles"] for r in rows) == 6
    assert result.stderr.startswith(f"{len(rows)} stories written")
    out = tmp_path / "stories.csv"
    args = ["export", "--format", "csv", "--level", "story", "--db", str(db), "-o", str(out)]
    assert runner.invoke(app, args).exit_code == 0
    table = list(csv.DictReader(out.open(encoding="utf-8")))
    assert [r["story_id"] for r in table] == [r["story_id"] for r in rows]
    assert table[0]["titles"] == ";".join(rows[0]["titles"])
