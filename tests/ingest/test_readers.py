"""Readers: every input kind into Articles, and every bad input into a named InputError."""

from __future__ import annotations

import io
import json
import shutil
from datetime import date
from pathlib import Path

import pytest

from eventwire import config
from eventwire.errors import (
    BinaryInputError,
    EmptyInputError,
    EncodingError,
    FormatError,
    InputError,
    LanguageError,
    TooLargeError,
    UnsupportedInputError,
)
from eventwire.ingest import read_inputs, read_text_article
from eventwire.records import Article

FIXTURES = Path(__file__).parent / "fixtures"
ENGLISH = (
    "Police said on Sunday that they had arrested four men after a bomb exploded near a "
    "market in the city centre, wounding at least eleven people, and that the search for "
    "others was going on."
)


def read_all(*paths: str | Path, **options: object) -> list[Article | InputError]:
    return list(read_inputs([str(p) for p in paths], **options))  # type: ignore[arg-type]


def only_article(*paths: str | Path, **options: object) -> Article:
    items = read_all(*paths, **options)
    assert len(items) == 1 and isinstance(items[0], Article), items
    return items[0]


def only_error(path: Path) -> InputError:
    items = read_all(path)
    assert len(items) == 1 and isinstance(items[0], InputError), items
    assert str(path) in str(items[0])
    return items[0]


def test_read_text_article_sets_dateline_body_and_id() -> None:
    text = "  KYIV, Ukraine (Reuters) - " + ENGLISH + "\n"
    article = read_text_article(text, source="api", url="https://k.example/1")
    assert article.dateline == "KYIV, Ukraine"
    assert article.body == ENGLISH + "\n"
    assert article.text == text  # kept as given: offsets index the user's text
    assert article.source == "api"
    again = read_text_article(text.replace(" ", "  "), source="other", url="https://k.example/1")
    assert again.article_id == article.article_id


def test_read_text_article_own_dateline_wins_over_given() -> None:
    article = read_text_article("BEIRUT (AP) — " + ENGLISH, source="x", dateline="CAIRO")
    assert article.dateline == "BEIRUT"
    plain = read_text_article(ENGLISH, source="x", dateline="CAIRO")
    assert (plain.dateline, plain.body_start) == ("CAIRO", 0)


def test_read_text_article_accepts_iso_string_date() -> None:
    assert read_text_article(ENGLISH, source="x", published="2024-08-08").published == date(
        2024, 8, 8
    )
    with pytest.raises(FormatError, match="x: bad published date"):
        read_text_article(ENGLISH, source="x", published="someday")


def test_read_text_article_rejects_blank_text() -> None:
    with pytest.raises(EmptyInputError, match="api"):
        read_text_article(" \n\t", source="api")


def test_read_inputs_text_file_with_header() -> None:
    article = only_article(FIXTURES / "article.txt")
    assert article.title == "Floods force thousands from riverside towns"
    assert article.published == date(2024, 3, 14)
    assert article.url == "https://news.example.org/2024/03/14/floods"
    assert article.publication == "Example Daily"
    assert article.dateline == "MAPUTO, Mozambique"
    assert article.body.startswith("Heavy rain pushed")
    assert article.source == str(FIXTURES / "article.txt")


def test_read_inputs_file_without_extension_is_text() -> None:
    article = only_article(FIXTURES / "plain_no_header")
    assert article.text.startswith("Protesters gathered")
    assert article.published is None  # a missing date is allowed


def test_read_inputs_defaults_apply_only_without_own_values() -> None:
    given = date(2020, 1, 1)
    own = only_article(FIXTURES / "article.txt", published=given, dateline="LIMA")
    assert (own.published, own.dateline) == (date(2024, 3, 14), "MAPUTO, Mozambique")
    bare = only_article(FIXTURES / "plain_no_header", published=given, dateline="LIMA")
    assert (bare.published, bare.dateline) == (given, "LIMA")


