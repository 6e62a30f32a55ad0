"""How alike two items (`features.Item`) are: hard blocking, then a soft score.

`compatible` is the hard blocking (dates within `DATE_SLACK` days, overlapping actor
countries; anything unknown is compatible); `score` the soft agreement in [0, 1] of two
compatible items, where a conflicting place, another quad or category, another trigger
word or names the other report never mentions only lower the score (`PENALTIES`).

Measured on the ECB+ dev topics (bench/coref_eval.py): two reports of one story tell
several actions (the quake, the deaths, the rescue). Of the pairs of mentions of one
action in two articles, 93% get the same category from us and 56% share a trigger stem;
of the pairs of two actions of one story, 40% and 10%: hence the penalties for another
category or trigger. Trigger words without a stem in common are looked up in the act
groups of dedup_words.yaml (`features.acts`): "shot" and "gunfire" name one act and are
not penalised, "shot" and "killed" name two and are penalised harder (`other_act`). Two
events of one article telling different acts are never clustered together
(`same_article_conflict`). Look-alike stories (another quake elsewhere) are told apart
by their names (`name_coverage`) and by the stories of their articles
(`eventwire.dedup.stories`, the `story` penalty, waived for one act on one day at one
place, `same_scene`); two acts done to different named
people by the `patient` penalty (`patient_agreement`; the clusterer also bars such
clusters, see `eventwire.dedup.clusterer`).

B3 figures below are over every annotated ECB+ mention (`event_level_all_sentences`).
The `trigger`, `other_act` and `story` factors were chosen with `bench/coref_eval.py
--sweep` on the ECB+ dev topics and the synthetic set together: ECB+ B3 F1 went from 0.708
(trigger 0.7, no act groups, no story factor) to 0.725, the synthetic set staying at
precision and recall 1.0; stronger factors (trigger 0.45) cost synthetic recall (0.63 at
JOIN 0.44) for no ECB+ gain. Most B3 precision still lost is several acts of one story
with the same trigger or in one cluster through reports that name no one. `patient` 0.5
(with the clusterer's recipient bar) raised B3 F1 from 0.732 to 0.738; 0.3 gave the same,
0.7 and 1.0 0.732: on its own a pair factor does little, as a cluster is joined through
its best-scoring member, often one whose recipient went unnamed.
"""

from __future__ import annotations

import datetime as dt
import math

from eventwire.dedup.features import Item, act_groups, cosine
from eventwire.geodesy import km

#: Days of tolerance on each side of a date interval.
DATE_SLACK = 2
#: Two places closer than this are the same place.
NEAR_KM = 50.0
#: Places at least this fine (3 district, 4 city, 5 sub-city) are compared by distance.
FINE = 3

# -- blocking ------------------------------------------------------------------------------


def dates_compatible(a: Item, b: Item) -> bool:
    """Intervals within `DATE_SLACK` days of each other; an unknown date fits anything."""
    if a.date is None or b.date is None:
        return True
    slack = dt.timedelta(days=DATE_SLACK)
    a_end, b_end = a.enddate or a.date, b.enddate or b.date
    return a.date - slack <= b_end and b.date - slack <= a_end


def place_agreement(a: Item, b: Item) -> float:
    """1 for the same place (within `NEAR_KM`, or the same province when either is coarse),
    0 for places that conflict, 0.5 when one is unknown or only the country is known."""
    if not a.country or not b.country:
        return 0.5
    if a.country != b.country:
        return 0.0
    both_fine = a.resolution >= FINE and b.resolution >= FINE
    if both_fine and None not in (a.lat, a.lon, b.lat, b.lon):
        return 1.0 if km(a.lat or 0, a.lon or 0, b.lat or 0, b.lon or 0) <= NEAR_KM else 0.0
    if a.province and b.province and a.resolution >= 2 and b.resolution >= 2:
        return 1.0 if a.province == b.province else 0.0
    return 0.5


def actors_compatible(a: Item, b: Item) -> bool:
    """The countries involved overlap (either side with none known fits anything)."""
    sides_a, sides_b = a.actors | a.recipients, b.actors | b.recipients
    return not sides_a or not sides_b or bool(sides_a & sides_b)


def same_article_conflict(a: Item, b: Item) -> bool:
    """Two events of one article telling different acts: another category, or trigger
    words with no stem in common that name no common act (`features.acts`). Such a pair
    is never put in one cluster, whoever links them (see `clusterer`)."""
    if a.article_id != b.article_id:
        return False
    if a.category != b.category:
        return True
    if not a.trigger or not b.trigger or a.trigger & b.trigger:
        return False
    return not act_groups(a.trigger) & act_groups(b.trigger)


