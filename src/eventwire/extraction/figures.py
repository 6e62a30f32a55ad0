"""Reported figures: numbers of people killed, injured, arrested, displaced, … kept as claims.

The `eventwire_figures` component sets `doc._.figures: list[FigureMention]`. A number becomes a
figure only when the parse ties it to a word of `data/figure_words.yaml` (its `anchor`): the
verb whose object or passive subject it counts ("killed at least three civilians", "three
people were killed"), or a noun that is itself the count ("a death toll of 40,000", "30 dead").
Numbers tied to nothing there (dates, ages, money, distances) are never figures; the number
spans, and the filter for those that cannot be counts, are `eventwire.extraction.figure_numbers`.
Which event a figure belongs to, and the size it gives, is `eventwire.extraction.figure_events`
(`figures_for_event` and `size_from_figures`, re-exported here).

How values are kept (the rule chosen, so consumers can rely on it):
- exact / approx: `value` is the number ("about 20" -> value 20, approx);
- at_least: `value` and `low` are the number; at_most: `value` and `high` are the number;
- range ("between 20 and 30", "20 to 30"): `value` None, `low` 20, `high` 30;
- vague quantities ("dozens", "hundreds", "tens of thousands"): `value` None, `low` the least
  the word can mean (24, 200, 20,000), qualifier approx;
- a share of a population ("most of the population of 2.3 million has been displaced"): the
  2.3 million is a denominator, not a count: `value` None, `high` 2,300,000, qualifier at_most,
  scope cumulative — all the text honestly says is that no more than that many were displaced.

`scope` is cumulative for running totals (a death toll not tied to one incident, "so far",
"since the war began", "in total", "the war has killed") and incident otherwise.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import lru_cache

from spacy.language import Language
from spacy.tokens import Doc, Token

from eventwire.extraction.doctables import sentence_of
from eventwire.extraction.figure_events import figures_for_event, size_from_figures
from eventwire.extraction.figure_numbers import is_non_count, number_spans
from eventwire.extraction.figure_words import (
    Amount,
    FigureWords,
    figure_values,
    load_words,
    parse_amount,
)
from eventwire.extraction.mentions import FigureMention
from eventwire.records import Entity, Figure

__all__ = ["figures_component", "find_figures", "figures_for_event", "size_from_figures"]

_CLAUSE_DEPS = frozenset({"ROOT", "ccomp", "advcl", "conj", "xcomp", "relcl", "parataxis", "acl"})
_ROLE_CHAIN = frozenset({"conj"})
#: How a number hangs on the noun it counts ("12 villagers"; the parser reads "Eleven
#: activists" as amod and "a dozen guards" as compound).
_NUMBER_DEPS = frozenset({"nummod", "quantmod", "amod", "compound"})
_TEXT_REACH = 8  # tokens: an anchor farther from the number stays out of `text`


@Language.component(
    "eventwire_figures",
    requires=["token.dep", "token.lemma"],
    assigns=["doc._.figures"],
)
def figures_component(doc: Doc) -> Doc:
    """spaCy component: set `doc._.figures` (see module docstring)."""
    doc._.figures = find_figures(doc)
    return doc


def find_figures(doc: Doc) -> list[FigureMention]:
    """Every reported count of people in `doc`, in text order."""
    words = load_words()
    found = [c for span in number_spans(doc, words) if (c := _candidate(doc, span, words))]
    anchors = [c.anchor for c in found]
    claimant = _claimant_function()
    mentions = []
    for cand in found:
        scope = _scope(doc, cand, anchors, words)
        claimed = claimant(doc, cand.anchor) if claimant else None
        mentions.append(cand.mention(doc, scope=scope, claimed_by=claimed))
    return mentions


# --- anchors ------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Candidate:
    """A number tied to an anchor, before scope and claimant are known (token indices)."""

    start: int
    end: int
    anchor: int
    kind: str
    counted: int
    amount: Amount
    qualifier: str | None
    q_start: int

    def mention(self, doc: Doc, *, scope: str, claimed_by: Entity | None) -> FigureMention:
        lo, hi = _text_bounds(doc, self)
        value, low, high, qualifier = figure_values(self.amount, self.qualifier)
        figure = Figure(
            kind=self.kind,
            value=value,
            low=low,
            high=high,
            qualifier=qualifier,
            scope=scope,
            claimed_by=claimed_by,
            text=doc[lo:hi].text,
        )
        return FigureMention(start=lo, end=hi, anchor=self.anchor, figure=figure)


def _candidate(doc: Doc, span: tuple[int, int], words: FigureWords) -> _Candidate | None:
    start, end = span
    head = _span_head(doc, start, end)
    if is_non_count(doc, start, end, head, words):
        return None
    amount = parse_amount([t.lower_ for t in doc[start:end]], words)
    if amount is None:
        return None
    counted = head.head if head.dep_ in _NUMBER_DEPS and head.head.i >= end else head
    prep = counted.head
    if (
        counted.dep_ == "pobj"
        and prep.lower_ == "of"
        and prep.head.lemma_.lower() in words.total_nouns
    ):
        counted = prep.head  # "a total of 85 protesters": the total is what the verb counts
    denominator = _population_share(counted, words)
    if denominator is not None:
        counted, amount = denominator, Amount(high=amount.value or amount.high)
    found = _anchor_of(counted, words)
    if found is None or counted.lemma_.lower() in words.things:
        return None
    qualifier, q_start = _qualifier(doc, start, head, words)
    prefix = doc[start - 1].lower_ if start > 0 else ""
    if amount.value and prefix in words.vague_prefixes and doc[start].lower_ in words.multipliers:
        # "a few thousand", "several hundred": vague, at least prefix × multiplier
        amount = Amount(low=amount.value * words.vague_prefixes[prefix])
        q_start = start - 2 if start > 1 and doc[start - 2].lower_ == "a" else start - 1
    if start > 0 and doc[start - 1].lower_ == "no" and amount.value == 1:
        amount, q_start = Amount(value=0), start - 1
    return _Candidate(
        start=start,
        end=end,
        anchor=found[0].i,
        kind=found[1],
        counted=counted.i,
        amount=amount,
        qualifier=qualifier,
        q_start=q_start,
    )


def _span_head(doc: Doc, start: int, end: int) -> Token:
    for token in doc[start:end]:
        if token.dep_ == "det" and token.i + 1 < end:  # the "a" of "a dozen"
            continue
        if not start <= token.head.i < end or token.head.i == token.i:
            return token
    return doc[end - 1]


def _population_share(counted: Token, words: FigureWords) -> Token | None:
    """For "most of the population of 2.3 million", the share word ("most"), else None."""
    prep = counted.head
    if counted.dep_ != "pobj" or prep.lower_ != "of":
        return None
    population = prep.head
    if population.lemma_.lower() not in words.population_nouns:
        return None
    outer = population.head
    if population.dep_ == "pobj" and outer.lower_ == "of" and outer.head.lower_ in words.shares:
        return outer.head
    return population


def _anchor_of(counted: Token, words: FigureWords) -> tuple[Token, str] | None:
    """The word the count is attached to, and its kind; None when it is not a count of people."""
    kind = words.noun_kind(counted)
    if kind:
        return counted, kind
    for child in counted.children:
        if child.dep_ in ("acl", "amod") and (kind := words.modifier_kind(child)):
            return child, kind
    role = counted
    while role.dep_ in _ROLE_CHAIN and role.head.i != role.i:
        role = role.head
    return _verb_anchor(role, words) or _toll_anchor(role, words)


def _verb_anchor(role: Token, words: FigureWords) -> tuple[Token, str] | None:
    found = _verb_role(role, words)
    if found and found[0].pos_ == "VERB" and _or_partner(found[0], words) not in (None, found[1]):
        return found[0], "casualties"  # "killed or wounded 20": the split is unknown
    return found


def _or_partner(verb: Token, words: FigureWords) -> str | None:
    """Kind of a verb joined to `verb` by "or" ("killing or wounding"), else None."""
    pairs = [(verb, c) for c in verb.children if c.dep_ == "conj"]
    if verb.dep_ == "conj":
        pairs.append((verb.head, verb))
    for first, second in pairs:
        if any(c.lower_ == "or" for c in first.children if c.dep_ == "cc"):
            lemma = (second if first is verb else first).lemma_.lower()
            return words.object_verbs.get(lemma) or words.subject_verbs.get(lemma)
    return None


def _verb_role(role: Token, words: FigureWords) -> tuple[Token, str] | None:
    verb, dep, lemma = role.head, role.dep_, role.head.lemma_.lower()
    if dep in ("dobj", "nsubjpass") and lemma in words.object_verbs:
        return verb, words.object_verbs[lemma]
    if dep not in ("nsubj", "dobj"):
        return None
    # "40 remain missing", "left 30 dead"
    for child in verb.children:
        if child.dep_ in ("acomp", "oprd") and (kind := words.modifier_kind(child)):
            return child, kind
    if dep == "dobj":
        return None
    if lemma in words.subject_verbs:
        return verb, words.subject_verbs[lemma]
    # "45 wounded": a reduced passive that the parser reads as an active verb without object.
    if lemma in words.object_verbs and not any(c.dep_ == "dobj" for c in verb.children):
        return verb, words.object_verbs[lemma]
    return None


def _toll_anchor(role: Token, words: FigureWords) -> tuple[Token, str] | None:
    """A number that is the value of a count noun: "a toll of 40,000", "the toll rose to 25",
    "the toll is nearing 40,000", "bringing the toll to 40,000"."""
    holder = role.head
    if role.dep_ == "pobj":
        if holder.lower_ == "of" and (kind := words.noun_kind(holder.head)):
            return holder.head, kind
        if holder.lower_ not in ("to", "at"):
            return None
        holder = holder.head
    elif role.dep_ not in ("dobj", "attr", "oprd"):
        return None
    # The parser often hangs "to 40,000" on a nested clause ("since the war began to 40,000"):
    # look one clause up too.
    for verb in (holder, holder.head) if holder.dep_ in ("advcl", "relcl") else (holder,):
        for child in verb.children:
            if child.dep_ in ("nsubj", "nsubjpass", "dobj") and (kind := words.noun_kind(child)):
                return child, kind
    return None


def _qualifier(doc: Doc, start: int, head: Token, words: FigureWords) -> tuple[str | None, int]:
    """The qualifier phrase right before the number (longest match), else one from the verb
    governing it ("nearing 40,000"); with the token where the phrase starts."""
    sent_start = sentence_of(doc, start).start
    for length in range(words.max_qualifier_len, 0, -1):
        q_start = start - length
        if q_start < sent_start:
            continue
        phrase = " ".join(t.lower_ for t in doc[q_start:start])
        if phrase in words.qualifiers:
            return words.qualifiers[phrase], q_start
    governor = head.head.head if head.dep_ == "pobj" else head.head
    return words.verb_qualifiers.get(governor.lemma_.lower()), start


# --- scope, text, claimant ----------------------------------------------------------------


def _clause_head(token: Token) -> Token:
    while token.dep_ not in _CLAUSE_DEPS and token.head.i != token.i:
        token = token.head
    return token


def _clause_region(doc: Doc, anchor: int, others: Sequence[int]) -> list[Token]:
    """The anchor's clause, less nested clauses that carry figures of their own."""
    head = _clause_head(doc[anchor])
    lo, hi = head.left_edge.i, head.right_edge.i
    cut: list[tuple[int, int]] = []
    for other in others:
        if other == anchor or not lo <= other <= hi:
            continue
        sub = _clause_head(doc[other])
        inside = sub.left_edge.i <= anchor <= sub.right_edge.i
        if sub.i != head.i and lo <= sub.i <= hi and not inside:
            cut.append((sub.left_edge.i, sub.right_edge.i))
    return [t for t in doc[lo : hi + 1] if not any(a <= t.i <= b for a, b in cut)]


