"""`eventwire dates` and `article_dates`: exact JSONL fields, offsets into the text as given."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

from spacy.language import Language
from typer.testing import CliRunner

import eventwire
from eventwire.cli import app
from eventwire.extraction.dates_cli import FIELDS, article_dates
from eventwire.records import Article

runner = CliRunner()
THURSDAY = date(2024, 8, 8)
TEXT = "HARGEISA, Aug 7 (Wire) - Gunmen raided the depot on Tuesday. Talks will resume on Friday."


def _article(text: str = TEXT, body_start: int = 25) -> Article:
    return Article("a1", text, published=THURSDAY, body_start=body_start)


def test_resolve_dates_is_public_api() -> None:
    found = eventwire.resolve_dates("It rained on July 31.", published=THURSDAY)
    assert [(m.text, m.value) for m in found] == [("July 31", "2024-07-31")]


def test_article_dates_offsets_index_text_with_dateline(bare_nlp: Language) -> None:
    article = _article()
    [(_, found)] = list(article_dates([article], nlp=bare_nlp))
    assert [m.text for m in found] == ["Aug 7", "Tuesday", "Friday"]
    assert all(article.text[m.start : m.end] == m.text for m in found)


def test_article_dates_parse_reads_future_tense(bare_nlp: Language) -> None:
    [(_, parsed)] = list(article_dates([_article()], nlp=bare_nlp))
    [(_, plain)] = list(article_dates([_article()], nlp=None))
    assert parsed[-1].value == "2024-08-09"  # "will resume on Friday": the next one
    assert plain[-1].value == "2024-08-02"  # text only: past reading
    assert parsed[1].value == plain[1].value == "2024-08-06"


def test_dates_command_writes_exact_fields(tmp_path: Path) -> None:
    path = tmp_path / "story.txt"
    path.write_text("Protesters marched in Accra on July 31 and again last week.\n")
    result = runner.invoke(
        app, ["dates", str(path), "--published", "2024-08-08", "--no-parse", "--format", "jsonl"]
    )
    assert result.exit_code == 0, result.output
    rows = [json.loads(line) for line in result.stdout.splitlines() if line.startswith("{")]
    assert [tuple(r) for r in rows] == [FIELDS, FIELDS]
    assert rows[0]["value"] == "2024-07-31" and rows[0]["basis"] == "explicit"
    assert rows[1] == {
        **rows[1],
        "value": "2024-W31",
        "date": "2024-07-29",
        "enddate": "2024-08-04",
        "precision": "week",
        "basis": "relative",
    }


def test_dates_command_rejects_bad_published(tmp_path: Path) -> None:
    path = tmp_path / "story.txt"
    path.write_text("Nothing happened on Monday.\n")
    result = runner.invoke(app, ["dates", str(path), "--published", "08/08/2024"])
    assert result.exit_code == 2
