"""Acts named again by a reaction in a later sentence (`event_relations.refer_back`)."""

from __future__ import annotations

from spacy.language import Language


def _coded(nlp: Language, text: str) -> list[tuple[str, str, list[str], list[str]]]:
    doc = nlp(text)
    return [
        (
            doc[e.trigger].lower_,
            e.category,
            [a.code for a in e.actor],
            [r.code for r in e.recipient],
        )
        for e in doc._.events
    ]


def test_refer_back_reaction_is_aimed_at_the_earlier_acts_doer(nlp: Language) -> None:
    text = (
        "Russian artillery shelled a market in Kharkiv on Wednesday. "
        "Ukraine's Foreign Ministry condemned the shelling as a deliberate attack on civilians."
    )
    coded = _coded(nlp, text)
    assert [c[:2] for c in coded] == [("shelled", "ASSAULT"), ("condemned", "ACCUSE")]
    assert coded[1][2:] == (["UKR"], ["RUS"])


def test_refer_back_specific_noun_needs_the_same_word(nlp: Language) -> None:
    text = (
        "Israeli strikes killed 20 people in Gaza on Monday. Hamas fighters fired rockets at "
        "Sderot. Egypt condemned the strikes."
    )
    (accuse,) = [c for c in _coded(nlp, text) if c[1] == "ACCUSE"]
    assert accuse[3] == ["ISR"]


def test_refer_back_same_word_in_another_form(nlp: Language) -> None:
    text = "Police arrested 40 protesters in Tbilisi. The European Union criticised the arrests."
    coded = _coded(nlp, text)
    assert [c[1] for c in coded] == ["COERCE", "ACCUSE"]
    assert coded[1][3] == ["GEO"]


def test_refer_back_generic_noun_takes_the_latest_act_of_its_category(nlp: Language) -> None:
    text = "Hezbollah fighters shelled the town of Metula. Israel condemned the attack."
    coded = _coded(nlp, text)
    assert [c[1] for c in coded] == ["ASSAULT", "ACCUSE"]
    assert coded[1][2:] == (["ISR"], ["LBN"])


def test_refer_back_without_an_earlier_act_the_named_act_is_coded(nlp: Language) -> None:
    coded = _coded(nlp, "Somalia's interior minister condemned the bombing in Baidoa.")
    assert ("bombing", "ASSAULT") in [c[:2] for c in coded]


def test_refer_back_reaction_to_an_act_named_by_its_noun_alone(nlp: Language) -> None:
    text = (
        "China launched military drills around Taiwan on Thursday. "
        "Taiwan's Presidential Office condemned the drills as a provocation."
    )
    (accuse,) = [c for c in _coded(nlp, text) if c[1] == "ACCUSE"]
    assert accuse[2:] == (["TWN"], ["CHN"])


def test_refer_back_same_act_by_another_word(nlp: Language) -> None:
    text = (
        "Russian troops shelled the town of Vovchansk on Friday. "
        "Kyiv condemned the strikes and called for more air defence."
    )
    coded = _coded(nlp, text)
    assert [c[1] for c in coded if c[1] == "ASSAULT"] == ["ASSAULT"]
    (accuse,) = [c for c in coded if c[1] == "ACCUSE"]
    assert accuse[3] == ["RUS"]


def test_refer_back_act_named_again_as_a_subject_is_not_coded_twice(nlp: Language) -> None:
    text = "Gunmen attacked a bus near Kano on Monday. The attack came a week after a raid."
    assert [c[1] for c in _coded(nlp, text) if c[1] == "ASSAULT"] == ["ASSAULT"]


def test_refer_back_latest_act_is_a_new_act(nlp: Language) -> None:
    text = "Gunmen attacked a bus near Kano on Monday. The latest attack killed nine people."
    assert [c[1] for c in _coded(nlp, text)].count("ASSAULT") == 2


def test_refer_back_act_named_again_with_news_of_its_own_is_kept(nlp: Language) -> None:
    text = (
        "Farmers blocked the A64 motorway near Toulouse on Thursday. "
        "Farmers began the blockade near Toulouse on Jan. 18."
    )
    assert [c[1] for c in _coded(nlp, text)] == ["PROTEST", "PROTEST"]
    text = "Thousands protested in Nairobi on Tuesday. The protests began last week."
    assert [c[1] for c in _coded(nlp, text)] == ["PROTEST", "PROTEST"]


def test_refer_back_drones_shot_down_are_the_target(nlp: Language) -> None:
    coded = _coded(nlp, "Air defences in Kursk shot down 11 Ukrainian drones overnight.")
    assert [(c[1], c[3]) for c in coded] == [("ASSAULT", ["UKR"])]
