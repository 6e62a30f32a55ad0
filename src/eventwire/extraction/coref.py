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

Before all that, a person or titled person named in `data/leaders.tsv` takes the leader's
country (`known_person`): "Putin said", "President Omar el-Bashir".
"""

from __future__ import annotations

from collections import Counter
from dataclasses import replace

import spacy
from spacy.tokens import Doc

from eventwire.extraction import lexicon
from eventwire.extraction.doctables import memo, sentence_of
from eventwire.extraction.mentions import ActorMention

#: Words before a noun phrase; the definite ones (all but "a", "an") mark an anaphor.
DETERMINERS = {"the", "a", "an", "his", "her", "its", "their", "our", "this", "that", "these"}
#: Prepositions whose object still belongs to the actor: "the head of the agency".
OWNING_PREPS = {"of", "for", "from"}
#: `doc.user_data` key: spans of mentions whose code is only the article's main country,
#: which `actor_lookup.actor_at` may replace by the country of the article's places.
MAIN_FALLBACK = "eventwire.main_fallback"
#: Possessive pronouns: "its forces" belong to the latest actor named before.
_POSSESSIVES = {"its", "their"}
#: Sectors of local actors that take the country of the article's places (not armed ones).
_PLACE_SECTORS = {
    "GOV", "COP", "JUD", "LEG", "CVL", "MED", "CRM", "AGR", "LAB", "EDU", "OPP", "ELI",
}  # fmt: skip
#: Sectors of local groups ("civilians", "police", "gangs", "farmers"): the country of the
#: article's places beats the main country of its actor mentions (the attacker's country in
#: a story about shelling is not the civilians').
_LOCAL_GROUP_SECTORS = {"CVL", "COP", "CRM", "AGR", "LAB", "EDU", "MED"}
#: Sectors for which a bare noun may take the article's main country.
_LOCAL_SECTORS = {
    "GOV", "MIL", "COP", "JUD", "LEG", "OPP", "CVL", "MED", "PTY", "SPY",
    "CRM", "AGR", "LAB", "EDU",
}  # fmt: skip


def resolve_references(doc: Doc, mentions: list[ActorMention]) -> list[ActorMention]:
    """Coreference and main-country fallback for bare nouns, surnames and unqualified titles."""
    doc.user_data[MAIN_FALLBACK] = set()
    mentions = _conjuncts(doc, _owners(doc, [known_person(m) for m in mentions]))
    main = main_country(doc, [m for m in mentions if m.kind != "group?"])
    history: list[ActorMention] = []
    for mention in sorted(mentions, key=lambda m: m.start):
        resolved = mention
        if mention.kind in ("group?", "person"):
            anaphoric = mention.kind == "person" or _is_definite(doc, mention)
            ante = _antecedent(mention, history) if anaphoric else None
            if ante is None and mention.kind == "group?" and _is_possessed(doc, mention):
                ante = _owner_before(doc, mention, history)
            if ante is not None:
                entity = replace(ante.entity, entity_text=mention.entity.entity_text)
                if mention.kind == "group?":
                    entity = replace(entity, sector=mention.entity.sector)
                resolved = ActorMention(mention.start, mention.end, entity, "coref")
            elif mention.kind == "group?":
                resolved = _with_main(doc, mention, main, "group")
        elif mention.kind == "title" and mention.entity.code == "UNK":
            resolved = _with_main(doc, mention, main, "title")
        history.append(resolved)
    return _appositions(doc, history)


def known_person(mention: ActorMention) -> ActorMention:
    """A person or titled person without a country who is a leader of `leaders.tsv` takes the
    leader's country: "Putin", "President Omar el-Bashir" (by the surname). The sector the
    text gives stays ("former President ..." ELI); a bare name gets the leader's."""
    entity = mention.entity
    if mention.kind not in ("person", "title") or entity.code != "UNK":
        return mention
    name = entity.identifier_text or entity.entity_text
    person = lexicon.leader_by_name(name) or lexicon.leader_by_name(surname(name))
    if person is None:
        return mention
    sector = person.sector if entity.sector == "UNK" else entity.sector
    entity = replace(entity, code=person.code, sector=sector, identifier_text=person.name)
    return ActorMention(mention.start, mention.end, entity, mention.kind)


