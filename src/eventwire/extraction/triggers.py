"""The trigger lexicon of `data/triggers.yaml` and where its entries match a parse.

Entries are matched on lemmas by one spaCy `PhraseMatcher` per vocabulary; each match is then
checked against the entry's conditions on the dependency parse (object, particle, preposition,
modifier, subject, governing verb, complement), and the most specific entry that holds wins.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Token
from spacy.vocab import Vocab

from eventwire.config import DATA_DIR
from eventwire.errors import ConfigError
from eventwire.records import CATEGORIES

__all__ = ["TRIGGERS_FILE", "Lexicon", "TriggerEntry", "find_triggers", "load_lexicon"]

TRIGGERS_FILE = DATA_DIR / "triggers.yaml"

_SET_KEYS = ("obj", "prep", "mod", "subj", "head")
_FLAG_KEYS = ("comp", "no_obj", "symmetric", "visit", "weak", "future_only", "weapon_obj")


@dataclass(frozen=True, slots=True)
class TriggerEntry:
    """One lexicon entry of `data/triggers.yaml` (its header documents every field)."""

    category: str
    pos: str  # "verb" or "noun"
    words: tuple[str, ...]
    obj: frozenset[str] = frozenset()
    prt: str | None = None
    prep: frozenset[str] = frozenset()
    mod: frozenset[str] = frozenset()
    subj: frozenset[str] = frozenset()
    head: frozenset[str] = frozenset()
    comp: bool = False
    no_obj: bool = False
    mode: tuple[str, ...] = ()
    context: tuple[str, ...] = ()
    symmetric: bool = False
    visit: bool = False
    state_actor: str | None = None
    weak: bool = False
    crowd_actor: tuple[str, ...] = ()  # (category, *modes)
    joint_as: str | None = None
    future_only: bool = False
    weapon_obj: bool = False  # its `obj` words name the weapon, not the target

    @property
    def conditions(self) -> tuple[str, ...]:
        sets = [k for k in _SET_KEYS if getattr(self, k)]
        return (
            *sets,
            *(["prt"] if self.prt else []),
            *(k for k in ("comp", "no_obj") if getattr(self, k)),
        )

    @property
    def name(self) -> str:
        """E.g. `ASSAULT verb "fire" [prep]`, for the record's explanation."""
        conditions = f" [{', '.join(self.conditions)}]" if self.conditions else ""
        return f'{self.category} {self.pos} "{" ".join(self.words)}"{conditions}'

    @property
    def specificity(self) -> int:
        return len(self.conditions) + len(self.words) - 1


@dataclass(frozen=True, slots=True)
class Lexicon:
    entries: tuple[TriggerEntry, ...]
    light_verbs: frozenset[str]
    non_agents: frozenset[str]
    civilian_targets: frozenset[str] = frozenset()


@lru_cache(maxsize=4)
def load_lexicon(path: Path = TRIGGERS_FILE) -> Lexicon:
    """Read and check the trigger lexicon (cached)."""
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        entries = tuple(
            _entry(category, raw) for category, items in data["categories"].items() for raw in items
        )
        light = frozenset(_inflections(data["light_verbs"]))
        targets = frozenset(_strings(data.get("civilian_targets")))
        return Lexicon(entries, light, frozenset(data["non_agents"]), targets)
    except (OSError, yaml.YAMLError, KeyError, TypeError, ValueError) as exc:
        raise ConfigError(f"{path}: cannot read the trigger lexicon: {exc}") from exc


def _inflections(verbs: list[str]) -> set[str]:
    """Each verb with its regular forms, so that a mis-lemmatised form ("staged" -> "stag")
    is still recognised by its surface form."""
    forms: set[str] = set()
    for verb in verbs:
        stem = verb[:-1] if verb.endswith("e") else verb
        forms |= {verb, verb + "s", stem + "ed", stem + "ing"}
    return forms


