"""Toponym recognition and resolution against GeoWebNews (GWN.xml, 200 articles).

Every article text goes through the full eventwire spaCy pipeline (`load_nlp`), and the
place mentions on `doc._.places` are compared with the gold toponyms by character overlap.

Recognition: precision = share of our literal, resolved mentions that overlap any gold
toponym that is a place (a type with coordinates: literal, metonymic, modifier, ...);
recall = share of gold literal toponyms (Literal, Mixed, Embedded_Literal) that one of our
mentions overlaps. Resolution, over the gold toponyms with coordinates that we found and
resolved (any literal flag): accuracy = same GeoNames id (toponyms with a gold id only),
acc@161km = great-circle error at most 161 km, and the median / mean error in km. Also
times the places component against the bare `nlp.pipe` parse of the same texts.

    .venv/bin/python bench/geo.py [--limit N]   # prints figures, writes bench/results/geo.json
"""

from __future__ import annotations

import argparse
import json
import math
import statistics
import sys
import time
import xml.etree.ElementTree as ET
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

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
class Article:
    text: str
    gold: list[Gold] = field(default_factory=list)


def _float(node: ET.Element, tag: str) -> float | None:
    text = node.findtext(tag) or ""
    return float(text) if text.strip() else None


def read_articles(path: Path = GWN) -> list[Article]:
    articles = []
    for node in ET.parse(path).getroot().iter("article"):
        art = Article(node.findtext("text") or "")
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


def km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance (haversine, mean Earth radius)."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371.0 * math.asin(math.sqrt(min(1.0, a)))


def _overlaps(a0: int, a1: int, b0: int, b1: int) -> bool:
    return a0 < b1 and b0 < a1


def score(articles: Sequence[Article], docs: Sequence[Any]) -> dict[str, Any]:
    pred_n = pred_ok = gold_n = gold_found = 0
    same = with_id = 0
    errors: list[float] = []
    for art, doc in zip(articles, docs, strict=True):
        spans = [
            (doc[m.start : m.end].start_char, doc[m.start : m.end].end_char, m)
            for m in doc._.places or []
        ]
        places = [g for g in art.gold if g.lat is not None]
        for s0, s1, m in spans:
            if m.literal and m.place.resolution > 0:
                pred_n += 1
                pred_ok += any(_overlaps(s0, s1, g.start, g.end) for g in places)
        for g in art.gold:
            hits = [m for s0, s1, m in spans if _overlaps(s0, s1, g.start, g.end)]
            if g.kind in LITERAL:
                gold_n += 1
                gold_found += bool(hits)
            resolved = [m for m in hits if m.place.lat is not None]
            if g.lat is None or g.lon is None or not resolved:
                continue
            place = resolved[0].place
            if g.geonameid is not None:
                with_id += 1
                same += place.geonameid == g.geonameid
            errors.append(km(g.lat, g.lon, place.lat, place.lon))
    return {
        "recognition_precision": round(pred_ok / max(pred_n, 1), 3),
        "recognition_recall": round(gold_found / max(gold_n, 1), 3),
        "resolved_toponyms": len(errors),
        "accuracy_same_id": round(same / max(with_id, 1), 3),
        "acc_at_161km": round(sum(e <= 161 for e in errors) / max(len(errors), 1), 3),
        "median_error_km": round(statistics.median(errors), 1) if errors else None,
        "mean_error_km": round(statistics.fmean(errors), 1) if errors else None,
    }


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--limit", type=int, default=0, help="only the first N articles")
    args = parser.parse_args(argv)
    if not GWN.exists():
        print(f"GeoWebNews not found at {GWN}: skipped", file=sys.stderr)
        return
    from eventwire.nlp import load_model, load_nlp

    articles = read_articles()
    if args.limit:
        articles = articles[: args.limit]
    texts = [a.text for a in articles]
    bare = load_model()
    started = time.perf_counter()
    list(bare.pipe(texts))
    bare_s = time.perf_counter() - started
    nlp = load_nlp()
    nlp.get_pipe("eventwire_places")  # fail early when the component is missing
    started = time.perf_counter()
    docs = list(nlp.pipe(texts))
    full_s = time.perf_counter() - started
    figures = score(articles, docs)
    figures.update(articles=len(articles), bare_seconds=round(bare_s, 2))
    figures["pipeline_seconds"] = round(full_s, 2)
    figures["places_seconds"] = round(_time_places(nlp, docs), 2)
    for key, value in figures.items():
        print(f"{key:24} {value}")
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(json.dumps(figures, indent=2) + "\n", encoding="utf-8")


def _time_places(nlp: Any, docs: Sequence[Any]) -> float:
    """Seconds the places component alone takes on the already parsed documents."""
    component = nlp.get_pipe("eventwire_places")
    started = time.perf_counter()
    for doc in docs:
        component(doc)
    return time.perf_counter() - started


if __name__ == "__main__":
    main()
