"""People named in the text whom the lexicon does not know: the persons of the actors stage.

The small model's NER misses many names and tags some leaders as places, so a name is a
PERSON entity, a run of two or three capitalised proper nouns outside other entities, or a
lone word that is the surname of someone named elsewhere or of a leader in `leaders.tsv`.
"""

from __future__ import annotations

from spacy.attrs import ENT_TYPE, IS_TITLE, POS
from spacy.symbols import NOUN, PROPN
from spacy.tokens import Doc

from eventwire.extraction import lexicon
from eventwire.extraction.doctables import token_texts
from eventwire.extraction.mentions import ActorMention
from eventwire.records import Entity


def find_persons(doc: Doc, mentions: list[ActorMention], taken: bytearray) -> list[ActorMention]:
    """People outside the `taken` tokens (`mentions`, names of the lexicon), as kind
    "person" with code UNK; a titled mention's name makes its surname a person elsewhere.

    PERSON entities, plus what the small model's NER misses: runs of two or three
    capitalised proper nouns outside other entities ("Ana Ruiz"), and a lone proper noun
    equal to the surname of a person named elsewhere in the article ("Ruto").
    """
    spans = [ent for ent in doc.ents if ent.label_ == "PERSON"]
    # Every word of a full name: family names come first in some ("Yoon" of "Yoon Suk Yeol").
    idents = [m.entity.identifier_text or "" for m in mentions if m.kind == "title"]
    surnames = {w for ident in idents for w in ident.split() if w[:1].isupper()}
    surnames |= {t.text for ent in spans for t in ent}
    leader_names = lexicon.leader_surnames()  # "Putin said": a leader named alone
    # One pass over arrays: making a Token per word is slow. The small model often tags a
    # leader's surname as a place or a common noun ("Blinken" GPE, "Trump" NOUN): the list
    # decides.
    names = _name_flags(doc, leader_names)
    i, n = 0, len(doc)
    while i < n:
        j = i
        while j < n and j - i < 3 and names[j]:
            j += 1
        lone = j - i == 1 and (doc[i].text in surnames or doc[i].text in leader_names)
        if j - i >= 2 or lone:
            spans.append(doc[i:j])
        i = max(j, i + 1)
    out: list[ActorMention] = []
    for span in sorted(spans, key=lambda s: s.start):
        if not any(taken[span.start : span.end]):
            taken[span.start : span.end] = b"\x01" * len(span)
            entity = Entity(span.text, "UNK", "UNK", span.text)
            out.append(ActorMention(span.start, span.end, entity, "person"))
    return out


def _name_flags(doc: Doc, leader_names: frozenset[str]) -> list[bool]:
    """Per token: a capitalised proper noun outside other entities than PERSON, or a
    leader's surname tagged a proper or common noun."""
    person = doc.vocab.strings["PERSON"]
    rows = doc.to_array([POS, IS_TITLE, ENT_TYPE]).tolist()
    return [
        (pos == PROPN and bool(title) and ent in (0, person))
        or (text in leader_names and pos in (PROPN, NOUN))
        for (pos, title, ent), text in zip(rows, token_texts(doc), strict=True)
    ]
