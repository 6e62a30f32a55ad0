"""`geoparse(text, spans=...)`: exactly the given names, resolved in the article's context."""

from __future__ import annotations

import pytest
from spacy.language import Language

from eventwire.errors import InputError
from eventwire.geo.gazetteer import Gazetteer
from eventwire.geo.given import _given_hit
from eventwire.geo.ranking import Hit
from eventwire.geo.toponyms import article_toponyms, geoparse
from eventwire.records import Article, Toponym

SALES = "Almelo reported strong bicycle sales this spring, traders in Enschede said."


@pytest.fixture(scope="module", autouse=True)
def _model(nlp: Language) -> None:
    """Load the pipeline once for the module (geoparse uses the same cached one)."""


def _span(text: str, name: str, start: int = 0) -> tuple[int, int]:
    i = text.index(name, start)
    return i, i + len(name)


def _given_one(text: str, name: str) -> Toponym:
    """The one toponym `geoparse` returns for the span of `name` in `text`."""
    (found,) = geoparse(text, spans=[_span(text, name)])
    return found


def test_given_span_recognition_skips_is_resolved() -> None:
    # No other place vouches for the name the model takes for a person.
    text = "Almelo reported strong bicycle sales this spring, traders said."
    assert "Almelo" not in {t.text for t in geoparse(text)}
    found = _given_one(text, "Almelo")
    assert (found.text, found.place.geonameid, found.place.country_code) == (
        "Almelo",
        2759887,
        "NLD",
    )


def test_given_spans_keep_their_order_and_offsets() -> None:
    spans = [_span(SALES, "Enschede"), _span(SALES, "Almelo")]
    found = geoparse(SALES, spans=spans)
    assert [(t.start, t.end) for t in found] == spans
    assert [t.text for t in found] == ["Enschede", "Almelo"]
    assert all(t.place.country_code == "NLD" for t in found)


def test_given_empty_spans_return_nothing() -> None:
    assert geoparse(SALES, spans=[]) == []


def test_given_street_is_placed_at_the_town_that_holds_it() -> None:
    text = "Crews were called to Larkspur Lane in Leeds after a gas leak on Sunday."
    found = _given_one(text, "Larkspur Lane")
    assert found.text == "Larkspur Lane"
    assert (found.place.resolved_place, found.place.resolution) == ("Leeds", 4)


def test_given_unknown_name_without_a_town_stays_unresolved() -> None:
    text = "The summit at Qorvandestan Heights ended without a deal."
    found = _given_one(text, "Qorvandestan Heights")
    assert (found.text, found.place.resolution, found.place.lat) == (
        "Qorvandestan Heights",
        0,
        None,
    )


def test_given_demonym_is_its_country_and_not_literal() -> None:
    text = "Dutch officials met their hosts in Utrecht."
    found = _given_one(text, "Dutch")
    assert (found.place.country_code, found.place.resolution, found.literal) == ("NLD", 1, False)


def test_given_metonymic_capital_is_not_literal() -> None:
    text = "Moscow said the talks in Geneva had failed."
    moscow, geneva = geoparse(text, spans=[_span(text, "Moscow"), _span(text, "Geneva")])
    assert (moscow.literal, geneva.literal) == (False, True)
    assert geneva.place.country_code == "CHE"


def test_given_dateline_span_is_the_datelines_place() -> None:
    text = "ALMELO, Netherlands (Reuters) - Bicycle sales rose in the east of the country."
    town, country = geoparse(text, spans=[(0, 6), _span(text, "Netherlands")])
    assert (town.text, town.place.geonameid) == ("ALMELO", 2759887)
    assert (country.place.country_code, country.place.resolution) == ("NLD", 1)


@pytest.mark.parametrize("span", [(5, 200), (-1, 4), (4, 4), (6, 7)])
def test_given_bad_span_raises_naming_it(span: tuple[int, int]) -> None:
    text = "Floods in Almelo."  # (6, 7) is the blank after "Floods"
    with pytest.raises(InputError, match=rf"\({span[0]}, {span[1]}\)"):
        geoparse(text, spans=[span])


def test_given_bad_span_is_reported_and_the_batch_goes_on() -> None:
    articles = [Article("a", "Floods in Almelo."), Article("b", "Storms near Enschede.")]
    errors: list[InputError] = []
    spans = {"a": [(0, 99)], "b": [(12, 20)]}
    found = list(article_toponyms(articles, spans=spans, on_error=errors.append))
    assert [a.article_id for a, _ in found] == ["b"]
    assert found[0][1][0].place.geonameid == 2756071
    assert errors and errors[0].source == "a"


