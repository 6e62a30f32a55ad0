"""How the events of one sentence meet in the parse: which one codes, which ones merge.

`relate` walks the triggers from the deepest up; for each, the nearest trigger governing it
(within a few dependency steps) decides:

- an act inside a request, threat, promise or refusal ("urged Y to withdraw", "threatened
  to strike") is not coded itself: the outer event is the coding (PLOVER), and the inner
  act's target becomes its recipient, its category the threat's mode;
- a promise ("vowed that forces would hunt down …") of a conflict act is a THREATEN;
- an act inside an accusation ("accused Y of shelling Z") is coded, claimed by the accuser;
- two triggers of one category tied in the parse ("killed in an airstrike") are one event;
- an event noun that is the object of a trigger verb ("imposed sanctions") joins that verb;
- demands voiced by demonstrating are the PROTEST, aimed at whom they are made of.

`refer_back` then looks across sentences: an act named again by a definite noun ("Ukraine
condemned *the shelling*", "*the attack* came a week after ...", after a sentence reporting
it) is that earlier act, not a new one: it is not coded again, and a reaction naming it is
aimed at the earlier act's doers. What the reaction calls it ("condemned the shelling *as a
deliberate attack*") is no act of its own either. "The latest attack", "the second strike"
are new acts.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from spacy.tokens import Token

from eventwire.acts import acts, stem
from eventwire.extraction.lexicon import word_list
from eventwire.extraction.roles import prep_objects
from eventwire.extraction.triggers import TriggerEntry, dep_label
from eventwire.records import QUAD_CODES, Entity

# The inner act is not coded: it is requested, threatened, promised or refused, not done.
_SUPPRESSING = frozenset({"REQUEST", "THREATEN", "AGREE", "REJECT"})
# A promise of one of these acts is a threat ("vowed to hunt down", "pledged to punish").
_PROMISES = frozenset({"vow", "pledge", "promise", "swear"})
_PROMISED_HARM = frozenset({"ASSAULT", "COERCE", "SANCTION"})
# Dependencies through which one trigger is the complement of another.
_EMBED_DEPS = frozenset({"xcomp", "ccomp", "pcomp", "dobj", "nsubjpass", "pobj", "prep", "acl"})
_MERGE_DEPS = _EMBED_DEPS | {"nsubj", "advcl", "conj"}
_CIRCUMSTANCE_PREPS = frozenset(
    {"in", "during", "after", "before", "since", "amid", "despite", "by", "at"}
)
_TOPIC_STEPS = frozenset(
    {"prep:about", "prep:over", "prep:regarding", "prep:concerning", "prep:on"}
)
#: What a threat threatens, as PLOVER's THREATEN mode.
THREAT_MODES = {
    "ASSAULT": "violence",
    "COERCE": "restrict",
    "SANCTION": "relations",
    "PROTEST": "relations",
    "MOBILIZE": "violence",
}
_MAX_STEPS = 4
#: Determiners that name a thing already known ("the shelling", "this attack").
_DEFINITE = frozenset({"the", "this", "that", "these", "those"})
#: Prepositions through which a reaction names its object ("blamed X *for* the attack").
_REACTION_PREPS = frozenset({"for", "over", "as"})
_GENERIC_ACTS = word_list("generic_acts", source="triggers.yaml")
_NEW_ACT_WORDS = word_list("new_act_words", source="triggers.yaml")
_ASPECT_VERBS = word_list("aspect_verbs", source="triggers.yaml")
_TARGET_PREPS = frozenset({"on", "against", "in", "at", "near"})


@dataclass(slots=True)
class Candidate:
    """One trigger's event while events are related: roles, and what relations changed."""

    token: Token
    entry: TriggerEntry
    tokens: set[int]
    actors: tuple[Entity, ...]
    recipients: tuple[Entity, ...]
    has_subject: bool
    mode: list[str] = field(default_factory=list)
    claimed_by: Entity | None = None
    dropped: bool = False
    category: str = ""  # set when the event's relations recode it (a promised attack)


