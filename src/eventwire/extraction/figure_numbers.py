"""Where the numbers of a doc are, and which of them cannot be counts of people.

`number_spans` finds the maximal runs of number tokens: "2.3 million", ranges joined across
"to"/"-" ("20 to 30"), "of" ("tens of thousands"), "and" after "between", and the "a" before a
multiplier ("a dozen"). `is_non_count` drops the spans that are money, percentages, ages,
durations, measures or years. What a kept number counts and what it is worth is
`eventwire.extraction.figures` (its anchor) and `eventwire.extraction.figure_words` (its words).
"""

from __future__ import annotations

from collections.abc import Iterable

from spacy.tokens import Doc, Token

from eventwire.extraction.figure_words import FigureWords, is_number

__all__ = ["is_non_count", "number_spans"]

_RANGE_JOINERS = frozenset({"to", "-", "–"})
_CURRENCY = frozenset({"$", "€", "£", "¥", "us$"})
_AGE_WORDS = frozenset({"aged", "age", "ages"})


def number_spans(doc: Doc, words: FigureWords) -> Iterable[tuple[int, int]]:
    """Maximal runs of number tokens, joined across "to"/"-" (ranges), "of" ("tens of
    thousands"), "and" after "between", and "a" before a multiplier ("a dozen")."""
    i, n = 0, len(doc)
    while i < n:
        if not is_number(doc[i], words):
            i += 1
            continue
        start = i
        if i > 0 and doc[i - 1].lower_ in ("a", "an") and doc[i].lower_ in words.multipliers:
            start = i - 1
        end = i + 1
        while end < n:
            if is_number(doc[end], words):
                end += 1
            elif end + 1 < n and _joins(doc, start, end, words):
                end += 2
            else:
                break
        yield start, end
        i = end


def _joins(doc: Doc, start: int, joiner: int, words: FigureWords) -> bool:
    lower, after = doc[joiner].lower_, doc[joiner + 1]
    if not is_number(after, words):
        return False
    if lower in _RANGE_JOINERS:
        return True
    if lower == "of":
        return after.lower_ in words.vague_numbers
    return lower == "and" and start > 0 and doc[start - 1].lower_ == "between"


def is_non_count(doc: Doc, start: int, end: int, head: Token, words: FigureWords) -> bool:
    """Money, percentages, ages, durations and years: numbers that are not counts of people."""
    first = doc[start]
    if first.ent_type_ in ("MONEY", "PERCENT", "ORDINAL"):
        return True
    if head.dep_ == "appos" and start > 0 and doc[start - 1].lower_ == ",":
        return True  # an age after a name: "Nuiry, 53, was arrested"
    before = doc[start - 1].lower_ if start > 0 else ""
    if before in _CURRENCY or before in _AGE_WORDS:
        return True
    nxt = end
    while nxt < len(doc) and doc[nxt].lower_ == "-":
        nxt += 1
    if nxt < len(doc) and (doc[nxt].lower_ == "%" or doc[nxt].lemma_.lower() in words.units):
        return True
    if head.head.lemma_.lower() in words.units and head.dep_ == "nummod":
        return True
    text = first.text
    return end - start == 1 and first.ent_type_ == "DATE" and len(text) == 4 and text.isdigit()
