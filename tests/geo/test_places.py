"""Toponym finding, resolution and the event-location choice, on hand-written sentences."""

from __future__ import annotations

from collections.abc import Callable

from spacy.tokens import Doc

from eventwire.extraction.mentions import ActorMention
from eventwire.geo.places import event_place
from eventwire.records import Entity, Place


def _found(doc: Doc) -> dict[str, tuple[int | None, bool]]:
    return {doc[m.start : m.end].text: (m.place.geonameid, m.literal) for m in doc._.places}


def _placed(doc: Doc) -> dict[str, Place]:
    """Each place name of the doc with its place (the last mention of a repeated name)."""
    return {doc[m.start : m.end].text: m.place for m in doc._.places}


def _token(doc: Doc, word: str) -> int:
    return next(t.i for t in doc if t.text == word)


def test_places_town_mislabelled_as_person_is_found(parse: Callable[..., Doc]) -> None:
    doc = parse("Tanks moved toward Khan Younis after the families left.")
    assert _found(doc)["Khan Younis"] == (281124, True)


def test_places_capital_as_subject_is_metonym(parse: Callable[..., Doc]) -> None:
    doc = parse("Washington said the talks in Doha would resume next week.")
    found = _found(doc)
    assert found["Washington"] == (4140963, False)
    assert found["Doha"][1] is True


def test_places_country_as_subject_is_metonym(parse: Callable[..., Doc]) -> None:
    doc = parse("Turkey shelled villages in northern Syria.")
    found = _found(doc)
    assert found["Turkey"][1] is False
    assert found["Syria"][1] is True


def test_places_qualifier_picks_the_state(parse: Callable[..., Doc]) -> None:
    doc = parse("Storms flooded streets in Springfield, Illinois, late on Monday.")
    springfield = next(m.place for m in doc._.places if m.place.extracted_place == "Springfield")
    assert springfield.province == "Illinois"
    assert springfield.country_code == "USA"


def test_places_possessive_admin1(parse: Callable[..., Doc]) -> None:
    doc = parse("Militias surrounded El Fasher, in Sudan's North Darfur state, for weeks.")
    found = _found(doc)
    assert found["El Fasher"][0] == 379555
    assert found["North Darfur state"][0] == 408666


def test_places_skips_actor_spans(parse: Callable[..., Doc]) -> None:
    text = "Georgia Smith, a lawyer, spoke to reporters."
    person = ActorMention(0, 2, Entity("Georgia Smith", "UNK", "CVL"), "person")
    doc = parse(text, actors=[person])
    assert doc._.places == []


def test_places_unknown_village_kept_unresolved(parse: Callable[..., Doc]) -> None:
    doc = parse("Gunmen raided a school in Qwazibenda on Sunday.")
    unresolved = [m.place for m in doc._.places if m.place.resolution == 0]
    assert [p.extracted_place for p in unresolved] == ["Qwazibenda"]
    assert unresolved[0].geonameid is None


def test_places_ignores_small_namesakes_without_cue(parse: Callable[..., Doc]) -> None:
    # "Police" is a town in Poland; here it is the subject of the sentence.
    doc = parse("Police said the suspects were detained.")
    assert doc._.places == []


def test_event_place_evacuation_is_the_town_not_the_dateline(parse: Callable[..., Doc]) -> None:
    text = "The army ordered an evacuation around Khan Younis in southern Gaza on Tuesday."
    doc = parse(text, dateline="JERUSALEM")
    place, role, reason = event_place(doc, _token(doc, "ordered"))
    assert place is not None and place.geonameid == 281124
    assert role == "event"
    assert "around" in reason


def test_event_place_gaza_resolves_to_strip(parse: Callable[..., Doc]) -> None:
    doc = parse("The army ordered an evacuation around Khan Younis in southern Gaza on Tuesday.")
    gaza = next(m.place for m in doc._.places if m.place.extracted_place == "Gaza")
    assert (gaza.geonameid, gaza.resolution) == (281132, 2)


