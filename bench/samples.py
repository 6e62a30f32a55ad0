"""How many of the hand-written expectations on the bundled sample corpus the pipeline meets.

    python bench/samples.py [--misses]

Runs the whole pipeline over `src/eventwire/data/samples/`, matches each expectation of
`tests/fixtures/sample_expectations.yaml` to an event of the same file, category and
sentence, and prints the share found and, among those, the share right per field; writes
bench/results/samples.json. `--misses` lists what was not met.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

import yaml

from report import save

ROOT = Path(__file__).resolve().parents[1]
EXPECTATIONS = ROOT / "tests" / "fixtures" / "sample_expectations.yaml"
RESULTS = Path(__file__).parent / "results" / "samples.json"
FIELDS = (
    "actor_code",
    "actor_sector",
    "recipient_code",
    "place",
    "country_code",
    "date",
    "date_precision",
    "modality",
)


def load_expectations() -> list[dict[str, Any]]:
    return list(yaml.safe_load(EXPECTATIONS.read_text(encoding="utf-8")))


def code_samples() -> dict[str, list[dict[str, Any]]]:
    """PLOVER records of every sample article, by file name."""
    from eventwire.config import SAMPLES_DIR
    from eventwire.ingest import read_inputs
    from eventwire.pipeline import Pipeline
    from eventwire.records import Article, to_plover

    articles = [a for a in read_inputs([SAMPLES_DIR]) if isinstance(a, Article)]
    by_file: dict[str, list[dict[str, Any]]] = {}
    for article, events in Pipeline().process(articles):
        by_file[Path(article.source or "").name] = [to_plover(e) for e in events]
    return by_file


def _codes(entities: Iterable[dict[str, Any]]) -> set[str]:
    return {e["code"] for e in entities}


def _sectors(entities: Iterable[dict[str, Any]]) -> set[str]:
    return {e["sector"] for e in entities}


def field_ok(name: str, want: Any, record: dict[str, Any]) -> bool:
    """Whether `record` meets the expectation `want` for one field (null = not checked)."""
    loc = record["event_loc"] or {}
    if name in ("actor_code", "recipient_code"):
        got = _codes(record["actor" if name == "actor_code" else "recipient"])
        if want is None:
            return name == "actor_code" or not got
        wanted = set(want) if isinstance(want, list) else {want}
        return wanted <= got if isinstance(want, list) else bool(wanted & got)
    if name == "actor_sector":
        return bool(set(str(want).split("|")) & _sectors(record["actor"]))
    if name == "place":
        return want in (loc.get("resolved_place"), loc.get("extracted_place"))
    if name == "country_code":
        return loc.get("country_code") == want
    return record.get(name) == want


def match(expectation: dict[str, Any], records: Sequence[dict[str, Any]]) -> dict[str, Any] | None:
    """The event an expectation is about: same category, in the sentence it quotes."""
    for record in records:
        if (
            expectation["event"] in record["event"]
            and expectation["sentence_contains"] in record["text"]
        ):
            return record
    return None


def score(
    expectations: Sequence[dict[str, Any]], by_file: dict[str, list[dict[str, Any]]]
) -> tuple[dict[str, Any], list[str]]:
    """Figures (found share, per-field accuracy among found) and a list of misses in words."""
    found, misses = 0, []
    right = dict.fromkeys(FIELDS, 0)
    checked = dict.fromkeys(FIELDS, 0)
    events = [e for e in expectations if not e.get("no_events")]
    for exp in events:
        record = match(exp, by_file.get(exp["file"], []))
        if record is None:
            misses.append(f"MISSING {exp['file']}: {exp['event']} in {exp['sentence_contains']!r}")
            continue
        found += 1
        for name in FIELDS:
            want = exp.get(name)
            if want is None and name not in ("recipient_code",):
                continue
            checked[name] += 1
            if field_ok(name, want, record):
                right[name] += 1
            else:
                misses.append(f"WRONG {name} {exp['file']}: want {want!r} — {_summary(record)}")
    empty = [e["file"] for e in expectations if e.get("no_events")]
    invented = sum(len(by_file.get(f, [])) for f in empty)
    figures: dict[str, Any] = {
        "expected_events": len(events),
        "found": round(found / len(events), 3),
        "events_in_no_event_articles": invented,
    }
    figures.update({f"{n}_accuracy": round(right[n] / max(checked[n], 1), 3) for n in FIELDS})
    return figures, misses


def _summary(record: dict[str, Any]) -> str:
    loc = record["event_loc"] or {}
    return (
        f"{record['event']} {[a['code'] + '/' + a['sector'] for a in record['actor']]}"
        f"→{[a['code'] for a in record['recipient']]} at {loc.get('resolved_place')} "
        f"({loc.get('country_code')}) {record['date']} {record['date_precision']} "
        f"{record['modality']} | {record['text'][:70]}"
    )


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--misses", action="store_true", help="list the unmet expectations")
    args = parser.parse_args(argv)
    figures, misses = score(load_expectations(), code_samples())
    for key, value in figures.items():
        print(f"{key:28} {value}")
    if args.misses:
        print("\n".join(misses), file=sys.stderr)
    save(RESULTS, figures)


if __name__ == "__main__":
    main()
