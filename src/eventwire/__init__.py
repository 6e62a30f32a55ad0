"""eventwire: news articles in, PLOVER political event records out.

The public API is small: `extract()` for one article's text, `Pipeline` for many, and the
record types. Everything else is internal and may change.
"""

__version__ = "0.1.0"

# The stage package `eventwire.extract` shares its name with the `extract()` function.
# Importing the whole package first means later `import eventwire.extract.x` statements find
# their modules already loaded and never rebind `eventwire.extract` to the package.
import eventwire.extract as _extract_stage  # noqa: E402, F401
from eventwire.errors import EventwireError, InputError  # noqa: E402
from eventwire.pipeline import Pipeline, extract  # noqa: E402
from eventwire.records import (  # noqa: E402
    Article,
    DateMention,
    Entity,
    Event,
    Figure,
    Place,
    Size,
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
    "__version__",
    "extract",
    "to_plover",
]
