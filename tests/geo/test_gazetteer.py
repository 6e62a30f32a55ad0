"""The place-name index: built once into the cache, then looked up by normalised name."""

from __future__ import annotations

import pytest

from eventwire.geo.gazetteer import ALIAS, Gazetteer, normalize


@pytest.fixture(scope="module")
def gaz() -> Gazetteer:
    return Gazetteer.load()


def test_normalize_folds_case_accents_articles_and_hyphens() -> None:
    assert normalize("Deir el-Balah") == normalize("Deir al Balah") == "deir balah"
    assert normalize("Khān Yūnis") == "khan yunis"
    assert normalize("the Gaza Strip") == "gaza strip"
    assert normalize("U.S.") == "us"
    assert normalize("Ma'rib") == "marib"


def test_normalize_keeps_a_lone_article_word() -> None:
    assert normalize("El") == "el"


def test_load_is_cached_per_process(gaz: Gazetteer) -> None:
    assert Gazetteer.load() is gaz


def test_candidates_kyiv_and_kiev_are_the_capital(gaz: Gazetteer) -> None:
    for name in ("Kyiv", "Kiev", "KIEV"):
        top = gaz.candidates(name)[0]
        assert top.geonameid == 703448
        assert top.country_code == "UKR"


def test_candidates_khan_younis_spellings(gaz: Gazetteer) -> None:
    for name in ("Khan Younis", "Khan Yunis", "Khan-Yunis"):
        assert gaz.candidates(name)[0].geonameid == 281124


def test_candidates_gaza_strip_comes_from_regions(gaz: Gazetteer) -> None:
    top = gaz.candidates("Gaza Strip")[0]
    assert top.geonameid == 281132
    assert top.resolution == 2
    assert top.match == ALIAS
    # Bare "Gaza" in news is the Strip; the city is "Gaza City".
    assert gaz.candidates("Gaza")[0].geonameid == 281132
    assert gaz.candidates("Gaza City")[0].geonameid == 281133


def test_candidates_region_without_geonameid_has_none_in_place(gaz: Gazetteer) -> None:
    place = gaz.place(gaz.candidates("Donbas")[0])
    assert place.geonameid is None
    assert place.country_code == "UKR"
    assert place.resolution == 2
    assert place.lat is not None


def test_candidates_washington_lists_capital_and_state(gaz: Gazetteer) -> None:
    found = gaz.candidates("Washington")
    codes = {(c.geonameid, c.feature_code) for c in found}
    assert (4140963, "PPLC") in codes  # Washington, D.C.
    assert any(c.feature_code == "ADM1" and c.country_code == "USA" for c in found)
    assert found[0].geonameid == 4140963


def test_candidates_us_state(gaz: Gazetteer) -> None:
    place = gaz.place(gaz.candidates("Texas")[0])
    assert place.geonameid == 4736286
    assert place.resolution == 2
    assert place.country_code == "USA"
    assert place.lat is not None and 25 < place.lat < 37


def test_candidates_admin1_outside_the_us(gaz: Gazetteer) -> None:
    assert gaz.candidates("North Darfur")[0].geonameid == 408666
    oblast = gaz.candidates("Kharkiv Oblast")
    assert [c.geonameid for c in oblast] == [706482]
    assert gaz.candidates("Kharkiv")[0].geonameid == 706483  # the city before the oblast


def test_candidates_admin_suffix_keeps_only_areas(gaz: Gazetteer) -> None:
    found = gaz.candidates("Rakhine State")
    assert found and all(c.feature_class == "A" for c in found)


def test_candidates_unknown_name_is_empty(gaz: Gazetteer) -> None:
    assert gaz.candidates("Qwzxtville") == []
    assert gaz.candidates("") == []


def test_place_fills_province_and_alpha3_country(gaz: Gazetteer) -> None:
    place = gaz.place(gaz.candidates("El Fasher")[0], extracted="El Fasher")
    assert place.province == "North Darfur"
    assert place.country == "Sudan"
    assert place.country_code == "SDN"
    assert (place.feature_class, place.resolution) == ("P", 4)


