"""Actor recognition: who acts, as a country code plus a PLOVER sector.

`eventwire_actors` sets `doc._.actors` to a list of `ActorMention`s in text order. Two
PhraseMatchers find the lexicon's phrases (names case-sensitively, actor nouns
case-insensitively); then, left to right:

- a country qualifier (name, demonym, region, organisation) joins the actor noun it
  modifies: "Sudanese army" SDN MIL, "Ukraine's defence ministry" UKR GOV;
- a title followed by a name makes a person: "French President Emmanuel Macron" FRA GOV;
- a capital is an actor only in an argument position ("Washington warned Tehran");
- people the model's NER misses are added ("Ana Ruiz", a surname named before);
- `eventwire.extraction.coref` then resolves a surname alone, "the military", "the ministry",
  "the government", "the group" to the latest compatible earlier mention (kind "coref"),
  and gives any other bare actor noun the article's main country when one country clearly
  dominates the article, else the code UNK.

A country or capital named alone is the state acting: its code with an empty sector, as
PLOVER's gold records code it (`STATE_SECTOR`); demonyms used as plural nouns
("Palestinians") are CVL, other demonyms have the empty state sector too. A capital in an
argument position is the government (GOV).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, replace
from functools import lru_cache

import spacy
from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span
from spacy.vocab import Vocab

from eventwire.extraction import lexicon
from eventwire.extraction.coref import (
    DETERMINERS,
    OWNING_PREPS,
    dominant,
    resolve_references,
    surname,
)
from eventwire.extraction.mentions import ActorMention
from eventwire.records import Entity

#: Sector of a state named on its own ("Russia", "Washington"): empty, as PLOVER codes it.
STATE_SECTOR = ""
_CASED = ("ORG", "COUNTRY", "CAPITAL", "DEMONYM", "REGION")
_RANK = {"ORG": 0, "COUNTRY": 1, "CAPITAL": 2, "DEMONYM": 3, "REGION": 4, "TITLE": 5, "GROUP": 6}
_QUALIFIERS = {"ORG", "COUNTRY", "DEMONYM", "REGION", "CAPITAL"}
_QUALIFIER_DEPS = {"amod", "compound", "poss", "nmod", "npadvmod", "nummod"}
_QUALIFIER_PREPS = {"of", "in", "for", "from"}
_ARGUMENT_DEPS = {"nsubj", "nsubjpass", "dobj", "dative", "poss", "appos"}
#: Prepositions whose object is a party rather than a place: "talks with Moscow".
_METONYM_PREPS = {"with", "against", "between", "by", "toward", "towards"}
#: Sectors of local actors that take the country of the article's places (not armed ones).
_PLACE_SECTORS = {"GOV", "COP", "JUD", "LEG", "CVL", "MED"}


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
    for kind in ("person", "group"):
        # Title case too: the tokenizer splits "lt. gen." but keeps "Lt. Gen." whole.
        phrases_ = {t.phrase for t in lexicon.titles() if t.kind == kind}
        words = sorted(phrases_ | {p.title() for p in phrases_})
        lower.add("TITLE" if kind == "person" else "GROUP", [make_doc(w) for w in words])
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


def _qualifier_of(doc: Doc, noun: _Candidate, by_token: dict[int, _Candidate]) -> _Candidate | None:
    """The name that says whose actor noun this is: "Sudanese army", "police in Gaza"."""
    left = noun.start - 1
    if left >= 0 and doc[left].lower_ in ("'s", "’s", "'"):
        left -= 1
    cand = by_token.get(left)
    if cand is not None and cand.label in _QUALIFIERS:
        return cand
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


def _name_after(doc: Doc, end: int) -> Span | None:
    """A person's name right after a title: the PERSON entity there, or a PROPN run."""
    if end >= len(doc):
        return None
    for ent in doc[end].sent.ents:
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
    used: set[int] = set()
    out: list[ActorMention] = []
    for cand in cands:
        if cand.label not in ("TITLE", "GROUP"):
            continue
        qual = _qualifier_of(doc, cand, by_token)
        start, end = cand.start, cand.end
        ident: str | None = None
        code = "UNK"
        if qual is not None and qual.entity is not None:
            used.add(id(qual))
            code = qual.entity.code
            ident = qual.entity.identifier_text if qual.label == "ORG" else None
            if qual.end <= cand.start:
                start = qual.start
        name = _name_after(doc, cand.end) if cand.label == "TITLE" else None
        if name is not None:
            end, ident = name.end, name.text
        kind = "title" if cand.label == "TITLE" else "group"
        if qual is None and cand.label == "GROUP":
            kind = "group?"  # resolved later: coref, main country or UNK
        span = _strip_det(doc[start:end])
        entity = Entity(span.text, code, cand.sector, ident)
        out.append(ActorMention(span.start, span.end, entity, kind))
    for cand in cands:
        if cand.label in _CASED and id(cand) not in used and cand.entity is not None:
            mention = _standalone(doc, cand)
            if mention is not None:
                out.append(mention)
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
    plural_people = root.pos_ in ("NOUN", "PROPN") and root.dep_ != "compound"
    sector = "CVL" if plural_people else STATE_SECTOR
    return ActorMention(cand.start, cand.end, replace(cand.entity, sector=sector), "demonym")


