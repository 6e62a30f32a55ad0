"""Time expressions against ESC v1.5 and MEANTIME: recall of gold dates and value accuracy.

Each document is rebuilt as text from its tokens (detokenised: no space before closing
punctuation, a newline between sentences); its document creation time (DCT) is the
publication date. Gold: ESC `TIME_DATE` and MEANTIME `TIMEX3 type="DATE"` markables anchored
in the text, the DCT itself excluded.

- recall: share of gold expressions overlapped (by a character) by one of our mentions;
- value accuracy: share of gold expressions with a calendar value (no "X" in it) that an
  overlapping mention of ours gets right *at the gold's granularity*: a day value needs
  the same day, a month value the same month, a year the same year, a week the same ISO
  week, a decade ("199X") the same decade, a season or quarter the same one; reference
  values (PRESENT_REF, PAST_REF, FUTURE_REF) and anything else must be equal, except that
  PRESENT_REF and the DCT's day stand for each other (annotators use both for "now" and
  "today"); a gold time of day ("2013-05-01TNI") is scored at its day, since eventwire
  resolves dates, not clock times. One of our
  ranges ("from May to July", `2010-05/2010-07`) matches a gold expression equal to either
  end, since the gold marks the ends separately. Gold format slips ("1979-2", "2011W42")
  are normalised first.
- split: "explicit" gold expressions name a month or a year in their words ("July 31",
  "in 2014"); the others are "relative" (weekdays, "yesterday", "last week").

Two runs: text only (`resolve_dates`, no model) and the `eventwire_dates` component on the
parse (what `eventwire dates` does by default); the component's cost is timed against the
parse. Skips cleanly when the benchmarks are absent.

    .venv/bin/python bench/date_eval.py   # prints the figures, writes bench/results/dates.json
"""

from __future__ import annotations

import json
import re
import sys
import time
import xml.etree.ElementTree as ET
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from report import save

ROOT = Path(__file__).resolve().parents[1]
BENCH = ROOT.parent / "shared" / "benchmarks"
SETS = {
    "esc-v1.5": (BENCH / "esc-v1.5", "*/*.xml"),
    "meantime-en": (BENCH / "meantime-en" / "intra_cross-doc_annotation", "*/*.xml"),
}
RESULTS = ROOT / "bench" / "results" / "dates.json"
_NO_SPACE_BEFORE = {".", ",", ")", "]", ":", ";", "?", "!", "%", "'s", "n't", "'"}
_NO_SPACE_AFTER = {"(", "[", "$", "``"}
_NAMES_CALENDAR = re.compile(
    r"\b(?:1[89]\d\d|20\d\d|'\d0s|(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\.?)\b"
    r"|\d{4}s\b"
)

Mention = tuple[int, int, str]  # start, end, value


@dataclass
class GoldDoc:
    name: str
    text: str
    published: date | None
    gold: list[tuple[int, int, str]] = field(default_factory=list)  # start, end, value


def read_doc(path: Path) -> GoldDoc:
    """A CAT XML document (ESC or MEANTIME) as text, DCT and gold date expressions."""
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
        if mark.get("DCT") == "TRUE" or mark.get("functionInDocument") == "CREATION_TIME":
            doc.published = doc.published or _parse_day(value)
            continue
        anchors = [offsets[a.get("t_id", "")] for a in mark.findall("token_anchor")]
        is_date = mark.tag == "TIME_DATE" or (mark.tag == "TIMEX3" and mark.get("type") == "DATE")
        if is_date and anchors and value:
            doc.gold.append((anchors[0][0], anchors[-1][1], value))
    return doc


def _parse_day(value: str) -> date | None:
    """The day of a DCT value, as the corpora write it: "2009-12-3T14:36Z", "2009:02:03T…",
    "t_2013-09-09", or day first ("03-02-2009")."""
    found = re.search(r"(\d{4})[-:](\d{1,2})[-:](\d{1,2})", value)
    parts = found.groups() if found else None
    if not parts and (found := re.fullmatch(r"(\d{1,2})-(\d{1,2})-(\d{4})", value)):
        parts = tuple(reversed(found.groups()))
    try:
        return date(*(int(g) for g in parts)) if parts else None
    except ValueError:
        return None


def normalise(value: str) -> str:
    """Gold format slips only: zero padding ("1979-2") and a missing hyphen ("2011W42")."""
    value = re.sub(r"^(\d{4})W", r"\1-W", value)
    return re.sub(r"(?<=-)(\d)(?=-|$)", r"0\1", value)


