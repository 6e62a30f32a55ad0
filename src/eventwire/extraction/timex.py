"""Find time expressions in plain text (the resolution is in `eventwire.extraction.dates`).

Pure text, no spaCy. `find_timexes` scans the text once with one compiled regex whose
kinds are tried in order at each position, so "Thursday, May 2" is one explicit date
rather than a weekday and a date, and "early July" one part of a month. Each match is
read into a `Timex` (the calendar fields its words give); "between A and B", "from A to
B" and "since A" are joined into ranges. Month and weekday names must be capitalised, so
"may" the verb is no month; a bare "May"/"March" needs a preposition before it, and a bare
four-digit number is no year next to a count word ("some 2000 troops").
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from eventwire.datafiles import load_yaml

TIME_WORDS = load_yaml("time_words.yaml")
MONTHS: dict[str, int] = TIME_WORDS["months"]
WEEKDAYS: dict[str, int] = {**TIME_WORDS["weekdays"], **TIME_WORDS["weekday_abbreviations"]}
NUMBERS: dict[str, int] = TIME_WORDS["numbers"]
DECADE_WORDS: dict[str, int] = TIME_WORDS["decade_words"]
SEASONS: dict[str, list[object]] = TIME_WORDS["seasons"]
#: First word of a part phrase ("end" of "end of") -> early/mid/late, by its first day.
_PART_OF: dict[str, str] = {}
#: early/mid/late -> first and last day of that part of a month.
PART_DAYS: dict[str, tuple[int, int]] = {}
for _words, (_first, _last) in TIME_WORDS["month_parts"].items():
    _PART_OF[_words.split()[0]] = {1: "early", 11: "mid"}.get(_first, "late")
    PART_DAYS[_PART_OF[_words.split()[0]]] = (_first, _last)
_AMBIGUOUS_MONTHS = set(TIME_WORDS["ambiguous_months"])
_MONTH_PRECEDERS = set(TIME_WORDS["month_preceders"])
_NOT_YEAR_BEFORE = set(TIME_WORDS["not_year_before"])
_NOT_YEAR_AFTER = set(TIME_WORDS["not_year_after"])
_NAMED_DAY_PREFIXES = set(TIME_WORDS["named_day_prefixes"])
_NOT_SEASON_BEFORE = set(TIME_WORDS["not_season_before"])
_SEASON_ARTICLES = _MONTH_PRECEDERS | {"the"}  # words a capitalised season may follow
_DECADE_BEFORE = re.compile(r"(?:\bthe\s+|')\d0s,?\s+(?:and|or|to)\s+$", re.IGNORECASE)
_MODIFIERS = {"last", "next", "this", "past", "previous", "coming", "earlier", "later"}
_UNITS = {"day", "week", "month", "quarter", "year", "weekend", "decade"}


def _names(words: dict[str, int], *, full: set[str]) -> str:
    """A capitalised alternation of calendar names, longest first, abbreviations with '.'."""
    forms = [
        w.title() + ("" if w in full else r"\.?") for w in sorted(words, key=len, reverse=True)
    ]
    return "(?:" + "|".join(forms) + ")(?![a-z])"


_FULL_MONTHS = {w for w, n in MONTHS.items() if len(w) > 4 or w in {"may", "june", "july"}}
_MON = _names(MONTHS, full=_FULL_MONTHS)
_MONFULL = _names({w: MONTHS[w] for w in _FULL_MONTHS}, full=_FULL_MONTHS)
_WD = _names(TIME_WORDS["weekdays"], full=set(TIME_WORDS["weekdays"]))
_WDA = _names(TIME_WORDS["weekday_abbreviations"], full=set())
_WDPRE = rf"(?:(?:{_WD}|{_WDA}),?\s+)?"
_DAY = r"(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?(?!\w)"
_YEAR = r"(?<![\d$£€])(?:1[89]\d\d|20\d\d)(?![\d%]|[.,]\d)"
_DAYNUM = r"(?:0?[1-9]|[12]\d|3[01])"
_PART = r"(?i:early|mid|late|(?:the\s+)?(?:beginning|start|middle|end)\s+of)"
_REL = r"(?i:last|next|this|past|previous|coming)"
_NUM = r"(?i:" + "|".join(sorted(NUMBERS, key=len, reverse=True)) + r"|\d{1,3})"
_SEAS = r"(?:spring|summer|autumn|winter)"
_QUARTER_WORDS: dict[str, int] = TIME_WORDS["quarters"]
_QORD = r"(?i:" + "|".join(sorted(_QUARTER_WORDS, key=len, reverse=True)) + r")"

_PATTERNS: tuple[tuple[str, str], ...] = (
    ("iso", r"(?<!\d)(?:1[89]|20)\d\d[-/](?:0[1-9]|1[0-2])[-/](?:0[1-9]|[12]\d|3[01])(?!\d)"),
    # "7/8/07": month or day first as the source writes dates (`find_timexes(day_first=)`).
    ("numeric", rf"(?<![\d/.]){_DAYNUM}/{_DAYNUM}/(?:(?:1[89]|20)\d\d|\d\d)(?![\d/])"),
    (
        "dayrange",
        rf"{_MON}\s+{_DAY}\s*[-–]\s*{_DAY}(?:,?\s+{_YEAR})?"
        rf"|{_DAY}\s*[-–]\s*{_DAY}\s+{_MON}(?:,?\s+{_YEAR})?",
    ),
    (
        "date",
        rf"{_WDPRE}{_MON}\s+{_DAY}(?:,?\s+{_YEAR})?"
        rf"|{_WDPRE}(?i:the\s+)?{_DAY}\s+(?i:of\s+)?{_MON}(?:,?\s+{_YEAR})?",
    ),
    (
        "month",
        rf"(?:{_PART}[\s-]+|{_REL}\s+)?{_MON},?\s+(?i:of\s+)?{_YEAR}"
        rf"|(?:{_PART}[\s-]+|{_REL}\s+)?{_MONFULL}(?:\s+(?i:(?:of\s+)?(?:this|last|next)\s+year))?",
    ),
    (
        "decade",
        r"(?i:the\s+)?(?i:(?:early|mid|late)[\s-]+)?(?:1[89]|20)\d0'?s"
        r"|(?:(?i:the)\s+)?'?\d0s|(?i:the\s+(?:" + "|".join(DECADE_WORDS) + "))",
    ),
    (
        "season",
        rf"(?i:(?:(?:this|last|next|early|late)\s+(?:{_SEAS}|fall))"
        rf"|(?:in|during)\s+the\s+{_SEAS})(?:\s+(?:of\s+)?{_YEAR})?"
        rf"|(?i:{_SEAS}|fall)\s+(?:of\s+)?{_YEAR}|(?i:{_SEAS})",
    ),
    (
        "quarter",
        rf"(?i:the\s+)?{_QORD}[\s-]+(?i:quarter)(?:\s+(?i:of\s+)?(?:{_YEAR}|(?i:this|last|next)\s+year))?"
        rf"|Q[1-4](?:\s+{_YEAR})?",
    ),
    ("year", rf"(?:{_PART}[\s-]+)?{_YEAR}|'\d\d(?!['\w])"),
    (
        "weekday",
        rf"(?:(?i:last|next|this|early|late)\s+)?{_WD}"
        r"(?:\s+(?i:morning|afternoon|evening|night))?",
    ),
    (
        "dayrel",
        r"(?i:the\s+day\s+(?:before\s+yesterday|after\s+tomorrow)"
        r"|(?:earlier|later)\s+(?:today|tonight)"
        r"|(?:early\s+|late\s+)?(?:yesterday|today|tomorrow)"
        r"(?:\s+(?:morning|afternoon|evening|night))?"
        r"|tonight|last\s+night|overnight|this\s+(?:morning|afternoon|evening))",
    ),
    ("ago", rf"{_NUM}\s+(?i:days?|weeks?|months?|years?|decades?)\s+(?i:ago)"),
    ("past", rf"(?i:(?:the\s+)?(?:past|last|previous)\s+){_NUM}\s+(?i:days|weeks|months|years)"),
    (
        "unitrel",
        r"(?i:(?:earlier|later)\s+this\s+(?:week|month|year)"
        rf"|{_PART}\s+(?:the|this|last|next)\s+year"
        r"|(?:the\s+)?(?:last|this|next|past|previous|coming)\s+"
        r"(?:week|month|quarter|year|weekend|decade)"
        r"|(?:over|at|during)\s+the\s+weekend|the\s+weekend)",
    ),
    (
        # Durations: how long, not when ("for six years", "over a decade"); no interval.
        "duration",
        rf"(?i:for|over)\s+(?:(?i:more\s+than|nearly|almost|about|some)\s+)?"
        rf"{_NUM}\s+(?i:days?|weeks?|months?|years?|decades?)(?!\s+(?i:ago|old|later|earlier))",
    ),
    (
        # Anaphors: the day, week, month or year the text is talking about, resolved
        # against the latest date mentioned before them ("On May 2 … that day").
        "anaphor",
        r"(?i:the\s+same\s+(?:day|week|month|period)\s+(?:a\s+year\s+(?:ago|earlier|before)"
        r"|(?:of\s+)?(?:last|the\s+previous|the\s+prior)\s+year)"
        r"|(?:that|the\s+same|the\s+very|the\s+entire|the\s+whole)\s+(?:day|week|month|year)"
        r"|the\s+(?:previous|preceding|following|next)\s+(?:day|week|month|year)"
        r"|(?:the|a|one)\s+(?:day|week|month|year)\s+(?:before|after|earlier|later|previous|prior)"
        r"|(?:a|the)\s+(?:second|third|fourth|fifth)\s+(?:consecutive|straight)\s+(?:day|week|month|year)"
        r"|(?:earlier|later|early|late)\s+in\s+the\s+day|the\s+day)",
    ),
    (
        "ref",
        r"(?i:right\s+now|now|currently|at\s+present|presently|nowadays|at\s+the\s+moment"
        r"|recently|in\s+recent\s+(?:days|weeks|months|years)|previously"
        r"|in\s+the\s+past(?!\s+(?:\w+\s+)?(?:days?|weeks?|months?|years?|decades?)\b)"
        r"|formerly|in\s+the\s+future|soon|current|ongoing|recent|for\s+the\s+time\s+being"
        r"|the\s+(?:near|short|long)\s+term|short-term|in\s+the\s+coming\s+(?:days|weeks|months))",
    ),
)
# One boundary check outside the alternation, so mid-word positions fail at once.
_FINDER = re.compile(
    r"(?<![\w'])(?=[\w'])(?:" + "|".join(rf"(?P<{k}>(?:{p})(?!\w))" for k, p in _PATTERNS) + ")"
)
_LEADING_PREP = re.compile(r"(?i:over|at|during|in)\s+")
_TOKEN = re.compile(r"\d+|[A-Za-z]+")
_WORD_BEFORE = re.compile(r"([A-Za-z]+|-)\W*$")
_WORD_AFTER = re.compile(r"^\W*([A-Za-z]+)")
_RANGE_GAP = re.compile(r"\s*(?:and|to|until|till|through|-|–|—)\s*", re.IGNORECASE)
_RANGE_OPEN = re.compile(r"(?:between|from)\s+$", re.IGNORECASE)
_SINCE = re.compile(r"(?:ever\s+)?since\s+$", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class Timex:
    """A time expression found in text, not yet resolved; offsets index that text.

    The fields are what the words say: `modifier` last/next/this/past/previous/coming/
    earlier/later, `part` early/mid/late, `unit` day/week/month/year/weekend/decade,
    `count` for "two days ago". `parts` holds the ends of a range ("between … and …") or
    the start of a "since" expression.
    """

    kind: str
    start: int
    end: int
    text: str
    year: int | None = None
    month: int | None = None
    day: int | None = None
    day2: int | None = None
    weekday: int | None = None
    modifier: str | None = None
    part: str | None = None
    unit: str | None = None
    count: int | None = None
    season: str | None = None
    quarter: int | None = None
    short_year: int | None = None  # two digits ("'82", "7/8/07", "the 70s"), century chosen later
    parts: tuple[Timex, ...] = ()

    @property
    def tense_sensitive(self) -> bool:
        """Whether the verb's tense can change the resolution (a weekday, a date without year)."""
        if self.parts:
            return any(p.tense_sensitive for p in self.parts)
        if self.modifier in {"last", "next", "past", "previous", "coming"}:
            return False
        if self.kind in {"weekday", "season"} or self.unit == "weekend":
            return self.year is None
        return self.kind in {"date", "dayrange", "month", "quarter"} and self.year is None


