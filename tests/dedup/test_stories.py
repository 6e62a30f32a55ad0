"""Grouping articles into stories (eventwire.dedup.stories): no model, one small store."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

from eventwire.dedup.assign import assign_articles, recluster
from eventwire.dedup.features import (
    article_vector,
    content_words,
    lead_people,
    lead_year,
    names,
)
from eventwire.dedup.rarity import Rarity
from eventwire.dedup.stories import Stories, final_story
from eventwire.dedup.story_store import stored_stories, story_rows
from eventwire.records import Article
from eventwire.store import Store

QUAKE = "A strong earthquake shook Tolvane on Monday. Rescuers in Tolvane searched the rubble."
QUAKE_AGAIN = "Rescuers dug through rubble in Tolvane after the earthquake, Mayor Ostrand said."
OTHER_QUAKE = "A strong earthquake shook Brevik on Monday. Rescuers in Brevik searched the rubble."
TRIAL = "The trial of banker Hallorn opened in Sedgefield with the jury sworn in."
QUAKE_TOO = "Rescuers searched the rubble in Tolvane after the strong earthquake on Monday."
# A report of the same quake told through its aftermath alone, and one that tells both.
SHELTER = (
    "Mayor Ostrand opened shelters for families who lost homes, and volunteers brought blankets."
)
SHELTER_TOO = (
    "Volunteers brought blankets to the shelters Mayor Ostrand opened for families who lost homes."
)
BRIDGE = (
    "After the Tolvane earthquake, Mayor Ostrand opened shelters; rescuers searched the rubble."
)
# Two arrests of one kind: the same team, town and charge, another player.
ARREST = (
    "Harbour Town striker Dario Velkan was arrested in Tolvane on suspicion of drunk driving."
    " Velkan was freed on bail."
)
ARREST_AGAIN = (
    "Police in Tolvane arrested Dario Velkan, the Harbour Town striker, on suspicion of drunk"
    " driving; Velkan denies it."
)
OTHER_ARREST = (
    "Harbour Town defender Marco Istvel was arrested in Tolvane on suspicion of drunk driving."
    " Istvel was freed on bail."
)
# A follow-up of the first arrest that leads with the same player and names side people
# (a lawyer, a judge, a town) no earlier report named.
FOLLOW_UP = (
    "Dario Velkan hired lawyer Brenna Castellan, and Judge Ramsell Okoye of Kelmar set a"
    " hearing; Velkan stayed home."
)
# A later report of the quake dated in its year, naming people no earlier report named.
DATED_AFTERMATH = (
    "March 5, 2011: Governor Alric Penhaligon flew from Kelmar to Tolvane with engineers from"
    " Dunsby and Ostervik."
)
BACKGROUND = [
    f"Council meeting number {n} discussed the harbour budget and roads." for n in range(30)
]


def add_all(
    texts: dict[str, str], days: dict[str, date] | None = None, *, apart: bool = True
) -> tuple[Stories, dict[str, str]]:
    """The stories of `texts` added in order, and the story each joined (`apart`: with
    their lead people and years, as `assign` adds them)."""
    rarity, stories, found = Rarity(), Stories(), {}
    for text in BACKGROUND:
        rarity.add(content_words(text))
    for article_id, text in texts.items():
        rarity.add(content_words(text))
        named = names(text)
        vector = article_vector(text, rarity, named=named)
        people, year = (lead_people(text), lead_year(text)) if apart else (frozenset(), None)
        day = (days or {}).get(article_id)
        found[article_id] = stories.add(
            article_id, vector, day=day, named=named, people=people, year=year
        )
    return stories, found


def stories_of(
    texts: dict[str, str], days: dict[str, date] | None = None, *, apart: bool = True
) -> dict[str, str]:
    stories, found = add_all(texts, days, apart=apart)
    moved = final_story(stories.absorbed)
    return {article_id: moved.get(story, story) for article_id, story in found.items()}


def test_stories_group_reports_of_one_happening() -> None:
    found = stories_of({"a": QUAKE, "b": TRIAL, "c": QUAKE_AGAIN})
    assert found["a"] == found["c"] == "a"
    assert found["b"] == "b"


def test_stories_keep_a_lookalike_in_another_town_apart() -> None:
    found = stories_of({"a": QUAKE, "b": OTHER_QUAKE})
    assert found["a"] != found["b"]


def test_stories_keep_reports_weeks_apart_apart() -> None:
    days = {"a": date(2024, 3, 4), "c": date(2024, 5, 20)}
    assert stories_of({"a": QUAKE, "c": QUAKE_AGAIN}, days)["c"] == "c"


def test_stories_bring_a_stray_along_when_an_article_joins_both() -> None:
    found = stories_of({"a": QUAKE, "s": SHELTER, "b": BRIDGE})
    assert found == {"a": "a", "s": "a", "b": "a"}


def test_stories_of_two_articles_are_not_strays() -> None:
    texts = {"a": QUAKE, "a2": QUAKE_TOO, "s": SHELTER, "s2": SHELTER_TOO, "b": BRIDGE}
    found = stories_of(texts)
    assert found["a"] == found["a2"] == "a"
    assert found["s"] == found["s2"] == "s"


def test_stories_keep_the_same_happening_to_another_person_apart() -> None:
    texts = {"a": ARREST, "b": ARREST_AGAIN, "c": OTHER_ARREST}
    assert stories_of(texts) == {"a": "a", "b": "a", "c": "c"}
    assert set(stories_of(texts, apart=False).values()) == {"a"}  # words alone join them


def test_stories_keep_reports_of_other_years_apart_and_undated_ones_not() -> None:
    texts = {"a": "March 3, 2011: " + QUAKE, "b": "May 5, 2012: " + QUAKE_TOO, "c": QUAKE_AGAIN}
    assert stories_of(texts) == {"a": "a", "b": "b", "c": "a"}
    assert set(stories_of(texts, apart=False).values()) == {"a"}


def test_stories_take_a_follow_up_naming_new_people_when_it_leads_with_their_person() -> None:
    assert stories_of({"a": ARREST, "b": ARREST_AGAIN, "c": FOLLOW_UP})["c"] == "a"


def test_stories_take_a_report_naming_new_people_when_it_names_their_year() -> None:
    texts = {"a": "March 3, 2011: " + QUAKE, "b": "March 4, 2011: " + QUAKE_AGAIN}
    assert stories_of({**texts, "c": DATED_AFTERMATH})["c"] == "a"
    undated = DATED_AFTERMATH.removeprefix("March 5, 2011: ")
    assert stories_of({**texts, "c": undated})["c"] == "c"  # its names alone: another


def test_story_family_is_kept_only_for_a_year_near_the_story_it_split_from() -> None:
    for year, family in (("2012", "a"), ("2013", "a"), ("2019", "b")):
        texts = {"a": "March 3, 2011: " + QUAKE, "b": f"May 5, {year}: " + QUAKE_TOO}
        stories, found = add_all(texts)
        assert found["b"] == "b"
        assert stories.family("b") == family


def test_story_family_is_the_story_it_split_from() -> None:
    stories, found = add_all({"a": ARREST, "b": ARREST_AGAIN, "c": OTHER_ARREST, "d": TRIAL})
    assert found["c"] == "c"
    assert [stories.family(found[k]) for k in "abcd"] == ["a", "a", "a", "d"]
    again = Stories.from_states((s, stories.state(s)) for s in ("a", "c", "d"))
    assert again.family("c") == "a"


def test_stories_read_states_stored_before_people_and_years() -> None:
    stories, _ = add_all({"a": "March 3, 2011: " + QUAKE})
    state = json.loads(stories.state("a"))
    for key in ("leads", "led", "years", "kin"):
        del state[key]
    again = Stories.from_states([("a", json.dumps(state))])
    assert again.years == {} and again.leads == {}
    vector = article_vector(QUAKE_TOO, Rarity())
    assert again.add("b", vector, named=names(QUAKE_TOO), year="2012") == "a"


def test_stories_keep_an_absorbed_stray_through_batches_and_recluster(tmp_path: Path) -> None:
    db = tmp_path / "s.duckdb"
    texts = {"s0": QUAKE, "s1": SHELTER, "s2": TRIAL, "s3": BRIDGE, "s4": QUAKE_TOO}
    with Store(db) as store:
        for n, (article_id, text) in enumerate(texts.items()):
            store.write_batch([(Article(article_id, text, published=date(2024, 3, 4)), [])])
            assign_articles(store, [article_id])
            if n == 2:  # the next batches in a new process: stories come back from the store
                break
    with Store(db) as store:
        for article_id in ("s3", "s4"):
            article = Article(article_id, texts[article_id], published=date(2024, 3, 5))
            store.write_batch([(article, [])])
            assign_articles(store, [article_id])
        found = stored_stories(store)
        rows = story_rows(store.con)
        recluster(store)
        assert stored_stories(store) == found
    assert found == {"s0": "s0", "s1": "s0", "s2": "s2", "s3": "s0", "s4": "s0"}
    assert [(r["story_id"], r["n_articles"]) for r in rows] == [("s0", 4)]


def test_stories_are_stored_batch_by_batch_and_recluster_gives_the_same(tmp_path: Path) -> None:
    with Store(tmp_path / "s.duckdb") as store:
        for n, text in enumerate([QUAKE, TRIAL, QUAKE_AGAIN]):
            store.write_batch([(Article(f"s{n}", text, published=date(2024, 3, 4)), [])])
            assign_articles(store, [f"s{n}"])
        found = stored_stories(store)
        recluster(store)
        assert stored_stories(store) == found
    assert found == {"s0": "s0", "s1": "s1", "s2": "s0"}


def test_stories_continue_in_a_reopened_store(tmp_path: Path) -> None:
    db = tmp_path / "s.duckdb"
    with Store(db) as store:
        store.write_batch([(Article("s0", QUAKE, published=date(2024, 3, 4)), [])])
        assign_articles(store, ["s0"])
    with Store(db) as store:  # a new process: the stories come back from `story_state`
        store.write_batch([(Article("s2", QUAKE_AGAIN, published=date(2024, 3, 5)), [])])
        assign_articles(store, ["s2"])
        assert stored_stories(store) == {"s0": "s0", "s2": "s0"}


def test_cli_stories_lists_stories_of_two_articles_or_more(tmp_path: Path) -> None:
    import json

    from typer.testing import CliRunner

    from eventwire.cli import app

    db = tmp_path / "s.duckdb"
    with Store(db) as store:
        for n, text in enumerate([QUAKE, TRIAL, QUAKE_AGAIN]):
            article = Article(f"s{n}", text, published=date(2024, 3, 4 + n), title=f"Report {n}")
            store.write_batch([(article, [])])
            assign_articles(store, [f"s{n}"])
    result = CliRunner().invoke(app, ["stories", "--db", str(db), "--json"])
    assert result.exit_code == 0, result.output
    (row,) = [json.loads(line) for line in result.output.splitlines()]
    assert (row["story_id"], row["n_articles"], row["titles"]) == (
        "s0",
        2,
        ["Report 0", "Report 2"],
    )
    assert (row["first"], row["last"]) == ("2024-03-04", "2024-03-06")
    assert row["article_ids"] == ["s0", "s2"]


def test_api_stories_lists_the_same_stories(tmp_path: Path) -> None:
    from fastapi.testclient import TestClient

    from eventwire.api import create_app

    db = tmp_path / "s.duckdb"
    with Store(db) as store:
        for n, text in enumerate([QUAKE, TRIAL, QUAKE_AGAIN]):
            store.write_batch([(Article(f"s{n}", text, published=date(2024, 3, 4)), [])])
            assign_articles(store, [f"s{n}"])
    with TestClient(create_app(db=db)) as client:
        body = client.get("/api/stories").json()
    assert [(r["story_id"], r["n_articles"]) for r in body["stories"]] == [("s0", 2)]


def test_a_stray_taken_in_has_its_articles_moved_and_its_state_dropped(tmp_path: Path) -> None:
    with Store(tmp_path / "s.duckdb") as store:
        for n, text in enumerate([QUAKE, SHELTER, BRIDGE]):
            store.write_batch([(Article(f"s{n}", text, published=date(2024, 3, 4)), [])])
            assign_articles(store, [f"s{n}"])
        assert stored_stories(store)["s1"] == "s0"
        states = {r[0] for r in store.con.execute("SELECT story_id FROM story_state").fetchall()}
        assert "s1" not in states and "s0" in states
        story = store.story("s1")
    assert story is not None and (story["story_id"], story["n_articles"]) == ("s0", 3)


def test_stories_keep_other_people_apart_through_batches_and_recluster(tmp_path: Path) -> None:
    db = tmp_path / "s.duckdb"
    texts = {"s0": ARREST, "s1": OTHER_ARREST, "s2": ARREST_AGAIN}
    with Store(db) as store:
        store.write_batch([(Article("s0", ARREST, published=date(2024, 3, 4)), [])])
        assign_articles(store, ["s0"])
    with Store(db) as store:  # a new process: the lead people come back from `story_state`
        for article_id in ("s1", "s2"):
            article = Article(article_id, texts[article_id], published=date(2024, 3, 5))
            store.write_batch([(article, [])])
            assign_articles(store, [article_id])
        found = stored_stories(store)
        recluster(store)
        assert stored_stories(store) == found
    assert found == {"s0": "s0", "s1": "s1", "s2": "s0"}
