"""Text helpers shared by the readers: decoding, normalisation, article ids, dates, language.

Every check here is cheap (a few passes over at most the first few kilobytes) because it
runs on every article before the much slower parse.
"""

from __future__ import annotations

import codecs
import hashlib
import re
import string
import unicodedata
from collections.abc import Mapping
from datetime import date, datetime
from email.utils import parsedate_to_datetime
from functools import lru_cache
from html.parser import HTMLParser
from types import MappingProxyType
from typing import Any

from eventwire.config import DATA_DIR
from eventwire.datafiles import load_yaml
from eventwire.errors import (
    BinaryInputError,
    ConfigError,
    EncodingError,
    FormatError,
    LanguageError,
)

#: Header keys of a plain-text article (case-insensitive) -> Article field; "Source" is
#: the publication (the newspaper), as in a clipping, not the file path.
HEADER_KEYS = {
    "title": "title",
    "published": "published",
    "date": "published",
    "url": "url",
    "source": "publication",
    "publication": "publication",
    "dateline": "dateline",
    "id": "article_id",
}
#: Leading bytes of common binary formats (what a mis-pointed corpus folder holds).
_MAGIC: tuple[tuple[bytes, str], ...] = (
    (b"\x89PNG\r\n\x1a\n", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF8", "a GIF image"),
    (b"%PDF-", "a PDF document"),
    (b"PK\x03\x04", "a ZIP archive (or an office document)"),
    (b"\x1f\x8b", "a gzip archive"),
    (b"\x7fELF", "an executable"),
)
_UTF16_BOMS = (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)
_SPACE_RE = re.compile(r"\s+")
#: Punctuation and digits become spaces before words are counted (str.translate is far
#: faster than a Unicode word regex, and this runs on every article).
_NOT_WORD = str.maketrans(dict.fromkeys(string.punctuation + string.digits + "“”‘’—–…«»", " "))

#: Words examined for the language check (about the first paragraph or two).
LANGUAGE_SAMPLE_WORDS = 300
#: Below this many words the language is not judged (headlines, one-line API calls).
LANGUAGE_MIN_WORDS = 15
#: A text is rejected when at least this share of its words are foreign function words
#: and they outnumber the English ones: positive evidence of another language. Spanish,
#: French and German paragraphs run at 0.20-0.45 foreign, 0.00-0.02 English; English news,
#: even a list of names and places, stays under 0.05 foreign.
FOREIGN_MIN_SHARE = 0.08


def decode_bytes(data: bytes, *, source: str, charset: str | None = None) -> str:
    """Decode an input's bytes to text: UTF-8 (BOM allowed), UTF-16 with a BOM, or `charset`.

    Raises BinaryInputError for NUL bytes or a known binary header, and EncodingError with
    the byte offset of the first invalid byte.
    """
    if data.startswith(_UTF16_BOMS):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError as exc:
            raise EncodingError(source, f"invalid UTF-16 at byte {exc.start}") from exc
    check_not_binary(data, source=source)
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        utf8_error = exc
    if charset:
        try:
            return data.decode(charset)
        except (LookupError, UnicodeDecodeError):
            pass
    detail = f"not valid UTF-8 at byte {utf8_error.start}"
    if charset:
        detail += f" (nor the declared charset {charset!r})"
    raise EncodingError(source, detail) from utf8_error


def check_not_binary(data: bytes, *, source: str) -> None:
    """Raise BinaryInputError if `data` starts like a binary format or holds NUL bytes."""
    for magic, kind in _MAGIC:
        if data.startswith(magic):
            raise BinaryInputError(source, f"binary data ({kind}), expected text")
    nul = data.find(b"\x00", 0, 65536)
    if nul >= 0:
        raise BinaryInputError(source, f"binary data (NUL byte at offset {nul}), expected text")


def skip_blank(text: str, pos: int = 0) -> int:
    """The first offset at or after `pos` that is not whitespace (NBSP included), a BOM, a
    zero-width or another format character (Unicode category Cf)."""
    end = len(text)
    while pos < end and (text[pos].isspace() or unicodedata.category(text[pos]) == "Cf"):
        pos += 1
    return pos


def normalise_text(text: str) -> str:
    """Text reduced for identity: NFC with every whitespace run as one space."""
    return " ".join(unicodedata.normalize("NFC", text).split())


def make_article_id(text: str, url: str | None = None) -> str:
    """A stable id: the first 16 hex digits of SHA-1 over the normalised text and the URL."""
    key = normalise_text(text) + "\x1f" + (url or "").strip()
    return hashlib.sha1(key.encode("utf-8")).hexdigest()[:16]


def parse_published(value: object) -> date | None:
    """A publication date from an ISO 8601 date/datetime or an RFC 2822 date; None if not one.

    Datetimes keep their calendar date as written (no conversion to UTC), which is the
    date the newsroom published under.
    """
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if not isinstance(value, str) or not value.strip():
        return None
    text = value.strip()
    try:
        return datetime.fromisoformat(text.replace("Z", "+00:00")).date()
    except ValueError:
        pass
    try:
        return date.fromisoformat(text[:10])
    except ValueError:
        pass
    try:
        return parsedate_to_datetime(text).date()
    except (TypeError, ValueError, IndexError):
        return None


@lru_cache(maxsize=8)
def load_word_lists(name: str) -> Mapping[str, frozenset[str]]:
    """The word lists of `data/<name>` (a YAML mapping of key -> list of words), read once.

    Raises ConfigError when the file is missing, is not YAML, or holds anything but lists
    of strings.
    """
    path = DATA_DIR / name
    raw = load_yaml(name)
    if not isinstance(raw, dict) or not all(
        isinstance(words, list) and all(isinstance(word, str) for word in words)
        for words in raw.values()
    ):
        raise ConfigError(f"{path}: expected a mapping of names to lists of words")
    return MappingProxyType({str(key): frozenset(words) for key, words in raw.items()})


def language_shares(text: str) -> tuple[float, float, int]:
    """Shares of English and of foreign function words among the first words, and the count."""
    sample = text[: LANGUAGE_SAMPLE_WORDS * 12].lower().translate(_NOT_WORD)
    words = sample.split(maxsplit=LANGUAGE_SAMPLE_WORDS)[:LANGUAGE_SAMPLE_WORDS]
    if not words:
        return 0.0, 0.0, 0
    lists = load_word_lists("language_words.yaml")
    english = sum(map(lists["english"].__contains__, words))
    foreign = sum(map(lists["foreign"].__contains__, words))
    return english / len(words), foreign / len(words), len(words)


#: Share of letters outside the Latin script above which a text is not English (Cyrillic,
#: Arabic, Chinese…); English news quoting a name in another script stays far below it.
NON_LATIN_MAX_SHARE = 0.3


def non_latin_share(text: str, *, sample: int = 3000) -> float:
    """Share of the letters in the first `sample` characters that are not Latin script."""
    letters = [c for c in text[:sample] if c.isalpha()]
    if not letters:
        return 0.0
    latin = sum(1 for c in letters if c < "\u0250" or "\u1e00" <= c <= "\u1eff")
    return 1 - latin / len(letters)


def check_english(text: str, *, source: str) -> None:
    """Raise LanguageError if `text` is long enough to judge and reads as another language.

    Only positive evidence counts: foreign function words over FOREIGN_MIN_SHARE and more
    of them than English ones. Few English function words alone is not enough, whatever
    the length (short news sentences of names and places have few).
    """
    script = non_latin_share(text)
    if script > NON_LATIN_MAX_SHARE:
        raise LanguageError(source, f"not English text ({script:.0%} of its letters are not Latin)")
    english, foreign, count = language_shares(text)
    if count < LANGUAGE_MIN_WORDS or foreign < FOREIGN_MIN_SHARE or foreign <= english:
        return
    raise LanguageError(
        source,
        f"not English text ({english:.0%} English and {foreign:.0%} Spanish/French/German/"
        f"Italian/Portuguese/Dutch function words in the first {count} words)",
    )


def clean_field(value: str | None) -> str | None:
    """A metadata string with its whitespace collapsed; None when blank."""
    if value is None:
        return None
    value = " ".join(str(value).split())
    return value or None


def split_header(text: str, *, source: str) -> tuple[dict[str, Any], str]:
    """Split `Key: value` lines at the very top from the text; they end at a blank line.

    The text after the header (and its closing blank line) is returned as given, so the
    offsets of the article index it.
    """
    fields: dict[str, Any] = {}
    lines = text.lstrip("\ufeff").split("\n")
    index = 0
    for index, line in enumerate(lines):  # noqa: B007 - index is used after the loop
        key, sep, value = line.partition(":")
        name = HEADER_KEYS.get(key.strip().lower()) if sep else None
        if name is None:
            break
        value = value.strip()
        if not value:
            continue
        if name == "published":
            parsed = parse_published(value)
            if parsed is None:
                raise FormatError(
                    f"{source}:{index + 1}", f"bad Published date {value!r}, expected ISO 8601"
                )
            fields[name] = parsed
        else:
            fields[name] = value
    else:
        index = len(lines)
    if index == 0:
        return {}, text
    if index < len(lines) and not lines[index].strip():
        index += 1  # the blank line that closes the header is not article text either
    return fields, "\n".join(lines[index:])


# fmt: off
#: Tags after which text breaks into a new paragraph when HTML is flattened.
_BLOCK_TAGS = frozenset((
    "p", "div", "br", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "tr",
    "table", "section", "article", "header", "footer", "pre",
))
# fmt: on
_SKIP_TAGS = frozenset(("script", "style", "noscript", "template"))


class _TextCollector(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.skipping = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _SKIP_TAGS:
            self.skipping += 1
        elif tag in _BLOCK_TAGS:
            self.parts.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in _SKIP_TAGS:
            self.skipping = max(0, self.skipping - 1)
        elif tag in _BLOCK_TAGS:
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        if not self.skipping:  # source line breaks inside a paragraph are not breaks
            self.parts.append(_SPACE_RE.sub(" ", data))


def strip_html(markup: str) -> str:
    """Plain text of an HTML fragment (a feed item): one line per paragraph, entities decoded."""
    collector = _TextCollector()
    collector.feed(markup)
    collector.close()
    lines = (" ".join(line.split()) for line in "".join(collector.parts).split("\n"))
    return "\n".join(line for line in lines if line)
