"""Rarity weights, scoring and candidate words of eventwire.dedup (no model, no store)."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from eventwire.dedup.features import (
    Item,
    act_groups,
    article_vector,
    content_words,
    cosine,
    lead_people,
    lead_year,
    stem,
    unit,
)
from eventwire.dedup.rarity import Rarity
from eventwire.dedup.scoring import name_coverage, probe_words, same_article_conflict, score


def item(n: int, article: str, words: dict[str, float], **extra: object) -> Item:
    fields: dict = {"category": "ASSAULT", "quad": 4, "date": date(2024, 3, 4),
                    "enddate": date(2024, 3, 4), "country": "AAA", "province": "North",
                    "resolution": 2, **extra}  # fmt: skip
    return Item(f"e{n}", article, n, terms=unit(words), keywords=unit(words), **fields)


def test_rarity_weights_rare_names_above_common_words() -> None:
    rarity = Rarity()
    for n in range(30):
        rarity.add(content_words(f"Police said the storm hit town number {n} overnight."))
    rarity.add(content_words("Police said the storm hit Kessel overnight."))
    assert rarity.idf("kessel") > 3 * rarity.idf("police")


def test_content_words_keep_short_numbers() -> None:
    assert "12" in content_words("The blast killed 12 people in a market.")


def test_article_vector_is_unit_and_favours_names() -> None:
    rarity = Rarity()
    text = "Rescuers searched the rubble in Tolvane. The rubble covered the road to Tolvane."
    rarity.add(content_words(text))
    vector = article_vector(text, rarity)
    assert abs(sum(w * w for w in vector.values()) - 1) < 1e-3
    assert vector["tolvane"] > vector["road"]
    assert cosine(vector, vector) > 0.999


def test_score_penalises_another_place_and_another_quad() -> None:
    words = {"kessel": 2.0, "camp": 1.0, "shelled": 1.0}
    base = item(1, "a", words)
    same = item(2, "b", words)
    elsewhere = item(3, "c", words, province="South")
    other_quad = item(4, "d", words, quad=1, category="CONSULT")
    both = item(5, "e", words, quad=1, category="CONSULT", province="South")
    assert score(base, same) > 0.9
    assert max(score(base, elsewhere), score(base, other_quad)) < 0.6
    assert score(base, both) < min(score(base, elsewhere), score(base, other_quad))


def test_score_of_two_events_of_one_article_ignores_the_article() -> None:
    first = item(1, "a", {"kessel": 1.0, "shelled": 1.0})
    second = replace(first, event_id="e2", terms=unit({"talks": 1.0, "ministers": 1.0}))
    assert score(first, second) < 0.2


def test_probe_words_leave_out_the_lightest_words() -> None:
    weights = {f"w{n:02d}": float(n) for n in range(1, 40)}
    probes = probe_words(item(1, "a", weights))
    assert "w39" in probes and "w01" not in probes


def test_stem_meets_inflections_of_one_trigger() -> None:
    assert stem("killed") == stem("killing") == stem("kills") == "kill"
    assert stem("hit") == "hit"


def test_name_coverage_tells_a_lookalike_from_another_report() -> None:
    words = {"kessel": 3.0, "ardent": 3.0, "shelled": 1.0, "camp": 1.0}
    first = item(1, "a", words, names=frozenset({"kessel", "ardent"}),
                 context=frozenset({"kessel", "ardent", "marlow"}))  # fmt: skip
    # another outlet's sentence names only the camp, but its article names the colonel too
    again = item(2, "b", words, names=frozenset({"kessel"}),
                 context=frozenset({"kessel", "ardent"}))  # fmt: skip
    other_words = {"vantor": 3.0, "brisk": 3.0, "shelled": 1.0, "camp": 1.0}
    lookalike = item(3, "c", other_words, names=frozenset({"vantor", "brisk"}),
                     context=frozenset({"vantor", "brisk", "quenby"}))  # fmt: skip
    assert name_coverage(first, again) == 1.0
    assert name_coverage(first, lookalike) == 0.0
    assert name_coverage(first, item(4, "d", words)) == 0.5  # no names: no evidence


def test_score_penalises_another_trigger_of_the_same_category() -> None:
    words = {"kessel": 2.0, "camp": 1.0}
    base = item(1, "a", words, trigger=frozenset({"shell"}))
    same = item(2, "b", words, trigger=frozenset({"shell"}))
    other = item(3, "c", words, trigger=frozenset({"raid"}))
    assert score(base, other) < score(base, same) * 0.8


def test_item_from_record_unidentified_attacker_names_no_country() -> None:
    from eventwire.dedup.features import item_from_record

    unnamed = {"entity_text": "", "code": "IRQ", "sector": "UAF"}
    named = {"entity_text": "Syrian army", "code": "SYR", "sector": "MIL"}
    record = {
        "id": "e1",
        "event": ["ASSAULT"],
        "quad_code": 4,
        "text": "A bomb exploded.",
        "actor": [unnamed, named],
        "cite_info": {"article_id": "a1"},
    }
    found = item_from_record(record, seq=0, article_keywords={}, rarity=Rarity())
    assert found.actors == frozenset({"SYR"})


def test_score_spares_two_words_of_one_act_and_penalises_two_acts() -> None:
    words = {"kessel": 2.0, "camp": 1.0}
    base = item(1, "a", words, trigger=frozenset({stem("shot")}))
    synonym = item(2, "b", words, trigger=frozenset({stem("gunfire")}))
    unknown = item(3, "c", words, trigger=frozenset({stem("pounded")}))
    other_act = item(4, "d", words, trigger=frozenset({stem("killed")}))
    assert act_groups(base.trigger) & act_groups(synonym.trigger)
    assert score(base, synonym) == score(base, item(5, "e", words, trigger=base.trigger))
    assert score(base, other_act) < score(base, unknown) < score(base, synonym)


def test_score_penalises_articles_of_different_stories() -> None:
    words = {"kessel": 2.0, "camp": 1.0}
    base = item(1, "a", words, story="s1")
    assert score(base, item(2, "b", words, story="s2")) < score(
        base, item(3, "c", words, story="s1")
    )
    assert score(base, item(4, "d", words)) == score(base, item(5, "e", words, story="s1"))


def test_same_article_conflict_only_within_one_article_and_across_acts() -> None:
    shot = item(1, "a", {"kessel": 1.0}, trigger=frozenset({stem("shot")}))
    fired = item(2, "a", {"kessel": 1.0}, trigger=frozenset({stem("fired")}))
    killed = item(3, "a", {"kessel": 1.0}, trigger=frozenset({stem("killed")}))
    protest = item(4, "a", {"kessel": 1.0}, category="PROTEST", trigger=shot.trigger)
    assert not same_article_conflict(shot, fired)
    assert same_article_conflict(shot, killed)
    assert same_article_conflict(shot, protest)
    assert not same_article_conflict(shot, replace(killed, article_id="b"))


def test_clusterer_keeps_two_acts_of_one_article_apart() -> None:
    from eventwire.dedup.clusterer import Clusterer

    words = {"kessel": 2.0, "camp": 1.5, "marlow": 1.5, "ardent": 1.0}
    shot = item(1, "a", words, trigger=frozenset({stem("shot")}))
    killed = item(2, "a", words, trigger=frozenset({stem("killed")}))
    # A second report naming both acts in one sentence links them.
    both = item(3, "b", words, trigger=frozenset({stem("shot"), stem("killed")}))
    clusterer = Clusterer()
    for one in (shot, both, killed):
        clusterer.assign(one)
    assert clusterer.cluster_of["e1"] == clusterer.cluster_of["e3"]
    assert clusterer.cluster_of["e2"] != clusterer.cluster_of["e1"]


def test_clusterer_merges_no_clusters_holding_two_acts_of_one_article() -> None:
    from eventwire.dedup.clusterer import Clusterer

    words = {"kessel": 2.0, "camp": 1.5, "marlow": 1.5, "ardent": 1.0}
    clusterer = Clusterer()
    shot = item(1, "a", words, trigger=frozenset({stem("shot")}))
    elsewhere = {"brindle": 2.0, "depot": 1.5, "harrow": 1.5, "quell": 1.0}
    other = item(2, "b", elsewhere, trigger=frozenset({stem("arrested")}), category="COERCE")
    killed = item(3, "a", words, trigger=frozenset({stem("killed")}))
    for one in (shot, other):
        clusterer.assign(one)
    clusterer.cluster_of[killed.event_id] = "c-killed"  # a cluster of its own, as if loaded
    clusterer.load(killed, "c-killed", created=3)
    assert clusterer._clash(clusterer.cluster_of["e1"], "c-killed")
    assert not clusterer._clash(clusterer.cluster_of["e2"], "c-killed")


def test_patient_names_keep_named_people_not_places() -> None:
    from eventwire.dedup.features import patient_names

    person = {"entity_text": "Torvald", "identifier_text": "Ekon Torvald", "code": "UNK"}
    place = {"entity_text": "Marlow", "identifier_text": None, "code": "AAA"}
    government = {"entity_text": "Landish", "identifier_text": "Land", "code": "LND"}
    assert patient_names([person, place, government]) == frozenset({"ekon", "torvald"})


def test_item_from_record_takes_the_articles_patients_its_sentence_names() -> None:
    from eventwire.dedup.features import item_from_record

    record = {"id": "e1", "event": ["COERCE"], "text": "Torvald was held overnight.",
              "recipient": [], "cite_info": {"article_id": "a1"}}  # fmt: skip
    found = item_from_record(record, seq=0, article_keywords={}, rarity=Rarity(),
                             article_patients=frozenset({"torvald", "brisk"}))  # fmt: skip
    assert found.patients == frozenset({"torvald"})


def test_looks_back_finds_earlier_acts() -> None:
    from eventwire.dedup.features import looks_back, main_year

    assert main_year("Held in 2019. Freed in 2021, 2021 being the year.") == "2021"
    assert looks_back("He was on probation for a previous arrest.", "2021")
    assert looks_back("She hosted the gala in 2009.", "2021")
    assert not looks_back("She will host the gala in 2021.", "2021")
    assert not looks_back("Police arrested him on Monday.", None)


def arrest(n: int, article: str, person: str, **extra: object) -> Item:
    words = {"charger": 2.0, "arrested": 1.0, "dui": 1.5, person: 2.0}
    fields = {"category": "COERCE", "quad": 4, "trigger": frozenset({stem("arrested")}),
              "patients": frozenset({person}), "context": frozenset({"charger", person}),
              **extra}  # fmt: skip
    return item(n, article, words, **fields)


def test_clusterer_keeps_acts_done_to_other_people_apart() -> None:
    from eventwire.dedup.clusterer import Clusterer

    clusterer = Clusterer()
    first = [arrest(1, "a", "jackson"), arrest(2, "b", "jackson")]
    # a month later: another player, whose reports recall the first arrest
    second = [arrest(n, f"c{n}", "williams", context=frozenset({"charger", "jackson",
              "williams"})) for n in (3, 4)]  # fmt: skip
    for one in [*first, *second]:
        clusterer.assign(one)
    assert clusterer.cluster_of["e1"] == clusterer.cluster_of["e2"]
    assert clusterer.cluster_of["e3"] == clusterer.cluster_of["e4"]
    assert clusterer.cluster_of["e3"] != clusterer.cluster_of["e1"]


def test_clusterer_joins_one_act_done_to_several_named_people() -> None:
    from eventwire.dedup.clusterer import Clusterer

    both = frozenset({"charger", "jackson", "williams"})  # every report names both
    clusterer = Clusterer()
    for one in (arrest(1, "a", "jackson", context=both), arrest(2, "b", "jackson", context=both),
                arrest(3, "c", "williams", context=both)):  # fmt: skip
        clusterer.assign(one)
    assert clusterer.cluster_of["e3"] == clusterer.cluster_of["e1"]


def test_lead_people_are_named_people_the_text_calls_by_surname() -> None:
    text = (
        "San Diego Chargers receiver Vincent Jackson was arrested on Monday. Jackson denied"
        " it, the Chargers said, and coach Norv Turner spoke to Jackson."
    )
    assert lead_people(text) == frozenset({"jackson"})  # Turner: never alone; San Diego: place


def test_lead_people_skip_initials_and_people_named_late() -> None:
    text = "W. Mark Felt died at 95. Felt worked at the FBI." + " It was news." * 30
    assert lead_people(text) == frozenset({"felt"})
    assert lead_people("It was news. " * 30 + "W. Mark Felt died. Felt was 95.") == frozenset()


def test_lead_year_is_the_first_year_at_the_top() -> None:
    assert lead_year("Posted May 5, 2011 | The 2009 season ended.") == "2011"
    assert lead_year("No year here. " * 60 + "In 2009.") is None