def _scope(doc: Doc, cand: _Candidate, anchors: Sequence[int], words: FigureWords) -> str:
    anchor = doc[cand.anchor]
    if cand.counted != cand.start and doc[cand.counted].lower_ in words.shares:
        return "cumulative"
    if anchor.lemma_.lower() in words.toll_nouns:
        return "incident" if _tied_to_incident(anchor, words) else "cumulative"
    region = _clause_region(doc, cand.anchor, anchors)
    lowers = [t.lower_ for t in region]
    if any(w in words.cumulative_words for w in lowers):
        return "cumulative"
    joined = " " + " ".join(lowers) + " "
    if any(f" {p} " in joined for p in words.cumulative_phrases):
        return "cumulative"
    return "cumulative" if _war_tied(anchor, region, words) else "incident"


def _tied_to_incident(toll: Token, words: FigureWords) -> bool:
    for child in toll.children:
        objs = list(child.children) if child.dep_ == "prep" else [child]
        if any(o.lemma_.lower() in words.incident_nouns for o in objs):
            return True
    return False


def _war_tied(anchor: Token, region: Sequence[Token], words: FigureWords) -> bool:
    """ "The war has killed …", "… killed in the conflict": a total over a whole war."""
    for token in region:
        if token.lemma_.lower() not in words.war_nouns:
            continue
        if token.dep_ == "nsubj" and token.head.i == anchor.i:
            return True
        if token.dep_ == "pobj" and token.head.head.i == anchor.i:
            return True
    return False


def _text_bounds(doc: Doc, cand: _Candidate) -> tuple[int, int]:
    """Token bounds of the figure's phrase: qualifier, number, counted noun and, when near,
    the anchor with its compounds ("death toll")."""
    lo, hi = min(cand.q_start, cand.start), cand.end
    sent = sentence_of(doc, cand.start)
    for i in (cand.counted, cand.anchor):
        token = doc[i]
        left = min([token.i] + [c.i for c in token.lefts if c.dep_ in ("compound", "amod")])
        if sent.start <= left and lo - _TEXT_REACH <= left and token.i < hi + _TEXT_REACH:
            lo, hi = min(lo, left), max(hi, token.i + 1)
    return lo, hi


@lru_cache(maxsize=1)
def _claimant_function() -> Callable[[Doc, int], Entity | None] | None:
    """`attribution.claimant`, imported lazily: the module may be absent in a partial install."""
    try:
        from eventwire.extraction.attribution import claimant
    except ImportError:
        return None
    return claimant