def test_read_inputs_html_uses_explicit_metadata() -> None:
    article = only_article(FIXTURES / "page.html")
    assert article.title == "Ceasefire talks resume in the capital"
    assert article.published == date(2024, 6, 2)
    assert article.url == "https://wire.example.com/world/ceasefire-talks"
    assert article.publication == "Example Wire"
    assert article.dateline == "KHARTOUM, Sudan"
    assert article.body.startswith("Delegations from the two warring sides")
    assert "Home" not in article.text and "Copyright" not in article.text


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("jsonld.html", date(2023, 11, 20)),
        ("timetag.html", date(2022, 10, 5)),
        ("nodate.html", None),  # a copyright year is never a publication date
    ],
)
def test_read_inputs_html_date_sources(name: str, expected: date | None) -> None:
    assert only_article(FIXTURES / name).published == expected


def test_read_inputs_html_declared_charset(tmp_path: Path) -> None:
    page = tmp_path / "latin.html"
    html = f'<html><head><meta charset="iso-8859-1"></head><body><p>{ENGLISH} In Bogotá.</p>'
    page.write_bytes(html.encode("latin-1"))
    assert "Bogotá" in only_article(page).text


def test_read_inputs_malformed_html_recovers_text(tmp_path: Path) -> None:
    page = tmp_path / "broken.html"
    page.write_text(f"<html><body><div><p>{ENGLISH}<p><b>Unclosed tags follow</div", "utf-8")
    assert only_article(page).text.startswith("Police said on Sunday")


@pytest.mark.parametrize(
    "html",
    ["<html><head><title>x</title></head><body></body></html>", "<html><script>x=1</script>"],
)
def test_read_inputs_html_without_text_is_empty(tmp_path: Path, html: str) -> None:
    page = tmp_path / "empty.html"
    page.write_text(html, "utf-8")
    assert isinstance(only_error(page), EmptyInputError)


def test_read_inputs_html_invalid_utf8_without_charset(tmp_path: Path) -> None:
    page = tmp_path / "bad.html"
    page.write_bytes(b"<html><body><p>" + ENGLISH.encode() + b"\xff\xfe</p></body></html>")
    assert isinstance(only_error(page), EncodingError)


def test_read_inputs_jsonl_keeps_good_lines_and_reports_bad_ones() -> None:
    path = FIXTURES / "articles.jsonl"
    items = read_all(path)
    sources = [item.source for item in items]
    assert sources == [f"{path}:{n}" for n in (1, 3, 4, 5, 6, 7)]
    first, second, broken, empty, not_object, last = items
    assert isinstance(first, Article) and first.article_id == "wire-001"
    assert (first.published, first.dateline, first.title) == (
        date(2024, 2, 11),
        "ISLAMABAD",
        "Dozens held after rally",
    )
    assert isinstance(second, Article) and second.publication == "Money Desk"
    assert isinstance(broken, FormatError) and "invalid JSON" in str(broken)
    assert isinstance(empty, EmptyInputError)
    assert isinstance(not_object, FormatError)
    assert isinstance(last, Article) and last.dateline == "KATHMANDU"
    assert last.published == date(2024, 2, 17)


def test_read_inputs_jsonl_bad_published_is_format_error(tmp_path: Path) -> None:
    path = tmp_path / "a.ndjson"
    path.write_text(f'{{"text": "{ENGLISH}", "published": "next week"}}\n', "utf-8")
    error = only_error(path)
    assert isinstance(error, FormatError) and error.source == f"{path}:1"


def test_read_inputs_jsonl_invalid_utf8_line(tmp_path: Path) -> None:
    path = tmp_path / "a.jsonl"
    good = f'{{"text": "{ENGLISH}"}}\n'.encode()
    path.write_bytes(good + b'{"text": "caf\xe9"}\n' + good)
    items = read_all(path)
    assert [type(item) for item in items] == [Article, EncodingError, Article]
    assert items[1].source == f"{path}:2"


