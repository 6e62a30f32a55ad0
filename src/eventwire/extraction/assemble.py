"""Turn the event mentions on a parsed Doc into `Event` records.

Each mention gets its date (`date_for_event`), place (`event_place`) and figures
(`figures_for_event`) from the stages that own those decisions; this module only
combines them, applies the publication-date fallback, and writes the explanation.

`modality` "historical" (record.md) is decided here, because it needs the event's date:
an event the modality stage calls `asserted` becomes `historical` when the text dates it
(`date_basis` explicit or relative, never the publication fallback) and its `enddate`
lies more than `HISTORICAL_AFTER_DAYS` (31) days before publication — background outside
the reporting period of a news story ("in September 2023" in an April 2024 article, "had
been abducted in early July" in a November one). "Last week" and "last month" never
reach that far back, so recent events in the simple past stay `asserted`; future,
hypothetical and negated events keep their modality whatever their date.
"""

from __future__ import annotations

import hashlib
from datetime import date
from typing import Any

from spacy.tokens import Doc, Span

from eventwire.extraction.confidence import calibrated
from eventwire.extraction.dates import is_historical
from eventwire.extraction.doctables import memo, sentence_number, sentences
from eventwire.extraction.event_dates import date_for_event
from eventwire.extraction.figures import figures_for_event, size_from_figures
from eventwire.extraction.mentions import EventMention, TimeMention
from eventwire.geo.places import event_place
from eventwire.records import QUAD_CODES, Article, Entity, Event, Place, TextInfo, TextSpan


def build_events(doc: Doc, article: Article, *, coded: date) -> list[Event]:
    """The events of one article, in text order."""
    sents = sentences(doc)
    events = []
    for mention in doc._.events or []:
        number = sentence_number(doc, mention.trigger)
        events.append(_build_event(doc, mention, article, sents[number], number + 1, coded=coded))
    return events


def _build_event(
    doc: Doc, mention: EventMention, article: Article, sentence: Span, sequence: int, *, coded: date
) -> Event:
    time, date_reason = date_for_event(doc, mention.trigger)
    if time is not None and mention.modality == "asserted" and _after(time, article.published):
        # An asserted event cannot happen after its report: the date is that of a plan
        # ("agreed to meet next week" is AGREE, asserted, on the day it was reported).
        date_reason = f"{time.mention.text!r} lies after publication (a plan): publication date"
        time = None
    first, last, precision, basis, date_reason = _event_dates(time, article.published, date_reason)
    place, location_role, place_reason = event_place(doc, mention.trigger)
    figures = tuple(figures_for_event(doc, mention.trigger))
    modality = mention.modality
    if modality == "asserted" and time and is_historical(time.mention, article.published):
        modality = "historical"
    text_info = _text_info(sentence, article, sequence)
    trigger_words = " ".join(doc[i].text for i in mention.trigger_tokens)
    return Event(
        id=_event_id(article.article_id, doc[mention.trigger].idx, mention.category),
        date=first,
        enddate=last,
        event=(mention.category,),
        quad_code=QUAD_CODES[mention.category],
        actor=mention.actor,
        recipient=mention.recipient,
        event_loc=place,
        event_text=(trigger_words,),
        text=article.text[text_info.start : text_info.end],
        text_info=text_info,
        article=article,
        coded_date=coded,
        mode=mention.mode,
        context=mention.context,
        modality=modality,
        date_precision=precision,
        date_basis=basis,
        claimed_by=mention.claimed_by,
        size=size_from_figures(figures),
        figures=figures,
        location_role=location_role,
        confidence=calibrated(mention.confidence),
        spans=_spans(doc, mention, sentence, time, place, article.body_start),
        explanation={
            "event": f"{mention.category} from {mention.rule}",
            "actor": _describe_entities(mention.actor, "actor"),
            "recipient": _describe_entities(mention.recipient, "recipient"),
            "modality": modality,
            "place": place_reason,
            "date": date_reason,
        },
    )


def _after(time: TimeMention, published: date | None) -> bool:
    """Whether the time expression starts after publication (a day's slack for time zones)."""
    start = time.mention.date
    return published is not None and start is not None and (start - published).days > 1


def _event_dates(
    time: TimeMention | None, published: date | None, reason: str
) -> tuple[date | None, date | None, str, str, str]:
    """(date, enddate, precision, basis, reason), falling back to the publication day."""
    if time is not None and time.mention.date is not None:
        m = time.mention
        return m.date, m.enddate or m.date, m.precision, m.basis, reason
    if published is not None:
        why = reason if "publication" in reason else "no date in the text: publication date"
        return published, published, "day", "publication", why
    return None, None, "unknown", "unknown", "no date in the text and no publication date"


def _text_info(sentence: Span, article: Article, sequence: int) -> TextInfo:
    """Offsets of the sentence in the article text as given (the parse starts at body_start)."""
    stripped = sentence.text.rstrip()
    start = article.body_start + sentence.start_char
    return TextInfo(sequence=sequence, start=start, end=start + len(stripped))


def _event_id(article_id: str, trigger_offset: int, category: str) -> str:
    """Stable: the same article processed twice gives the same id."""
    key = f"{article_id}|{trigger_offset}|{category}".encode()
    return hashlib.sha1(key).hexdigest()[:20]


def _describe_entities(entities: tuple[Entity, ...], role: str) -> str:
    if not entities:
        return f"no {role} found"
    return "; ".join(
        f"{e.entity_text!r} → {e.code} {e.sector}"
        if e.entity_text
        else f"not named in the text → {e.identifier_text or 'unknown'}, {e.code} {e.sector} "
        "(the country of the places)"
        for e in entities
    )


def _spans(
    doc: Doc,
    mention: EventMention,
    sentence: Span,
    time: TimeMention | None,
    place: Place | None,
    offset: int,
) -> tuple[TextSpan, ...]:
    """Where the trigger, actors, recipients, place and date are named (article offsets).

    Actors and places are looked up among the mentions of the event's own sentence, so a
    place or actor that came from elsewhere (the article's main place) gets no span.
    """
    found = [_token_span(doc, "trigger", i, i + 1, offset) for i in mention.trigger_tokens]
    number = sentence_number(doc, sentence.start)
    actors = _by_sentence(doc, "actors", doc._.actors).get(number, ())
    for role, entities in (("actor", mention.actor), ("recipient", mention.recipient)):
        for actor in actors:
            if actor.entity in entities:
                found.append(_token_span(doc, role, actor.start, actor.end, offset))
    if place is not None:
        for named in _by_sentence(doc, "places", doc._.places).get(number, ()):
            if named.place == place:
                found.append(_token_span(doc, "place", named.start, named.end, offset))
    if time is not None and sentence.start <= time.start < sentence.end:
        found.append(_token_span(doc, "date", time.start, time.end, offset))
    return tuple(sorted(set(found), key=lambda s: (s.start, s.end, s.role)))


def _by_sentence(doc: Doc, name: str, found: list[Any] | None) -> dict[int, list[Any]]:
    """The mentions (`doc._.actors`, `doc._.places`) by sentence number, in their order."""
    table = memo(doc, "by_sentence:" + name, depends=found)
    if not table:
        for item in found or ():
            table.setdefault(sentence_number(doc, item.start), []).append(item)
    return table


def _token_span(doc: Doc, role: str, start: int, end: int, offset: int) -> TextSpan:
    span = doc[start:end]
    return TextSpan(role, span.start_char + offset, span.end_char + offset)
