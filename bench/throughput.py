"""Throughput of the whole eventwire pipeline next to a bare spaCy pass over the same texts.

    python bench/throughput.py [--articles 600]

Prints articles/s and words/s of a bare `nlp.pipe` (the same English model, no eventwire
components) and of `Pipeline.process` (all components plus record assembly), their ratio
(target ≥ 0.7), and peak memory; writes bench/results/throughput.json.
"""

from __future__ import annotations

import argparse
import platform
import time
from pathlib import Path

from corpus import generated_articles
from eventwire.config import BATCH_SIZE
from eventwire.nlp import load_model, load_nlp
from eventwire.pipeline import Pipeline
from eventwire.scale import peak_memory_mb
from report import save

RESULTS = Path(__file__).parent / "results" / "throughput.json"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--articles", type=int, default=600)
    args = parser.parse_args()
    articles = list(generated_articles(args.articles))
    words = sum(len(a.body.split()) for a in articles)
    bare, full = load_model(), Pipeline(nlp=load_nlp())
    list(bare.pipe([a.body for a in articles[:20]]))  # warm both up
    list(full.process(articles[:20]))

    t0 = time.perf_counter()
    for _ in bare.pipe((a.body for a in articles), batch_size=BATCH_SIZE):
        pass
    bare_s = time.perf_counter() - t0
    t0 = time.perf_counter()
    n_events = sum(len(events) for _, events in full.process(articles))
    full_s = time.perf_counter() - t0

    result = {
        "articles": len(articles),
        "words": words,
        "events": n_events,
        "bare_spacy_articles_per_s": round(len(articles) / bare_s, 2),
        "bare_spacy_words_per_s": round(words / bare_s),
        "pipeline_articles_per_s": round(len(articles) / full_s, 2),
        "pipeline_words_per_s": round(words / full_s),
        "ratio": round(bare_s / full_s, 3),
        "peak_memory_mb": peak_memory_mb(),
        "machine": f"{platform.machine()} {platform.python_version()}",
        "when": time.strftime("%Y-%m-%dT%H:%M:%S"),
    }
    for key, value in result.items():
        print(f"{key:28} {value}")
    save(RESULTS, result)


if __name__ == "__main__":
    main()