def test_read_inputs_jsonl_overlong_line_is_skipped(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(config, "MAX_ARTICLE_BYTES", 1000)
    path = tmp_path / "a.jsonl"
    good = f'{{"text": "{ENGLISH}"}}\n'
    path.write_text(good + '{"text": "' + "word " * 2000 + '"}\n' + good, "utf-8")
    items = read_all(path)
    assert [type(item) for item in items] == [Article, TooLargeError, Article]
    assert items[1].source == f"{path}:2"
    assert items[2].source == f"{path}:3"


def test_read_inputs_json_list_and_object() -> None:
    first, second = read_all(FIXTURES / "articles.json")
    assert isinstance(first, Article) and isinstance(second, Article)
    assert first.article_id == "42"
    assert first.dateline == "NAIROBI, Kenya"
    assert first.source == f"{FIXTURES / 'articles.json'}#1"
    assert second.title == "Ambassador summoned"
    single = only_article(FIXTURES / "single.json")
    assert single.url == "https://y.example/embassies"


def test_read_inputs_broken_json_names_line(tmp_path: Path) -> None:
    path = tmp_path / "a.json"
    path.write_text('[\n{"text": "x"},\n{"text": \n', "utf-8")
    error = only_error(path)
    assert isinstance(error, FormatError) and error.source.startswith(f"{path}:")


def test_read_inputs_rss_items() -> None:
    path = FIXTURES / "feed.rss"
    first, second = read_all(path)
    assert isinstance(first, Article) and isinstance(second, Article)
    assert first.title == "Border crossing reopens to trucks"
    assert first.url == "https://wire.example.com/world/border-crossing"
    assert first.published == date(2024, 7, 9)
    assert first.dateline == "RAFAH"
    assert "<b>" not in first.text and "border authority" in first.text
    assert first.publication == "Example Wire: World"
    assert (first.source, second.source) == (f"{path}#1", f"{path}#2")


def test_read_inputs_atom_entry() -> None:
    article = only_article(FIXTURES / "feed.atom")
    assert article.url == "https://atom.example.net/drought-relief"
    assert article.published == date(2024, 5, 1)
    assert article.text.split("\n")[1].startswith("The government said")


def test_read_inputs_feed_without_extension_is_sniffed(tmp_path: Path) -> None:
    path = tmp_path / "feed"
    shutil.copy(FIXTURES / "feed.rss", path)
    assert [item.source for item in read_all(path)] == [f"{path}#1", f"{path}#2"]


def test_read_inputs_xml_that_is_not_a_feed() -> None:
    assert isinstance(only_error(FIXTURES / "catalog.xml"), UnsupportedInputError)


def test_read_inputs_broken_feed(tmp_path: Path) -> None:
    path = tmp_path / "broken.rss"
    path.write_text("<rss><channel><title>x</title><item><title>unclosed", "utf-8")
    assert isinstance(only_error(path), FormatError | EmptyInputError)


def test_read_inputs_stdin_plain_text() -> None:
    stream = io.StringIO("Title: Bomb near market\n\nLAGOS (AP) — " + ENGLISH)
    article = only_article("-", stdin=stream)
    assert (article.source, article.title, article.dateline) == ("-", "Bomb near market", "LAGOS")


def test_read_inputs_stdin_jsonl() -> None:
    stream = io.StringIO(f'\n{{"text": "{ENGLISH}", "id": "a"}}\nnot json\n')
    items = read_all("-", stdin=stream)
    assert isinstance(items[0], Article) and items[0].article_id == "a"
    assert items[0].source == "-:2"
    assert isinstance(items[1], FormatError) and items[1].source == "-:3"


def test_read_inputs_stdin_empty() -> None:
    items = read_all("-", stdin=io.StringIO("\n  \n"))
    assert len(items) == 1 and isinstance(items[0], EmptyInputError)


def test_read_inputs_folder_sorted_recursive_skipping_hidden(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    shutil.copytree(FIXTURES / "corpus", corpus)
    (corpus / ".hidden").mkdir()
    (corpus / ".hidden" / "d.txt").write_text(ENGLISH, "utf-8")
    (corpus / ".e.txt").write_text(ENGLISH, "utf-8")
    sources = [item.source for item in read_all(corpus)]
    assert sources == [str(corpus / "a.txt"), str(corpus / "b.txt"), str(corpus / "sub" / "c.json")]


def test_read_inputs_batch_with_one_bad_file_goes_on(tmp_path: Path) -> None:
    (tmp_path / "1.txt").write_text(ENGLISH, "utf-8")
    (tmp_path / "2.txt").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)))
    (tmp_path / "3.txt").write_text("WASHINGTON -- " + ENGLISH, "utf-8")
    items = read_all(tmp_path)
    assert [type(item) for item in items] == [Article, BinaryInputError, Article]
    assert str(tmp_path / "2.txt") in str(items[1])


