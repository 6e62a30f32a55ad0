"""Actor recognition: lexicon look-ups, qualifiers, titles, organisations, coreference."""

from __future__ import annotations

import pytest
from actor_helpers import actors_of, codes, find
from spacy.language import Language

from eventwire.extraction import lexicon
from eventwire.extraction.actor_lookup import actor_at, actors_at
from eventwire.extraction.actors import actors_component
from eventwire.extraction.mentions import PlaceMention
from eventwire.records import Place


def test_lexicon_country_by_name_knows_aliases_and_keeps_short_forms_strict() -> None:
    assert lexicon.country_by_name("U.S.").iso3 == "USA"
    assert lexicon.country_by_name("the Netherlands").iso3 == "NLD"
    assert lexicon.country_by_name("DR Congo").iso3 == "COD"
    assert lexicon.country_by_name("Turkey").iso3 == "TUR"
    assert lexicon.country_by_name("us") is None
    assert lexicon.country_by_name("car") is None


def test_lexicon_demonym_capital_and_code_lookups() -> None:
    assert lexicon.country_by_demonym("Burkinabe").iso3 == "BFA"
    assert lexicon.country_by_demonym("South Sudanese").iso3 == "SSD"
    assert lexicon.country_by_capital("The Hague").iso3 == "NLD"
    assert lexicon.country_by_capital("Kyiv").iso3 == "UKR"
    assert lexicon.country_by_code("xk").iso3 == "XKX"
    codes = {c.iso3 for c in lexicon.countries()}
    assert {"PSE", "XKX", "TWN", "ESH"} <= codes and len(codes) >= 197


def test_lexicon_organisations_and_titles_load() -> None:
    assert lexicon.organisation_by_name("the Houthis").code == "YEM"
    assert lexicon.organisation_by_name("UNHCR").code == "IGO"
    assert lexicon.title_by_phrase("Defence Minister").sector == "GOV"
    assert lexicon.title_by_phrase("gunmen").sector == "UAF"


@pytest.mark.model
def test_actors_demonym_with_sector_noun(bare_nlp: Language) -> None:
    _, mentions = actors_of(bare_nlp, "Chadian troops crossed the border as Kenyan police watched.")
    assert codes(find(mentions, "Chadian troops")) == ("TCD", "MIL")
    assert codes(find(mentions, "Kenyan police")) == ("KEN", "COP")


@pytest.mark.model
def test_actors_possessive_country_qualifies_ministry(bare_nlp: Language) -> None:
    _, mentions = actors_of(bare_nlp, "Peru's interior ministry ordered a curfew in the south.")
    assert codes(find(mentions, "Peru's interior ministry")) == ("PER", "GOV")


@pytest.mark.model
def test_actors_title_with_person_name(bare_nlp: Language) -> None:
    _, mentions = actors_of(
        bare_nlp, "Brazilian Foreign Minister Rosa Lima flew to Lisbon on Monday."
    )
    mention = find(mentions, "Brazilian Foreign Minister Rosa Lima")
    assert codes(mention) == ("BRA", "GOV")
    assert mention.entity.identifier_text == "Rosa Lima"
    assert mention.kind == "title"


@pytest.mark.model
def test_actors_organisation_has_home_country_or_group_code(bare_nlp: Language) -> None:
    _, mentions = actors_of(
        bare_nlp, "Al-Shabaab fighters ambushed a convoy and UNHCR moved staff."
    )
    shabaab = next(m for m in mentions if m.entity.identifier_text == "al-Shabaab")
    assert codes(shabaab) == ("SOM", "REB")
    assert codes(find(mentions, "UNHCR")) == ("IGO", "REF")


@pytest.mark.model
def test_actors_capital_is_actor_only_in_argument_position(bare_nlp: Language) -> None:
    _, mentions = actors_of(bare_nlp, "Ankara warned Baghdad after the bombing in Kyiv.")
    assert codes(find(mentions, "Ankara")) == ("TUR", "GOV")
    assert codes(find(mentions, "Baghdad")) == ("IRQ", "GOV")
    assert not [m for m in mentions if m.entity.entity_text == "Kyiv"]


