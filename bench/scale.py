"""Scale-out throughput: bare spaCy, the pipeline in one process, 2 local processes, Dask.

    python bench/scale.py [--articles 2000] [--bare-articles 1000] [--workers 2]
                          [--flat 500,5000] [--partition 32] [--skip-dask]

On `--articles` generated articles (300–800 words, bench/corpus.py) it measures articles/s
and words/s of:

- bare spaCy `nlp.pipe` in one process and with `n_process=workers` (the parser's own
  speed-up, the yardstick), on the first `--bare-articles`;
- the full pipeline (`Pipeline.process`) in one process: ratio to bare spaCy (target ≥ 0.7);
- `eventwire.scale` with a process pool of `--workers` and a Dask LocalCluster of as many
  workers: speed-up over one process, as a share of bare spaCy's (target ≥ 0.9), and the
  peak memory of each worker (target ≤ 1.5 GB);
- with `--flat A,B`, the pool's throughput on A then on B articles (it should be flat).

Workers are warmed up (model loaded) before timing. Writes bench/results/scale.json.
The default run takes about 23 minutes on 2 idle cores; the 50,000-article end-to-end run is

    eventwire ingest CORPUS --workers 2 --lake /tmp/lake   (see README "Running on a cluster")
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from corpus import generated_articles
from eventwire import scale
from eventwire.config import BATCH_SIZE
from eventwire.nlp import load_model, load_nlp
from eventwire.pipeline import Pipeline
from eventwire.records import Article
from report import save

RESULTS = Path(__file__).parent / "results" / "scale.json"


def _rate(articles: list[Article], seconds: float) -> dict[str, float]:
    words = sum(len(a.body.split()) for a in articles)
    return {
        "articles": len(articles),
        "seconds": round(seconds, 1),
        "articles_per_s": round(len(articles) / seconds, 2),
        "words_per_s": round(words / seconds),
    }


def _timed(run: Callable[[], Any]) -> float:
    t0 = time.perf_counter()
    run()
    return time.perf_counter() - t0


def _cpu_rate(articles: list[Article], run: Callable[[], Any]) -> dict[str, float]:
    """Wall-clock rate plus the CPU-time rate (robust when other jobs share the machine)."""
    cpu0 = time.process_time()
    result = _rate(articles, _timed(run))
    cpu = time.process_time() - cpu0
    result["cpu_seconds"] = round(cpu, 1)
    result["cpu_articles_per_s"] = round(len(articles) / cpu, 2)
    return result


def bare_spacy(articles: list[Article], *, processes: int) -> dict[str, float]:
    nlp = load_model()
    texts = [a.body for a in articles]
    list(nlp.pipe(texts[:10]))
    run = lambda: list(nlp.pipe(texts, batch_size=BATCH_SIZE, n_process=processes))  # noqa: E731
    return _cpu_rate(articles, run) if processes == 1 else _rate(articles, _timed(run))


def one_process(articles: list[Article]) -> dict[str, float]:
    pipeline = Pipeline(nlp=load_nlp())
    list(pipeline.process(articles[:10]))
    return _cpu_rate(articles, lambda: list(pipeline.process(articles, on_error=print)))


def distributed(
    articles: list[Article], *, workers: int, partition: int, dask: str | None = None
) -> dict[str, Any]:
    backend = scale.open_backend(workers=workers, dask=dask)
    peaks: dict[int, int] = {}

    def run(items: list[Article], size: int) -> None:
        parts = [items[i : i + size] for i in range(0, len(items), size)]
        for _ in scale.process_partitions(
            parts,
            backend=backend,
            on_error=print,
            on_result=lambda r: peaks.update({r.worker: r.peak_mb}),
        ):
            pass

    try:
        t0 = time.perf_counter()
        run(articles[: 2 * workers], 1)  # one tiny partition per worker: loads the model
        startup = time.perf_counter() - t0
        result: dict[str, Any] = _rate(articles, _timed(lambda: run(articles, partition)))
    finally:
        backend.close()
    result["startup_s"] = round(startup, 1)
    result["peak_memory_mb_per_worker"] = sorted(peaks.values())
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--articles", type=int, default=2000)
    parser.add_argument("--bare-articles", type=int, default=1000)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--flat", default="", help="e.g. 500,5000 (pool throughput at each)")
    parser.add_argument("--skip-dask", action="store_true")
    parser.add_argument(
        "--partition", type=int, default=32, help="articles per partition (small runs: keep "
        "several partitions per worker, or the last one leaves a worker idle)"
    )  # fmt: skip
    args = parser.parse_args()
    sizes = [int(n) for n in args.flat.split(",") if n]
    articles = list(generated_articles(max([args.articles, args.bare_articles, *sizes])))
    main_set, bare_set = articles[: args.articles], articles[: args.bare_articles]

    load_before = os.getloadavg()
    result: dict[str, Any] = {"bare_spacy_1": bare_spacy(bare_set, processes=1)}
    result[f"bare_spacy_{args.workers}"] = bare_spacy(bare_set, processes=args.workers)
    result["pipeline_1"] = one_process(main_set)
    result[f"workers_{args.workers}"] = distributed(
        main_set, workers=args.workers, partition=args.partition
    )
    if not args.skip_dask:
        dask = f"local:{args.workers}"
        result[f"dask_local_{args.workers}"] = distributed(
            main_set, workers=args.workers, partition=args.partition, dask=dask
        )
    for n in sizes:
        result[f"flat_workers_{args.workers}_{n}"] = distributed(
            articles[:n], workers=args.workers, partition=args.partition
        )
    result["summary"] = _summary(result, args.workers)
    result["driver_peak_memory_mb"] = scale.peak_memory_mb()
    # Other jobs on the machine skew wall-clock rates; the load average says how much.
    result["load_average_before_after"] = [round(load_before[0], 2), round(os.getloadavg()[0], 2)]
    result["machine"] = f"{platform.machine()} {platform.python_version()}"
    result["when"] = time.strftime("%Y-%m-%dT%H:%M:%S")
    print(json.dumps(result["summary"], indent=2))
    save(RESULTS, result, keep_others=not args.flat)  # a run without --flat keeps the last


def _summary(result: dict[str, Any], workers: int) -> dict[str, Any]:
    def speed(key: str) -> float:
        return float(result[key]["articles_per_s"]) if key in result else 0.0

    bare_speedup = speed(f"bare_spacy_{workers}") / speed("bare_spacy_1")
    cpu_ratio = (
        result["pipeline_1"]["cpu_articles_per_s"] / result["bare_spacy_1"]["cpu_articles_per_s"]
    )
    summary: dict[str, Any] = {
        "pipeline_to_bare_ratio": round(speed("pipeline_1") / speed("bare_spacy_1"), 3),
        "pipeline_to_bare_ratio_cpu_time": round(cpu_ratio, 3),
        f"bare_spacy_speedup_{workers}": round(bare_speedup, 2),
    }
    for key in (f"workers_{workers}", f"dask_local_{workers}"):
        if key in result:
            speedup = speed(key) / speed("pipeline_1")
            summary[f"{key}_speedup"] = round(speedup, 2)
            summary[f"{key}_share_of_bare_speedup"] = round(speedup / bare_speedup, 3)
    flats = [k for k in result if k.startswith("flat_")]
    if len(flats) >= 2:
        summary["flat_ratio_large_to_small"] = round(speed(flats[-1]) / speed(flats[0]), 3)
    return summary


if __name__ == "__main__":
    main()
