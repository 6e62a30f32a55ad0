"""Read every kind of input into `Article` records.

`read_inputs` walks files, folders and stdin and yields an `Article` per article or an
`InputError` per input that cannot be read, so one bad file never stops a batch.
Sources name where an article came from: `path`, `path:line` (JSONL, text headers),
`path#n` (the n-th object of a JSON list or item of a feed, from 1) and `-` (stdin).
"""

from __future__ import annotations

import codecs
import io
import json
import os
import sys
from collections.abc import Iterable, Iterator, Sequence
from datetime import date
from pathlib import Path
from typing import IO, Any

from eventwire import config
from eventwire.errors import (
    EmptyInputError,
    EncodingError,
    FormatError,
    InputError,
    TooLargeError,
    UnsupportedInputError,
)
from eventwire.ingest.article import Item, read_text_article
from eventwire.ingest.feeds import read_feed, sniff_markup
from eventwire.ingest.html import read_html
from eventwire.ingest.text import check_not_binary, decode_bytes, parse_published, split_header
from eventwire.records import Article

__all__ = [
    "COLLECTION_FACTOR",
    "Item",
    "read_feed",
    "read_file",
    "read_html",
    "read_inputs",
    "read_plain_text",
    "read_stdin",
    "read_text_article",
    "sniff_markup",
]

_KINDS: dict[str, str] = {
    ".txt": "text",
    ".text": "text",
    "": "auto",
    ".html": "html",
    ".htm": "html",
    ".xhtml": "html",
    ".json": "json",
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
    ".xml": "feed",
    ".rss": "feed",
    ".atom": "feed",
}
#: A JSON file or a feed holds many articles, so it may be this many times the article limit.
COLLECTION_FACTOR = 100
_JSON_FIELDS = ("id", "title", "url", "publication", "dateline")


def read_inputs(
    paths: Sequence[str | Path],
    *,
    published: date | None = None,
    dateline: str | None = None,
    stdin: IO[Any] | None = None,
) -> Iterator[Item]:
    """Yield an Article per article read, or an InputError per input that cannot be read.

    Folders are walked recursively in sorted order, skipping hidden files and folders;
    `-` reads stdin. `published` and `dateline` apply only to articles without their own.
    """
    for raw in paths:
        if str(raw) == "-":
            yield from read_stdin(stdin or sys.stdin, published=published, dateline=dateline)
            continue
        path = Path(raw)
        files = _walk(path) if path.is_dir() else [path]
        for file in files:
            yield from read_file(file, published=published, dateline=dateline)


def _walk(folder: Path) -> list[Path]:
    found: list[Path] = []
    for root, dirs, files in os.walk(folder):
        dirs[:] = [name for name in dirs if not name.startswith(".")]
        found.extend(Path(root, name) for name in files if not name.startswith("."))
    return sorted(found, key=lambda path: path.relative_to(folder).parts)


def read_file(
    path: Path, *, published: date | None = None, dateline: str | None = None
) -> Iterator[Item]:
    """Read one file by its extension (files without one are sniffed); never raises InputError."""
    source = str(path)
    kind = _KINDS.get(path.suffix.lower())
    if not path.exists():
        yield InputError(source, "cannot read: no such file or folder")
        return
    if kind is None:
        expected = ", ".join(sorted(key for key in _KINDS if key))
        yield UnsupportedInputError(
            source, f"unsupported file type {path.suffix!r} (expected one of {expected})"
        )
        return
    try:
        _check_size(path, source=source, kind=kind)
        if kind == "jsonl":
            with path.open("rb") as stream:
                yield from _read_jsonl_stream(stream, source, published, dateline)
            return
        yield from _read_bytes(path.read_bytes(), kind, source, published, dateline)
    except InputError as exc:
        yield exc
    except OSError as exc:
        yield InputError(source, f"cannot read: {exc.strerror or exc}")


def _check_size(path: Path, *, source: str, kind: str) -> None:
    """Reject empty and oversized files from `stat` alone, before reading a byte."""
    size = path.stat().st_size
    if not path.is_file():
        raise InputError(source, "not a regular file")
    if size == 0:
        raise EmptyInputError(source, "empty file")
    if kind == "jsonl":  # streamed: the limit applies per line
        return
    limit = config.MAX_ARTICLE_BYTES * (COLLECTION_FACTOR if kind in ("json", "feed") else 1)
    if size > limit:
        raise TooLargeError(source, f"{size} bytes, over the limit of {limit} bytes")


