"""Reading choice: context shares and nearby places (no model needed)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from typing import Any

from geo_factories import candidate as _cand
from spacy.language import Language
from spacy.tokens import Doc

from eventwire.geo.ranking import Hit, _context_score, _near_bonus, choose


def test_ranking_context_score_scales_with_share() -> None:
    context = Counter({"GBR": 12.0, "USA": 3.0})
    assert _context_score(context, "GBR") > 2.0
    assert _context_score(context, "USA") < 1.0
    assert _context_score(context, "FRA") == 0.0


def test_ranking_near_bonus_counts_other_names_only() -> None:
    cand = _cand(5, "Fairview", "PPL", "USA", 36.0, -91.0)
    near = [("fairview", 36.0, -91.0), ("elm creek", 36.3, -91.2), ("oslo", 59.9, 10.7)]
    assert _near_bonus(cand, "fairview", near) > 0
    assert _near_bonus(cand, "fairview", near[:1]) == 0.0
    assert _near_bonus(cand, "fairview", near, least=2) == 0.0


def test_ranking_state_before_an_institution_is_the_state(parse: Callable[..., Doc]) -> None:
    doc = parse("A New York court awarded the painters damages on Monday.")
    (place,) = [m.place for m in doc._.places]
    assert (place.geonameid, place.feature_code) == (5128638, "ADM1")


def test_ranking_state_named_like_a_lesser_city_is_the_state(parse: Callable[..., Doc]) -> None:
    doc = parse("Teachers walked out across Oklahoma on Monday.")
    (place,) = [m.place for m in doc._.places]
    assert place.geonameid == 4544379


def test_ranking_world_city_stays_against_country_mix(parse: Callable[..., Doc]) -> None:
    text = (
        "Britain expelled the envoys, and officials in Britain and the United Kingdom's "
        "allies said more would follow. In Washington, the diplomats boarded a bus."
    )
    found = dict(_texts(parse(text)))
    assert found["Washington"].place.geonameid == 4140963


def test_ranking_world_city_does_not_make_a_story_local(parse: Callable[..., Doc]) -> None:
    doc = parse("The prince made stops in Washington, New York and Boston this month.")
    found = dict(_texts(doc))
    assert found["Boston"].place.province == "Massachusetts"


def _texts(doc: Doc) -> list[tuple[str, Any]]:
    return [(doc[m.start : m.end].text, m) for m in doc._.places]


def test_ranking_city_dwarfing_its_namesakes_stays_against_country_mix(
    parse: Callable[..., Doc],
) -> None:
    doc = parse("Fans in Ohio and Texas cheered. He was born in Manchester and moved to the US.")
    assert dict(_texts(doc))["Manchester"].place.country_code == "GBR"


def test_ranking_city_dwarfing_its_namesakes_yields_to_nearby_towns(
    parse: Callable[..., Doc],
) -> None:
    doc = parse("Police in Concord and Nashua said a man from Manchester was arrested on Friday.")
    assert dict(_texts(doc))["Manchester"].place.province == "New Hampshire"


def test_ranking_county_of_the_state_the_article_names(parse: Callable[..., Doc]) -> None:
    for state in ("Kentucky", "Ohio"):
        doc = parse(f"{state} lawmakers met on Monday, and Pike County will get more money.")
        assert dict(_texts(doc))["Pike County"].place.province == state


def test_ranking_town_opening_an_organisation_ignores_the_story_countries(
    bare_nlp: Language,
) -> None:
    # A story about the United States: "Venice" of "the Venice Commission" is still Italy's.
    doc = bare_nlp("The Venice Commission report was read in Denver and Chicago.")
    italy = _cand(1, "Venice", "PPL", "ITA", 45.4, 12.3, population=51_000)
    usa = _cand(2, "Venice", "PPL", "USA", 34.0, -118.5, population=41_000)
    hit = Hit(1, 2, "Venice", [italy, usa], "ORG", partial=True)
    context = Counter({"USA": 4})
    assert choose(doc, hit, context).country_code == "USA"  # a town named alone
    hit.opening = True
    assert choose(doc, hit, context).country_code == "ITA"
