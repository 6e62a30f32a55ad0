"""Tests for eventwire.extraction.dates and .timex: time expressions against publication."""

from __future__ import annotations

from datetime import date

import pytest
from spacy.language import Language
from spacy.tokens import Doc

from eventwire.extraction.dates import (
    dates_component,
    is_historical,
    precision_of,
    resolve,
    resolve_dates,
)
from eventwire.extraction.event_dates import date_for_event
from eventwire.extraction.timex import find_timexes
from eventwire.records import DateMention

THURSDAY = date(2024, 8, 8)  # published Thursday 2024-08-08


def _one(text: str, published: date | None = THURSDAY) -> DateMention:
    found = resolve_dates(text, published=published)
    assert len(found) == 1, found
    return found[0]


def _span(mention: DateMention) -> tuple[str, str, str | None, str | None, str, str]:
    first = mention.date.isoformat() if mention.date else None
    last = mention.enddate.isoformat() if mention.enddate else None
    return mention.text, mention.value, first, last, mention.precision, mention.basis


# --- explicit dates -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Gunmen stormed the depot on July 31.",
            ("July 31", "2024-07-31", "2024-07-31", "2024-07-31", "day", "explicit"),
        ),
        (
            "The ceasefire began Aug. 3 at dawn.",
            ("Aug. 3", "2024-08-03", "2024-08-03", "2024-08-03", "day", "explicit"),
        ),
        (
            "Talks opened on 3 August 2024 in Doha.",
            ("3 August 2024", "2024-08-03", "2024-08-03", "2024-08-03", "day", "explicit"),
        ),
        (
            "The decree is dated 2024-06-30.",
            ("2024-06-30", "2024-06-30", "2024-06-30", "2024-06-30", "day", "explicit"),
        ),
        (
            "He resigned on Oct. 21, 2019.",
            ("Oct. 21, 2019", "2019-10-21", "2019-10-21", "2019-10-21", "day", "explicit"),
        ),
        (
            "The vote took place on the 4th of June.",
            ("the 4th of June", "2024-06-04", "2024-06-04", "2024-06-04", "day", "explicit"),
        ),
        (
            "The rally was held Sunday, July 14.",
            ("Sunday, July 14", "2024-07-14", "2024-07-14", "2024-07-14", "day", "explicit"),
        ),
    ],
)
def test_resolve_dates_explicit_day(text: str, expected: tuple[str, ...]) -> None:
    assert _span(_one(text)) == expected


def test_resolve_dates_december_in_january_article_is_previous_year() -> None:
    mention = _one("Protesters were detained on December 28.", published=date(2025, 1, 9))
    assert mention.date == date(2024, 12, 28)


def test_resolve_dates_near_future_date_without_year_stays_this_year() -> None:
    assert _one("Elections are planned for September 5.").date == date(2024, 9, 5)


def test_resolve_dates_far_month_without_year_leans_past() -> None:
    assert _one("The offensive started in December.").value == "2023-12"


def test_resolve_past_reading_takes_latest_date_by_publication() -> None:
    (timex,) = find_timexes("on August 9")
    mention = resolve(timex, published=THURSDAY, past=True)  # a day of grace
    assert mention is not None and mention.date == date(2024, 8, 9)
    (timex,) = find_timexes("on August 10")
    mention = resolve(timex, published=THURSDAY, past=True)
    assert mention is not None and mention.date == date(2023, 8, 10)


def test_resolve_dates_february_29_in_common_year_is_dropped() -> None:
    assert resolve_dates("on February 30", published=THURSDAY) == []


# --- months, parts, years, decades -----------------------------------------------------


