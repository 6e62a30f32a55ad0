"""The articles of one clustering run grouped by the happening they tell, best pairs first.

`Stories.add` places articles one at a time, so which of two look-alike happenings' reports
arrives first decides whether they merge: on ECB+ (no publication dates), the story F1 of one
ingest order was 0.91 and of seven shuffled orders 0.85-0.89. The articles a run clusters
together (`eventwire.dedup.assign`: one ingest, in runs of `config.CLUSTER_RUN` articles)
are grouped here instead by average linkage: the two groups whose articles are most alike
on average merge first, until no two groups average `GROUP_AT`. A report that names
neither happening's people nor year then goes with the happening it is most like as a
whole, not with whichever was told first, and the grouping does not depend on the order of
the run's articles (given the stories stored before the run; runs placed in another order
give other stories, as articles placed one at a time do).

Two articles are alike by the cosine of their `article_vector`s, names weighing
`NAMES_WEIGH` times more (`Member.compared`), times the penalties `Stories` applies to an
article against a story, here between the two articles (`pair_similarity`): other lead
people, another lead year, names the other never names; articles both dated more than
`STORY_DAYS` apart are not alike at all. Only articles sharing one of their heaviest words
are compared (the others count as 0 in the averages): a run of 1,000 generated reports
dated over 75 days groups in about 2 s; undated, every report of one subject meets most
others, 8 s and 120 MB (2,000: 32 s and 490 MB, hence `config.CLUSTER_RUN`).

An article that joins a story stored before the run is *anchored* to it (`group`'s
`anchors`): the group it ends in joins that story, and two groups anchored to different
stories never merge (stored stories do not merge here, see `Stories.absorbed` for strays).

`GROUP_AT` and `NAMES_WEIGH` were chosen on the ECB+ dev topics ingested as one run
(bench/coref_eval.py, stories pair F1): `GROUP_AT` 0.16 gave 0.893 with names weighing as
in the vector, 0.903 at 1.5 times and 0.909 at 2 (what articles of two look-alike
happenings share is their kind, "quake", "rubble", "rescuers": their names tell them
apart); `GROUP_AT` 0.14 merged look-alikes, 0.18 split reports of one happening (0.891),
0.2 more (0.863). The generated reports of the synthetic set (four sentences, three of them
boilerplate shared across reports) would want 0.2: at 0.16, 16% of the pairs of articles
its stories hold are of two look-alike events of one week (stories precision 0.84, 0.91
placed one at a time; their events stay apart).
"""

from __future__ import annotations

import heapq
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import date
from functools import cached_property

from eventwire.dedup.features import cosine, unit
from eventwire.dedup.scoring import heaviest

#: Least average similarity of two groups' articles for them to merge.
GROUP_AT = 0.16
#: How much more a name or number weighs when two articles are compared here than in
#: their `article_vector` (`features.NAME_BOOST`).
NAMES_WEIGH = 2.0


@dataclass(frozen=True)
class Member:
    """One article as stories compare it (see `features`: `article_vector`, `names`,
    `lead_people`, `lead_year`)."""

    article_id: str
    vector: dict[str, float]
    day: date | None = None
    named: frozenset[str] = frozenset()
    people: frozenset[str] = frozenset()
    year: str | None = None

    @cached_property
    def compared(self) -> dict[str, float]:
        """Its vector with its names weighing `NAMES_WEIGH` times more (unit length)."""
        return unit({k: w * NAMES_WEIGH if k in self.named else w for k, w in self.vector.items()})

    @cached_property
    def own_names(self) -> dict[str, float]:
        """The weights of its names in its vector."""
        return {k: w for k, w in self.vector.items() if k in self.named}


def pair_similarity(a: Member, b: Member, *, days: int, penalties: dict[str, float],
                    covered_at: float) -> float:  # fmt: skip
    """Cosine of two articles' `compared` vectors times each of `penalties` that applies:
    "names" when either names mostly (under `covered_at`) what the other never does, unless
    they share a lead person or their year; "people" when both lead with people and none in
    common; "year" when both have a year and not the same. 0 for articles dated more than
    `days` apart."""
    if a.day and b.day and abs((a.day - b.day).days) > days:
        return 0.0
    first, second = (a, b) if a.article_id <= b.article_id else (b, a)  # the same sum both ways
    similarity = cosine(first.compared, second.compared)
    if not similarity:
        return 0.0
    same_year = a.year is not None and a.year == b.year
    vouched = a.people & b.people or same_year
    if (
        not vouched
        and min(covered(a.own_names, b.named), covered(b.own_names, a.named)) < covered_at
    ):
        similarity *= penalties["names"]
    if a.people and b.people and not a.people & b.people:
        similarity *= penalties["people"]
    if a.year and b.year and a.year != b.year:
        similarity *= penalties["year"]
    return similarity


def covered(own_names: dict[str, float], held: set[str] | frozenset[str]) -> float:
    """The weight share of an article's names that `held` holds (1: it names none)."""
    full = sum(own_names.values())
    return sum(w for k, w in own_names.items() if k in held) / full if full else 1.0


