"""Stories: the articles that report one real-world happening, grouped by their words.

An event cluster holds the reports of one action; one happening (a quake, a trial) is told
through several actions (the quake, the deaths, the rescue), each article coding a few of
them, often in another PLOVER category, and some articles code none. On the ECB+ dev
topics, the cluster holding most of an article's events matches a second report of the
same happening in a quarter of the pairs (and articles without events never match),
while grouping the articles themselves by their heaviest words (`article_vector`)
matches 0.91 of the pairs at precision 0.82 (bench/coref_eval.py, `article_level_stories`).

`Stories.add` puts each article, in ingest order, in the story whose members it is most
like (cosine with the sum of their vectors at least `STORY_AT`, dates within `STORY_DAYS`
when both are known; lowered when the story never named most of the article's names),
else in a new story named after it. An early report often founds a story of its own
before the reports that tie it to the others arrive: when an article joins a story and
scores as high with such a stray (a story of `STRAY_SIZE` articles) that would itself
join the story as it now stands, the story takes the stray in (`Stories.absorbed`; the
stray's id lives on in `article_stories` and `stored_stories` / `story_rows` read it as
the story that took it). Deterministic, so replaying the articles in the same order
gives the same stories. `eventwire.dedup.assign` does this for each ingest batch and
stores each article's story (`article_stories`) and what each story holds (`story_state`,
`Stories.state` / `Stories.from_states`), so the next batch continues where it left off
and `recluster` gives the same stories; `stored_stories` reads them back.

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
ranking AUC 0.76 against 0.84), and a year near the top of the text, or the story's
heaviest names missing from the article, did not help either.
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

    def state(self, story: str) -> str:
        """What `story` holds, as JSON for `story_state` (of an absorbed stray: where it went,
        the state of that story holding its members)."""
        if story not in self.sums:
            return json.dumps({"into": final_story(self.absorbed)[story]})
        span = self.spans.get(story)
        return json.dumps(
            {
                "sum": self.sums[story],
                "span": [span[0].isoformat(), span[1].isoformat()] if span else None,
                "names": sorted(self.names.get(story, ())),
                "keys": sorted(self.keys.get(story, ())),
                "size": self.sizes.get(story, 1),
                "absorbed": self.absorbed.get(story, []),
            }
        )

    @classmethod
    def from_states(cls, rows: Iterable[tuple[str, Any]]) -> Stories:
        """The stories of `(story_id, state JSON)` rows written by `state` (the rows of
        strays another story absorbed are left out)."""
        stories = cls()
        states = {s: json.loads(raw) if isinstance(raw, str) else raw for s, raw in rows}
        gone = {t for state in states.values() for t in state.get("absorbed", ())}
        gone |= {story for story, state in states.items() if "into" in state}
        for story, state in states.items():
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
        scores = {
            story: self._score(story, vector, own_names)
            for story in sorted({s for word in heavy for s in self.index.get(word, ())})
            if self._in_time(story, day)
        }
        best, best_score = None, STORY_AT
        for story, similarity in scores.items():
            if similarity >= best_score and (best is None or similarity > best_score):
                best, best_score = story, similarity
        story = best or article_id
        self._put(story, vector, heavy, day)
        self.names.setdefault(story, set()).update(named)
        for stray, similarity in scores.items():
            if stray != story and similarity >= STORY_AT and self._takes(story, stray):
                self._absorb(story, stray)
        return story

    def _takes(self, story: str, stray: str) -> bool:
        """Whether `story` (with the article just added) takes in `stray`: a story of at
        most `STRAY_SIZE` articles that would join it as one article would."""
        if self.sizes[stray] > STRAY_SIZE:
            return False
        total = self.sums[stray]
        held = {k: w for k, w in total.items() if k in self.names[stray]}
        return self._score(story, total, held) / (self.norms[stray] or 1.0) >= STORY_AT

    def _score(self, story: str, vector: dict[str, float], own_names: dict[str, float]) -> float:
        """Cosine of an article to the sum of a story's members, times `NAMES_PENALTY` when
        the story never named most of the article's names."""
        total = self.sums[story]
        similarity = sum(w * total.get(k, 0.0) for k, w in vector.items())
        similarity /= self.norms[story] or 1.0
        if _covered(own_names, self.names[story]) < STORY_COVERED:
            similarity *= NAMES_PENALTY
        return similarity

    def _absorb(self, story: str, stray: str) -> None:
        """Move the members of story `stray` into `story` (`stray`'s id lives on as an
        alias, see `stored_stories`)."""
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