def _argument(token: spacy.tokens.Token) -> bool:
    """Whether a capital is an argument ("Washington warned Tehran", "talks with Moscow")."""
    if token.dep_ == "conj":
        token = token.head
    if token.dep_ == "pobj":
        return token.head.lower_ in _METONYM_PREPS
    return token.dep_ in _ARGUMENT_DEPS


def _persons(doc: Doc, mentions: list[ActorMention]) -> list[ActorMention]:
    """People not already inside a mention, as kind "person" with code UNK.

    PERSON entities, plus what the small model's NER misses: runs of two or three
    capitalised proper nouns outside other entities ("Ana Ruiz"), and a lone proper noun
    equal to the surname of a person named elsewhere in the article ("Ruto").
    """
    taken = bytearray(len(doc))
    for m in mentions:
        taken[m.start : m.end] = b"\x01" * (m.end - m.start)
    spans = [ent for ent in doc.ents if ent.label_ == "PERSON"]
    surnames = {surname(m.entity.identifier_text) for m in mentions if m.kind == "title"}
    surnames |= {ent[-1].text for ent in spans}
    i = 0
    while i < len(doc):
        j = i
        while j < len(doc) and j - i < 3 and _name_token(doc[j]):
            j += 1
        if j - i >= 2 or (j - i == 1 and doc[i].text in surnames):
            spans.append(doc[i:j])
        i = max(j, i + 1)
    out: list[ActorMention] = []
    for span in sorted(spans, key=lambda s: s.start):
        if not any(taken[span.start : span.end]):
            taken[span.start : span.end] = b"\x01" * len(span)
            entity = Entity(span.text, "UNK", "UNK", span.text)
            out.append(ActorMention(span.start, span.end, entity, "person"))
    return out


def _name_token(token: spacy.tokens.Token) -> bool:
    return token.pos_ == "PROPN" and token.is_title and token.ent_type_ in ("", "PERSON")


def find_actors(doc: Doc) -> list[ActorMention]:
    """Every actor mention of a parsed `Doc`, in text order (see the module docstring)."""
    composed = _compose(doc, _candidates(doc))
    composed += _persons(doc, composed)
    return sorted(resolve_references(doc, composed), key=lambda m: m.start)


@Language.component(
    "eventwire_actors", requires=["token.dep", "token.pos", "doc.ents"], assigns=["doc._.actors"]
)
def actors_component(doc: Doc) -> Doc:
    doc._.actors = find_actors(doc)
    return doc


#: Dependencies of modifiers that still belong to the actor: "the agency's head".
_OWNING_DEPS = {"compound", "amod", "poss", "nmod", "appos", "det", "case", "nummod", "flat"}


def actor_at(doc: Doc, token_i: int) -> ActorMention | None:
    """The actor mention covering token `token_i`, or the nearest one in its noun phrase.

    The noun phrase is the token's subtree without clauses, conjuncts and locative
    prepositions ("troops in Gaza" is not Gaza), so only modifiers that say whose the
    noun is are searched: compounds, possessives, appositions and "of"/"for"/"from".
    """
    mentions: list[ActorMention] = doc._.actors or []
    best: ActorMention | None = next((m for m in mentions if m.start <= token_i < m.end), None)
    if best is None:
        owned = owned_tokens(doc[token_i])
        for mention in mentions:
            if not owned.intersection(range(mention.start, mention.end)):
                continue
            if best is None or _distance(mention, token_i) < _distance(best, token_i):
                best = mention
    return _localised(doc, best) if best is not None else None


def _localised(doc: Doc, mention: ActorMention) -> ActorMention:
    """An uncoded local actor ("the regional governor", "residents") takes the country of
    the article's places, once `eventwire_places` has run and one country dominates them."""
    if mention.entity.code != "UNK" or mention.entity.sector not in _PLACE_SECTORS:
        return mention
    counts: Counter[str] = Counter(
        p.place.country_code for p in doc._.places or () if p.literal and p.place.country_code
    )
    code = dominant(counts)
    if code is None:
        return mention
    entity = replace(mention.entity, code=code)
    return ActorMention(mention.start, mention.end, entity, mention.kind)


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
