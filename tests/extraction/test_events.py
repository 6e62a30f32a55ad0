"""Tests of the eventwire_events component on our own sentences.

Actor mentions are set by hand (a small name table below) so that these tests check event
coding alone; two tests at the end run the real actors component.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from spacy.language import Language
from spacy.tokens import Doc

from eventwire.extraction.events import events_component, find_events
from eventwire.extraction.mentions import ActorMention, EventMention
from eventwire.extraction.triggers import load_lexicon
from eventwire.records import CATEGORIES, Entity

pytestmark = pytest.mark.model

_NAMES: dict[str, tuple[str, str]] = {
    "Israel": ("ISR", "GOV"),
    "Israeli": ("ISR", "MIL"),
    "Hamas": ("PSE", "REB"),
    "Egypt": ("EGY", "GOV"),
    "Qatar": ("QAT", "GOV"),
    "France": ("FRA", "GOV"),
    "Russia": ("RUS", "GOV"),
    "Russian": ("RUS", "MIL"),
    "Ukraine": ("UKR", "GOV"),
    "Ukrainian": ("UKR", "MIL"),
    "Kharkiv": ("UKR", "UNK"),
    "Iran": ("IRN", "GOV"),
    "Germany": ("DEU", "GOV"),
    "Japan": ("JPN", "GOV"),
    "Chad": ("TCD", "GOV"),
    "Peru": ("PER", "GOV"),
    "Chile": ("CHL", "GOV"),
    "Kenya": ("KEN", "GOV"),
    "Somalia": ("SOM", "GOV"),
    "Mali": ("MLI", "GOV"),
    "Ghana": ("GHA", "GOV"),
    "police": ("UNK", "COP"),
    "Police": ("UNK", "COP"),
    "protesters": ("UNK", "CVL"),
    "rebels": ("UNK", "REB"),
    "Rebels": ("UNK", "REB"),
    "workers": ("UNK", "LAB"),
    "students": ("UNK", "EDU"),
    "army": ("UNK", "MIL"),
    "minister": ("UNK", "GOV"),
    "ministry": ("UNK", "GOV"),
    "villagers": ("UNK", "CVL"),
}


@pytest.fixture(scope="module")
def code(bare_nlp: Language):
    """Parse a sentence, tag the names above as actors, and return its events."""

    def run(text: str) -> list[EventMention]:
        doc = _doc(bare_nlp, text)
        return find_events(doc)

    return run


def _doc(nlp: Language, text: str) -> Doc:
    doc = nlp(text)
    doc._.actors = [
        ActorMention(t.i, t.i + 1, Entity(t.text, *_NAMES[t.text]), "test")
        for t in doc
        if t.text in _NAMES
    ]
    return doc


def _one(events: list[EventMention], category: str) -> EventMention:
    found = [e for e in events if e.category == category]
    assert len(found) == 1, events
    return found[0]


def _codes(entities: tuple[Entity, ...]) -> list[str]:
    return [e.code for e in entities]


def test_lexicon_covers_every_category():
    lexicon = load_lexicon()
    assert {e.category for e in lexicon.entries} == set(CATEGORIES)
    assert "carry" in lexicon.light_verbs


@pytest.mark.parametrize(
    ("text", "category", "actor", "recipient"),
    [
        ("Egypt agreed to mediate between Israel and Hamas.", "AGREE", ["EGY"], []),
        ("Egypt met Qatar in Cairo.", "CONSULT", ["EGY", "QAT"], []),
        ("Germany praised Chile for its reforms.", "SUPPORT", ["DEU"], ["CHL"]),
        ("Peru apologised to Chile for the border incident.", "CONCEDE", ["PER"], ["CHL"]),
        ("Kenya extradited two suspects to Somalia.", "COOPERATE", ["KEN"], ["SOM"]),
        ("Japan donated rice to Chad.", "AID", ["JPN"], ["TCD"]),
        ("Russia released two Ukrainian soldiers.", "RETREAT", ["RUS"], ["UKR"]),
        ("Ghana demanded that Mali hand over the suspects.", "REQUEST", ["GHA"], []),
        ("France condemned Iran for the arrests.", "ACCUSE", ["FRA"], ["IRN"]),
        ("Iran rejected the proposal from Germany.", "REJECT", ["IRN"], []),
        ("Iran threatened Israel with retaliation.", "THREATEN", ["IRN"], ["ISR"]),
        ("Thousands of students marched through the capital.", "PROTEST", ["UNK"], []),
        ("Germany expelled two Russian diplomats.", "SANCTION", ["DEU"], ["RUS"]),
        ("Russia deployed troops along the border with Ukraine.", "MOBILIZE", ["RUS"], []),
        ("Police arrested dozens of protesters.", "COERCE", ["UNK"], ["UNK"]),
        ("Russian forces shelled Kharkiv on Tuesday.", "ASSAULT", ["RUS"], ["UKR"]),
    ],
)
def test_find_events_codes_each_category(code, text, category, actor, recipient):
    event = _one(code(text), category)
    assert _codes(event.actor) == actor
    assert _codes(event.recipient)[: len(recipient)] == recipient
    assert event.modality == "asserted"
    assert event.rule.startswith(category)


def test_find_events_passive_agent_is_actor(code):
    event = _one(code("The minister was shot by rebels near the market."), "ASSAULT")
    assert _codes(event.actor) == ["UNK"] and event.actor[0].sector == "REB"
    assert event.recipient[0].sector == "GOV"
    assert event.mode == ("firearms",)


def test_find_events_passive_without_agent_keeps_empty_actor(code):
    event = _one(code("The minister was killed on Sunday."), "ASSAULT")
    assert event.actor == ()
    assert event.recipient[0].sector == "GOV"


def test_find_events_light_verb_gives_actor_to_noun(code):
    event = _one(code("Israeli jets carried out strikes on Hamas targets."), "ASSAULT")
    assert _codes(event.actor) == ["ISR"]
    assert _codes(event.recipient) == ["PSE"]
    assert event.mode == ("aerial",)
    assert len(event.trigger_tokens) == 3  # carried out strikes


def test_find_events_nominal_trigger_with_possessor(code):
    event = _one(code("Russia's bombardment of Kharkiv lasted all night."), "ASSAULT")
    assert _codes(event.actor) == ["RUS"]
    assert _codes(event.recipient) == ["UKR"]


def test_find_events_merges_verb_and_event_noun(code):
    events = code("Five villagers were killed in a Russian drone strike.")
    event = _one(events, "ASSAULT")
    assert _codes(event.actor) == ["RUS"]
    assert "drone" in event.mode


def test_find_events_talks_put_all_parties_in_actor(code):
    event = _one(code("Egypt and Qatar held talks with Israel."), "CONSULT")
    assert _codes(event.actor) == ["EGY", "QAT", "ISR"]
    assert event.recipient == ()


def test_find_events_visit_has_host_as_recipient(code):
    event = _one(code("The minister of Japan visited Kenya last week."), "CONSULT")
    assert event.mode == ("visit",)
    assert _codes(event.recipient) == ["KEN"]


def test_find_events_phone_call_inside_request_is_consult(code):
    events = code("Germany urged Iran in a phone call to release the prisoners.")
    request = _one(events, "REQUEST")
    call = _one(events, "CONSULT")
    assert _codes(request.actor) == ["DEU"] and _codes(request.recipient) == ["IRN"]
    assert call.mode == ("phone",) and _codes(call.actor) == ["DEU", "IRN"]
    assert not [e for e in events if e.category == "RETREAT"]


def test_find_events_reported_speech_sets_claimed_by(code):
    events = code("Israel said Hamas fired rockets at Ashdod.")
    event = _one(events, "ASSAULT")
    assert _codes(event.actor) == ["PSE"]
    assert event.claimed_by is not None and event.claimed_by.code == "ISR"
    assert len(events) == 1  # "said" is not an event


def test_find_events_accusation_codes_both_events(code):
    events = code("France accused Russia of shelling Kharkiv.")
    accuse, assault = _one(events, "ACCUSE"), _one(events, "ASSAULT")
    assert _codes(accuse.actor) == ["FRA"] and _codes(accuse.recipient) == ["RUS"]
    assert _codes(assault.actor) == ["RUS"] and _codes(assault.recipient) == ["UKR"]
    assert assault.claimed_by is not None and assault.claimed_by.code == "FRA"


def test_find_events_threat_is_not_a_future_attack(code):
    events = code("Iran threatened to strike Israel.")
    assert [e.category for e in events] == ["THREATEN"]
    assert events[0].modality == "asserted"
    assert _codes(events[0].recipient) == ["ISR"]
    assert events[0].mode == ("violence",)


def test_find_events_future_meeting_is_agree(code):
    event = code("Egypt will meet Qatar next week.")[0]
    assert event.category == "AGREE" and event.modality == "asserted"


def test_find_events_future_attack_keeps_category(code):
    event = _one(code("Russia is going to attack Ukraine."), "ASSAULT")
    assert event.modality == "future"


def test_find_events_negated_attack(code):
    event = _one(code("Israel did not attack Iran."), "ASSAULT")
    assert event.modality == "negated"


def test_find_events_hypothetical_attack(code):
    event = _one(code("Iran could attack Israel."), "ASSAULT")
    assert event.modality == "hypothetical"


def test_find_events_diplomatic_protest_is_accuse(code):
    event = code("Germany protested the decision.")[0]
    assert event.category == "ACCUSE"


def test_find_events_conjoined_actors(code):
    event = _one(code("Kenya and Somalia signed a security pact."), "SUPPORT")
    assert _codes(event.actor) == ["KEN", "SOM"]


def test_find_events_stopped_cooperation_is_sanction(code):
    event = code("Japan stopped supplying weapons to Chad.")[0]
    assert event.category == "SANCTION" and event.mode == ("discontinue",)
    assert _codes(event.recipient) == ["TCD"]


@pytest.mark.parametrize(
    "text",
    [
        "The minister said he was tired.",
        "The weather was calm on Sunday.",
        "The attack helicopter landed at the base.",
        "A peace talks expert spoke to reporters.",
        "The earthquake killed forty people.",
    ],
)
def test_find_events_non_events(code, text):
    assert code(text) == []


def test_events_component_sets_doc_attribute(bare_nlp):
    doc = _doc(bare_nlp, "Rebels attacked Peru's embassy.")
    assert events_component(doc) is doc
    assert doc._.events[0].category == "ASSAULT"
    assert 0 < doc._.events[0].confidence <= 1


def test_find_events_with_real_actors(bare_nlp):
    from eventwire.extraction.actors import find_actors

    doc = bare_nlp("Israeli warplanes carried out strikes on Hamas positions, the army said.")
    doc._.actors = find_actors(doc)
    event = _one(find_events(doc), "ASSAULT")
    assert _codes(event.actor) == ["ISR"]
    assert event.claimed_by is not None


def test_find_events_demands_of_a_demonstration_are_protest(code):
    events = code("Thousands of students staged a demonstration to demand new elections.")
    assert [e.category for e in events] == ["PROTEST"]


def test_find_events_refused_cooperation_is_reject(code):
    event = code("Chile will not accept the proposal from Peru.")[0]
    assert event.category == "REJECT" and event.modality == "asserted"


def test_find_events_planned_coercion_by_its_actor_is_threaten(code):
    event = code("Peru plans to impose a curfew on the capital.")[0]
    assert event.category == "THREATEN" and event.mode == ("restrict",)
    assert event.modality == "asserted"


def test_find_events_calling_off_a_strike_is_concede(code):
    event = code("The workers called off the strike after talks.")[0]
    assert event.category == "CONCEDE"
    assert event.trigger_tokens[:2] == (2, 3)  # called off


# --- bare states, place and civilian recipients, crowds, joint acts, promises, "must" ---

_BARE = {"Norway": ("NOR", ""), "Sweden": ("SWE", ""), "Finland": ("FIN", "")}
_PLACES = {"Tromso": ("NOR", "Tromso"), "Lulea": ("SWE", "Lulea")}


def _bare_doc(nlp: Language, text: str) -> Doc:
    """A doc with bare-state actors (empty sector) and literal places set by hand."""
    from eventwire.extraction.mentions import PlaceMention
    from eventwire.records import Place

    doc = _doc(nlp, text)
    doc._.actors = list(doc._.actors) + [
        ActorMention(t.i, t.i + 1, Entity(t.text, *_BARE[t.text]), "country")
        for t in doc
        if t.text in _BARE
    ]
    doc._.actors.sort(key=lambda m: m.start)
    doc._.places = [
        PlaceMention(t.i, t.i + 1, Place(t.text, country_code=_PLACES[t.text][0]))
        for t in doc
        if t.text in _PLACES
    ]
    return doc


@pytest.fixture(scope="module")
def code_bare(bare_nlp: Language):
    return lambda text: find_events(_bare_doc(bare_nlp, text))


def _sectors(entities: tuple[Entity, ...]) -> list[str]:
    return [e.sector for e in entities]


def test_find_events_bare_state_using_force_is_military(code_bare):
    event = _one(code_bare("Sweden shelled the port of Tromso overnight."), "ASSAULT")
    assert _codes(event.actor) == ["SWE"] and _sectors(event.actor) == ["MIL"]


def test_find_events_bare_state_talking_is_government(code_bare):
    event = _one(code_bare("Norway condemned Sweden over the border closure."), "ACCUSE")
    assert _sectors(event.actor) == ["GOV"] and _sectors(event.recipient) == ["GOV"]


def test_find_events_attacked_place_gives_its_country(code_bare):
    event = _one(code_bare("Russian jets bombed the city of Tromso on Friday."), "ASSAULT")
    assert _codes(event.recipient) == ["NOR"] and _sectors(event.recipient) == ["UNK"]


def test_find_events_civilian_target_is_civilian_recipient(code_bare):
    event = _one(code_bare("Russian jets bombed a school near Lulea, the army said."), "ASSAULT")
    assert (_codes(event.recipient), _sectors(event.recipient)) == (["SWE"], ["CVL"])


def test_find_events_crowd_looting_is_a_riot(code):
    event = code("The protesters looted a warehouse and burned two trucks.")[0]
    assert (event.category, event.mode) == ("PROTEST", ("riot",))


def test_find_events_armed_looting_stays_coercion(code):
    event = code("Rebels looted the grain stores of the town.")[0]
    assert event.category == "COERCE"


def test_find_events_crowd_breaking_in_is_obstruction(code):
    event = code("The protesters broke into the ministry on Friday.")[0]
    assert (event.category, event.mode) == ("PROTEST", ("obstruct",))


def test_find_events_one_sided_exercise_mobilizes_joint_cooperates(code_bare):
    alone = code_bare("Norway staged military exercises near the border.")
    joint = code_bare("Norway and Sweden held joint naval exercises.")
    assert [e.category for e in alone] == ["MOBILIZE"]
    assert [e.category for e in joint] == ["COOPERATE"]


def test_find_events_promised_hunt_is_a_threat(code):
    event = code("The minister vowed that the police would hunt down the smugglers.")[0]
    assert event.category == "THREATEN" and event.modality == "asserted"


def test_find_events_future_response_threatens_past_does_not(code_bare):
    assert [e.category for e in code_bare("Norway said it would respond with force.")] == [
        "THREATEN"
    ]
    assert code_bare("Norway responded to the letter on Monday.") == []


def test_find_events_said_must_is_a_request(code_bare):
    event = code_bare("Norway said Sweden must reopen the border crossing.")[0]
    assert event.category == "REQUEST"
    assert (_codes(event.actor), _codes(event.recipient)) == (["NOR"], ["SWE"])


def test_find_events_call_on_is_a_request(code_bare):
    event = code_bare("Finland called on Norway to investigate the sabotage.")[0]
    assert event.category == "REQUEST" and _codes(event.recipient) == ["NOR"]


def test_find_events_pronoun_subject_is_the_speaker(code_bare):
    event = code_bare("Finland said on Monday that it was cutting ties with Sweden.")[0]
    assert event.category == "SANCTION"
    assert (_codes(event.actor), _codes(event.recipient)) == (["FIN"], ["SWE"])


def test_find_events_deployed_troops_are_not_recipients(code_bare):
    event = code_bare("Norway is sending extra troops and police to Tromso.")[0]
    assert event.category == "MOBILIZE" and event.recipient == ()


def test_find_events_launched_offensive_is_assault(code_bare):
    event = code_bare("Sweden launched a ground offensive across the frontier.")[0]
    assert event.category == "ASSAULT"


def test_load_lexicon_rejects_boolean_words(tmp_path):
    from eventwire.errors import ConfigError

    bad = tmp_path / "triggers.yaml"
    bad.write_text(
        "non_agents: []\nlight_verbs: []\n"
        "categories:\n  REQUEST:\n    - {verb: call, prep: [on]}\n",
        encoding="utf-8",
    )
    with pytest.raises(ConfigError):
        load_lexicon(bad)


_NON_EVENTS = Path(__file__).resolve().parents[1] / "fixtures" / "non_events.txt"


def test_find_events_false_event_rate_on_non_events_is_at_most_five_percent(bare_nlp):
    from eventwire.extraction.actors import find_actors

    lines = _NON_EVENTS.read_text(encoding="utf-8").splitlines()
    sentences = [s for s in lines if s.strip() and not s.startswith("#")]
    assert len(sentences) >= 40
    flagged = []
    for doc in bare_nlp.pipe(sentences):
        doc._.actors = find_actors(doc)
        doc._.places = []
        if find_events(doc):
            flagged.append(doc.text)
    assert len(flagged) / len(sentences) <= 0.05, flagged


@pytest.mark.parametrize(
    "text",
    [
        "The goalkeeper attacked the ball and cleared it.",
        "The singer released a new record on Friday.",
        "Their attack on the final bend won the race.",
    ],
)
def test_find_events_act_by_a_non_actor_is_no_event(code, text):
    assert code(text) == []


def test_find_events_pronoun_doer_with_an_actor_nearby_is_kept(code):
    events = code("Russia said its troops had completed their withdrawal.")
    assert [e.category for e in events] == ["RETREAT"]


def test_find_events_refused_offer_from_a_state_names_it_recipient(code):
    event = _one(code("Iran rejected a fresh offer from Germany."), "REJECT")
    assert _codes(event.recipient) == ["DEU"]


def test_find_events_demand_that_a_state_acts_names_it_recipient(code):
    event = _one(code("Kenya demanded that Somalia reopen the border."), "REQUEST")
    assert _codes(event.recipient) == ["SOM"]


def test_find_events_future_act_unless_is_a_threat(code):
    text = "Ghana said it will withdraw its troops from Mali unless the attacks stop."
    assert "THREATEN" in [e.category for e in code(text)]


def test_find_events_ultimatum_is_a_threat(code):
    event = _one(code("Peru issued an ultimatum to Chile over the fishing boats."), "THREATEN")
    assert _codes(event.actor) == ["PER"]


def test_find_events_mediation_effort_is_consultation(code):
    assert "CONSULT" in [e.category for e in code("Qatar began a mediation effort in Chad.")]


def test_find_events_quantity_of_event_nouns_takes_the_light_verb(code):
    text = "Japan and France held three days of naval exercises off the coast."
    event = _one(code(text), "COOPERATE")
    assert sorted(_codes(event.actor)) == ["FRA", "JPN"]


def test_find_events_troops_on_alert_are_mobilized(code):
    assert "MOBILIZE" in [e.category for e in code("Israeli troops remained on alert.")]


def test_find_events_contributing_troops_in_future_is_agree(code):
    events = code("France will contribute 500 troops to the mission in Mali.")
    assert "AGREE" in [e.category for e in events]


def _with_countries(nlp: Language, text: str, names: dict[str, str]) -> Doc:
    """A parse whose country names are coded as the actors stage codes them (state sector)."""
    doc = nlp(text)
    doc._.actors = [
        ActorMention(t.i, t.i + 1, Entity(t.text, names[t.text], ""), "country")
        for t in doc
        if t.text in names
    ]
    return doc


def test_find_events_territorial_act_takes_the_country_where_it_happens(bare_nlp):
    names = {"Peru": "PER", "Chile": "CHL"}
    doc = _with_countries(bare_nlp, "Peru lifted the night curfew in Chile on Sunday.", names)
    event = _one(find_events(doc), "CONCEDE")
    assert _codes(event.actor) == ["PER"]
    assert [(e.code, e.sector) for e in event.recipient] == [("CHL", "UNK")]


def test_find_events_location_is_no_recipient_of_words(bare_nlp):
    names = {"Peru": "PER", "Chile": "CHL"}
    doc = _with_countries(bare_nlp, "Peru condemned the arrests in Chile.", names)
    event = _one(find_events(doc), "ACCUSE")
    assert ("CHL", "UNK") not in [(e.code, e.sector) for e in event.recipient]


def test_find_events_recipient_on_the_object(code):
    event = _one(code("Kenya imposed new tariffs on Somalia."), "SANCTION")
    assert _codes(event.recipient) == ["SOM"]


@pytest.mark.parametrize(
    ("text", "category"),
    [
        ("A Kenyan court indicted the minister on corruption charges.", "ACCUSE"),
        ("Ghana shared intelligence and expertise with Mali.", "COOPERATE"),
        ("Kenya withdrew its election observers from Somalia.", "SANCTION"),
        ("The army evacuated two outposts near the border.", "RETREAT"),
        ("Police forced out hundreds of villagers from the camp.", "COERCE"),
    ],
)
def test_find_events_triggers_from_the_category_definitions(code, text, category):
    assert category in {e.category for e in code(text)}


@pytest.mark.parametrize(
    ("text", "category", "actor"),
    [
        ("France is ready to send troops to Mali.", "MOBILIZE", ["FRA"]),
        ("Russia said it was willing to release the soldiers.", "RETREAT", ["RUS"]),
        ("Egypt announced that it is prepared to impose a curfew.", "COERCE", ["EGY"]),
    ],
)
def test_actor_of_ready_willing_prepared_is_the_subject_above(code, text, category, actor):
    events = code(text)
    assert [e.category for e in events] != []
    event = next(e for e in events if e.actor)
    assert _codes(event.actor) == actor


def test_light_verb_through_a_preposition_gives_its_object_as_recipient(code):
    event = _one(code("Police placed the minister under arrest."), "COERCE")
    assert event.actor[0].sector == "COP"
    assert event.recipient[0].sector == "GOV"


def test_sworn_to_fight_is_a_threat_even_when_parsed_as_a_purpose_clause(code):
    events = code("The rebels have sworn to fight until the army leaves.")
    assert [e.category for e in events] == ["THREATEN"]


@pytest.mark.parametrize(
    ("text", "category"),
    [
        ("Police prevented the rally outside the ministry.", "COERCE"),
        ("A detainee died after torture in a police station.", "ASSAULT"),
        ("The villagers blocked traffic on the main highway.", "PROTEST"),
    ],
)
def test_more_triggers_from_the_definitions(code, text, category):
    assert category in [e.category for e in code(text)]


def test_the_doer_of_a_demanded_act_is_the_recipient_of_the_demand(code):
    # The demander is not coded here: the withdrawing troops must not take its place.
    event = _one(code("Delegates demanded the withdrawal of Russian troops."), "REQUEST")
    assert (event.actor, _codes(event.recipient)) == ((), ["RUS"])


def test_a_purpose_clause_on_a_passive_does_not_take_its_subject_as_actor(code):
    events = code("Kharkiv was shelled to punish Ukraine.")
    assert all("UKR" not in _codes(e.actor) for e in events)