def _antecedent(mention: ActorMention, history: list[ActorMention]) -> ActorMention | None:
    """The latest earlier mention this one can refer back to, if any."""
    text = mention.entity.entity_text.lower()
    if mention.kind == "person":
        wanted = surname(mention.entity.entity_text)
        for prev in reversed(history):
            ident = prev.entity.identifier_text
            # any word of the full name: "Yoon" is the family name of "Yoon Suk Yeol"
            if prev.kind in ("title", "person", "coref") and ident and wanted in ident.split():
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


def _is_possessed(doc: Doc, mention: ActorMention) -> bool:
    return mention.start > 0 and doc[mention.start - 1].lower_ in _POSSESSIVES


def _owner_before(
    doc: Doc, mention: ActorMention, history: list[ActorMention]
) -> ActorMention | None:
    """Whose "its forces" are: the latest coded body in the sentence (or the one before)."""
    floor = sentence_of(doc, mention.start).start
    floor = sentence_of(doc, floor - 1).start if floor > 0 else floor
    for prev in reversed(history):
        if prev.start < floor:
            return None
        if prev.entity.code != "UNK" and prev.kind not in ("person", "title"):
            return prev
    return None


def _is_definite(doc: Doc, mention: ActorMention) -> bool:
    return mention.start > 0 and doc[mention.start - 1].lower_ in DETERMINERS - {"a", "an"}


def _owners(doc: Doc, mentions: list[ActorMention]) -> list[ActorMention]:
    """An uncoded title or noun takes its owner's code: "a spokesman for the Kenyan police"."""
    by_token = {i: m for m in mentions for i in range(m.start, m.end)}
    out: list[ActorMention] = []
    for mention in mentions:
        speaker = mention.kind in ("title", "group?", "group") and lexicon.is_representative(
            _noun_text(doc, mention)
        )
        if speaker or (mention.kind in ("title", "group?") and mention.entity.code == "UNK"):
            owner = _owner(doc[mention.end - 1], by_token, any_code=speaker)
            if owner is not None:
                ident = mention.entity.identifier_text or owner.entity.identifier_text
                sector = owner.entity.sector  # a state (sector "") keeps the title's
                sector = mention.entity.sector if sector in ("", "UNK") else sector
                code = owner.entity.code if owner.entity.code != "UNK" else mention.entity.code
                kind = mention.kind if code == "UNK" or mention.kind == "title" else "group"
                entity = replace(mention.entity, code=code, sector=sector, identifier_text=ident)
                mention = ActorMention(mention.start, mention.end, entity, kind)
        out.append(mention)
    return out


def _noun_text(doc: Doc, mention: ActorMention) -> str:
    """The actor noun of a mention without the name after it: "spokesman" of "spokesman X"."""
    ident = mention.entity.identifier_text
    span = doc[mention.start : mention.end]
    if ident and span.text.endswith(ident):
        return span.text[: -len(ident)].strip()
    return span.text


def _conjuncts(doc: Doc, mentions: list[ActorMention]) -> list[ActorMention]:
    """A bare noun coordinated with a coded one shares its country: "Israeli jets and tanks"."""
    by_token = {i: m for m in mentions for i in range(m.start, m.end)}
    out: list[ActorMention] = []
    for mention in mentions:
        root = doc[mention.start : mention.end].root
        first = by_token.get(root.head.i) if root.dep_ == "conj" else None
        coded = first is not None and first.kind in ("group", "title")
        code = first.entity.code if first is not None and coded else "UNK"
        if mention.kind == "group?" and code != "UNK":
            entity = replace(mention.entity, code=code)
            mention = ActorMention(mention.start, mention.end, entity, "group")
        out.append(mention)
    return out