@pytest.mark.parametrize(
    ("text", "value", "first", "last", "precision"),
    [
        ("Fighting flared in early July.", "2024-07", "2024-07-01", "2024-07-10", "week"),
        ("Fighting flared in mid-July.", "2024-07", "2024-07-11", "2024-07-20", "week"),
        ("Fighting flared in late February.", "2024-02", "2024-02-21", "2024-02-29", "week"),
        ("The talks collapsed in March.", "2024-03", "2024-03-01", "2024-03-31", "month"),
        ("It was signed in June 2019.", "2019-06", "2019-06-01", "2019-06-30", "month"),
        ("Troops withdrew in 2014.", "2014", "2014-01-01", "2014-12-31", "year"),
        ("Unrest grew in late 2021.", "2021", "2021-09-01", "2021-12-31", "year"),
        ("The war raged during the 1990s.", "199X", "1990-01-01", "1999-12-31", "year"),
        ("Rebels held the city in the eighties.", "198X", "1980-01-01", "1989-12-31", "year"),
        ("The strike spread last summer.", "2023-SU", "2023-06-01", "2023-08-31", "year"),
    ],
)
def test_resolve_dates_month_year_decade(
    text: str, value: str, first: str, last: str, precision: str
) -> None:
    mention = _one(text)
    assert (mention.value, mention.date, mention.enddate, mention.precision) == (
        value,
        date.fromisoformat(first),
        date.fromisoformat(last),
        precision,
    )


def test_find_timexes_may_the_verb_is_no_month() -> None:
    assert find_timexes("Officials said talks may resume, as they did in May.")[0].text == "May"
    assert len(find_timexes("Officials said talks may resume, as they did in May.")) == 1


def test_find_timexes_bare_number_next_to_count_word_is_no_year() -> None:
    assert find_timexes("Some 2000 troops and 1500 police were deployed.") == []


# --- weekdays and the publication week --------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Rebels shelled the town on Tuesday.", date(2024, 8, 6)),
        ("Rebels shelled the town on Thursday.", date(2024, 8, 8)),
        ("Rebels shelled the town on Friday.", date(2024, 8, 2)),
        ("Rebels shelled the town last Thursday.", date(2024, 8, 1)),
        ("Envoys meet next Tuesday.", date(2024, 8, 13)),
    ],
)
def test_resolve_dates_weekday_past_reading(text: str, expected: date) -> None:
    mention = _one(text)
    assert (mention.date, mention.precision, mention.basis) == (expected, "day", "relative")


def test_resolve_weekday_future_is_next_on_or_after_publication() -> None:
    friday = find_timexes("They will meet on Friday.")[0]
    mention = resolve(friday, published=THURSDAY, future=True)
    assert mention is not None and mention.date == date(2024, 8, 9)


# --- relative expressions -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "value", "first", "last", "precision"),
    [
        ("Shops reopened today.", "2024-08-08", "2024-08-08", "2024-08-08", "day"),
        ("Crowds gathered yesterday.", "2024-08-07", "2024-08-07", "2024-08-07", "day"),
        ("Sirens sounded last night.", "2024-08-07", "2024-08-07", "2024-08-07", "day"),
        ("Drones struck overnight.", "2024-08-07", "2024-08-07", "2024-08-08", "week"),
        ("Police arrested him two days ago.", "2024-08-06", "2024-08-06", "2024-08-06", "day"),
        ("He was freed a week ago.", "2024-W31", "2024-07-29", "2024-08-04", "week"),
        ("Clashes erupted last week.", "2024-W31", "2024-07-29", "2024-08-04", "week"),
        ("Clashes erupted earlier this week.", "2024-W32", "2024-08-05", "2024-08-08", "week"),
        ("Prices rose last month.", "2024-07", "2024-07-01", "2024-07-31", "month"),
        ("Prices rose earlier this month.", "2024-08", "2024-08-01", "2024-08-08", "week"),
        ("Prices rose last year.", "2023", "2023-01-01", "2023-12-31", "year"),
        ("Prices rose earlier this year.", "2024", "2024-01-01", "2024-08-08", "year"),
        ("Riots broke out over the weekend.", "2024-W31-WE", "2024-08-03", "2024-08-04", "week"),
        (
            "Dozens died in the past two weeks.",
            "P2W",  # TimeML: a duration; the interval is in date/enddate
            "2024-07-25",
            "2024-08-08",
            "month",
        ),
    ],
)
def test_resolve_dates_relative(
    text: str, value: str, first: str, last: str, precision: str
) -> None:
    mention = _one(text)
    assert (mention.value, mention.date, mention.enddate, mention.precision, mention.basis) == (
        value,
        date.fromisoformat(first),
        date.fromisoformat(last),
        precision,
        "relative",
    )


