"""Who does what to whom: the actor and recipient of a trigger, read off the dependency parse.

A verb's actor is its subject (or the passive "by" agent, or the subject or object it inherits
from the clause above: "urged Y to withdraw"), its recipient the object or the object of a
recipient preposition. An event noun's actor is its possessor or modifier, its "by" object or
the subject of the light verb carrying it ("carried out strikes"); "their" on it stands for the
subject of the verb it hangs on ("the troops completed *their* withdrawal"), and after a
gathering verb's "for" the doers are those who came ("thousands gathered *for a rally*").
`coded_entities` turns the tokens into coded actors with `actor_lookup.actor_at`; a recipient that
is no actor but a place ("shelled Kharkiv", "struck the city of X") is the place's country
with sector UNK (we know which state's territory was hit, not who in it), and a civilian
target ("a school", "a market", `civilian_targets` in triggers.yaml) is CVL of the country of
the sentence's place.

An attack whose doer the text does not name ("a roadside bomb near Samarra killed two") is
done by an unidentified armed group of the country where it happens, as ACLED and the CAMEO
manual code it: `unidentified_attackers` gives that actor (no text, sector UAF) when the
sentence's literal places (`sentence_country`), else the article's, point to one country;
otherwise none.

Sector of a bare state. The actors stage codes a country or capital named alone with the
empty sector (`actors.STATE_SECTOR`); PLOVER sectors need a value, and which one depends on
the act, so `state_sectors` decides it here, once the category is final: a bare state using
material force (ASSAULT, MOBILIZE) is MIL, otherwise GOV; a bare state as recipient is GOV.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import replace

from spacy.tokens import Doc, Token

from eventwire.extraction.actor_lookup import actor_at, actors_at
from eventwire.extraction.coref import places_country
from eventwire.extraction.doctables import memo, sentence_of
from eventwire.extraction.lexicon import word_list
from eventwire.extraction.mentions import PlaceMention
from eventwire.extraction.triggers import Lexicon, TriggerEntry, dep_label
from eventwire.records import Entity

__all__ = [
    "coded_entities",
    "deep_recipients",
    "located_recipients",
    "dep_label",
    "noun_roles",
    "owners_of",
    "place_recipients",
    "speaker_of",
    "state_sectors",
    "unidentified_attackers",
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
# Categories whose recipient can be a place hit, visited or helped ("shelled Kharkiv").
_PLACE_RECIPIENT = frozenset({"ASSAULT", "COERCE", "AID", "CONSULT", "SANCTION"})
# Event nouns whose "of" object is the doer ("the withdrawal of troops"), not the target.
_OF_IS_ACTOR = frozenset({"RETREAT", "MOBILIZE", "PROTEST", "CONSULT", "COOPERATE"})
# Categories whose act falls on a territory: with no other recipient, the country where it
# happens is the recipient ("lifted the curfew in Montenegro", "deployed forces in Lebanon").
_TERRITORIAL = frozenset(
    {"CONCEDE", "RETREAT", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT", "AID"}
)
# Prepositions that say where an act happens.
_WHERE_PREPS = frozenset({"in", "inside", "across", "throughout", "within"})
# A bare state doing these acts acts through its armed forces.
_FORCE_CATEGORIES = frozenset({"ASSAULT", "MOBILIZE"})
_STATE_SECTOR = ""
# Pronouns that stand for the speaker of the clause above ("X said it would ...").
_PRONOUNS = frozenset({"it", "they", "he", "she", "we"})
# Sectors of people named by what they are ("shoppers", "gunmen"), not by whose they are: with
# no country of their own they are of the country where the sentence happens (refugees and
# migrants are not: they are where they fled to).
_LOCAL_SECTORS = frozenset({"CVL", "UAF"})
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
    objects = _deps(verb, "dobj") + _deps(verb, "nsubjpass")
    if any(c.dep_ in ("nsubjpass", "auxpass") for c in verb.children):
        actors = _passive_agents(verb)
        recipients = _deps(verb, "nsubjpass")
    else:
        actors = _subject(verb)
        recipients = _deps(verb, "dobj") + _deps(verb, "dative")
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
    found = [o for obj in _deps(verb, "dobj") for o in _owners(obj)]
    for clause in verb.children:
        if clause.dep_ == "ccomp":
            found += _deps(clause, "nsubj")
        elif dep_label(clause) == "xcomp":
            found += _deps(clause, "dobj") + prep_objects(clause, _RECIPIENT_PREPS)
            found += [p for o in _deps(clause, "dobj") for p in prep_objects(o, {"with"})]
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
    subjects = _deps(verb, "nsubj")
    if not subjects and depth and verb.lemma_.lower() in _PASSIVE_CONTROL:
        subjects = _deps(verb, "nsubjpass")  # "X was forced to withdraw": X withdraws
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
        return (
            _deps(head, "dobj") or prep_objects(head, {"on", "upon"}) or _subject(head, depth + 1)
        )
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
            recipients = _deps(light, "dobj")
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
            subjects = [_noun_of(s) for s in _deps(node, "nsubj")]
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
    return [p for a in _deps(verb, "agent") for p in _deps(a, "pobj")]


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


def coded_entities(doc: Doc, tokens: list[Token]) -> tuple[Entity, ...]:
    """The coded actors at `tokens`, one per actor mention, in order.

    "X said *its* forces ...": an actor noun owned by a pronoun belongs to the speaker, so it
    takes the speaker's country (keeping its own sector)."""
    seen: dict[tuple[int, int, str], Entity] = {}
    for token in tokens:
        # "Philippine and U.S. troops": one noun, one mention per country.
        for mention in actors_at(doc, token.i):
            entity = mention.entity
            if any(c.dep_ == "poss" and c.lower_ in ("its", "their") for c in token.children):
                entity = _speakers_own(doc, token, entity)
            if entity.code == "UNK" and entity.sector in _LOCAL_SECTORS:
                entity = replace(entity, code=sentence_country(doc, token.i) or "UNK")
            seen.setdefault((mention.start, mention.end, entity.code), entity)
    return tuple(dict.fromkeys(seen.values()))


