"""Actor recognition: who acts, as a country code plus a PLOVER sector.

`eventwire_actors` sets `doc._.actors` to a list of `ActorMention`s in text order. Two
PhraseMatchers find the lexicon's phrases (names case-sensitively, actor nouns
case-insensitively); then, left to right:

- a country qualifier (name, demonym, region, organisation) joins the actor noun it
  modifies: "Sudanese army" SDN MIL, "Ukraine's defence ministry" UKR GOV;
- a title followed by a name makes a person: "French President Emmanuel Macron" FRA GOV;
- a capital is an actor only in an argument position ("Washington warned Tehran");
- other people are added (`persons.find_persons`: "Ana Ruiz", a surname named before);
- `eventwire.extraction.coref` then resolves a surname alone, "the military", "the ministry",
  "the government", "the group" to the latest compatible earlier mention (kind "coref"),
  and gives any other bare actor noun the article's main country when one country clearly
  dominates the article, else the code UNK.

Which mention a token stands for is `actor_lookup.actor_at` / `actors_at`.

A country or capital named alone is the state acting: its code with an empty sector, as
PLOVER's gold records code it (`STATE_SECTOR`); demonyms used as plural nouns
("Palestinians") are CVL, other demonyms have the empty state sector too. An ethnic group is
not its kin state: "ethnic Albanians" take the country of the article, "the Albanians of
Serbia" the country after "of". A capital in an
argument position is the government (GOV).
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from functools import lru_cache

import spacy
from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span
from spacy.vocab import Vocab

from eventwire.extraction import lexicon
from eventwire.extraction.actor_lookup import COACTORS
from eventwire.extraction.coref import DETERMINERS, resolve_references
from eventwire.extraction.doctables import sentence_of
from eventwire.extraction.mentions import ActorMention
from eventwire.extraction.persons import find_persons
from eventwire.records import Entity

#: Sector of a state named on its own ("Russia", "Washington"): empty, as PLOVER codes it.
STATE_SECTOR = ""
_CASED = ("ORG", "COUNTRY", "CAPITAL", "DEMONYM", "REGION")
_RANK = {
    "ORG": 0, "COUNTRY": 1, "CAPITAL": 2, "DEMONYM": 3, "REGION": 4, "TITLE": 5, "GROUP": 6,
    "OWNED": 7,
}  # fmt: skip
_NOUNS = {"TITLE": "person", "GROUP": "group", "OWNED": "owned"}
_QUALIFIERS = {"ORG", "COUNTRY", "DEMONYM", "REGION", "CAPITAL"}
_QUALIFIER_DEPS = {"amod", "compound", "poss", "nmod", "npadvmod", "nummod"}
_QUALIFIER_PREPS = {"of", "in", "for", "from"}
_ARGUMENT_DEPS = {"nsubj", "nsubjpass", "dobj", "dative", "poss", "appos"}
#: Prepositions whose object is a party rather than a place: "talks with Moscow".
_METONYM_PREPS = {"with", "against", "between", "by", "toward", "towards"}


@dataclass(slots=True)
class _Candidate:
    start: int
    end: int
    label: str
    entity: Entity | None = None  # set for lexicon hits that name an actor on their own
    sector: str = "UNK"  # for TITLE / GROUP
    kind: str = ""


@lru_cache(maxsize=4)
def _matchers(vocab: Vocab) -> tuple[PhraseMatcher, PhraseMatcher]:
    """The cased matcher (names) and the lower-case matcher (titles, actor nouns)."""
    make_doc = spacy.blank("en", vocab=vocab).make_doc
    cased = PhraseMatcher(vocab, attr="ORTH")
    phrases: dict[str, list[str]] = {
        "ORG": [n for o in lexicon.organisations() for n in o.names],
        "COUNTRY": [n for c in lexicon.countries() for n in c.names],
        "CAPITAL": [n for c in lexicon.countries() for n in c.capitals],
        "DEMONYM": [n for c in lexicon.countries() for n in c.demonyms],
        "REGION": list(lexicon.regions()),
    }
    for label, names in phrases.items():
        variants = {v for n in names for v in (n, n[:1].upper() + n[1:])}
        cased.add(label, [make_doc(v) for v in sorted(variants)])
    lower = PhraseMatcher(vocab, attr="LOWER")
    for label, kind in _NOUNS.items():
        # Title case too: the tokenizer splits "lt. gen." but keeps "Lt. Gen." whole.
        phrases_ = {t.phrase for t in lexicon.titles() if t.kind == kind}
        words = sorted(phrases_ | {p.title() for p in phrases_})
        lower.add(label, [make_doc(w) for w in words])
    return cased, lower


def _lexicon_entity(label: str, text: str) -> Entity | None:
    if label == "ORG":
        org = lexicon.organisation_by_name(text)
        return Entity(text, org.code, org.sector, org.name) if org else None
    if label == "REGION":
        code = lexicon.regions().get(text)
        return Entity(text, code, "UNK", None) if code else None
    find = {
        "COUNTRY": lexicon.country_by_name,
        "CAPITAL": lexicon.country_by_capital,
        "DEMONYM": lexicon.country_by_demonym,
    }[label]
    country = find(text)
    return Entity(text, country.iso3, STATE_SECTOR, country.name) if country else None


def _candidates(doc: Doc) -> list[_Candidate]:
    """Every lexicon hit, overlaps resolved: longest first, then names before nouns."""
    cased, lower = _matchers(doc.vocab)
    strings = doc.vocab.strings
    raw = [(strings[m], s, e) for m, s, e in cased(doc)] + [
        (strings[m], s, e) for m, s, e in lower(doc)
    ]
    raw.sort(key=lambda r: (r[1] - r[2], _RANK[r[0]], r[1]))
    taken = bytearray(len(doc))
    out: list[_Candidate] = []
    for label, start, end in raw:
        if any(taken[start:end]):
            continue
        cand = _make_candidate(doc, label, start, end)
        if cand is not None:
            taken[start:end] = b"\x01" * (end - start)
            out.append(cand)
    out.sort(key=lambda c: c.start)
    return out


def _make_candidate(doc: Doc, label: str, start: int, end: int) -> _Candidate | None:
    text = doc[start:end].text
    if label in _CASED:
        entity = _lexicon_entity(label, text)
        return _Candidate(start, end, label, entity) if entity else None
    title = lexicon.title_by_phrase(text)
    if title is None or not _nominal(doc, start, end):
        return None  # "a major attack", "the general public": adjectives, not offices
    return _Candidate(start, end, label, sector=title.sector)


def _nominal(doc: Doc, start: int, end: int) -> bool:
    """Whether an actor noun is used as a noun; "US forces" is often tagged a verb."""
    pos = doc[end - 1].pos_
    if pos in ("NOUN", "PROPN", "PRON", "X"):
        return True
    return pos == "VERB" and start > 0 and doc[start - 1].pos_ in ("PROPN", "ADJ")


def _qualifier_of(
    doc: Doc, noun: _Candidate, by_token: dict[int, _Candidate], *, start: int
) -> _Candidate | None:
    """The name that says whose actor noun this is: "Sudanese army", "police in Gaza",
    "Hamas-led militants"; `start` is where the noun phrase's name begins."""
    left = start - 1
    if left >= 0 and doc[left].lower_ in ("'s", "’s", "'"):
        left -= 1
    elif left >= 1 and doc[left].lower_ == "led" and doc[left - 1].text == "-":
        left -= 2  # "X-led forces" are X's
    cand = by_token.get(left)
    if cand is not None and cand.label in _QUALIFIERS:
        return cand
    inner = [by_token.get(i) for i in range(start, noun.start)]
    cand = next((c for c in inner if c is not None and c.label in _QUALIFIERS), None)
    if cand is not None:
        return cand  # "Taiwan Affairs Office" with no owner before it
    for i in range(noun.start, noun.end):
        for child in doc[i].children:
            cand = by_token.get(child.i)
            if cand is not None and child.dep_ in _QUALIFIER_DEPS and cand.label in _QUALIFIERS:
                return cand
    head = doc[noun.end - 1]
    for prep in head.rights:
        if prep.dep_ == "prep" and prep.lower_ in _QUALIFIER_PREPS:
            for obj in prep.children:
                cand = by_token.get(obj.i)
                if obj.dep_ == "pobj" and cand is not None and cand.label in _QUALIFIERS:
                    return cand
    return None