def find_timexes(text: str, *, day_first: bool = False) -> list[Timex]:
    """Every time expression in `text`, in order, with ranges and "since" joined.

    `day_first` reads an all-numeric date "7/8/07" as 7 August, as most of the world writes
    it; else as July 8, as US news does. A first number over 12 is a day either way."""
    found = []
    for match in _FINDER.finditer(text):
        kind = match.lastgroup or ""
        start, end = match.start(), match.end()
        if kind in {"season", "unitrel"} and (lead := _LEADING_PREP.match(text, start)):
            start = lead.end()
        timex = _parse(kind, text, start, end, day_first=day_first)
        if _plausible(timex, text):
            found.append(timex)
    return _join_ranges(text, found)


def _parse(kind: str, text: str, start: int, end: int, *, day_first: bool = False) -> Timex:
    """Read the calendar fields off the words of a match."""
    if kind == "quarter":
        return _parse_quarter(text, start, end)
    if kind == "anaphor":
        return _parse_anaphor(text, start, end)
    if kind == "numeric":
        return _parse_numeric(text, start, end, day_first=day_first)
    fields: dict[str, object] = {}
    for token in _TOKEN.findall(text[start:end]):
        low = token.lower()
        if token.isdigit():
            _digit_field(fields, kind, token)
        elif token[0].isupper() and low in MONTHS and kind not in {"weekday"}:
            fields.setdefault("month", MONTHS[low])
        elif token[0].isupper() and low in WEEKDAYS:
            fields.setdefault("weekday", WEEKDAYS[low])
        elif low in _PART_OF and kind not in {"ago", "past", "dayrel", "duration"}:
            fields.setdefault("part", _PART_OF[low])
        elif low in _MODIFIERS:
            fields.setdefault("modifier", low)
        elif low.rstrip("s") in _UNITS:
            fields["unit"] = low.rstrip("s")
        elif low in NUMBERS and kind in {"ago", "past", "duration"}:
            fields.setdefault("count", NUMBERS[low])
        elif low in DECADE_WORDS:
            fields["year"] = DECADE_WORDS[low] * 10
        elif low in SEASONS:
            fields["season"] = low
    return Timex(kind, start, end, text[start:end], **fields)  # type: ignore[arg-type]


