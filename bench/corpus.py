"""A synthetic corpus for throughput runs: the bundled samples' paragraphs recombined.

Deterministic (seeded), so runs are comparable. Each generated article keeps a real
sample's header (publication date, dateline) and draws 300–800 words of paragraphs from
the whole sample corpus.
"""

from __future__ import annotations

import random
from collections.abc import Iterator

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