def _name_start(doc: Doc, start: int) -> int:
    """Where the capitalised name of an owned office begins: "Taiwan Affairs Office"."""
    while start > 0 and doc[start - 1].pos_ == "PROPN" and doc[start - 1].is_title:
        start -= 1
    return start


def _name_after(doc: Doc, end: int) -> Span | None:
    """A person's name right after a title: the PERSON entity there, or a PROPN run."""
    if end >= len(doc):
        return None
    for ent in sentence_of(doc, end).ents:
        if ent.start == end and ent.label_ == "PERSON":
            return ent
    stop = end
    while stop < len(doc) and stop - end < 4 and doc[stop].pos_ == "PROPN" and doc[stop].is_title:
        stop += 1
    return doc[end:stop] if stop > end else None


def _strip_det(span: Span) -> Span:
    start = span.start
    while start < span.end - 1 and span.doc[start].lower_ in DETERMINERS:
        start += 1
    return span.doc[start : span.end]


def _compose(doc: Doc, cands: list[_Candidate]) -> list[ActorMention]:
    """Join qualifiers to actor nouns and titles to names; standalone names stay as they are."""
    by_token = {i: c for c in cands for i in range(c.start, c.end)}
    out: list[ActorMention] = []
    used: set[int] = set()  # qualifiers joined to a noun, also those after it ("police in Gaza")
    coactors: dict[tuple[int, int], list[tuple[int, int]]] = {}
    for cand in cands:
        if cand.label in _NOUNS:
            made = _noun_mention(doc, cand, by_token, out, used)
            if made:
                out.extend(made)
                coactors[(made[0].start, made[0].end)] = [(m.start, m.end) for m in made[1:]]
    doc.user_data[COACTORS] = {k: v for k, v in coactors.items() if v}
    covered = bytearray(len(doc))
    for m in out:
        covered[m.start : m.end] = b"\x01" * (m.end - m.start)
    for cand in cands:
        if cand.label not in _CASED or cand.entity is None or id(cand) in used:
            continue
        if not any(covered[cand.start : cand.end]):
            mention = _standalone(doc, cand)
            if mention is not None:
                covered[mention.start : mention.end] = b"\x01" * (mention.end - mention.start)
                out.append(mention)
    return out


