"""Background reports in eventwire.dedup: an act named as someone's ("his arrest") joins a
cluster only at a higher score (no model, no store)."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from eventwire.dedup.clusterer import BACKGROUND, JOIN, Clusterer
from eventwire.dedup.features import Item, item_from_record, owned_act, unit
from eventwire.dedup.rarity import Rarity
from eventwire.dedup.scoring import score


def item(n: int, article: str, **extra: object) -> Item:
    words = unit({"tolvik": 2.0, "harbour": 1.5, "raid": 1.5, "brenna": 1.0})
    fields: dict = {"category": "COERCE", "quad": 4, "date": date(2024, 5, 2),
                    "enddate": date(2024, 5, 2), "country": "AAA", **extra}  # fmt: skip
    return Item(f"e{n}", article, n, terms=words, keywords=words, **fields)


def test_owned_act_finds_nouns_owned_by_a_name_or_a_pronoun() -> None:
    assert owned_act("The club spoke after Okafor's arrest on Friday.", "arrest")
    assert owned_act("Blood was taken hours after Delacroix' arrest .", "arrest")
    assert owned_act("The coach commented on Brandt 's release :", "release")
    assert owned_act("Guards booked him before his release.", "release")
    assert owned_act("Nobody knows the reason for her visit.", "visit")


def test_owned_act_leaves_acts_told_with_a_verb() -> None:
    assert not owned_act("Police arrested Okafor on Friday.", "arrested")
    assert not owned_act("Cameras caught her arrested outside the bar.", "arrested")
    assert not owned_act("Arrest of a striker shocks the club.", "Arrest")
    assert not owned_act("The arrest came at dawn.", "")


def test_item_from_record_marks_an_owned_trigger_as_background() -> None:
    record = {
        "id": "e1",
        "event": ["COERCE"],
        "text": "The team said little about Okafor's arrest.",
        "event_text": ["arrest"],
        "cite_info": {"article_id": "a1"},
    }
    found = item_from_record(record, seq=0, article_keywords={}, rarity=Rarity())
    assert found.background
    record["text"], record["event_text"] = "Police arrested Okafor.", ["arrested"]
    assert not item_from_record(record, seq=0, article_keywords={}, rarity=Rarity()).background


def test_clusterer_holds_back_a_background_report_of_a_middling_score() -> None:
    first = item(1, "a")
    later = item(2, "b", country="BBB")  # another place: a middling score
    assert BACKGROUND * score(later, first) < JOIN <= score(later, first)
    plain = Clusterer()
    for one in (first, later):
        plain.assign(one)
    assert plain.cluster_of["e2"] == plain.cluster_of["e1"]
    held = Clusterer()
    for one in (first, replace(later, background=True)):
        held.assign(one)
    assert held.cluster_of["e2"] != held.cluster_of["e1"]


def test_clusterer_joins_a_background_report_of_a_high_score() -> None:
    clusterer = Clusterer()
    for one in (item(1, "a"), item(2, "b", background=True)):
        clusterer.assign(one)
    assert clusterer.cluster_of["e2"] == clusterer.cluster_of["e1"]
