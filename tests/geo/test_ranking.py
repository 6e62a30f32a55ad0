"""Reading choice: context shares, "Town, Area" pairs and nearby places (no model needed)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from typing import Any

from spacy.tokens import Doc

from eventwire.geo.gazetteer import PRIMARY, Candidate
from eventwire.geo.ranking import Hit, _context_score, _near_bonus, _pin_pair


def _cand(
    gid: int, name: str, code: str, iso3: str, lat: float, lon: float, **kw: object
) -> Candidate:
    fclass = "P" if code.startswith("PP") else "A"
    province = kw.get("province")
    pop = int(kw.get("population", 1000))  # type: ignore[call-overload]
    return Candidate(gid, name, fclass, code, iso3, province, lat, lon, pop, PRIMARY)  # type: ignore[arg-type]


def test_ranking_context_score_scales_with_share() -> None:
    context = Counter({"GBR": 12.0, "USA": 3.0})
    assert _context_score(context, "GBR") > 2.0
    assert _context_score(context, "USA") < 1.0
    assert _context_score(context, "FRA") == 0.0


def test_ranking_pin_pair_town_in_county() -> None:
    county = _cand(1, "Northshire", "ADM2", "GBR", 51.0, -1.0)
    near_town = _cand(2, "Aldwick", "PPL", "GBR", 51.2, -1.1)
    far_town = _cand(3, "Aldwick", "PPL", "USA", 40.0, -80.0, population=90_000)
    town = Hit(0, 1, "Aldwick", [far_town, near_town], "GPE")
    area = Hit(2, 3, "Northshire", [county], "GPE")
    _pin_pair(town, area)
    assert town.pinned == near_town
    assert area.pinned == county


def test_ranking_pin_pair_town_in_state() -> None:
    state = _cand(10, "Eastland", "ADM1", "USA", 35.0, -90.0)
    inside = _cand(11, "Fairview", "PPL", "USA", 36.0, -91.0, province="Eastland")
    other = _cand(12, "Fairview", "PPL", "USA", 30.0, -97.0, province="Westland")
    town = Hit(0, 1, "Fairview", [other, inside], "GPE")
    _pin_pair(town, Hit(2, 3, "Eastland", [state], "GPE"))
    assert town.pinned == inside


def test_ranking_pin_pair_list_of_towns_pins_nothing() -> None:
    first = Hit(0, 1, "Aldwick", [_cand(2, "Aldwick", "PPL", "GBR", 51.2, -1.1)], "GPE")
    second = Hit(2, 3, "Bexford", [_cand(4, "Bexford", "PPL", "GBR", 53.0, -2.0)], "GPE")
    _pin_pair(first, second)
    assert first.pinned is None
    assert second.pinned is None


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
