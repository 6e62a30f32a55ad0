"""Which actor a token stands for: the lookups every role of every event asks.

`actor_at` answers with the mention covering a token or the nearest one in its noun phrase,
localised to the article's places where the mention's code came only from the article's main
country; `actors_at` adds the mentions coordinated with it ("Philippine and U.S. troops").
"""

from __future__ import annotations

import spacy
from spacy.tokens import Doc

from eventwire.extraction import lexicon
from eventwire.extraction.coref import OWNING_PREPS, localised
from eventwire.extraction.doctables import memo
from eventwire.extraction.mentions import ActorMention

#: `doc.user_data` key: mentions coordinated with another ("Philippine and U.S. troops").
COACTORS = "eventwire.coactors"

#: Dependencies of modifiers that still belong to the actor: "the agency's head".
_OWNING_DEPS = {"compound", "amod", "poss", "nmod", "appos", "det", "case", "nummod", "flat"}


def actor_at(doc: Doc, token_i: int) -> ActorMention | None:
    """The actor mention covering token `token_i`, or the nearest one in its noun phrase.

    The noun phrase is the token's subtree without clauses, conjuncts and locative
    prepositions ("troops in Gaza" is not Gaza), so only modifiers that say whose the
    noun is are searched: compounds, possessives, appositions and "of"/"for"/"from".
    """
    found = memo(doc, "actor_at", depends=doc._.actors)  # asked for each role of each event
    if token_i not in found:
        found[token_i] = _nearest_actor(doc, token_i)
    best: ActorMention | None = found[token_i]
    return localised(doc, best) if best is not None else None


def _nearest_actor(doc: Doc, token_i: int) -> ActorMention | None:
    mentions: list[ActorMention] = doc._.actors or []
    best: ActorMention | None = next((m for m in mentions if m.start <= token_i < m.end), None)
    if best is None:
        owned = owned_tokens(doc[token_i])
        for mention in mentions:
            if not owned.intersection(range(mention.start, mention.end)):
                continue
            if best is None or _distance(mention, token_i) < _distance(best, token_i):
                best = mention
    return best


def actors_at(doc: Doc, token_i: int) -> list[ActorMention]:
    """`actor_at`, plus the mentions coordinated with it: for "troops" in "Philippine and
    U.S. troops" both the U.S. and the Philippine troops. A quantity ("Thousands of
    Philippine and U.S. troops") stands for the group it counts."""
    token = doc[token_i]
    if token.like_num or token.lower_ in lexicon.quantity_nouns():
        counted = [c.i for p in token.children if p.lower_ == "of" for c in p.children
                   if c.dep_ == "pobj"]  # fmt: skip
        token_i = counted[0] if counted else token_i
    best = actor_at(doc, token_i)
    if best is None:
        return []
    spans = set(doc.user_data.get(COACTORS, {}).get((best.start, best.end), ()))
    others = [m for m in doc._.actors or () if (m.start, m.end) in spans]
    return [best, *(localised(doc, m) for m in others)]


def owned_tokens(token: spacy.tokens.Token) -> set[int]:
    owned: set[int] = set()
    stack = [token]
    while stack:
        current = stack.pop()
        owned.add(current.i)
        for child in current.children:
            owning_prep = child.dep_ == "prep" and child.lower_ in OWNING_PREPS
            if child.dep_ in _OWNING_DEPS or child.dep_ == "pobj" or owning_prep:
                stack.append(child)
    return owned


def _distance(mention: ActorMention, token_i: int) -> int:
    return min(abs(mention.start - token_i), abs(mention.end - 1 - token_i))