def test_country_by_iso3_has_centre_point(gaz: Gazetteer) -> None:
    ukraine = gaz.country("UKR")
    assert ukraine is not None
    assert ukraine.geonameid == 690791
    assert ukraine.resolution == 1
    assert (ukraine.lat, ukraine.lon) == pytest.approx((49.0, 32.0), abs=0.5)  # not Kyiv
    russia = gaz.country("RUS")
    assert russia is not None and russia.lon is not None and russia.lon > 80  # east of the Urals
    assert gaz.country("XXX") is None


def test_admin_area_point_is_central_not_its_largest_city(gaz: Gazetteer) -> None:
    # Florida's largest city, Jacksonville, lies at its north-east edge.
    florida = next(c for c in gaz.candidates("Florida") if c.feature_code == "ADM1")
    assert florida.lat is not None and 26.5 < florida.lat < 29.5
    assert florida.lon is not None and -84.0 < florida.lon < -81.0


def test_candidates_russian_oblast_english_name(gaz: Gazetteer) -> None:
    assert gaz.candidates("Kursk region")[0].geonameid == 538555
    assert gaz.candidates("Kursk")[0].feature_class == "P"


def test_country_aliases_us_and_uk(gaz: Gazetteer) -> None:
    assert gaz.candidates("U.S.")[0].geonameid == 6252001
    assert gaz.candidates("UK")[0].geonameid == 2635167


def test_alternate_codes_are_not_names(gaz: Gazetteer) -> None:
    # "IEV" (Kyiv's airport code) is among GeoNames' alternate names; it is not a place name.
    assert all(c.geonameid != 703448 for c in gaz.candidates("IEV"))


def test_gazetteer_saint_abbreviation_finds_full_name() -> None:
    found = Gazetteer.load().candidates("St. Petersburg")
    assert 498817 in {c.geonameid for c in found}


def test_gazetteer_spelling_variant_keeps_its_better_match(gaz: Gazetteer) -> None:
    found = {c.geonameid: c.match for c in gaz.candidates("St. Petersburg")}
    assert found[498817] < 2  # Saint Petersburg, Russia: its primary name spelt out


def test_candidates_county_suffix_is_never_a_state(gaz: Gazetteer) -> None:
    codes = {c.feature_code for c in gaz.candidates("Ohio County")}
    assert "ADM1" not in codes
    assert any(c.feature_code == "ADM1" for c in gaz.candidates("Ohio"))


def test_candidates_airport_alone_is_its_city(gaz: Gazetteer) -> None:
    assert gaz.candidates("Heathrow")[0].name == "London"
    assert gaz.candidates("Schiphol")[0].country_code == "NLD"


def test_candidates_english_county_missing_from_the_index(gaz: Gazetteer) -> None:
    top = gaz.candidates("Yorkshire")[0]
    assert (top.country_code, top.feature_code, top.match) == ("GBR", "RGN", ALIAS)
    assert gaz.candidates("Herts")[0].name == "Hertfordshire"


def test_candidates_korea_alone_is_south_korea(gaz: Gazetteer) -> None:
    top = gaz.candidates("Korea")[0]
    assert (top.country_code, top.feature_code, top.match) == ("KOR", "PCLI", ALIAS)
    assert gaz.candidates("North Korea")[0].country_code == "PRK"


def test_candidates_county_lies_in_its_state(gaz: Gazetteer) -> None:
    counties = [c for c in gaz.candidates("Pike County") if c.country_code == "USA"]
    assert {"Kentucky", "Ohio", "Alabama"} <= {c.province for c in counties}
    place = gaz.place(counties[0])
    assert (place.feature_code, place.resolution, place.province) == ("ADM2", 3, "Alabama")


def test_candidates_nigerian_lga_is_the_local_government_area(gaz: Gazetteer) -> None:
    # Oju is both a town and the local government area around it; "LGA" says which.
    assert [c.feature_code for c in gaz.candidates("Oju")] == ["ADM2", "PPL"]
    for name in ("Oju LGA", "Oju Local Government Area"):
        assert [(c.geonameid, c.feature_code) for c in gaz.candidates(name)] == [(8659762, "ADM2")]


def test_by_id_finds_a_place_and_not_an_unknown_id(gaz: Gazetteer) -> None:
    found = gaz.by_id(2759887)
    assert found is not None and (found.name, found.feature_code) == ("Almelo", "PPL")
    assert gaz.by_id(-1) is None