def _read_bytes(
    data: bytes, kind: str, source: str, published: date | None, dateline: str | None
) -> Iterator[Item]:
    if kind in ("auto", "feed"):
        check_not_binary(data, source=source)
        sniffed = sniff_markup(data)
        if kind == "feed" and sniffed != "feed":
            raise UnsupportedInputError(source, "XML file whose root is not an RSS or Atom feed")
        kind = sniffed or "text"
    if kind == "html":
        yield read_html(data, source=source, published=published, dateline=dateline)
    elif kind == "feed":
        yield from read_feed(data, source=source, published=published, dateline=dateline)
    elif kind == "json":
        yield from _read_json(decode_bytes(data, source=source), source, published, dateline)
    else:
        text = decode_bytes(data, source=source)
        yield read_plain_text(text, source=source, published=published, dateline=dateline)


def read_stdin(
    stream: IO[Any], *, published: date | None = None, dateline: str | None = None
) -> Iterator[Item]:
    """Read stdin as bytes (`stream.buffer` when it has one), decoded and checked as files are.

    - JSONL when the first non-blank line is a JSON object (one article per line, streamed);
    - else, when the first non-blank character is `{` or `[`, one JSON document (a
      pretty-printed object or a list of objects, up to COLLECTION_FACTOR times the article
      limit), and JSONL line by line when it does not parse as one;
    - else one plain-text article (with an optional header block), at most
      `config.MAX_ARTICLE_BYTES` bytes.
    """
    raw = _binary(stream)
    try:
        head = _head_lines(raw)
        first = head[-1].lstrip().removeprefix(codecs.BOM_UTF8) if head else b""
        if not first.strip():
            yield EmptyInputError("-", "empty input on stdin")
        elif first.startswith(b"{") and _is_object_line(first):
            lines = _decoded_lines(_Prefixed(head, raw), "-")
            yield from _read_jsonl_lines(lines, "-", published, dateline)
        elif first.startswith((b"{", b"[")):
            yield from _read_stdin_json(head, raw, published, dateline)
        else:
            data = b"".join(head) + raw.read(config.MAX_ARTICLE_BYTES + 1)
            if len(data) > config.MAX_ARTICLE_BYTES:
                raise TooLargeError("-", f"over the limit of {config.MAX_ARTICLE_BYTES} bytes")
            text = decode_bytes(data, source="-")
            yield read_plain_text(text, source="-", published=published, dateline=dateline)
    except InputError as exc:
        yield exc


def _binary(stream: IO[Any]) -> Any:
    """The byte stream under a text stream (sys.stdin); a text stream without one (a test's
    StringIO) is read whole and encoded (lone surrogates kept, to fail as invalid UTF-8)."""
    buffer = getattr(stream, "buffer", None)
    if buffer is not None:
        return buffer
    if isinstance(stream, io.TextIOBase):
        return io.BytesIO(stream.read().encode("utf-8", "surrogatepass"))
    return stream


def _head_lines(raw: Any) -> list[bytes]:
    """The lines up to the first non-blank one (each at most one byte over the limit)."""
    head: list[bytes] = []
    while line := raw.readline(config.MAX_ARTICLE_BYTES + 1):
        head.append(line)
        if line.strip(b" \t\r\n\x0b\x0c" + codecs.BOM_UTF8):
            break
    return head


def _is_object_line(line: bytes) -> bool:
    """Whether a line is one whole JSON object: the mark of JSONL."""
    try:
        return isinstance(_loads(line.decode("utf-8"), "-"), dict)
    except (UnicodeDecodeError, FormatError):
        return False


def _read_stdin_json(
    head: list[bytes], raw: Any, published: date | None, dateline: str | None
) -> Iterator[Item]:
    """Stdin as one JSON document, or as JSONL when it is not one (or too big to be one)."""
    limit = config.MAX_ARTICLE_BYTES * COLLECTION_FACTOR
    data = b"".join(head)
    data += raw.read(max(0, limit + 1 - len(data)))
    if len(data) <= limit:
        try:
            document = _loads(decode_bytes(data, source="-"), "-")
        except InputError:
            pass
        else:
            yield from _json_articles(document, "-", published, dateline)
            return
    lines = _decoded_lines(_Prefixed([data], raw), "-")
    yield from _read_jsonl_lines(lines, "-", published, dateline)


class _Prefixed:
    """A byte stream that first returns the bytes already read from `raw`, then the rest."""

    def __init__(self, prefix: list[bytes], raw: Any) -> None:
        self.prefix = io.BytesIO(b"".join(prefix))
        self.raw = raw

    def readline(self, size: int = -1) -> bytes:
        return self.prefix.readline(size) or self.raw.readline(size)


def read_plain_text(
    text: str, *, source: str, published: date | None = None, dateline: str | None = None
) -> Article:
    """A plain-text article with an optional header block (`Title:`, `Published:`, … lines)."""
    fields, body = split_header(text, source=source)
    return read_text_article(
        body,
        source=source,
        published=fields.get("published") or published,
        dateline=fields.get("dateline") or dateline,
        url=fields.get("url"),
        title=fields.get("title"),
        article_id=fields.get("article_id"),
        publication=fields.get("publication"),
    )


