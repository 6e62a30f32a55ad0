"""The record types of eventwire and their one serialisation to PLOVER JSON.

Every stage hands these frozen dataclasses to the next; `to_plover` turns an `Event`
into the exact dict that `shared/docs/record.md` defines (the public contract: field
names and order are kept stable because tools outside the project parse them).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from eventwire import __version__

#: PLOVER v2 category -> quad code (1 verbal coop, 2 material coop, 3 verbal conflict,
#: 4 material conflict), per the PLOVER quad table.
QUAD_CODES: dict[str, int] = {
    "AGREE": 1,
    "CONSULT": 1,
    "SUPPORT": 1,
    "CONCEDE": 1,
    "COOPERATE": 2,
    "AID": 2,
    "RETREAT": 2,
    "REQUEST": 3,
    "ACCUSE": 3,
    "REJECT": 3,
    "THREATEN": 3,
    "PROTEST": 4,
    "SANCTION": 4,
    "MOBILIZE": 4,
    "COERCE": 4,
    "ASSAULT": 4,
}
CATEGORIES: tuple[str, ...] = tuple(QUAD_CODES)
MODALITIES: tuple[str, ...] = ("asserted", "historical", "future", "hypothetical", "negated")
DATE_PRECISIONS: tuple[str, ...] = ("day", "week", "month", "year", "unknown")
DATE_BASES: tuple[str, ...] = ("explicit", "relative", "publication", "unknown")
CODER = f"eventwire {__version__}"


@dataclass(frozen=True, slots=True)
class Entity:
    """An actor, recipient or claimant: `code` ISO 3166 alpha-3 or IGO/NGO/MNC/UNK."""

    entity_text: str
    code: str
    sector: str
    identifier_text: str | None = None


@dataclass(frozen=True, slots=True)
class Place:
    """A resolved (or, with `resolution` 0, unresolved) place.

    `resolution`: 5 sub-city, 4 city, 3 district, 2 province, 1 country, 0 unresolved.
    """

    extracted_place: str
    resolved_place: str | None = None
    geonameid: int | None = None
    lat: float | None = None
    lon: float | None = None
    province: str | None = None
    country: str | None = None
    country_code: str | None = None  # ISO 3166 alpha-3
    feature_class: str | None = None
    feature_code: str | None = None
    resolution: int = 0


@dataclass(frozen=True, slots=True)
class Figure:
    """A reported number, kept as a claim: `kind` killed/injured/arrested/displaced/missing/…"""

    kind: str
    value: int | None
    low: int | None = None
    high: int | None = None
    qualifier: str = "exact"  # exact / approx / at_least / at_most / range
    scope: str = "incident"  # incident / cumulative
    claimed_by: Entity | None = None
    text: str = ""


@dataclass(frozen=True, slots=True)
class Size:
    """PLOVER's size object for one incident; None where the text gives no number."""

    dead: int | None = None
    injured: int | None = None
    arrested: int | None = None
    displaced: int | None = None


@dataclass(frozen=True, slots=True)
class DateMention:
    """A time expression resolved against the publication date.

    `start`/`end` are character offsets into the text the resolver was given; `value` is
    the TimeML-style normalised value (`2024-08-08`, `2024-07`, `2024-W32`, `2024`,
    `PRESENT_REF`); `date`/`enddate` the interval it denotes (None if unresolvable).
    """

    start: int
    end: int
    text: str
    value: str
    date: dt.date | None
    enddate: dt.date | None
    precision: str  # one of DATE_PRECISIONS
    basis: str  # one of DATE_BASES


@dataclass(frozen=True, slots=True)
class Toponym:
    """One place name in a text: `text == source[start:end]`; `literal` is False for
    metonymic uses ("Moscow said ...", "Turkey shelled ..."), which name an actor."""

    start: int
    end: int
    text: str
    literal: bool
    place: Place


@dataclass(frozen=True, slots=True)
class Article:
    """One input article after reading, before parsing.

    `text` is the article text as given (dateline included); the parser sees
    `text[body_start:]`, so offsets in the parse are shifted by `body_start`.
    """

    article_id: str
    text: str
    title: str | None = None
    url: str | None = None
    publication: str | None = None
    published: dt.date | None = None
    dateline: str | None = None
    body_start: int = 0
    source: str | None = None  # path (and line) the article was read from

    @property
    def body(self) -> str:
        return self.text[self.body_start :]


