"""The actor lexicon: countries, organisations and titles, read once from `eventwire/data`.

    countries.tsv        one row per country or territory (names, demonyms, capitals)
    organisations.yaml   IGOs, NGOs, armed groups and parties with home country and sector
    actor_titles.yaml    offices that precede a name and nouns for collective actors, and
                         the reporting-verb lists of attribution, roles, modality and dates
    time_words.yaml      (through `word_list(..., source="time_words.yaml")`) the future,
                         intent and hypothetical governor lists of modality, events, dates

Every loader is cached (`functools.lru_cache`): the files are read once per process.
Look-ups ignore case and a leading "the", except for short all-capital forms ("US",
"CAR", "UK") which must match exactly, so that "us" or "car" never become countries.
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from functools import cache, lru_cache
from pathlib import Path
from typing import Any

from eventwire.config import DATA_DIR
from eventwire.datafiles import load_yaml
from eventwire.errors import ConfigError

_LEADING_THE = re.compile(r"^the\s+", re.IGNORECASE)
_SPACES = re.compile(r"\s+")


@dataclass(frozen=True, slots=True)
class Country:
    """A country or territory; `iso3` is the code used in entities (ISO 3166-1 alpha-3)."""

    iso3: str
    iso2: str
    name: str
    aliases: tuple[str, ...] = ()
    demonyms: tuple[str, ...] = ()
    capitals: tuple[str, ...] = ()

    @property
    def names(self) -> tuple[str, ...]:
        """The name and every alias."""
        return (self.name, *self.aliases)


@dataclass(frozen=True, slots=True)
class Organisation:
    """A named collective actor; `code` is its home ISO3 or a group code (IGO, NGO, UNK)."""

    name: str
    code: str
    sector: str
    aliases: tuple[str, ...] = ()

    @property
    def names(self) -> tuple[str, ...]:
        return (self.name, *self.aliases)


@dataclass(frozen=True, slots=True)
class Title:
    """An actor noun phrase and its PLOVER sector.

    `kind` is "person" for offices that can precede a name ("President", "Foreign
    Minister"), "group" for collective actors ("army", "protesters", "Health Ministry") and
    "owned" for offices that are actors only with an owner ("Taiwan's Presidential Office").
    """

    phrase: str
    sector: str
    kind: str


def _split(cell: str | None) -> tuple[str, ...]:
    return tuple(v.strip() for v in (cell or "").split("|") if v.strip())


def _keys(text: str) -> tuple[str, ...]:
    """The forms to try: as written, then without a leading "the" ("The Hague" keeps it)."""
    text = _SPACES.sub(" ", text.strip())
    if text.endswith(("'s", "’s")):
        text = text[:-2]
    bare = _LEADING_THE.sub("", text)
    return (text, bare) if bare != text else (text,)


def _is_strict(form: str) -> bool:
    """Short all-capital forms ("US", "UK", "DRC") match only exactly."""
    letters = form.replace(".", "")
    return len(letters) <= 4 and letters.isupper()


def _read_rows(path: Path) -> list[dict[str, str]]:
    try:
        with path.open(encoding="utf-8") as handle:
            lines = [line for line in handle if line.strip() and not line.startswith("#")]
    except OSError as exc:
        raise ConfigError(f"cannot read lexicon file {path}: {exc}") from exc
    return list(csv.DictReader(lines, delimiter="\t", quoting=csv.QUOTE_NONE))


def _read_yaml(name: str) -> Any:
    return load_yaml(name)


@lru_cache(maxsize=1)
def countries() -> tuple[Country, ...]:
    """Every country and territory of `countries.tsv`, in file order."""
    return tuple(
        Country(
            iso3=row["iso3"],
            iso2=row["iso2"],
            name=row["name"],
            aliases=_split(row.get("aliases")),
            demonyms=_split(row.get("demonyms")),
            capitals=_split(row.get("capitals")),
        )
        for row in _read_rows(DATA_DIR / "countries.tsv")
    )


def _index(pairs: list[tuple[str, Country]]) -> tuple[dict[str, Country], dict[str, Country]]:
    """An exact index and a case-folded one; the first country listed for a form wins."""
    exact: dict[str, Country] = {}
    folded: dict[str, Country] = {}
    for form, country in pairs:
        exact.setdefault(form, country)
        if not _is_strict(form):
            folded.setdefault(form.casefold(), country)
    return exact, folded


@lru_cache(maxsize=1)
def _name_index() -> tuple[dict[str, Country], dict[str, Country]]:
    return _index([(n, c) for c in countries() for n in c.names])


@lru_cache(maxsize=1)
def _demonym_index() -> tuple[dict[str, Country], dict[str, Country]]:
    return _index([(d, c) for c in countries() for d in c.demonyms])


@lru_cache(maxsize=1)
def _capital_index() -> tuple[dict[str, Country], dict[str, Country]]:
    return _index([(cap, c) for c in countries() for cap in c.capitals])


def _lookup(text: str, index: tuple[dict[str, Any], dict[str, Any]]) -> Any:
    exact, folded = index
    for key in _keys(text):
        found = exact.get(key) or folded.get(key.casefold())
        if found is not None:
            return found
    return None


@lru_cache(maxsize=1)
def _code_index() -> dict[str, Country]:
    return {c.iso3: c for c in countries()} | {c.iso2: c for c in countries()}


def country_by_code(code: str) -> Country | None:
    """The country with this ISO3 (or ISO2) code."""
    return _code_index().get(code.upper())


def country_by_name(text: str) -> Country | None:
    """The country a name or alias denotes ("U.S.", "the Netherlands", "DR Congo")."""
    found: Country | None = _lookup(text, _name_index())
    return found


def country_by_demonym(text: str) -> Country | None:
    """The country of an adjective or people form ("Israeli", "Britons", "Saudi")."""
    found: Country | None = _lookup(text, _demonym_index())
    return found


def country_by_capital(text: str) -> Country | None:
    """The country whose capital or seat of government this is ("Kyiv", "The Hague")."""
    found: Country | None = _lookup(text, _capital_index())
    return found


@lru_cache(maxsize=1)
def organisations() -> tuple[Organisation, ...]:
    """Every organisation of `organisations.yaml`."""
    data = _read_yaml("organisations.yaml") or {}
    return tuple(
        Organisation(
            name=str(item["name"]),
            code=str(item["code"]),
            sector=str(item["sector"]),
            aliases=tuple(str(a) for a in item.get("aliases") or ()),
        )
        for item in data.get("organisations") or ()
    )


@lru_cache(maxsize=1)
def _organisation_index() -> tuple[dict[str, Organisation], dict[str, Organisation]]:
    exact: dict[str, Organisation] = {}
    folded: dict[str, Organisation] = {}
    for org in organisations():
        for form in org.names:
            exact.setdefault(form, org)
            if not _is_strict(form):
                folded.setdefault(form.casefold(), org)
    return exact, folded


def organisation_by_name(text: str) -> Organisation | None:
    """The organisation a name or abbreviation denotes ("UNHCR", "the Houthis")."""
    found: Organisation | None = _lookup(text, _organisation_index())
    return found


@lru_cache(maxsize=1)
def titles() -> tuple[Title, ...]:
    """Person titles and group nouns of `actor_titles.yaml`, lower-cased."""
    data = _read_yaml("actor_titles.yaml") or {}
    out: list[Title] = []
    sections = (("person", "person_titles"), ("group", "group_nouns"), ("owned", "owned_nouns"))
    for kind, section in sections:
        for sector, phrases in (data.get(section) or {}).items():
            out.extend(Title(str(p).lower(), str(sector), kind) for p in phrases or ())
    return tuple(out)


@lru_cache(maxsize=1)
def _title_index() -> dict[str, Title]:
    return {t.phrase: t for t in titles()}


def title_by_phrase(text: str) -> Title | None:
    """The title or group noun for a phrase ("Defence Minister", "troops")."""
    index = _title_index()
    return next((index[k.lower()] for k in _keys(text) if k.lower() in index), None)


@lru_cache(maxsize=1)
def regions() -> dict[str, str]:
    """Sub-national names that qualify an actor noun ("Gaza health ministry") -> ISO3."""
    data = _read_yaml("actor_titles.yaml") or {}
    return {
        str(name): str(code)
        for code, names in (data.get("regions") or {}).items()
        for name in names or ()
    }


@cache
@cache
def word_list(section: str, *, source: str = "actor_titles.yaml") -> frozenset[str]:
    """The lower-cased plain word list `section` of data file `source`, read once.

    A missing section is a ConfigError, so that a renamed key cannot silently empty a rule.
    """
    data = _read_yaml(source) or {}
    if section not in data:
        raise ConfigError(f"lexicon file {DATA_DIR / source} has no section {section!r}")
    return frozenset(str(v).lower() for v in data[section] or ())


def reporting_verbs() -> frozenset[str]:
    """Lemmas of verbs that attribute a statement or figure ("say", "report", "estimate")."""
    return word_list("reporting_verbs")


@lru_cache(maxsize=1)
def anaphors() -> dict[str, str]:
    """Definite actor nouns that refer back to an earlier actor ("the military") -> sector."""
    data = _read_yaml("actor_titles.yaml") or {}
    return {str(k).lower(): str(v) for k, v in (data.get("anaphors") or {}).items()}


def representatives() -> frozenset[str]:
    """Nouns for people who speak or act for a body ("spokesperson", "officials", "leaders")."""
    return word_list("representatives")


def is_representative(phrase: str) -> bool:
    """Whether a title or actor noun ends in a representative noun ("government spokesman")."""
    words = phrase.lower().split()
    return any(" ".join(words[-n:]) in representatives() for n in (1, 2) if len(words) >= n)


def local_offices() -> frozenset[str]:
    """Offices of a town or region ("the regional governor", "the mayor")."""
    return word_list("local_offices")


def quantity_nouns() -> frozenset[str]:
    """Nouns that count a group ("thousands of troops"): the actor is the group counted."""
    return word_list("quantity_nouns")


def former_modifiers() -> frozenset[str]:
    """Words that make an office holder a former official: "ousted", "former"."""
    return word_list("former_modifiers")


@dataclass(frozen=True, slots=True)
class Leader:
    """A head of state or government, foreign minister or head of an international body."""

    name: str
    code: str
    sector: str
    aliases: tuple[str, ...] = ()


@lru_cache(maxsize=1)
def leaders() -> tuple[Leader, ...]:
    """Every person of `leaders.tsv`, in file order."""
    return tuple(
        Leader(row["name"], row["iso3"], row["sector"], _split(row.get("aliases")))
        for row in _read_rows(DATA_DIR / "leaders.tsv")
    )


@lru_cache(maxsize=1)
def _leader_index() -> dict[str, Leader]:
    """Name or alias -> leader, without the forms that would name people of two countries."""
    index: dict[str, Leader] = {}
    clashes: set[str] = set()
    for person in leaders():
        for form in (person.name, *person.aliases):
            held = index.setdefault(form, person)
            if held.code != person.code:
                clashes.add(form)
    return {form: person for form, person in index.items() if form not in clashes}


def leader_by_name(text: str) -> Leader | None:
    """The leader a full name or a listed surname denotes ("Vladimir Putin", "Putin"),
    matched as written: "trump" or "Rice" alone are no one."""
    index = _leader_index()
    return next((index[k] for k in _keys(text) if k in index), None)


@lru_cache(maxsize=1)
def leader_surnames() -> frozenset[str]:
    """The one-word names of `leaders.tsv` ("Putin", "Netanyahu"), for names used alone."""
    return frozenset(form for form in _leader_index() if " " not in form)