@pytest.mark.model
def test_actors_surname_resolves_to_earlier_full_mention(bare_nlp: Language) -> None:
    text = "Ghanaian President Kofi Mensah met the envoy. Mensah later thanked the donors."
    _, mentions = actors_of(bare_nlp, text)
    later = [m for m in mentions if m.entity.entity_text == "Mensah"]
    assert later and later[0].kind == "coref"
    assert codes(later[0]) == ("GHA", "GOV")
    assert later[0].entity.identifier_text == "Kofi Mensah"


@pytest.mark.model
def test_actors_the_military_resolves_to_earlier_army(bare_nlp: Language) -> None:
    text = "The Malian army said it repelled an attack. The military gave no toll."
    _, mentions = actors_of(bare_nlp, text)
    mention = find(mentions, "military")
    assert mention.kind == "coref"
    assert codes(mention) == ("MLI", "MIL")


@pytest.mark.model
def test_actors_the_group_resolves_to_earlier_organisation(bare_nlp: Language) -> None:
    text = "Boko Haram raided a village overnight. The group took hostages."
    _, mentions = actors_of(bare_nlp, text)
    mention = find(mentions, "group")
    assert codes(mention) == ("NGA", "REB")
    assert mention.entity.identifier_text == "Boko Haram"


@pytest.mark.model
def test_actors_bare_noun_without_country_is_unk(bare_nlp: Language) -> None:
    _, mentions = actors_of(bare_nlp, "Gunmen stormed a school and protesters gathered.")
    assert codes(find(mentions, "Gunmen")) == ("UNK", "UAF")
    assert codes(find(mentions, "protesters")) == ("UNK", "CVL")


@pytest.mark.model
def test_actors_bare_noun_takes_dominant_main_country(bare_nlp: Language) -> None:
    text = "Nepal held elections. Nepal's parliament met. Police fired tear gas at protesters."
    _, mentions = actors_of(bare_nlp, text)
    assert codes(find(mentions, "Police")) == ("NPL", "COP")


@pytest.mark.model
def test_actors_apposition_gives_person_its_office(bare_nlp: Language) -> None:
    text = "Ana Ruiz, Chile's health minister, visited the hospital."
    _, mentions = actors_of(bare_nlp, text)
    mention = find(mentions, "Ana Ruiz")
    assert codes(mention) == ("CHL", "GOV")


@pytest.mark.model
def test_actor_at_follows_owners_but_not_locative_places(bare_nlp: Language) -> None:
    doc, _ = actors_of(bare_nlp, "A spokesman for the Iraqi army said clashes in Syria killed ten.")
    spokesman = next(t.i for t in doc if t.text == "spokesman")
    clashes = next(t.i for t in doc if t.text == "clashes")
    found = actor_at(doc, spokesman)
    assert found is not None and codes(found) == ("IRQ", "MIL")
    assert actor_at(doc, clashes) is None


@pytest.mark.model
def test_actors_component_sets_mentions_in_text_order(bare_nlp: Language) -> None:
    doc, mentions = actors_of(bare_nlp, "Egypt and Qatar urged Hamas to accept the proposal.")
    assert doc._.actors is mentions
    assert [m.entity.code for m in mentions] == ["EGY", "QAT", "PSE"]
    assert [m.start for m in mentions] == sorted(m.start for m in mentions)


@pytest.mark.model
def test_actor_at_local_official_takes_country_of_places(bare_nlp: Language) -> None:
    doc, _ = actors_of(bare_nlp, "Shelling hit Odesa overnight, the regional governor said.")
    odesa = next(t.i for t in doc if t.text == "Odesa")
    place = Place("Odesa", "Odesa", country_code="UKR", resolution=4)
    doc._.places = [PlaceMention(odesa, odesa + 1, place)]
    found = actor_at(doc, next(t.i for t in doc if t.text == "governor"))
    assert found is not None and (found.entity.code, found.entity.sector) == ("UKR", "GOV")


@pytest.mark.model
def test_actors_representative_joins_the_body_it_speaks_for(bare_nlp: Language) -> None:
    _, mentions = actors_of(bare_nlp, "A Kenyan government spokesman criticised the ruling.")
    assert codes(find(mentions, "Kenyan government spokesman")) == ("KEN", "GOV")
    _, mentions = actors_of(bare_nlp, "Red Cross officials visited the prison in Juba.")
    assert codes(find(mentions, "Red Cross officials")) == ("NGO", "MED")


