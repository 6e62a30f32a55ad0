"""The `eventwire_events` component: PLOVER events from trigger words on the dependency parse.

Triggers come from `data/triggers.yaml` (verbs, nouns, light-verb constructions), found by
`triggers.find_triggers`. For each trigger the parse gives the actor (subject, passive "by"
agent, possessor or modifier of an event noun, subject of the light verb) and the recipient
(object, "on/against/with/to/at" object), read by `roles`, which codes those tokens as
entities. Events then meet each other in the parse (`event_relations.relate`: an act only
requested or threatened is not coded, two triggers of one act merge, an accusation claims
the act it reports).

Besides the lexicon, "X said Y must V" is a REQUEST from X to Y (`_must_requests`).

Modality comes from `modality.modality_of`; cooperative acts in the future become AGREE and a
future retreat CONCEDE, as PLOVER codes them. The empty sector of a bare state is filled in
once the category is final (`role_entities.state_sectors`: MIL in ASSAULT/MOBILIZE, else GOV).
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc, Token

from eventwire.extraction.attribution import claimant
from eventwire.extraction.doctables import sentence_of
from eventwire.extraction.event_relations import THREAT_MODES, Candidate, refer_back, relate
from eventwire.extraction.lexicon import word_list
from eventwire.extraction.mentions import EventMention
from eventwire.extraction.modality import ASSERTED, FUTURE, NEGATED, modality_of
from eventwire.extraction.role_entities import (
    coded_entities,
    located_recipients,
    place_recipients,
    state_sectors,
    unidentified_attackers,
)
from eventwire.extraction.roles import (
    deep_recipients,
    dep_label,
    noun_roles,
    owners_of,
    speaker_of,
    verb_roles,
)
from eventwire.extraction.triggers import Lexicon, TriggerEntry, find_triggers, load_lexicon
from eventwire.records import Entity

# The trigger lexicon's public names stay importable from here.
__all__ = [
    "Lexicon",
    "TriggerEntry",
    "events_component",
    "find_events",
    "find_triggers",
    "load_lexicon",
]

_FUTURE_AS_AGREE = frozenset({"CONSULT", "SUPPORT", "COOPERATE", "AID"})
_STATE_SECTORS = frozenset({"GOV", "MIL", "COP", "JUD", "LEG", "SPY", ""})
# Categories whose non-actor objects can be civilian targets ("bombed a school").
_HARMING = frozenset({"ASSAULT", "COERCE"})
_JOINT_WORDS = frozenset(
    {"joint", "combined", "bilateral", "trilateral", "multinational", "two", "both", "allied"}
)
_OBLIGATION = frozenset({"must", "should"})
_REQUEST_ENTRY = TriggerEntry(category="REQUEST", pos="verb", words=("must",))
_NON_EVENT_ENTS = frozenset(
    {"ORG", "PERSON", "WORK_OF_ART", "FAC", "PRODUCT", "LAW", "NORP", "GPE"}
)
_COOPERATIVE = frozenset({"AGREE", "SUPPORT", "COOPERATE", "AID", "CONCEDE", "RETREAT"})
# Governors by which the actor announces its own act (time_words.yaml `intent_governors`).
_INTENT_WORDS = word_list("intent_governors", source="time_words.yaml")
# Categories of words (quads 1 and 3), whose recipient may sit deeper in the clause.
_VERBAL = frozenset(
    {"AGREE", "CONSULT", "SUPPORT", "CONCEDE", "REQUEST", "ACCUSE", "REJECT", "THREATEN"}
)
_NOMINAL = frozenset({"NOUN", "PROPN", "PRON"})
_MODIFIERS = frozenset({"compound", "amod", "nmod"})
# Nouns that an event noun can name as a compound: "a mediation effort", "a bombing campaign".
_EFFORT_NOUNS = frozenset(
    {"effort", "campaign", "bid", "drive", "operation", "initiative", "mission", "spree"}
)
# A future act on this condition is a threat ("will withdraw its force unless ...").
_CONDITIONS = frozenset({"unless"})
_STOPPING_VERBS = frozenset({"stop", "cease", "end", "halt", "suspend", "quit", "discontinue"})


@Language.component("eventwire_events", requires=["doc._.actors"], assigns=["doc._.events"])
def events_component(doc: Doc) -> Doc:
    """Set `doc._.events` to the events found in `doc` (see `find_events`)."""
    doc._.events = find_events(doc)
    return doc


def find_events(doc: Doc, *, lexicon: Lexicon | None = None) -> list[EventMention]:
    """Every event mention in `doc`, in text order; reads `doc._.actors`."""
    lexicon = lexicon or load_lexicon()
    candidates: dict[int, Candidate] = {}
    for token, entry, tokens in find_triggers(doc, lexicon=lexicon):
        candidate = _candidate(doc, token, entry, tokens, lexicon)
        if candidate is not None:
            candidates[token.i] = candidate
    for candidate in _must_requests(doc):
        candidates.setdefault(candidate.token.i, candidate)
    # A light verb stands for its event noun when another trigger hangs below it.
    lookup = {i: c for c in candidates.values() for i in c.tokens if i != c.token.i}
    lookup.update(candidates)
    relate(candidates, lookup)
    refer_back(candidates)
    mentions = [_mention(doc, c) for c in candidates.values() if not c.dropped]
    return sorted((m for m in mentions if m is not None), key=lambda m: m.trigger)


def _candidate(
    doc: Doc, token: Token, entry: TriggerEntry, tokens: set[int], lexicon: Lexicon
) -> Candidate | None:
    """An event for one trigger with its coded roles, or None for a non-event use."""
    if entry.pos == "noun" and not _is_event_noun(token):
        return None
    if entry.pos == "verb":
        actor_tokens, recipient_tokens = verb_roles(token, category=entry.category)
        if entry.weapon_obj:  # "fired *rockets* at X": the weapon is no target
            recipient_tokens = [t for t in recipient_tokens if t.lemma_.lower() not in entry.obj]
        light = None
        has_subject = any(c.dep_ in ("nsubj", "nsubjpass") for c in token.children)
    else:
        actor_tokens, recipient_tokens, light = noun_roles(token, entry, lexicon)
        has_subject = False
        if light is not None:
            tokens.add(light.i)
            tokens.update(c.i for c in light.children if c.dep_ == "prt")
    actors = coded_entities(doc, actor_tokens)
    if not actors and any(t.lemma_.lower() in lexicon.non_agents for t in actor_tokens):
        return None
    recipients = coded_entities(doc, recipient_tokens)
    if not recipients and entry.pos == "verb" and entry.category in _VERBAL:
        recipients = coded_entities(doc, deep_recipients(token))
    if not recipients and entry.category == "PROTEST":  # "… against violations by X": X
        recipients = coded_entities(doc, owners_of(recipient_tokens + actor_tokens))
    # Not for acts that a crowd recodes to PROTEST: shops looted in a riot are no recipient.
    harming = entry.category in _HARMING and not entry.crowd_actor
    targets = lexicon.civilian_targets if harming else frozenset()
    recipients += place_recipients(
        doc, recipient_tokens, category=entry.category, civilian_targets=targets
    )
    if not recipients:
        recipients = located_recipients(doc, token, category=entry.category, light=light)
    recipients = tuple(e for e in dict.fromkeys(recipients) if e not in actors)
    # Modifiers ("a *beach* landing") say what kind of act, not who did it; a subject the
    # entry names ("*shells* struck the market") is the weapon, not the doer.
    doers = [t for t in actor_tokens if t.pos_ in _NOMINAL and t.dep_ not in _MODIFIERS]
    if entry.subj:
        doers = [t for t in doers if t.lemma_.lower() not in entry.subj]
    if not actors and not recipients and _done_by_non_actor(doc, doers):
        return None
    return Candidate(token, entry, tokens, actors, recipients, has_subject, list(entry.mode))


def _done_by_non_actor(doc: Doc, doers: list[Token]) -> bool:
    """An act whose doer is named but is no political actor ("the cyclist attacked", "the band
    released an album", "their attack looked sharp" with no actor around): not an event.
    A pronoun counts only when its sentence names no actor it could stand for."""
    for doer in doers:
        if doer.pos_ != "PRON":
            return True
        sent = sentence_of(doc, doer.i)
        if not any(sent.start <= m.start < sent.end for m in doc._.actors or ()):
            return True
    return False


def _must_requests(doc: Doc) -> list[Candidate]:
    """ "X said Y must V": a REQUEST by the speaker X to Y, at the speech verb."""
    found = []
    for token in doc:
        if token.dep_ != "ccomp" or not any(
            c.dep_ == "aux" and c.lower_ in _OBLIGATION for c in token.children
        ):
            continue
        speaker = coded_entities(doc, speaker_of(token))
        subjects = [c for c in token.children if c.dep_ == "nsubj"]
        addressee = tuple(e for e in coded_entities(doc, subjects) if e not in speaker)
        if speaker and addressee:
            tokens = {token.head.i} | {c.i for c in token.children if c.lower_ in _OBLIGATION}
            found.append(Candidate(token.head, _REQUEST_ENTRY, tokens, speaker, addressee, True))
    return found


def _is_event_noun(token: Token) -> bool:
    """False for a trigger noun used as a modifier ("attack helicopter", "peace talks expert")."""
    if token.dep_ in ("compound", "amod", "nmod") and token.head.pos_ in ("NOUN", "PROPN"):
        return token.head.lemma_.lower() in _EFFORT_NOUNS
    return token.ent_type_ not in _NON_EVENT_ENTS


def _mention(doc: Doc, c: Candidate) -> EventMention | None:
    entry = c.entry
    if entry.weak and not c.actors:
        return None
    modality = modality_of(doc, c.token.i)
    if entry.future_only and modality != FUTURE:
        return None
    claimed_by = c.claimed_by or claimant(doc, c.token.i)
    category, mode, modality = _recode(c, modality, claimed_by)
    actors = _distinct(state_sectors(c.actors, category=category))
    if not actors and category == "ASSAULT" and not entry.symmetric:
        actors = unidentified_attackers(doc, c.token)
    recipients = _distinct(state_sectors(c.recipients, category=category, recipient=True))
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


def _recode(c: Candidate, modality: str, claimed_by: Entity | None) -> tuple[str, list[str], str]:
    """Category, mode and modality after PLOVER's rules on who acts and when.

    A state "protesting" is ACCUSE; stopped cooperation is SANCTION; refused cooperation
    ("will not accept") is REJECT; cooperation in the future is AGREE and a future retreat
    CONCEDE; a conflict act that its own actor announces or plans for the future is a THREATEN.
    """
    category, mode = c.category or c.entry.category, list(c.mode)
    if c.entry.state_actor and any(e.sector in _STATE_SECTORS for e in c.actors):
        category, mode = c.entry.state_actor, []
    if c.entry.crowd_actor and c.actors and all(e.sector == "CVL" for e in c.actors):
        category, mode = c.entry.crowd_actor[0], list(c.entry.crowd_actor[1:])
    if c.entry.joint_as and _joint(c):
        category = c.entry.joint_as
    if category in _FUTURE_AS_AGREE and _discontinued(c.token):
        return "SANCTION", ["discontinue"], ASSERTED
    if modality == NEGATED and category in _COOPERATIVE and _plainly_negated(c.token):
        return "REJECT", [], ASSERTED
    if modality != FUTURE:
        return category, mode, modality
    if _conditional(c.token) and category not in ("AGREE", "THREATEN", "REQUEST"):
        return "THREATEN", [THREAT_MODES.get(category, "relations")], ASSERTED
    if category in _FUTURE_AS_AGREE | {"RETREAT"}:
        return ("CONCEDE" if category == "RETREAT" else "AGREE"), [], ASSERTED
    if category in THREAT_MODES and _announced_by_actor(c, claimed_by):
        return "THREATEN", [THREAT_MODES[category]], ASSERTED
    return category, mode, (ASSERTED if category in ("AGREE", "THREATEN", "CONCEDE") else modality)


def _distinct(entities: tuple[Entity, ...]) -> tuple[Entity, ...]:
    """One entity per (code, sector): two mentions of one party are one party."""
    seen: dict[tuple[str, str], Entity] = {}
    for entity in entities:
        seen.setdefault((entity.code, entity.sector), entity)
    return tuple(seen.values())


def _joint(c: Candidate) -> bool:
    """A joint act: a "joint"-like modifier on the trigger or its doers ("the two armies"),
    or doers from two or more countries."""
    codes = {e.code for e in c.actors} - {"UNK"}
    if len(codes) > 1:
        return True
    subjects = [c.token] + [t for t in c.token.head.children if t.dep_ == "nsubj"]
    return any(m.lower_ in _JOINT_WORDS for s in subjects for m in s.children)


def _conditional(token: Token) -> bool:
    """A future act tied to an "unless" condition: a threat, whatever the act."""
    return any(
        c.dep_ == "advcl" and any(m.dep_ == "mark" and m.lower_ in _CONDITIONS for m in c.children)
        for c in token.children
    )


def _plainly_negated(token: Token) -> bool:
    """ "did not / will not / never accept": a refusal, unlike "denied accepting"."""
    return any(c.dep_ == "neg" for c in token.children)


def _announced_by_actor(c: Candidate, claimed_by: Entity | None) -> bool:
    """The actor itself says or plans it ("said it would boycott", "plans to impose")."""
    if claimed_by is not None and c.actors and claimed_by.code == c.actors[0].code:
        return claimed_by.code != "UNK"
    node = c.token
    for _ in range(3):
        if dep_label(node) not in ("xcomp", "acomp") or node.head.i == node.i:
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


def _confidence(c: Candidate) -> float:
    """Higher for verb triggers with both roles coded, lower for ambiguous words."""
    score = 0.4 + 0.15 * (c.entry.pos == "verb") + 0.2 * bool(c.actors) + 0.1 * bool(c.recipients)
    score -= 0.15 * c.entry.weak
    return round(min(max(score, 0.05), 0.95), 2)
