"""Date resolution against EventStoryLine 1.5 (ESC): share of gold TIME_DATE values matched.

Each ESC document is rebuilt as text from its tokens (detokenised: no space before
closing punctuation), its DCT (document creation time) is the publication date, and every
non-DCT TIME_DATE markable with a value counts (the DCT may be a TIME_DATE or a
TIME_OF_THE_DAY markable, anchored in the text or not). A gold expression is correct when one of
our mentions overlapping its characters has exactly the gold value. Two figures: the
pure-text resolver (`resolve_dates`, past reading) and the spaCy component (tense from the
parse). Also times the component against the bare `nlp.pipe` parse of the same texts.

    .venv/bin/python bench/dates.py      # prints the figures, writes bench/results/dates.json
"""

from __future__ import annotations

import json
import re
import sys
import time
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
ESC = ROOT.parent / "shared" / "benchmarks" / "esc-v1.5"
RESULTS = ROOT / "bench" / "results" / "dates.json"
_NO_SPACE_BEFORE = {".", ",", ")", "]", ":", ";", "?", "!", "%", "'s", "n't", "'"}
_NO_SPACE_AFTER = {"(", "[", "$", "``"}


@dataclass
class GoldDoc:
    name: str
    text: str
    published: date | None
    gold: list[tuple[int, int, str]] = field(default_factory=list)  # start, end, value


def read_doc(path: Path) -> GoldDoc:
    root = ET.parse(path).getroot()
    offsets: dict[str, tuple[int, int]] = {}
    parts: list[str] = []
    length, previous, sentence = 0, "", None
    for token in root.iter("token"):
        word = token.text or ""
        if sentence is not None and token.get("sentence") != sentence:
            sep = "\n"
        elif not parts or word in _NO_SPACE_BEFORE or previous in _NO_SPACE_AFTER:
            sep = ""
        else:
            sep = " "
        parts.append(sep + word)
        length += len(sep)
        offsets[token.get("t_id", "")] = (length, length + len(word))
        length += len(word)
        previous, sentence = word, token.get("sentence")
    doc = GoldDoc(path.name, "".join(parts), None)
    for mark in root.iter():
        value = mark.get("value") or ""
        if mark.get("DCT") == "TRUE":  # a TIME_DATE or TIME_OF_THE_DAY, anchored or not
            doc.published = doc.published or _parse_day(value)
            continue
        anchors = [offsets[a.get("t_id", "")] for a in mark.findall("token_anchor")]
        if mark.tag == "TIME_DATE" and anchors and value:
            doc.gold.append((anchors[0][0], anchors[-1][1], value))
    return doc


def _parse_day(value: str) -> date | None:
    try:
        return date.fromisoformat(value[:10])
    except ValueError:
        return None


def normalise(value: str) -> str:
    """Gold format slips only: zero padding ("1979-2") and a missing hyphen ("2011W42")."""
    value = re.sub(r"^(\d{4})W", r"\1-W", value)
    return re.sub(r"(?<=-)(\d)(?=-|$)", r"0\1", value)


def score(docs: list[GoldDoc], mentions: list[list[tuple[int, int, str]]]) -> dict[str, float]:
    """Share of gold expressions overlapped by a mention with the gold value.

    A range we return as one mention ("from September 2010 to January 2011", value
    `2010-09/2011-01`) matches a gold expression equal to either end, since the gold
    marks the two ends separately.
    """
    total = found = correct = 0
    for doc, ours in zip(docs, mentions, strict=True):
        for start, end, value in doc.gold:
            total += 1
            overlapping = [v for s, e, v in ours if s < end and start < e]
            values = {part for v in overlapping for part in (v, *v.split("/"))}
            found += bool(overlapping)
            correct += normalise(value) in values
    return {
        "gold": total,
        "found_share": round(found / total, 3),
        "value_accuracy": round(correct / total, 3),
    }


def main() -> int:
    if not ESC.is_dir():
        print(f"skipped: ESC benchmark not found at {ESC} (only in the development workspace)")
        return 0
    from eventwire.extraction.dates import dates_component, resolve_dates
    from eventwire.nlp import load_model

    docs = [read_doc(p) for p in sorted(ESC.glob("*/*.xml"))]
    text_only = [
        [(m.start, m.end, m.value) for m in resolve_dates(d.text, published=d.published)]
        for d in docs
    ]
    nlp = load_model()
    started = time.perf_counter()
    parsed = list(nlp.pipe(d.text for d in docs))
    parse_seconds = time.perf_counter() - started
    started = time.perf_counter()
    for doc, gold in zip(parsed, docs, strict=True):
        doc._.published = gold.published
        dates_component(doc)
    component_seconds = time.perf_counter() - started
    with_parse = [
        [(t.mention.start, t.mention.end, t.mention.value) for t in doc._.times] for doc in parsed
    ]
    results = {
        "benchmark": "esc-v1.5 TIME_DATE (non-DCT, with value)",
        "documents": len(docs),
        "text_only": score(docs, text_only),
        "component": score(docs, with_parse),
        "sentences": sum(len(list(doc.sents)) for doc in parsed),
        "parse_seconds": round(parse_seconds, 3),
        "component_seconds": round(component_seconds, 3),
        "component_cost_share_of_parse": round(component_seconds / parse_seconds, 4),
    }
    print(json.dumps(results, indent=2))
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT / "src"))
    raise SystemExit(main())
