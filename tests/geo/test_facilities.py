"""Streets and named sites placed at the town the article puts them in."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

from spacy.language import Language
from spacy.tokens import Doc, Span

from eventwire.extraction.mentions import PlaceMention
from eventwire.geo.facilities import site_town
from eventwire.records import Place


def _place(doc: Doc, text: str) -> Place:
    return next(m.place for m in doc._.places if doc[m.start : m.end].text == text)


def test_facilities_site_in_named_town_is_placed_there(parse: Callable[..., Doc]) -> None:
    doc = parse("Two guards were hurt at Harbourside Stadium in Manchester on Sunday.")
    place = _place(doc, "Harbourside Stadium")
    assert place.extracted_place == "Harbourside Stadium"
    assert place.resolved_place == "Manchester"
    assert place.country_code == "GBR"
    assert place.resolution == 4


def test_facilities_street_takes_the_dateline_town(parse: Callable[..., Doc]) -> None:
    doc = parse("A car burned outside a shop on Quarry Lane overnight.", dateline="LEEDS")
    place = _place(doc, "Quarry Lane")
    assert place.resolved_place == "Leeds"
    assert place.resolution == 4


def test_facilities_without_a_town_stay_unresolved(parse: Callable[..., Doc]) -> None:
    doc = parse("Protesters gathered at Maple Grove Hospital before dawn.")
    place = _place(doc, "Maple Grove Hospital")
    assert place.resolution == 0
    assert place.geonameid is None


def test_facilities_place_name_inside_a_street_is_no_place(parse: Callable[..., Doc]) -> None:
    doc = parse("Police closed Atlantic Avenue in Brooklyn after the crash.")
    names = {m.place.resolved_place for m in doc._.places}
    assert "Atlantic Ocean" not in names
    assert _place(doc, "Atlantic Avenue").resolved_place == "Brooklyn"


def test_facilities_possessive_town_places_the_site(parse: Callable[..., Doc]) -> None:
    doc = parse("He was treated at Glasgow's Riverside Infirmary for burns.")
    assert _place(doc, "Riverside Infirmary").resolved_place == "Glasgow"


def test_facilities_venue_before_in_town_is_placed(parse: Callable[..., Doc]) -> None:
    doc = parse("The chef cooked for years at Le Petit Marais in Lyon before moving.")
    place = _place(doc, "Le Petit Marais")
    assert place.resolved_place == "Lyon"
    assert place.country_code == "FRA"


def test_facilities_person_before_in_town_is_no_venue(parse: Callable[..., Doc]) -> None:
    doc = parse("The mayor read a letter from Margaret Dawson in Boston on Monday.")
    texts = {doc[m.start : m.end].text for m in doc._.places}
    assert "Margaret Dawson" not in texts
    assert "Dawson" not in texts


def test_facilities_main_town_is_of_the_main_country(bare_nlp: Language) -> None:
    doc = bare_nlp("Buyers toured Larkspur Hall on Sunday.")

    def town(gid: int, name: str, iso3: str) -> PlaceMention:
        return PlaceMention(0, 1, Place(name, name, gid, 1.0, 1.0, country_code=iso3,
                                        feature_class="P", resolution=4))  # fmt: skip

    mentions = [town(1, "Kendal", "GBR")] * 2 + [town(2, "Dayton", "USA")]
    mentions += [PlaceMention(0, 1, Place("Ohio", "Ohio", 3, 1.0, 1.0, country_code="USA"))] * 2
    place = site_town(doc, 2, 4, mentions, None)
    assert place is not None and place.resolved_place == "Dayton"


def test_facilities_unknown_name_after_in_takes_its_qualifier_town(
    parse: Callable[..., Doc],
) -> None:
    doc = parse("A barn burned in Thornleigh Bottoms, Leeds, on Monday. Crews left at noon.")
    place = _place(doc, "Thornleigh Bottoms")
    assert place.resolved_place == "Leeds"
    assert place.extracted_place == "Thornleigh Bottoms"


def test_facilities_unknown_name_after_in_is_not_put_at_the_main_town(
    parse: Callable[..., Doc],
) -> None:
    doc = parse("Crews in Leeds were busy. A barn burned in Thornleigh Bottoms on Monday.")
    assert _place(doc, "Thornleigh Bottoms").resolution == 0


def test_facilities_main_town_tie_goes_to_a_much_larger_town(bare_nlp: Language) -> None:
    doc = bare_nlp("Officers patrolled Larkspur Avenue overnight.")

    mentions = [_town(1, "Bigport", 40.0, -90.0), _town(2, "Smallford", 42.0, -85.0)]
    sizes = {"Bigport": 2_000_000, "Smallford": 40_000}
    assert site_town(doc, 2, 4, mentions, None) is None  # 470 km apart: no district
    place = site_town(doc, 2, 4, mentions, None, size=lambda p: sizes[p.extracted_place])
    assert place is not None and place.resolved_place == "Bigport"


def test_facilities_main_town_tie_among_close_towns_is_their_district(
    bare_nlp: Language,
) -> None:
    doc = bare_nlp("Officers patrolled Larkspur Avenue overnight.")
    # Three suburbs named once each, within 30 km: the middle one, at district resolution.
    mentions = [
        _town(1, "Westbury", 40.0, -90.2),
        _town(2, "Midvale", 40.0, -90.0),
        _town(3, "Eastfield", 40.05, -89.8),
    ]
    place = site_town(doc, 2, 4, mentions, None)
    assert place is not None
    assert (place.resolved_place, place.resolution) == ("Midvale", 3)


def _town(gid: int, name: str, lat: float, lon: float) -> PlaceMention:
    place = Place(name, name, gid, lat, lon, country_code="USA", feature_class="P", resolution=4)
    return PlaceMention(0, 1, place)


def test_facilities_site_takes_the_town_later_in_its_sentence(parse: Callable[..., Doc]) -> None:
    doc = parse(
        "Leeds has three new parks. Two men were treated at Larkspur Memorial Hospital on "
        "Friday after a crash in Bradford. Leeds council met later."
    )
    place = _place(doc, "Larkspur Memorial Hospital")
    assert place.resolved_place == "Bradford"
    assert place.resolution == 4


def test_facilities_site_skips_a_town_of_another_clause(parse: Callable[..., Doc]) -> None:
    # A list of places: the town of the previous item, and a town after "to", are not the
    # site's; the main town is.
    doc = parse(
        "Leeds schools reopened in Leeds on Monday. Halls open: Station Hall in Bradford; "
        "Larkspur Community Centre, then a bus to York."
    )
    assert _place(doc, "Larkspur Community Centre").resolved_place == "Leeds"


def test_facilities_person_name_is_no_main_town(bare_nlp: Language) -> None:
    doc = bare_nlp("Grace Ashford wrote that Ashford loved Larkspur Avenue on most days.")
    doc.ents = [Span(doc, 0, 2, label="PERSON")]
    ashford = Place("Ashford", "Ashford", 1, 51.1, 0.9, country_code="GBR", feature_class="P")
    mentions = [PlaceMention(4, 5, ashford)]
    # "Ashford" beside "Grace Ashford" is the person: no main town, the street stays unplaced.
    assert site_town(doc, 6, 8, mentions, None) is None
    # The same name after "in" is a place, whatever else the article calls a person.
    cued = [PlaceMention(4, 5, ashford), PlaceMention(12, 13, replace(ashford, lat=51.2))]
    doc2 = bare_nlp("Grace Ashford wrote that Ashford loved Larkspur Avenue. She lived in Ashford.")
    doc2.ents = [Span(doc2, 0, 2, label="PERSON")]
    place = site_town(doc2, 6, 8, cued, None)
    assert place is not None and place.resolved_place == "Ashford"


def test_facilities_road_numbers_are_streets_of_the_british_town(
    parse: Callable[..., Doc],
) -> None:
    doc = parse(
        "Crews in Swindon closed the A419 after a crash. Traffic used the B4192, A346 and "
        "M4 until noon, council staff in Swindon said."
    )
    texts = {doc[m.start : m.end].text: m.place for m in doc._.places}
    assert {"A419", "B4192", "A346", "M4"} <= texts.keys()
    assert texts["A419"].resolved_place == "Swindon"
    assert texts["A419"].resolution == 4


def test_facilities_road_number_outside_britain_is_no_place(parse: Callable[..., Doc]) -> None:
    doc = parse("Airlines in Toulouse said the A350 was delayed. Staff in Toulouse agreed.")
    texts = {doc[m.start : m.end].text for m in doc._.places}
    assert "A350" not in texts


def test_facilities_names_listed_before_streets_are_streets(parse: Callable[..., Doc]) -> None:
    doc = parse("Police in Chicago said a man fell at the corner of State and Hubbard streets.")
    places = {doc[m.start : m.end].text: m.place for m in doc._.places}
    assert places["Hubbard"].resolved_place == "Chicago"  # not Hubbard, Ohio
    assert places["Hubbard"].extracted_place == "Hubbard"


def test_facilities_site_takes_the_town_after_a_date(parse: Callable[..., Doc]) -> None:
    doc = parse(
        "Shoppers in Miami Beach queued. A chef cooked at Larkspur Hall on Wednesday, "
        "Nov. 2, 2016, in Fresno. Miami Beach stores were full."
    )
    assert _place(doc, "Larkspur Hall").resolved_place == "Fresno"


def test_facilities_name_before_a_venue_noun_and_in_town(parse: Callable[..., Doc]) -> None:
    doc = parse("Fans in Leeds cheered. We met at the Pioneer cinema in Dewsbury. Leeds won.")
    place = _place(doc, "Pioneer cinema")
    assert (place.resolved_place, place.extracted_place) == ("Dewsbury", "Pioneer cinema")


def test_facilities_town_list_before_streets_is_no_street(parse: Callable[..., Doc]) -> None:
    # No street cue: "Lisbon and Rome streets" are streets of those towns, not of Madrid.
    doc = parse("Officers in Madrid said Lisbon and Rome streets were quiet as well.")
    places = {doc[m.start : m.end].text: m.place for m in doc._.places}
    assert (places["Lisbon"].resolved_place, places["Lisbon"].country_code) == ("Lisbon", "PRT")
    assert (places["Rome"].resolved_place, places["Rome"].country_code) == ("Rome", "ITA")


def test_facilities_listed_street_takes_no_main_town(parse: Callable[..., Doc]) -> None:
    doc = parse(
        "Police in Leeds met on Monday. A van overturned at Ferncliff and Tollgate streets. "
        "A bus stopped at Quarry and Mill streets in Harrogate."
    )
    assert _place(doc, "Ferncliff").resolution == 0  # its clause names no town
    assert _place(doc, "Quarry").resolved_place == "Harrogate"


def test_facilities_state_before_a_venue_noun_stays_the_state(parse: Callable[..., Doc]) -> None:
    doc = parse("Inmates were moved to a Florida jail in Tampa on Friday.")
    places = {doc[m.start : m.end].text: m.place for m in doc._.places}
    assert (places["Florida"].feature_code, places["Florida"].country_code) == ("ADM1", "USA")
    assert places["Tampa"].resolved_place == "Tampa"
