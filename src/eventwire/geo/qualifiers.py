"""Qualifiers of a toponym: the neighbouring names that say where it is ("Springfield,
Illinois", "Sudan's North Darfur", "Khan Younis in southern Gaza"). `qualify` records the
countries and admin-1 areas they name on each `Hit` (`ranking.score_reading` rewards
readings inside them) and pins both readings of a "Town, Area" pair.
"""

from __future__ import annotations

import math

from spacy.tokens import Doc

from eventwire.geo.gazetteer import ALTERNATE, Candidate, normalize
from eventwire.geo.ranking import COMPASS, Hit, province_key
from eventwire.geodesy import km

__all__ = ["COUNTY_KM", "after_unknown_name", "past_date", "qualify"]


def qualify(doc: Doc, hits: list[Hit]) -> None:
    """Mark names qualified by a neighbour: "X, Y", "Y's X", "X in Y"."""
    by_start = {h.start: h for h in hits}
    by_end = {h.end: h for h in hits}
    for hit in hits:
        hit.pinned = None
    for hit in hits:
        hit.area_qualifier = after_unknown_name(doc, hit, by_end)
        quals: list[Hit] = []
        if hit.end < len(doc) and doc[hit.end].text in (",", "(") and hit.end + 1 in by_start:
            quals.append(by_start[hit.end + 1])
            if not _listed(doc, by_start[hit.end + 1]):
                _pin_pair(hit, by_start[hit.end + 1])
        if hit.end < len(doc) and doc[hit.end].lower_ == "in":
            nxt = (
                hit.end + 2
                if hit.end + 1 < len(doc) and doc[hit.end + 1].lower_ in COMPASS
                else hit.end + 1
            )
            if nxt in by_start:
                quals.append(by_start[nxt])
        if hit.start > 1 and doc[hit.start - 1].tag_ == "POS" and hit.start - 1 in by_end:
            quals.append(by_end[hit.start - 1])
        mark_qualifiers(hit, [c for q in quals for c in q.candidates[:10]])


def mark_qualifiers(hit: Hit, cands: list[Candidate]) -> None:
    """Note the countries and provinces the readings of a hit's qualifiers name."""
    hit.qualifier_countries = frozenset(
        c.country_code for c in cands if c.feature_code in ("PCLI", "RGN", "ADM1")
    )
    hit.qualifier_provinces = frozenset(
        normalize(c.name) for c in cands if c.feature_code in ("ADM1", "RGN")
    )


#: Farthest a town may lie from the point of the county qualifying it ("Thruxton, Hampshire").
COUNTY_KM = 100.0
#: The same for a region without admin status ("Rockingham, Northamptonshire", "Kutum,
#: Darfur"), whose point is rougher: up to twice as far.
_PIN_KM = {"ADM2": COUNTY_KM, "RGN": 2 * COUNTY_KM}


def _pin_pair(town: Hit, area: Hit) -> None:
    """Fix both readings of "Town, Area" when a reading of the town lies in a reading of the
    area: in the state ("Tacoma, Washington") or near the county's or region's point
    ("Thruxton, Hampshire", "Croft, Yorkshire"). A list of towns ("Nitra, Presov") pins
    nothing: neither lies in the other.
    """
    towns = [c for c in town.candidates[:50] if c.feature_class == "P" and c.match != ALTERNATE]
    for cand in area.candidates[:10]:
        if cand.feature_code == "ADM1":
            key = normalize(cand.name)
            inside = [t for t in towns if t.province and province_key(t.province) == key]
        elif cand.feature_code in _PIN_KM and cand.lat is not None and cand.lon is not None:
            reach = _PIN_KM[cand.feature_code]
            inside = [t for t in towns if _km(t, cand.lat, cand.lon) <= reach]
        else:
            continue
        if inside:
            town.pinned, area.pinned = inside[0], cand
            return


def after_unknown_name(doc: Doc, hit: Hit, by_end: dict[int, Hit]) -> bool:
    """ "Knockhill, Fife.": a name after a comma and a capitalised name the gazetteer does
    not know (a circuit, a farm), ending the clause: it qualifies that name, so it is an
    area, not a town."""
    k = hit.start - 1
    if k < 1 or doc[k].text != "," or k in by_end or not doc[k - 1].is_title:
        return False
    if doc[k - 1].pos_ != "PROPN":
        return False
    return hit.end >= len(doc) or doc[hit.end].is_punct and not _listed(doc, hit)


def _listed(doc: Doc, hit: Hit) -> bool:
    """A name followed by "and" or a comma and another name: one of a list of places
    ("Washington, New York and Boston"), not the area of the name before it."""
    nxt = doc[hit.end] if hit.end < len(doc) else None
    if nxt is None or nxt.lower_ not in (",", "and", "or", "&"):
        return False
    k = hit.end + 1
    return k < len(doc) and (doc[k].lower_ in ("and", "or") or doc[k].is_title)


def _km(c: Candidate, lat: float, lon: float) -> float:
    """Great-circle distance in km from a candidate's point (infinite when it has none)."""
    if c.lat is None or c.lon is None:
        return math.inf
    return km(c.lat, c.lon, lat, lon)


#: Entity labels of a date or time phrase between a name and its "in Y".
_DATE_LABELS = frozenset({"DATE", "TIME"})


def past_date(doc: Doc, i: int) -> int:
    """The token after a date or time phrase starting at token `i` ("on Wednesday, Nov. 2,
    2016,", "last night"), with its opening "on" or "at" and its commas; `i` if none."""
    j = i + 1 if i < len(doc) and doc[i].lower_ in ("on", "at") else i
    if j >= len(doc) or doc[j].ent_type_ not in _DATE_LABELS:
        return i
    while j < len(doc) and (doc[j].ent_type_ in _DATE_LABELS or doc[j].text == ","):
        j += 1
    return j
