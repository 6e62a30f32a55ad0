"""Who does what to whom: the actor and recipient of a trigger, read off the dependency parse.

A verb's actor is its subject (or the passive "by" agent, or the subject or object it inherits
from the clause above: "urged Y to withdraw"), its recipient the object or the object of a
recipient preposition. An event noun's actor is its possessor or modifier, its "by" object or
the subject of the light verb carrying it ("carried out strikes"). `coded_entities` turns the
tokens into coded actors with `actors.actor_at`.
"""

from __future__ import annotations

from spacy.tokens import Doc, Token

from eventwire.extraction.actors import actor_at
from eventwire.extraction.triggers import Lexicon, TriggerEntry
from eventwire.records import Entity

__all__ = ["coded_entities", "dep_label", "noun_roles", "verb_roles"]

# Prepositions whose object is the recipient of a verb or event noun ("fired on", "talks with").
_RECIPIENT_PREPS = frozenset(
    {"on", "against", "with", "to", "at", "into", "upon", "toward", "towards"}
)
# Event nouns whose "of" object is the doer ("the withdrawal of troops"), not the target.
_OF_IS_ACTOR = frozenset({"RETREAT", "MOBILIZE", "PROTEST", "CONSULT", "COOPERATE"})


def verb_roles(verb: Token) -> tuple[list[Token], list[Token]]:
    """Actor and recipient tokens of a verb trigger (active, passive, controlled clauses)."""
    if any(c.dep_ in ("nsubjpass", "auxpass") for c in verb.children):
        actors = _passive_agents(verb)
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
    if dep_label(verb) in ("xcomp", "pcomp"):
        # Object control ("urged Y to withdraw", "accused Y of shelling"), else the subject.
        return (
            _deps(head, "dobj") or _prep_objects(head, {"on", "upon"}) or _subject(head, depth + 1)
        )
    if verb.dep_ in ("conj", "advcl"):
        return _subject(head, depth + 1)
    return []


def noun_roles(
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
        passive = noun.dep_ == "nsubjpass"
        actors = actors + (_passive_agents(light) if passive else _subject(light))
        if not recipients:
            recipients = _prep_objects(light, _RECIPIENT_PREPS)
    return _conjoined(actors), _conjoined(recipients), light


def _passive_agents(verb: Token) -> list[Token]:
    """The doers named by a passive verb's "by" phrase ("was shelled *by* Russia")."""
    return [p for a in _deps(verb, "agent") for p in _deps(a, "pobj")]


def _light_verb(noun: Token, lexicon: Lexicon) -> Token | None:
    """The light verb of "carried out strikes", "talks were held", "engaged in talks"."""
    head = noun.head
    if noun.dep_ == "pobj" and head.dep_ == "prep":
        head = head.head
    elif noun.dep_ not in ("dobj", "nsubjpass", "attr"):
        return None
    light = head.lemma_.lower() in lexicon.light_verbs or head.lower_ in lexicon.light_verbs
    return head if head.pos_ in ("VERB", "AUX") and light else None


def coded_entities(doc: Doc, tokens: list[Token]) -> tuple[Entity, ...]:
    """The coded actors at `tokens`, one per actor mention, in order."""
    seen: dict[tuple[int, int], Entity] = {}
    for token in tokens:
        mention = actor_at(doc, token.i)
        if mention is not None:
            seen.setdefault((mention.start, mention.end), mention.entity)
    return tuple(dict.fromkeys(seen.values()))


def dep_label(token: Token) -> str:
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