def test_resolve_dates_now_is_present_ref_on_publication_day() -> None:
    mention = _one("The border is currently closed.")
    assert (mention.value, mention.date) == ("PRESENT_REF", THURSDAY)


def test_resolve_dates_recently_is_past_ref_without_dates() -> None:
    mention = _one("The camp was recently expanded.")
    assert (mention.value, mention.date, mention.basis) == ("PAST_REF", None, "unknown")


# --- ranges ---------------------------------------------------------------------------------


def test_resolve_dates_between_two_days_is_one_range() -> None:
    mention = _one("Voting ran between May 2 and May 5.")
    assert _span(mention) == (
        "between May 2 and May 5",
        "2024-05-02/2024-05-05",
        "2024-05-02",
        "2024-05-05",
        "week",
        "explicit",
    )


def test_resolve_dates_range_shares_year_of_second_end() -> None:
    mention = _one("Voting ran from December 30 to January 2, 2023.")
    assert (mention.date, mention.enddate) == (date(2022, 12, 30), date(2023, 1, 2))


def test_resolve_dates_since_runs_to_publication_and_looks_back() -> None:
    mention = _one("Since October 7, the siege has tightened.")
    assert (mention.date, mention.enddate, mention.precision) == (
        date(2023, 10, 7),
        THURSDAY,
        "year",
    )


# --- no publication date --------------------------------------------------------------------


def test_resolve_dates_without_publication_only_dated_expressions_resolve() -> None:
    found = resolve_dates(
        "On July 31, 2023 and on Tuesday and on July 31, troops moved.", published=None
    )
    assert [(m.value, m.date, m.basis) for m in found] == [
        ("2023-07-31", date(2023, 7, 31), "explicit"),
        ("XXXX-WXX-2", None, "unknown"),
        ("XXXX-07-31", None, "unknown"),
    ]


def test_resolve_dates_offsets_index_the_given_text() -> None:
    text = "Troops left Kabul last week."
    mention = _one(text)
    assert text[mention.start : mention.end] == "last week"


# --- precision and history --------------------------------------------------------------


def test_precision_of_interval_lengths() -> None:
    assert [precision_of(date(2024, 1, 1), date(2024, 1, n)) for n in (1, 10, 11, 31)] == [
        "day",
        "week",
        "month",
        "month",
    ]
    assert precision_of(date(2024, 1, 1), date(2024, 2, 1)) == "year"


def test_is_historical_background_months_back_but_not_last_month() -> None:
    assert is_historical(_one("in 2014"), THURSDAY)
    assert is_historical(_one("during the 1990s"), THURSDAY)
    assert is_historical(_one("last year"), THURSDAY)
    assert is_historical(_one("in early June"), THURSDAY)
    assert not is_historical(_one("last month"), THURSDAY)
    assert not is_historical(_one("last month"), date(2024, 7, 31))
    assert not is_historical(_one("last week"), THURSDAY)
    assert not is_historical(_one("since March"), THURSDAY)
    assert not is_historical(_one("in 2014"), None)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Exports fell in the third quarter of 2023.",
            (
                "the third quarter of 2023",
                "2023-Q3",
                "2023-07-01",
                "2023-09-30",
                "year",
                "explicit",
            ),
        ),
        (
            "Its second-quarter profit doubled.",
            ("second-quarter", "2024-Q2", "2024-04-01", "2024-06-30", "year", "relative"),
        ),
        (
            "Sales rose in the first quarter of last year.",
            (
                "the first quarter of last year",
                "2023-Q1",
                "2023-01-01",
                "2023-03-31",
                "year",
                "relative",
            ),
        ),
        (
            "Q4 2022 was the worst on record.",
            ("Q4 2022", "2022-Q4", "2022-10-01", "2022-12-31", "year", "explicit"),
        ),
    ],
)
def test_resolve_dates_quarters(text: str, expected: tuple[str, ...]) -> None:
    assert _span(_one(text)) == expected


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("the current crisis", "PRESENT_REF"),
        ("for the time being", "PRESENT_REF"),
        ("after recent clashes", "PAST_REF"),
        ("in the coming weeks", "FUTURE_REF"),
        ("a deal for the near term", "FUTURE_REF"),
    ],
)
def test_resolve_dates_reference_words(text: str, value: str) -> None:
    assert _one(text).value == value