def compatible(a: Item, b: Item) -> bool:
    """The hard blocking: dates and actor countries. Quad and place are only scored
    (`score_parts`): our extraction often codes two reports of one event in different
    quads, or resolves their place at different granularities."""
    return dates_compatible(a, b) and actors_compatible(a, b)


# -- scoring -------------------------------------------------------------------------------

#: Weights of the word evidence in `score` (they sum to 1): the article's heaviest words,
#: the event sentence's words, its names and numbers.
WEIGHTS = {"article": 0.45, "sentence": 0.4, "names": 0.15}
#: Article similarity that already counts in full (reports of one event share about half
#: of their weighted keywords; look-alike reports a fifth or less).
ARTICLE_FULL = 0.5
#: Factors applied to the word evidence when the two disagree on something (chosen with
#: the JOIN threshold, see `eventwire.dedup.clusterer`).
PENALTIES = {
    "other_quad": 0.4,
    "other_category": 0.5,  # same quad
    "trigger": 0.55,  # same category, no trigger word in common
    "other_act": 0.45,  # ... and their words name different acts (`features.acts`)
    "place": 0.5,
    "figures": 0.8,
    "actors": 0.85,
    "names": 0.6,  # `name_coverage` under `COVERED`
    "story": 0.5,  # the two articles were placed in different stories
    "patient": 0.5,  # `patient_agreement` 0: done to other named people
}
#: Least `name_coverage` of two reports of one event.
COVERED = 0.5
#: Words of an item looked up to find its candidates (`probe_words`).
PROBE_KEYWORDS = 12
PROBE_TERMS = 5


def figure_agreement(a: Item, b: Item) -> float:
    """1 when a shared kind has the same number, 0 when numbers differ threefold, else 0.5."""
    shared = a.figures.keys() & b.figures.keys()
    if not shared:
        return 0.5
    ratios = [max(a.figures[k], b.figures[k]) / max(1, min(a.figures[k], b.figures[k]))
              for k in shared]  # fmt: skip
    worst = max(ratios)
    return 1.0 if worst == 1 else 0.0 if worst >= 3 else 0.5


def patient_agreement(a: Item, b: Item) -> float:
    """1 when the two acts were done to a common named recipient, 0 when both name their
    recipients and neither sentence names the other's (two arrests of two players), else
    0.5 (a recipient unnamed on either side says nothing)."""
    if not a.patients or not b.patients:
        return 0.5
    if a.patients & b.patients:
        return 1.0
    return 0.5 if a.patients & b.names or b.patients & a.names else 0.0


def name_agreement(a: Item, b: Item) -> float:
    """Cosine of the sentences' names weighted by rarity (0.5 when either has none): a
    name or number only one side has pulls it down, which keeps look-alikes apart."""
    if not a.names or not b.names:
        return 0.5
    shared = sum(a.terms.get(k, 1.0) * b.terms.get(k, 1.0) for k in a.names & b.names)
    if not shared:
        return 0.0
    norm_a = math.sqrt(sum(a.terms.get(k, 1.0) ** 2 for k in a.names))
    norm_b = math.sqrt(sum(b.terms.get(k, 1.0) ** 2 for k in b.names))
    return min(1.0, shared / (norm_a * norm_b))


def name_coverage(a: Item, b: Item) -> float:
    """How much of each sentence's names (weighted by rarity) the other report's article
    also names, the smaller of the two (0.5 when either sentence has none): a report of
    another event names its own town, leader or victims, which the first never mentions."""
    if not (a.names and b.names and a.context and b.context):
        return 0.5  # no names, or stored before articles' names were kept: no evidence
    return min(_covered(a, b), _covered(b, a))


def _covered(a: Item, b: Item) -> float:
    total = sum(a.terms.get(k, 0.1) for k in a.names)
    found = sum(a.terms.get(k, 0.1) for k in a.names if k in b.context or k in b.names)
    return found / total if total else 0.5


def score_parts(a: Item, b: Item) -> dict[str, float]:
    """Word evidence in [0, 1] and the agreement of the rest (1 agree, 0 conflict)."""
    return {
        "article": article_agreement(a, b),
        "sentence": cosine(a.terms, b.terms),
        "names": name_agreement(a, b),
        "quad": 0.5 if a.quad is None or b.quad is None else float(a.quad == b.quad),
        "category": float(a.category == b.category),
        "place": place_agreement(a, b),
        "figures": figure_agreement(a, b),
        "actors": 0.0 if a.actors and b.actors and not a.actors & b.actors else 1.0,
    }


def article_agreement(a: Item, b: Item) -> float:
    """Article similarity over `ARTICLE_FULL`, capped at 1."""
    if a.article_id == b.article_id:
        return 0.0  # two events of one article share it whole: only their sentences count
    return min(1.0, cosine(a.keywords, b.keywords) / ARTICLE_FULL)


