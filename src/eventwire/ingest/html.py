"""HTML pages into Articles: the main text by trafilatura, metadata from explicit tags only."""

from __future__ import annotations

import json
import re
from datetime import date
from typing import Any

import lxml.etree
import lxml.html
import trafilatura

from eventwire.errors import EmptyInputError, FormatError
from eventwire.ingest.article import read_text_article
from eventwire.ingest.text import check_not_binary, decode_bytes, parse_published
from eventwire.records import Article

_CHARSET_RE = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?([\w.:-]+)""", re.IGNORECASE)
#: Meta keys (property, name or itemprop) that state a publication date, most trusted first.
#: Explicit metadata only: a page's copyright line or a guessed date is never used.
_DATE_META = (
    "article:published_time",
    "og:published_time",
    "datepublished",
    "pubdate",
    "publishdate",
    "publish-date",
    "publish_date",
    "publication_date",
    "dc.date.issued",
    "dc.date",
    "dcterms.created",
    "dcterms.date",
    "parsely-pub-date",
    "sailthru.date",
    "date",
)


def read_html(
    data: bytes, *, source: str, published: date | None = None, dateline: str | None = None
) -> Article:
    """An article from an HTML page: main text by trafilatura, metadata from explicit tags."""
    check_not_binary(data, source=source)
    declared = _CHARSET_RE.search(data[:4096])
    charset = declared.group(1).decode("ascii", "replace") if declared else None
    text = decode_bytes(data, source=source, charset=charset)
    if not text.strip():
        raise EmptyInputError(source)
    try:
        parser = lxml.html.HTMLParser(encoding="utf-8")
        tree = lxml.html.document_fromstring(text.encode("utf-8"), parser=parser)
    except (lxml.etree.ParserError, ValueError) as exc:
        raise FormatError(source, f"malformed HTML: {exc}") from exc
    meta = _html_meta(tree)
    title = meta.get("og:title") or tree.findtext(".//title") or None
    url = _canonical_url(tree) or meta.get("og:url")
    own_date = _html_published(tree, meta)
    visible = " ".join(tree.xpath("//body//text()[not(ancestor::script or ancestor::style)]"))
    # trafilatura has no error type of its own, and one page must not stop a batch.
    try:
        body = trafilatura.extract(tree, include_comments=False, include_tables=False)
    except Exception as exc:
        raise FormatError(source, f"malformed HTML: {type(exc).__name__}: {exc}") from exc
    if not body:
        if not visible.strip():
            raise EmptyInputError(source, "HTML page with no text")
        raise FormatError(source, "malformed HTML: no article text could be extracted")
    return read_text_article(
        _drop_title_line(body, title),
        source=source,
        published=own_date or published,
        dateline=dateline,
        url=url,
        title=title,
        publication=meta.get("og:site_name"),
    )


def _html_meta(tree: Any) -> dict[str, str]:
    """`<meta>` contents by lower-cased property, name or itemprop (the first of each wins)."""
    meta: dict[str, str] = {}
    for element in tree.iter("meta"):
        key = element.get("property") or element.get("name") or element.get("itemprop")
        content = element.get("content")
        if key and content and content.strip():
            meta.setdefault(key.strip().lower(), content.strip())
    return meta


def _canonical_url(tree: Any) -> str | None:
    for link in tree.iter("link"):
        if "canonical" in (link.get("rel") or "").lower().split() and link.get("href"):
            return str(link.get("href"))
    return None


def _html_published(tree: Any, meta: dict[str, str]) -> date | None:
    """The publication date from explicit metadata: meta tags, JSON-LD, then `<time datetime>`."""
    first = parse_published(meta.get("article:published_time"))
    if first:
        return first
    found = _jsonld_published(tree)
    if found:
        return found
    for key in _DATE_META:
        found = parse_published(meta.get(key))
        if found:
            return found
    xpath = "//*[@itemprop='datePublished']|//article//time[@datetime]|//time[@datetime]"
    for element in tree.xpath(xpath):
        found = parse_published(element.get("datetime") or element.get("content"))
        if found:
            return found
    return None


def _jsonld_published(tree: Any) -> date | None:
    for script in tree.xpath("//script[@type='application/ld+json']"):
        try:
            stack: list[Any] = [json.loads(script.text_content())]
        except ValueError:
            continue
        while stack:
            item = stack.pop(0)
            if isinstance(item, list):
                stack.extend(item)
            elif isinstance(item, dict):
                found = parse_published(item.get("datePublished"))
                if found:
                    return found
                stack.extend(v for v in item.values() if isinstance(v, list | dict))
    return None


def _drop_title_line(body: str, title: str | None) -> str:
    """Drop the headline trafilatura repeats as the first line, so a dateline opens the text.

    The line goes when it is the title, or the title less a " | Site name" style suffix.
    """
    first, sep, rest = body.partition("\n")
    first, title = " ".join(first.split()), " ".join((title or "").split())
    if sep and first and (first == title or (len(first) >= 15 and title.startswith(first + " "))):
        return rest
    return body
