"""eventwire: news articles in, PLOVER political event records out.

The public API is small: `extract()` for one article's text, `Pipeline` for many, and the
record types. Everything else is internal and may change.
"""

__version__ = "0.1.0"

from eventwire.errors import EventwireError, InputError
from eventwire.extraction.dates import resolve_dates
from eventwire.geo.toponyms import geoparse
from eventwire.pipeline import Pipeline, extract
from eventwire.records import (
    Article,
    DateMention,
    Entity,
    Event,
    Figure,
    Place,
    Size,
    Toponym,
    to_plover,
)

__all__ = [
    "Article",
    "DateMention",
    "Entity",
    "Event",
    "EventwireError",
    "Figure",
    "InputError",
    "Pipeline",
    "Place",
    "Size",
    "Toponym",
    "__version__",
    "extract",
    "geoparse",
    "resolve_dates",
    "to_plover",
]
