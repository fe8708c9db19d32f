"""Finding time expressions: compiled patterns over the raw text, longest match wins.

Spans follow TimeML (TimeBank/TempEval-3) conventions: prepositions are left
out ("on Friday" -> "Friday"), determiners and modifiers that are part of the
expression are kept ("the third quarter", "late November", "the past two months").
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .lexicon import (HOLIDAY, MONTH_ALONE, MONTH_ANY, NUM, ORDINAL, SEASON, SPOKEN_YEAR, UNIT_RE,
                      VAGUE_RE, WEEKDAY)

_MOD = r"(?:(?P<mod>early|late|mid|the\s+(?:end|beginning|start|middle|rest)\s+of)[\s-]+)?"
_YEAR = r"(?:1[6-9]|20)\d\d"
_CS = lambda s: f"(?-i:{s})"  # noqa: E731 - case-sensitive piece inside an (?i) pattern
_DAYNUM = r"(?P<d>3[01]|[12]\d|0?[1-9])(?:st|nd|rd|th)?"
_LIM = r"(?:(?P<lim>about|almost|nearly|more\s+than|less\s+than|at\s+least|up\s+to|some|roughly|approximately|around)\s+)?"
_POD = r"(?P<pod>morning|afternoon|evening|night)"

# (kind, pattern); on equal length the earlier kind wins.
_PATTERNS = [
    ("mdy", rf"\b{_CS(f'(?P<mon>{MONTH_ANY})')}\s+{_DAYNUM},?\s+(?P<y>{_YEAR})\b"),
    ("dmy", rf"\b{_DAYNUM}\s+(?:of\s+)?{_CS(f'(?P<mon>{MONTH_ANY})')},?\s+(?P<y>{_YEAR})\b"),
    ("iso", r"\b(?P<y>(?:1[6-9]|20)\d\d)-(?P<m>0[1-9]|1[0-2])-(?P<d>[0-3]\d)\b"),
    ("us", r"\b(?P<m>1[0-2]|0?[1-9])/(?P<d>3[01]|[12]\d|0?[1-9])/(?P<y>(?:19|20)\d\d)\b"),
    ("wmd", rf"\b{_CS(f'(?P<wd>{WEEKDAY})')},?\s+{_CS(f'(?P<mon>{MONTH_ANY})')}\s+{_DAYNUM}(?:,?\s+(?P<y>{_YEAR}))?\b(?![.,]?\d|:\d)"),
    # day first: 16.11.2017, or 25/12/2024 where the first number cannot be a month
    ("eu", r"\b(?P<d>3[01]|[12]\d|0?[1-9])\.(?P<m>1[0-2]|0?[1-9])\.(?P<y>(?:19|20)\d\d)\b"),
    ("eu", r"\b(?P<d>3[01]|[12]\d|1[3-9])/(?P<m>1[0-2]|0?[1-9])/(?P<y>(?:19|20)\d\d)\b"),
    ("md", rf"\b{_CS(f'(?P<mon>{MONTH_ANY})')}\s+{_DAYNUM}\b(?![.,]?\d|:\d|\s*(?:%|percent))"),
    ("dm", rf"\b{_DAYNUM}\s+(?:of\s+)?{_CS(f'(?P<mon>{MONTH_ALONE})')}(?![\w])"),
    ("my", rf"\b{_MOD}{_CS(f'(?P<mon>{MONTH_ALONE})')},?\s+(?:of\s+)?(?P<y>{_YEAR})\b"),
    ("m", rf"\b{_MOD}{_CS(f'(?P<mon>{MONTH_ALONE})')}(?![\w'])"),
    ("clock", rf"\b{_LIM}(?P<h>[01]?\d)(?::(?P<mi>[0-5]\d))?\s*(?P<ap>[ap]\.m\.|[ap]m\b)"
              rf"(?:\s+(?P<tz>[ECMP][SD]T|GMT|UTC))?(?:,?\s+(?:(?P<day>{_CS(WEEKDAY)}|today|yesterday|tomorrow)|{_CS(f'(?P<mon>{MONTH_ANY})')}\s+{_DAYNUM}\b))?"),
    ("clock", rf"\b(?P<h>[01]?\d|2[0-3]):(?P<mi>[0-5]\d)\s+(?P<tz>UTC|GMT|[ECMP][SD]T)"
              rf"(?:,?\s+(?:(?P<day>{_CS(WEEKDAY)}|today|yesterday|tomorrow)|{_CS(f'(?P<mon>{MONTH_ANY})')}\s+{_DAYNUM}\b))?"),
    ("clock", rf"\b{_LIM}(?P<h>noon|midnight|midday)(?:,?\s+(?P<day>{_CS(WEEKDAY)}|today|yesterday|tomorrow))?\b"),
    ("decade", rf"\b(?:the\s+)?{_MOD}(?P<dec>(?:1[6-9]|20)\d0s|'\d0s|(?<=the\s)(?:twenties|thirties|forties|fifties|sixties|seventies|eighties|nineties))\b"),
    ("century", rf"\b(?:the\s+)?{_MOD}(?P<o>\d{{1,2}}(?:st|nd|rd|th)|{ORDINAL})[\s-]century\b"),
    ("quarter", r"\b(?P<the>the\s+)(?P<k>latest|most\s+recent|same|comparable)\s+(?P<period>period)\b"),
    ("sameago", r"\bthe\s+(?:same|comparable|corresponding)\s+(?P<u>period|quarter|month|week|day)\s+"
                r"(?:of\s+)?(?:the\s+)?(?:last\s+year|previous\s+year|prior\s+year|a\s+year\s+(?:ago|earlier))\b"),
    ("sameago", r"\bthe\s+(?P<u>quarter|period)\s+a\s+year\s+(?:ago|earlier)\b"),
    ("quarter", rf"\b(?P<the>the\s+)?(?:(?P<k>latest|last|current|previous|past|next|coming|same|comparable|"
                rf"recent|most\s+recent|year-earlier|year-ago|this|first|second|third|fourth|1st|2nd|3rd|4th|final)[\s-]+)?"
                rf"(?:(?:fiscal|calendar)\s+)?(?:(?P<o>first|second|third|fourth|1st|2nd|3rd|4th)[\s-]+(?:fiscal\s+)?)?"
                rf"quarter(?!s)(?:\s+of\s+(?:the\s+)?(?:(?:fiscal\s+)?(?P<y>{_YEAR})|(?P<yrel>this|last|next|the\s+previous)\s+year))?\b"),
    ("yq", rf"\b(?:the\s+)?(?:(?P<y>{_YEAR})|(?P<yrel>this|last|next)\s+year's)\s+(?:(?P<o>first|second|third|fourth)\s+)?(?:fiscal\s+)?(?:quarter|period)\b"),
    ("qn", rf"\b(?P<the>the\s+)?{_CS('Q')}(?P<o>[1-4])(?:\s+(?P<y>{_YEAR})|\s*'(?P<y2>\d\d))?\b"),
    ("half", rf"\b(?:the\s+)?(?P<o>first|second|latter|last)[\s-]half(?:\s+of\s+(?:(?P<y>{_YEAR})|(?P<yrel>this|last|next)\s+year|the\s+year))?\b"),
    ("yearago", r"\b(?:the\s+)?(?P<k>year-earlier|year-ago|year-before|prior-year)(?:\s+(?P<u>quarter|period|nine\s+months|six\s+months|month|year|week))?\b"),
    ("fiscal", rf"\b(?:the\s+)?fiscal\s+(?:year\s+)?(?P<y>{_YEAR}|'\d\d)\b"),
    ("spoken", rf"\b(?:the\s+year\s+)?(?P<w>{SPOKEN_YEAR})\b"),
    ("theyear", rf"\b(?P<pre>for|of|in|during|through|throughout)?\s*(?P<x>{_MOD}the\s+(?:(?P<k>full|fiscal|full\s+fiscal|current|latest\s+fiscal)\s+)?year)\b(?P<ended>\s+(?:end(?:ed|ing)|to\s+date))?"),
    ("yearend", r"\b(?:the\s+)?(?P<w>year[\s-]end|year's\s+end)\b"),
    ("year", rf"\b{_MOD}(?P<y>{_YEAR})\b(?!\s*%|[,.]\d|-\d|\s*percent|\s*(?:-|to)\s*\d)"),
    ("season", rf"\b{_MOD}(?:(?P<rel>this|last|next|past|coming|previous)\s+)?(?P<s>{SEASON})(?:\s+(?:of\s+)?(?P<y>{_YEAR}))?\b"),
    ("holiday", rf"\b{_CS(f'(?P<hol>{HOLIDAY})')}(?:\s+(?P<y>{_YEAR}))?(?![\w'])"),
    ("relnum", rf"\b{_LIM}(?P<the>the\s+)?(?P<rel>past|last|next|coming|previous|following|first|final|remaining|latest|preceding)"
               rf"\s+(?P<n>{NUM}|{VAGUE_RE})(?:\s+(?:to|or)\s+{NUM})?\s+(?P<u>{UNIT_RE})(?:\s+or\s+so)?\b"),
    ("ago", rf"\b{_LIM}(?P<n>{NUM}|{VAGUE_RE})?[\s-]*(?P<u>{UNIT_RE})\s+(?P<dir>ago|earlier|later|from\s+now|hence)\b"),
    ("dur", rf"\b{_LIM}(?:(?P<the>the)\s+)?(?:(?P<ord>first|last|past|next|final|initial)\s+)?(?P<n>{NUM}|{VAGUE_RE})"
            rf"(?P<half>\s+and\s+a\s+half)?(?:\s+(?:to|or)\s+{NUM})?[\s-]+(?P<u>{UNIT_RE})(?:-(?P<old>old|long))?\b"),
    ("plural", r"\b(?P<pre>for|in|over|within|after|recent|the\s+past|the\s+coming|the\s+next|the\s+last|past|coming)\s+"
               r"(?P<u>days|weeks|months|years|decades|centuries|hours|minutes)\b"),
    ("plural", r"\b(?P<u>days|weeks|months|years|decades|centuries)-long\b"),
    ("rel", rf"\b{_MOD}(?P<pre>(?:earlier|later)\s+)?(?P<the>the\s+)?(?P<rel>last|next|this(?:\s+past|\s+coming)?|past|previous|coming|current|"
            rf"following|same|upcoming)\s+(?P<u>week|month|year|weekend|decade|century|fiscal\s+year|"
            rf"{_CS(f'(?P<mon>{MONTH_ALONE})')}|{_CS(f'(?P<wd>{WEEKDAY})')}|(?P<s>{SEASON})|{_POD})\b"),
    ("anaph", r"\b(?:the\s+(?P<k>next|following|previous|prior|preceding|same)|(?P<that>that)|(?P<the>the))\s+"
              r"(?P<u>day|week|month|year|morning|afternoon|evening|night|weekend)(?:\s+(?P<dir>before|after|earlier|later))?\b"),
    ("pod", rf"\b(?P<rel>this|yesterday|tomorrow|last|early|late|mid|that)[\s-]+{_POD}\b"),
    ("weekday", rf"\b{_MOD}{_CS(f'(?P<wd>{WEEKDAY})')}(?P<pl>s)?(?:\s+{_POD})?\b"),
    ("set", r"\b(?P<w>daily|nightly|weekly|monthly|annually|yearly|hourly|biweekly)\b"),
    ("set", rf"\b(?P<every>every|each|per)\s+(?:(?P<other>other)\s+)?(?:(?P<n>{NUM})\s+)?(?P<u>{UNIT_RE}|{_CS(f'(?P<wd>{WEEKDAY})')})\b"),
    ("deictic", r"\b(?:(?P<pre>late|early|right|more|earlier|later)\s+)?(?P<w>today|yesterday|tomorrow|tonight|now|currently|nowadays|recently|lately|formerly|"
                r"the\s+(?:near\s+|distant\s+|foreseeable\s+)?future|the\s+past|these\s+days|at\s+present|presently|overnight|"
                r"the\s+(?:near|short|long)\s+term)\b"),
]

# Speed: a pattern with an anchor runs only in windows around the anchor's matches
# (a word every match of it contains), not over the whole text. The windows reach
# _BACK characters before an anchor and _FWD after it, more than any match extends.
_UNIT_ANCHOR = r"(?i:\b(?:second|minute|hour|day|night|week|fortnight|month|quarter|year|decade|centur))"
_MONTH_ANCHOR = _CS(MONTH_ANY)
_ANCHORS = {
    "mdy": _MONTH_ANCHOR, "dmy": _MONTH_ANCHOR, "md": _MONTH_ANCHOR, "dm": _MONTH_ANCHOR,
    "my": _MONTH_ANCHOR, "m": _MONTH_ANCHOR, "wmd": _MONTH_ANCHOR,
    "iso": r"\d-\d", "us": r"\d/\d", "eu": r"\d[./]\d",
    "clock": r"(?i:[ap]\.?m\b|noon|midnight|midday|\d:\d\d)",
    "decade": r"(?i:0s\b|ties\b)", "century": r"(?i:century)", "half": r"(?i:half)",
    "quarter": r"(?i:quarter|period)", "qn": r"Q[1-4]", "yq": r"(?i:quarter|period)",
    "yearago": r"(?i:year-)", "sameago": r"(?i:year)", "fiscal": r"(?i:fiscal)", "spoken": r"(?i:nineteen|thousand)",
    "theyear": r"(?i:year)", "yearend": r"(?i:year)", "season": SEASON.join(("(?i:", ")")),
    "relnum": _UNIT_ANCHOR, "ago": _UNIT_ANCHOR, "dur": _UNIT_ANCHOR, "plural": _UNIT_ANCHOR,
    "anaph": _UNIT_ANCHOR, "pod": r"(?i:morning|afternoon|evening|night)", "weekday": _CS(WEEKDAY),
}
_BACK, _FWD = 50, 40

_ANCHOR_RX = {a: re.compile(a) for a in set(_ANCHORS.values())}
_COMPILED = [(kind, re.compile(p, re.I), _ANCHOR_RX[_ANCHORS[kind]] if kind in _ANCHORS else None)
             for kind, p in _PATTERNS]


def _windows(anchor: re.Pattern, text: str) -> list[tuple[int, int]]:
    out: list[tuple[int, int]] = []
    for a in anchor.finditer(text):
        s, e = max(0, a.start() - _BACK), min(len(text), a.end() + _FWD)
        if out and s <= out[-1][1]:
            out[-1] = (out[-1][0], e)
        else:
            out.append((s, e))
    return out


def _matches(rx: re.Pattern, anchor, text: str, windows: dict):
    if anchor is None:
        yield from rx.finditer(text)
        return
    if anchor not in windows:  # anchors shared by several patterns are scanned once
        windows[anchor] = _windows(anchor, text)
    for s, e in windows[anchor]:
        yield from rx.finditer(text, s, e)


@dataclass
class Candidate:
    start: int
    end: int
    kind: str
    m: re.Match
    # shorter matches this one shadowed, best first: tried when its normaliser rejects it
    alts: list = field(default_factory=list)


def candidates(text: str) -> list[Candidate]:
    """Non-overlapping matches in text order (longest first, then pattern order), each
    with the shorter matches inside it as fallbacks for when its normaliser rejects it."""
    found = []
    windows: dict = {}
    for i, (kind, rx, anchor) in enumerate(_COMPILED):
        for m in _matches(rx, anchor, text, windows):
            if m.end() > m.start():
                found.append((m.start(), m.end(), i, kind, m))
    found.sort(key=lambda c: (-(c[1] - c[0]), c[2], c[0]))
    out: list[Candidate] = []
    for s, e, _, kind, m in found:
        hit = [c for c in out if s < c.end and c.start < e]
        if not hit:
            out.append(Candidate(s, e, kind, m))
        elif len(hit) == 1 and hit[0].start <= s and e <= hit[0].end:
            hit[0].alts.append(Candidate(s, e, kind, m))
    out.sort(key=lambda c: c.start)
    return out