def penalty(a: Item, b: Item) -> float:
    """The product of the `PENALTIES` of what two items disagree on, but for the names
    (the dearest part, which `score` applies only when still needed)."""
    factor = 1.0
    if a.quad is not None and b.quad is not None and a.quad != b.quad:
        factor *= PENALTIES["other_quad"]
    elif a.category != b.category:
        factor *= PENALTIES["other_category"]
    elif a.trigger and b.trigger and not a.trigger & b.trigger:
        factor *= _trigger_penalty(a, b)
    if place_agreement(a, b) == 0.0:
        factor *= PENALTIES["place"]
    if figure_agreement(a, b) == 0.0:
        factor *= PENALTIES["figures"]
    if a.actors and b.actors and not a.actors & b.actors:
        factor *= PENALTIES["actors"]
    if a.story and b.story and a.story != b.story and not same_scene(a, b):
        factor *= PENALTIES["story"]
    if patient_agreement(a, b) == 0.0:
        factor *= PENALTIES["patient"]
    return factor


def same_scene(a: Item, b: Item) -> bool:
    """Two reports of one act on one known day at one precise place with a trigger word in
    common ("shelled a market in Kharkiv on Monday" and "the barrage that hit a market in
    Kharkiv on Monday"): their articles' stories may differ (a follow-up with a new toll
    and new names), but that says nothing against the act being one."""
    one_day = a.date is not None and a.date == a.enddate == b.date == b.enddate
    fine = a.resolution >= FINE and b.resolution >= FINE
    return (
        one_day
        and fine
        and a.category == b.category
        and bool(a.trigger & b.trigger)
        and place_agreement(a, b) == 1.0
    )


def _trigger_penalty(a: Item, b: Item) -> float:
    """The penalty of two triggers without a stem in common: none when their words name
    one act ("shot", "gunfire"), `other_act` when they name different acts."""
    acts_a, acts_b = act_groups(a.trigger), act_groups(b.trigger)
    if acts_a & acts_b:
        return 1.0
    return PENALTIES["other_act"] if acts_a and acts_b else PENALTIES["trigger"]


def score(a: Item, b: Item, *, floor: float = 0.0) -> float:
    """Weighted word evidence (`WEIGHTS`) times the `penalty`; 0 as soon as it is clear
    the score stays under `floor` (the cheap parts first: most candidates stop there)."""
    factor = penalty(a, b)
    article = WEIGHTS["article"] * article_agreement(a, b)
    if factor * (article + WEIGHTS["sentence"] + WEIGHTS["names"]) < floor:
        return 0.0
    words = article + WEIGHTS["sentence"] * cosine(a.terms, b.terms)
    if factor * (words + WEIGHTS["names"]) < floor:
        return 0.0
    if name_coverage(a, b) < COVERED:
        factor *= PENALTIES["names"]
    return factor * (words + WEIGHTS["names"] * name_agreement(a, b))


def probe_words(item: Item) -> set[str]:
    """The words an item is indexed and looked up by: its article's `PROBE_KEYWORDS`
    heaviest words, its sentence's `PROBE_TERMS` rarest words and its names (common words
    would make every item a candidate of every other)."""
    return {*heaviest(item.keywords), *heaviest(item.terms, PROBE_TERMS), *item.names}


def heaviest(weights: dict[str, float], n: int = PROBE_KEYWORDS) -> list[str]:
    """The `n` heaviest words (ties by the word itself, so the choice is deterministic)."""
    return sorted(weights, key=lambda w: (-weights[w], w))[:n]


def why(a: Item, b: Item) -> str:
    """The agreement of two items in words, for `explanation.cluster`."""
    parts = score_parts(a, b)
    where = {1.0: "same place", 0.5: "no conflicting place", 0.0: "another place"}
    when = "overlapping dates" if a.date and b.date else "no conflicting date"
    quad = {1.0: "same quad", 0.5: "quad unknown", 0.0: "another quad"}[parts["quad"]]
    head = (
        f"joined event {b.event_id} (score {score(a, b):.2f}): {when},"
        f" {where[parts['place']]}, {quad}; sentence similarity {parts['sentence']:.2f},"
        f" names covered {name_coverage(a, b):.2f}"
    )
    if a.article_id == b.article_id:
        return head + ", same article"
    shared = sorted(a.keywords.keys() & b.keywords.keys(), key=lambda w: (-a.keywords[w], w))
    return (
        f"{head}, article similarity {cosine(a.keywords, b.keywords):.2f}"
        f" (heaviest shared words: {', '.join(shared[:6]) or 'none'})"
    )
