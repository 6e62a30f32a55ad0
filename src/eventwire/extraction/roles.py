"""Who does what to whom: the actor and recipient of a trigger, read off the dependency parse.

A verb's actor is its subject (or the passive "by" agent, or the subject or object it inherits
from the clause above: "urged Y to withdraw"), its recipient the object or the object of a
recipient preposition. An event noun's actor is its possessor or modifier, its "by" object or
the subject of the light verb carrying it ("carried out strikes"); "their" on it stands for the
subject of the verb it hangs on ("the troops completed *their* withdrawal"), and after a
gathering verb's "for" the doers are those who came ("thousands gathered *for a rally*").
The tokens become coded actors in `eventwire.extraction.role_entities`, which also gives the
recipients that are places and the doer of an attack the text does not name.
"""

from __future__ import annotations

from spacy.tokens import Token

from eventwire.extraction.actor_lookup import actor_at
from eventwire.extraction.lexicon import word_list
from eventwire.extraction.triggers import Lexicon, TriggerEntry, dep_label

__all__ = [
    "deep_recipients",
    "dep_label",
    "deps",
    "noun_roles",
    "owners_of",
    "prep_objects",
    "speaker_of",
    "verb_roles",
]

# Prepositions whose object is the recipient of a verb or event noun ("fired on", "talks with").
_RECIPIENT_PREPS = frozenset(
    {"on", "against", "with", "to", "at", "into", "upon", "toward", "towards", "around"}
)
# Prepositions on a verb's object whose object is the recipient: "cut ties *with* X", "imposed
# tariffs *on* X", "ordered diplomats *from* X to leave", "lodged a complaint *against* X".
_OBJECT_RECIPIENT_PREPS = frozenset({"with", "between", "from", "on", "against"})
# Categories whose direct object is the thing moved ("deployed troops"), not a recipient.
_OBJECT_IS_MOVED = frozenset({"MOBILIZE"})
# Event nouns whose "of" object is the doer ("the withdrawal of troops"), not the target.
_OF_IS_ACTOR = frozenset({"RETREAT", "MOBILIZE", "PROTEST", "CONSULT", "COOPERATE"})
# Pronouns that stand for the speaker of the clause above ("X said it would ...").
_PRONOUNS = frozenset({"it", "they", "he", "she", "we"})
# Passive verbs whose subject does what the infinitive says ("was forced / asked / expected /
# prepared to withdraw"); not a passive with a purpose clause ("was shelled to punish …").
_PASSIVE_CONTROL = frozenset(
    {"force", "ask", "urge", "order", "allow", "permit", "expect", "prepare", "set", "schedule",
     "compel", "oblige", "require", "invite", "call", "persuade", "tell", "authorize",
     "authorise", "encourage", "pressure", "press", "due"}
)  # fmt: skip
_GATHERING_VERBS = word_list("gathering_verbs", source="triggers.yaml")
# Verbs of saying whose subject the pronoun stands for (actor_titles.yaml `speech_verbs`).
_SPEECH_VERBS = word_list("speech_verbs")


def verb_roles(verb: Token, *, category: str = "") -> tuple[list[Token], list[Token]]:
    """Actor and recipient tokens of a verb trigger (active, passive, controlled clauses)."""
    objects = deps(verb, "dobj") + deps(verb, "nsubjpass")
    if any(c.dep_ in ("nsubjpass", "auxpass") for c in verb.children):
        actors = _passive_agents(verb)
        recipients = deps(verb, "nsubjpass")
    else:
        actors = _subject(verb)
        recipients = deps(verb, "dobj") + deps(verb, "dative")
    if category in _OBJECT_IS_MOVED:
        recipients = []
    recipients += prep_objects(verb, _RECIPIENT_PREPS)
    if category == "SANCTION":  # "recalled its ambassador *from* Madrid": whom it is cut from
        recipients += prep_objects(verb, {"from"})
    # "cut ties *with* Ukraine", "threatened tariffs *on* Canada": on the object; rockets
    # fired "from" Lebanon come from there.
    preps = _OBJECT_RECIPIENT_PREPS - {"from"} if category == "ASSAULT" else _OBJECT_RECIPIENT_PREPS
    recipients += [p for o in objects for p in prep_objects(o, preps)]
    return _conjoined(actors), _conjoined(recipients)


def deep_recipients(verb: Token) -> list[Token]:
    """Where a verb of words points when its object is no actor: the owner or source of the
    object ("rejected *Kabul's* offer", "an offer *from* Kabul", "calls *by* Kabul"), the
    subject of its clause ("demanded that *Kabul* reopen ..."), and the object of the act
    in its complement ("threatened to cut ties *with* Kabul"). Read only as a fallback."""
    found = [o for obj in deps(verb, "dobj") for o in _owners(obj)]
    for clause in verb.children:
        if clause.dep_ == "ccomp":
            found += deps(clause, "nsubj")
        elif dep_label(clause) == "xcomp":
            found += deps(clause, "dobj") + prep_objects(clause, _RECIPIENT_PREPS)
            found += [p for o in deps(clause, "dobj") for p in prep_objects(o, {"with"})]
    return _conjoined(found)


def owners_of(tokens: list[Token]) -> list[Token]:
    """Whose the role words that are no actors are: "in protest against violations *by the
    police*", "against *the government's* refusal". Read only as a fallback."""
    return _conjoined([o for t in tokens if actor_at(t.doc, t.i) is None for o in _owners(t)])


def _owners(token: Token) -> list[Token]:
    """The possessor and the "from/by/of" objects of a noun: whose or by whom it is."""
    return [c for c in token.children if c.dep_ == "poss"] + prep_objects(
        token, {"from", "by", "of"}
    )