def _length(weights: dict[str, float]) -> float:
    """The length of a story's summed vector, from the sum alone (so a story read back from
    `story_state` scores exactly as the one that wrote it)."""
    return math.sqrt(sum(w * w for w in weights.values()))


def _covered(own_names: dict[str, float], held: set[str]) -> float:
    """The weight share of an article's names a story's members named (1: no names)."""
    full = sum(own_names.values())
    return sum(w for k, w in own_names.items() if k in held) / full if full else 1.0


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


def stored_stories(store: Store) -> dict[str, str]:
    """The story of every stored article (as ingest or `recluster` placed them, an absorbed
    stray's articles in the story that took it)."""
    moved = _stored_moves(store.con)
    rows = _run(store.con, "SELECT article_id, story_id FROM article_stories")
    return {article: moved.get(story, story) for article, story in rows}


def story_ids(con: duckdb.DuckDBPyConnection, story_id: str) -> tuple[str, list[str]]:
    """The story a stored `story_id` (from `article_stories`) now is, and every id its
    articles are stored under (itself and the strays it absorbed)."""
    moved = _stored_moves(con)
    story = moved.get(story_id, story_id)
    return story, [story, *sorted(s for s, into in moved.items() if into == story)]


def article_story(
    con: duckdb.DuckDBPyConnection, article_id: str, *, limit: int = 50
) -> dict[str, Any] | None:
    """The story an article was placed in: its id, how many articles it holds (the strays
    it took in included) and the first `limit` of them, earliest first; None when the
    article is in no story."""
    found = _run(con, "SELECT story_id FROM article_stories WHERE article_id = ?", [article_id])
    if not found:
        return None
    story, ids = story_ids(con, found[0][0])
    rows = _run(
        con,
        "SELECT a.article_id, a.title, a.url, a.publication, a.published, count(*) OVER ()"
        " FROM article_stories s JOIN articles a USING (article_id)"
        " WHERE s.story_id IN (SELECT unnest(?::VARCHAR[]))"
        " ORDER BY a.published NULLS LAST, a.article_id LIMIT ?",
        [ids, limit],
    )
    keys = ("article_id", "title", "url", "publication", "published")
    articles = [dict(zip(keys, row[:5], strict=True)) for row in rows]
    for item in articles:
        item["published"] = item["published"].isoformat() if item["published"] else None
    return {"story_id": story, "n_articles": rows[0][5], "articles": articles}


def _stored_moves(con: duckdb.DuckDBPyConnection) -> dict[str, str]:
    """`final_story` of the stored states (only those that absorbed a stray are read)."""
    if not has_table(con, "story_state"):
        return {}
    rows = _run(
        con,
        "SELECT story_id, CAST(state->'absorbed' AS VARCHAR) FROM story_state"
        " WHERE coalesce(json_array_length(state->'absorbed'), 0) > 0",
    )
    return final_story({story: json.loads(strays) for story, strays in rows})


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
    moved = _stored_moves(con)
    rows = _run(
        con,
        # absorbed strays' articles in the story that took them; the articles in the
        # window, then per story their numbers, and the clusters of their events (the same
        # window for both)
        "WITH m AS (SELECT unnest(?::VARCHAR[]) AS stray, unnest(?::VARCHAR[]) AS story),"
        " s AS (SELECT coalesce(m.story, t.story_id) AS story_id, a.* FROM article_stories t"
        "  LEFT JOIN m ON m.stray = t.story_id JOIN articles a USING (article_id)"
        "  WHERE ? IS NULL OR a.published >= ?),"
        " c AS (SELECT s.story_id, count(DISTINCT e.cluster_id) AS n FROM s"
        "  JOIN events e USING (article_id) GROUP BY s.story_id)"
        " SELECT s.story_id, count(*) AS n_articles, count(DISTINCT s.publication),"
        " min(s.published), max(s.published) AS last, coalesce(any_value(c.n), 0),"
        " list(s.title ORDER BY s.published, s.article_id),"
        " list(s.article_id ORDER BY s.published, s.article_id)"
        " FROM s LEFT JOIN c USING (story_id)"
        " GROUP BY s.story_id HAVING count(*) >= ?"
        " ORDER BY n_articles DESC, last DESC NULLS LAST, s.story_id LIMIT ?",
        [list(moved), list(moved.values()), since, since, min_articles, limit or 2**31 - 1],
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
