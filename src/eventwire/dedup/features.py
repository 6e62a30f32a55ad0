"""What eventwire compares when it asks whether two reports tell the same event.

An `Item` is one stored event reduced to its clustering features: its date interval
(None = unknown), quad and category, place, actor and recipient codes, figures, the
content words of its sentence (`terms`), the heaviest words of its article (`keywords`,
which carry the names of the place, the people and the thing) and the names and numbers
of its sentence (`names`), the stems of its trigger (`trigger`), the names of its whole
article (`context`), its article's story (`story`), the names of whom the act was done to
(`patients`: the recipients the coder identified by name, else the recipients named in
the article that its sentence names) and whether its sentence tells an earlier act than
the article's news (`retro`, `looks_back`) and whether its trigger is a noun owned by
someone ("Okafor's arrest", "his release": `background`, `owned_act`). Words are weighted
by rarity (`eventwire.dedup.rarity`), so a shared "Aceh" or "6.1" counts far more than a
shared "police". How two items are compared is `eventwire.dedup.scoring`.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from collections import Counter
from dataclasses import dataclass, field
from functools import cache, lru_cache
from typing import Any

from eventwire.acts import acts, stem
from eventwire.datafiles import load_yaml
from eventwire.dedup.rarity import Rarity

#: Article keywords kept per article.
N_KEYWORDS = 40
#: How much more a name or number of the article weighs than another word.
NAME_BOOST = 2.0
#: Codes that say nothing about who acted (no country).
VAGUE_CODES = frozenset({"UNK", "IGO", "NGO", "MNC", ""})

_WORD = re.compile(r"[^\W\d_][\w'’-]*|\d[\d,.]*", re.UNICODE)
_SENTENCE = re.compile(r"(?<=[.!?])\s+|\n+")
_YEAR = re.compile(r"\b(?:19[5-9]\d|20[0-4]\d)\b")
_TOKEN = re.compile(r"[^\W\d_][\w'’-]*|\S")
#: A sentence's words and possessive marks ("Delacroix' arrest" -> delacroix, ', arrest).
_OWNED = re.compile(r"[\w-]+(?:['’]s\b)?|['’]s\b|['’]")
#: Characters at the top of an article searched for its year (headline, dateline, lead).
LEAD_YEAR_CHARS = 600
#: Characters at the top of an article whose people are the ones it is about.
LEAD_PEOPLE_CHARS = 200
#: Least population of a place whose name, first in a run of capitalised words, is a
#: team's or a firm's home ("San Diego Chargers") rather than a first name ("Vincent").
HOME_PLACE = 100_000


@cache
def stopwords() -> frozenset[str]:
    data = load_yaml("dedup_words.yaml")
    return frozenset(str(w) for w in data["stopwords"])


@cache
def owners() -> frozenset[str]:
    """Words that own the noun after them ("his arrest", `owners` in dedup_words.yaml)."""
    return frozenset(str(w) for w in load_yaml("dedup_words.yaml")["owners"])


@cache
def retro_words() -> frozenset[str]:
    """Words that point back to an earlier act (`retro` in dedup_words.yaml)."""
    return frozenset(str(w) for w in load_yaml("dedup_words.yaml")["retro"])


def main_year(text: str) -> str | None:
    """The year an article names most often (None: it names none), the year of its news."""
    years = Counter(_YEAR.findall(text))
    return min(years, key=lambda y: (-years[y], y)) if years else None


def lead_year(text: str) -> str | None:
    """The first year the top of an article names (its dateline's, when it has one)."""
    found = _YEAR.search(text[:LEAD_YEAR_CHARS])
    return found.group(0) if found else None


def lead_people(text: str) -> frozenset[str]:
    """The surnames of the people the top of an article names: a run of capitalised words
    that is no place ("Vincent Jackson", not "San Diego"; a leading big place is the home of
    a team, "San Diego Chargers" -> "Chargers") whose last word the text also uses alone
    ("Jackson"), named in the first `LEAD_PEOPLE_CHARS` characters. Who the news is about:
    two arrests or two deaths of one kind tell of other people."""
    named, alone = set(), set()
    for run in _name_runs(text):
        run = run[_home_words(run) :]
        if len(run) > 1 and not _place_size(" ".join(run)):
            named.add(_surname(run[-1]))
        elif len(run) == 1:
            alone.add(_surname(run[0]))
    head = {_surname(w) for run in _name_runs(text[:LEAD_PEOPLE_CHARS]) for w in run}
    return frozenset(named & alone & head)


def _name_runs(text: str) -> list[list[str]]:
    """The runs of capitalised words of `text` (initials skipped, "W. Mark Felt" -> Mark
    Felt; calendar and function words dropped from either end)."""
    runs: list[list[str]] = [[]]
    tokens = _TOKEN.findall(text)
    for i, tok in enumerate(tokens):
        if tok[:1].isupper() and len(tok) > 1 and not tok.isupper():
            runs[-1].append(tok)
        elif not (_initial(tok) or tok == "." and i and _initial(tokens[i - 1])):
            runs.append([])
    common = _common_words()
    out = []
    for run in runs:
        while run and run[0].lower() in common:
            run = run[1:]
        while run and run[-1].lower() in common:
            run = run[:-1]
        if run:
            out.append(run)
    return out


def _initial(token: str) -> bool:
    return len(token) == 1 and token.isupper()


def _surname(word: str) -> str:
    word = word.lower().strip("'’")
    return word[:-2] if word.endswith(("'s", "’s")) else word


def _home_words(run: list[str]) -> int:
    """How many words of `run` start it with a big place (see `lead_people`)."""
    for k in range(len(run) - 1, 0, -1):
        if _place_size(" ".join(run[:k])) > 1:
            return k
    return 0


@cache
def _common_words() -> frozenset[str]:
    """Function, calendar and reporting words: no part of a person's name."""
    times = load_yaml("time_words.yaml")
    return stopwords() | frozenset(map(str, times["months"])) | frozenset(times["weekdays"])


@lru_cache(maxsize=65536)
def _place_size(name: str) -> int:
    """0: no place of the gazetteer; 2: a country, a province or a place of at least
    `HOME_PLACE` people; 1: another place (no gazetteer: 0)."""
    gazetteer = _gazetteer()
    if gazetteer is None:
        return 0
    found = gazetteer.candidates(name)
    if any(c.population >= HOME_PLACE or c.feature_code in ("PCLI", "ADM1") for c in found):
        return 2
    return 1 if found else 0


@cache
def _gazetteer() -> Any:
    """The shared index, or None (remembered) when none can be built: one failed build,
    not one per name."""
    from eventwire.errors import GazetteerError
    from eventwire.geo.gazetteer import Gazetteer

    try:
        return Gazetteer.load()
    except GazetteerError:  # no index and none buildable: names are taken for people
        return None


def looks_back(sentence: str, year: str | None) -> bool:
    """Whether a sentence tells an earlier act than its article's news: a word pointing
    back ("a previous arrest", "hosted it once before") or years that are all not the
    article's own (`main_year`)."""
    if retro_words() & set(_WORD.findall(sentence.lower())):
        return True
    years = set(_YEAR.findall(sentence))
    return bool(years) and year is not None and year not in years


def owned_act(sentence: str, trigger: str) -> bool:
    """Whether the trigger's first word follows a possessive ("Delacroix' arrest", "Okafor's
    killing", "his release"): the act named as a known thing, which a later sentence
    recalls (the earlier arrest of another player, the reason for someone's visit) rather
    than the report's news, where the act is told with a verb."""
    parts = trigger.split()
    first = parts[0].lower() if parts else ""
    words = [w.lower() for w in _OWNED.findall(sentence)]
    if not first or first not in words[1:]:
        return False
    before = words[words.index(first, 1) - 1]
    if before == "her":
        return not first.endswith("ed")
    return before in owners() or before[:1] in ("'", "’") or before.endswith(("'s", "’s"))


@lru_cache(maxsize=8192)
def act_groups(trigger: frozenset[str]) -> frozenset[str]:
    """The act groups the stems of a trigger name (empty: none known); asked for every pair
    of candidates, hence cached."""
    table = acts()
    return frozenset(g for word in trigger for g in table.get(word, ()))


def content_words(text: str) -> list[str]:
    """Lower-cased words of `text` without function words and other words under three
    letters (numbers are kept), a crude plural stripped."""
    stop = stopwords()
    words = []
    for raw in _WORD.findall(text.lower()):
        word = raw.strip("'’-.,")
        if (len(word) < 3 and not word[:1].isdigit()) or word in stop:
            continue  # short numbers stay: a toll or a magnitude tells events apart
        if len(word) > 4 and word.endswith("s") and not word.endswith("ss"):
            word = word[:-1]
        words.append(word)
    return words


def sentence_names(text: str) -> set[str]:
    """Names and numbers of one sentence (capitalised words past the first, numbers), in
    the form `content_words` gives them: what tells look-alike events apart."""
    words = _WORD.findall(text)
    picked = [w for w in words[1:] if w[:1].isupper() or w[:1].isdigit()]
    return set(content_words(" ".join(picked)))


def names(text: str) -> frozenset[str]:
    """The names of every sentence of `text` (see `sentence_names`)."""
    found: set[str] = set()
    for sentence in _SENTENCE.split(text):
        found |= sentence_names(sentence)
    return frozenset(found)


def unit(weights: dict[str, float]) -> dict[str, float]:
    """`weights` scaled to length 1 (rounded: they are stored as JSON)."""
    norm = math.sqrt(sum(w * w for w in weights.values()))
    return {k: round(w / norm, 4) for k, w in weights.items()} if norm else {}


def article_vector(
    text: str, rarity: Rarity, *, n: int = N_KEYWORDS, named: frozenset[str] | None = None
) -> dict[str, float]:
    """The `n` heaviest words of an article, weighted by (1 + log tf) x idf, names counted
    `NAME_BOOST` times: call after `rarity.add` has counted the article (`named`: its
    `names`, when already known)."""
    counts = Counter(content_words(text))
    named = names(text) if named is None else named
    weights = {
        w: (1 + math.log(c)) * rarity.idf(w) * (NAME_BOOST if w in named else 1.0)
        for w, c in counts.items()
    }
    top = sorted(weights.items(), key=lambda kv: (-kv[1], kv[0]))[:n]
    return unit(dict(top))


def cosine(a: dict[str, float], b: dict[str, float]) -> float:
    """Cosine of two unit vectors."""
    if len(b) < len(a):
        a, b = b, a
    return min(1.0, sum(w * b[k] for k, w in a.items() if k in b))


@dataclass(frozen=True, slots=True)
class Item:
    """One event's clustering features; `seq` orders items as they were ingested.

    `terms` (the words of the event's sentence and trigger) and `keywords` (its article's
    heaviest words) are unit vectors of idf weights as they stood when it was clustered.
    """

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
    terms: dict[str, float] = field(default_factory=dict)
    keywords: dict[str, float] = field(default_factory=dict)
    names: frozenset[str] = frozenset()
    trigger: frozenset[str] = frozenset()
    context: frozenset[str] = frozenset()
    story: str = ""  # the story of its article (`eventwire.dedup.stories`), "" unknown
    patients: frozenset[str] = frozenset()  # name words of the named recipients
    retro: bool = False  # its sentence tells an earlier act (`looks_back`)
    background: bool = False  # its trigger is an owned noun (`owned_act`)


def item_from_record(
    record: dict[str, Any],
    *,
    seq: int,
    article_keywords: dict[str, float],
    rarity: Rarity,
    article_names: frozenset[str] = frozenset(),
    story: str = "",
    article_patients: frozenset[str] = frozenset(),
    article_year: str | None = None,
) -> Item:
    """The features of a stored PLOVER record (`article_keywords` from `article_vector`,
    `article_names` from `names` of the article's text, `story` its article's story,
    `article_patients` the `patient_names` of all its article's events: an event whose
    recipient went unnamed takes those its sentence names; `article_year` its `main_year`)."""
    loc = record.get("event_loc") or {}
    category = (record.get("event") or [None])[0]
    text = record.get("text") or ""
    trigger = " ".join(record.get("event_text") or [])
    trigger_words = content_words(trigger)
    words = set(content_words(text)) | set(trigger_words)
    named = frozenset(sentence_names(text))
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
        terms=unit({w: rarity.idf(w) for w in words}),
        keywords=article_keywords,
        names=named,
        trigger=frozenset(stem(w) for w in trigger_words),
        context=article_names,
        story=story,
        patients=patient_names(record.get("recipient")) or _capitalised(text) & article_patients,
        retro=looks_back(text, article_year),
        background=owned_act(text, trigger),
    )


