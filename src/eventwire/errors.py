"""Errors raised by eventwire.

EventwireError                 base of everything eventwire raises on purpose
├── ConfigError                a setting, option or model is missing or invalid
├── InputError                 one input (file, line, stdin, API body) cannot be read as an article;
│   │                          it names the input and the reason, and the batch goes on without it
│   ├── EmptyInputError        the input holds no text
│   ├── BinaryInputError       the input is not text (NUL bytes, an image, an archive)
│   ├── EncodingError          the input is not valid UTF-8 (nor a declared encoding)
│   ├── TooLargeError          the input is over the size limit
│   ├── FormatError            the input is malformed for its format (broken JSON line, bad date)
│   ├── UnsupportedInputError  the extension or content type is not one eventwire reads
│   ├── LanguageError          the article is not in English
│   └── ExtractionError        a pipeline stage failed on this article (a bug: please report it)
├── GazetteerError             the place index cannot be built or read
└── StoreError                 the DuckDB store cannot be opened, written or queried
"""

from __future__ import annotations


class EventwireError(Exception):
    """Base class of every error eventwire raises on purpose."""


class ConfigError(EventwireError):
    """Raised when a setting, a CLI option or the spaCy model is missing or invalid."""


class InputError(EventwireError):
    """Raised when one input cannot be read as an article.

    `source` names the input (a path, `path:line` for JSONL, `-` for stdin); the message
    says what was expected. Batch readers report it and go on with the other inputs.
    """

    reason = "unreadable input"

    def __init__(self, source: str, detail: str | None = None) -> None:
        self.source = source
        self.detail = detail or self.reason
        super().__init__(f"{source}: {self.detail}")


class EmptyInputError(InputError):
    """Raised when an input holds no text (an empty file, a JSON object with empty `text`)."""

    reason = "empty input: no article text"


class BinaryInputError(InputError):
    """Raised when an input is binary data rather than text."""

    reason = "binary data, expected text"


class EncodingError(InputError):
    """Raised when an input is not valid UTF-8 and declares no other encoding."""

    reason = "not valid UTF-8 text"


class TooLargeError(InputError):
    """Raised when an input exceeds the per-article size limit."""

    reason = "input too large"


class FormatError(InputError):
    """Raised when an input is malformed for its format (broken JSON line, bad date field)."""

    reason = "malformed input"


class UnsupportedInputError(InputError):
    """Raised when an input has an extension or content eventwire does not read."""

    reason = "unsupported input type"


class LanguageError(InputError):
    """Raised when an article is not in English (eventwire codes English text only)."""

    reason = "not English text"


class ConflictError(InputError):
    """Raised when an article's id is already stored with a different text."""

    reason = (
        "its id is already stored with a different text (another article, or an edited one):"
        " not re-coded; give it an id of its own"
    )


class ExtractionError(InputError):
    """Raised when an extraction stage fails on one article; the batch goes on without it."""

    reason = "extraction failed"


class GazetteerError(EventwireError):
    """Raised when the gazetteer index cannot be built, read or imported."""


class StoreError(EventwireError):
    """Raised when the DuckDB store cannot be opened, written or queried."""
