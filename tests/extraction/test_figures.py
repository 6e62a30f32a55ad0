"""Tests for eventwire.extraction.figures: reported numbers as attributed claims."""

from __future__ import annotations

import pytest
from figure_helpers import figures_of, one_figure
from spacy.language import Language
from spacy.tokens import Doc

from eventwire.extraction.figure_events import figures_for_event, size_from_figures
from eventwire.extraction.figures import figures_component, find_figures
from eventwire.extraction.mentions import EventMention
from eventwire.records import Figure, Size

# --- kinds ---------------------------------------------------------------------------------


@pytest.mark.model
@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("Militants killed four guards at the checkpoint.", "killed"),
        ("Nine villagers died after the flooding.", "killed"),
        ("Rescuers recovered 17 bodies from the river.", "killed"),
        ("The storm left 30 dead across the province.", "killed"),
        ("Eleven pilgrims were wounded by the grenade.", "injured"),
        ("Six firefighters were injured in the collapse.", "injured"),
        ("Officers arrested 48 demonstrators outside parliament.", "arrested"),
        ("Authorities detained 15 journalists overnight.", "detained"),
        ("About 9,000 families fled the fighting.", "displaced"),
        ("The army evacuated 2,500 residents from the valley.", "evacuated"),
        ("Seven fishermen remain missing after the boat sank.", "missing"),
        ("Bandits kidnapped 22 schoolchildren on the highway.", "abducted"),
        ("The blast killed or wounded 35 shoppers.", "casualties"),
    ],
)
def test_figures_kind_from_anchor_word(bare_nlp: Language, text: str, kind: str) -> None:
    assert one_figure(bare_nlp, text).kind == kind


@pytest.mark.model
def test_figures_anchor_is_verb_or_noun(bare_nlp: Language) -> None:
    doc = bare_nlp("Troops killed at least three farmers. Three farmers were killed.")
    assert [doc[m.anchor].text for m in find_figures(doc)] == ["killed", "killed"]
    doc = bare_nlp("The agency reported a death toll of 4,100.")
    (mention,) = find_figures(doc)
    assert doc[mention.anchor].text == "toll"
    assert mention.figure.text == "death toll of 4,100"
    assert doc[mention.start : mention.end].text == mention.figure.text


@pytest.mark.model
def test_figures_two_kinds_in_one_sentence(bare_nlp: Language) -> None:
    found = figures_of(bare_nlp, "A car bomb killed two officers and wounded nine others.")
    assert [(m.figure.kind, m.figure.value) for m in found] == [("killed", 2), ("injured", 9)]


# --- qualifiers ------------------------------------------------------------------------------


@pytest.mark.model
@pytest.mark.parametrize(
    ("text", "qualifier", "value", "low", "high"),
    [
        ("Gunmen killed 14 miners.", "exact", 14, None, None),
        ("About 60 people were arrested.", "approx", 60, None, None),
        ("Nearly 70 people were injured.", "approx", 70, None, None),
        ("Around 400 people were evacuated.", "approx", 400, None, None),
        ("Some 800 people were displaced.", "approx", 800, None, None),
        ("Roughly 90 prisoners were detained.", "approx", 90, None, None),
        ("An estimated 6,000 people have fled.", "approx", 6000, None, None),
        ("The raid killed at least 11 people.", "at_least", 11, 11, None),
        ("More than 200 people were arrested.", "at_least", 200, 200, None),
        ("Over 50 people were wounded.", "at_least", 50, 50, None),
        ("Up to 40 migrants are missing.", "at_most", 40, None, 40),
        ("Fewer than 10 people were hurt.", "at_most", 10, None, 10),
        ("Between 20 and 30 students were detained.", "range", None, 20, 30),
        ("Police arrested 50 to 60 people.", "range", None, 50, 60),
    ],
)
def test_figures_qualifier_and_bounds(
    bare_nlp: Language,
    text: str,
    qualifier: str,
    value: int | None,
    low: int | None,
    high: int | None,
) -> None:
    figure = one_figure(bare_nlp, text)
    assert (figure.qualifier, figure.value, figure.low, figure.high) == (
        qualifier,
        value,
        low,
        high,
    )


@pytest.mark.model
def test_figures_governing_verb_gives_qualifier(bare_nlp: Language) -> None:
    figure = one_figure(bare_nlp, "The death toll is nearing 12,000.")
    assert (figure.kind, figure.value, figure.qualifier) == ("killed", 12000, "approx")


# --- numbers -------------------------------------------------------------------------------


@pytest.mark.model
def test_figures_population_denominator_is_not_the_count(bare_nlp: Language) -> None:
    figure = one_figure(bare_nlp, "Most of the population of 1.8 million has been displaced.")
    assert figure.kind == "displaced"
    assert (figure.value, figure.low, figure.high) == (None, None, 1_800_000)
    assert (figure.qualifier, figure.scope) == ("at_most", "cumulative")


