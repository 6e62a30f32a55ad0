"""Toponym recognition and resolution against GeoWebNews (GWN.xml, 200 articles).

Each article goes through `eventwire.geo.toponyms.article_toponyms` (what `geoparse` and
`eventwire places` run: the model, actors and places); a toponym matches a gold one when
their character spans overlap.

Recognition, on literal toponyms (gold types Literal, Mixed, Embedded_Literal):
  recall     share of literal gold toponyms overlapped by one of our literal toponyms;
  precision  share of our literal toponyms that overlap a gold toponym with coordinates
             (any type: "US officials" is gold Non_Literal_Modifier and still a place name);
             `precision_literal_gold` counts only overlaps with literal gold;
  f1         from precision and recall.
Resolution, over ALL gold toponyms with coordinates, whatever their type: the first of our
toponyms (literal or not) overlapping the gold span is its answer. An unrecognised gold
toponym, or one left unresolved, counts as a miss for `accuracy_same_id` (gold with a
GeoNames id only) and `acc_at_161km`. The `*_found` figures are the same over the gold
toponyms we resolved, and the error km (mean, median) are over those only.
Given spans, the resolution step alone (as Mordecai 3 and others report it: resolution
given correct recognition): every gold toponym with coordinates is handed to
`article_toponyms(..., spans=...)` with its gold span, and its answer is the toponym
returned for that span. `given_spans_accuracy_same_id` (gold with a GeoNames id) and
`given_spans_acc_at_161km` count a span left unresolved as a miss (so do the two gold
spans with negative offsets, which are not handed over); the error km (mean, median) are
over the resolved ones. `same_id_ceiling`: the share of gold ids the gazetteer holds at
all (the most either same-id figure can reach with it). `given_spans_near_other_id`: gold
names with an id placed within 161 km under another id (printed by our and the gold id's
feature code, "absent" for an id the gazetteer lacks: venues, neighbourhoods, duplicate
records).
Time: the places component alone on parsed documents, as a share of the full pipeline
(`load_nlp`, every component) on the same texts; also the toponyms path (model, actors,
places only) against the full pipeline, and the same path with the gold spans
(`given_spans_seconds`: the places stage runs twice per article there).

    .venv/bin/python bench/geo_eval.py [--limit N] [--errors FILE]
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
import xml.etree.ElementTree as ET
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from eventwire.geodesy import km
from report import save

ROOT = Path(__file__).resolve().parents[1]
GWN = ROOT.parent / "shared" / "benchmarks" / "geowebnews" / "GWN.xml"
RESULTS = ROOT / "bench" / "results" / "geo.json"
LITERAL = frozenset({"Literal", "Mixed", "Embedded_Literal"})


@dataclass
class Gold:
    start: int
    end: int
    kind: str
    geonameid: int | None
    lat: float | None
    lon: float | None


@dataclass
class GoldArticle:
    text: str
    gold: list[Gold] = field(default_factory=list)


def _float(node: ET.Element, tag: str) -> float | None:
    text = node.findtext(tag) or ""
    return float(text) if text.strip() else None


def read_gold(path: Path = GWN) -> list[GoldArticle]:
    articles = []
    for node in ET.parse(path).getroot().iter("article"):
        art = GoldArticle(node.findtext("text") or "")
        for top in node.iter("toponym"):
            gid = (top.findtext("geonamesID") or "").strip()
            art.gold.append(
                Gold(
                    int(top.findtext("start") or 0),
                    int(top.findtext("end") or 0),
                    top.findtext("type") or "",
                    int(gid) if gid.isdigit() else None,
                    _float(top, "latitude"),
                    _float(top, "longitude"),
                )
            )
        articles.append(art)
    return articles


def _overlaps(a0: int, a1: int, b0: int, b1: int) -> bool:
    return a0 < b1 and b0 < a1


@dataclass
class Tally:
    pred: int = 0
    pred_place: int = 0
    pred_literal: int = 0
    gold_literal: int = 0
    gold_literal_found: int = 0
    gold_coords: int = 0
    gold_ids: int = 0
    same_id: int = 0
    found_ids: int = 0
    errors: list[float] = field(default_factory=list)
    misses: list[dict[str, Any]] = field(default_factory=list)
    near_codes: Counter[tuple[str, str]] = field(default_factory=Counter)


def _score_article(art: GoldArticle, toponyms: Sequence[Any], t: Tally) -> None:
    places = [g for g in art.gold if g.lat is not None]
    for top in toponyms:
        if top.literal:
            t.pred += 1
            t.pred_place += any(_overlaps(top.start, top.end, g.start, g.end) for g in places)
            t.pred_literal += any(
                _overlaps(top.start, top.end, g.start, g.end) for g in art.gold if g.kind in LITERAL
            )
    for g in art.gold:
        hits = [p for p in toponyms if _overlaps(p.start, p.end, g.start, g.end)]
        if g.kind in LITERAL:
            t.gold_literal += 1
            t.gold_literal_found += any(p.literal for p in hits)
        if g.lat is None or g.lon is None:
            continue
        t.gold_coords += 1
        t.gold_ids += g.geonameid is not None
        resolved = [p.place for p in hits if p.place.lat is not None]
        if not resolved:
            t.misses.append(_miss(art, g, hits[0].place if hits else None))
            continue
        place = resolved[0]
        if g.geonameid is not None:
            t.found_ids += 1
            t.same_id += place.geonameid == g.geonameid
        error = km(g.lat, g.lon, place.lat, place.lon)
        t.errors.append(error)
        if place.geonameid != g.geonameid:
            t.misses.append(_miss(art, g, place, error))


def _miss(art: GoldArticle, g: Gold, place: Any, error: float | None = None) -> dict[str, Any]:
    return {
        "text": art.text[g.start : g.end],
        "type": g.kind,
        "gold": g.geonameid,
        "ours": None
        if place is None
        else [place.geonameid, place.resolved_place, place.country_code],
        "km": None if error is None else round(error),
        "context": art.text[max(0, g.start - 60) : g.end + 40].replace("\n", " "),
    }


def score(
    articles: Sequence[GoldArticle], results: Sequence[Sequence[Any]]
) -> tuple[dict[str, Any], Tally]:
    t = Tally()
    for art, toponyms in zip(articles, results, strict=True):
        _score_article(art, toponyms, t)
    precision = t.pred_place / max(t.pred, 1)
    recall = t.gold_literal_found / max(t.gold_literal, 1)
    close = sum(e <= 161 for e in t.errors)
    figures = {
        "recognition_precision": round(precision, 3),
        "recognition_precision_literal_gold": round(t.pred_literal / max(t.pred, 1), 3),
        "recognition_recall": round(recall, 3),
        "recognition_f1": round(2 * precision * recall / max(precision + recall, 1e-9), 3),
        "gold_toponyms_with_coordinates": t.gold_coords,
        "resolved_toponyms": len(t.errors),
        "accuracy_same_id": round(t.same_id / max(t.gold_ids, 1), 3),
        "acc_at_161km": round(close / max(t.gold_coords, 1), 3),
        "accuracy_same_id_found": round(t.same_id / max(t.found_ids, 1), 3),
        "acc_at_161km_found": round(close / max(len(t.errors), 1), 3),
        "median_error_km_found": round(statistics.median(t.errors), 1) if t.errors else None,
        "mean_error_km_found": round(statistics.fmean(t.errors), 1) if t.errors else None,
    }
    return figures, t


def _in_text(art: GoldArticle, g: Gold) -> bool:
    return 0 <= g.start < g.end <= len(art.text)


def score_given(
    articles: Sequence[GoldArticle],
    results: Sequence[Sequence[Any]],
    code_of: Callable[[int], str] = lambda gid: "?",
) -> Tally:
    """Given-span resolution: the k-th toponym answers the k-th gold toponym with coordinates.
    `near_codes` counts the answers within 161 km under another id by (our feature code, the
    gold id's code from `code_of`)."""
    t = Tally()
    for art, toponyms in zip(articles, results, strict=True):
        places = [g for g in art.gold if g.lat is not None and g.lon is not None]
        answers = iter(toponyms)
        for g in places:
            assert g.lat is not None and g.lon is not None
            t.gold_coords += 1
            t.gold_ids += g.geonameid is not None
            if not _in_text(art, g):  # two gold spans with negative offsets: misses
                t.misses.append({"reading": "given", **_miss(art, g, None)})
                continue
            place = next(answers).place
            if place.lat is None or place.lon is None:
                t.misses.append({"reading": "given", **_miss(art, g, place)})
                continue
            t.same_id += g.geonameid is not None and place.geonameid == g.geonameid
            error = km(g.lat, g.lon, place.lat, place.lon)
            t.errors.append(error)
            if place.geonameid != g.geonameid:
                t.misses.append({"reading": "given", **_miss(art, g, place, error)})
                if g.geonameid is not None and error <= 161:
                    t.near_codes[(place.feature_code or "-", code_of(g.geonameid))] += 1
    return t


def _code_of() -> Callable[[int], str]:
    """A gold id's feature code in our gazetteer ("absent" when the index lacks the id)."""
    from eventwire.geo.gazetteer import Gazetteer

    gaz = Gazetteer.load()

    def code(geonameid: int) -> str:
        found = gaz.by_id(geonameid)
        return "absent" if found is None else found.feature_code

    return code


def _same_id_ceiling(gold: Sequence[GoldArticle]) -> float:
    """The share of gold GeoNames ids (of toponyms with coordinates) our gazetteer holds at
    all: the most any resolution over it can place under the same id (sites, venues,
    neighbourhoods and rivers are not in the GeoNames extracts PyPI packages ship)."""
    from eventwire.geo.gazetteer import Gazetteer

    gaz = Gazetteer.load()
    ids = [g.geonameid for a in gold for g in a.gold if g.lat is not None and g.geonameid]
    held = sum(1 for i in ids if gaz.by_id(i) is not None)
    return round(held / max(len(ids), 1), 3)


def given_figures(t: Tally) -> dict[str, Any]:
    close = sum(e <= 161 for e in t.errors)
    return {
        "given_spans_resolved": len(t.errors),
        "given_spans_accuracy_same_id": round(t.same_id / max(t.gold_ids, 1), 3),
        "given_spans_acc_at_161km": round(close / max(t.gold_coords, 1), 3),
        "given_spans_median_error_km": round(statistics.median(t.errors), 1) if t.errors else None,
        "given_spans_mean_error_km": round(statistics.fmean(t.errors), 1) if t.errors else None,
    }


def _given_results(
    gold: Sequence[GoldArticle], articles: list[Any]
) -> tuple[list[list[Any]], float]:
    """Each article's toponyms for its gold spans with coordinates, in gold order, and the
    seconds it took (the toponyms path with spans: parse, actors, places twice)."""
    from eventwire.geo.toponyms import article_toponyms
    from eventwire.nlp import load_nlp

    spans = {
        a.article_id: [(g.start, g.end) for g in art.gold if g.lat is not None and _in_text(art, g)]
        for art, a in zip(gold, articles, strict=True)
    }
    started = time.perf_counter()
    pairs = article_toponyms(articles, nlp=load_nlp(), spans=spans)
    results = [toponyms for _, toponyms in pairs]
    return results, time.perf_counter() - started


def _timings(texts: list[str], articles: list[Any]) -> tuple[dict[str, float], list[list[Any]]]:
    """Seconds for the full pipeline, the toponyms path and the places component alone."""
    from eventwire.geo.toponyms import article_toponyms
    from eventwire.nlp import load_nlp

    nlp = load_nlp()
    list(nlp.pipe(texts[:10]))  # warm up
    started = time.perf_counter()
    docs = list(nlp.pipe(texts))
    full_s = time.perf_counter() - started
    started = time.perf_counter()
    results = [toponyms for _, toponyms in article_toponyms(articles, nlp=nlp)]
    toponyms_s = time.perf_counter() - started
    component = nlp.get_pipe("eventwire_places")
    started = time.perf_counter()
    for doc in docs:
        component(doc)
    places_s = time.perf_counter() - started
    return {
        "pipeline_seconds": round(full_s, 2),
        "toponyms_path_seconds": round(toponyms_s, 2),
        "places_seconds": round(places_s, 2),
        "geo_share_of_pipeline": round(places_s / full_s, 3),
    }, results


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--limit", type=int, default=0, help="only the first N articles")
    parser.add_argument("--errors", type=Path, help="write misses as JSON lines here")
    args = parser.parse_args(argv)
    if not GWN.exists():
        print(f"GeoWebNews not found at {GWN}: skipped", file=sys.stderr)
        return
    from eventwire.ingest.article import read_text_article

    gold = read_gold()[: args.limit or None]
    texts = [a.text for a in gold]
    # As `eventwire places` reads a text: its dateline ("HELENA, Mont. (AP) -") is found.
    articles = [
        read_text_article(text, source="GWN", article_id=str(i), check_language=False)
        for i, text in enumerate(texts)
    ]
    times, results = _timings(texts, articles)
    figures, tally = score(gold, results)
    given_results, given_seconds = _given_results(gold, articles)
    given = score_given(gold, given_results, _code_of())
    figures.update(given_figures(given), given_spans_seconds=round(given_seconds, 2))
    figures["given_spans_near_other_id"] = sum(given.near_codes.values())
    figures["same_id_ceiling"] = _same_id_ceiling(gold)
    figures.update(articles=len(gold), **times)
    for key, value in figures.items():
        print(f"{key:36} {value}")
    pairs = ", ".join(f"{a}/{b} {n}" for (a, b), n in given.near_codes.most_common())
    print(f"{'  by ours/gold feature code':36} {pairs}")
    if args.errors:
        args.errors.write_text(
            "".join(json.dumps(m) + "\n" for m in tally.misses + given.misses), encoding="utf-8"
        )
    if not args.limit:
        save(RESULTS, figures)


if __name__ == "__main__":
    main()
