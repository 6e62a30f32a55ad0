"""Reading the word lists and tables in `src/eventwire/data/` (one place for every stage)."""

from __future__ import annotations

from typing import Any

import yaml

from eventwire.config import DATA_DIR
from eventwire.errors import ConfigError


def load_yaml(name: str) -> Any:
    """The parsed YAML data file `data/<name>`; ConfigError naming the file if unreadable.

    Not cached here: each caller builds its own (cached) structures from the result.
    """
    path = DATA_DIR / name
    try:
        return yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as exc:
        raise ConfigError(f"{path}: cannot read the data file ({exc})") from exc
