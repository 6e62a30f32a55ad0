"""Streets named without a street word of their own: British and Irish road numbers ("the
A417") and names listed before a plural street word ("State and Hubbard streets").
`facilities` places them like any street, at the town the article puts them in.
"""

from __future__ import annotations

from spacy.tokens import Doc

from eventwire.extraction.doctables import token_texts
from eventwire.geo.gazetteer import ALIAS, Candidate, Gazetteer
from eventwire.geo.ranking import BIG_CITY

__all__ = ["ROAD_COUNTRIES", "area_name", "listed_streets", "road_number", "road_spans"]

Street = tuple[int, int, str]  # (start token, end token, "streets"), as `facilities.Facility`


#: Plural street words after a list of names: "down Bourbon and Dauphine streets".
_STREETS_PLURAL = frozenset({"streets", "avenues", "roads", "boulevards", "lanes", "drives"})
#: Words that put a list before a plural street word on the street map ("at Main and Elm
#: streets", "between Houston and Canal streets"); "filled Cairo and Alexandria streets"
#: has none and means the streets of those towns.
_STREET_CUES = frozenset({"at", "on", "along", "down", "off", "between", "near"})
_STREET_CUE_NOUNS = frozenset({"corner", "intersection"})


def listed_streets(doc: Doc, *, gaz: Gazetteer | None = None) -> list[Street]:
    """One-word names listed after a street cue and before a plural street word ("at State
    and Hubbard streets", "down Bourbon, Royal and Dauphine streets"): each is a street,
    not a town of that name. With `gaz`, no list holding a country, a state or a town of
    `BIG_CITY` people or more ("on Paris and Berlin streets" are those towns' streets)."""
    found: list[Street] = []
    texts = token_texts(doc)
    for i, text in enumerate(texts):
        if text.lower() not in _STREETS_PLURAL or i < 3:
            continue
        names = _listed_names(doc, texts, i - 1)
        if len(names) < 2 or not _street_cue(doc, min(names)):
            continue
        if gaz is not None and any(_area_or_big_town(gaz, doc[k].text) for k in names):
            continue
        found.extend((k, k + 1, "streets") for k in names)
    return found


def _listed_names(doc: Doc, texts: list[str], j: int) -> list[int]:
    """Tokens of the title-case proper nouns listed (joined by , / and / or) ending at `j`."""
    names: list[int] = []
    while j >= 0 and doc[j].is_title and doc[j].pos_ == "PROPN":
        names.append(j)
        j -= 1
        if j < 0 or texts[j].lower() not in ("and", ",", "or"):
            break
        j -= 1
    return names


def _street_cue(doc: Doc, first: int) -> bool:
    """Whether a street cue stands before token `first`, past a "the"."""
    i = first - 1 if first > 0 and doc[first - 1].lower_ == "the" else first
    if i < 1:
        return False
    if doc[i - 1].lower_ in _STREET_CUES:
        return True
    return i >= 2 and doc[i - 1].lower_ == "of" and doc[i - 2].lower_ in _STREET_CUE_NOUNS


def _area_or_big_town(gaz: Gazetteer, name: str) -> bool:
    """Whether a name's best reading is a country, a state or a town of `BIG_CITY` or more."""
    top = next(iter(gaz.candidates(name)), None)
    return top is not None and (_is_area(top) or top.population >= BIG_CITY)


def area_name(gaz: Gazetteer, name: str) -> bool:
    """Whether a name's best reading is a country, a state or province, or an alias of our
    data files ("Texas", "Canada"): no street's and no venue's own name."""
    top = next(iter(gaz.candidates(name)), None)
    return top is not None and _is_area(top)


def _is_area(reading: Candidate) -> bool:
    return reading.match == ALIAS or reading.feature_code in _AREA_CODES


_AREA_CODES = frozenset({"PCLI", "PCLD", "PCLS", "PCLF", "PCLIX", "ADM1", "RGN"})


#: Road classes of the British and Irish numbering schemes ("the A417", "the M25", "the N7").
_ROAD_LETTERS = frozenset("ABMN")
ROAD_COUNTRIES = frozenset({"GBR", "IRL"})


def road_number(text: str) -> bool:
    """A British or Irish road number ("A417", "M25")."""
    return 2 <= len(text) <= 5 and text[0] in _ROAD_LETTERS and text[1:].isdigit()


def road_spans(doc: Doc) -> list[Street]:
    """Road numbers after "the" ("on the A417"), or listed after one ("the A436, A40 and
    A429"): streets, which `place_facilities` keeps only in Britain or Ireland."""
    found: list[Street] = []
    listed = False
    texts = token_texts(doc)
    for i, text in enumerate(texts):
        if not road_number(text):
            listed = listed and text.lower() in (",", "and", "or")
            continue
        if listed or (i > 0 and texts[i - 1].lower() == "the"):
            found.append((i, i + 1, "streets"))
            listed = True
    return found
