"""The whole pipeline on the bundled sample corpus and on a batch of bad inputs (real model)."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import Any

import pytest

import samples as scorer  # bench/samples.py: the matching rules shared with the benchmark
from eventwire import jobs
from eventwire.config import SAMPLES_DIR
from eventwire.pipeline import Pipeline
from eventwire.store import Store

pytestmark = pytest.mark.model


@pytest.fixture(scope="module")
def store_path(nlp, tmp_path_factory: pytest.TempPathFactory) -> Path:  # type: ignore[no-untyped-def]
    db = tmp_path_factory.mktemp("e2e") / "samples.duckdb"
    jobs.ingest([SAMPLES_DIR], db=db, pipeline=Pipeline(nlp=nlp))
    return db


@pytest.fixture(scope="module")
def by_file(store_path: Path) -> dict[str, list[dict[str, Any]]]:
    """The stored PLOVER records of each sample article, by file name."""
    from eventwire.ingest import read_inputs

    names = {a.article_id: Path(a.source or "").name for a in read_inputs([SAMPLES_DIR])}
    with Store(store_path, read_only=True) as store:
        records = list(store.events())
    grouped: dict[str, list[dict[str, Any]]] = {}
    for record in records:
        name = names[record["cite_info"]["article_id"]]
        grouped.setdefault(name, []).append(record)
    return grouped


def _find(
    records: list[dict[str, Any]], category: str, words: str, *, trigger: str = ""
) -> dict[str, Any]:
    """The event of `category` in the sentence containing `words` (and the trigger word)."""
    for record in records:
        triggered = any(trigger in text for text in record["event_text"])
        if category in record["event"] and words in record["text"] and triggered:
            return record
    found = [(r["event"], r["text"][:60]) for r in records]
    raise AssertionError(f"no {category} event in a sentence with {words!r}; found {found}")


def test_samples_all_articles_stored(store_path: Path) -> None:
    with Store(store_path, read_only=True) as store:
        stats = store.stats()
    assert stats["articles"] == len(list(SAMPLES_DIR.glob("*.txt")))
    assert stats["events"] > 100


def test_samples_weekday_resolves_in_publication_week(by_file: dict) -> None:
    # Published Tuesday 2024-05-14: "on Monday" is the day before, not a week earlier.
    record = _find(by_file["2024-05-14-kharkiv-shelling.txt"], "ASSAULT", "shelled Kharkiv")
    assert record["date"] == "2024-05-13"
    assert (record["date_basis"], record["date_precision"]) == ("relative", "day")
    assert record["actor"][0]["code"] == "RUS"
    assert record["event_loc"]["country_code"] == "UKR"
    assert record["event_loc"]["resolved_place"] == "Kharkiv"


def test_samples_event_place_is_not_the_dateline(by_file: dict) -> None:
    # Dateline GAZA CITY; the airstrike is coded at the place the sentence names.
    records = by_file["2024-08-08-gaza-evacuation.txt"]
    record = _find(records, "ASSAULT", "airstrike hit a school")
    assert record["date"] == "2024-08-06"
    assert record["actor"][0]["code"] == "ISR"
    assert record["event_loc"]["country_code"] == "PSE"
    assert record["location_role"] == "event"
    assert all(r["location_role"] != "dateline" or r["event_loc"]["resolution"] == 1
               for r in records)  # fmt: skip


def test_samples_earlier_dated_event_keeps_its_own_date(by_file: dict) -> None:
    record = _find(by_file["2024-11-05-colombia-eln-soldier-release.txt"], "ASSAULT", "abducted")
    assert (record["date"], record["enddate"]) == ("2024-07-01", "2024-07-10")
    assert record["date_precision"] == "week"
    assert record["date_basis"] == "explicit"


def test_samples_cumulative_toll_is_an_attributed_claim(by_file: dict) -> None:
    figures = [
        figure
        for record in by_file["2024-08-08-gaza-evacuation.txt"]
        for figure in record["figures"]
        if figure["scope"] == "cumulative" and figure["kind"] == "killed"
    ]
    assert figures, "the Health Ministry's cumulative toll was not kept"
    toll = figures[0]
    assert toll["value"] and toll["value"] > 30000
    assert toll["claimed_by"] and toll["claimed_by"]["code"] == "PSE"


def test_samples_incident_toll_fills_size(by_file: dict) -> None:
    record = _find(by_file["2024-05-14-kharkiv-shelling.txt"], "ASSAULT", "shelled Kharkiv")
    assert record["size"]["dead"] == 3
    assert record["figures"][0]["qualifier"] == "at_least"
    assert record["claimed_by"] is not None


def test_samples_negated_event_is_not_asserted(by_file: dict) -> None:
    records = by_file["2024-05-24-zaporizhzhia-plant-denial.txt"]
    record = _find(records, "ASSAULT", "did not attack", trigger="attack")
    assert record["modality"] == "negated"


def test_samples_reported_speech_keeps_the_reported_attack(by_file: dict) -> None:
    record = _find(by_file["2024-08-09-india-pakistan-loc-firing.txt"], "ASSAULT", "fired across")
    assert record["actor"][0]["code"] == "PAK"
    assert record["claimed_by"]["code"] == "IND"


def test_samples_no_events_in_an_article_without_any(by_file: dict) -> None:
    assert by_file.get("2024-10-08-lisbon-autumn-rain.txt", []) == []


def test_samples_same_incident_in_two_articles(by_file: dict) -> None:
    first = _find(by_file["2024-05-14-kharkiv-shelling.txt"], "ASSAULT", "shelled Kharkiv")
    second = _find(by_file["2024-05-15-kharkiv-market-strike.txt"], "ASSAULT", "market in Kharkiv")
    for record in (first, second):
        assert record["date"] == "2024-05-13"
        assert record["event_loc"]["geonameid"] == first["event_loc"]["geonameid"]


def test_samples_text_info_points_at_the_sentence(by_file: dict) -> None:
    path = SAMPLES_DIR / "2024-08-08-gaza-evacuation.txt"
    from eventwire.ingest import read_inputs

    (article,) = list(read_inputs([path]))
    for record in by_file[path.name]:
        info = record["text_info"]
        assert article.text[info["start"] : info["end"]] == record["text"]


def test_samples_expectations_floor() -> None:
    """Regression floor on the hand-written expectations (bench/samples.py has the figures)."""
    figures, _ = scorer.score(scorer.load_expectations(), scorer.code_samples())
    assert figures["events_in_no_event_articles"] == 0
    assert figures["found"] >= 0.75
    assert figures["date_accuracy"] >= 0.9
    assert figures["country_code_accuracy"] >= 0.8
    assert figures["modality_accuracy"] >= 0.85


def _bad_inputs(folder: Path) -> dict[str, str]:
    """One file per kind of bad input, by the reason a reader should give (a word of it)."""
    (folder / "empty.txt").write_text("")
    (folder / "image.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00")
    with (folder / "huge.txt").open("wb") as handle:
        handle.truncate(50 * 1024 * 1024)
    (folder / "latin1.txt").write_bytes("Le ministre a déclaré".encode("latin-1") * 3)
    (folder / "broken.html").write_text("<html><body><div><p></div></body", encoding="utf-8")
    (folder / "lines.jsonl").write_text(
        json.dumps({"text": "Police arrested ten protesters in Nairobi on Monday."}) + "\n{oops\n"
    )
    (folder / "table.xlsx").write_bytes(b"PK\x03\x04 not really")
    (folder / "spanish.txt").write_text(
        "El gobierno anunció el lunes que las fuerzas de seguridad detuvieron a diez personas "
        "durante las protestas en la capital, según informaron las autoridades locales."
    )
    return {
        "empty.txt": "empty",
        "image.txt": "binary",
        "huge.txt": "limit",
        "latin1.txt": "UTF-8",
        "broken.html": "",
        "lines.jsonl:2": "",
        "table.xlsx": "",
        "spanish.txt": "English",
    }


def test_ingest_bad_inputs_reported_rest_stored(nlp, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    folder = tmp_path / "batch"
    folder.mkdir()
    expected = _bad_inputs(folder)
    (folder / "good.txt").write_text(
        "Published: 2024-03-05\n\nNAIROBI, Kenya (EW) — Kenyan police arrested 12 protesters "
        "outside parliament in Nairobi on Monday, officials said."
    )
    db = tmp_path / "store.duckdb"
    summary = jobs.ingest([folder], db=db, pipeline=Pipeline(nlp=nlp))
    reasons = {Path(source).name: reason for source, reason in summary.skipped}
    for name, word in expected.items():
        assert name in reasons, f"{name} was not reported; reported: {sorted(reasons)}"
        assert word.lower() in reasons[name].lower()
    assert summary.articles_new == 2  # good.txt and the good JSONL line
    with Store(db, read_only=True) as store:
        assert store.stats()["articles"] == 2
        assert any("COERCE" in r["event"] for r in store.events())
    again = jobs.ingest([folder], db=db, pipeline=Pipeline(nlp=nlp))
    assert again.articles_new == 0


def test_extract_api_without_publication_date(nlp) -> None:  # type: ignore[no-untyped-def]
    from eventwire import extract

    events = extract(
        "Rebels attacked an army base near Goma on Tuesday.",
        published=None,
        pipeline=Pipeline(nlp=nlp),
    )
    assert events
    assert all(e.date_basis == "unknown" and e.date is None for e in events)


def test_extract_api_dates_against_publication(nlp) -> None:  # type: ignore[no-untyped-def]
    from eventwire import extract

    events = extract(
        "BEIRUT (EW) — Israeli jets struck a village in southern Lebanon on Thursday.",
        published=date(2024, 8, 8),
        pipeline=Pipeline(nlp=nlp),
    )
    (event,) = [e for e in events if e.event == ("ASSAULT",)]
    assert event.date == date(2024, 8, 8)
    assert event.article.dateline == "BEIRUT"
    assert event.event_loc is not None and event.event_loc.country_code == "LBN"


def test_extract_api_asserted_plan_is_dated_to_the_report(nlp) -> None:  # type: ignore[no-untyped-def]
    from eventwire import extract

    events = extract(
        "CAIRO (EW) — Israel will hold talks with Egypt in Cairo next week.",
        published=date(2024, 8, 8),
        pipeline=Pipeline(nlp=nlp),
    )
    (agree,) = [e for e in events if e.event == ("AGREE",)]  # a future meeting is AGREE
    assert agree.modality == "asserted"
    assert (agree.date, agree.date_basis) == (date(2024, 8, 8), "publication")
    assert "plan" in agree.explanation["date"]


def test_pipeline_article_over_the_parser_limit_is_reported_not_fatal(nlp) -> None:  # type: ignore[no-untyped-def]
    from eventwire.errors import InputError, TooLargeError
    from eventwire.ingest import read_text_article

    long = read_text_article("Police arrested ten people. " * 40_000, source="long.txt")
    short = read_text_article("Police arrested ten protesters in Nairobi.", source="short.txt")
    errors: list[InputError] = []
    results = list(Pipeline(nlp=nlp).process([long, short], on_error=errors.append))
    assert [article.source for article, _ in results] == ["short.txt"]
    assert len(errors) == 1 and isinstance(errors[0], TooLargeError)
    assert errors[0].source == "long.txt"
