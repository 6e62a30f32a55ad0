"""One text into an `Article`: the step every reader ends with."""

from __future__ import annotations

from datetime import date

from eventwire import config
from eventwire.errors import (
    EmptyInputError,
    EncodingError,
    FormatError,
    InputError,
    TooLargeError,
)
from eventwire.ingest.dateline import detect_dateline
from eventwire.ingest.text import (
    check_english,
    clean_field,
    make_article_id,
    parse_published,
    skip_blank,
)
from eventwire.records import Article

#: What a reader yields per input: an article, or the reason it was skipped.
Item = Article | InputError


def read_text_article(
    text: str,
    *,
    source: str,
    published: date | str | None = None,
    dateline: str | None = None,
    url: str | None = None,
    title: str | None = None,
    article_id: str | None = None,
    publication: str | None = None,
    check_language: bool = True,
) -> Article:
    """Make an Article from its text: check it, find its dateline, give it an id.

    The text is kept as given (only a leading BOM is dropped), so that offsets into
    `Article.text` index what the user gave; the id is made from the normalised text, so
    it is the same across line-end, whitespace and Unicode-form variants. A dateline found
    at the start of the text wins over `dateline`, which is kept only for texts that open
    without one (then `body_start` only skips leading blanks). Raises EmptyInputError,
    TooLargeError, LanguageError or FormatError (a `published` string that is not a date).
    """
    text = text.removeprefix("\ufeff")
    if skip_blank(text) == len(text):
        raise EmptyInputError(source)
    _check_size(text, source=source)
    if check_language:
        check_english(text, source=source)
    if isinstance(published, str):
        parsed = parse_published(published)
        if parsed is None:
            raise FormatError(source, f"bad published date {published!r}, expected ISO 8601")
        published = parsed
    found, body_start = detect_dateline(text)
    if found is None:
        body_start = skip_blank(text)
    url = clean_field(url)
    return Article(
        article_id=clean_field(article_id) or make_article_id(text, url),
        text=text,
        title=clean_field(title),
        url=url,
        publication=clean_field(publication),
        published=published,
        dateline=found or clean_field(dateline),
        body_start=body_start,
        source=source,
    )


def _check_size(text: str, *, source: str) -> None:
    """Raise TooLargeError over the byte limit, EncodingError for a lone surrogate (a JSON
    "\\ud800" escape), which no later stage could encode."""
    try:
        size = len(text.encode("utf-8"))
    except UnicodeEncodeError as exc:
        raise EncodingError(source, f"lone surrogate at character {exc.start}, not text") from exc
    if size > config.MAX_ARTICLE_BYTES:
        limit = config.MAX_ARTICLE_BYTES
        raise TooLargeError(source, f"{size} bytes, over the limit of {limit} bytes")