# --- scope ---------------------------------------------------------------------------------


@pytest.mark.model
@pytest.mark.parametrize(
    ("text", "scope"),
    [
        ("The death toll has climbed to 3,400.", "cumulative"),
        ("More than 700 people have been killed since the conflict began.", "cumulative"),
        ("The fighting has displaced 60,000 people so far.", "cumulative"),
        ("In total, 900 people have been arrested.", "cumulative"),
        ("The war has killed over 8,000 civilians.", "cumulative"),
        ("The toll from the bombing rose to 19.", "incident"),
        ("A drone strike killed five people on Monday.", "incident"),
    ],
)
def test_figures_scope(bare_nlp: Language, text: str, scope: str) -> None:
    assert one_figure(bare_nlp, text).scope == scope


@pytest.mark.model
def test_figures_incident_beside_running_total(bare_nlp: Language) -> None:
    text = (
        "Four people were killed in the shelling, raising the death toll since the war began "
        "to 5,600."
    )
    found = [m.figure for m in figures_of(bare_nlp, text)]
    assert [(f.value, f.scope) for f in found] == [(4, "incident"), (5600, "cumulative")]


# --- attribution ---------------------------------------------------------------------------


@pytest.mark.model
def test_figures_claimed_by_the_reporting_source(bare_nlp: Language) -> None:
    figure = one_figure(bare_nlp, "The Interior Ministry says the death toll is nearing 2,000.")
    assert (figure.value, figure.qualifier, figure.scope) == (2000, "approx", "cumulative")
    assert figure.claimed_by is not None
    assert "Interior Ministry" in figure.claimed_by.entity_text


@pytest.mark.model
def test_figures_unreported_claim_has_no_claimant(bare_nlp: Language) -> None:
    assert one_figure(bare_nlp, "Gunmen killed six guards.").claimed_by is None


# --- component, events, size ---------------------------------------------------------------


@pytest.mark.model
def test_figures_component_sets_doc_figures(bare_nlp: Language) -> None:
    doc = figures_component(bare_nlp("Soldiers detained 25 people."))
    assert [m.figure.value for m in doc._.figures] == [25]


def _event(trigger: int) -> EventMention:
    return EventMention(trigger, (trigger,), "ASSAULT", (), ())


def _with_events(doc: Doc, *triggers: int) -> Doc:
    doc._.events = [_event(t) for t in triggers]
    return figures_component(doc)


@pytest.mark.model
def test_figures_for_event_splits_between_triggers(bare_nlp: Language) -> None:
    doc = bare_nlp(
        "Rebels attacked the base, killing six soldiers, and police arrested 40 suspects."
    )
    attacked = next(t.i for t in doc if t.text == "attacked")
    arrested = next(t.i for t in doc if t.text == "arrested")
    _with_events(doc, attacked, arrested)
    assert [f.value for f in figures_for_event(doc, attacked)] == [6]
    assert [f.value for f in figures_for_event(doc, arrested)] == [40]


@pytest.mark.model
def test_figures_for_event_sentence_without_event_goes_to_the_last_event(
    bare_nlp: Language,
) -> None:
    doc = bare_nlp("Jets bombed the market. Later, 12 people died in hospital.")
    _with_events(doc, 1)
    assert [f.value for f in figures_for_event(doc, 1)] == [12]


@pytest.mark.model
def test_figures_for_event_not_taken_from_another_events_sentence(bare_nlp: Language) -> None:
    doc = bare_nlp("Jets bombed the market. Rebels killed 12 people in the port.")
    shot = next(t.i for t in doc if t.text == "killed")
    _with_events(doc, 1, shot)
    assert figures_for_event(doc, 1) == []
    assert [f.value for f in figures_for_event(doc, shot)] == [12]


@pytest.mark.model
def test_figures_for_event_without_events_list(bare_nlp: Language) -> None:
    doc = figures_component(bare_nlp("A mortar attack killed three people."))
    killed = next(t.i for t in doc if t.text == "killed")
    assert [f.value for f in figures_for_event(doc, killed)] == [3]


def test_size_from_figures_ignores_cumulative() -> None:
    figures = [
        Figure("killed", 3, low=3, qualifier="at_least"),
        Figure("killed", 40000, qualifier="approx", scope="cumulative"),
        Figure("injured", None, low=10, high=20, qualifier="range"),
        Figure("detained", 7),
        Figure("displaced", None, low=200, qualifier="approx"),
        Figure("missing", 4),
    ]
    assert size_from_figures(figures) == Size(dead=3, injured=10, arrested=7, displaced=None)


def test_size_from_figures_takes_the_largest_claim() -> None:
    figures = [Figure("killed", 5), Figure("killed", 8), Figure("arrested", 2)]
    assert size_from_figures(figures) == Size(dead=8, arrested=2)


def test_size_from_figures_empty() -> None:
    assert size_from_figures([]) == Size()
