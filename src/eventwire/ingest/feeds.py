"""RSS and Atom feeds into Articles (one per item), and telling feeds and pages apart."""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date
from typing import Any

import feedparser

from eventwire.errors import EmptyInputError, FormatError, InputError
from eventwire.ingest.article import Item, read_text_article
from eventwire.ingest.text import strip_html

_ROOT_RE = re.compile(rb"<([A-Za-z][\w:.-]*)")


def sniff_markup(data: bytes) -> str | None:
    """ "feed" for XML whose root is rss/feed/RDF, "html" for an HTML page, else None."""
    head = data[:4096].lstrip(b"\xef\xbb\xbf \t\r\n")
    if not head.startswith(b"<"):
        return None
    match = _ROOT_RE.search(head)  # the first element: <?xml …?> and <!…> do not match
    name = match.group(1).decode("ascii", "replace").lower() if match else ""
    if name in ("rss", "feed", "rdf:rdf"):
        return "feed"
    if name in ("html", "head", "body") or head.lower().startswith(b"<!doctype html"):
        return "html"
    return None


def read_feed(
    data: bytes, *, source: str, published: date | None = None, dateline: str | None = None
) -> Iterator[Item]:
    """Each item of an RSS/Atom feed as an article: title, link, date, content or summary."""
    try:
        parsed = feedparser.parse(data)
    except Exception as exc:  # feedparser reports most faults as `bozo`; this is the rest
        raise FormatError(source, f"malformed feed: {type(exc).__name__}: {exc}") from exc
    if not parsed.entries:
        if parsed.bozo:
            raise FormatError(source, f"malformed feed: {parsed.get('bozo_exception')}")
        raise EmptyInputError(source, "feed has no items")
    publication = parsed.feed.get("title")
    for number, entry in enumerate(parsed.entries, start=1):
        yield _feed_item(entry, f"{source}#{number}", publication, published, dateline)


def _feed_item(
    entry: Any, source: str, publication: str | None, published: date | None, dateline: str | None
) -> Item:
    content = entry.get("content")
    markup = (content[0].get("value") if content else None) or entry.get("summary") or ""
    when = entry.get("published_parsed") or entry.get("updated_parsed")
    try:
        return read_text_article(
            strip_html(markup),
            source=source,
            published=date(*when[:3]) if when else published,
            dateline=dateline,
            url=entry.get("link"),
            title=entry.get("title"),
            publication=publication,
        )
    except InputError as exc:
        return exc