def relate(candidates: dict[int, Candidate], lookup: dict[int, Candidate]) -> None:
    """Merge, absorb, suppress or attribute events that govern one another (module doc)."""
    for candidate in sorted(candidates.values(), key=lambda c: -_depth(c.token)):
        outer, steps, path = _governor(candidate, lookup)
        if outer is None:
            continue
        if outer.entry.category == "PROTEST" and candidate.entry.category == "REQUEST":
            candidate.dropped = True  # demands voiced by demonstrating are PROTEST
            if not outer.recipients:  # ... and whom they are made of is whom it targets
                outer.recipients = tuple(e for e in candidate.recipients if e not in outer.actors)
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
    candidate: Candidate, candidates: dict[int, Candidate]
) -> tuple[Candidate | None, int, list[str]]:
    """The nearest trigger governing this one, the steps to it, and the dependencies crossed."""
    node, path = candidate.token, []
    for step in range(1, _MAX_STEPS + 1):
        if node.dep_ not in _MERGE_DEPS or node.head.i == node.i:
            break
        if dep_label(node) in ("nsubj", "advcl", "conj") and (step > 1 or candidate.has_subject):
            break
        path.append(f"prep:{node.lower_}" if node.dep_ == "prep" else dep_label(node))
        node = node.head
        outer = candidates.get(node.i)
        if outer is not None and outer is not candidate and not outer.dropped:
            return outer, step, path
    return None, 0, path


def _is_topic(candidate: Candidate, path: list[str]) -> bool:
    """An event noun that is what others talk about ("talks about a ceasefire")."""
    return candidate.entry.pos == "noun" and any(p in _TOPIC_STEPS for p in path)


def _suppress(outer: Candidate, inner: Candidate) -> None:
    """Drop an act that is only requested, threatened, promised or refused; its target is the
    outer event's target ("threatened to strike Israel") and, for a threat, its content the mode.
    """
    inner.dropped = True
    if not outer.recipients:
        outer.recipients = tuple(e for e in inner.recipients if e not in outer.actors)
    threat_mode = THREAT_MODES.get(inner.entry.category)
    promise = outer.entry.category == "AGREE" and outer.token.lemma_.lower() in _PROMISES
    if promise and inner.entry.category in _PROMISED_HARM:
        outer.category, outer.mode = "THREATEN", []  # a vowed attack threatens
    if (outer.category or outer.entry.category) == "THREATEN" and threat_mode and not outer.mode:
        outer.mode = [threat_mode]


def _embeds(step: str) -> bool:
    """Whether a dependency step makes the inner event a complement ("urged Y *to* …").

    Circumstantial prepositions do not: "urged … *in* a phone call" leaves the call its own event.
    """
    dep, _, prep = step.partition(":")
    return dep in _EMBED_DEPS and prep not in _CIRCUMSTANCE_PREPS


def _merge(outer: Candidate, inner: Candidate, *, keep_category: bool = False) -> None:
    """Fold `inner` into `outer`: triggers, missing roles and modes.

    With `keep_category` the inner event is the object of the outer act ("demanded the
    resignation of the president"): its doer is whom the act is aimed at, not who does it.
    """
    outer.tokens |= inner.tokens
    if not outer.actors and not keep_category:
        outer.actors = inner.actors
    if not outer.recipients:
        aimed_at = inner.recipients or (inner.actors if keep_category else ())
        outer.recipients = tuple(e for e in aimed_at if e not in outer.actors)
    if not keep_category:
        outer.mode += [m for m in inner.mode if m not in outer.mode]
    inner.dropped = True


def _depth(token: Token) -> int:
    depth = 0
    while token.head.i != token.i and depth < 50:
        token, depth = token.head, depth + 1
    return depth


def refer_back(candidates: dict[int, Candidate]) -> None:
    """Drop the acts a verbal reaction names again, and aim the reaction at the earlier
    act's doers (module doc); also when the object the reaction names is no trigger here
    ("condemned the drills", after "China launched drills")."""
    in_order = sorted(candidates.values(), key=lambda c: c.token.i)
    # by every trigger token: a reaction merged into another ("condemned ... and blamed")
    # is found through the event it joined
    coded = {i: c for c in in_order if not c.dropped for i in c.tokens}
    words: dict[int, set[str]] = {}  # each candidate's act words, filled as asked
    for candidate in in_order:
        if candidate.dropped or candidate.entry.pos != "noun":
            continue
        token, outer = candidate.token, _reaction_to(candidate, coded)
        if outer is not None and token.dep_ == "pobj" and token.head.lower_ == "as":
            candidate.dropped = True  # what the reaction calls its object
            continue
        if outer is None and (_marked_new(token) or _asserted_anew(candidate)):
            continue  # "the latest attack"; "farmers began the blockade on Jan. 18"
        # outside a reaction, "the attack *on* X" may be another attack: only its own word
        generic_ok = outer is not None or not prep_objects(token, _TARGET_PREPS)
        category = candidate.category or candidate.entry.category
        earlier = _antecedent(token, in_order, words, category=category, generic_ok=generic_ok)
        if earlier is not None:
            candidate.dropped = True
            if outer is not None:
                _aim(outer, earlier)
    for outer in in_order:
        if outer.dropped or outer.recipients or not _verbal(outer):
            continue
        for noun in _reaction_objects(outer.token):
            earlier = None if noun.i in coded else _antecedent(noun, in_order, words, category=None)
            if earlier is not None:
                _aim(outer, earlier)
                break