def _granular_match(gold: str, ours: str, published: date | None) -> bool:
    """Whether one of our values equals the gold value at the gold's granularity."""
    day = published.isoformat() if published else None
    if {gold, ours} == {"PRESENT_REF", day}:  # "now", "today": annotators use both
        return True
    gold = re.sub(r"^(\d{4}-\d\d-\d\d)T.*", r"\1", gold)  # a time of day counts at the day
    if re.fullmatch(r"\d{4}-\d\d-\d\d", gold):
        return ours[:10] == gold and (len(ours) == 10 or not ours[10:11].isdigit())
    if re.fullmatch(r"\d{4}-\d\d", gold):
        return ours[:7] == gold
    if re.fullmatch(r"\d{4}", gold):
        return ours[:4] == gold and not ours.endswith("X")
    if re.fullmatch(r"\d{3}X?", gold):
        return ours[:3] == gold[:3]
    if re.fullmatch(r"\d{4}-W\d\d", gold) and re.fullmatch(r"\d{4}-\d\d-\d\d", ours):
        year, week, _ = date.fromisoformat(ours).isocalendar()
        return f"{year}-W{week:02d}" == gold
    return ours == gold


def is_explicit(text: str) -> bool:
    return bool(_NAMES_CALENDAR.search(text))


def score(docs: list[GoldDoc], mentions: list[list[Mention]]) -> dict[str, object]:
    """Recall and value accuracy, overall and split explicit/relative (see module docstring)."""
    counts = {k: [0, 0, 0, 0] for k in ("all", "explicit", "relative")}  # gold, found, valued, ok
    for doc, ours in zip(docs, mentions, strict=True):
        for start, end, value in doc.gold:
            split = "explicit" if is_explicit(doc.text[start:end]) else "relative"
            overlapping = [v for s, e, v in ours if s < end and start < e]
            values = {part for v in overlapping for part in (v, *v.split("/"))}
            gold = normalise(value)
            valued = "X" not in gold
            right = valued and any(_granular_match(gold, v, doc.published) for v in values)
            for key in ("all", split):
                counts[key][0] += 1
                counts[key][1] += bool(overlapping)
                counts[key][2] += valued
                counts[key][3] += right
    return {k: _figures(*c) for k, c in counts.items()}


def _figures(gold: int, found: int, valued: int, right: int) -> dict[str, object]:
    return {
        "gold": gold,
        "recall": round(found / gold, 3) if gold else None,
        "gold_with_value": valued,
        "value_accuracy": round(right / valued, 3) if valued else None,
    }


def evaluate(docs: list[GoldDoc], parse: Callable[[list[str]], list[object]]) -> dict[str, object]:
    from eventwire.extraction.dates import dates_component, resolve_dates

    text_only = [
        [(m.start, m.end, m.value) for m in resolve_dates(d.text, published=d.published)]
        for d in docs
    ]
    started = time.perf_counter()
    parsed = parse([d.text for d in docs])
    parse_seconds = time.perf_counter() - started
    started = time.perf_counter()
    for doc, gold in zip(parsed, docs, strict=True):
        doc._.published = gold.published  # type: ignore[attr-defined]
        dates_component(doc)  # type: ignore[arg-type]
    component_seconds = time.perf_counter() - started
    with_parse = [
        [(t.mention.start, t.mention.end, t.mention.value) for t in doc._.times]  # type: ignore[attr-defined]
        for doc in parsed
    ]
    return {
        "documents": len(docs),
        "text_only": score(docs, text_only),
        "component": score(docs, with_parse),
        "parse_seconds": round(parse_seconds, 2),
        "component_seconds": round(component_seconds, 3),
        "component_cost_share_of_parse": round(component_seconds / parse_seconds, 4),
    }


def main() -> int:
    present = {name: spec for name, spec in SETS.items() if spec[0].is_dir()}
    if not present:
        print(f"skipped: no date benchmark under {BENCH} (only in the development workspace)")
        return 0
    from eventwire.extraction import mentions
    from eventwire.nlp import load_model

    mentions.register_extensions()
    nlp = load_model()

    def parse(texts: list[str]) -> list[object]:
        with nlp.select_pipes(disable=["ner"]):
            return list(nlp.pipe(texts))

    results: dict[str, object] = {"rule": "see bench/date_eval.py docstring"}
    for name, (folder, pattern) in present.items():
        docs = [read_doc(p) for p in sorted(folder.glob(pattern))]
        results[name] = evaluate(docs, parse)
    print(json.dumps(results, indent=2))
    save(RESULTS, results)
    return 0


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT / "src"))
    raise SystemExit(main())
