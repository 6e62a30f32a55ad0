"""Ingest: read files, folders, feeds and stdin into `Article` records.

`read_inputs` is the batch entry point (it yields an `InputError` for each unreadable
input instead of raising); `read_text_article` turns one text into an Article;
`detect_dateline` finds the "KYIV, Ukraine (Reuters) -" opening of a wire story.

Modules: `readers` (files, folders, stdin, JSON/JSONL, plain text), `html` (pages),
`feeds` (RSS/Atom), `article` (one text into an Article), `text` (decoding, ids, dates,
the language check) and `dateline`.
"""

from eventwire.ingest.dateline import detect_dateline
from eventwire.ingest.readers import (
    read_file,
    read_inputs,
    read_plain_text,
    read_stdin,
    read_text_article,
)
from eventwire.ingest.text import make_article_id, normalise_text

__all__ = [
    "detect_dateline",
    "make_article_id",
    "normalise_text",
    "read_file",
    "read_inputs",
    "read_plain_text",
    "read_stdin",
    "read_text_article",
]