@pytest.mark.parametrize(
    ("name", "content", "error"),
    [
        ("empty.txt", b"", EmptyInputError),
        ("blank.txt", b"  \n\n  ", EmptyInputError),
        ("header_only.txt", b"Title: Nothing else\n", EmptyInputError),
        ("nul.txt", b"Some text\x00with a NUL byte", BinaryInputError),
        ("image.png.txt", b"\x89PNG\r\n\x1a\nrest", BinaryInputError),
        ("noext", b"\x89PNG\r\n\x1a\nrest", BinaryInputError),
        ("latin.txt", ENGLISH.encode() + b" caf\xe9", EncodingError),
        ("notes.md", b"# Notes", UnsupportedInputError),
        ("es.txt", (FIXTURES / "spanish.txt").read_bytes(), LanguageError),
        ("bad_date.txt", b"Published: yesterday\n\n" + ENGLISH.encode(), FormatError),
    ],
)
def test_read_inputs_bad_file(tmp_path: Path, name: str, content: bytes, error: type) -> None:
    path = tmp_path / name
    path.write_bytes(content)
    assert isinstance(only_error(path), error)


def test_read_inputs_encoding_error_gives_byte_offset(tmp_path: Path) -> None:
    path = tmp_path / "latin.txt"
    path.write_bytes(b"Troops in Bogot\xe1 today.")
    assert "at byte 15" in str(only_error(path))


