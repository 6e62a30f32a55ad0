"""Per-doc lookup tables, built once and kept in `doc.user_data`.

spaCy's `token.sent` scans the parse for sentence boundaries and every `doc[i]`,
`.children` or `.ancestors` creates Python `Token` objects; the record assembly asks for
the same sentence or ancestor chain once per event, so these answers are computed once
per doc instead. The tables assume the parse does not change after the model ran (our
components only add `doc._` attributes).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from spacy.attrs import ORTH
from spacy.tokens import Doc, Span

_PREFIX = "eventwire_table:"
T = TypeVar("T")


def cached(doc: Doc, name: str, build: Callable[[Doc], T]) -> T:
    """`build(doc)`, computed on the first call for this doc and name, then reused."""
    key = _PREFIX + name
    table = doc.user_data.get(key)
    if table is None:
        table = build(doc)
        doc.user_data[key] = table
    return table


def doc_text(doc: Doc) -> str:
    """`doc.text`, which spaCy rebuilds from every token on each access."""
    return cached(doc, "text", lambda d: d.text)


def remember_text(doc: Doc, text: str) -> None:
    """Record the text `doc` was made from (`doc.text` is always exactly that text)."""
    doc.user_data[_PREFIX + "text"] = text


def token_texts(doc: Doc) -> list[str]:
    """Every token's text, without making `Token` objects (a scan for a few words then
    makes them only for the tokens it finds)."""
    return cached(doc, "texts", lambda d: [d.vocab.strings[o] for o in d.to_array(ORTH)])


def _sentence_table(doc: Doc) -> tuple[list[Span], list[int]]:
    sents = list(doc.sents)
    index = [0] * len(doc)
    for n, sent in enumerate(sents):
        index[sent.start : sent.end] = [n] * (sent.end - sent.start)
    return sents, index


def sentences(doc: Doc) -> list[Span]:
    """`list(doc.sents)`."""
    return cached(doc, "sents", _sentence_table)[0]


def sentence_number(doc: Doc, i: int) -> int:
    """0-based number of the sentence holding token `i`."""
    return cached(doc, "sents", _sentence_table)[1][i]


def sentence_of(doc: Doc, i: int) -> Span:
    """The sentence holding token `i` (the same span as `doc[i].sent`)."""
    sents, index = cached(doc, "sents", _sentence_table)
    return sents[index[i]]


def _heads(doc: Doc) -> list[int]:
    return [t.head.i for t in doc]


def ancestors(doc: Doc, i: int) -> list[int]:
    """Indices of `doc[i].ancestors`, nearest first."""
    memo: dict[int, list[int]] = cached(doc, "ancestors", lambda _d: {})
    found = memo.get(i)
    if found is None:
        heads = cached(doc, "heads", _heads)
        found = []
        node = i
        while heads[node] != node and len(found) < len(heads):
            node = heads[node]
            found.append(node)
        memo[i] = found
    return found


def memo(doc: Doc, name: str, *, depends: object = None) -> dict[Any, Any]:
    """A per-doc dict for memoising a function of the doc's annotations.

    `depends` is the annotation the function reads (`doc._.events`, say): when another
    object is found there, the memo starts empty again (compared by identity; the memo
    keeps a reference, so the identity cannot be reused).
    """
    key = _PREFIX + "memo:" + name
    entry = doc.user_data.get(key)
    if entry is None or entry[0] is not depends:
        entry = (depends, {})
        doc.user_data[key] = entry
    table: dict[Any, Any] = entry[1]
    return table
