"""The PLOVER serialisation is the public contract: field names and order of record.md."""

from __future__ import annotations

from datetime import date

from eventwire.records import (
    CATEGORIES,
    QUAD_CODES,
    Article,
    Entity,
    Event,
    Figure,
    Place,
    Size,
    TextInfo,
    to_plover,
)

CORE_FIELDS = [
    "id", "date", "enddate", "event", "quad_code", "mode", "context", "actor", "recipient",
    "event_loc", "event_text", "text", "text_info", "cite_info", "coder", "coded_date",
]  # fmt: skip
EXTENSION_FIELDS = [
    "modality", "date_precision", "date_basis", "claimed_by", "size", "figures",
    "location_role", "confidence", "cluster_id", "explanation",
]  # fmt: skip


def _event() -> Event:
    article = Article(
        article_id="a1",
        text="KYIV (EW) — Russian forces shelled Kharkiv on Tuesday.",
        published=date(2024, 5, 17),
        dateline="KYIV",
        body_start=12,
        url="https://example.org/1",
    )
    return Event(
        id="e1",
        date=date(2024, 5, 14),
        enddate=date(2024, 5, 14),
        event=("ASSAULT",),
        quad_code=4,
        actor=(Entity("Russian forces", "RUS", "MIL"),),
        recipient=(),
        event_loc=Place(
            "Kharkiv", "Kharkiv", 706483, 49.98, 36.25, None, "Ukraine", "UKR", "P", "PPLA", 4
        ),  # fmt: skip
        event_text=("shelled",),
        text="Russian forces shelled Kharkiv on Tuesday.",
        text_info=TextInfo(1, 12, 54),
        article=article,
        coded_date=date(2024, 5, 18),
        date_precision="day",
        date_basis="relative",
        figures=(Figure("killed", 3, qualifier="at_least"),),
        size=Size(dead=3),
    )


def test_to_plover_fields_in_record_order() -> None:
    assert list(to_plover(_event())) == CORE_FIELDS + EXTENSION_FIELDS


def test_to_plover_nested_objects() -> None:
    record = to_plover(_event())
    assert record["date"] == "2024-05-14"
    assert record["actor"] == [
        {"entity_text": "Russian forces", "code": "RUS", "sector": "MIL", "identifier_text": None}
    ]
    assert record["event_loc"]["country_code"] == "UKR"
    assert record["event_loc"]["resolution"] == 4
    assert record["text_info"] == {"sequence": 1, "start": 12, "end": 54}
    assert record["cite_info"]["published"] == "2024-05-17"
    assert record["size"] == {"dead": 3, "injured": None, "arrested": None, "displaced": None}
    assert record["figures"][0]["qualifier"] == "at_least"
    assert record["coder"].startswith("eventwire ")


def test_quad_codes_cover_the_sixteen_categories() -> None:
    assert len(CATEGORIES) == 16
    assert {QUAD_CODES[c] for c in CATEGORIES} == {1, 2, 3, 4}
