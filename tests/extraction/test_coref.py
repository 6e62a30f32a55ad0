"""Within-article coreference and the country of actors that do not name one."""

from __future__ import annotations

import pytest
from actor_helpers import actors_of, codes, find
from spacy.language import Language
from spacy.tokens import Doc

from eventwire.extraction.actor_lookup import actor_at
from eventwire.extraction.mentions import PlaceMention
from eventwire.records import Place


def _with_places(doc: Doc, *names: tuple[str, str]) -> None:
    places = []
    for text, code in names:
        i = next(t.i for t in doc if t.text == text)
        places.append(PlaceMention(i, i + 1, Place(text, text, country_code=code, resolution=4)))
    doc._.places = places


@pytest.mark.model
def test_coref_name_in_apposition_after_the_office(bare_nlp: Language) -> None:
    text = "Chile's foreign minister, Laura Soto, arrived in Lima on Monday."
    _, mentions = actors_of(bare_nlp, text)
    assert codes(find(mentions, "Laura Soto")) == ("CHL", "GOV")


@pytest.mark.model
def test_coref_representative_of_a_body_takes_its_sector(bare_nlp: Language) -> None:
    text = "Leaders of the opposition alliance called off the march."
    _, mentions = actors_of(bare_nlp, text)
    assert find(mentions, "Leaders").entity.sector == "OPP"


@pytest.mark.model
def test_coref_possessive_pronoun_takes_the_latest_body(bare_nlp: Language) -> None:
    text = "Egypt's army said its soldiers had closed the crossing."
    _, mentions = actors_of(bare_nlp, text)
    assert codes(find(mentions, "soldiers")) == ("EGY", "MIL")


@pytest.mark.model
def test_coref_conjunct_shares_the_qualifier(bare_nlp: Language) -> None:
    _, mentions = actors_of(bare_nlp, "Turkish warplanes and drones struck the valley.")
    assert codes(find(mentions, "drones")) == ("TUR", "MIL")


@pytest.mark.model
def test_coref_family_name_first_resolves(bare_nlp: Language) -> None:
    text = "President Park Min Ho vetoed the bill. Park said the law was flawed."
    _, mentions = actors_of(bare_nlp, text)
    later = [m for m in mentions if m.entity.entity_text == "Park"]
    assert later and later[0].entity.identifier_text == "Park Min Ho"


@pytest.mark.model
def test_coref_local_group_prefers_country_of_places(bare_nlp: Language) -> None:
    text = (
        "Syria's army shelled Idlib. Syria's government defended the strikes. "
        "Syrian officials met. Civilians fled Reyhanli and Antakya."
    )
    doc, mentions = actors_of(bare_nlp, text)
    assert codes(find(mentions, "Civilians")) == ("SYR", "CVL")  # the main country first
    _with_places(doc, ("Reyhanli", "TUR"), ("Antakya", "TUR"))
    civilians = next(t.i for t in doc if t.text == "Civilians")
    assert codes(actor_at(doc, civilians)) == ("TUR", "CVL")


@pytest.mark.model
def test_coref_qualified_actor_keeps_its_country_despite_places(bare_nlp: Language) -> None:
    doc, _ = actors_of(bare_nlp, "Greek police detained migrants near Edirne.")
    _with_places(doc, ("Edirne", "TUR"))
    police = next(t.i for t in doc if t.text == "police")
    assert codes(actor_at(doc, police)) == ("GRC", "COP")


@pytest.mark.model
def test_localised_regional_governor_takes_the_country_of_the_places() -> None:
    # record.md's example: the governor of the shelled region is Ukrainian, not Russian.
    from datetime import date

    import eventwire

    events = eventwire.extract(
        "KYIV (EW) — Russian forces shelled Kharkiv on Tuesday, killing at least three "
        "civilians, the regional governor said.",
        published=date(2024, 5, 17),
    )
    (assault,) = [e for e in events if e.event == ("ASSAULT",)]
    assert assault.claimed_by is not None
    assert (assault.claimed_by.code, assault.claimed_by.sector) == ("UKR", "GOV")


def test_coref_known_person_by_surname_after_a_title(bare_nlp: Language) -> None:
    _, mentions = actors_of(bare_nlp, "President Yoweri K. Museveni addressed parliament.")
    mention = next(m for m in mentions if "Museveni" in m.entity.entity_text)
    assert codes(mention) == ("UGA", "GOV")
    assert mention.entity.identifier_text == "Yoweri Museveni"
