"""Where the benchmarks put their figures: `bench/results/<name>.json`, indented JSON."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any


def save(path: Path, result: Any, *, keep_others: bool = False) -> None:
    """Write `result` to `path` (its folder created if needed). With `keep_others` (a run
    that skipped some of its parts) the top-level entries of the file that `result` does
    not have are kept, so the skipped parts' last figures stay."""
    path.parent.mkdir(parents=True, exist_ok=True)
    if keep_others and path.is_file():
        result = {**json.loads(path.read_text(encoding="utf-8")), **result}
    path.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