# --- the spaCy component and the event's date ---------------------------------------------


def _doc(nlp: Language, text: str, published: date | None = THURSDAY) -> Doc:
    doc = nlp(text)
    doc._.published = published
    return dates_component(doc)


def _index(doc: Doc, word: str) -> int:
    return next(t.i for t in doc if t.text == word)


@pytest.mark.model
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The foreign ministers will meet on Friday in Geneva.", date(2024, 8, 9)),
        ("The foreign ministers met on Friday in Geneva.", date(2024, 8, 2)),
        ("The opposition plans to march on Tuesday.", date(2024, 8, 13)),
        ("A court hearing is scheduled for Monday.", date(2024, 8, 12)),
        ("The two leaders will speak on Thursday.", date(2024, 8, 8)),
        ("The ceasefire talks could resume on Monday.", date(2024, 8, 12)),
        ("The border crossing stays closed until Tuesday.", date(2024, 8, 13)),
        ("The envoy could have left on Monday.", date(2024, 8, 5)),
    ],
)
def test_dates_component_tense_picks_weekday(bare_nlp: Language, text: str, expected: date) -> None:
    doc = _doc(bare_nlp, text)
    assert [t.mention.date for t in doc._.times] == [expected]


@pytest.mark.model
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Insurgents overran the garrison on Sept. 14.", date(2023, 9, 14)),
        ("The garrison has been besieged since Sept. 14.", date(2023, 9, 14)),
        ("Insurgents were driven out in November.", date(2023, 11, 1)),
        ("The parliament will vote on Sept. 14.", date(2024, 9, 14)),
        ("The summit opens on Sept. 14.", date(2024, 9, 14)),
    ],
)
def test_dates_component_tense_picks_year_of_date(
    bare_nlp: Language, text: str, expected: date
) -> None:
    doc = _doc(bare_nlp, text)
    assert [t.mention.date for t in doc._.times] == [expected]


@pytest.mark.model
def test_dates_component_sets_token_spans(bare_nlp: Language) -> None:
    doc = _doc(bare_nlp, "Police dispersed the crowd in early July.")
    (time,) = doc._.times
    assert doc[time.start : time.end].text == "early July"


@pytest.mark.model
def test_date_for_event_prefers_date_on_its_own_verb(bare_nlp: Language) -> None:
    doc = _doc(bare_nlp, "The army said on Tuesday that rebels had attacked a village on Sunday.")
    time, reason = date_for_event(doc, _index(doc, "attacked"))
    assert time is not None and time.mention.date == date(2024, 8, 4)
    assert "modifies" in reason


@pytest.mark.model
def test_date_for_event_bare_date_after_passive_verb(bare_nlp: Language) -> None:
    doc = _doc(bare_nlp, "A local official was killed July 31 in the capital.")
    time, _ = date_for_event(doc, _index(doc, "killed"))
    assert time is not None and time.mention.value == "2024-07-31"


@pytest.mark.model
def test_date_for_event_nominal_trigger_takes_its_verbs_date(bare_nlp: Language) -> None:
    doc = _doc(bare_nlp, "Warplanes carried out strikes on Tuesday, officials said.")
    time, _ = date_for_event(doc, _index(doc, "strikes"))
    assert time is not None and time.mention.date == date(2024, 8, 6)


