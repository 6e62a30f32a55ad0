"""What eventwire compares when it asks whether two reports tell the same event.

An `Item` is one stored event reduced to its clustering features: its date interval
(None = unknown), quad and category, place, actor and recipient codes, figures, the
content words of its sentence (`terms`) and the most frequent content words of its
article (`keywords`, which carry the names of the place, the people and the thing).

`compatible` is the hard blocking (dates within `DATE_SLACK` days, same quad, places
within `NEAR_KM` or the same province/country, overlapping actor countries; anything
unknown is compatible); `score` the soft agreement in [0, 1] of two compatible items.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from collections import Counter
from dataclasses import dataclass, field
from functools import cache
from typing import Any

from eventwire.datafiles import load_yaml

#: Days of tolerance on each side of a date interval.
DATE_SLACK = 2
#: Two places closer than this are the same place.
NEAR_KM = 50.0
#: Places at least this fine (3 district, 4 city, 5 sub-city) are compared by distance.
FINE = 3
#: Article keywords kept per article.
N_KEYWORDS = 30
#: Codes that say nothing about who acted (no country).
VAGUE_CODES = frozenset({"UNK", "IGO", "NGO", "MNC", ""})

_WORD = re.compile(r"[^\W\d_][\w'’-]*|\d[\d,.]*", re.UNICODE)


@cache
def stopwords() -> frozenset[str]:
    data = load_yaml("dedup_words.yaml")
    return frozenset(str(w) for w in data["stopwords"])


def content_words(text: str) -> list[str]:
    """Lower-cased words of `text` without function words, a crude plural stripped."""
    stop = stopwords()
    words = []
    for raw in _WORD.findall(text.lower()):
        word = raw.strip("'’-.,")
        if len(word) < 3 or word in stop:
            continue
        if len(word) > 4 and word.endswith("s") and not word.endswith("ss"):
            word = word[:-1]
        words.append(word)
    return words


def keywords(text: str, *, n: int = N_KEYWORDS) -> frozenset[str]:
    """The `n` most frequent content words of an article (ties: first seen first)."""
    counts = Counter(content_words(text))
    return frozenset(w for w, _ in counts.most_common(n))


@dataclass(frozen=True, slots=True)
class Item:
    """One event's clustering features; `seq` orders items as they were ingested."""

    event_id: str
    article_id: str
    seq: int
    category: str | None
    quad: int | None
    date: dt.date | None
    enddate: dt.date | None
    lat: float | None = None
    lon: float | None = None
    resolution: int = 0
    province: str | None = None
    country: str | None = None
    actors: frozenset[str] = frozenset()
    recipients: frozenset[str] = frozenset()
    figures: dict[str, int] = field(default_factory=dict)
    terms: frozenset[str] = frozenset()
    keywords: frozenset[str] = frozenset()
    names: frozenset[str] = frozenset()


def names(text: str) -> frozenset[str]:
    """Names and numbers of a sentence (capitalised words past the first, digits): what
    tells two look-alike events apart (the camp, the commander, the toll)."""
    words = _WORD.findall(text)
    found = {w.lower().strip(".,") for w in words[1:] if w[:1].isupper() or w[:1].isdigit()}
    return frozenset(found - stopwords())


def item_from_record(record: dict[str, Any], *, seq: int, article_keywords: frozenset[str]) -> Item:
    """The features of a stored PLOVER record (`article_keywords` from its article text)."""
    loc = record.get("event_loc") or {}
    category = (record.get("event") or [None])[0]
    words = " ".join([record.get("text") or "", *(record.get("event_text") or [])])
    return Item(
        event_id=record["id"],
        article_id=(record.get("cite_info") or {}).get("article_id") or "",
        seq=seq,
        category=category,
        quad=record.get("quad_code"),
        date=_day(record.get("date")),
        enddate=_day(record.get("enddate") or record.get("date")),
        lat=loc.get("lat"),
        lon=loc.get("lon"),
        resolution=int(loc.get("resolution") or 0),
        province=loc.get("province"),
        country=loc.get("country_code"),
        actors=_codes(record.get("actor")),
        recipients=_codes(record.get("recipient")),
        figures=_figures(record.get("figures") or []),
        terms=frozenset(content_words(words)),
        keywords=article_keywords,
        names=names(record.get("text") or ""),
    )


def _day(value: str | None) -> dt.date | None:
    return dt.date.fromisoformat(value) if value else None


def _codes(entities: list[dict[str, Any]] | None) -> frozenset[str]:
    return frozenset(e["code"] for e in entities or [] if e.get("code") not in VAGUE_CODES)