@dataclass(frozen=True, slots=True)
class TextInfo:
    sequence: int
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class TextSpan:
    """Where a part of an event is named: `role` trigger/actor/recipient/place/date, character
    offsets into the article text. Not part of the PLOVER record; the store keeps them so the
    dashboard can highlight the sentence."""

    role: str
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class Event:
    """One coded event; field meanings are those of `shared/docs/record.md`."""

    id: str
    date: dt.date | None
    enddate: dt.date | None
    event: tuple[str, ...]
    quad_code: int
    actor: tuple[Entity, ...]
    recipient: tuple[Entity, ...]
    event_loc: Place | None
    event_text: tuple[str, ...]
    text: str
    text_info: TextInfo
    article: Article
    coded_date: dt.date
    mode: tuple[str, ...] = ()
    context: tuple[str, ...] = ()
    modality: str = "asserted"
    date_precision: str = "unknown"
    date_basis: str = "unknown"
    claimed_by: Entity | None = None
    size: Size = field(default_factory=Size)
    figures: tuple[Figure, ...] = ()
    location_role: str | None = None
    confidence: float = 0.5
    cluster_id: str | None = None
    explanation: dict[str, str] = field(default_factory=dict)
    spans: tuple[TextSpan, ...] = ()


def _iso(value: dt.date | None) -> str | None:
    return value.isoformat() if value else None


def _entity(entity: Entity | None) -> dict[str, Any] | None:
    if entity is None:
        return None
    return {
        "entity_text": entity.entity_text,
        "code": entity.code,
        "sector": entity.sector,
        "identifier_text": entity.identifier_text,
    }


def place_to_dict(place: Place | None) -> dict[str, Any] | None:
    """The location object of record.md (field order as documented)."""
    if place is None:
        return None
    return {
        "extracted_place": place.extracted_place,
        "resolved_place": place.resolved_place,
        "geonameid": place.geonameid,
        "lat": place.lat,
        "lon": place.lon,
        "province": place.province,
        "country": place.country,
        "country_code": place.country_code,
        "feature_class": place.feature_class,
        "feature_code": place.feature_code,
        "resolution": place.resolution,
    }


def _figure(figure: Figure) -> dict[str, Any]:
    return {
        "kind": figure.kind,
        "value": figure.value,
        "low": figure.low,
        "high": figure.high,
        "qualifier": figure.qualifier,
        "scope": figure.scope,
        "claimed_by": _entity(figure.claimed_by),
        "text": figure.text,
    }


def to_plover(event: Event) -> dict[str, Any]:
    """Serialise an event to the PLOVER JSON object of record.md: core fields, then extensions."""
    article = event.article
    return {
        "id": event.id,
        "date": _iso(event.date),
        "enddate": _iso(event.enddate),
        "event": list(event.event),
        "quad_code": event.quad_code,
        "mode": list(event.mode),
        "context": list(event.context),
        "actor": [_entity(e) for e in event.actor],
        "recipient": [_entity(e) for e in event.recipient],
        "event_loc": place_to_dict(event.event_loc),
        "event_text": list(event.event_text),
        "text": event.text,
        "text_info": {
            "sequence": event.text_info.sequence,
            "start": event.text_info.start,
            "end": event.text_info.end,
        },
        "cite_info": {
            "article_id": article.article_id,
            "url": article.url,
            "title": article.title,
            "publication": article.publication,
            "published": _iso(article.published),
        },
        "coder": CODER,
        "coded_date": event.coded_date.isoformat(),
        "modality": event.modality,
        "date_precision": event.date_precision,
        "date_basis": event.date_basis,
        "claimed_by": _entity(event.claimed_by),
        "size": {
            "dead": event.size.dead,
            "injured": event.size.injured,
            "arrested": event.size.arrested,
            "displaced": event.size.displaced,
        },
        "figures": [_figure(f) for f in event.figures],
        "location_role": event.location_role,
        "confidence": round(event.confidence, 3),
        "cluster_id": event.cluster_id,
        "explanation": dict(event.explanation),
    }
