"""Stories: the articles that report one real-world happening, grouped by their words.

An event cluster holds the reports of one action; one happening (a quake, a trial) is told
through several actions (the quake, the deaths, the rescue), each article coding a few of
them, often in another PLOVER category, and some articles code none. On the ECB+ dev
topics, the cluster holding most of an article's events matches a second report of the
same happening in a quarter of the pairs (and articles without events never match),
while grouping the articles themselves by their heaviest words (`article_vector`)
matches 0.91 of the pairs at precision 0.82 (bench/coref_eval.py, `article_level_stories`).

The articles clustered together (a run, see `eventwire.dedup.grouping`) are placed by
`Stories.add_run`: each article that joins a stored story (as `add` would, below) does,
and the run's articles are grouped by `grouping.group` with them, so the stories of a run
do not depend on its order. One article alone (a run of one, `add`) is placed as follows
(the kin below is looked for among the stories stored before the run only).

`Stories.add` puts each article, in ingest order, in the story whose members it is most
like (cosine with the sum of their vectors at least `STORY_AT`, dates within `STORY_DAYS`
when both are known; lowered when the story never named most of the article's names), else
in a new story named after it. The cosine is lowered too when the article's people
(`features.lead_people`: the people its top names) are none of those the story's members
lead with, or its year (`features.lead_year`) is none of theirs: the same kind of happening
to someone else or in another year. An early report often founds a story of its own before
the reports that tie it to the others arrive: when an article joins a story and scores as
high with such a stray (a story of `STRAY_SIZE` articles) that would itself join the story
as it now stands (and has a year of the story's, when both have years), the story takes the
stray in (`Stories.absorbed`; `eventwire.dedup.assign` moves the stray's articles to the
story in `article_stories` when it saves the run; in a run, strays are taken in once its
articles are placed). A story founded because of other people or
another year keeps the (stored) story it split from as its `kin`, and the events
of both are compared as of one story (`Stories.family`, `Item.story`): the event clusterer
tells acts apart by their own people and dates; not when it was founded for a year more than
`KIN_YEARS` from the other's, another happening of the same kind (two patches of one
browser years apart), whose background acts (the attacks both patches answer) would
otherwise join. The names penalty is waived for an article that leads with one of the
story's main people or names one of its years: a follow-up names the side people of its
day (a lawyer, a judge, a rescuer) the first reports did not. Deterministic, so replaying
the same runs gives the same stories. `eventwire.dedup.assign` does this for each run and
stores each article's story (`article_stories`) and what each story holds
(`story_state`, `Stories.state` / `Stories.from_states`), so the next run continues where
it left off and `recluster` gives the same stories;
`eventwire.dedup.story_store` reads them back.

The figures below are for articles placed one at a time (runs of one), event B3 over every
annotated ECB+ mention (`event_level_all_sentences`), all in the bench's one ingest order
(other orders: article F1 through stories 0.843-0.893 against 0.905; ingested as one run,
0.905 in that order and 0.894-0.905 in four others, see `grouping`).
`STORY_AT`, `STORY_COVERED` and `NAMES_PENALTY` were chosen on the ECB+ dev topics and
the synthetic set together: without the names, ECB+ F1 is 0.82 but synthetic look-alikes
merge (precision 0.42); with them ECB+ F1 0.84 and synthetic precision 0.91 (the mean
cosine to the members instead of the sum's: 0.82 and 0.89). Taking strays in raised ECB+
F1 to 0.86 (68 articles split off their happening's story down to 43, recall 0.85 to
0.91), synthetic precision unchanged; taking in stories of two or three articles, or
every stray the article scores `STORY_AT` with, cost more precision than it gained. The
remaining ECB+ errors are mostly look-alike happenings (two arrests of two players of one
team, two patches of one browser) merged through reports that name neither's people;
MiniLM vectors of the articles' leads told them apart worse than the words (candidate
ranking AUC 0.76 against 0.84), and the story's heaviest names missing from the article
did not help either. Lead people and years (round 2) took ECB+ precision 0.82 to 0.91 at
recall 0.91 to 0.88 (F1 0.862 to 0.893; look-alike sub-topic pairs merged 8 to 6, strays
43 to 61): either alone, or as a bar instead of a factor, split more reports of one
happening than it kept apart (people alone F1 0.86, a year alone 0.86-0.88 by the span
searched); factors 0.5-0.8 all gave 0.88-0.90. The people are those at the top (the first
200 characters; people named anywhere, or the most named, also count the ones quoted or
recalled and split reports of one happening). Strays of two articles raised ECB+ F1 to
0.90 but synthetic precision fell to 0.905 (its reports name no people and no year). Had
the events of stories split this way been compared as of other stories, event B3 would
have fallen from 0.741 to 0.728, hence `kin`. Waiving the names penalty for an article
sharing the story's lead person or year (round 3) took ECB+ stories F1 0.893 to 0.912
(strays 61 to 41, recall 0.88 to 0.92, precision unchanged; the person alone 0.905);
synthetic unchanged (its reports name no year, and each event its own commander). The
story's main cluster (`article_level_story_main`) joined two stories whose founders split
for another year (2013 against a story whose only year was 2000, read off "Windows 2000")
through one background cluster; `KIN_YEARS` 2 to 10 took it from 0.893 to 0.905 at event
B3 0.742 (1 drops the kin of reports two years apart of one happening: B3 0.737);
dropping kin once a story outgrows a stray cost B3 (0.731-0.733): the story's own events
then fell in two families.
"""

