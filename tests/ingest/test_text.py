"""Decoding, normalisation, ids, dates, the language check and header blocks."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from eventwire.errors import BinaryInputError, EncodingError, FormatError, LanguageError
from eventwire.ingest.text import (
    check_english,
    decode_bytes,
    language_shares,
    make_article_id,
    normalise_text,
    parse_published,
    skip_blank,
    split_header,
    strip_html,
)

FIXTURES = Path(__file__).parent / "fixtures"

ENGLISH_SAMPLES = [
    "Soldiers opened fire on a crowd of protesters outside the governor's office on Friday, "
    "killing at least three people, witnesses said, as anger over fuel prices spread to a "
    "second city.",
    "The president spoke by phone with his counterpart on Wednesday and urged him to "
    "release the detained journalists, a spokesman said in a statement after the call.",
    "Floodwaters cut off dozens of villages in the delta, and the disaster agency said "
    "boats were being sent with food, water and medicine for families stranded on roofs.",
]


def test_check_english_accepts_short_news() -> None:
    for sample in ENGLISH_SAMPLES:
        english, foreign, count = language_shares(sample)
        assert count >= 15
        assert english >= 0.15 > foreign, sample
        check_english(sample, source="x")


def test_check_english_accepts_sentence_of_names_and_places() -> None:
    sentence = (
        "Navy patrol boats using radar intercepted 3 fishing vessels near Cape Ross in an "
        "operation on a disputed reef in April."
    )
    assert language_shares(sentence)[0] < 0.06  # few English function words, yet English
    check_english(sentence, source="x")


@pytest.mark.parametrize("name", ["spanish.txt", "french.txt", "german.txt"])
def test_check_english_rejects_other_languages(name: str) -> None:
    text = (FIXTURES / name).read_text(encoding="utf-8")
    english, foreign, _ = language_shares(text)
    assert english < 0.03 and foreign > 0.2
    with pytest.raises(LanguageError, match=name):
        check_english(text, source=name)


def test_check_english_rejects_short_foreign_sentence() -> None:
    with pytest.raises(LanguageError):
        check_english(
            "Der Minister hat am Montag die Grenze zu dem Nachbarland für den Verkehr "
            "geschlossen, weil es dort Unruhen gab.",
            source="x",
        )


def test_check_english_does_not_judge_short_texts() -> None:
    check_english("Ataque en la frontera", source="x")  # too short to say: accepted


def test_decode_bytes_reports_byte_offset_of_bad_utf8() -> None:
    with pytest.raises(EncodingError, match="at byte 6") as info:
        decode_bytes(b"Kyiv: \xff\xfe bad", source="a.txt")
    assert info.value.source == "a.txt"


def test_decode_bytes_uses_declared_charset() -> None:
    assert decode_bytes("Bogotá".encode("latin-1"), source="x", charset="latin-1") == "Bogotá"


def test_decode_bytes_accepts_bom_and_utf16() -> None:
    assert decode_bytes(b"\xef\xbb\xbfHello", source="x") == "Hello"
    assert decode_bytes("Hello".encode("utf-16"), source="x") == "Hello"


@pytest.mark.parametrize(
    ("data", "kind"),
    [(b"\x89PNG\r\n\x1a\n\x00\x00", "PNG"), (b"text\x00more", "NUL"), (b"%PDF-1.7", "PDF")],
)
def test_decode_bytes_rejects_binary(data: bytes, kind: str) -> None:
    with pytest.raises(BinaryInputError, match=kind):
        decode_bytes(data, source="x")


def test_make_article_id_is_stable_across_whitespace_and_unicode_forms() -> None:
    composed = "Protest in Bogotá\non Monday."
    decomposed = "Protest  in Bogota\u0301 on\tMonday.  "
    assert normalise_text(decomposed) == "Protest in Bogotá on Monday."
    assert make_article_id(composed) == make_article_id(decomposed)
    assert len(make_article_id(composed)) == 16
    assert make_article_id(composed, "https://a.example") != make_article_id(composed)


def test_skip_blank_skips_spaces_bom_nbsp_and_zero_width() -> None:
    assert skip_blank("\ufeff \u00a0\u200b\r\n\tA b") == 7
    assert skip_blank("A  b", 1) == 3
    assert skip_blank(" \u200d ") == 3


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2024-08-08", date(2024, 8, 8)),
        ("2024-08-08T23:30:00-05:00", date(2024, 8, 8)),
        ("2024-08-08T10:00:00Z", date(2024, 8, 8)),
        ("Thu, 08 Aug 2024 10:00:00 GMT", date(2024, 8, 8)),
        ("last Tuesday", None),
        ("", None),
        (None, None),
    ],
)
def test_parse_published_accepts_iso_and_rfc2822(value: str | None, expected: date | None) -> None:
    assert parse_published(value) == expected


def test_split_header_reads_keys_case_insensitively() -> None:
    fields, body = split_header(
        "TITLE: Talks resume\npublished: 2024-01-02\nUrl: https://u.example\n\nBody text.",
        source="a.txt",
    )
    assert fields == {
        "title": "Talks resume",
        "published": date(2024, 1, 2),
        "url": "https://u.example",
    }
    assert body.strip() == "Body text."


def test_split_header_leaves_text_without_header() -> None:
    text = "Jerusalem: Troops entered the camp.\n\nMore text."
    assert split_header(text, source="a.txt") == ({}, text)


def test_split_header_skips_empty_values() -> None:
    fields, body = split_header("Title: Talks\nPublished:\n\nBody text.", source="a.txt")
    assert fields == {"title": "Talks"}
    assert body.strip() == "Body text."


def test_split_header_bad_date_names_line() -> None:
    with pytest.raises(FormatError, match=r"a\.txt:2: bad Published date 'soon'"):
        split_header("Title: X\nPublished: soon\n\nBody.", source="a.txt")


def test_strip_html_keeps_paragraphs_and_decodes_entities() -> None:
    html = "<p>First &amp; <b>bold</b></p><script>var x;</script><p>Second&nbsp;one</p>"
    assert strip_html(html) == "First & bold\nSecond one"


def test_check_english_accepts_short_news_sentences_without_function_words() -> None:
    # Short headline-style sentences: names, places and verbs, few function words; length
    # alone is no evidence of another language.
    text = (
        "Rebel fighters attacked army posts near Goma last week. Kenyan police arrested "
        "twelve students in Nairobi. Turkish jets struck targets in northern Iraq. Sudanese "
        "troops shelled Omdurman. Protesters blocked roads in Dhaka. Syrian drones hit "
        "Idlib. Indian police detained opposition leaders. Peruvian farmers marched on Lima. "
        "Iranian guards seized a tanker. Polish officials summoned Russia's envoy. Malian "
        "soldiers killed militants near Mopti. Chilean students occupied campuses. Yemeni "
        "rebels fired missiles at ships."
    )
    english, foreign, count = language_shares(text)
    assert count >= 40 and english < 0.06 and foreign < 0.08
    check_english(text, source="x")


def test_check_english_rejects_foreign_text_only_on_foreign_words() -> None:
    names = " ".join(["Goma Nairobi Dhaka Lima Mopti"] * 10)  # no function words at all
    check_english(names, source="x")
    with pytest.raises(LanguageError, match="Spanish"):
        check_english(names + " de la que el los las del por con para una", source="x")


def test_check_english_rejects_text_in_another_script() -> None:
    russian = "Российские войска обстреляли Харьков во вторник, сообщили местные власти. " * 3
    with pytest.raises(LanguageError):
        check_english(russian, source="ru.txt")


def test_check_english_keeps_english_quoting_a_name_in_another_script() -> None:
    check_english("Officials in Kyiv (Київ) said troops shelled the city on Tuesday.", source="en")
