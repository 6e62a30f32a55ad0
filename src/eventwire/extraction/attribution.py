"""Attribution: who a statement, event or figure is attributed to.

`speech_verb` finds the reporting verb that governs a token — "X said (that) …",
"… , X said", "according to X", "X reported 40 deaths" — and `claimant` turns its
speaker into an `Entity`, through the actor mentions of `eventwire_actors` where the
speaker is one of them, else as a plain entity with code UNK. Reporting verbs are the
lemmas listed under `reporting_verbs` in `data/actor_titles.yaml`.
"""

from __future__ import annotations

from spacy.tokens import Doc, Token

from eventwire.extraction import lexicon
from eventwire.extraction.actor_lookup import actor_at, owned_tokens
from eventwire.extraction.doctables import doc_text, memo, sentence_of, sentences
from eventwire.extraction.mentions import ActorMention
from eventwire.records import Entity

#: How the path from a token may enter its reporting verb: the reported clause, not the speaker.
_CONTENT_DEPS = {"ccomp", "parataxis", "xcomp", "advcl", "conj", "dep"}
#: Verbs whose direct object is itself the claim ("reported 40 deaths").
_OBJECT_CLAIMS = {"report", "estimate", "confirm", "record", "count", "announce", "claim", "put"}
_PERSONAL = {"he", "she", "him", "her"}
_IMPERSONAL = {"it", "they", "them"}
_DETERMINERS = {"the", "a", "an"}
_PHRASE_POS = {"NOUN", "PROPN", "DET", "ADJ", "PART", "NUM"}


def _is_reporting(token: Token) -> bool:
    """A finite reporting verb; infinitives ("fair to say", "declined to say") report nothing."""
    if token.pos_ not in ("VERB", "AUX") or token.lemma_.lower() not in lexicon.reporting_verbs():
        return False
    return not any(c.dep_ == "aux" and c.lower_ == "to" for c in token.children)


def _according(head: Token, exclude: Token) -> Token | None:
    for child in head.children:
        if child.lower_ == "according" and not _dominates(child, exclude):
            return child
    return None


def _dominates(ancestor: Token, token: Token) -> bool:
    return ancestor.i == token.i or ancestor.is_ancestor(token)


def _inverted(head: Token, token: Token) -> Token | None:
    """A trailing "…, X said" that the parser hung below the main clause."""
    for child in head.children:
        if child.i <= token.i or child.dep_ not in _CONTENT_DEPS or not _is_reporting(child):
            continue
        has_speaker = any(c.dep_ in ("nsubj", "nsubjpass") for c in child.children)
        has_content = any(c.dep_ in ("ccomp", "dobj") for c in child.children)
        if has_speaker and not has_content:
            return child
    return None


def speech_verb(doc: Doc, token_i: int) -> int | None:
    """Index of the reporting verb (or "according") that governs token `token_i`, if any.

    The token itself is never its own reporting verb: for "said" in "X said Y said Z"
    the answer is the outer "said".
    """
    token = doc[token_i]
    child = token
    for head in [token, *token.ancestors]:
        marker = _according(head, token) or _inverted(head, token)
        if marker is not None:
            return marker.i
        if head is not token and _is_reporting(head) and _enters_as_content(child, head):
            return head.i
        child = head
    return _sentence_according(token)


def _enters_as_content(child: Token, verb: Token) -> bool:
    if child.dep_ in _CONTENT_DEPS:
        return True
    return child.dep_ == "dobj" and verb.lemma_.lower() in _OBJECT_CLAIMS


def _sentence_according(token: Token) -> int | None:
    """ "according to X" anywhere in the sentence, when it is not part of the token's phrase."""
    doc = token.doc
    sent = sentence_of(doc, token.i)
    # The doc's "according" tokens, found once: walking each sentence's tokens is slow.
    table = memo(doc, "according")
    if "at" not in table:
        has_word = "according" in doc_text(doc).lower()
        table["at"] = [t.i for t in doc if t.lower_ == "according"] if has_word else []
    found: list[int] = table["at"]
    for i in found:
        other = doc[i]
        if not sent.start <= i < sent.end or _dominates(other, token):
            continue
        if other.head.i == sent.root.i:
            return other.i
    return None