from __future__ import annotations

import json
import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from eventwire.dedup.grouping import Member, covered, group, similarities
from eventwire.dedup.scoring import heaviest

#: Least cosine of an article to the sum of a story's members (0.18 merges look-alike
#: stories, 0.3 splits reports of one).
STORY_AT = 0.22
#: Days a dated article may lie outside a story's dated span and still join it.
STORY_DAYS = 7
#: Least share of an article's names (by weight in its vector) a story must already hold,
#: and the factor applied to the cosine under it: reports of another happening of
#: the same kind name another town, leader or victim.
STORY_COVERED = 0.4
NAMES_PENALTY = 0.6
#: Factor on the cosine when the article names people at its top (`features.lead_people`)
#: and none of them is one most of the story's members that name some lead with: the same
#: kind of happening to someone else (another arrested player, another dead aide).
PEOPLE_PENALTY = 0.6
#: Factor on the cosine when the article's year (`features.lead_year`) is none of the
#: story's (an article or a story without a year never conflicts).
YEAR_PENALTY = 0.6
#: Years an article's year may lie from a story's for the story it founds to keep that
#: story as `kin` (further apart: another happening of the same kind).
KIN_YEARS = 2
#: Stories of at most this many articles are strays: an article that joins another story
#: while scoring at least `STORY_AT` with a stray as well brings the stray along.
STRAY_SIZE = 1