def _speakers_own(doc: Doc, token: Token, entity: Entity) -> Entity:
    verb = token.head
    speakers = speaker_of(verb) if token.dep_ in ("nsubj", "nsubjpass") else []
    owner = actor_at(doc, speakers[0].i) if speakers else None
    if owner is None or owner.entity.code == "UNK":
        return entity
    return replace(entity, code=owner.entity.code)


def state_sectors(
    entities: tuple[Entity, ...], *, category: str, recipient: bool = False
) -> tuple[Entity, ...]:
    """The entities with the empty sector of a bare state filled in (module doc)."""
    sector = "MIL" if category in _FORCE_CATEGORIES and not recipient else "GOV"
    return tuple(replace(e, sector=sector) if e.sector == _STATE_SECTOR else e for e in entities)


def place_recipients(
    doc: Doc, tokens: list[Token], *, category: str, civilian_targets: frozenset[str]
) -> tuple[Entity, ...]:
    """Recipients that are not actors: places hit (their country, sector UNK) and civilian
    targets (CVL, country of the sentence's place, else UNK)."""
    if category not in _PLACE_RECIPIENT:
        return ()
    places = _literal_places(doc)
    out: list[Entity] = []
    for token in tokens:
        # "rockets fired *from* Lebanon" come from there; ties cut "from" a place are cut with it
        from_there = token.head.lower_ == "from" and category != "SANCTION"
        if actor_at(doc, token.i) is not None or from_there:
            continue
        place = next((places[t.i] for t in _named_by(token) if t.i in places), None)
        if place is not None and place.place.country_code:
            text = doc[place.start : place.end].text
            out.append(Entity(text, place.place.country_code, "UNK"))
        elif token.lemma_.lower() in civilian_targets:
            out.append(Entity(token.text, sentence_country(doc, token.i) or "UNK", "CVL"))
    return tuple(dict.fromkeys(out))


def located_recipients(
    doc: Doc, trigger: Token, *, category: str, light: Token | None = None
) -> tuple[Entity, ...]:
    """The country where a territorial act happens, as recipient with sector UNK: the "in"
    object of the trigger, of its light verb or of its object ("eased the curfew *in X*").
    Read only when the act has no other recipient."""
    if category not in _TERRITORIAL:
        return ()
    heads = [trigger, *([light] if light is not None else [])]
    heads += [o for h in list(heads) for o in _deps(h, "dobj")]
    places = _literal_places(doc)
    out: list[Entity] = []
    for token in (p for h in heads for p in prep_objects(h, _WHERE_PREPS)):
        for name in _named_by(token):
            entity = _territory(doc, name, places)
            if entity is not None:
                out.append(entity)
                break
    return tuple(dict.fromkeys(out))


def unidentified_attackers(doc: Doc, trigger: Token) -> tuple[Entity, ...]:
    """The unnamed doer of an attack (module doc): empty text, the place's country, UAF."""
    code = sentence_country(doc, trigger.i) or places_country(doc)
    if code is None:
        return ()
    return (Entity("", code, "UAF", "unidentified armed group"),)


def sentence_country(doc: Doc, token_i: int) -> str | None:
    """The country most of the literal places of token `token_i`'s sentence are in (the
    first named on a tie),
    leaving out places that are (or are inside) an actor mention ("a *U.S.* soldier" says
    whose, not where); counted once per sentence."""
    places = doc._.places or ()
    table = memo(doc, "sentence_country", depends=places)
    sent = sentence_of(doc, token_i)
    if sent.start not in table:
        counts = Counter(
            p.place.country_code
            for p in places
            if p.literal
            and p.place.country_code
            and sent.start <= p.start < sent.end
            and actor_at(doc, p.start) is None
        )
        table[sent.start] = counts.most_common(1)[0][0] if counts else None
    code: str | None = table[sent.start]
    return code


def _literal_places(doc: Doc) -> dict[int, PlaceMention]:
    """Token index -> the literal place mention covering it; built once per doc (every
    event of the doc asks)."""
    places = doc._.places or ()
    table = memo(doc, "literal_places", depends=places)
    if not table and places:
        table.update({i: m for m in places if m.literal for i in range(m.start, m.end)})
    return table


def _territory(doc: Doc, token: Token, places: dict[int, PlaceMention]) -> Entity | None:
    """The country a name in a locative phrase stands for: a country or capital mention, or
    a literal place of the places stage."""
    mention = actor_at(doc, token.i)
    if mention is not None and mention.kind in ("country", "capital"):
        return Entity(mention.entity.entity_text, mention.entity.code, "UNK")
    place = places.get(token.i)
    if place is not None and place.place.country_code:
        return Entity(doc[place.start : place.end].text, place.place.country_code, "UNK")
    return None


def _named_by(token: Token) -> list[Token]:
    """The token and the names that say which one it is ("the city *of Nikopol*")."""
    names = [token]
    for child in token.children:
        if child.dep_ in ("compound", "appos"):
            names.append(child)
        elif child.dep_ == "prep" and child.lower_ == "of":
            names.extend(_deps(child, "pobj"))
    return names


def _deps(token: Token, dep: str) -> list[Token]:
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