def test_articles_without_spans_get_every_toponym() -> None:
    articles = [Article("a", "Floods in Almelo and Enschede."), Article("b", "Storms in Utrecht.")]
    found = dict(article_toponyms(articles, spans={"a": [(10, 16)]}))
    by_id = {a.article_id: [t.text for t in tops] for a, tops in found.items()}
    assert by_id == {"a": ["Almelo"], "b": ["Utrecht"]}


def test_given_organisation_of_a_country_is_placed_there() -> None:
    text = "Rates were held by the Bank of Portugal, analysts in Lisbon said."
    found = _given_one(text, "Bank of Portugal")
    assert (found.place.country_code, found.place.resolution) == ("PRT", 1)


def test_given_organisation_opening_with_an_adjective_is_its_region() -> None:
    text = "The European Commission fined the firm, officials in Brussels said."
    found = _given_one(text, "European Commission")
    assert (found.place.resolved_place, found.literal) == ("Europe", True)


def test_given_abbreviation_is_read_in_the_articles_country() -> None:
    text = "Mines near Rustenburg employ thousands, and SA exports most of the metal."
    found = _given_one(text, "SA")
    assert found.place.country_code != "AUS"


def test_given_name_closing_with_a_country_is_placed_there() -> None:
    text = "Historians compared the regime with Nazi Germany in a new book."
    found = _given_one(text, "Nazi Germany")
    assert (found.place.country_code, found.place.resolution) == ("DEU", 1)


def test_given_adjective_beats_a_rejected_town_of_its_name(bare_nlp: Language) -> None:
    gaz = Gazetteer.load()
    doc = bare_nlp("The wire service Canadian Press sent the photo.")
    towns = [c for c in gaz.candidates("Canadian") if c.feature_class == "P"]
    assert towns  # a small town of Texas
    rejected = Hit(3, 4, "Canadian", towns, "ORG", partial=True)
    assert _given_hit(doc, gaz, 3, 4, [rejected], []) is None  # left to the adjective step
    accepted = _given_hit(doc, gaz, 3, 4, [rejected], [rejected])
    assert accepted is not None and accepted.candidates == towns


def test_given_country_initials_in_a_story_about_that_country() -> None:
    text = "Mining towns near Rustenburg want a bigger share, and SA holds most platinum."
    found = _given_one(text, "SA")
    assert (found.place.country_code, found.place.feature_code) == ("ZAF", "PCLI")


def test_given_direction_word_is_no_remote_region() -> None:
    # Cameroon has a "West" region and Ghana a "Western" one; the story names neither.
    text = "Ties between Moscow and the West soured as Western envoys left Minsk."
    spans = [_span(text, "West"), _span(text, "Western")]
    found = geoparse(text, spans=spans)
    assert [(t.text, t.place.resolution) for t in found] == [("West", 0), ("Western", 0)]


def test_given_compass_part_of_a_county_is_the_county() -> None:
    # "West Kent" is no gazetteer name; it lies in Kent, the English county, not Kent, Ohio.
    text = "Hop farms across West Kent lost pickers this summer, growers near Maidstone said."
    found = _given_one(text, "West Kent")
    assert (found.place.geonameid, found.place.feature_code) == (3333158, "ADM2")


def test_given_compass_word_before_a_town_only_is_not_read_as_it() -> None:
    # Only areas have parts named so: "East Almelo" is not taken for the town Almelo.
    text = "Plans for East Almelo were shelved, the council said."
    found = _given_one(text, "East Almelo")
    assert found.place.geonameid != 2759887


def test_given_site_word_name_still_takes_the_main_town() -> None:
    text = "Crowds in Leeds cheered on Monday. Fans met at Tallowbright Stadium. Leeds won."
    found = _given_one(text, "Tallowbright Stadium")
    assert (found.place.resolved_place, found.place.resolution) == ("Leeds", 4)


def test_given_people_adjective_is_no_site_of_the_main_town() -> None:
    text = "Officials in Leeds spoke. A Zorvanian chill set in after the Vexo-Marran talks."
    found = geoparse(text, spans=[_span(text, "Zorvanian"), _span(text, "Vexo")])
    assert [t.place.resolution for t in found] == [0, 0]


def test_given_site_takes_the_town_behind_a_date() -> None:
    text = (
        "Shoppers in Miami Beach queued early. A chef cooked at Larkspur Foods on Wednesday, "
        "Nov. 2, 2016, in Fresno. Miami Beach stores were full."
    )
    found = _given_one(text, "Larkspur Foods")
    assert found.place.resolved_place == "Fresno"


def test_given_site_naming_another_country_skips_the_main_town() -> None:
    text = "Officials in Leeds met on Monday. Crates came from Air Canada Freight. Leeds agreed."
    text += " They met at Larkspur Hall."
    freight, hall = geoparse(
        text, spans=[_span(text, "Air Canada Freight"), _span(text, "Larkspur Hall")]
    )
    assert freight.place.resolution == 0
    assert hall.place.resolved_place == "Leeds"  # a plain site still takes the main town


