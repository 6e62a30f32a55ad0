"""Extraction stages: dates, actors, attribution, events, modality, figures, assembly.

Every module is imported here so that `import eventwire` loads the whole stage package
before it binds the `eventwire.extract()` function (see `eventwire/__init__.py`).
"""

from eventwire.extract import (  # noqa: F401
    actors,
    assemble,
    attribution,
    dates,
    events,
    figures,
    lexicon,
    mentions,
    modality,
)