def test_read_inputs_too_large_file_is_not_read(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "huge.txt"
    with path.open("wb") as handle:
        handle.truncate(50 * 1024 * 1024)  # sparse: 50 MB on stat, nothing on disk

    def no_read(self: Path) -> bytes:
        raise AssertionError(f"{self} was read")

    monkeypatch.setattr(Path, "read_bytes", no_read)
    error = only_error(path)
    assert isinstance(error, TooLargeError) and "52428800 bytes" in str(error)


@pytest.mark.parametrize("name", ["nowhere.txt", "nowhere.md"])
def test_read_inputs_missing_path(tmp_path: Path, name: str) -> None:
    error = only_error(tmp_path / name)
    assert type(error) is InputError and "no such file" in str(error)


def test_read_inputs_html_keeps_first_line_that_is_not_the_title(tmp_path: Path) -> None:
    page = tmp_path / "p.html"
    page.write_text(
        "<html><head><title>Bomb near market | Daily</title></head><body><article>"
        f"<p>Bomb near market</p><p>{ENGLISH}</p></article></body></html>",
        "utf-8",
    )
    assert only_article(page).text.startswith("Police said")  # repeated headline dropped
    page.write_text(
        "<html><head><title>Bomb near market</title></head><body><article>"
        f"<p>Bomb</p><p>{ENGLISH}</p></article></body></html>",
        "utf-8",
    )
    assert only_article(page).text.startswith("Bomb\nPolice said")


def _stdin(data: bytes) -> io.TextIOWrapper:
    """A stream like sys.stdin: text on top of a byte buffer."""
    return io.TextIOWrapper(io.BytesIO(data), encoding="utf-8")


@pytest.mark.parametrize(
    "text",
    [
        "  WASHINGTON -- " + ENGLISH.replace(", ", ",\r\n") + "\r\n",
        "\r\n\u00a0 " + ENGLISH.replace("centre", "Bogota\u0301 centre") + "  ",
        "\u200bBEIRUT (AP) —\u00a0" + ENGLISH + "\n\n",
    ],
)
def test_read_text_article_offsets_index_the_text_as_given(text: str) -> None:
    article = read_text_article(text, source="x")
    assert article.text == text
    assert article.body.startswith(("Police said", ENGLISH[:11]))
    assert article.text[article.body_start :] == article.body
    normalised = " ".join(text.split())
    assert article.article_id == read_text_article(normalised, source="y").article_id


def test_read_inputs_crlf_text_file_keeps_text_after_header(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    body = "LAGOS (AP) — " + ENGLISH.replace(", ", ",\r\n") + "\r\n"
    path.write_bytes(("Title: Bomb\r\nPublished: 2024-01-02\r\n\r\n" + body).encode())
    article = only_article(path)
    assert article.text == body and article.title == "Bomb"
    assert article.text[article.body_start :].startswith("Police said")


def test_read_inputs_stdin_invalid_utf8_is_encoding_error() -> None:
    items = read_all("-", stdin=_stdin(b"Hello \xff world " + ENGLISH.encode()))
    assert len(items) == 1 and isinstance(items[0], EncodingError)
    assert "at byte 6" in str(items[0])


def test_read_inputs_stdin_binary_data_is_binary_error() -> None:
    items = read_all("-", stdin=_stdin(b"\x89PNG\r\n\x1a\n\x00\x01binary"))
    assert len(items) == 1 and isinstance(items[0], BinaryInputError)
    items = read_all("-", stdin=_stdin(b"text\x00more"))
    assert len(items) == 1 and isinstance(items[0], BinaryInputError)


def test_read_inputs_stdin_size_limit_is_in_bytes(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(config, "MAX_ARTICLE_BYTES", 300)
    text = ENGLISH[:150] + "é" * 100  # 250 characters, 350 bytes
    items = read_all("-", stdin=_stdin(text.encode()))
    assert len(items) == 1 and isinstance(items[0], TooLargeError)


def test_read_inputs_stdin_bytes_with_bom_and_crlf() -> None:
    stream = _stdin(b"\xef\xbb\xbfTitle: Bomb\r\n\r\nLAGOS (AP) - " + ENGLISH.encode() + b"\r\n")
    article = only_article("-", stdin=stream)
    assert (article.title, article.dateline) == ("Bomb", "LAGOS")
    assert article.body == ENGLISH + "\r\n"


def test_read_inputs_stdin_pretty_printed_json_object() -> None:
    data = json.dumps({"text": ENGLISH, "id": "p1", "title": "Bomb"}, indent=2)
    article = only_article("-", stdin=io.StringIO("\n" + data + "\n"))
    assert (article.article_id, article.title, article.source) == ("p1", "Bomb", "-")


def test_read_inputs_stdin_json_array() -> None:
    data = json.dumps([{"text": ENGLISH, "id": "a"}, {"text": ENGLISH, "id": "b"}], indent=1)
    items = read_all("-", stdin=_stdin(data.encode()))
    assert [(i.article_id, i.source) for i in items if isinstance(i, Article)] == [
        ("a", "-#1"),
        ("b", "-#2"),
    ]
    one_line = read_all("-", stdin=io.StringIO(json.dumps([{"text": ENGLISH}])))
    assert len(one_line) == 1 and isinstance(one_line[0], Article)


def test_read_inputs_stdin_broken_json_falls_back_to_jsonl_lines() -> None:
    stream = io.StringIO(f'[\n{{"text": "{ENGLISH}"}}\n')
    items = read_all("-", stdin=stream)
    assert [type(item) for item in items] == [FormatError, Article]
    assert [item.source for item in items] == ["-:1", "-:2"]


NESTED = '{"a":' + "[" * 100_000 + "]" * 100_000 + "}"


@pytest.mark.parametrize("name", ["deep.json", "deep.jsonl"])
def test_read_inputs_deeply_nested_json_is_format_error(tmp_path: Path, name: str) -> None:
    path = tmp_path / name
    path.write_text(NESTED + "\n", "utf-8")
    error = only_error(path)
    assert isinstance(error, FormatError) and "nested too deeply" in str(error)


def test_read_inputs_stdin_deeply_nested_json_is_format_error() -> None:
    for text in (NESTED, "\n" + NESTED.replace("[", "[\n", 1)):
        items = read_all("-", stdin=io.StringIO(text))
        assert items and all(isinstance(item, FormatError) for item in items), items
        assert any("nested too deeply" in str(item) for item in items)


def test_api_ingest_deeply_nested_body_is_format_error() -> None:
    from eventwire.api.ingest import _check_object

    with pytest.raises(FormatError, match="request body: invalid JSON: nested too deeply"):
        _check_object(NESTED.encode())