def test_event_place_dateline_only_gives_its_country(parse: Callable[..., Doc]) -> None:
    doc = parse("The minister met his counterpart to discuss trade.", dateline="KYIV, Ukraine")
    place, role, _reason = event_place(doc, _token(doc, "met"))
    assert place is not None
    assert role == "dateline"
    assert (place.resolution, place.country_code, place.geonameid) == (1, "UKR", 690791)


def test_event_place_article_main_place(parse: Callable[..., Doc]) -> None:
    text = (
        "Shelling hit Kharkiv again. Residents of Kharkiv sheltered in the metro. "
        "Officials in Odesa reported calm. Rescuers searched the rubble for survivors."
    )
    doc = parse(text, dateline="KYIV")
    place, role, _reason = event_place(doc, _token(doc, "searched"))
    assert place is not None and place.geonameid == 706483
    assert role == "article"
    assert event_place(doc, _token(doc, "searched"), sentence_only=True)[:2] == (None, None)


def test_event_place_skips_metonyms(parse: Callable[..., Doc]) -> None:
    doc = parse("Washington condemned the attack.")
    place, role, _reason = event_place(doc, _token(doc, "condemned"))
    assert place is None and role is None


def test_event_place_other_place_in_sentence(parse: Callable[..., Doc]) -> None:
    doc = parse("Rebels who control Goma announced a ceasefire.")
    place, role, _reason = event_place(doc, _token(doc, "announced"))
    assert place is not None and place.geonameid == 216281
    assert role == "event"


def test_places_continent_adjective_is_non_literal_region(parse: Callable[..., Doc]) -> None:
    doc = parse("European ministers met on Tuesday to discuss the grain deal.")
    assert _found(doc)["European"] == (6255148, False)


def test_places_eu_inside_organisation_is_europe_non_literal(parse: Callable[..., Doc]) -> None:
    text = "EU ministers agreed on new sanctions."
    eu = ActorMention(0, 1, Entity("EU", "IGO", "GOV"), "organisation")
    doc = parse(text, actors=[eu])
    assert _found(doc)["EU"] == (6255148, False)


def test_places_compass_word_is_not_a_place_alone(parse: Callable[..., Doc]) -> None:
    doc = parse("Storms flooded homes across South Florida on Sunday.")
    found = _found(doc)
    assert "South" not in found
    assert found["Florida"][0] == 4155751


def test_places_ocean_alias_outranks_towns(parse: Callable[..., Doc]) -> None:
    doc = parse("The ship sank in the Atlantic after the storm.")
    assert _found(doc)["Atlantic"][0] == 3373405


def test_places_town_in_article_state_ranks_first(parse: Callable[..., Doc]) -> None:
    text = "Ohio lawmakers met on Monday. Later, police in Springfield arrested two men."
    doc = parse(text)
    springfield = next(m for m in doc._.places if m.place.extracted_place == "Springfield")
    assert springfield.place.geonameid == 4525353


def test_places_large_city_taken_for_person_is_found(parse: Callable[..., Doc]) -> None:
    text = "Officials said Seattle had reported two new cases."
    person = ActorMention(2, 3, Entity("Seattle", "UNK", "CVL"), "person")
    doc = parse(text, actors=[person])
    assert _found(doc)["Seattle"][0] == 5809844


def test_places_surname_of_named_person_is_no_place(parse: Callable[..., Doc]) -> None:
    text = "John Bolton spoke on Friday. Bolton said the talks had failed."
    doc = parse(text)
    assert "Bolton" not in _found(doc)


def test_places_world_city_beats_homonym_of_named_country(parse: Callable[..., Doc]) -> None:
    doc = parse(
        "The United States and Canada sent observers. The summit opened in London on Monday."
    )
    assert _found(doc)["London"][0] == 2643743


def test_places_town_comma_state_names_the_state(parse: Callable[..., Doc]) -> None:
    doc = parse("A ferry ran aground near Tacoma, Washington, on Friday.")
    places = _placed(doc)
    assert places["Washington"].feature_code == "ADM1"
    assert places["Tacoma"].province == "Washington"


