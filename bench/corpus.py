"""A synthetic corpus for throughput runs: the bundled samples' paragraphs recombined.

Deterministic (seeded), so runs are comparable. Each generated article keeps a real
sample's header (publication date, dateline) and draws 300–800 words of paragraphs from
the whole sample corpus.

    python bench/corpus.py --articles 50000 --out /tmp/corpus   # as .txt files, for ingest
"""

from __future__ import annotations

import argparse
import random
from collections.abc import Iterator
from pathlib import Path

from eventwire.config import SAMPLES_DIR
from eventwire.ingest import read_inputs
from eventwire.records import Article


def sample_articles() -> list[Article]:
    return [a for a in read_inputs([SAMPLES_DIR]) if isinstance(a, Article)]


def generated_articles(n: int, *, seed: int = 7) -> Iterator[Article]:
    """`n` articles of 300–800 words recombined from the sample paragraphs."""
    from eventwire.ingest import read_text_article

    samples = sample_articles()
    paragraphs = [p for a in samples for p in a.body.split("\n\n") if p.strip()]
    rng = random.Random(seed)
    for i in range(n):
        base = samples[i % len(samples)]
        target = rng.randint(300, 800)
        chosen: list[str] = []
        while sum(len(p.split()) for p in chosen) < target:
            chosen.append(rng.choice(paragraphs))
        head = base.text[: base.body_start]
        yield read_text_article(
            head + "\n\n".join(chosen),
            source=f"generated:{i}",
            published=base.published,
            url=f"https://example.org/generated/{i}",
            title=f"{base.title} ({i})",
        )


def write_corpus(n: int, out: Path) -> int:
    """Write `n` generated articles as .txt files (header block, then the text) under `out`,
    a thousand to a directory; returns the number of words written."""
    words = 0
    for i, article in enumerate(generated_articles(n)):
        folder = out / f"{i // 1000:03d}"
        folder.mkdir(parents=True, exist_ok=True)
        header = (
            f"Title: {article.title}\nPublished: {article.published}\n"
            f"URL: {article.url}\nSource: Example Wire\n\n"
        )
        (folder / f"generated-{i:06d}.txt").write_text(header + article.text, encoding="utf-8")
        words += len(article.text.split())
    return words


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description="Write a generated corpus as .txt files.")
    parser.add_argument("--articles", type=int, required=True)
    parser.add_argument("--out", type=Path, required=True)
    args = parser.parse_args()
    total = write_corpus(args.articles, args.out)
    print(f"{args.articles} articles, {total} words written under {args.out}")
