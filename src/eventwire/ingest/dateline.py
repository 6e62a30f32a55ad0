"""Find the dateline that opens a wire article ("KYIV, Ukraine (Reuters) - ").

A dateline is short, at the start of one of the first lines, made of capitalised place
words (optionally a region and a date after commas), and closed by an agency in brackets
and/or a dash, or by a colon after a one-to-three word place ("Jerusalem: "). It may follow
a byline, headline or caption, never a paragraph: the text before a dateline is not parsed.
To keep ordinary first sentences out ("Hamas — the group that …", "Officials: …"):

- a dash with no agency needs the place in capitals, three letters or more ("WASHINGTON --"),
  or a date part ("LONDON, March 3 —");
- an agency with no dash needs the place in capitals;
- a colon needs one to three capitalised words that are not a label ("Update", "Officials").
"""

from __future__ import annotations

import re

from eventwire.ingest.text import load_word_lists, skip_blank

_DASH = r"(?:\s*[—–―]|\s*--+|\s+-)"
_HEAD = r"(?P<head>[^\W\d_][^\n()\[\]:—–―]{0,80}?)"
_AGENCY_RE = re.compile(rf"{_HEAD}\s*\((?P<agency>[^()\n]{{1,40}})\)\s*(?P<sep>[—–―:-]+)?")
_DASH_RE = re.compile(rf"{_HEAD}(?P<sep>{_DASH})\s+")
#: Spaces on the line: NBSP too (`\s` matches it), newlines not.
_COLON_RE = re.compile(rf"{_HEAD}:[^\S\r\n]+(?=[\"'“‘\w])")
_MONTH = (
    r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)\.?"
    r"|January|February|March|April|June|July|August|September|October|November|December"
)
_DATE_PART_RE = re.compile(
    rf"^(?:(?:{_MONTH})\s+\d{{1,2}}|\d{{1,2}}\s+(?:{_MONTH})|\d{{4}})$", re.IGNORECASE
)
#: Datelines are looked for at the start of the first lines only, within this many chars.
_SEARCH_LINES = 3
_SEARCH_CHARS = 400
#: A line a dateline may follow (a byline, headline or photo caption) is shorter than this;
#: after a longer one the text has begun, and a dateline there would hide it from the parse.
_HEAD_LINE_CHARS = 160
_MAX_PLACE_WORDS = 7


def detect_dateline(text: str) -> tuple[str | None, int]:
    """The dateline place ("KYIV, Ukraine") and the offset where the article body starts.

    Returns (None, 0) when the text opens with no dateline. Leading whitespace (NBSP
    included), a BOM and zero-width or other format characters are skipped, before the
    dateline and after it: the offset points past the closing dash/colon and the blanks
    after it, so `text[offset:]` starts the first sentence.
    """
    line_start = skip_blank(text)
    for _ in range(_SEARCH_LINES):
        if line_start >= min(len(text), _SEARCH_CHARS):
            break
        found = _match_line(text, line_start)
        if found is not None:
            return found[0], skip_blank(text, found[1])
        line_end = text.find("\n", line_start)
        if line_end < 0 or line_end - line_start >= _HEAD_LINE_CHARS:
            break
        line_start = skip_blank(text, line_end + 1)
    return None, 0


def _match_line(text: str, pos: int) -> tuple[str, int] | None:
    match = _AGENCY_RE.match(text, pos)
    if match and _agency_ok(match["agency"]):
        place = _place(match["head"], caps_required=not match["sep"])
        if place:
            return place, match.end()
    match = _DASH_RE.match(text, pos)
    if match:
        place = _place(match["head"], caps_required=True)
        if place:
            return place, match.end()
    match = _COLON_RE.match(text, pos)
    if match:
        head = match["head"].strip()
        words = head.split()
        labels = load_word_lists("dateline_words.yaml")["labels"]
        is_label = head.lower() in labels or words[0].lower() in labels
        if "," not in head and 1 <= len(words) <= 3 and _place_words_ok(words) and not is_label:
            return head, match.end()
    return None


def _agency_ok(agency: str) -> bool:
    """A news agency: a few words, capitalised ("AP", "Reuters") or a short lower-case acronym."""
    agency = agency.strip()
    words = agency.split()
    if not words or len(words) > 4 or any(ch.isdigit() for ch in agency):
        return False
    return agency[0].isupper() or (len(words) == 1 and len(agency) <= 4)


def _place(head: str, *, caps_required: bool) -> str | None:
    """The place part of a dateline head ("NAIROBI, Kenya, Aug. 7" -> "NAIROBI, Kenya")."""
    segments = [seg.strip() for seg in head.split(",")]
    has_date = False
    while segments and _DATE_PART_RE.match(segments[-1]):
        segments.pop()
        has_date = True
    if not segments or len(segments) > 3 or any(not seg for seg in segments):
        return None
    words = [word for seg in segments for word in seg.split()]
    if len(words) > _MAX_PLACE_WORDS or not _place_words_ok(words):
        return None
    first = segments[0]
    labels = load_word_lists("dateline_words.yaml")["labels"]
    if first.lower() in labels or first.split()[0].lower() in labels:
        return None
    letters = [ch for ch in first if ch.isalpha()]
    if caps_required and not has_date and (len(letters) < 3 or first.upper() != first):
        return None
    return ", ".join(segments)


def _place_words_ok(words: list[str]) -> bool:
    """Every word capitalised, a connector, or an Arabic-style prefix ("al-Mawasi", "d'Ivoire")."""
    connectors = load_word_lists("dateline_words.yaml")["connectors"]
    for word in words:
        if word[0].isupper() or word.lower() in connectors:
            continue
        if re.match(r"^[a-z]{1,3}['’-][^\W\d_]", word):
            continue
        return False
    return bool(words) and words[0][0].isupper()
