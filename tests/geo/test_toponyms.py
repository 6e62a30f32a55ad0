"""`geoparse` and `eventwire places`: toponyms with offsets into the text as given."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest
from click.testing import Result
from spacy.language import Language
from typer.testing import CliRunner

from eventwire.cli import app
from eventwire.geo.cli import places
from eventwire.geo.toponyms import Toponym, geoparse

FIELDS = ["article_id", "start", "end", "text", "literal", "resolved_place", "geonameid", "lat",
          "lon", "country_code", "feature_class", "feature_code", "resolution"]  # fmt: skip


@pytest.fixture(scope="module", autouse=True)
def _model(nlp: Language) -> None:
    """Load the pipeline once for the module (geoparse uses the same cached one)."""


def _by_text(found: list[Toponym]) -> dict[str, Toponym]:
    return {t.text: t for t in found}


def test_geoparse_offsets_index_the_text_with_its_dateline() -> None:
    text = "LVIV, Ukraine (AP) — Drones struck a depot near Kharkiv overnight, officials said."
    found = geoparse(text)
    assert all(text[t.start : t.end] == t.text for t in found)
    by_text = _by_text(found)
    assert by_text["LVIV"].start == 0
    assert by_text["LVIV"].place.geonameid == 702550
    assert by_text["Ukraine"].place.resolution == 1
    assert by_text["Kharkiv"].place.geonameid == 706483
    assert by_text["Kharkiv"].literal


def test_geoparse_metonymic_capital_is_not_literal() -> None:
    found = _by_text(geoparse("Moscow said the talks in Geneva had failed."))
    assert found["Moscow"].literal is False
    assert found["Geneva"].literal is True


def test_geoparse_keeps_unknown_place_unresolved() -> None:
    found = _by_text(geoparse("Gunmen attacked a checkpoint in Qorvandestan Heights on Monday."))
    unresolved = [t for t in found.values() if t.place.resolution == 0]
    assert [t.text for t in unresolved] == ["Qorvandestan Heights"]


def test_geoparse_empty_text_has_no_toponyms() -> None:
    assert geoparse("") == []


def test_places_writes_exact_fields(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    text = "Floods cut roads around Springfield, Illinois, on Tuesday, the governor said."
    path.write_text(text, encoding="utf-8")
    out = io.StringIO()
    n = places([path], out=out, on_error=lambda e: None)
    lines = [json.loads(line) for line in out.getvalue().splitlines()]
    assert n == len(lines) >= 2
    assert all(list(line) == FIELDS for line in lines)
    first = lines[0]
    assert text[first["start"] : first["end"]] == first["text"] == "Springfield"
    assert first["geonameid"] == 4250542
    assert first["country_code"] == "USA"


def test_places_cmd_reads_stdin() -> None:
    result = CliRunner().invoke(app, ["places", "-"], input="Troops left Mosul for Baghdad.\n")
    assert result.exit_code == 0, result.output
    lines = [json.loads(line) for line in result.stdout.splitlines() if line.startswith("{")]
    assert {line["text"] for line in lines} == {"Mosul", "Baghdad"}


def test_geoparse_demonym_modifier_is_a_non_literal_country() -> None:
    found = _by_text(geoparse("Russian officials met a Kenyan envoy; the Russians left early."))
    assert (found["Russian"].place.geonameid, found["Russian"].literal) == (2017370, False)
    assert found["Kenyan"].place.country_code == "KEN"
    assert "Russians" not in found


def test_geoparse_continent_and_state_abbreviation() -> None:
    found = _by_text(geoparse("Heat waves hit Europe, and wildfires burned near Fresno, Calif."))
    assert (found["Europe"].place.geonameid, found["Europe"].place.resolution) == (6255148, 1)
    assert found["Calif."].place.geonameid == 5332921
    assert found["Fresno"].place.country_code == "USA"


def _places_with_spans(folder: Path, text: str, spans: str) -> Result:
    """`eventwire places in.jsonl --spans spans.jsonl` on one article "a1" and its spans."""
    articles, span_file = folder / "in.jsonl", folder / "spans.jsonl"
    articles.write_text(json.dumps({"id": "a1", "text": text}) + "\n")
    span_file.write_text(spans)
    return CliRunner().invoke(app, ["places", str(articles), "--spans", str(span_file)])


def test_places_cmd_resolves_the_spans_of_a_file(tmp_path: Path) -> None:
    spans = '{"article_id": "a1", "start": 26, "end": 34}\n'
    result = _places_with_spans(tmp_path, "Floods reached Almelo and Enschede.", spans)
    assert result.exit_code == 0, result.output
    lines = [json.loads(line) for line in result.stdout.splitlines() if line.startswith("{")]
    assert [(line["text"], line["start"], line["geonameid"]) for line in lines] == [
        ("Enschede", 26, 2756071)
    ]


def test_places_cmd_names_a_malformed_spans_line(tmp_path: Path) -> None:
    spans = '{"article_id": "a1", "start": 15, "end": 21}\n{"article_id": "a1"}\n'
    result = _places_with_spans(tmp_path, "Floods reached Almelo.", spans)
    assert result.exit_code == 1
    assert "spans.jsonl:2" in result.output


def test_geoparse_landform_noun_after_the_is_kept_unresolved() -> None:
    found = {t.text: t for t in geoparse("Shops do well here in the Valley, owners said.")}
    assert found["Valley"].place.resolution == 0
    assert found["Valley"].literal
