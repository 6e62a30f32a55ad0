"""Grouping a run's articles by average linkage (eventwire.dedup.grouping)."""

from __future__ import annotations

import random
from datetime import date
from pathlib import Path

from eventwire.dedup.assign import assign_articles, recluster
from eventwire.dedup.features import article_vector, content_words, lead_people, lead_year, names
from eventwire.dedup.grouping import Member, group, pair_similarity, similarities
from eventwire.dedup.rarity import Rarity
from eventwire.dedup.stories import Stories, final_story
from eventwire.dedup.story_store import stored_stories
from eventwire.records import Article
from eventwire.store import Store

from .test_stories import (
    ARREST,
    ARREST_AGAIN,
    BACKGROUND,
    BRIDGE,
    OTHER_ARREST,
    OTHER_QUAKE,
    QUAKE,
    QUAKE_AGAIN,
    QUAKE_TOO,
    SHELTER,
    SHELTER_TOO,
    TRIAL,
    stories_of,
)

PENALTIES = {"names": 0.6, "people": 0.6, "year": 0.6}
# A later report naming people and a year no earlier one named: it founds a story of its own
# and looks for a kin among the stored ones, a stray among them.
LATE = "April 2, 2012: Governor Ysolde Marrak toured Tolvane schools rebuilt after the quake."
RUN = {"q1": QUAKE, "t": TRIAL, "q2": QUAKE_AGAIN, "o": OTHER_QUAKE, "q3": QUAKE_TOO,
       "a1": ARREST, "a2": ARREST_AGAIN, "a3": OTHER_ARREST}  # fmt: skip


def members_of(texts: dict[str, str], days: dict[str, date] | None = None) -> list[Member]:
    """The run's members as `assign` builds them: every word of the run counted first."""
    rarity = Rarity()
    for text in [*BACKGROUND, *texts.values()]:
        rarity.add(content_words(text))
    return [
        Member(
            a,
            article_vector(t, rarity, named=names(t)),
            (days or {}).get(a),
            names(t),
            lead_people(t),
            lead_year(t),
        )  # fmt: skip
        for a, t in texts.items()
    ]


def partition(found: dict[str, str]) -> set[frozenset[str]]:
    by_story: dict[str, set[str]] = {}
    for article, story in found.items():
        by_story.setdefault(story, set()).add(article)
    return {frozenset(held) for held in by_story.values()}


def run_stories(texts: dict[str, str]) -> dict[str, str]:
    stories = Stories()
    found = stories.add_run(members_of(texts))
    moved = final_story(stories.absorbed)
    return {article: moved.get(story, story) for article, story in found.items()}


def test_group_merges_the_most_alike_first_and_stops_under_the_threshold() -> None:
    members = members_of({str(n): QUAKE for n in range(4)})
    similar = {(0, 1): 0.9, (1, 2): 0.1, (2, 3): 0.5}
    assert group(members, anchors={}, similar=similar, join=0.16) == [[0, 1], [2, 3]]


def test_group_averages_over_every_pair_of_two_groups() -> None:
    members = members_of({str(n): QUAKE for n in range(3)})
    # 2 is like 0 but not 1: the pair {0, 1} averages 0.3 / 2 with it
    assert group(members, anchors={}, similar={(0, 1): 0.9, (0, 2): 0.3}, join=0.16) == [
        [0, 1],
        [2],
    ]
    assert group(
        members, anchors={}, similar={(0, 1): 0.9, (0, 2): 0.3, (1, 2): 0.1}, join=0.16
    ) == [[0, 1, 2]]


def test_group_never_merges_two_groups_anchored_to_different_stories() -> None:
    members = members_of({str(n): QUAKE for n in range(3)})
    anchors = {0: "s1", 1: "s2"}
    found = group(members, anchors=anchors, similar={(0, 1): 0.9, (1, 2): 0.5}, join=0.16)
    assert found == [[0], [1, 2]]


def test_pair_similarity_is_lower_for_another_year_and_nil_weeks_apart() -> None:
    base = members_of({"a": QUAKE, "b": QUAKE_AGAIN})
    a, b = base
    alike = pair_similarity(a, b, days=7, penalties=PENALTIES, covered_at=0.4)
    assert alike > 0.16
    other_year = Member(b.article_id, b.vector, None, b.named, b.people, "2011")
    dated = Member(a.article_id, a.vector, None, a.named, a.people, "2008")
    assert pair_similarity(dated, other_year, days=7, penalties=PENALTIES,
                           covered_at=0.4) < alike  # fmt: skip
    early = Member(a.article_id, a.vector, date(2024, 3, 1), a.named)
    late = Member(b.article_id, b.vector, date(2024, 5, 1), b.named)
    assert pair_similarity(early, late, days=7, penalties=PENALTIES, covered_at=0.4) == 0.0