def _figures(figures: list[dict[str, Any]]) -> dict[str, int]:
    """Incident figures by kind (the largest number claimed of each kind)."""
    found: dict[str, int] = {}
    for f in figures:
        number = f.get("value") or f.get("high") or f.get("low")
        if number is None or f.get("scope") == "cumulative":
            continue
        found[f["kind"]] = max(found.get(f["kind"], 0), int(number))
    return found


# -- blocking ------------------------------------------------------------------------------


def dates_compatible(a: Item, b: Item) -> bool:
    """Intervals within `DATE_SLACK` days of each other; an unknown date fits anything."""
    if a.date is None or b.date is None:
        return True
    slack = dt.timedelta(days=DATE_SLACK)
    a_end, b_end = a.enddate or a.date, b.enddate or b.date
    return a.date - slack <= b_end and b.date - slack <= a_end


def places_compatible(a: Item, b: Item) -> bool:
    """Within `NEAR_KM` when both are fine places, else the same province and country."""
    if a.country and b.country and a.country != b.country:
        return False
    both_fine = a.resolution >= FINE and b.resolution >= FINE
    if both_fine and None not in (a.lat, a.lon, b.lat, b.lon):
        return km(a, b) <= NEAR_KM
    if a.province and b.province and a.resolution >= 2 and b.resolution >= 2:
        return a.province == b.province
    return True


def km(a: Item, b: Item) -> float:
    """Great-circle distance in kilometres (haversine)."""
    lat1, lon1, lat2, lon2 = map(math.radians, (a.lat or 0, a.lon or 0, b.lat or 0, b.lon or 0))
    h = math.sin((lat2 - lat1) / 2) ** 2
    h += math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    return 2 * 6371.0 * math.asin(min(1.0, math.sqrt(h)))


def actors_compatible(a: Item, b: Item) -> bool:
    """The countries involved overlap (either side with none known fits anything)."""
    sides_a, sides_b = a.actors | a.recipients, b.actors | b.recipients
    return not sides_a or not sides_b or bool(sides_a & sides_b)


def compatible(a: Item, b: Item) -> bool:
    if a.quad is not None and b.quad is not None and a.quad != b.quad:
        return False
    return dates_compatible(a, b) and places_compatible(a, b) and actors_compatible(a, b)


# -- scoring -------------------------------------------------------------------------------

#: Weights of the parts of `score` (they sum to 1).
WEIGHTS = {
    "sentence": 0.2,
    "article": 0.3,
    "names": 0.25,
    "actors": 0.1,
    "figures": 0.05,
    "category": 0.1,
}


def set_cosine(a: frozenset[str], b: frozenset[str]) -> float:
    if not a or not b:
        return 0.0
    return len(a & b) / math.sqrt(len(a) * len(b))


def _agreement(a: frozenset[str], b: frozenset[str]) -> float:
    if not a or not b:
        return 0.5
    return 1.0 if a & b else 0.0


def figure_agreement(a: Item, b: Item) -> float:
    """1 when a shared kind has the same number, 0 when numbers differ threefold, else 0.5."""
    shared = a.figures.keys() & b.figures.keys()
    if not shared:
        return 0.5
    ratios = [max(a.figures[k], b.figures[k]) / max(1, min(a.figures[k], b.figures[k]))
              for k in shared]  # fmt: skip
    worst = max(ratios)
    return 1.0 if worst == 1 else 0.0 if worst >= 3 else 0.5


def score_parts(a: Item, b: Item) -> dict[str, float]:
    return {
        "sentence": set_cosine(a.terms, b.terms),
        "article": set_cosine(a.keywords, b.keywords),
        "names": set_cosine(a.names, b.names) if a.names and b.names else 0.5,
        "actors": (_agreement(a.actors, b.actors) + _agreement(a.recipients, b.recipients)) / 2,
        "figures": figure_agreement(a, b),
        "category": 1.0 if a.category == b.category else 0.0,
    }


def score(a: Item, b: Item) -> float:
    """Weighted agreement of two items in [0, 1] (see `WEIGHTS`)."""
    parts = score_parts(a, b)
    return sum(WEIGHTS[k] * v for k, v in parts.items())


def why(a: Item, b: Item) -> str:
    """The agreement of two items in words, for `explanation.cluster`."""
    parts = score_parts(a, b)
    shared = sorted(a.keywords & b.keywords)[:6]
    where = "same place" if a.country and a.country == b.country else "no conflicting place"
    when = "overlapping dates" if a.date and b.date else "no conflicting date"
    return (
        f"joined event {b.event_id} (score {score(a, b):.2f}): {when}, {where}, same quad;"
        f" sentence similarity {parts['sentence']:.2f}, article similarity"
        f" {parts['article']:.2f} (shared words: {', '.join(shared) or 'none'})"
    )
