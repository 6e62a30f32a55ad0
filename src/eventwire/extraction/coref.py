"""Within-article coreference: actor mentions that do not name their country take one.

`eventwire.extraction.actors` finds the mentions; `resolve_references` then, left to right:

- an uncoded title or actor noun takes its owner's code: "a spokesman for the Kenyan police";
- a surname alone ("Ruto") resolves to the latest earlier person or title mention with that
  surname; a definite anaphor ("the military", "the ministry", "the government", "the
  group": the `anaphors` of `data/actor_titles.yaml`, with their sector) to the latest
  earlier coded mention of that sector, where a country or capital counts as GOV and "the
  ministry" needs a mention naming a ministry (kind "coref", keeping its own words);
- any other bare actor noun or uncoded title takes the article's main country when one
  country clearly dominates the article (`main_country`), else keeps the code UNK;
- a named person takes code and sector from an apposition: "Ana Ruiz, Peru's envoy".
"""

from __future__ import annotations

from collections import Counter
from dataclasses import replace

import spacy
from spacy.tokens import Doc

from eventwire.extraction import lexicon
from eventwire.extraction.mentions import ActorMention

#: Words before a noun phrase; the definite ones (all but "a", "an") mark an anaphor.
DETERMINERS = {"the", "a", "an", "his", "her", "its", "their", "our", "this", "that", "these"}
#: Prepositions whose object still belongs to the actor: "the head of the agency".
OWNING_PREPS = {"of", "for", "from"}
#: Sectors for which a bare noun may take the article's main country.
_LOCAL_SECTORS = {"GOV", "MIL", "COP", "JUD", "LEG", "OPP", "CVL", "MED", "PTY", "SPY"}


def resolve_references(doc: Doc, mentions: list[ActorMention]) -> list[ActorMention]:
    """Coreference and main-country fallback for bare nouns, surnames and unqualified titles."""
    mentions = _owners(doc, mentions)
    main = main_country(doc, [m for m in mentions if m.kind != "group?"])
    history: list[ActorMention] = []
    for mention in sorted(mentions, key=lambda m: m.start):
        resolved = mention
        if mention.kind in ("group?", "person"):
            anaphoric = mention.kind == "person" or _is_definite(doc, mention)
            ante = _antecedent(mention, history) if anaphoric else None
            if ante is not None:
                entity = replace(ante.entity, entity_text=mention.entity.entity_text)
                if mention.kind == "group?":
                    entity = replace(entity, sector=mention.entity.sector)
                resolved = ActorMention(mention.start, mention.end, entity, "coref")
            elif mention.kind == "group?":
                resolved = _with_main(mention, main, "group")
        elif mention.kind == "title" and mention.entity.code == "UNK":
            resolved = _with_main(mention, main, "title")
        history.append(resolved)
    return _appositions(doc, history)


def _antecedent(mention: ActorMention, history: list[ActorMention]) -> ActorMention | None:
    """The latest earlier mention this one can refer back to, if any."""
    text = mention.entity.entity_text.lower()
    if mention.kind == "person":
        wanted = surname(mention.entity.entity_text)
        for prev in reversed(history):
            ident = prev.entity.identifier_text
            if prev.kind in ("title", "person", "coref") and ident and surname(ident) == wanted:
                return prev
        return None
    sector = lexicon.anaphors().get(text)
    if sector is None:
        return None
    for prev in reversed(history):
        if prev.entity.code == "UNK":
            continue
        if text == "ministry" and "ministr" not in prev.entity.entity_text.lower():
            continue
        if prev.entity.sector == sector or (
            sector == "GOV" and prev.kind in ("country", "capital")
        ):
            return prev
    return None


def _is_definite(doc: Doc, mention: ActorMention) -> bool:
    return mention.start > 0 and doc[mention.start - 1].lower_ in DETERMINERS - {"a", "an"}


def _owners(doc: Doc, mentions: list[ActorMention]) -> list[ActorMention]:
    """An uncoded title or noun takes its owner's code: "a spokesman for the Kenyan police"."""
    by_token = {i: m for m in mentions for i in range(m.start, m.end)}
    out: list[ActorMention] = []
    for mention in mentions:
        if mention.kind in ("title", "group?") and mention.entity.code == "UNK":
            owner = _owner(doc[mention.end - 1], by_token)
            if owner is not None:
                ident = mention.entity.identifier_text or owner.entity.identifier_text
                sector = owner.entity.sector or mention.entity.sector  # a state keeps the title's
                entity = replace(mention.entity, code=owner.entity.code, sector=sector)
                entity = replace(entity, identifier_text=ident)
                kind = "title" if mention.kind == "title" else "group"
                mention = ActorMention(mention.start, mention.end, entity, kind)
        out.append(mention)
    return out


def _owner(head: spacy.tokens.Token, by_token: dict[int, ActorMention]) -> ActorMention | None:
    for prep in head.rights:
        if prep.dep_ == "prep" and prep.lower_ in OWNING_PREPS:
            for obj in prep.children:
                owner = by_token.get(obj.i) if obj.dep_ == "pobj" else None
                if owner is not None and owner.entity.code != "UNK":
                    return owner
    return None


def _with_main(mention: ActorMention, main: str | None, kind: str) -> ActorMention:
    entity = mention.entity
    if main is not None and entity.sector in _LOCAL_SECTORS:
        entity = replace(entity, code=main)
    return ActorMention(mention.start, mention.end, entity, kind)


def _appositions(doc: Doc, mentions: list[ActorMention]) -> list[ActorMention]:
    """A named person takes code and sector from an apposition: "Ana Ruiz, Peru's envoy"."""
    by_token = {i: m for m in mentions for i in range(m.start, m.end)}
    out: list[ActorMention] = []
    for mention in mentions:
        if mention.kind in ("person", "coref") and mention.entity.code == "UNK":
            root = doc[mention.start : mention.end].root
            for child in root.children:
                other = by_token.get(child.i) if child.dep_ == "appos" else None
                if other is not None and other.entity.code != "UNK":
                    entity = replace(other.entity, entity_text=mention.entity.entity_text)
                    entity = replace(entity, identifier_text=mention.entity.identifier_text)
                    mention = ActorMention(mention.start, mention.end, entity, "person")
                    break
        out.append(mention)
    return out


def main_country(doc: Doc, mentions: list[ActorMention]) -> str | None:
    """The article's country when one clearly dominates the coded mentions (and the dateline)."""
    counts: Counter[str] = Counter(
        m.entity.code for m in mentions if len(m.entity.code) == 3 and m.entity.code.isalpha()
    )
    for code in ("IGO", "NGO", "UNK", "MNC"):
        counts.pop(code, None)
    dateline = doc._.dateline
    if isinstance(dateline, str):
        country = lexicon.country_by_capital(dateline.title()) or lexicon.country_by_name(dateline)
        if country is not None:
            counts[country.iso3] += 1
    return dominant(counts, least=2)


def dominant(counts: Counter[str], *, least: int = 1) -> str | None:
    """The most counted key when it is counted `least` times and at least twice the next."""
    ranked = counts.most_common(2)
    if not ranked or ranked[0][1] < least:
        return None
    if len(ranked) > 1 and ranked[0][1] < 2 * ranked[1][1]:
        return None
    return ranked[0][0]


def surname(text: str | None) -> str:
    """The last word of a name ("" for none): what a later mention may use alone."""
    return text.split()[-1] if text else ""