def test_similarities_skip_articles_dated_weeks_apart() -> None:
    days = {"a": date(2024, 3, 1), "b": date(2024, 3, 5), "c": date(2024, 5, 1)}
    members = members_of({"a": QUAKE, "b": QUAKE_TOO, "c": QUAKE_AGAIN, "u": QUAKE}, days)
    pairs = similarities(members, days=7, penalties=PENALTIES, covered_at=0.4)
    assert (0, 1) in pairs and (0, 3) in pairs and (2, 3) in pairs  # u is undated
    assert (0, 2) not in pairs and (1, 2) not in pairs


def test_add_run_groups_a_runs_reports_whatever_their_order() -> None:
    found = run_stories(RUN)
    assert found["q1"] == found["q2"] == found["q3"]
    assert found["o"] != found["q1"] and found["t"] != found["q1"]
    assert found["a1"] == found["a2"] != found["a3"]
    ids = list(RUN)
    for seed in range(4):
        random.Random(seed).shuffle(ids)
        assert partition(run_stories({a: RUN[a] for a in ids})) == partition(found)


def stories_after(
    stored: dict[str, str], run: dict[str, str], *, kin: dict[str, str] | None = None
) -> set[frozenset[str]]:
    """The stories once `stored` were placed one at a time, then `run` as one run (`kin`:
    filled with the stories' kin)."""
    rarity, stories, found = Rarity(), Stories(), {}
    for text in BACKGROUND:
        rarity.add(content_words(text))
    for article_id, text in stored.items():
        rarity.add(content_words(text))
        member = Member(article_id, article_vector(text, rarity, named=names(text)), None,
                        names(text), lead_people(text), lead_year(text))  # fmt: skip
        found.update(stories.add_run([member]))
    for text in run.values():
        rarity.add(content_words(text))
    members = [
        Member(
            a,
            article_vector(t, rarity, named=names(t)),
            None,
            names(t),
            lead_people(t),
            lead_year(t),
        )  # fmt: skip
        for a, t in run.items()
    ]
    found.update(stories.add_run(members))
    moved = final_story(stories.absorbed)
    if kin is not None:
        kin.update(stories.kin)
    return partition({a: moved.get(s, s) for a, s in found.items()})


def test_add_run_over_stored_stories_and_strays_is_the_same_in_any_order() -> None:
    stored = {"q1": QUAKE, "s": SHELTER, "a1": ARREST}  # the shelter report: a stray
    run = {"b": BRIDGE, "s2": SHELTER_TOO, "q2": QUAKE_AGAIN, "late": LATE, "a3": OTHER_ARREST,
           "a2": ARREST_AGAIN}  # fmt: skip
    seen, kins = set(), []
    for seed in range(6):
        ids = list(run)
        random.Random(seed).shuffle(ids)
        kin: dict[str, str] = {}
        seen.add(frozenset(stories_after(stored, {a: run[a] for a in ids}, kin=kin)))
        kins.append(kin)
    assert len(seen) == 1
    assert all(k == kins[0] for k in kins)
    assert kins[0]["a3"] == "a1"  # another player's arrest: kin of the first, every time
    (found,) = seen
    together = next(held for held in found if "q1" in held)
    assert {"q1", "b", "q2"} <= together


def test_add_run_of_one_article_at_a_time_places_as_add_does() -> None:
    rarity = Rarity()
    for text in BACKGROUND:
        rarity.add(content_words(text))
    stories, found = Stories(), {}
    for article_id, text in RUN.items():
        rarity.add(content_words(text))
        member = Member(article_id, article_vector(text, rarity, named=names(text)), None,
                        names(text), lead_people(text), lead_year(text))  # fmt: skip
        found.update(stories.add_run([member]))
    moved = final_story(stories.absorbed)
    assert {a: moved.get(s, s) for a, s in found.items()} == stories_of(RUN)


def test_a_later_run_joins_the_stories_stored_before_it(tmp_path: Path) -> None:
    first = {"q1": QUAKE, "t": TRIAL}
    second = {"q2": QUAKE_AGAIN, "q3": QUAKE_TOO, "o": OTHER_QUAKE}
    with Store(tmp_path / "s.duckdb") as store:
        for texts in (first, second):
            store.write_batch(
                [(Article(a, t, published=date(2024, 3, 4)), []) for a, t in texts.items()]
            )
            assign_articles(store, list(texts))
        found = stored_stories(store)
        runs = dict(store.con.execute("SELECT article_id, run FROM article_runs").fetchall())
        recluster(store)
        again = stored_stories(store)
    assert found["q2"] == found["q3"] == found["q1"] == "q1"
    assert found["o"] != "q1"
    assert runs == {"q1": 0, "t": 0, "q2": 1, "q3": 1, "o": 1}
    assert again == found  # recluster replays the two runs