def group(
    members: Sequence[Member],
    *,
    anchors: dict[int, str],
    similar: dict[tuple[int, int], float],
    join: float = GROUP_AT,
) -> list[list[int]]:
    """The groups of `members` (indexes, each group in index order, groups in the order of
    their first member) by average linkage over `similar` (index pairs `i < j` -> their
    similarity, missing: 0), merging while two groups average at least `join` and never
    two anchored to different stories (`anchors`: index -> stored story)."""
    groups, anchor = _anchored(len(members), anchors)
    sums = _cross_sums(groups, similar)
    names = {key: min(members[i].article_id for i in held) for key, held in groups.items()}
    heap: list[tuple[float, str, str, int, int, int, int]] = []
    version = dict.fromkeys(groups, 0)  # a group's pairs pushed before it grew are stale

    def push(a: int, b: int) -> None:
        if anchor.get(a) and anchor.get(b):
            return
        average = sums[a][b] / (len(groups[a]) * len(groups[b]))
        if average >= join:
            first, second = sorted((names[a], names[b]))
            heapq.heappush(heap, (-average, first, second, a, b, version[a], version[b]))

    for a in sums:
        for b in sums[a]:
            if a < b:
                push(a, b)
    while heap:
        _, _, _, a, b, va, vb = heapq.heappop(heap)
        if a not in groups or b not in groups or (version[a], version[b]) != (va, vb):
            continue  # merged or grown since it was pushed
        keep, gone = min(a, b), max(a, b)
        version[keep] += 1
        groups[keep] = sorted(groups[keep] + groups.pop(gone))
        if gone in anchor:
            anchor[keep] = anchor.pop(gone)
        names[keep] = min(names[keep], names.pop(gone))
        merged = sums.pop(gone)
        merged.pop(keep, None)
        own = sums[keep]
        own.pop(gone, None)
        for other, s in merged.items():
            own[other] = own.get(other, 0.0) + s
        for other in own:
            theirs = sums[other]
            theirs[keep] = own[other]
            theirs.pop(gone, None)
            push(min(keep, other), max(keep, other))
    return sorted(groups.values())


def _anchored(n: int, anchors: dict[int, str]) -> tuple[dict[int, list[int]], dict[int, str]]:
    """The starting groups of `n` members (by their first index): one per stored story the
    `anchors` name, holding the members anchored to it, and one per other member; and the
    story of each anchored group."""
    groups: dict[int, list[int]] = {}
    anchor: dict[int, str] = {}
    by_story: dict[str, int] = {}
    for i in range(n):
        story = anchors.get(i)
        key = by_story.setdefault(story, i) if story is not None else i
        groups.setdefault(key, []).append(i)
        if story is not None:
            anchor[key] = story
    return groups, anchor


def _cross_sums(
    groups: dict[int, list[int]], similar: dict[tuple[int, int], float]
) -> dict[int, dict[int, float]]:
    """For each group, the sum of its members' similarities with each other group's."""
    home = {i: key for key, held in groups.items() for i in held}
    sums: dict[int, dict[int, float]] = {key: {} for key in groups}
    for (i, j), s in similar.items():
        gi, gj = home[i], home[j]
        if gi != gj:
            sums[gi][gj] = sums[gi].get(gj, 0.0) + s
            sums[gj][gi] = sums[gj].get(gi, 0.0) + s
    return sums


def similarities(
    members: Sequence[Member],
    *,
    days: int,
    penalties: dict[str, float],
    covered_at: float,
    n: int = 12,
) -> dict[tuple[int, int], float]:
    """`pair_similarity` of each index pair `i < j` of members sharing one of their `n`
    heaviest words and not both dated more than `days` apart (pairs sharing a word are
    never 0: none is left out that `group` would count)."""
    index: dict[str, list[int]] = {}
    for i, member in enumerate(members):
        for word in heaviest(member.vector, n):
            index.setdefault(word, []).append(i)
    similar: dict[tuple[int, int], float] = {}
    for held in index.values():
        for i, j in _near_in_time(members, held, days):
            key = (i, j) if i < j else (j, i)
            if key not in similar:
                a, b = members[key[0]], members[key[1]]
                similar[key] = pair_similarity(
                    a, b, days=days, penalties=penalties, covered_at=covered_at
                )
    return similar


def _near_in_time(
    members: Sequence[Member], held: list[int], days: int
) -> Iterator[tuple[int, int]]:
    """The pairs of `held` not both dated more than `days` apart (an undated one pairs with
    every other)."""
    undated = [i for i in held if members[i].day is None]
    dated: list[tuple[date, int]] = sorted(
        (day, i) for i in held if (day := members[i].day) is not None
    )
    for x, i in enumerate(undated):
        yield from ((i, j) for j in undated[x + 1 :])
        yield from ((i, j) for _, j in dated)
    start = 0
    for end, (day, j) in enumerate(dated):
        while (day - dated[start][0]).days > days:
            start += 1
        yield from ((i, j) for _, i in dated[start:end])
