"""The data files are read by YAML, which turns bare `no`, `on`, `yes` into booleans: a word
list holding a boolean has lost a word (this broke "call on" and the "no 2000 people" guard)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from eventwire.config import DATA_DIR


def _booleans_in_lists(node: Any, path: str = "") -> list[str]:
    found = []
    if isinstance(node, dict):
        for key, value in node.items():
            found += _booleans_in_lists(value, f"{path}/{key}")
    elif isinstance(node, list):
        found += [f"{path}[{i}]" for i, item in enumerate(node) if isinstance(item, bool)]
        for i, item in enumerate(node):
            if isinstance(item, dict | list):
                found += _booleans_in_lists(item, f"{path}[{i}]")
    return found


@pytest.mark.parametrize("path", sorted(DATA_DIR.glob("*.yaml")), ids=lambda p: p.name)
def test_data_file_word_lists_hold_no_booleans(path: Path) -> None:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert _booleans_in_lists(data) == [], f"quote these words in {path.name}"


def test_leaders_rows_have_a_known_country_and_sector() -> None:
    from eventwire.extraction.lexicon import countries, leaders

    codes = {c.iso3 for c in countries()} | {"IGO"}
    people = leaders()
    assert len(people) > 100
    sectors = {"GOV", "MIL", "OPP", "REB", "PRM", "REL"}
    bad = [p.name for p in people if p.code not in codes or p.sector not in sectors]
    assert bad == [], "unknown country code or sector in leaders.tsv"
    lines = (DATA_DIR / "leaders.tsv").read_text(encoding="utf-8").splitlines()
    rows = [line for line in lines if line and not line.startswith("#")]
    assert all(len(row.split("\t")) == 5 for row in rows), "leaders.tsv rows have 5 columns"