_QUARTER_OF = re.compile(r"(?i)\b(?:q([1-4])|(\w+)[\s-]+quarter)\b")
_YEAR_IN = re.compile(_YEAR)
_YEAR_WORD = re.compile(r"(?i)\b(this|last|next)\s+year\b")


def _parse_quarter(text: str, start: int, end: int) -> Timex:
    """ "the third quarter (of 2009 / of last year)", "third-quarter", "Q3 2009"."""
    words = text[start:end]
    found = _QUARTER_OF.search(words)
    number = int(found.group(1)) if found and found.group(1) else None
    if found and number is None:
        number = _QUARTER_WORDS.get(found.group(2).lower())
    year = _YEAR_IN.search(words)
    relative = _YEAR_WORD.search(words)
    return Timex(
        "quarter",
        start,
        end,
        words,
        year=int(year.group()) if year else None,
        quarter=number,
        modifier=relative.group(1).lower() if relative else None,
        unit="year" if relative else None,
    )


_ANAPHOR_STEP = {"previous": "previous", "preceding": "previous", "before": "previous",
                 "prior": "previous",
                 "earlier": "previous", "following": "next", "next": "next", "after": "next",
                 "later": "next"}  # fmt: skip


def _parse_anaphor(text: str, start: int, end: int) -> Timex:
    """ "that day", "the next day", "a week later", "the previous year": a unit and a step
    (modifier previous/next, none for the same unit); "earlier in the day" is that day;
    "the same month last year" steps a year back ("a period" counts as a month)."""
    words = text[start:end].lower().replace("period", "month").split()
    unit = next(w for w in words if w in _UNITS)
    if words[:2] == ["the", "same"] and "year" in words[3:]:  # "the same month last year"
        return Timex("anaphor", start, end, text[start:end], unit=unit, modifier="year before")
    steps = [_ANAPHOR_STEP[w] for w in words if w in _ANAPHOR_STEP]
    step = steps[0] if steps and "in" not in words else None
    return Timex("anaphor", start, end, text[start:end], unit=unit, modifier=step)