def _noun_mention(
    doc: Doc,
    cand: _Candidate,
    by_token: dict[int, _Candidate],
    out: list[ActorMention],
    used: set[int],
) -> list[ActorMention]:
    """The mention an actor noun heads, then one per country coordinated with its qualifier.

    A representative ("spokesperson", "officials") right after the actor it speaks for joins
    it and takes its code and sector: "a Rwandan government spokesperson" RWA GOV.
    """
    name_start = _name_start(doc, cand.start) if cand.label == "OWNED" else cand.start
    qual = _qualifier_of(doc, cand, by_token, start=name_start)
    if cand.label == "OWNED" and (qual is None or qual.entity is None):
        return []  # "the office" alone is no actor
    start, end, code, sector = name_start, cand.end, "UNK", cand.sector
    ident: str | None = None
    representative = lexicon.is_representative(doc[cand.start : cand.end].text)
    if qual is not None and qual.entity is not None:
        used.add(id(qual))
        code = "UNK" if _ethnic(doc, qual) else qual.entity.code
        if qual.label == "ORG":
            ident = qual.entity.identifier_text
            sector = (qual.entity.sector or sector) if representative else sector
        start = min(start, qual.start)
    kind = "group" if cand.label != "TITLE" else "title"
    if qual is None:
        owner = _speaks_for(doc, cand, out) if representative else None
        if owner is not None:
            out.remove(owner)
            start, code, ident = owner.start, owner.entity.code, owner.entity.identifier_text
            sector = owner.entity.sector or sector
            kind = "title" if owner.kind == "group?" and code != "UNK" else owner.kind
        elif cand.label == "GROUP":
            kind = "group?"  # resolved later: coref, main country or UNK
    elif cand.label == "GROUP" and code == "UNK":
        kind = "group?"  # "ethnic Albanian guerrillas": a country from the article, if any
    if cand.label == "TITLE":
        if start > 0 and doc[start - 1].lower_ in lexicon.former_modifiers():
            start, sector = start - 1, "ELI"  # "ousted President X"
        name = _name_after(doc, cand.end)
        if name is not None:
            end, ident = name.end, name.text
    span = _strip_det(doc[start:end])
    made = [ActorMention(span.start, span.end, Entity(span.text, code, sector, ident), kind)]
    if qual is not None:
        made += _coordinated(doc, qual, by_token, sector=sector, kind=kind)
    return made


def _speaks_for(doc: Doc, cand: _Candidate, out: list[ActorMention]) -> ActorMention | None:
    """The actor mention just before a representative noun that modifies it."""
    if not out:
        return None
    prev = out[-1]
    gap = cand.start - prev.end
    if gap == 1 and doc[prev.end].lower_ in ("'s", "’s"):
        gap = 0
    head = doc[prev.end - 1].head.i
    return prev if gap == 0 and cand.start <= head < cand.end else None


