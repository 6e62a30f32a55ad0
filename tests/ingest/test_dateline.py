"""Dateline detection: wire datelines found, ordinary first sentences left alone."""

from __future__ import annotations

import pytest

from eventwire.ingest.dateline import detect_dateline


@pytest.mark.parametrize(
    ("text", "place", "body"),
    [
        ("JERUSALEM (AP) — The cabinet met late on Sunday.", "JERUSALEM", "The cabinet"),
        ("KYIV, Ukraine (Reuters) - Air defences were active.", "KYIV, Ukraine", "Air defences"),
        ("Jerusalem: Troops entered the camp at dawn.", "Jerusalem", "Troops entered"),
        (
            "GAZA CITY, Gaza Strip — Residents queued for water.",
            "GAZA CITY, Gaza Strip",
            "Residents",
        ),
        ("NAIROBI, Kenya, Aug. 7 (Reuters) - Police fired.", "NAIROBI, Kenya", "Police fired"),
        ("WASHINGTON -- The Senate voted on Tuesday.", "WASHINGTON", "The Senate"),
        ("Berlin (dpa) - The coalition agreed a budget.", "Berlin", "The coalition"),
        ("KYIV (Reuters) Drones struck a depot overnight.", "KYIV", "Drones struck"),
        ("LONDON, March 3 — Ministers met unions.", "LONDON", "Ministers met"),
        ("New Delhi: The court adjourned the hearing.", "New Delhi", "The court"),
        ("PORT-AU-PRINCE, Haiti (AP) — Gangs blocked a road.", "PORT-AU-PRINCE, Haiti", "Gangs"),
        ("AL-MAWASI, Gaza Strip (AP) — Tents were flooded.", "AL-MAWASI, Gaza Strip", "Tents"),
        ("SAN JOSÉ, Costa Rica — Voters went to the polls.", "SAN JOSÉ, Costa Rica", "Voters"),
        ("BOGOTA, Colombia (AP) —Talks resumed.", "BOGOTA, Colombia", "Talks resumed"),
    ],
)
def test_detect_dateline_finds_wire_datelines(text: str, place: str, body: str) -> None:
    found, offset = detect_dateline(text)
    assert found == place
    assert text[offset:].startswith(body)


@pytest.mark.parametrize(
    "text",
    [
        "Officials: The ministry confirmed the figures on Monday.",
        "UPDATE: The death toll rose overnight.",
        "Hamas — the group that runs the territory — said it would reply.",
        "The army said on Tuesday that it had struck targets in the north.",
        "Prime Minister Jane Roe — who took office in May — said the plan would pass.",
        "Hamas (Islamic Resistance Movement) said the talks had stalled.",
        "Two people were killed: police said the gunman fled.",
        "Israel's army said: we will continue.",
        "Port-au-Prince - Gangs attacked a police station overnight.",
        "UN — The world body said its convoys were blocked.",
        "Update 2-Strikes hit the port.",
        "BEIRUT\nJets struck the southern suburbs.",
        "",
    ],
)
def test_detect_dateline_ignores_ordinary_openings(text: str) -> None:
    assert detect_dateline(text) == (None, 0)


def test_detect_dateline_after_byline_line() -> None:
    text = "By JANE ROE\nKHAN YOUNIS, Gaza Strip (AP) — The army ordered people to leave."
    place, offset = detect_dateline(text)
    assert place == "KHAN YOUNIS, Gaza Strip"
    assert text[offset:] == "The army ordered people to leave."


def test_detect_dateline_dash_then_newline() -> None:
    text = "WASHINGTON —\nThe Senate passed the bill."
    place, offset = detect_dateline(text)
    assert (place, text[offset:]) == ("WASHINGTON", "The Senate passed the bill.")


def test_detect_dateline_not_deep_in_the_text() -> None:
    text = "The council met on Monday.\n" * 30 + "WASHINGTON (AP) — Late news."
    assert detect_dateline(text) == (None, 0)


@pytest.mark.parametrize(
    "prefix", ["  ", "\ufeff", "\u200b", "\r\n\r\n", "\u00a0\u2060 ", "By JANE ROE\r\n"]
)
def test_detect_dateline_skips_leading_blanks_bom_and_format_chars(prefix: str) -> None:
    text = prefix + "KYIV, Ukraine (Reuters) -\u00a0Drones struck a depot.\r\nMore."
    place, offset = detect_dateline(text)
    assert place == "KYIV, Ukraine"
    assert text[offset:].startswith("Drones struck")


def test_detect_dateline_accepts_nbsp_after_colon_and_dash() -> None:
    for text in ("Jerusalem:\u00a0Troops entered.", "WASHINGTON\u00a0—\u00a0The Senate voted."):
        place, offset = detect_dateline(text)
        assert place is not None and text[offset:][0].isupper(), text
    assert detect_dateline("Jerusalem:\r\nTroops entered.") == (None, 0)


def test_detect_dateline_not_after_a_paragraph() -> None:
    lede = (
        "Rebels shelled the northern town of Kidal overnight, and the army said it lost two men. "
        * 2
    )
    text = lede + "\nBAMAKO (Reuters) — The government called a meeting."
    assert detect_dateline(text) == (None, 0)


def test_detect_dateline_after_headline_and_caption() -> None:
    text = "Rebels shell Kidal\nSmoke over the town on Sunday.\nBAMAKO (Reuters) — The army said."
    place, offset = detect_dateline(text)
    assert (place, text[offset:]) == ("BAMAKO", "The army said.")