def speaker(doc: Doc, verb_i: int) -> Token | None:
    """The head token of who speaks through reporting verb `verb_i` (or "according to")."""
    verb = doc[verb_i]
    if verb.lower_ == "according":
        for prep in verb.children:
            objects = [c for c in prep.children if c.dep_ == "pobj"]
            if prep.lower_ == "to" and objects:
                return objects[0]
        return None
    for child in verb.children:
        if child.dep_ == "nsubj":
            return child
    for child in verb.children:
        if child.dep_ == "agent":
            return next((c for c in child.children if c.dep_ == "pobj"), None)
    if verb.dep_ in ("conj", "xcomp"):
        return speaker(doc, verb.head.i)  # "…, the ministry said and added"
    return _trailing_subject(doc, verb)


def _trailing_subject(doc: Doc, verb: Token) -> Token | None:
    """The noun phrase between a comma or quote and the verb: "…, Sudan's Ministry said."

    The small parser often hangs such a phrase on the reported clause instead of the verb.
    """
    i = verb.i - 1
    if i < 0 or doc[i].pos_ not in ("NOUN", "PROPN", "PRON"):
        return None
    start = i
    while start > 0 and doc[start - 1].pos_ in _PHRASE_POS:
        start -= 1
    opener = doc[start - 1] if start > 0 else None
    return doc[i] if opener is not None and opener.is_punct else None


def claimant(doc: Doc, token_i: int) -> Entity | None:
    """Who the clause containing token `token_i` is attributed to, or None if not reported."""
    verb_i = speech_verb(doc, token_i)
    if verb_i is None:
        return None
    who = speaker(doc, verb_i)
    if who is None:
        return None
    if who.lower_ in _PERSONAL | _IMPERSONAL:
        antecedent = _pronoun_antecedent(doc, who)
        return antecedent.entity if antecedent is not None else None
    return speaker_entity(doc, who)


def speaker_entity(doc: Doc, who: Token) -> Entity:
    """The speaker as an entity: the actor mention it names, else a plain UNK entity."""
    phrase = _phrase(doc, who)
    mention = actor_at(doc, who.i)
    if mention is None:
        return Entity(phrase, "UNK", "UNK", None)
    return Entity(
        phrase, mention.entity.code, mention.entity.sector, mention.entity.identifier_text
    )


def _phrase(doc: Doc, head: Token) -> str:
    owned = owned_tokens(head)
    start, end = min(owned), max(owned) + 1
    while start < end - 1 and doc[start].lower_ in _DETERMINERS:
        start += 1
    return doc[start:end].text


def _pronoun_antecedent(doc: Doc, pronoun: Token) -> ActorMention | None:
    """The latest actor before "he"/"she" (a person) or "it"/"they" (a body), in 3 sentences."""
    mentions: list[ActorMention] = doc._.actors or []
    personal = pronoun.lower_ in _PERSONAL
    sents = sentences(doc) if doc.has_annotation("SENT_START") else []
    floor = 0
    for k, sent in enumerate(sents):
        if sent.start <= pronoun.i < sent.end:
            floor = sents[max(0, k - 2)].start
    candidates = [
        m
        for m in reversed(mentions)
        if floor <= m.start and m.end <= pronoun.i and personal == _is_person(doc, m)
    ]
    # An earlier speaker is the likelier referent of "he said" than a victim named since.
    speakers = [m for m in candidates if _speaks(doc[m.start : m.end].root)]
    ranked = speakers or candidates
    return ranked[0] if ranked else None


def _speaks(token: Token) -> bool:
    return token.dep_ == "nsubj" and _is_reporting(token.head)


def _is_person(doc: Doc, mention: ActorMention) -> bool:
    if mention.kind in ("person", "title"):
        return True
    return mention.kind == "coref" and doc[mention.start].pos_ == "PROPN"
