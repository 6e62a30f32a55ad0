"""Pair scoring in eventwire.dedup.scoring: two reports of one act in two stories (no model,
no store)."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from eventwire.dedup.features import Item, unit
from eventwire.dedup.scoring import PENALTIES, penalty, same_scene

MONDAY = date(2024, 5, 13)


def report(n: int, story: str, **extra: object) -> Item:
    words = unit({"brevno": 2.0, "market": 1.5, "shelling": 1.5})
    fields: dict = {"category": "ASSAULT", "quad": 4, "date": MONDAY, "enddate": MONDAY,
                    "country": "AAA", "lat": 50.0, "lon": 36.2, "resolution": 4,
                    "trigger": frozenset({"kill"}), "story": story, **extra}  # fmt: skip
    return Item(f"e{n}", f"a{n}", n, terms=words, keywords=words, **fields)


def test_same_scene_waives_the_story_factor_for_one_act_on_one_day_at_one_place() -> None:
    first, update = report(1, "s1"), report(2, "s2", trigger=frozenset({"kill", "shell"}))
    assert same_scene(first, update)
    assert penalty(first, update) == penalty(first, replace(update, story="s1"))


def test_same_scene_needs_the_day_the_place_and_a_trigger_word() -> None:
    first = report(1, "s1")
    others = [
        report(2, "s2", date=date(2024, 5, 14), enddate=date(2024, 5, 14)),
        report(3, "s2", date=None, enddate=None),
        report(4, "s2", lat=48.0, lon=37.8),  # another town of the country
        report(5, "s2", resolution=1),  # only the country known
        report(6, "s2", trigger=frozenset({"protest"})),
    ]
    for other in others:
        assert not same_scene(first, other)
    assert penalty(first, others[0]) <= PENALTIES["story"]