def _subject(verb: Token, depth: int = 0) -> list[Token]:
    """The doer of `verb`: its subject, or the one it inherits from the clause above it
    ("is ready to send", "was forced to withdraw": the subject of the adjective's copula or
    of the passive above)."""
    subjects = deps(verb, "nsubj")
    if not subjects and depth and verb.lemma_.lower() in _PASSIVE_CONTROL:
        subjects = deps(verb, "nsubjpass")  # "X was forced to withdraw": X withdraws
    if subjects and subjects[0].lower_ in _PRONOUNS:
        return speaker_of(verb) or subjects
    if subjects and subjects[0].tag_ not in ("WDT", "WP"):
        return subjects
    if verb.dep_ == "acl" and verb.head.dep_ == "dobj" and actor_at(verb.doc, verb.head.i) is None:
        return _subject(verb.head.head, depth + 1)  # "issued a statement *demanding* …"
    if verb.dep_ in ("relcl", "acl"):
        return [verb.head]
    head = verb.head.head if verb.dep_ == "pcomp" else verb.head
    if depth > 3 or head.i == verb.i:
        return []
    if dep_label(verb) in ("xcomp", "pcomp"):
        # Object control ("urged Y to withdraw", "accused Y of shelling"), else the subject.
        return deps(head, "dobj") or prep_objects(head, {"on", "upon"}) or _subject(head, depth + 1)
    if verb.dep_ in ("conj", "advcl", "acomp"):
        return _subject(head, depth + 1)
    return []


def noun_roles(
    noun: Token, entry: TriggerEntry, lexicon: Lexicon
) -> tuple[list[Token], list[Token], Token | None]:
    """Actor and recipient tokens of an event noun, and the light verb that carries it."""
    actors = [c for c in noun.children if c.dep_ in ("poss", "amod", "compound", "nmod")]
    actors += prep_objects(noun, {"by", "between", "among"})
    if any(c.dep_ == "poss" and c.pos_ == "PRON" for c in actors):
        actors += _pronoun_owner(noun)  # "X completed *their* withdrawal": X's
    if not actors and noun.dep_ == "pobj" and noun.head.lower_ == "for":
        verb = noun.head.head  # "thousands gathered for a rally": the rally's
        if verb.lemma_.lower() in _GATHERING_VERBS:
            actors = _subject(verb)
    recipients = prep_objects(noun, _RECIPIENT_PREPS)
    of_objects = prep_objects(noun, {"of"})
    (actors if entry.category in _OF_IS_ACTOR else recipients).extend(of_objects)
    light = _light_verb(noun, lexicon)
    if light is not None:
        passive = noun.dep_ == "nsubjpass"
        actors = actors + (_passive_agents(light) if passive else _subject(light))
        if not recipients and noun.dep_ == "pobj":  # "placed *the leader* under arrest"
            recipients = deps(light, "dobj")
        if not recipients:
            recipients = prep_objects(light, _RECIPIENT_PREPS)
    return _conjoined(actors), _conjoined(recipients), light


def _pronoun_owner(noun: Token) -> list[Token]:
    """Whom "its/their" on an event noun stands for: the subject of the verb the noun phrase
    hangs on ("the rebels completed their withdrawal"), or the speaker ("X said its ...")."""
    verb = noun.head
    while verb.pos_ not in ("VERB", "AUX") and verb.head.i != verb.i:
        verb = verb.head
    if verb.pos_ not in ("VERB", "AUX"):
        return []
    owners = [t for t in _subject(verb) if t.i != noun.i] or speaker_of(verb)
    return [t for t in owners if actor_at(noun.doc, t.i) is not None]


def speaker_of(verb: Token) -> list[Token]:
    """The subject of the speech verb whose reported clause holds `verb`: "X said (that) it
    would ..." makes "it" X. Empty when the clause is not reported speech."""
    node = verb
    for _ in range(3):
        if node.dep_ not in ("ccomp", "conj", "xcomp") or node.head.i == node.i:
            return []
        node = node.head
        if node.lemma_.lower() in _SPEECH_VERBS:
            subjects = [_noun_of(s) for s in deps(node, "nsubj")]
            return [s for s in subjects if s.lower_ not in _PRONOUNS]
    return []


def _noun_of(subject: Token) -> Token:
    """The noun a subject stands for: the parser sometimes makes the participle of a reduced
    relative the subject ("The Red Cross *operating* in Iraq said ...")."""
    if subject.tag_ == "VBG":
        return next((c for c in subject.children if c.dep_ == "nsubj"), subject)
    return subject


def _passive_agents(verb: Token) -> list[Token]:
    """The doers named by a passive verb's "by" phrase ("was shelled *by* Russia")."""
    return [p for a in deps(verb, "agent") for p in deps(a, "pobj")]


def _light_verb(noun: Token, lexicon: Lexicon) -> Token | None:
    """The light verb of "carried out strikes", "talks were held", "engaged in talks"."""
    head = noun.head
    if noun.dep_ == "pobj" and head.lower_ == "of" and head.head.dep_ in ("dobj", "nsubjpass"):
        # "launched ten days of war games", "began a series of raids": the quantity's verb.
        noun, head = head.head, head.head.head
    elif noun.dep_ == "pobj" and head.dep_ == "prep":
        head = head.head
    elif noun.dep_ not in ("dobj", "nsubjpass", "attr"):
        return None
    light = head.lemma_.lower() in lexicon.light_verbs or head.lower_ in lexicon.light_verbs
    return head if head.pos_ in ("VERB", "AUX") and light else None


def deps(token: Token, dep: str) -> list[Token]:
    """The children of `token` attached to it by `dep`."""
    return [c for c in token.children if c.dep_ == dep]


def prep_objects(token: Token, preps: frozenset[str] | set[str]) -> list[Token]:
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