def _aim(outer: Candidate, earlier: Candidate) -> None:
    if not outer.recipients:
        outer.recipients = tuple(a for a in earlier.actors if a not in outer.actors)


def _verbal(candidate: Candidate) -> bool:
    return QUAD_CODES[candidate.category or candidate.entry.category] in (1, 3)


def _reaction_objects(verb: Token) -> list[Token]:
    """The nouns a reaction names as its object: its direct object, and the object of its
    "for/over" ("blamed Congo *for the fighting*")."""
    dobj = [c for c in verb.children if c.dep_ == "dobj"]
    return dobj + prep_objects(verb, _REACTION_PREPS - {"as"})


def _reaction_to(candidate: Candidate, coded: dict[int, Candidate]) -> Candidate | None:
    """The verbal event (quad 1 or 3) whose object, or whose "for/over/as" object, the
    event noun is."""
    token = candidate.token
    if token.dep_ == "dobj":
        verb = token.head
    elif token.dep_ == "pobj" and token.head.lower_ in _REACTION_PREPS:
        verb = token.head.head
    else:
        return None
    outer = coded.get(verb.i)
    if outer is None or outer is candidate or outer.dropped:
        return None
    return outer if _verbal(outer) else None


def _asserted_anew(candidate: Candidate) -> bool:
    """An act named again with something new of its own: a verb that carries it ("began the
    blockade on Jan. 18") or that says it starts or goes on ("the protests began last week")."""
    token = candidate.token
    carried = len(candidate.tokens - {token.i} - {c.i for c in token.children}) > 0
    return carried or (token.dep_ == "nsubj" and token.head.lemma_.lower() in _ASPECT_VERBS)


def _marked_new(noun: Token) -> bool:
    return any(c.lower_ in _NEW_ACT_WORDS for c in noun.children if c.dep_ != "prep")


def _antecedent(
    noun: Token,
    in_order: list[Candidate],
    words: dict[int, set[str]],
    *,
    category: str | None,
    generic_ok: bool = True,
) -> Candidate | None:
    """The act a definite noun names again: the latest one reported in an earlier sentence
    (of `category` when given) named by a word of the same act ("shelling" after "shelled"
    or "struck"), or, for a generic noun ("the attack", "the decision"), the latest of its
    category (with no category given: the latest material act); the latest of those that
    names a doer, if any does. `words` caches each candidate's act words."""
    if not any(c.dep_ == "det" and c.lower_ in _DEFINITE for c in noun.children):
        return None
    generic = generic_ok and (noun.lower_ in _GENERIC_ACTS or noun.lemma_.lower() in _GENERIC_ACTS)
    own = _act_words(noun)
    found: list[Candidate] = []
    for c in reversed(in_order):
        kind = c.category or c.entry.category
        if c.token.i >= noun.sent.start or c.dropped or (category and kind != category):
            continue
        any_of_kind = generic and (category or QUAD_CODES[kind] in (2, 4))
        if any_of_kind or own & _candidate_words(c, words):
            found.append(c)
    # the latest report that names who did it ("Shells struck ..." names nobody)
    return next((c for c in found if c.actors), found[0] if found else None)


def _candidate_words(candidate: Candidate, words: dict[int, set[str]]) -> set[str]:
    key = id(candidate)
    if key not in words:
        doc = candidate.token.doc
        words[key] = set().union(*(_act_words(doc[i]) for i in candidate.tokens))
    return words[key]


def _act_words(token: Token) -> set[str]:
    """The stems of a word and the act groups it names (`eventwire.acts`): "shelling" meets
    "shelled" by its stem and "struck" by its group."""
    forms = {token.lower_, token.lemma_.lower()}
    stems = {stem(f) for f in forms}
    table = acts()
    return stems | {f"act:{g}" for f in forms | stems for g in table.get(f, ())}
