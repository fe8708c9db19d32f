"""The time stage's tables (src/dateline/data/times.json) and the regex pieces built from them."""

from __future__ import annotations

import json
import re
from pathlib import Path

_DATA = json.loads((Path(__file__).resolve().parents[1] / "data" / "times.json").read_text("utf-8"))

MONTHS: dict[str, int] = _DATA["months"]
WEEKDAYS: dict[str, int] = _DATA["weekdays"]
NUMBERS: dict[str, int] = _DATA["numbers"]
VAGUE: list[str] = _DATA["vague_numbers"]
ORDINALS: dict[str, int] = _DATA["ordinals"]
UNITS: dict[str, str] = _DATA["units"]
SEASONS: dict[str, str] = _DATA["seasons"]
PARTS_OF_DAY: dict[str, str] = _DATA["parts_of_day"]
HOLIDAYS: dict[str, str] = _DATA["holidays"]
FLOATING: dict[str, list] = {k: v for k, v in _DATA["floating_holidays"].items() if not k.startswith("_")}
SETS: dict[str, str] = _DATA["sets"]
DECADE_WORDS: dict[str, int] = _DATA["decade_words"]
CUES: dict[str, list] = _DATA["cues"]
COUNTED_NOUNS: set[str] = set(_DATA["counted_nouns"])
DEICTIC: dict[str, str] = _DATA["deictic"]
TITLE_NORMALISERS: set[str] = set(_DATA["title_normalisers"])
KEEPS_MODIFIER: dict[str, list] = {k: v for k, v in _DATA["keeps_modifier"].items() if not k.startswith("_")}
WORDS: dict[str, list] = _DATA["words"]
MACROS: dict[str, str] = _DATA["macros"]


def alt(words) -> str:
    """Regex alternation of literal words, longest first so the longest wins."""
    return "(?:" + "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in sorted(words, key=len, reverse=True)) + ")"


_TENS = [w for w, v in NUMBERS.items() if v in (20, 30, 40, 50, 60, 70, 80, 90)]
_ONES = [w for w, v in NUMBERS.items() if 1 <= v <= 9 and w not in ("a", "an") and " " not in w]
NUM_WORD = rf"(?:{alt(_TENS)}(?:[\s-]{alt(_ONES)})?|{alt(NUMBERS)})"
_TEENS = [w for w, v in NUMBERS.items() if 10 <= v <= 19]
# Spoken years: "nineteen ninety-six", "two thousand".
SPOKEN_YEAR = (rf"(?:nineteen\s+(?:{alt(_TENS)}(?:[\s-]{alt(_ONES)})?|{alt(_TEENS)}|hundred(?:\s+and)?\s+{alt(_ONES)})"
               rf"|two\s+thousand(?:\s+(?:and\s+)?{alt(_ONES)})?)")
NUM = rf"(?:\d+(?:\.\d+)?|{NUM_WORD})"
VAGUE_RE = alt(VAGUE)
UNIT_RE = MACROS["UNIT"]
# Month names: full names and dotted abbreviations; bare three-letter forms only before a day.
MONTH_ANY = alt(MONTHS)
_BARE_ABBREV = {"Jan", "Feb", "Mar", "Apr", "Jun", "Jul", "Aug", "Sep", "Sept", "Oct", "Nov", "Dec"}
MONTH_ALONE = alt(k for k in MONTHS if k not in _BARE_ABBREV)
WEEKDAY = alt(WEEKDAYS)
ORDINAL = alt(ORDINALS)
SEASON = alt(SEASONS)
HOLIDAY = alt(list(HOLIDAYS) + list(FLOATING))

# The tables as %{NAME} macros of the rules file (rules.py).
TABLE_MACROS = {
    "MONTH_ANY": MONTH_ANY, "MONTH_ALONE": MONTH_ALONE, "WEEKDAY": WEEKDAY, "ORDINAL": ORDINAL,
    "SEASON": SEASON, "HOLIDAY": HOLIDAY, "NUM": NUM, "VAGUE": VAGUE_RE, "SPOKEN_YEAR": SPOKEN_YEAR,
    "DECADE_WORD": alt(DECADE_WORDS), "SET_WORD": alt(SETS),
}


def cue(name: str, tail: str = r"\W*$", also: str = "") -> re.Pattern:
    """The cue word list `name` of times.json as a regex over the text before an expression:
    one of its words (or the regex `also`), then `tail`, case-insensitive."""
    words = rf"\b{alt(CUES[name])}"
    return re.compile(rf"(?:{also + '|' if also else ''}{words}){tail}", re.I)


def number(text: str):
    """'twenty-four' -> 24, '3' -> 3, 'several' -> None (vague)."""
    t = " ".join(text.lower().replace("-", " ").split())
    if t in NUMBERS:
        return NUMBERS[t]
    try:
        v = float(t)
        return int(v) if v.is_integer() else v
    except ValueError:
        pass
    parts = t.split()
    if len(parts) == 2 and parts[0] in NUMBERS and parts[1] in NUMBERS:
        return NUMBERS[parts[0]] + NUMBERS[parts[1]]
    return None


def unit_code(word: str) -> str:
    w = word.lower()
    if w == "centuries":
        return "CE"
    return UNITS[w[:-1] if w.endswith("s") and w[:-1] in UNITS else w]
