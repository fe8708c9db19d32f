"""Durations and sets: "a six-week ceasefire", "the past two months", "daily"."""

from __future__ import annotations

import re

from .lexicon import SETS, WEEKDAYS, WORDS, cue, number, unit_code
from .context import Result, duration_value


def h_relnum(ctx, c, m):
    n_txt = m["n"]
    n = number(n_txt)
    u = unit_code(m["u"])
    return Result("DURATION", duration_value(n, u), "none")


# Limiting words TimeBank keeps inside a duration ("nearly two years"); others stay out ("about").
_LIMIT_KEPT = set(WORDS["LIMIT_KEPT"])
_DUR_PREP = cue("duration_before", r"\s+$")


_SET_PREV = cue("set_before", r"\s+$", also=r"\d|%")


def h_dur(ctx, c, m):
    n_txt = m["n"].lower()
    u = unit_code(m["u"])
    n = number(n_txt)
    start = c.start
    if n_txt in ("a", "an") and not m["the"] and not m["ord"] and not m["lim"]:
        before = ctx.text[max(0, c.start - 20):c.start]
        if _SET_PREV.search(before):
            return Result("SET", duration_value(1, u), "none")
        if not _DUR_PREP.search(before) and not m["half"] and not ("-" in m.group()):
            return None
    if n_txt in ("a", "an") and m["u"].lower().endswith("s"):
        return None  # "a decades-long dispute": the article belongs to the noun
    if n_txt in ("some", "many", "few") and not m["ord"]:
        return None
    if m["old"] == "old" or re.match(r"\s+old\b", ctx.text[c.end:c.end + 5]):
        return None  # an age, which TimeML does not mark
    if (u == "Q" and isinstance(n, int) and n <= 3 and not (m["the"] or m["ord"])
            and re.match(r"\s+of\b", ctx.text[c.end:c.end + 4])):
        return None  # "three-quarters of its food": a fraction ("several quarters of losses" is not)
    if m["half"] and n is not None:
        n += 0.5
    if m["lim"] and " ".join(m["lim"].lower().split()) not in _LIMIT_KEPT:
        start = m.start("n") if not (m["the"] or m["ord"]) else m.start("the") if m["the"] else m.start("ord")
    if m["the"] and not m["ord"] and "-" in m.group()[m.start("n") - c.start:]:
        start = m.start("n")  # "the six-week ceasefire": "the" belongs to the noun
    return Result("DURATION", duration_value(n, u), "none", start=start)


def h_plural(ctx, c, m):
    if "pre" not in m.groupdict():  # "decades-long"
        return Result("DURATION", duration_value(None, unit_code(m["u"])), "none")
    pre = " ".join(m["pre"].lower().split())
    u = unit_code(m["u"])
    if pre == "recent":
        if u == "Y":
            return Result("DATE", "PAST_REF", "published")
        return Result("DURATION", duration_value(None, u), "none")
    if pre in ("the coming", "coming", "the next"):
        return Result("DATE", "FUTURE_REF", "published")
    if pre in ("the past", "the last", "past"):
        return Result("DURATION", duration_value(None, u), "none")
    return Result("DURATION", duration_value(None, u), "none", start=m.start("u"))


def h_set(ctx, c, m):
    if m.groupdict().get("w"):
        return Result("SET", SETS[m["w"].lower()], "none")
    if m["wd"]:
        return Result("SET", f"XXXX-WXX-{WEEKDAYS[m['wd']]}", "none")
    u = unit_code(m["u"])
    n = number(m["n"]) if m["n"] else 1
    if m["other"]:
        n = 2
    return Result("SET", duration_value(n, u), "none")