def _entry(category: str, raw: dict[str, Any]) -> TriggerEntry:
    crowd = tuple(str(raw["crowd_actor"]).split()) if raw.get("crowd_actor") else ()
    recoded = (raw.get("state_actor", category), raw.get("joint_as", category), *crowd[:1])
    if category not in CATEGORIES or any(c not in CATEGORIES for c in recoded):
        raise ValueError(f"unknown PLOVER category in {category}: {raw}")
    pos = "verb" if "verb" in raw else "noun"
    if pos not in raw:
        raise ValueError(f"entry without verb or noun in {category}: {raw}")
    unknown = set(raw) - {"verb", "noun", "prt", "mode", "context", "state_actor"}
    unknown -= {"crowd_actor", "joint_as"}
    unknown -= {*_SET_KEYS, *_FLAG_KEYS}
    if unknown:
        raise ValueError(f"unknown field(s) {sorted(unknown)} in {category}: {raw}")
    if not isinstance(raw.get("prt", ""), str):
        raise ValueError(f"prt must be a quoted string in {category}: {raw}")
    sets = {k: frozenset(_strings(raw.get(k))) for k in _SET_KEYS}
    return TriggerEntry(
        category=category,
        pos=pos,
        words=tuple(str(raw[pos]).lower().split()),
        prt=raw.get("prt"),
        mode=_strings(raw.get("mode")),
        context=_strings(raw.get("context")),
        state_actor=raw.get("state_actor"),
        obj=sets["obj"],
        prep=sets["prep"],
        mod=sets["mod"],
        subj=sets["subj"],
        head=sets["head"],
        comp=bool(raw.get("comp")),
        no_obj=bool(raw.get("no_obj")),
        symmetric=bool(raw.get("symmetric")),
        visit=bool(raw.get("visit")),
        weak=bool(raw.get("weak")),
        weapon_obj=bool(raw.get("weapon_obj")),
        crowd_actor=crowd,
        joint_as=raw.get("joint_as"),
        future_only=bool(raw.get("future_only")),
    )


def _strings(value: Any) -> tuple[str, ...]:
    """A YAML scalar or list as a tuple of lower-case strings."""
    if value is None:
        return ()
    values = value if isinstance(value, list) else [value]
    if any(isinstance(v, bool) for v in values):
        raise ValueError(f'a boolean in a word list (quote "on", "off", "yes", "no"): {value}')
    return tuple(str(v).lower() for v in values)


_MATCHERS: dict[
    tuple[int, int], tuple[Vocab, Lexicon, PhraseMatcher, dict[str, list[TriggerEntry]]]
] = {}


def _matcher(vocab: Vocab, lexicon: Lexicon) -> tuple[PhraseMatcher, dict[str, list[TriggerEntry]]]:
    """One lemma PhraseMatcher per vocabulary and lexicon, built on first use.

    Verb and noun entries of one word share a pattern; `_holds` checks the part of speech.
    """
    key = (id(vocab), id(lexicon))
    if key not in _MATCHERS:
        matcher = PhraseMatcher(vocab, attr="LEMMA")
        by_key: dict[str, list[TriggerEntry]] = {}
        for entry in lexicon.entries:
            pieces = [p for word in entry.words for p in word.replace("-", " - ").split()]
            name = " ".join(pieces)
            if name not in by_key:
                by_key[name] = []
                matcher.add(name, [Doc(vocab, words=pieces, lemmas=pieces)])
            by_key[name].append(entry)
        _MATCHERS[key] = (vocab, lexicon, matcher, by_key)
    return _MATCHERS[key][2], _MATCHERS[key][3]