def _day(value: str | None) -> dt.date | None:
    return dt.date.fromisoformat(value) if value else None


def _codes(entities: list[dict[str, Any]] | None) -> frozenset[str]:
    """The countries of the named parties: an unidentified armed group (sector UAF, coded
    with the country of the place) says nothing about who acted, like UNK."""
    return frozenset(
        e["code"]
        for e in entities or []
        if e.get("code") not in VAGUE_CODES and e.get("sector") != "UAF"
    )


def patient_names(entities: list[dict[str, Any]] | None) -> frozenset[str]:
    """The name words of the recipients the coder identified by name but not by country
    (`identifier_text` set, code UNK: people; a place or a government read as recipient is
    compared by its code): who the act was done to, which tells apart two arrests or two
    killings of one story."""
    found: set[str] = set()
    for e in entities or []:
        if not e.get("identifier_text") or e.get("code") != "UNK":
            continue
        for text in (e.get("entity_text"), e.get("identifier_text")):
            found |= _capitalised(text or "")
    return frozenset(found)


def article_patients(records: list[dict[str, Any]]) -> frozenset[str]:
    """The `patient_names` of all the events of one article (stored records)."""
    return frozenset().union(*(patient_names(r.get("recipient")) for r in records))


def _capitalised(text: str) -> frozenset[str]:
    """The capitalised words of `text` (the first too), as `content_words` gives them."""
    return frozenset(content_words(" ".join(w for w in _WORD.findall(text) if w[:1].isupper())))


def _figures(figures: list[dict[str, Any]]) -> dict[str, int]:
    """Incident figures by kind (the largest number claimed of each kind)."""
    found: dict[str, int] = {}
    for f in figures:
        number = f.get("value") or f.get("high") or f.get("low")
        if number is None or f.get("scope") == "cumulative":
            continue
        found[f["kind"]] = max(found.get(f["kind"], 0), int(number))
    return found