def _parse_numeric(text: str, start: int, end: int, *, day_first: bool) -> Timex:
    """ "7/8/07": as `day_first` says, unless a number cannot be a month ("25/12/2024")."""
    first, second, year = (int(n) for n in text[start:end].split("/"))
    swapped = first > 12 or (day_first and second <= 12)
    month, day = (second, first) if swapped else (first, second)
    long_year = year if year > 99 else None
    short_year = year if year <= 99 else None
    return Timex(
        "numeric", start, end, text[start:end], year=long_year, month=month, day=day,
        short_year=short_year,
    )  # fmt: skip


def _digit_field(fields: dict[str, object], kind: str, token: str) -> None:
    if kind in {"ago", "past", "duration"}:
        fields["count"] = int(token)
    elif kind == "iso":
        key = "year" if "year" not in fields else "month" if "month" not in fields else "day"
        fields[key] = int(token)
    elif len(token) == 4:
        fields.setdefault("year", int(token))
    elif kind in {"decade", "year"}:
        fields["short_year"] = int(token)  # "the '90s", "since '82"
    else:
        fields["day2" if "day" in fields else "day"] = int(token)


def _plausible(timex: Timex, text: str) -> bool:
    """Drop matches that are probably not dates ("may" the verb, "2000 people")."""
    before = _WORD_BEFORE.search(text, max(0, timex.start - 40), timex.start)
    previous = before.group(1).lower() if before else ""
    if timex.kind == "month" and timex.year is None and not (timex.part or timex.modifier):
        first = timex.text.split()[0].lower()
        return first not in _AMBIGUOUS_MONTHS or previous in _MONTH_PRECEDERS
    after = _WORD_AFTER.match(text[timex.end : timex.end + 40])
    following = after.group(1) if after else ""
    if timex.kind == "year" and timex.part is None:
        return previous not in _NOT_YEAR_BEFORE and following.lower() not in _NOT_YEAR_AFTER
    if timex.kind == "season" and timex.text.isalpha():  # a bare "spring", "Autumn"
        named = timex.text[0].isupper() and before and before.group(1)[0].isupper()
        named = named and previous not in _SEASON_ARTICLES  # not "The Winter session"
        return not named and previous not in _NOT_SEASON_BEFORE and not following[:1].isupper()
    if timex.kind == "weekday" and previous in _NAMED_DAY_PREFIXES:  # "Black Monday"
        return not timex.text[0].isupper() or before is None or not before.group(1)[0].isupper()
    if timex.kind == "decade" and re.fullmatch(r"\d0s", timex.text):  # "the 70s and 80s"
        return bool(_DECADE_BEFORE.search(text, max(0, timex.start - 16), timex.start))
    return True


def _join_ranges(text: str, found: list[Timex]) -> list[Timex]:
    """Join "between A and B" / "from A to B" into one range, "since A" into an open one."""
    joined: list[Timex] = []
    i = 0
    while i < len(found):
        first = found[i]
        opener = _RANGE_OPEN.search(text, max(0, first.start - 12), first.start)
        if first.kind != "ref" and opener and i + 1 < len(found):
            second = found[i + 1]
            if second.kind != "ref" and _RANGE_GAP.fullmatch(text, first.end, second.start):
                start = opener.start()
                joined.append(
                    Timex(
                        "range", start, second.end, text[start : second.end], parts=(first, second)
                    )
                )
                i += 2
                continue
        since = _SINCE.search(text, max(0, first.start - 12), first.start)
        if since and first.kind not in {"ref", "ago"}:
            start = since.start()
            first = Timex("since", start, first.end, text[start : first.end], parts=(first,))
        joined.append(first)
        i += 1
    return joined