def _owner(
    head: spacy.tokens.Token, by_token: dict[int, ActorMention], *, any_code: bool = False
) -> ActorMention | None:
    """The actor after "of"/"for"/"from"; with `any_code` also an uncoded one ("organisers
    of the protest movement" are CVL whatever the movement's country)."""
    for prep in head.rights:
        if prep.dep_ == "prep" and prep.lower_ in OWNING_PREPS:
            for obj in prep.children:
                if obj.dep_ != "pobj":
                    continue
                # "leaders of the opposition alliance": the owner may be the object's modifier
                words = [obj, *(c for c in obj.children if c.dep_ in ("compound", "amod", "poss"))]
                for word in words:
                    owner = by_token.get(word.i)
                    if owner is not None and (any_code or owner.entity.code != "UNK"):
                        return owner
    return None


def _with_main(doc: Doc, mention: ActorMention, main: str | None, kind: str) -> ActorMention:
    entity = mention.entity
    if main is not None and entity.sector in _LOCAL_SECTORS:
        entity = replace(entity, code=main)
        doc.user_data.setdefault(MAIN_FALLBACK, set()).add((mention.start, mention.end))
    return ActorMention(mention.start, mention.end, entity, kind)


def _appositions(doc: Doc, mentions: list[ActorMention]) -> list[ActorMention]:
    """A named person takes code and sector from an apposition: "Ana Ruiz, Peru's envoy",
    "Peru's envoy, Ana Ruiz,"."""
    by_token = {i: m for m in mentions for i in range(m.start, m.end)}
    out: list[ActorMention] = []
    for mention in mentions:
        if mention.kind in ("person", "coref") and mention.entity.code == "UNK":
            root = doc[mention.start : mention.end].root
            linked = [c for c in root.children if c.dep_ == "appos"]
            if root.dep_ == "appos":
                linked.append(root.head)  # "Peru's envoy, Ana Ruiz," has the name as apposition
            for child in linked:
                other = by_token.get(child.i)
                if other is not None and other.entity.code != "UNK" and other is not mention:
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


def localised(doc: Doc, mention: ActorMention) -> ActorMention:
    """A local actor ("the regional governor", "residents", "gangs") takes the country of
    the article's places, once `eventwire_places` has run and one country dominates them:
    when it has no code, and for local groups also over the article's main country."""
    sector = mention.entity.sector
    if mention.entity.code != "UNK":
        from_main = (mention.start, mention.end) in doc.user_data.get(MAIN_FALLBACK, ())
        if not (from_main and (sector in _LOCAL_GROUP_SECTORS or _local_office(mention))):
            return mention
    elif sector not in _PLACE_SECTORS:
        return mention
    code = places_country(doc)
    if code is None:
        return mention
    entity = replace(mention.entity, code=code)
    return ActorMention(mention.start, mention.end, entity, mention.kind)


def _local_office(mention: ActorMention) -> bool:
    """Whether the mention names a town's or region's office ("the regional governor")."""
    words = mention.entity.entity_text.lower().removeprefix("the ").strip()
    return words in lexicon.local_offices()


def places_country(doc: Doc) -> str | None:
    """`dominant(_place_countries(doc))`, counted once per doc (asked once per actor)."""
    table = memo(doc, "places_country", depends=doc._.places)
    dateline = doc._.dateline_place
    if table.get("dateline", table) is not dateline:
        table["dateline"], table["code"] = dateline, dominant(_place_countries(doc))
    code: str | None = table["code"]
    return code


def _place_countries(doc: Doc) -> Counter[str]:
    """Countries of the article's literal places; the dateline place counts twice."""
    counts: Counter[str] = Counter(
        p.place.country_code for p in doc._.places or () if p.literal and p.place.country_code
    )
    dateline = doc._.dateline_place
    if dateline is not None and dateline.country_code:
        counts[dateline.country_code] += 2
    return counts