def _read_json(
    text: str, source: str, published: date | None, dateline: str | None
) -> Iterator[Item]:
    yield from _json_articles(_loads(text, source), source, published, dateline)


def _loads(text: str, source: str) -> Any:
    """Parsed JSON; FormatError (naming `source` and the line) when invalid or nested so
    deeply that the parser runs out of stack."""
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        raise FormatError(f"{source}:{exc.lineno}", f"invalid JSON: {exc.msg}") from exc
    except RecursionError as exc:
        raise FormatError(source, "invalid JSON: nested too deeply") from exc


def _json_articles(
    data: Any, source: str, published: date | None, dateline: str | None
) -> Iterator[Item]:
    """The articles of a JSON document: one object, or a list of objects (`source#n`)."""
    if isinstance(data, dict):
        yield _object_article(data, source, published, dateline)
    elif isinstance(data, list):
        if not data:
            raise EmptyInputError(source, "empty JSON list: no articles")
        for number, item in enumerate(data, start=1):
            yield _object_article(item, f"{source}#{number}", published, dateline)
    else:
        raise FormatError(source, "expected a JSON object or a list of objects")


def _read_jsonl_stream(
    stream: Any, source: str, published: date | None, dateline: str | None
) -> Iterator[Item]:
    """Read JSONL from a binary file line by line; no line longer than the limit is kept."""
    check_not_binary(stream.read(8192), source=source)
    stream.seek(0)
    yield from _read_jsonl_lines(_decoded_lines(stream, source), source, published, dateline)


def _decoded_lines(stream: Any, source: str) -> Iterator[str | InputError]:
    """Each line of a binary stream as text, or the error that keeps it out."""
    limit = config.MAX_ARTICLE_BYTES
    number = 0
    while raw := stream.readline(limit + 1):
        number += 1
        if len(raw) > limit:
            while raw and not raw.endswith(b"\n"):  # skip the rest of the line unread
                raw = stream.readline(65536)
            yield TooLargeError(f"{source}:{number}", f"line over the limit of {limit} bytes")
            continue
        try:
            yield raw.decode("utf-8-sig" if number == 1 else "utf-8")
        except UnicodeDecodeError as exc:
            where = f"{source}:{number}"
            yield EncodingError(where, f"not valid UTF-8 at byte {exc.start} of the line")


def _read_jsonl_lines(
    lines: Iterable[str | InputError], source: str, published: date | None, dateline: str | None
) -> Iterator[Item]:
    """JSONL lines (numbered from 1) as Articles; a line that is already an error passes."""
    for number, line in enumerate(lines, start=1):
        where = f"{source}:{number}"
        if isinstance(line, InputError):
            yield line
        elif len(line) > config.MAX_ARTICLE_BYTES:
            yield TooLargeError(where, f"line over the limit of {config.MAX_ARTICLE_BYTES} bytes")
        elif (item := _jsonl_item(line, where, published, dateline)) is not None:
            yield item


def _jsonl_item(line: str, where: str, published: date | None, dateline: str | None) -> Item | None:
    """One JSONL line as an Article or an InputError; None for a blank line."""
    line = line.strip()
    if not line:
        return None
    try:
        data = json.loads(line)
    except json.JSONDecodeError as exc:
        return FormatError(where, f"invalid JSON: {exc.msg} (column {exc.colno})")
    except RecursionError:
        return FormatError(where, "invalid JSON: nested too deeply")
    return _object_article(data, where, published, dateline)


def _object_article(data: Any, source: str, published: date | None, dateline: str | None) -> Item:
    """An article from a JSON object with `text` and optional `id`, `title`, `url`, …"""
    try:
        if not isinstance(data, dict):
            raise FormatError(source, f"expected a JSON object, got {type(data).__name__}")
        text = data.get("text")
        if text is None or (isinstance(text, str) and not text.strip()):
            raise EmptyInputError(source, "no article text (missing or empty `text` field)")
        if not isinstance(text, str):
            raise FormatError(source, "`text` must be a string")
        fields = {}
        for name in _JSON_FIELDS:
            value = data.get(name)
            if value is not None and not isinstance(value, str | int):
                raise FormatError(source, f"`{name}` must be a string")
            fields[name] = None if value is None else str(value)
        own_date = data.get("published")
        if own_date not in (None, ""):
            published = parse_published(own_date)
            if published is None:
                raise FormatError(source, f"bad `published` date {own_date!r}, expected ISO 8601")
        return read_text_article(
            text,
            source=source,
            published=published,
            dateline=fields["dateline"] or dateline,
            url=fields["url"],
            title=fields["title"],
            article_id=fields["id"],
            publication=fields["publication"],
        )
    except InputError as exc:
        return exc