def _coordinated(
    doc: Doc, qual: _Candidate, by_token: dict[int, _Candidate], *, sector: str, kind: str
) -> list[ActorMention]:
    """Countries coordinated with a qualifier share its noun: "Philippine and U.S. troops"."""
    out: list[ActorMention] = []
    for token in doc[qual.start : qual.end].root.conjuncts:
        other = by_token.get(token.i)
        if other is None or other is qual or other.label not in _QUALIFIERS:
            continue
        if other.entity is None or other.label == "ORG":
            continue
        entity = Entity(doc[other.start : other.end].text, other.entity.code, sector, None)
        out.append(ActorMention(other.start, other.end, entity, kind.rstrip("?")))
    return out


def _standalone(doc: Doc, cand: _Candidate) -> ActorMention | None:
    """A name not qualifying any actor noun: an organisation, country, capital or demonym."""
    assert cand.entity is not None
    root = doc[cand.start : cand.end].root
    if cand.label == "REGION":
        return None
    if cand.label == "ORG":
        return ActorMention(cand.start, cand.end, cand.entity, "organisation")
    if cand.label == "COUNTRY":
        return ActorMention(cand.start, cand.end, cand.entity, "country")
    if cand.label == "CAPITAL":
        if not _argument(root):
            return None  # "fighting in Kyiv": a place, not a metonym
        return ActorMention(cand.start, cand.end, replace(cand.entity, sector="GOV"), "capital")
    people = _people_after(doc, cand.end)
    if people is not None:  # "Iraqi Kurds", "Bosnian Serbs": the country's people
        entity = replace(cand.entity, entity_text=doc[cand.start : people].text, sector="CVL")
        return ActorMention(cand.start, people, entity, "demonym")
    plural_people = root.pos_ in ("NOUN", "PROPN") and root.dep_ != "compound"
    if plural_people and (_ethnic(doc, cand) or _home_country(root)):
        # "ethnic Albanians", "the Albanians of southern Serbia": a people living in a
        # country, whose code is that country's (from "of X", else the article's places)
        code = _home_country(root) or "UNK"
        entity = replace(cand.entity, code=code, sector="CVL", identifier_text=None)
        return ActorMention(cand.start, cand.end, entity, "group" if code != "UNK" else "group?")
    sector = "CVL" if plural_people else STATE_SECTOR
    return ActorMention(cand.start, cand.end, replace(cand.entity, sector=sector), "demonym")


def _ethnic(doc: Doc, cand: _Candidate) -> bool:
    """Whether a demonym names an ethnic group ("ethnic Albanians"), not a country's people."""
    return cand.start > 0 and doc[cand.start - 1].lower_ == "ethnic"


def _home_country(root: spacy.tokens.Token) -> str | None:
    """The country after "of" in "the Albanians *of (southern) Serbia*"."""
    for prep in root.rights:
        if prep.dep_ == "prep" and prep.lower_ == "of":
            for obj in prep.children:
                country = lexicon.country_by_name(obj.text) if obj.dep_ == "pobj" else None
                if country is not None:
                    return country.iso3
    return None


def _people_after(doc: Doc, end: int) -> int | None:
    """End of a plural proper noun naming a people right after a demonym ("Kurds")."""
    if end >= len(doc):
        return None
    token = doc[end]
    people = token.tag_ == "NNPS" or (token.pos_ == "PROPN" and token.lower_.endswith("s"))
    return end + 1 if people and token.is_title and token.ent_type_ != "GPE" else None


def _argument(token: spacy.tokens.Token) -> bool:
    """Whether a capital is an argument ("Washington warned Tehran", "talks with Moscow")."""
    if token.dep_ == "conj":
        token = token.head
    if token.dep_ == "pobj":
        return token.head.lower_ in _METONYM_PREPS
    return token.dep_ in _ARGUMENT_DEPS


def find_actors(doc: Doc) -> list[ActorMention]:
    """Every actor mention of a parsed `Doc`, in text order (see the module docstring)."""
    cands = _candidates(doc)
    composed = _compose(doc, cands)
    taken = bytearray(len(doc))
    # other mentions, and names of the lexicon: "Yerevan" in "flew to Yerevan" is no person
    spans = [(m.start, m.end) for m in composed]
    spans += [(c.start, c.end) for c in cands if c.label in _CASED]
    for start, end in spans:
        taken[start:end] = b"\x01" * (end - start)
    composed += find_persons(doc, composed, taken)
    return sorted(resolve_references(doc, composed), key=lambda m: m.start)


@Language.component(
    "eventwire_actors", requires=["token.dep", "token.pos", "doc.ents"], assigns=["doc._.actors"]
)
def actors_component(doc: Doc) -> Doc:
    doc._.actors = find_actors(doc)
    return doc