def test_given_site_in_a_country_capital_named_elsewhere() -> None:
    text = (
        "Officials in Moscow protested. Diplomats left the Larkspur Mission in the U.S. "
        "capital on Sunday. Washington said the order was final. Moscow was angry."
    )
    found = _given_one(text, "Larkspur Mission")
    assert (found.place.resolved_place, found.place.country_code) == ("Washington", "USA")


def test_given_mountain_is_no_site_of_the_main_town() -> None:
    text = "Troops in Tunis left for Mount Qorvash on Monday. They met at Larkspur Hall. Tunis"
    text += " stayed calm."
    peak, hall = geoparse(text, spans=[_span(text, "Mount Qorvash"), _span(text, "Larkspur Hall")])
    assert peak.place.resolution == 0
    assert hall.place.resolved_place == "Tunis"  # a plain site still takes the main town


def test_given_name_of_a_listed_street_is_the_street() -> None:
    text = "Police in Chicago said a man fell at the corner of State and Hubbard streets."
    found = geoparse(text, spans=[_span(text, "State"), _span(text, "Hubbard")])
    assert [t.place.resolved_place for t in found] == ["Chicago", "Chicago"]
    assert [t.place.extracted_place for t in found] == ["State", "Hubbard"]


def test_given_acronym_is_no_town_it_only_spells() -> None:
    text = "Doctors at the CHU in Montpellier said the staff did well."
    found = _given_one(text, "CHU")
    assert found.place.resolved_place == "Montpellier"


def test_given_landform_noun_after_the_is_no_town_of_that_name() -> None:
    # "the Valley" is the valley the story is about, not Valley, Nebraska.
    text = "Shops do well here in the Valley, owners said on Monday."
    found = _given_one(text, "Valley")
    assert (found.place.resolution, found.place.geonameid) == (0, None)


def test_given_known_organisation_does_not_take_the_main_town() -> None:
    text = "Officials in Leeds met on Monday. Envoys posted to the United Nations left. Leeds"
    (found,) = geoparse(text + " agreed.", spans=[_span(text, "United Nations")])
    assert found.place.resolution == 0


def test_given_name_before_a_venue_noun_is_the_venue() -> None:
    # "Pioneer" is also a town in Australia; here it names a cinema in Dewsbury.
    text = "Fans in Leeds cheered. We met at the Pioneer cinema in Dewsbury. Leeds won."
    found = _given_one(text, "Pioneer")
    assert (found.place.resolved_place, found.place.country_code) == ("Dewsbury", "GBR")


def test_given_country_adjective_in_capitals_is_its_country() -> None:
    text = "The ministry and KAZAKH INVEST signed a deal in Astana on Monday."
    found = _given_one(text, "KAZAKH")
    assert (found.place.country_code, found.place.resolution) == ("KAZ", 1)


def test_given_town_in_capitals_is_the_town() -> None:
    text = "Mourners in ROME gathered on Sunday. Italian police said."
    found = _given_one(text, "ROME")
    assert (found.place.resolved_place, found.place.country_code) == ("Rome", "ITA")


def test_given_district_named_after_a_people_is_in_its_town() -> None:
    text = "Diners in Columbus packed German Village on Friday. Columbus police said."
    found = _given_one(text, "German Village")
    assert (found.place.resolved_place, found.place.country_code) == ("Columbus", "USA")


def test_given_mount_school_is_a_site_of_the_main_town() -> None:
    text = "Parents in Pittsburgh met at Mount Larkspur Academy. Pittsburgh police agreed."
    found = _given_one(text, "Mount Larkspur Academy")
    assert found.place.resolved_place == "Pittsburgh"


def test_given_state_before_a_venue_noun_is_the_state() -> None:
    text = "Inmates were moved to a Florida jail in Tampa on Friday."
    found = _given_one(text, "Florida")
    assert (found.place.feature_code, found.place.resolved_place) == ("ADM1", "Florida")


def test_given_town_list_without_street_cue_is_towns() -> None:
    text = "Crowds packed Lagos and Abuja streets on Saturday."
    found = geoparse(text, spans=[_span(text, "Lagos"), _span(text, "Abuja")])
    assert [t.place.resolved_place for t in found] == ["Lagos", "Abuja"]


def test_given_town_in_capitals_keeps_its_own_big_town() -> None:
    text = "Officers in YORK said the woman was charged. British police agreed."
    found = _given_one(text, "YORK")
    assert (found.place.resolved_place, found.place.country_code) == ("York", "GBR")
