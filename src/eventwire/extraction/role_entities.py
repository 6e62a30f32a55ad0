"""From role tokens to coded actors: the entities an event's actor and recipient hold.

`coded_entities` turns the tokens `eventwire.extraction.roles` reads off the parse into coded
actors with `actor_lookup.actor_at`; a recipient that is no actor but a place ("shelled
Kharkiv", "struck the city of X") is the place's country with sector UNK (we know which state's
territory was hit, not who in it), and a civilian target ("a school", "a market",
`civilian_targets` in triggers.yaml) is CVL of the country of the sentence's place.

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
from eventwire.extraction.mentions import PlaceMention
from eventwire.extraction.roles import deps, prep_objects, speaker_of
from eventwire.records import Entity

__all__ = [
    "coded_entities",
    "located_recipients",
    "place_recipients",
    "sentence_country",
    "state_sectors",
    "unidentified_attackers",
]

# Categories whose recipient can be a place hit, visited or helped ("shelled Kharkiv").
_PLACE_RECIPIENT = frozenset({"ASSAULT", "COERCE", "AID", "CONSULT", "SANCTION"})
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
# Sectors of people named by what they are ("shoppers", "gunmen"), not by whose they are: with
# no country of their own they are of the country where the sentence happens (refugees and
# migrants are not: they are where they fled to).
_LOCAL_SECTORS = frozenset({"CVL", "UAF"})


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
    heads += [o for h in list(heads) for o in deps(h, "dobj")]
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
            names.extend(deps(child, "pobj"))
    return names