@pytest.mark.model
def test_date_for_event_paragraph_running_date(bare_nlp: Language) -> None:
    text = (
        "Soldiers opened fire on a convoy.\n\n"
        "On Monday, troops shelled the town. They also arrested twenty people."
    )
    doc = _doc(bare_nlp, text)
    time, reason = date_for_event(doc, _index(doc, "arrested"))
    assert time is not None and time.mention.date == date(2024, 8, 5)
    assert "running date" in reason
    assert date_for_event(doc, _index(doc, "opened")) == (
        None,
        "no date in the sentence or earlier in the paragraph",
    )


@pytest.mark.model
def test_date_for_event_without_publication_date_gives_none(bare_nlp: Language) -> None:
    doc = _doc(bare_nlp, "Troops shelled the town on Monday.", published=None)
    assert date_for_event(doc, _index(doc, "shelled"))[0] is None


@pytest.mark.model
def test_date_for_event_bound_is_no_event_date(bare_nlp: Language) -> None:
    text = "The minister declared on Monday that the port was closed to shipping until 2030."
    doc = _doc(bare_nlp, text)
    time, reason = date_for_event(doc, _index(doc, "closed"))
    assert time is not None and time.mention.date == date(2024, 8, 5)
    assert "nearest" in reason


@pytest.mark.model
def test_date_for_event_speech_date_beats_other_clause(bare_nlp: Language) -> None:
    text = "The militia said on Sunday that it had seized the airport, which the army took in 2019."
    doc = _doc(bare_nlp, text)
    time, _ = date_for_event(doc, _index(doc, "seized"))
    assert time is not None and time.mention.date == date(2024, 8, 4)


@pytest.mark.model
def test_date_for_event_past_event_skips_later_date(bare_nlp: Language) -> None:
    doc = _doc(bare_nlp, "Rebels shelled the port, and envoys will meet on Saturday.")
    assert date_for_event(doc, _index(doc, "shelled"))[0] is None


@pytest.mark.model
def test_date_for_event_same_sentence_beats_running_date(bare_nlp: Language) -> None:
    text = (
        "Clashes broke out on Saturday.\n\nThe council rejected the plan, officials said on Monday."
    )
    doc = _doc(bare_nlp, text)
    time, _ = date_for_event(doc, _index(doc, "rejected"))
    assert time is not None and time.mention.date == date(2024, 8, 5)


@pytest.mark.model
def test_date_for_event_relative_clause_of_subject_beats_speech_date(bare_nlp: Language) -> None:
    text = "A drone that struck a bus on Sunday wounded six people, police said on Tuesday."
    doc = _doc(bare_nlp, text)
    time, _ = date_for_event(doc, _index(doc, "wounded"))
    assert time is not None and time.mention.date == date(2024, 8, 4)


@pytest.mark.model
def test_date_for_event_year_naming_a_thing_is_no_date(bare_nlp: Language) -> None:
    doc = _doc(bare_nlp, "The envoy rejected any return to the 1994 frontier.")
    assert date_for_event(doc, _index(doc, "rejected"))[0] is None


@pytest.mark.model
def test_date_for_event_flashback_sets_no_running_date(bare_nlp: Language) -> None:
    text = "The town had been seized in early May. Troops entered it and arrested the mayor."
    doc = _doc(bare_nlp, text)
    assert date_for_event(doc, _index(doc, "arrested"))[0] is None


@pytest.mark.model
def test_date_for_event_present_perfect_takes_no_running_date(bare_nlp: Language) -> None:
    text = "The siege began in March. The blockade has starved thousands."
    doc = _doc(bare_nlp, text)
    time, reason = date_for_event(doc, _index(doc, "starved"))
    assert time is None and "present perfect" in reason


