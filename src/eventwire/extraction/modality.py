"""Modality of an event trigger: asserted, future, hypothetical or negated.

PLOVER's auxiliary modes made explicit. The rule reads the dependency parse around the
trigger: its own auxiliaries, negation and subordinators, then those of the words that
govern it through a complement ("plans to attack", "denied carrying out", "retaliation is
expected", "if Iran were to strike"). `historical` is not decided here: it needs the event
date, which the record assembler has.

Categories that already imply the future (AGREE, THREATEN) are re-set to asserted by the
events component, not here: this function only describes the grammar.
"""

from __future__ import annotations

from spacy.tokens import Doc, Token

from eventwire.extraction.lexicon import word_list

ASSERTED, FUTURE, HYPOTHETICAL, NEGATED = "asserted", "future", "hypothetical", "negated"

_TIME_WORDS = "time_words.yaml"
# The future auxiliaries are the ones the dates component reads tense from.
_FUTURE_AUX = word_list("future_auxiliaries", source=_TIME_WORDS)
_CONDITIONAL_MARKS = frozenset({"if", "unless", "whether"})
_NEGATIVE_DETS = frozenset({"no", "neither"})
# Words that, governing the trigger, put it in the future ("plans to", "is set to", "vowed to",
# "is going to"), make it hypothetical ("expected", "feared", "possible") or deny it; why the
# future list differs from the dates component's is said in time_words.yaml.
_FUTURE_GOVERNORS = word_list("modality_future_governors", source=_TIME_WORDS)
_HYPOTHETICAL_GOVERNORS = word_list("modality_hypothetical_governors", source=_TIME_WORDS)
_NEGATIVE_GOVERNORS = word_list("modality_negative_governors", source=_TIME_WORDS)
_FUTURE_MODIFIERS = word_list("future_modifiers", source=_TIME_WORDS)
_HYPOTHETICAL_MODIFIERS = word_list("hypothetical_modifiers", source=_TIME_WORDS)
_REPORTING = word_list("future_of_past_verbs")
# Dependencies through which a governing word's meaning reaches the trigger.
_COMPLEMENT_DEPS = frozenset(
    {"xcomp", "ccomp", "pcomp", "dobj", "nsubjpass", "pobj", "prep", "acomp", "attr"}
)
_MAX_STEPS = 4


def modality_of(doc: Doc, trigger: int) -> str:
    """The modality of the event whose trigger head is token `trigger` of `doc`.

    Negation wins over hypothesis, which wins over future ("would not attack" is negated,
    "could attack next week" hypothetical).
    """
    found: set[str] = set()
    token = doc[trigger]
    for step, node in enumerate(_governing_chain(token)):
        found |= _own_markers(node)
        if step > 0:
            found |= _governor_markers(node)
    for verdict in (NEGATED, HYPOTHETICAL, FUTURE):
        if verdict in found:
            return verdict
    return ASSERTED


def _governing_chain(token: Token) -> list[Token]:
    """The trigger, then the words governing it through complements, nearest first."""
    chain = [token]
    node = token
    for _ in range(_MAX_STEPS):
        if node.dep_ not in _COMPLEMENT_DEPS or node.head.i == node.i:
            break
        node = node.head
        chain.append(node)
    return chain


def _own_markers(node: Token) -> set[str]:
    """Modal auxiliaries, negation, "if" and modal adjectives attached to `node` itself."""
    found: set[str] = set()
    for child in node.children:
        lower = child.lower_
        if child.dep_ == "neg" or (child.dep_ == "det" and lower in _NEGATIVE_DETS):
            found.add(NEGATED)
        elif child.dep_ in ("aux", "auxpass") and child.tag_ == "MD":
            found.add(_modal(child, node))
        elif child.dep_ == "mark" and lower in _CONDITIONAL_MARKS:
            found.add(HYPOTHETICAL)
        elif child.dep_ in ("amod", "compound") and lower in _FUTURE_MODIFIERS:
            found.add(FUTURE)
        elif child.dep_ in ("amod", "compound") and lower in _HYPOTHETICAL_MODIFIERS:
            found.add(HYPOTHETICAL)
    return found


def _modal(aux: Token, node: Token) -> str:
    """Future for "will"/"shall", and for "would" reported after a past speech verb ("said it
    would withdraw": the future of the past); hypothetical for the other modals."""
    lower = aux.lower_
    if lower in _FUTURE_AUX or aux.lemma_ == "will":
        return FUTURE
    if lower in ("would", "'d") and node.dep_ == "ccomp" and node.head.lemma_ in _REPORTING:
        return FUTURE
    return HYPOTHETICAL


def _governor_markers(node: Token) -> set[str]:
    """What a governing word itself says about its complement ("denied", "plans", "feared")."""
    lemma = node.lemma_.lower()
    if lemma in _NEGATIVE_GOVERNORS:
        return {NEGATED}
    if lemma in _HYPOTHETICAL_GOVERNORS:
        return {HYPOTHETICAL}
    if lemma in _FUTURE_GOVERNORS and (
        lemma not in ("set", "go") or _is_progressive_or_passive(node)
    ):
        return {FUTURE}
    return set()


def _is_progressive_or_passive(node: Token) -> bool:
    """ "is going to" / "is set to": the governor has a form of "be" as auxiliary."""
    return any(c.dep_ in ("aux", "auxpass") and c.lemma_ == "be" for c in node.children)
