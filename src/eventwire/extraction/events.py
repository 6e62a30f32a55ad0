"""The `eventwire_events` component: PLOVER events from trigger words on the dependency parse.

Triggers come from `data/triggers.yaml` (verbs, nouns, light-verb constructions), matched on
lemmas by one spaCy `Matcher` built per vocabulary. For each trigger the parse gives the
actor (subject, passive "by" agent, possessor or modifier of an event noun, subject of the
light verb) and the recipient (object, "on/against/with/to/at" object); `actor_at` turns
those tokens into coded entities. Events then meet each other in the parse:

- an act inside a request, threat, promise or refusal ("urged Y to withdraw", "threatened
  to strike") is not coded itself: the outer event is the coding (PLOVER);
- an act inside an accusation ("accused Y of shelling Z") is coded, claimed by the accuser;
- two triggers of one category tied in the parse ("killed in an airstrike") are one event;
- an event noun that is the object of a trigger verb ("imposed sanctions") joins that verb.

Modality comes from `modality.modality_of`; cooperative acts in the future become AGREE and a
future retreat CONCEDE, as PLOVER codes them.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml
from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Token
from spacy.vocab import Vocab

from eventwire.config import DATA_DIR
from eventwire.errors import ConfigError
from eventwire.extraction.actors import actor_at
from eventwire.extraction.attribution import claimant
from eventwire.extraction.mentions import EventMention
from eventwire.extraction.modality import ASSERTED, FUTURE, NEGATED, modality_of
from eventwire.records import CATEGORIES, Entity

TRIGGERS_FILE = DATA_DIR / "triggers.yaml"

# Prepositions whose object is the recipient of a verb or event noun ("fired on", "talks with").
_RECIPIENT_PREPS = frozenset(
    {"on", "against", "with", "to", "at", "into", "upon", "toward", "towards"}
)
# Event nouns whose "of" object is the doer ("the withdrawal of troops"), not the target.
_OF_IS_ACTOR = frozenset({"RETREAT", "MOBILIZE", "PROTEST", "CONSULT", "COOPERATE"})
# The inner act is not coded: it is requested, threatened, promised or refused, not done.
_SUPPRESSING = frozenset({"REQUEST", "THREATEN", "AGREE", "REJECT"})
_FUTURE_AS_AGREE = frozenset({"CONSULT", "SUPPORT", "COOPERATE", "AID"})
_STATE_SECTORS = frozenset({"GOV", "MIL", "COP", "JUD", "LEG", "SPY"})
# Dependencies through which one trigger is the complement of another.
_EMBED_DEPS = frozenset({"xcomp", "ccomp", "pcomp", "dobj", "nsubjpass", "pobj", "prep", "acl"})
_MERGE_DEPS = _EMBED_DEPS | {"nsubj", "advcl", "conj"}
_CIRCUMSTANCE_PREPS = frozenset(
    {"in", "during", "after", "before", "since", "amid", "despite", "by", "at"}
)
_NON_EVENT_ENTS = frozenset(
    {"ORG", "PERSON", "WORK_OF_ART", "FAC", "PRODUCT", "LAW", "NORP", "GPE"}
)
_TOPIC_STEPS = frozenset(
    {"prep:about", "prep:over", "prep:regarding", "prep:concerning", "prep:on"}
)
_COOPERATIVE = frozenset({"AGREE", "SUPPORT", "COOPERATE", "AID", "CONCEDE", "RETREAT"})
_INTENT_WORDS = frozenset(
    {"plan", "prepare", "ready", "prepared", "vow", "intend", "decide", "willing"}
)
# What a threat threatens, as PLOVER's THREATEN mode.
_THREAT_MODES = {
    "ASSAULT": "violence",
    "COERCE": "restrict",
    "SANCTION": "relations",
    "PROTEST": "relations",
    "MOBILIZE": "violence",
}
_STOPPING_VERBS = frozenset({"stop", "cease", "end", "halt", "suspend", "quit", "discontinue"})
_MAX_STEPS = 4
_SET_KEYS = ("obj", "prep", "mod", "subj", "head")
_FLAG_KEYS = ("comp", "no_obj", "symmetric", "visit", "weak")


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


@lru_cache(maxsize=4)
def load_lexicon(path: Path = TRIGGERS_FILE) -> Lexicon:
    """Read and check the trigger lexicon (cached)."""
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        entries = tuple(
            _entry(category, raw) for category, items in data["categories"].items() for raw in items
        )
        light = frozenset(_inflections(data["light_verbs"]))
        return Lexicon(entries, light, frozenset(data["non_agents"]))
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
    if category not in CATEGORIES or raw.get("state_actor", category) not in CATEGORIES:
        raise ValueError(f"unknown PLOVER category in {category}: {raw}")
    pos = "verb" if "verb" in raw else "noun"
    if pos not in raw:
        raise ValueError(f"entry without verb or noun in {category}: {raw}")
    unknown = set(raw) - {"verb", "noun", "prt", "mode", "context", "state_actor"}
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
    )


def _strings(value: Any) -> tuple[str, ...]:
    """A YAML scalar or list as a tuple of lower-case strings."""
    if value is None:
        return ()
    return tuple(str(v).lower() for v in (value if isinstance(value, list) else [value]))


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


def _holds(entry: TriggerEntry, token: Token) -> bool:
    """Whether every condition of `entry` holds at `token`."""
    if (entry.pos == "verb") != (token.pos_ == "VERB"):
        return False
    deps: dict[str, list[Token]] = {}
    for child in token.children:
        deps.setdefault(child.dep_, []).append(child)
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


@dataclass(slots=True)
class _Candidate:
    token: Token
    entry: TriggerEntry
    tokens: set[int]
    actors: tuple[Entity, ...]
    recipients: tuple[Entity, ...]
    has_subject: bool
    mode: list[str] = field(default_factory=list)
    claimed_by: Entity | None = None
    dropped: bool = False


@Language.component("eventwire_events", requires=["doc._.actors"], assigns=["doc._.events"])
def events_component(doc: Doc) -> Doc:
    """Set `doc._.events` to the events found in `doc` (see `find_events`)."""
    doc._.events = find_events(doc)
    return doc


def find_events(doc: Doc, *, lexicon: Lexicon | None = None) -> list[EventMention]:
    """Every event mention in `doc`, in text order; reads `doc._.actors`."""
    lexicon = lexicon or load_lexicon()
    candidates: dict[int, _Candidate] = {}
    for token, entry, tokens in find_triggers(doc, lexicon=lexicon):
        candidate = _candidate(doc, token, entry, tokens, lexicon)
        if candidate is not None:
            candidates[token.i] = candidate
    # A light verb stands for its event noun when another trigger hangs below it.
    lookup = {i: c for c in candidates.values() for i in c.tokens if i != c.token.i}
    lookup.update(candidates)
    _relate(candidates, lookup)
    mentions = [_mention(doc, c) for c in candidates.values() if not c.dropped]
    return sorted((m for m in mentions if m is not None), key=lambda m: m.trigger)


def _candidate(
    doc: Doc, token: Token, entry: TriggerEntry, tokens: set[int], lexicon: Lexicon
) -> _Candidate | None:
    """An event for one trigger with its coded roles, or None for a non-event use."""
    if entry.pos == "noun" and not _is_event_noun(token):
        return None
    if entry.pos == "verb":
        actor_tokens, recipient_tokens = _verb_roles(token)
        has_subject = any(c.dep_ in ("nsubj", "nsubjpass") for c in token.children)
    else:
        actor_tokens, recipient_tokens, light = _noun_roles(token, entry, lexicon)
        has_subject = False
        if light is not None:
            tokens.add(light.i)
            tokens.update(c.i for c in light.children if c.dep_ == "prt")
    actors = _entities(doc, actor_tokens)
    if not actors and any(t.lemma_.lower() in lexicon.non_agents for t in actor_tokens):
        return None
    recipients = tuple(e for e in _entities(doc, recipient_tokens) if e not in actors)
    return _Candidate(token, entry, tokens, actors, recipients, has_subject, list(entry.mode))


def _is_event_noun(token: Token) -> bool:
    """False for a trigger noun used as a modifier ("attack helicopter", "peace talks expert")."""
    if token.dep_ in ("compound", "amod", "nmod") and token.head.pos_ in ("NOUN", "PROPN"):
        return False
    return token.ent_type_ not in _NON_EVENT_ENTS


def _verb_roles(verb: Token) -> tuple[list[Token], list[Token]]:
    """Actor and recipient tokens of a verb trigger (active, passive, controlled clauses)."""
    if any(c.dep_ in ("nsubjpass", "auxpass") for c in verb.children):
        actors = [p for a in _deps(verb, "agent") for p in _deps(a, "pobj")]
        recipients = _deps(verb, "nsubjpass")
    else:
        actors = _subject(verb)
        recipients = _deps(verb, "dobj") + _deps(verb, "dative")
    recipients += _prep_objects(verb, _RECIPIENT_PREPS)
    return _conjoined(actors), _conjoined(recipients)


def _subject(verb: Token, depth: int = 0) -> list[Token]:
    """The doer of `verb`: its subject, or the one it inherits from the clause above it."""
    subjects = _deps(verb, "nsubj")
    if subjects and subjects[0].tag_ not in ("WDT", "WP"):
        return subjects
    if verb.dep_ in ("relcl", "acl"):
        return [verb.head]
    head = verb.head.head if verb.dep_ == "pcomp" else verb.head
    if depth > 3 or head.i == verb.i:
        return []
    if _dep(verb) in ("xcomp", "pcomp"):
        # Object control ("urged Y to withdraw", "accused Y of shelling"), else the subject.
        return (
            _deps(head, "dobj") or _prep_objects(head, {"on", "upon"}) or _subject(head, depth + 1)
        )
    if verb.dep_ in ("conj", "advcl"):
        return _subject(head, depth + 1)
    return []


def _noun_roles(
    noun: Token, entry: TriggerEntry, lexicon: Lexicon
) -> tuple[list[Token], list[Token], Token | None]:
    """Actor and recipient tokens of an event noun, and the light verb that carries it."""
    actors = [c for c in noun.children if c.dep_ in ("poss", "amod", "compound", "nmod")]
    actors += _prep_objects(noun, {"by", "between", "among"})
    recipients = _prep_objects(noun, _RECIPIENT_PREPS)
    of_objects = _prep_objects(noun, {"of"})
    (actors if entry.category in _OF_IS_ACTOR else recipients).extend(of_objects)
    light = _light_verb(noun, lexicon)
    if light is not None:
        if noun.dep_ == "nsubjpass":
            light_actors = [p for a in _deps(light, "agent") for p in _deps(a, "pobj")]
        else:
            light_actors = _subject(light)
        actors = actors + light_actors
        if not recipients:
            recipients = _prep_objects(light, _RECIPIENT_PREPS)
    return _conjoined(actors), _conjoined(recipients), light


def _light_verb(noun: Token, lexicon: Lexicon) -> Token | None:
    """The light verb of "carried out strikes", "talks were held", "engaged in talks"."""
    head = noun.head
    if noun.dep_ == "pobj" and head.dep_ == "prep":
        head = head.head
    elif noun.dep_ not in ("dobj", "nsubjpass", "attr"):
        return None
    light = head.lemma_.lower() in lexicon.light_verbs or head.lower_ in lexicon.light_verbs
    return head if head.pos_ in ("VERB", "AUX") and light else None


def _relate(candidates: dict[int, _Candidate], lookup: dict[int, _Candidate]) -> None:
    """Merge, absorb, suppress or attribute events that govern one another (module doc)."""
    for candidate in sorted(candidates.values(), key=lambda c: -_depth(c.token)):
        outer, steps, path = _governor(candidate, lookup)
        if outer is None:
            continue
        if outer.entry.category == "PROTEST" and candidate.entry.category == "REQUEST":
            candidate.dropped = True  # demands voiced by demonstrating are PROTEST
            continue
        absorbed = candidate.entry.pos == "noun" and steps == 1 and path[0] in ("dobj", "nsubjpass")
        if outer.entry.category == candidate.entry.category and steps <= 2:
            _merge(outer, candidate)
        elif not all(_embeds(step) for step in path):
            if candidate.entry.symmetric and not candidate.actors:
                # "urged Y in a phone call": the call's parties are those of the request.
                candidate.actors = outer.actors + outer.recipients
        elif absorbed and outer.entry.category != "ACCUSE":
            _merge(outer, candidate, keep_category=True)
        elif outer.entry.category in _SUPPRESSING or _is_topic(candidate, path):
            _suppress(outer, candidate)
        elif outer.entry.category == "ACCUSE" and outer.actors:
            candidate.claimed_by = outer.actors[0]


def _governor(
    candidate: _Candidate, candidates: dict[int, _Candidate]
) -> tuple[_Candidate | None, int, list[str]]:
    """The nearest trigger governing this one, the steps to it, and the dependencies crossed."""
    node, path = candidate.token, []
    for step in range(1, _MAX_STEPS + 1):
        if node.dep_ not in _MERGE_DEPS or node.head.i == node.i:
            break
        if _dep(node) in ("nsubj", "advcl", "conj") and (step > 1 or candidate.has_subject):
            break
        path.append(f"prep:{node.lower_}" if node.dep_ == "prep" else _dep(node))
        node = node.head
        outer = candidates.get(node.i)
        if outer is not None and outer is not candidate and not outer.dropped:
            return outer, step, path
    return None, 0, path


def _is_topic(candidate: _Candidate, path: list[str]) -> bool:
    """An event noun that is what others talk about ("talks about a ceasefire")."""
    return candidate.entry.pos == "noun" and any(p in _TOPIC_STEPS for p in path)


def _suppress(outer: _Candidate, inner: _Candidate) -> None:
    """Drop an act that is only requested, threatened, promised or refused; its target is the
    outer event's target ("threatened to strike Israel") and, for a threat, its content the mode.
    """
    inner.dropped = True
    if not outer.recipients:
        outer.recipients = tuple(e for e in inner.recipients if e not in outer.actors)
    threat_mode = _THREAT_MODES.get(inner.entry.category)
    if outer.entry.category == "THREATEN" and threat_mode and not outer.mode:
        outer.mode = [threat_mode]


def _embeds(step: str) -> bool:
    """Whether a dependency step makes the inner event a complement ("urged Y *to* …").

    Circumstantial prepositions do not: "urged … *in* a phone call" leaves the call its own event.
    """
    dep, _, prep = step.partition(":")
    return dep in _EMBED_DEPS and prep not in _CIRCUMSTANCE_PREPS


def _merge(outer: _Candidate, inner: _Candidate, *, keep_category: bool = False) -> None:
    """Fold `inner` into `outer`: triggers, missing roles and modes."""
    outer.tokens |= inner.tokens
    if not outer.actors:
        outer.actors = inner.actors
    if not outer.recipients:
        outer.recipients = tuple(e for e in inner.recipients if e not in outer.actors)
    if not keep_category:
        outer.mode += [m for m in inner.mode if m not in outer.mode]
    inner.dropped = True


def _mention(doc: Doc, c: _Candidate) -> EventMention | None:
    entry = c.entry
    if entry.weak and not c.actors:
        return None
    claimed_by = c.claimed_by or claimant(doc, c.token.i)
    category, mode, modality = _recode(c, modality_of(doc, c.token.i), claimed_by)
    actors, recipients = c.actors, c.recipients
    if entry.symmetric:
        actors, recipients = actors + recipients, ()
    return EventMention(
        trigger=c.token.i,
        trigger_tokens=tuple(sorted(c.tokens)),
        category=category,
        actor=actors,
        recipient=recipients,
        mode=tuple(mode),
        context=entry.context,
        modality=modality,
        claimed_by=claimed_by,
        rule=entry.name,
        confidence=_confidence(c),
    )


def _recode(c: _Candidate, modality: str, claimed_by: Entity | None) -> tuple[str, list[str], str]:
    """Category, mode and modality after PLOVER's rules on who acts and when.

    A state "protesting" is ACCUSE; stopped cooperation is SANCTION; refused cooperation
    ("will not accept") is REJECT; cooperation in the future is AGREE and a future retreat
    CONCEDE; a conflict act that its own actor announces or plans for the future is a THREATEN.
    """
    category, mode = c.entry.category, list(c.mode)
    if c.entry.state_actor and any(e.sector in _STATE_SECTORS for e in c.actors):
        category, mode = c.entry.state_actor, []
    if category in _FUTURE_AS_AGREE and _discontinued(c.token):
        return "SANCTION", ["discontinue"], ASSERTED
    if modality == NEGATED and category in _COOPERATIVE and _plainly_negated(c.token):
        return "REJECT", [], ASSERTED
    if modality != FUTURE:
        return category, mode, modality
    if category in _FUTURE_AS_AGREE | {"RETREAT"}:
        return ("CONCEDE" if category == "RETREAT" else "AGREE"), [], ASSERTED
    if category in _THREAT_MODES and _announced_by_actor(c, claimed_by):
        return "THREATEN", [_THREAT_MODES[category]], ASSERTED
    return category, mode, (ASSERTED if category in ("AGREE", "THREATEN", "CONCEDE") else modality)


def _plainly_negated(token: Token) -> bool:
    """ "did not / will not / never accept": a refusal, unlike "denied accepting"."""
    return any(c.dep_ == "neg" for c in token.children)


def _announced_by_actor(c: _Candidate, claimed_by: Entity | None) -> bool:
    """The actor itself says or plans it ("said it would boycott", "plans to impose")."""
    if claimed_by is not None and c.actors and claimed_by.code == c.actors[0].code:
        return claimed_by.code != "UNK"
    node = c.token
    for _ in range(3):
        if _dep(node) not in ("xcomp", "acomp") or node.head.i == node.i:
            return False
        node = node.head
        if node.lemma_.lower() in _INTENT_WORDS:
            return True
    return False


def _discontinued(token: Token) -> bool:
    """Cooperation that stops ("will no longer facilitate", "stopped supplying"): a SANCTION."""
    if token.dep_ == "xcomp" and token.head.lemma_.lower() in _STOPPING_VERBS:
        return True
    return any(
        c.dep_ == "advmod"
        and (
            c.lower_ == "anymore"
            or (c.lower_ == "longer" and any(g.lower_ == "no" for g in c.children))
        )
        for c in token.children
    )


def _confidence(c: _Candidate) -> float:
    """Higher for verb triggers with both roles coded, lower for ambiguous words."""
    score = 0.4 + 0.15 * (c.entry.pos == "verb") + 0.2 * bool(c.actors) + 0.1 * bool(c.recipients)
    score -= 0.15 * c.entry.weak
    return round(min(max(score, 0.05), 0.95), 2)


def _entities(doc: Doc, tokens: list[Token]) -> tuple[Entity, ...]:
    """The coded actors at `tokens`, one per actor mention, in order."""
    seen: dict[tuple[int, int], Entity] = {}
    for token in tokens:
        mention = actor_at(doc, token.i)
        if mention is not None:
            seen.setdefault((mention.start, mention.end), mention.entity)
    return tuple(dict.fromkeys(seen.values()))


def _dep(token: Token) -> str:
    """The dependency label, with "to"-infinitive purpose clauses read as complements: the
    parser often makes "urged Y in a call *to release* Z" an advcl."""
    infinitive = any(c.dep_ == "aux" and c.lower_ == "to" for c in token.children)
    if token.dep_ == "advcl" and infinitive and not _deps(token, "nsubj"):
        return "xcomp"
    return token.dep_


def _deps(token: Token, dep: str) -> list[Token]:
    return [c for c in token.children if c.dep_ == dep]


def _prep_objects(token: Token, preps: frozenset[str] | set[str]) -> list[Token]:
    return [
        p
        for prep in token.children
        if prep.dep_ in ("prep", "agent") and prep.lower_ in preps
        for p in prep.children
        if p.dep_ == "pobj"
    ]


def _conjoined(tokens: list[Token]) -> list[Token]:
    """The tokens with the words coordinated with them ("Egypt and Qatar")."""
    out: list[Token] = []
    for token in tokens:
        out.extend(t for t in (token, *token.conjuncts) if t not in out)
    return out


def _depth(token: Token) -> int:
    depth = 0
    while token.head.i != token.i and depth < 50:
        token, depth = token.head, depth + 1
    return depth
