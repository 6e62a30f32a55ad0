"""Names kept aside until the article's other places vouch for them.

A town opening an organisation's or title's name ("Owensboro Public Schools", "the Cavan
County Council") and a name only the actor stage took for a person ("driving to Castlegar")
are weak evidence alone: villages are named "Police" and "Mobile", and clubs and firms are
named after far-away towns. `places` keeps them when a reading lies in an admin-1 area the
article is about (`local_towns`) or near the article's other places (`near_towns`); a name
with no such support is never reported.
"""

from __future__ import annotations

from collections import Counter

from spacy.tokens import Doc, Span

from eventwire.geo.cues import PLACE_LABELS, before
from eventwire.geo.gazetteer import ALTERNATE, Candidate
from eventwire.geo.ranking import Hit, Point, near_reading, province_key, town_or_county

__all__ = ["LOCAL_LABELS", "actor_town", "local_towns", "named_after", "near_towns"]

#: Entity labels of names that may be local towns ("Allendale" is often tagged ORG).
LOCAL_LABELS = PLACE_LABELS | {"ORG", ""}


#: Verbs that give a name: the word after them is a name, not a place ("named Franklin").
_NAMING = frozenset({"name", "call", "rename", "dub", "nickname"})


def actor_town(
    doc: Doc, span: Span, found: list[Candidate], kinds: set[str], skip: dict[int, str]
) -> bool:
    """A town or county opening an organisation's or title's name ("the Cavan energy group",
    "Marathon County Sheriff"), or a whole name the actor stage took for a person (alone,
    "driving to Castlegar", or with the model when one word: "Valemount is looking"). Kept aside as
    `Hit.in_actor`, reported only when the article's other places vouch for it
    (`local_towns`, `near_towns`); inside an organisation's or title's name it is a
    non-literal toponym."""
    i = span.start
    prev = before(doc, i)
    if kinds == {"person"}:
        # One word the model also tags a person may still be the town ("Valemount is
        # looking at ..."); not a longer person's name, nor a name given ("named Franklin").
        whole = span.end >= len(doc) or span.end not in skip
        if not whole or len(span) > 1 and any(t.ent_type_ == "PERSON" for t in span):
            return False
        if prev is not None and prev.lemma_ in _NAMING:
            return False
    elif not kinds <= {"organisation", "title"}:
        return False
    if prev is not None and prev.i in skip:
        return False  # inside the name, not opening it: "Bank of England", "University of X"
    return any(c.match != ALTERNATE and town_or_county(c) for c in found[:50])


def named_after(hit: Hit) -> bool:
    """A town opening a longer name, or an actor's: the thing is named after the town."""
    return hit.in_actor or hit.opening


def local_towns(found: list[Hit], hits: list[Hit], provinces: Counter[str]) -> list[Hit]:
    """Rejected whole names (no cue, not tagged a person) and names opening an organisation
    ("Owensboro Public Schools") that are towns (or, in a name, counties) of those areas."""
    kept = {h.start for h in hits}
    return [h for h in found if h.start not in kept and _local(h, provinces)]


def _local(hit: Hit, provinces: Counter[str]) -> bool:
    """A whole name with a town reading, or a name inside a longer one with a town or
    county reading (not an alternate name), in one of `provinces`."""
    named = named_after(hit)
    if not named and (hit.partial or hit.label not in LOCAL_LABELS):
        return False
    return any(
        (c.match != ALTERNATE and town_or_county(c) if named else c.feature_class == "P")
        and c.province
        and province_key(c.province) in provinces
        for c in hit.candidates[:50]
    )


def near_towns(found: list[Hit], hits: list[Hit], near: list[Point]) -> list[Hit]:
    """Names kept aside (`named_after`) with a town or county reading within about 110 km of
    another place of the article: "the Roscrea rowing club" in a story about Nenagh."""
    kept = {h.start for h in hits}
    return [h for h in found if named_after(h) and h.start not in kept and near_reading(h, near)]
