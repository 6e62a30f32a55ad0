"""Where the benchmarks put their figures: `bench/results/<name>.json`, indented JSON."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any


def save(path: Path, result: Any) -> None:
    """Write `result` to `path` (its folder created if needed)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