@dataclass
class Stories:
    """The stories of the articles added so far (see module docstring)."""

    sums: dict[str, dict[str, float]] = field(default_factory=dict)  # sum of member vectors
    norms: dict[str, float] = field(default_factory=dict)  # length of each sum
    spans: dict[str, tuple[date, date]] = field(default_factory=dict)  # dated members only
    index: dict[str, set[str]] = field(default_factory=dict)  # heavy word -> stories
    names: dict[str, set[str]] = field(default_factory=dict)  # every name of its members
    keys: dict[str, set[str]] = field(default_factory=dict)  # its words in `index`
    sizes: dict[str, int] = field(default_factory=dict)  # number of members
    absorbed: dict[str, list[str]] = field(default_factory=dict)  # story -> strays it took
    leads: dict[str, dict[str, int]] = field(default_factory=dict)  # person -> members
    led: dict[str, int] = field(default_factory=dict)  # members naming people at the top
    years: dict[str, set[str]] = field(default_factory=dict)  # its members' years
    kin: dict[str, str] = field(default_factory=dict)  # story -> the one it split from
    into: dict[str, str] = field(default_factory=dict)  # absorbed stray -> story that took it
    moved: set[str] = field(default_factory=set)  # strays absorbed since loading (not saved)

    def state(self, story: str) -> str:
        """What `story` holds, as JSON for `story_state`."""
        span = self.spans.get(story)
        return json.dumps(
            {
                "sum": self.sums[story],
                "span": [span[0].isoformat(), span[1].isoformat()] if span else None,
                "names": sorted(self.names.get(story, ())),
                "keys": sorted(self.keys.get(story, ())),
                "size": self.sizes.get(story, 1),
                "absorbed": self.absorbed.get(story, []),
                "leads": dict(sorted(self.leads.get(story, {}).items())),
                "led": self.led.get(story, 0),
                "years": sorted(self.years.get(story, ())),
                "kin": self.kin.get(story),
            }
        )

    @classmethod
    def from_states(cls, rows: Iterable[tuple[str, Any]]) -> Stories:
        """The stories of `(story_id, state JSON)` rows written by `state` (the rows of
        strays another story absorbed are left out)."""
        stories = cls()
        states = {s: json.loads(raw) if isinstance(raw, str) else raw for s, raw in rows}
        gone = {t for state in states.values() for t in state.get("absorbed", ())}
        for story, state in states.items():
            stories.into.update((stray, story) for stray in state.get("absorbed", ()))
            if story in gone:
                continue
            stories.sums[story] = state["sum"]
            # a state written before sizes were kept: never taken for a stray
            stories.sizes[story] = int(state.get("size", STRAY_SIZE + 1))
            if state.get("absorbed"):
                stories.absorbed[story] = list(state["absorbed"])
            stories.norms[story] = _length(state["sum"])
            if state["span"]:
                low, high = state["span"]
                stories.spans[story] = (date.fromisoformat(low), date.fromisoformat(high))
            stories.names[story] = set(state["names"])
            stories.keys[story] = set(state["keys"])
            for word in state["keys"]:
                stories.index.setdefault(word, set()).add(story)
            # states written before people and years were kept have none: no conflicts
            if state.get("leads"):
                stories.leads[story] = {k: int(n) for k, n in state["leads"].items()}
                stories.led[story] = int(state.get("led", 0))
            if state.get("years"):
                stories.years[story] = set(state["years"])
            if state.get("kin"):
                stories.kin[story] = state["kin"]
        return stories

    def add(
        self,
        article_id: str,
        vector: dict[str, float],
        *,
        day: date | None = None,
        named: frozenset[str] = frozenset(),
        people: frozenset[str] = frozenset(),
        year: str | None = None,
    ) -> str:
        """The story of a new article (`vector` from `features.article_vector`, `named`
        from `features.names`, `people` from `features.lead_people`, `year` from
        `features.lead_year`)."""
        member = Member(article_id, vector, day, named, people, year)
        return self.add_run([member])[article_id]

    def add_run(self, members: Sequence[Member]) -> dict[str, str]:
        """The story of each article of a run (`eventwire.dedup.grouping`): each joins the
        stored story it scores best with (at least `STORY_AT`), the others are grouped by
        `grouping.group` with them, and a group joined by none founds a story named after
        its smallest article id (whose kin it keeps). Strays are taken in once every group
        is placed, by story then stray id, so the stories and their kin do not depend on
        the run's order."""
        scores = [self._scores(m) for m in members]  # against the stories before the run
        anchors = {i: best for i, s in enumerate(scores) if (best := _best(s)) is not None}
        groups = [[0]] if len(members) == 1 else self._group(members, anchors)
        homes = []
        for held in groups:
            joined = next((anchors[i] for i in held if i in anchors), None)
            first = min(held, key=lambda i: members[i].article_id)
            founder = members[first]
            if joined is None and (founder.people or founder.year):
                # its kin among the stories as they stood before the run, whatever its order
                years = frozenset([founder.year] if founder.year else [])
                self._split_from(founder.article_id, founder.vector, founder.own_names,
                                 scores[first], years=years)  # fmt: skip
            homes.append((held, joined or founder.article_id))
        placed, takes = {}, []
        for held, story in homes:
            for i in held:
                member = members[i]
                years = frozenset([member.year] if member.year else [])
                self._put(story, member.vector, heaviest(member.vector), member.day)
                self.names.setdefault(story, set()).update(member.named)
                self._count(story, {p: 1 for p in member.people}, int(bool(member.people)), years)
                takes += [(story, stray) for stray, s in scores[i].items() if s >= STORY_AT]
                placed[member.article_id] = story
        for story, stray in sorted(takes):
            story = self._current(story)
            if stray != story and self._takes(story, stray):
                self._absorb(story, stray)
        return placed

    def _scores(self, member: Member) -> dict[str, float]:
        """`_score` of `member` with each story sharing one of its heaviest words that it
        is in time for."""
        years = frozenset([member.year] if member.year else [])
        own = member.own_names
        found = {s for word in heaviest(member.vector) for s in self.index.get(word, ())}
        return {
            story: self._score(story, member.vector, own, people=member.people, years=years)
            for story in sorted(found)
            if self._in_time(story, member.day)
        }

    def _group(self, members: Sequence[Member], anchors: dict[int, str]) -> list[list[int]]:
        """`grouping.group` of a run's articles, compared as `_score` compares an article
        with a story."""
        penalties = {"names": NAMES_PENALTY, "people": PEOPLE_PENALTY, "year": YEAR_PENALTY}
        similar = similarities(members, days=STORY_DAYS, penalties=penalties,
                               covered_at=STORY_COVERED)  # fmt: skip
        return group(members, anchors=anchors, similar=similar)

    def _current(self, story: str) -> str:
        """The story now holding `story`'s articles (a stray taken in since: its taker)."""
        while story not in self.sums and story in self.into:
            story = self.into[story]
        return story

    def family(self, story: str) -> str:
        """The story whose events `story`'s are compared with (`Item.story`): the one it
        split from when other people or another year kept its founder out of it, through
        the strays taken in (same events, the event clusterer tells their acts apart)."""
        seen = set()
        while story not in seen:
            seen.add(story)
            story = self.into.get(story) or self.kin.get(story) or story
        return story

    def _split_from(
        self,
        article_id: str,
        vector: dict[str, float],
        own_names: dict[str, float],
        scores: dict[str, float],
        *,
        years: frozenset[str],
    ) -> None:
        """Note as `kin` of the story `article_id` founds the story it would have joined
        but for other people or a year near one of its own (`KIN_YEARS`)."""
        best, best_score = None, STORY_AT
        for story in scores:
            if years and not _near_years(years, self.years.get(story, set())):
                continue
            similarity = self._score(story, vector, own_names)
            if similarity >= best_score and (best is None or similarity > best_score):
                best, best_score = story, similarity
        if best is not None:
            self.kin[article_id] = best

    def _takes(self, story: str, stray: str) -> bool:
        """Whether `story` (with the run's articles added) takes in `stray`: a story of at
        most `STRAY_SIZE` articles that would join it as one article would, and of one of
        its years when both have years (taken in on a third article's word, not against a
        year)."""
        if stray not in self.sums or self.sizes[stray] > STRAY_SIZE:
            return False  # taken in by another story earlier in the run
        years, held_years = self.years.get(stray), self.years.get(story)
        if years and held_years and not years & held_years:
            return False
        total = self.sums[stray]
        held = {k: w for k, w in total.items() if k in self.names[stray]}
        people = frozenset(self.leads.get(stray, ()))
        similarity = self._score(story, total, held, people=people)
        return similarity / (self.norms[stray] or 1.0) >= STORY_AT

    def _score(
        self,
        story: str,
        vector: dict[str, float],
        own_names: dict[str, float],
        *,
        people: frozenset[str] = frozenset(),
        years: frozenset[str] = frozenset(),
    ) -> float:
        """Cosine of an article to the sum of a story's members, times `NAMES_PENALTY` when
        the story never named most of the article's names (unless the article leads with
        one of the story's main people or names one of its years), `PEOPLE_PENALTY` when
        it leads with other people and `YEAR_PENALTY` when it holds other years."""
        total = self.sums[story]
        similarity = sum(w * total.get(k, 0.0) for k, w in vector.items())
        similarity /= self.norms[story] or 1.0
        main, held_years = self._main_people(story), self.years.get(story, set())
        # a follow-up leading with the story's person, or dated in its year, names the
        # side people of its day (a lawyer, a coach, a witness) the first reports did not
        vouched = people & main or years & held_years
        if not vouched and covered(own_names, self.names[story]) < STORY_COVERED:
            similarity *= NAMES_PENALTY
        if people and main and not people & main:
            similarity *= PEOPLE_PENALTY
        if years and held_years and not years & held_years:
            similarity *= YEAR_PENALTY
        return similarity

    def _main_people(self, story: str) -> set[str]:
        """The people at least half the story's members that name people lead with."""
        led = self.led.get(story, 0)
        return {p for p, n in self.leads.get(story, {}).items() if 2 * n >= led}

    def _count(self, story: str, leads: dict[str, int], led: int, years: Iterable[str]) -> None:
        """Add members' lead people (`leads`, from `led` members) and years to `story`."""
        if led:
            own = self.leads.setdefault(story, {})
            for person, n in leads.items():
                own[person] = own.get(person, 0) + n
            self.led[story] = self.led.get(story, 0) + led
        if years:
            self.years.setdefault(story, set()).update(years)

    def _absorb(self, story: str, stray: str) -> None:
        """Move the members of story `stray` into `story` (noted in `moved`, so that the
        batch's save moves its articles to `story`)."""
        total = self.sums[story]
        for word, weight in self.sums.pop(stray).items():
            total[word] = total.get(word, 0.0) + weight
        self.norms[story] = _length(total)
        del self.norms[stray]
        if stray in self.spans:
            low, high = self.spans.pop(stray)
            own = self.spans.get(story, (low, high))
            self.spans[story] = (min(low, own[0]), max(high, own[1]))
        for word in self.keys.pop(stray, ()):
            self.index[word].discard(stray)
            self.index[word].add(story)
            self.keys.setdefault(story, set()).add(word)
        self.names.setdefault(story, set()).update(self.names.pop(stray, ()))
        self.sizes[story] += self.sizes.pop(stray)
        self.absorbed.setdefault(story, []).append(stray)
        self.into[stray] = story
        self.moved.add(stray)
        leads, led = self.leads.pop(stray, {}), self.led.pop(stray, 0)
        self._count(story, leads, led, self.years.pop(stray, set()))

    def _in_time(self, story: str, day: date | None) -> bool:
        span = self.spans.get(story)
        if day is None or span is None:
            return True
        slack = timedelta(days=STORY_DAYS)
        return span[0] - slack <= day <= span[1] + slack

    def _put(
        self, story: str, vector: dict[str, float], heavy: list[str], day: date | None
    ) -> None:
        total = self.sums.setdefault(story, {})
        for word, weight in vector.items():
            total[word] = total.get(word, 0.0) + weight
        self.norms[story] = _length(total)
        self.sizes[story] = self.sizes.get(story, 0) + 1
        if day is not None:
            low, high = self.spans.get(story, (day, day))
            self.spans[story] = (min(low, day), max(high, day))
        for word in heavy:
            self.index.setdefault(word, set()).add(story)
            self.keys.setdefault(story, set()).add(word)


def _best(scores: dict[str, float]) -> str | None:
    """The story scoring highest, at least `STORY_AT` (ties: the first in `scores`)."""
    best, best_score = None, STORY_AT
    for story, similarity in scores.items():
        if similarity >= best_score and (best is None or similarity > best_score):
            best, best_score = story, similarity
    return best


def _length(weights: dict[str, float]) -> float:
    """The length of a story's summed vector, from the sum alone (so a story read back from
    `story_state` scores exactly as the one that wrote it)."""
    return math.sqrt(sum(w * w for w in weights.values()))


def _near_years(years: Iterable[str], held: set[str]) -> bool:
    """Whether some year of `years` is at most `KIN_YEARS` from one of `held` (no years
    held: near)."""
    return not held or any(abs(int(y) - int(h)) <= KIN_YEARS for y in years for h in held)


def final_story(absorbed: dict[str, list[str]]) -> dict[str, str]:
    """The story now holding each absorbed stray's members (`Stories.absorbed`, or the
    `absorbed` lists of the stored states)."""
    into = {stray: story for story, strays in absorbed.items() for stray in strays}
    out = {}
    for stray in into:
        story = into[stray]
        while story in into:  # a story that took a stray was taken in its turn
            story = into[story]
        out[stray] = story
    return out
