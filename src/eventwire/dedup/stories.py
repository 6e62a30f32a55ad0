"""Stories: the articles that report one real-world happening, grouped by their words.

An event cluster holds the reports of one action; one happening (a quake, a trial) is told
through several actions (the quake, the deaths, the rescue), each article coding a few of
them, often in another PLOVER category, and some articles code none. On the ECB+ dev
topics, the cluster holding most of an article's events matches a second report of the
same happening in a quarter of the pairs (and articles without events never match),
while grouping the articles themselves by their heaviest words (`article_vector`)
matches 0.85 of the pairs at precision 0.82 (bench/coref_eval.py, `article_level_stories`).

`Stories.add` puts each article, in ingest order, in the story whose members it is most
like (cosine with the sum of their vectors at least `STORY_AT`, dates within `STORY_DAYS`
when both are known; lowered when the story never named most of the article's names),
else in a new story named after it: deterministic, so replaying the articles in the same
order gives the same stories. `eventwire.dedup.assign` does this for each ingest batch and
stores each article's story (`article_stories`) and what each story holds (`story_state`,
`Stories.state` / `Stories.from_states`), so the next batch continues where it left off
and `recluster` gives the same stories; `stored_stories` reads them back.

`STORY_AT`, `STORY_COVERED` and `NAMES_PENALTY` were chosen on the ECB+ dev topics and
the synthetic set together: without the names, ECB+ F1 is 0.82 but synthetic look-alikes
merge (precision 0.42); with them ECB+ F1 0.84 and synthetic precision 0.91 (the mean
cosine to the members instead of the sum's: 0.82 and 0.89).
"""

from __future__ import annotations

import json
import math
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

import duckdb

from eventwire.dedup.scoring import heaviest
from eventwire.dedup.util import has_table
from eventwire.dedup.util import run as _run
from eventwire.store import Store

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


@dataclass
class Stories:
    """The stories of the articles added so far (see module docstring)."""

    sums: dict[str, dict[str, float]] = field(default_factory=dict)  # sum of member vectors
    norms: dict[str, float] = field(default_factory=dict)  # length of each sum
    spans: dict[str, tuple[date, date]] = field(default_factory=dict)  # dated members only
    index: dict[str, set[str]] = field(default_factory=dict)  # heavy word -> stories
    names: dict[str, set[str]] = field(default_factory=dict)  # every name of its members
    keys: dict[str, set[str]] = field(default_factory=dict)  # its words in `index`

    def state(self, story: str) -> str:
        """What `story` holds, as JSON for `story_state`."""
        span = self.spans.get(story)
        return json.dumps(
            {
                "sum": self.sums[story],
                "span": [span[0].isoformat(), span[1].isoformat()] if span else None,
                "names": sorted(self.names.get(story, ())),
                "keys": sorted(self.keys.get(story, ())),
            }
        )

    @classmethod
    def from_states(cls, rows: Iterable[tuple[str, Any]]) -> Stories:
        """The stories of `(story_id, state JSON)` rows written by `state`."""
        stories = cls()
        for story, raw in rows:
            state = json.loads(raw) if isinstance(raw, str) else raw
            stories.sums[story] = state["sum"]
            stories.norms[story] = _length(state["sum"])
            if state["span"]:
                low, high = state["span"]
                stories.spans[story] = (date.fromisoformat(low), date.fromisoformat(high))
            stories.names[story] = set(state["names"])
            stories.keys[story] = set(state["keys"])
            for word in state["keys"]:
                stories.index.setdefault(word, set()).add(story)
        return stories

    def add(
        self,
        article_id: str,
        vector: dict[str, float],
        *,
        day: date | None = None,
        named: frozenset[str] = frozenset(),
    ) -> str:
        """The story of a new article (`vector` from `features.article_vector`, `named`
        from `features.names`)."""
        heavy = heaviest(vector)
        own_names = {k: w for k, w in vector.items() if k in named}
        best, best_score = None, STORY_AT
        for story in sorted({s for word in heavy for s in self.index.get(word, ())}):
            if not self._in_time(story, day):
                continue
            total = self.sums[story]
            similarity = sum(w * total.get(k, 0.0) for k, w in vector.items())
            similarity /= self.norms[story] or 1.0
            if _covered(own_names, self.names[story]) < STORY_COVERED:
                similarity *= NAMES_PENALTY
            if similarity >= best_score and (best is None or similarity > best_score):
                best, best_score = story, similarity
        story = best or article_id
        self._put(story, vector, heavy, day)
        self.names.setdefault(story, set()).update(named)
        return story

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
        if day is not None:
            low, high = self.spans.get(story, (day, day))
            self.spans[story] = (min(low, day), max(high, day))
        for word in heavy:
            self.index.setdefault(word, set()).add(story)
            self.keys.setdefault(story, set()).add(word)


def _length(weights: dict[str, float]) -> float:
    """The length of a story's summed vector, from the sum alone (so a story read back from
    `story_state` scores exactly as the one that wrote it)."""
    return math.sqrt(sum(w * w for w in weights.values()))


def _covered(own_names: dict[str, float], held: set[str]) -> float:
    """The weight share of an article's names a story's members named (1: no names)."""
    full = sum(own_names.values())
    return sum(w for k, w in own_names.items() if k in held) / full if full else 1.0


def stored_stories(store: Store) -> dict[str, str]:
    """The story of every stored article (as ingest or `recluster` placed them)."""
    return dict(_run(store.con, "SELECT article_id, story_id FROM article_stories"))


def story_rows(
    con: duckdb.DuckDBPyConnection,
    *,
    since: date | None = None,
    min_articles: int = 2,
    limit: int | None = None,
) -> list[dict[str, Any]]:
    """Stories of at least `min_articles` articles (published on or after `since`), the
    largest and then the latest first: their articles, sources, dates, event clusters,
    titles and article ids (in publication order). Empty for a store never clustered."""
    if not has_table(con, "article_stories"):
        return []
    rows = _run(
        con,
        # the articles in the window, then per story their numbers, and the clusters of
        # their events (the same window for both)
        "WITH s AS (SELECT t.story_id, a.* FROM article_stories t JOIN articles a"
        "  USING (article_id) WHERE ? IS NULL OR a.published >= ?),"
        " c AS (SELECT s.story_id, count(DISTINCT e.cluster_id) AS n FROM s"
        "  JOIN events e USING (article_id) GROUP BY s.story_id)"
        " SELECT s.story_id, count(*) AS n_articles, count(DISTINCT s.publication),"
        " min(s.published), max(s.published) AS last, coalesce(any_value(c.n), 0),"
        " list(s.title ORDER BY s.published, s.article_id),"
        " list(s.article_id ORDER BY s.published, s.article_id)"
        " FROM s LEFT JOIN c USING (story_id)"
        " GROUP BY s.story_id HAVING count(*) >= ?"
        " ORDER BY n_articles DESC, last DESC NULLS LAST, s.story_id LIMIT ?",
        [since, since, min_articles, limit or 2**31 - 1],
    )
    keys = ("story_id", "n_articles", "n_sources", "first", "last", "n_clusters", "titles",
            "article_ids")  # fmt: skip
    out = []
    for row in rows:
        item = dict(zip(keys, row, strict=True))
        item["titles"] = [t for t in item["titles"] if t]
        for key in ("first", "last"):
            item[key] = item[key].isoformat() if item[key] else None
        out.append(item)
    return out