def find_triggers(doc: Doc, *, lexicon: Lexicon) -> Iterator[tuple[Token, TriggerEntry, set[int]]]:
    """(head token, best entry, trigger tokens) for every trigger word in `doc`."""
    matcher, by_key = _matcher(doc.vocab, lexicon)
    best: dict[int, tuple[TriggerEntry, set[int]]] = {}
    for match_id, start, end in matcher(doc):
        span = doc[start:end]
        head = span.root
        for entry in by_key[doc.vocab.strings[match_id]]:
            held = best.get(head.i)
            if (held is None or entry.specificity > held[0].specificity) and _holds(entry, head):
                best[head.i] = (entry, set(range(start, end)) | _particles(entry, head))
    for i in sorted(best):
        yield doc[i], best[i][0], best[i][1]


def dep_label(token: Token) -> str:
    """The dependency label, with "to"-infinitive purpose clauses read as complements: the
    parser often makes "urged Y in a call *to release* Z" or "have sworn *to fight*" an advcl."""
    infinitive = any(c.dep_ == "aux" and c.lower_ == "to" for c in token.children)
    if token.dep_ == "advcl" and infinitive and not any(c.dep_ == "nsubj" for c in token.children):
        return "xcomp"
    return token.dep_


def _people_participle(token: Token) -> bool:
    """A participle the parser tags a verb but that stands for people ("evacuated *the
    wounded*", "the killed were buried"): no verb, so no verb trigger. A gerund stays one
    ("the shelling of X")."""
    arguments = ("dobj", "nsubj", "nsubjpass", "pobj")
    return (
        token.tag_ == "VBN"
        and token.dep_ in arguments
        and any(c.dep_ == "det" and c.lower_ == "the" for c in token.children)
    )


def _holds(entry: TriggerEntry, token: Token) -> bool:
    """Whether every condition of `entry` holds at `token`."""
    if (entry.pos == "verb") != (token.pos_ == "VERB" and not _people_participle(token)):
        return False
    deps: dict[str, list[Token]] = {}
    for child in token.children:
        deps.setdefault(dep_label(child), []).append(child)
    objects = deps.get("dobj", []) + deps.get("nsubjpass", [])
    checks = (
        (entry.obj, lambda: bool(entry.obj & _object_lemmas(objects))),
        (entry.prt, lambda: any(c.lower_ == entry.prt for c in token.children)),
        (
            entry.prep,
            lambda: any(
                c.dep_ in ("prep", "agent", "dative") and c.lower_ in entry.prep
                for c in token.children
            ),
        ),
        (
            entry.mod,
            lambda: any(
                c.lower_ in entry.mod or c.lemma_.lower() in entry.mod for c in token.lefts
            ),
        ),
        (entry.subj, lambda: any(s.lemma_.lower() in entry.subj for s in deps.get("nsubj", []))),
        (entry.head, lambda: _governing_verb(token).lemma_.lower() in entry.head),
        (entry.comp, lambda: bool(deps.get("xcomp") or deps.get("ccomp"))),
        (entry.no_obj, lambda: not deps.get("dobj")),
    )
    return all(check() for wanted, check in checks if wanted)


def _object_lemmas(objects: list[Token]) -> set[str]:
    """Lemmas of the objects, their compounds and "of" objects ("a state of emergency")."""
    lemmas = set()
    for obj in objects:
        lemmas.add(obj.lemma_.lower())
        for child in obj.children:
            if child.dep_ in ("compound", "amod") or (
                child.dep_ == "prep" and child.lower_ == "of"
            ):
                for g in (child, *child.children):
                    lemmas.update(w.lemma_.lower() for w in (g, *g.lefts))
    return lemmas


def _governing_verb(token: Token) -> Token:
    head = token.head
    return head.head if head.dep_ == "prep" else head


def _particles(entry: TriggerEntry, token: Token) -> set[int]:
    """Trigger tokens beyond the match: the particle and the object that a condition named."""
    extra = {c.i for c in token.children if entry.prt and c.lower_ == entry.prt}
    if entry.obj:
        extra |= {c.i for c in token.children if c.dep_ in ("dobj", "nsubjpass")}
    return extra