@pytest.mark.model
def test_actors_owned_office_takes_its_owner(bare_nlp: Language) -> None:
    text = "Japan's Cabinet Office denied the report. The office staff left."
    _, mentions = actors_of(bare_nlp, text)
    assert codes(find(mentions, "Japan's Cabinet Office")) == ("JPN", "GOV")
    assert not [m for m in mentions if m.entity.entity_text.lower().startswith("office")]


@pytest.mark.model
def test_actors_coordinated_demonyms_share_the_noun(bare_nlp: Language) -> None:
    doc, mentions = actors_of(bare_nlp, "Hundreds of Kenyan and Ghanaian soldiers arrived.")
    soldiers = next(t.i for t in doc if t.text == "soldiers")
    assert {codes(m) for m in actors_at(doc, soldiers)} == {("KEN", "MIL"), ("GHA", "MIL")}


@pytest.mark.model
def test_actors_led_qualifier_and_former_office(bare_nlp: Language) -> None:
    _, mentions = actors_of(bare_nlp, "Hezbollah-led fighters shelled the hills.")
    assert codes(find(mentions, "Hezbollah-led fighters")) == ("LBN", "REB")
    _, mentions = actors_of(bare_nlp, "Deposed President Omar Faye left Senegal on Friday.")
    assert find(mentions, "Deposed President Omar Faye").entity.sector == "ELI"


@pytest.mark.model
def test_actors_demonym_before_a_people_is_civilians(bare_nlp: Language) -> None:
    _, mentions = actors_of(bare_nlp, "Thousands of Turkish Kurds marched in Diyarbakir.")
    assert codes(find(mentions, "Turkish Kurds")) == ("TUR", "CVL")


@pytest.mark.model
def test_actors_farmers_are_agriculture(bare_nlp: Language) -> None:
    _, mentions = actors_of(bare_nlp, "Spanish farmers blocked roads with tractors.")
    assert codes(find(mentions, "Spanish farmers")) == ("ESP", "AGR")


@pytest.mark.model
def test_actors_capital_is_not_a_person(bare_nlp: Language) -> None:
    _, mentions = actors_of(bare_nlp, "The envoy flew to Nairobi and then to Kampala.")
    assert not [m for m in mentions if m.kind == "person"]


@pytest.mark.model
def test_actors_at_quantity_stands_for_the_group_counted(bare_nlp: Language) -> None:
    doc = actors_component(bare_nlp("Hundreds of Sudanese and Chadian soldiers crossed the river."))
    codes = {m.entity.code for m in actors_at(doc, 0)}
    assert codes == {"SDN", "TCD"}


def test_lexicon_leader_by_name_knows_full_names_and_distinctive_surnames() -> None:
    assert lexicon.leader_by_name("Vladimir Putin").code == "RUS"
    assert lexicon.leader_by_name("Erdoğan").code == "TUR"
    assert lexicon.leader_by_name("Netanyahu's").code == "ISR"
    assert lexicon.leader_by_name("Kofi Annan").code == "IGO"
    assert lexicon.leader_by_name("trump") is None  # names match as written
    assert lexicon.leader_by_name("May") is None  # common words are never listed alone
    assert "Putin" in lexicon.leader_surnames()


def test_lexicon_leader_surname_of_two_countries_is_ignored() -> None:
    index: dict[str, set[str]] = {}
    for person in lexicon.leaders():
        for form in (person.name, *person.aliases):
            index.setdefault(form, set()).add(person.code)
    shared = [form for form, found in index.items() if len(found) > 1]
    for form in shared:
        assert lexicon.leader_by_name(form) is None


def test_actors_leader_named_alone_takes_the_leaders_country(bare_nlp: Language) -> None:
    _, mentions = actors_of(bare_nlp, "Erdogan spoke with Scholz about the refugees.")
    assert codes(find(mentions, "Erdogan")) == ("TUR", "GOV")
    assert find(mentions, "Scholz").entity.identifier_text == "Olaf Scholz"


def test_actors_titled_leader_without_country_takes_it_from_the_list(bare_nlp: Language) -> None:
    _, mentions = actors_of(bare_nlp, "Former President Jacob Zuma criticised the court.")
    mention = next(m for m in mentions if "Zuma" in m.entity.entity_text)
    assert codes(mention) == ("ZAF", "ELI")  # the text's sector stays
