"""Act words, shared by the event coder and the clusterer.

A crude stem lets the inflections of one trigger meet ("killed", "killing", "kills"), and
the act groups of `data/dedup_words.yaml` say which different words name one kind of act
("shot" and "gunfire" one, "shot" and "killed" two). The coder uses them to tell an act
named again in a later sentence (`extraction.event_relations.refer_back`), the clusterer
to tell reports of one act from reports of another (`dedup.scoring`).
"""

from __future__ import annotations

from functools import cache

from eventwire.datafiles import load_yaml

__all__ = ["acts", "stem"]


@cache
def acts() -> dict[str, frozenset[str]]:
    """Trigger stem -> the act groups it names (`acts` in dedup_words.yaml)."""
    found: dict[str, set[str]] = {}
    for group, words in load_yaml("dedup_words.yaml")["acts"].items():
        for word in words:
            for form in {str(word), stem(str(word))}:
                found.setdefault(form, set()).add(str(group))
    return {k: frozenset(v) for k, v in found.items()}


def stem(word: str) -> str:
    """A crude stem that lets inflections of one trigger meet ("killed", "killing", "kills")."""
    for suffix in ("ing", "ed", "es", "s", "e"):
        if len(word) > len(suffix) + 3 and word.endswith(suffix):
            return word[: -len(suffix)]
    return word