# --- anaphors: the day, week or year the text is talking about ------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Rebels seized the depot on July 30. Troops retook it the next day.", "2024-07-31"),
        ("Rebels seized the depot on July 30. A day later troops retook it.", "2024-07-31"),
        ("Rebels seized the depot on July 30. The day before, they shelled it.", "2024-07-29"),
        ("Rebels seized the depot on July 30. Two civilians died that day.", "2024-07-30"),
        ("Rebels seized the depot on July 30. Earlier in the day, a drone hit it.", "2024-07-30"),
        ("Rebels seized the depot on July 30. Prices fell on the day.", "2024-07-30"),
    ],
)
def test_day_anaphor_counts_from_the_latest_day_mentioned(text: str, expected: str) -> None:
    first, anaphor = resolve_dates(text, published=THURSDAY)
    assert (anaphor.value, anaphor.date, anaphor.precision, anaphor.basis) == (
        expected, date.fromisoformat(expected), "day", "relative"
    )  # fmt: skip


def test_anaphors_chain_and_skip_coarser_anchors() -> None:
    text = (
        "The siege began on Monday. The following day the town fell. In 2023 there were"
        " talks; that year the border closed. The day after, aid arrived."
    )
    found = {m.text: m.value for m in resolve_dates(text, published=THURSDAY)}
    assert found["The following day"] == "2024-08-06"  # Monday 5th + 1
    assert found["that year"] == "2023"
    assert found["The day after"] == "2024-08-07"  # from the last *day*, not from 2023


def test_anaphor_without_anything_before_counts_from_publication() -> None:
    assert _one("Markets closed early that day.").value == "2024-08-08"
    assert _one("The previous week was calm.").value == "2024-W31"
    assert _one("Markets closed early that day.", published=None).value == "XXXX-XX-XX"


def test_day_before_yesterday_stays_relative_to_publication() -> None:
    text = "The strike on July 1 was followed by a raid the day before yesterday."
    assert resolve_dates(text, published=THURSDAY)[-1].value == "2024-08-06"


def test_component_resolves_anaphors_like_the_text_resolver(bare_nlp: Language) -> None:
    text = "Rebels seized the depot on July 30. The army retook it the next day."
    doc = bare_nlp(text)
    doc._.published = THURSDAY
    dates_component(doc)
    assert [t.mention.value for t in doc._.times] == ["2024-07-30", "2024-07-31"]


@pytest.mark.parametrize(
    ("text", "value", "first", "last"),
    [
        (
            "Sales fell in July from the same month a year ago.",
            "2023-07",
            "2023-07-01",
            "2023-07-31",
        ),
        (
            "Sales fell in July from the same period last year.",
            "2023-07",
            "2023-07-01",
            "2023-07-31",
        ),
        (
            "In 2022 the plant closed; the year before, it was sold.",
            "2021",
            "2021-01-01",
            "2021-12-31",
        ),
        (
            "Shelling hit the port on Tuesday for a third straight day.",
            "2024-08-06",
            "2024-08-06",
            "2024-08-06",
        ),
    ],
)
def test_comparisons_count_from_the_date_being_told(
    text: str, value: str, first: str, last: str
) -> None:
    mention = resolve_dates(text, published=THURSDAY)[-1]
    assert (mention.value, str(mention.date), str(mention.enddate)) == (value, first, last)


def test_same_period_last_year_does_not_become_the_reference() -> None:
    text = "Exports fell in July from the same month last year; that month prices rose."
    values = [m.value for m in resolve_dates(text, published=THURSDAY)]
    assert values == ["2024-07", "2023-07", "2024-07"]


