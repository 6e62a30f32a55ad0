"""Streets named without a street word of their own: British and Irish road numbers ("the
A417") and names listed before a plural street word ("State and Hubbard streets").
`facilities` places them like any street, at the town the article puts them in.
"""

from __future__ import annotations

from spacy.tokens import Doc

from eventwire.extraction.doctables import token_texts

__all__ = ["ROAD_COUNTRIES", "listed_streets", "road_number", "road_spans"]

Street = tuple[int, int, str]  # (start token, end token, "streets"), as `facilities.Facility`


#: Plural street words after a list of names: "down Bourbon and Dauphine streets".
_STREETS_PLURAL = frozenset({"streets", "avenues", "roads", "boulevards", "lanes", "drives"})


def listed_streets(doc: Doc) -> list[Street]:
    """One-word names listed before a plural street word ("at State and Hubbard streets",
    "Bourbon, Royal and Dauphine streets"): each is a street, not a town of that name."""
    found: list[Street] = []
    texts = token_texts(doc)
    for i, text in enumerate(texts):
        if text.lower() not in _STREETS_PLURAL or i < 3:
            continue
        j = i - 1
        names: list[int] = []
        while j >= 0 and doc[j].is_title and doc[j].pos_ == "PROPN":
            names.append(j)
            j -= 1
            if j < 0 or texts[j].lower() not in ("and", ",", "or"):
                break
            j -= 1
        if len(names) >= 2:
            found.extend((k, k + 1, "streets") for k in names)
    return found


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
