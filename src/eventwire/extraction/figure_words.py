"""The figure word lists and the reading of number phrases ("2.3 million", "dozens").

`load_words` compiles `data/figure_words.yaml` once per process; `parse_amount` reads the
words of a number phrase into an `Amount`; `figure_values` turns an Amount and its qualifier
into the (value, low, high, qualifier) of a `Figure` by the rule of `eventwire.extraction.figures`.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from spacy.tokens import Token

from eventwire.datafiles import load_yaml
from eventwire.errors import ConfigError

__all__ = [
    "Amount",
    "FigureWords",
    "digit_value",
    "figure_values",
    "is_number",
    "load_words",
    "parse_amount",
    "parse_number",
]


# --- the word lists -----------------------------------------------------------------------


class FigureWords:
    """`data/figure_words.yaml`, compiled into lookups (see the file's header for each list)."""

    def __init__(self, raw: dict[str, Any]) -> None:
        kinds: dict[str, dict[str, list[str]]] = raw["kinds"]
        self.object_verbs = _by_kind(kinds, "object_verbs")
        self.subject_verbs = _by_kind(kinds, "subject_verbs")
        self.nouns = _by_kind(kinds, "nouns")
        self.adjectives = _by_kind(kinds, "adjectives")
        self.size_fields = {k: frozenset(v) for k, v in raw["size_fields"].items()}
        self.qualifiers: dict[str, str] = raw["qualifiers"]
        self.max_qualifier_len = max(len(q.split()) for q in self.qualifiers)
        self.verb_qualifiers: dict[str, str] = raw["verb_qualifiers"]
        self.number_words: dict[str, int] = raw["number_words"]
        self.multipliers: dict[str, int] = raw["multipliers"]
        self.vague_numbers: dict[str, int] = raw["vague_numbers"]
        self.vague_compounds: dict[str, int] = raw["vague_compounds"]
        self.vague_prefixes: dict[str, int] = raw["vague_prefixes"]
        self.shares = frozenset(raw["shares"])
        self.total_nouns = frozenset(raw["total_nouns"])
        self.population_nouns = frozenset(raw["population_nouns"])
        self.units = frozenset(raw["non_count_units"])
        self.things = frozenset(raw["non_person_nouns"])
        self.cumulative_words = frozenset(raw["cumulative"]["words"])
        self.cumulative_phrases = tuple(raw["cumulative"]["phrases"])
        self.toll_nouns = frozenset(raw["toll_nouns"])
        self.incident_nouns = frozenset(raw["incident_nouns"])
        self.war_nouns = frozenset(raw["war_nouns"])

    def noun_kind(self, token: Token) -> str | None:
        """Kind of a word that is itself the count: "deaths", "bodies", "toll", "dead"."""
        return self.nouns.get(token.lemma_.lower()) or self.adjectives.get(token.lower_)

    def modifier_kind(self, token: Token) -> str | None:
        """Kind of a modifier of the counted noun: "3 people killed", "400 displaced families"."""
        lemma = token.lemma_.lower()
        return (
            self.adjectives.get(token.lower_)
            or self.object_verbs.get(lemma)
            or self.subject_verbs.get(lemma)
        )


def _by_kind(kinds: dict[str, dict[str, list[str]]], field: str) -> dict[str, str]:
    return {word: kind for kind, lists in kinds.items() for word in lists.get(field) or []}


@lru_cache(maxsize=1)
def load_words() -> FigureWords:
    """The figure word lists, read once per process."""
    raw = load_yaml("figure_words.yaml")
    try:
        return FigureWords(raw)
    except (KeyError, TypeError) as exc:
        raise ConfigError(f"figure_words.yaml: cannot read the figure word lists ({exc})") from exc


# --- amounts ------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Amount:
    """A parsed number phrase: `value`, or a range `low`-`high`, or a vague `low` alone, or
    (a population denominator) `high` alone."""

    value: int | None = None
    low: int | None = None
    high: int | None = None


def digit_value(text: str) -> float | None:
    plain = text.replace(",", "")
    if plain.replace(".", "", 1).isdigit():
        return float(plain)
    return None


def is_number(token: Token, words: FigureWords) -> bool:
    """Whether `token` can be part of a number phrase ("three", "2.3", "million", "dozens")."""
    lower = token.lower_
    return (
        lower in words.number_words
        or lower in words.multipliers
        or lower in words.vague_numbers
        or (token.like_num and digit_value(lower) is not None)
    )


def parse_amount(words_: list[str], words: FigureWords) -> Amount | None:
    """ "three", "2.3 million", "a dozen", "twenty-five", "20 to 30", "between 20 and 30",
    "dozens", "tens of thousands"; None for anything else."""
    phrase = " ".join(words_)
    if phrase in words.vague_compounds:
        return Amount(low=words.vague_compounds[phrase])
    if len(words_) == 1 and phrase in words.vague_numbers:
        return Amount(low=words.vague_numbers[phrase])
    cut = next((i for i, w in enumerate(words_) if w in ("to", "-", "–", "and")), None)
    if cut is None:
        value = parse_number(words_, words)
        return None if value is None else Amount(value=value)
    left, right = parse_number(words_[:cut], words), parse_number(words_[cut + 1 :], words)
    if left is None or right is None:
        return None
    if words_[cut] == "-" and left % 10 == 0 and 20 <= left <= 90 and 0 < right < 10:
        return Amount(value=left + right)  # "twenty-five"
    return Amount(low=min(left, right), high=max(left, right))


def parse_number(words_: list[str], words: FigureWords) -> int | None:
    total, current = 0.0, 0.0
    for word in words_:
        digits = digit_value(word)
        if digits is not None:
            current = digits
        elif word in words.number_words:
            current += words.number_words[word]
        elif word in ("a", "an"):
            current = 1
        elif word in words.multipliers:
            current = (current or 1) * words.multipliers[word]
            if words.multipliers[word] >= 1000:
                total, current = total + current, 0.0
        else:
            return None
    value = total + current
    return int(round(value)) if words_ and value == value else None


def figure_values(
    amount: Amount, qualifier: str | None
) -> tuple[int | None, int | None, int | None, str]:
    """(value, low, high, qualifier) by the rule in the docstring of `extract.figures`."""
    if amount.value is None and amount.low is None:
        return None, None, amount.high, "at_most"
    if amount.low is not None and amount.high is not None:
        return None, amount.low, amount.high, "range"
    if amount.value is None:
        return None, amount.low, None, "at_least" if qualifier == "at_least" else "approx"
    value = amount.value
    if qualifier == "at_least":
        return value, value, None, qualifier
    if qualifier == "at_most":
        return value, None, value, qualifier
    return value, None, None, qualifier if qualifier == "approx" else "exact"