@pytest.mark.parametrize(
    ("text", "value", "first", "last"),
    [
        ("Profits rose in the last quarter.", "2024-Q2", "2024-04-01", "2024-06-30"),
        ("Profits will rise next quarter.", "2024-Q4", "2024-10-01", "2024-12-31"),
        ("Prices doubled over the past decade.", "P10Y", "2014-08-08", "2024-08-08"),
        ("Talks began at the beginning of the year.", "2024", "2024-01-01", "2024-12-31"),
        ("The lease ends in October of next year.", "2025-10", "2025-10-01", "2025-10-31"),
        ("This decade has been violent.", "202X", "2020-01-01", "2029-12-31"),
    ],
)
def test_quarters_decades_and_parts_of_the_year(
    text: str, value: str, first: str, last: str
) -> None:
    mention = _one(text)
    assert (mention.value, str(mention.date), str(mention.enddate)) == (value, first, last)


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("He ruled the province for six years.", "P6Y"),
        ("The town has been besieged for over a decade.", "P10Y"),
        ("Talks ran for more than two weeks.", "P2W"),
        ("Aid was cut off for three days.", "P3D"),
    ],
)
def test_durations_have_a_value_and_no_interval(text: str, value: str) -> None:
    mention = _one(text)
    assert (mention.value, mention.date, mention.enddate) == (value, None, None)
    assert mention.precision == "unknown"


def test_duration_is_not_read_into_a_date_ago() -> None:
    assert _one("The army left three days ago.").value == "2024-08-05"


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("The ceasefire was signed on 7/8/07 in Geneva.", "2007-07-08"),
        ("Voters went to the polls on 25/12/2023.", "2023-12-25"),
        ("The vote is set for 3/1/28.", "2028-03-01"),
        ("The border has been shut since '82.", "1982/2024-08-08"),
        ("The militia grew out of the 70s and 80s.", "197X"),
        ("Relief convoys resumed in spring, officials said.", "2024-SP"),
        ("The Winter session of parliament ended in uproar.", "2023-WI"),
    ],
)
def test_numeric_dates_short_years_seasons_and_decades(text: str, value: str) -> None:
    assert resolve_dates(text, published=THURSDAY)[0].value == value


@pytest.mark.parametrize(
    "text",
    [
        "Both envoys are in their 70s and 80s.",
        "The Arab Spring reached Yemen.",
        "The rebels could spring a surprise.",
        "Soldiers fired on marchers on Bloody Sunday.",
        "Shelters run 24/7 and fill to 3/4 of capacity.",
    ],
)
def test_words_that_look_like_dates_but_name_none(text: str) -> None:
    assert resolve_dates(text, published=THURSDAY) == []


def test_late_in_the_day_is_the_day_being_told() -> None:
    text = (
        "Protesters gathered on Monday. Police moved in late in the day, ending the day in arrests."
    )
    values = [m.value for m in resolve_dates(text, published=THURSDAY)]
    assert values == ["2024-08-05", "2024-08-05", "2024-08-05"]


@pytest.mark.model
def test_as_of_with_present_tense_is_a_state_reached_not_a_plan(bare_nlp: Language) -> None:
    doc = _doc(bare_nlp, "As of June, the camp holds 40,000 people.")
    assert [t.mention.value for t in doc._.times] == ["2024-06"]
    doc = _doc(bare_nlp, "As of June, the army will hold the crossing.")
    assert [t.mention.value for t in doc._.times] == ["2025-06"]


@pytest.mark.parametrize(
    ("day_first", "values"),
    [(True, ["2024-03-12", "2024-12-25"]), (False, ["2024-12-03", "2024-12-25"])],
)
def test_numeric_dates_follow_the_sources_order(day_first: bool, values: list[str]) -> None:
    found = resolve_dates(
        "Talks on 12/03/2024 and 25/12/2024.", published=date(2024, 6, 1), day_first=day_first
    )
    assert [m.value for m in found] == values


@pytest.mark.parametrize(
    ("dateline", "value"),
    [("LONDON", "2024-03-12"), ("NAIROBI, Kenya", "2024-03-12"), ("WASHINGTON", "2024-12-03"),
     (None, "2024-12-03")],
)  # fmt: skip
def test_numeric_dates_read_day_first_under_a_day_first_dateline(
    bare_nlp: Language, dateline: str | None, value: str
) -> None:
    doc = bare_nlp("The council met on 12/03/2024.")
    doc._.published, doc._.dateline = date(2024, 6, 1), dateline
    assert [t.mention.value for t in dates_component(doc)._.times] == [value]
