"""Name keys and index records: what the gazetteer (`gazetteer`) and its builder
(`index_build`, `geonames`) share."""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path
from typing import NamedTuple

__all__ = [
    "written_as_code",
    "ADMIN_WORDS",
    "ALIAS",
    "ALTERNATE",
    "FORMAT",
    "IMPORTED",
    "PRIMARY",
    "IndexRecord",
    "normalize",
    "read_tsv",
]

FORMAT = 7
#: First part of the version key of an index imported from a GeoNames dump (`geonames.py`):
#: such an index is kept as it is, never rebuilt from the packages.
IMPORTED = "imported-geonames"
# "as", "an", "at" are left out: dropping them would make English words of names (As Said).
_ARTICLES = frozenset({"al", "el", "ad", "ar", "ash", "az", "the"})
_FOLD = str.maketrans(
    {"ł": "l", "ø": "o", "đ": "d", "ß": "ss", "æ": "ae", "œ": "oe", "ı": "i", "ð": "d", "þ": "th"}
)
_DROP = re.compile(r"[.'’‘ʻʼʿʾ`´]")
_SPACE = re.compile(r"[^a-z0-9]+")
#: Words that name an administrative area after its name ("Kharkiv oblast", "Ilocos Norte
#: province", Nigeria's "Guma LGA": local government area); the places stage uses the same
#: list.
ADMIN_WORDS = frozenset(
    {
        "province",
        "region",
        "state",
        "governorate",
        "oblast",
        "district",
        "county",
        "prefecture",
        "department",
        "lga",
    }
)
# Kind of a name match, best first; stored in the index as `record_index * 4 + kind`.
ALIAS, PRIMARY, ALTERNATE = 0, 1, 2


class IndexRecord(NamedTuple):
    geonameid: int
    name: str
    feature_class: str
    feature_code: str
    iso3: str
    province: str | None
    lat: float | None
    lon: float | None
    population: int


def normalize(name: str) -> str:
    """Fold case, accents, apostrophes, hyphens, "the" and Arabic articles (al-, el-, ash-)."""
    if name.isascii():
        text = name.lower()
    else:
        text = unicodedata.normalize("NFKD", name)
        text = "".join(c for c in text if not unicodedata.combining(c)).lower().translate(_FOLD)
    words = _SPACE.sub(" ", _DROP.sub("", text)).split()
    if len(words) > 1:
        kept = [w for w in words if w not in _ARTICLES]
        words = kept or words
    return " ".join(words)


def read_tsv(path: Path) -> list[list[str]]:
    """Rows of a tab-separated data file, skipping `#` comments and the header line."""
    if not path.exists():
        return []
    lines = [
        ln
        for ln in path.read_text(encoding="utf-8").splitlines()
        if ln.strip() and not ln.startswith("#")
    ]
    return [ln.split("\t") for ln in lines[1:]]


def written_as_code(name: str) -> bool:
    """Whether a name is written like a code or acronym: in capitals and at most four
    characters ("IEV", "NATO", "U.S."). Such an alternate name is left out of the index;
    such a word in a text keeps only the readings `lookup.as_written` allows ("ROME" is
    still Rome)."""
    return name.isupper() and len(name) <= 4
