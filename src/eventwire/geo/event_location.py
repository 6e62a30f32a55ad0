"""The event's place: which of the toponyms found by `places` an event happened at.

The place follows the trigger's arguments in the parse: a place hanging off the trigger by
a locative preposition ("shelled positions near X"), through the object's own name ("shelled
the city of X", "east of the town of X"), or, weaker, as the destination of the action
("travelled to X", "sent troops to X"). A place in the subject ("Ukraine's Foreign Ministry
said") or in a possessive is not where the event happened. A sentence that opens with "In X,"
sets the place of every event in it. Without a place in the sentence, "the city" / "there"
refer back to the last place named, and then the main place of the paragraph or the article
so far is used; last, the dateline's country.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import replace

from spacy.tokens import Doc, Span, Token

from eventwire.extraction.doctables import doc_text, sentence_number, sentence_of, sentences
from eventwire.extraction.mentions import PlaceMention
from eventwire.geo.gazetteer import Gazetteer
from eventwire.records import Place

#: Prepositions that put an event at a place (the event-location rule).
EVENT_PREPS: frozenset[str] = frozenset(
    {"in", "at", "near", "around", "outside", "across", "on", "inside", "throughout", "within",
     "into", "off", "along"}
)  # fmt: skip
#: Prepositions of a destination: weaker evidence, used when no locative place is attached.
DESTINATION_PREPS = frozenset({"to", "toward", "towards"})
#: Nouns whose "of" passes a place up: "the city of X", "east of X", "the outskirts of X".
OF_HEADS: frozenset[str] = frozenset(
    {"city", "town", "village", "port", "capital", "province", "region", "district", "state",
     "department", "governorate", "oblast", "county", "municipality", "area", "areas", "suburb",
     "suburbs", "neighbourhood", "neighborhood", "island", "camp", "enclave", "territory",
     "outskirts", "part", "parts", "edge", "centre", "center", "heart", "east", "west", "north",
     "south", "northeast", "northwest", "southeast", "southwest", "border", "vicinity"}
)  # fmt: skip
#: Definite nouns that refer back to a named settlement ("east of the city").
SETTLEMENT_ANAPHORS = frozenset({"city", "town", "village", "capital", "port"})
#: Definite nouns that refer back to a named area of any size ("to the territory").
AREA_ANAPHORS = frozenset({"territory", "region", "province", "island", "enclave", "country"})
ANAPHORS = SETTLEMENT_ANAPHORS | AREA_ANAPHORS
#: Prepositions of a topic or reason: a place below them is what the event is about
#: ("sanctions over missile supplies", "for use in X"), not where it happened; such a place
#: may still be the nearest place of the sentence.
TOPIC_PREPS = frozenset({"over", "about", "against", "for", "regarding", "concerning"})
SUBJECTS = frozenset({"nsubj", "nsubjpass", "csubj"})
#: How far back "the city" or "there" may look for the place it refers to (sentences).
ANAPHOR_REACH = 4

Reason = tuple[Place | None, str | None, str]


def _attachment(doc: Doc, mention: PlaceMention, trigger: Token) -> tuple[int, int, str] | None:
    """(strength, path length, preposition) when the place hangs off the trigger.

    Strength 0: a locative preposition or the object's own "of" ("the city of X");
    1: a destination ("to X"). The walk goes up from the place through nouns and open
    complements ("agreed to begin marking ... in X") and stops at any other verb, so a
    place in another clause never attaches.
    """
    cur = doc[mention.start : mention.end].root
    prep: str | None = None
    strength = 0
    for steps in range(1, 12):
        head = cur.head
        if head.i == cur.i:
            return None
        if cur.dep_ == "pobj" and prep is None:
            word = head.lower_
            if word in EVENT_PREPS or word == "of" and head.head.lower_ in OF_HEADS:
                prep = word if word != "of" else f"{head.head.text} of"
            elif word in DESTINATION_PREPS:
                prep, strength = word, 1
        if cur.dep_ == "prep" and cur.lower_ in TOPIC_PREPS:
            return None
        if head.i == trigger.i:
            if prep is None and steps == 1 and cur.dep_ == "dobj":
                prep = "object"  # "reached Geneina", "shelled Kharkiv"
            return (strength, steps, prep) if prep else None
        if head.pos_ in ("VERB", "AUX") and head.dep_ != "xcomp":
            return None
        if cur.dep_ in SUBJECTS or cur.dep_ == "poss" and not _place_owner(head):
            return None
        if cur.dep_ in ("compound", "amod") and head.lower_ in ANAPHORS and steps == 1:
            return None  # "the Pacific territory": the noun refers back, see `_anaphor`
        cur = head
    return None


def _place_owner(token: Token) -> bool:
    """ "Beirut's southern suburbs", "Russia's Kursk region": a possessive that locates."""
    return token.lower_ in OF_HEADS or token.pos_ == "PROPN"


def _subject_tokens(trigger: Token) -> set[int]:
    """Tokens of the subjects of the trigger and of the verbs above it, without their clauses.

    "Ukraine's Foreign Ministry" or "the government in Paris" says who acted, not where;
    a clause inside the subject ("rebels who control Goma") may still say where.
    """
    found: set[int] = set()
    for verb in [trigger, *trigger.ancestors]:
        for child in verb.children:
            if child.dep_ in SUBJECTS:
                found.update(_nominal(child))
    return found


def _nominal(token: Token) -> list[int]:
    """Token indices of a noun phrase, leaving out relative and other verb clauses."""
    out = [token.i]
    for child in token.children:
        if child.pos_ not in ("VERB", "AUX"):
            out.extend(_nominal(child))
    return out


def _sentence_frame(doc: Doc, sent: Span, in_sent: list[PlaceMention]) -> list[PlaceMention]:
    """Places in an opening "In X," / "At X," phrase: they frame every event of the sentence."""
    first = sent[0] if sent[0].is_alpha else sent[1] if len(sent) > 1 else sent[0]
    if first.lower_ not in ("in", "at"):
        return []
    framed = []
    for m in in_sent:
        tok = doc[m.start : m.end].root
        while tok.head.i != tok.i and tok.i != first.i and tok.pos_ not in ("VERB", "AUX"):
            tok = tok.head
        if tok.i == first.i:
            framed.append(m)
    return framed


def _recent_place(doc: Doc, sent: Span, *, settlement: bool) -> PlaceMention | None:
    """The last literal resolved place named before `sent`, within `ANAPHOR_REACH` sentences.

    Within the nearest sentence that has one, the most precise place wins ("Khan Younis in
    southern Gaza": there = Khan Younis).
    """
    number = sentence_number(doc, sent.start)
    sents = sentences(doc)[max(0, number - ANAPHOR_REACH) : number]
    for prev in reversed(sents):
        found = [
            m
            for m in doc._.places or []
            if prev.start <= m.start < prev.end
            and m.literal
            and m.place.resolution > 0
            and (not settlement or m.place.feature_class == "P")
        ]
        if found:
            return max(found, key=lambda m: (m.place.resolution, m.start))
    return None


def _anaphor(doc: Doc, trigger: Token) -> tuple[PlaceMention, str] | None:
    """ "the city" / "the territory" / "there" tied to the trigger, and the place it means."""
    sent = sentence_of(doc, trigger.i)
    for tok in sent:
        if tok.lower_ == "there" and tok.dep_ == "advmod" and tok.head.i == trigger.i:
            found = _recent_place(doc, sent, settlement=False)
            return (found, "there") if found else None
    for tok in sent:
        word = tok.lower_
        if word not in ANAPHORS or tok.pos_ != "NOUN":
            continue
        if not any(c.lower_ == "the" for c in tok.children):
            continue
        if any(c.dep_ == "prep" and c.lower_ == "of" for c in tok.children):
            continue  # "the city of X" names its place
        fake = PlaceMention(tok.i, tok.i + 1, Place(extracted_place=tok.text))
        if _attachment(doc, fake, trigger) is None and tok.head.i != trigger.i:
            continue
        found = _recent_place(doc, sent, settlement=word in SETTLEMENT_ANAPHORS)
        if found:
            return found, f"the {word}"
    return None


def _paragraph_start(doc: Doc, sent: Span) -> int:
    """Token index where the paragraph holding `sent` begins (a line break before it)."""
    cut = doc_text(doc).rfind("\n", 0, sent.start_char)
    if cut < 0:
        return 0
    span = doc.char_span(cut + 1, sent.start_char, alignment_mode="expand")
    return span.start if span is not None else sent.start


def _main_place(doc: Doc, start: int, before: int) -> Place | None:
    """The most frequent literal resolved place in tokens [start, before) (latest on ties)."""
    counts: Counter[int] = Counter()
    last: dict[int, tuple[int, Place]] = {}
    for m in doc._.places or []:
        if not start <= m.start < before or not m.literal or m.place.resolution == 0:
            continue
        key = m.place.geonameid or hash(m.place.resolved_place)
        counts[key] += 1
        last[key] = (m.start, m.place)
    if not counts:
        return None
    return last[max(counts, key=lambda k: (counts[k], -last[k][0]))][1]


def _span_text(doc: Doc, m: PlaceMention) -> str:
    return doc[m.start : m.end].text


def _in_sentence(doc: Doc, token: Token) -> Reason | None:
    sent = sentence_of(doc, token.i)
    in_sent = [m for m in doc._.places or [] if m.literal and sent.start <= m.start < sent.end]
    attached = [(m, a) for m in in_sent if (a := _attachment(doc, m, token)) is not None]
    if attached:
        m, (_s, _n, prep) = min(
            attached, key=lambda ma: (ma[1][0], -ma[0].place.resolution, ma[1][1])
        )
        return m.place, "event", f"'{_span_text(doc, m)}' is tied to '{token.text}' by '{prep}'"
    framed = _sentence_frame(doc, sent, in_sent)
    if framed:
        m = max(framed, key=lambda m: m.place.resolution)
        return m.place, "event", f"the sentence opens at '{_span_text(doc, m)}'"
    anaphor = _anaphor(doc, token)
    if anaphor is not None:
        m, word = anaphor
        return m.place, "event", f"'{word}' refers back to '{_span_text(doc, m)}'"
    subject = _subject_tokens(token)
    free = [
        m
        for m in in_sent
        if m.start not in subject and not _possessive(doc, m) and not _origin(doc, m)
    ]
    if free:
        inside = _qualifiers(doc, free)
        m = min(
            free,
            key=lambda m: (m.place.resolution == 0, m.start in inside, abs(m.start - token.i)),
        )
        return m.place, "event", f"'{_span_text(doc, m)}' is the nearest place in the sentence"
    return None


def _qualifiers(doc: Doc, found: list[PlaceMention]) -> set[int]:
    """Starts of places that only qualify another place ("Russia's Kursk region")."""
    owner = {i: m for m in found for i in range(m.start, m.end)}
    out: set[int] = set()
    for m in found:
        tok = doc[m.start : m.end].root
        for up in (tok.head, tok.head.head):
            if up.i in owner and owner[up.i] is not m:
                out.add(m.start)
    return out


def _possessive(doc: Doc, m: PlaceMention) -> bool:
    """ "Ukraine's ambassador": the place only qualifies a person or body."""
    if m.end >= len(doc) or doc[m.end].tag_ != "POS":
        return False
    return not _place_owner(doc[m.start : m.end].root.head)


def _origin(doc: Doc, m: PlaceMention) -> bool:
    """ "diplomats from Argentina, Chile and Peru": the place says where an actor comes from,
    not where the event happened."""
    tok = doc[m.start : m.end].root
    while tok.dep_ == "conj" and tok.head.i != tok.i:
        tok = tok.head
    prep = tok.head
    if tok.dep_ != "pobj" or prep.lower_ not in ("from", "of"):
        return False
    owner = prep.head.i
    return any(a.start <= owner < a.end for a in doc._.actors or ())


def event_place(doc: Doc, trigger: int, *, sentence_only: bool = False) -> Reason:
    """Where the event with trigger head token `trigger` happened: (place, location_role, reason).

    Rules, in order: a literal place tied to the trigger (see `_attachment`; locative before
    destination, then the most precise, then the closest); a sentence-opening "In X,"; "the
    city" / "there" referring back; another literal place in the sentence outside the
    subjects and possessives (the nearest); the main place of the paragraph so far, then of
    the article so far; the dateline's country. The dateline is never the event place at
    city level.
    """
    token = doc[trigger]
    found = _in_sentence(doc, token)
    if found is not None:
        return found
    if sentence_only:
        return None, None, "no place in the sentence"
    sent = sentence_of(doc, trigger)
    para = _paragraph_start(doc, sent)
    main = _main_place(doc, para, sent.start)
    where = "paragraph"
    if main is None:
        main, where = _main_place(doc, 0, sent.start), "article"
    if main is not None:
        reason = f"'{main.extracted_place}' is the {where}'s most frequent place so far"
        return main, "article", reason
    return _dateline_country(doc)


def _dateline_country(doc: Doc) -> Reason:
    dateline: Place | None = doc._.dateline_place
    if dateline is not None and dateline.country_code:
        country = Gazetteer.load().country(dateline.country_code)
        if country is not None:
            country = replace(country, extracted_place=dateline.extracted_place)
            return (
                country,
                "dateline",
                f"only the dateline '{dateline.extracted_place}' names a place: its country",
            )
    return None, None, "no place in the sentence, the article or the dateline"