def test_places_town_comma_county_picks_the_county(parse: Callable[..., Doc]) -> None:
    doc = parse("The race moves to Thruxton, Hampshire, in May.")
    places = _placed(doc)
    assert places["Hampshire"].country_code == "GBR"
    assert places["Hampshire"].feature_code == "ADM2"


def test_places_coordinated_town_is_found(parse: Callable[..., Doc]) -> None:
    doc = parse("The trains stop in Utrecht and Almelo before the border.")
    assert _found(doc)["Almelo"][1] is True


def test_places_name_used_as_place_elsewhere_is_a_place(parse: Callable[..., Doc]) -> None:
    doc = parse("Rain flooded roads in Nenagh. The Nenagh councillor asked for help.")
    found = [m for m in doc._.places if doc[m.start : m.end].text == "Nenagh"]
    assert len(found) == 2
    assert [m.literal for m in found] == [True, False]


def test_places_name_listed_with_a_state_is_a_state(parse: Callable[..., Doc]) -> None:
    doc = parse("Many firms moved their offices out of Oregon or Washington last year.")
    places = _placed(doc)
    assert places["Washington"].feature_code == "ADM1"


def test_places_date_tagged_town_after_in_is_a_place(parse: Callable[..., Doc]) -> None:
    doc = parse("Soldiers were posted in Manbij near the border on Tuesday.")
    assert _found(doc)["Manbij"][0] == 167357


def test_places_county_named_after_a_state_is_not_the_state(parse: Callable[..., Doc]) -> None:
    doc = parse("Schools in Ohio County and Daviess County will get new buses.")
    assert all(m.place.feature_code != "ADM1" for m in doc._.places)


def test_places_state_name_is_the_state_not_a_same_named_town(parse: Callable[..., Doc]) -> None:
    doc = parse("A federal judge in Wyoming halted the drilling rule on Tuesday.")
    wyoming = next(m.place for m in doc._.places if m.place.extracted_place == "Wyoming")
    assert wyoming.geonameid == 5843591
    assert wyoming.feature_code == "ADM1"


def test_places_person_name_before_a_noun_is_no_town(parse: Callable[..., Doc]) -> None:
    doc = parse("The rule was written in the last days of the Obama administration in Denver.")
    found = _found(doc)
    assert "Obama" not in found
    assert "Denver" in found


def test_places_area_after_an_unknown_name_ending_the_clause(parse: Callable[..., Doc]) -> None:
    doc = parse("The final round is on 9 June at Harlow Ridge Circuit, Leicestershire.")
    found = _placed(doc)
    assert found["Leicestershire"].feature_code == "ADM2"
    assert found["Leicestershire"].country_code == "GBR"


def test_places_direction_word_region_of_a_named_country(parse: Callable[..., Doc]) -> None:
    doc = parse("Floods hit Cameroon this week, and farms in the West region were cut off.")
    west = [m.place for m in doc._.places if m.place.extracted_place.startswith("West")]
    assert west and west[0].country_code == "CMR"


def test_places_modifier_mesa_is_the_town(parse: Callable[..., Doc]) -> None:
    doc = parse("The Mesa school board met on Tuesday. Tempe officials agreed.")
    mesa = next(m.place for m in doc._.places if doc[m.start : m.end].text == "Mesa")
    assert (mesa.geonameid, mesa.country_code) == (5304391, "USA")


def test_places_agency_word_after_the_is_no_place(parse: Callable[..., Doc]) -> None:
    doc = parse("The Interior minister flew to Denver on Monday.")
    assert [doc[m.start : m.end].text for m in doc._.places] == ["Denver"]


def test_places_all_caps_towns_are_the_towns(parse: Callable[..., Doc]) -> None:
    doc = parse("Mourners in ROME and LIMA gathered on Sunday.")
    found = {doc[m.start : m.end].text: m.place.country_code for m in doc._.places}
    assert found == {"ROME": "ITA", "LIMA": "PER"}
