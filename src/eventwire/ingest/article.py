"""One text into an `Article`: the step every reader ends with."""

from __future__ import annotations

from datetime import date

from eventwire import config
from eventwire.errors import EmptyInputError, FormatError, InputError, TooLargeError
from eventwire.ingest.dateline import detect_dateline
from eventwire.ingest.text import (
    check_english,
    clean_field,
    clean_text,
    make_article_id,
    parse_published,
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
    """Make an Article from its text: clean it, check it, find its dateline, give it an id.

    A dateline found at the start of the text wins over `dateline`, which is kept only for
    texts that open without one (then `body_start` is 0). Raises EmptyInputError,
    TooLargeError, LanguageError or FormatError (a `published` string that is not a date).
    """
    text = clean_text(text)
    if not text:
        raise EmptyInputError(source)
    if len(text) * 4 > config.MAX_ARTICLE_BYTES:  # only encode when it could be over
        size = len(text.encode("utf-8"))
        if size > config.MAX_ARTICLE_BYTES:
            limit = config.MAX_ARTICLE_BYTES
            raise TooLargeError(source, f"{size} bytes, over the limit of {limit} bytes")
    if check_language:
        check_english(text, source=source)
    if isinstance(published, str):
        parsed = parse_published(published)
        if parsed is None:
            raise FormatError(source, f"bad published date {published!r}, expected ISO 8601")
        published = parsed
    found, body_start = detect_dateline(text)
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
