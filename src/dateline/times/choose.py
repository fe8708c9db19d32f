"""A learned second look at the rules' time expressions: keep or reject each one,
choose its span among close variants (a word more or less at either edge, or joined
with the next expression) and its value among the normaliser's readings (tense taken
otherwise, no earlier date known), and give a value to spaCy DATE/TIME entities the
rules missed.

Why: the rules decide span and acceptance from the words of the match alone; a small
logistic model over the match, its neighbours and the parse can weigh the evidence the
rules cannot (e.g. "nearly" kept before a duration, "the" dropped in "the two days").
Both models are trained by scripts/train_timex.py on TimeBank only (the tune half of
TempEval-3) and shipped as plain JSON weights (src/dateline/data/timex_choice.json),
applied here in pure Python: a feature is a string, a score is the sum of its weights.
The file says whether the choice is enabled; it is only when it raised the check
halves (see BENCHMARKS.md, "Time expressions").
"""

from __future__ import annotations

import json
import math
import re
from dataclasses import dataclass, field, replace
from functools import lru_cache
from pathlib import Path
from typing import Optional

from ..records import Time
from . import calendar as cal
from .lexicon import UNITS

MODEL_FILE = Path(__file__).resolve().parents[1] / "data" / "timex_choice.json"

_WORD = re.compile(r"[A-Za-z][\w'.-]*|\d[\d,./:-]*")
_NUM = re.compile(r"\d")


@dataclass
class Found:
    """A time expression with what the rules knew about it (features of the choice)."""
    time: Time
    rule: str
    kind: str
    readings: dict = field(default_factory=dict)  # {value: (type, [how])}, see times._readings


@lru_cache(maxsize=1)
def load(path: str = str(MODEL_FILE)) -> Optional[dict]:
    p = Path(path)
    if not p.exists():
        return None
    return json.loads(p.read_text("utf-8"))


def _w(s: str) -> str:
    s = s.lower()
    return "#" if _NUM.search(s) else s


def _shape(value: str) -> str:
    return re.sub(r"\d", "9", value or "")


def _word_before(text: str, i: int) -> tuple[int, str]:
    """(start, word) of the word just before position i on the same line, across spaces
    only (no punctuation), or (-1, '')."""
    j = i
    while j > 0 and text[j - 1] in " \t":
        j -= 1
    if j == i or j == 0:
        return -1, ""
    k = j
    while k > 0 and (text[k - 1].isalnum() or text[k - 1] in "-'"):
        k -= 1
    w = text[k:j]
    return (k, w) if w and w[0].isalnum() else (-1, "")


def _word_after(text: str, i: int) -> tuple[int, str]:
    j = i
    while j < len(text) and text[j] in " \t":
        j += 1
    if j == i:
        return -1, ""
    k = j
    while k < len(text) and (text[k].isalnum() or text[k] in "-'"):
        k += 1
    w = text[j:k].rstrip("-'")
    return (j + len(w), w) if w and w[0].isalnum() else (-1, "")


def _context(text: str, s: int, e: int) -> list[str]:
    _, p1 = _word_before(text, s)
    _, n1 = _word_after(text, e)
    before = text[max(0, s - 2):s]
    out = [f"prev={_w(p1)}", f"next={_w(n1)}",
           f"prevch={before[-1:] if before else '^'}", f"nextch={text[e:e + 1] or '$'}"]
    if p1:
        ps, _ = _word_before(text, s)
        _, p2 = _word_before(text, ps)
        out.append(f"prev2={_w(p2)}_{_w(p1)}")
    return out


def _parse(doc, s: int, e: int) -> list[str]:
    if doc is None:
        return []
    try:
        span = doc.char_span(s, e, alignment_mode="expand")
    except Exception:  # noqa: BLE001 - a feature, never an error
        return []
    if span is None or not len(span):
        return []
    root = span.root
    ents = {t.ent_type_ for t in span if t.ent_type_}
    out = [f"dep={root.dep_}", f"headpos={root.head.pos_}", f"rootpos={root.pos_}",
           f"deppos={root.dep_}_{root.head.pos_}"]
    out += [f"ent={x}" for x in sorted(ents)] or ["ent=none"]
    if root.head.i != root.i and root.head.pos_ == "ADP":
        out.append(f"prep={root.head.lower_}")
    return out


def keep_features(text: str, f: Found, doc=None) -> list[str]:
    t = f.time
    words = [_w(x) for x in _WORD.findall(t.text)] or [""]
    line_start = t.start == 0 or text[t.start - 1] == "\n"
    out = ["bias", f"rule={f.rule}", f"kind={f.kind}", f"type={t.type}", f"shape={_shape(t.value)}",
           f"first={words[0]}", f"last={words[-1]}", f"n={min(len(words), 5)}",
           f"anchor={'tid' if t.anchor and t.anchor.startswith('t') else t.anchor}",
           f"cap={t.text[:1].isupper()}", f"linestart={line_start}",
           f"rule_prev={f.rule}_{_w(_word_before(text, t.start)[1])}"]
    out += [f"w={x}" for x in set(words)]
    out += _context(text, t.start, t.end)
    out += _parse(doc, t.start, t.end)
    return out


def variants(text: str, found: list[Found], i: int) -> list[tuple[int, int, str, Found]]:
    """(start, end, how, expression) for the span variants of found[i]: itself, one word
    more or less at either edge, two more at the left, and joined with the next
    expression when only a space or a comma lies between."""
    f = found[i]
    s, e = f.time.start, f.time.end
    out = [(s, e, "orig", f)]
    ps, pw = _word_before(text, s)
    if ps >= 0:
        out.append((ps, e, "addL", f))
        pps, ppw = _word_before(text, ps)
        if pps >= 0:
            out.append((pps, e, "addLL", f))
    ne, nw = _word_after(text, e)
    if ne >= 0 and (i + 1 >= len(found) or ne <= found[i + 1].time.start):
        out.append((s, ne, "addR", f))
    inner = f.time.text
    m = re.match(r"[^\s]+\s+", inner)
    if m and len(inner) > m.end():
        out.append((s + m.end(), e, "dropL", f))
    m = re.search(r"\s+[^\s]+$", inner)
    if m and m.start() > 0:
        out.append((s, s + m.start(), "dropR", f))
    if i + 1 < len(found):
        g = found[i + 1]
        gap = text[e:g.time.start]
        if g.time.start >= e and re.fullmatch(r",?\s{1,2}", gap) and "\n" not in gap:
            out.append((s, g.time.end, "join", f))
    # keep overlapping neighbours out
    lo = found[i - 1].time.end if i > 0 else 0
    return [v for v in out if v[0] >= lo and v[1] > v[0]]


def span_features(text: str, s: int, e: int, how: str, f: Found, doc=None) -> list[str]:
    t = f.time
    if how in ("addL", "addLL"):
        added = [_w(x) for x in _WORD.findall(text[s:t.start])]
    elif how == "addR":
        added = [_w(x) for x in _WORD.findall(text[t.end:e])]
    elif how == "dropL":
        added = [_w(x) for x in _WORD.findall(text[t.start:s])]
    elif how == "dropR":
        added = [_w(x) for x in _WORD.findall(text[e:t.end])]
    elif how == "join":
        added = ["<timex>"]
    else:
        added = []
    key = "_".join(added)
    out = ["bias", f"how={how}", f"how_rule={how}_{f.rule}", f"how_kind={how}_{f.kind}",
           f"how_type={how}_{t.type}", f"how_words={how}_{key}"]
    out += [f"how_w={how}_{x}" for x in added]
    out += [f"how_{k}" for k in _context(text, s, e)]
    if how != "orig" and doc is not None:
        out += [f"how_{how}_{x}" for x in _parse(doc, s, e)[:1]]
    return out


# The values the learned choice may give an expression the rules missed (a spaCy DATE or
# TIME entity): a vague duration of its unit, a past/present/future reference, the
# publication date at its unit's grain, or a set of its unit.
VALUE_CLASSES = ("none", "PX", "PAST_REF", "PRESENT_REF", "FUTURE_REF", "DCT", "SET")
_TYPE = {"PX": "DURATION", "PAST_REF": "DATE", "PRESENT_REF": "DATE", "FUTURE_REF": "DATE",
         "DCT": "DATE", "SET": "SET"}
_UNIT_WORD = re.compile(r"\b(" + "|".join(sorted(UNITS, key=len, reverse=True)) + r")(?:s|ly)?\b", re.I)
_ADJ_UNIT = {"annual": "Y", "quarterly": "Q"}


def _unit(text: str) -> Optional[str]:
    m = _UNIT_WORD.search(text)
    if m:
        return UNITS[m[1].lower()]
    for w, u in _ADJ_UNIT.items():
        if w in text.lower():
            return u
    return None


def class_value(cls: str, text: str, dct) -> Optional[tuple[str, str]]:
    """(type, value) of a value class for the expression `text`, or None where it has none."""
    if cls in ("PAST_REF", "PRESENT_REF", "FUTURE_REF"):
        return _TYPE[cls], cls
    u = _unit(text)
    if not u or cls == "none":
        return None
    if cls == "PX":
        return "DURATION", ("PTX" + u[1:]) if u.startswith("T") else "PX" + u
    if cls == "SET":
        return "SET", ("PT1" + u[1:]) if u.startswith("T") else "P1" + u
    if cls == "DCT" and dct is not None and u in cal.UNIT_GRAN:
        return "DATE", cal.fmt(cal.UNIT_GRAN[u], dct)
    return None


def entity_candidates(text: str, doc, found: list[Found], skip=None) -> list[Found]:
    """spaCy DATE/TIME entities with a word in them that no rule expression overlaps."""
    if doc is None:
        return []
    out = []
    for e in doc.ents:
        if e.label_ not in ("DATE", "TIME") or not any(ch.isalpha() for ch in e.text):
            continue
        s, t = e.start_char, e.end_char
        if any(f.time.start < t and s < f.time.end for f in found):
            continue
        if skip is not None and skip(s, t):
            continue
        out.append(Found(Time(id="", start=s, end=t, text=text[s:t], type="DATE", value="?",
                              anchor="published"), "spacy_" + e.label_, "entity"))
    return out


def value_features(text: str, f: Found, doc=None) -> list[str]:
    return [x for x in keep_features(text, f, doc) if not x.startswith(("shape=", "type=", "anchor="))]


def best_class(weights: dict, feats: list[str], text: str, dct) -> tuple[float, str, Optional[tuple]]:
    """(probability, class, (type, value)) of the most probable class that gives a value."""
    zs = {c: sum(weights.get(c, {}).get(x, 0.0) for x in feats) for c in VALUE_CLASSES}
    top = max(zs.values())
    norm = sum(math.exp(z - top) for z in zs.values())
    best = (0.0, "none", None)
    for c in VALUE_CLASSES[1:]:
        tv = class_value(c, text, dct)
        p = math.exp(zs[c] - top) / norm
        if tv and p > best[0]:
            best = (p, c, tv)
    return best


def reading_features(text: str, f: Found, value: str, typ: str, hows: list) -> list[str]:
    t = f.time
    own = value == t.value
    out = [f"own={own}", f"own_kind={own}_{f.kind}", f"vshape={_shape(value)}",
           f"shape_pair={_shape(t.value)}>{_shape(value)}", f"type={typ}"]
    for h in hows:
        out += [f"how={h}", f"how_kind={h}_{f.kind}", f"how_rule={h}_{f.rule}", f"how_own={h}_{own}"]
    if len(value) >= 7 and len(t.value) >= 7 and value[:4].isdigit() and t.value[:4].isdigit():
        out.append(f"later={value > t.value}")
    return out


def choose_value(text: str, f: Found, model: dict) -> tuple[str, str]:
    """(type, value): the best-scoring reading, the rules' own unless another scores
    more than the margin above it."""
    t = f.time
    if len(f.readings) < 2 or "value" not in model:
        return t.type, t.value
    w, margin = model["value"]["weights"], model["value"].get("margin", 0.0)
    best = (score(w, reading_features(text, f, t.value, t.type, f.readings.get(t.value, ("", []))[1]))
            + margin, t.type, t.value)
    for value, (typ, hows) in f.readings.items():
        if value != t.value:
            p = score(w, reading_features(text, f, value, typ, hows))
            if p > best[0]:
                best = (p, typ, value)
    return best[1], best[2]


def score(weights: dict, feats: list[str]) -> float:
    z = sum(weights.get(x, 0.0) for x in feats)
    return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))


def _join_value(a: Time, b: Time) -> tuple[str, str]:
    """Type and value of two expressions read as one: the more specific date wins."""
    if a.type in ("DATE", "TIME") and b.type in ("DATE", "TIME"):
        best = max((a, b), key=lambda t: (t.value[:1].isdigit(), len(t.value)))
        return best.type, best.value
    return a.type, a.value


def apply(text: str, found: list[Found], doc=None, model: Optional[dict] = None, dct=None,
          skip=None) -> list[Time]:
    """The kept expressions with their chosen spans, and the entities the rules missed that
    the value model gives a value, renumbered t1, t2, ... in text order."""
    model = model if model is not None else load()
    if not model:
        return [f.time for f in found]
    ent = model.get("entity")
    if ent and doc is not None:
        added = []
        for f in entity_candidates(text, doc, found, skip):
            p, _, tv = best_class(ent["weights"], value_features(text, f, doc), f.time.text, dct)
            if tv and p >= ent["threshold"]:
                added.append(Found(replace(f.time, type=tv[0], value=tv[1], id=f"e{len(added)}"),
                                   f.rule, f.kind))
        if added:
            found = sorted(found + added, key=lambda f: f.time.start)
    if not found:
        return []
    kw, sw = model["keep"]["weights"], model["span"]["weights"]
    threshold = model["keep"]["threshold"]
    margin = model["span"].get("margin", 0.0)
    kept = [f for f in found if f.kind == "entity" or score(kw, keep_features(text, f, doc)) >= threshold]
    out: list[Time] = []
    skip_next = False
    for i, f in enumerate(kept):
        if skip_next:
            skip_next = False
            continue
        best, best_p = None, -1.0
        for s, e, how, _ in variants(text, kept, i):
            if out and s < out[-1].end:
                continue
            p = score(sw, span_features(text, s, e, how, f, doc)) + (margin if how == "orig" else 0.0)
            if p > best_p:
                best, best_p = (s, e, how), p
        s, e, how = best if best else (f.time.start, f.time.end, "orig")
        typ, value = choose_value(text, f, model)
        if how == "join":
            typ, value = _join_value(f.time, kept[i + 1].time)
            skip_next = True
        out.append(replace(f.time, start=s, end=e, text=text[s:e], type=typ, value=value))
    # renumber, keeping anchors that point to kept expressions
    ids = {}
    for n, t in enumerate(out, 1):
        ids[t.id] = f"t{n}"
    for f in found:  # an anchor to a dropped expression falls back to the publication date
        ids.setdefault(f.time.id, None)
    res = []
    for t in out:
        anchor = t.anchor
        if anchor in ids:
            anchor = ids[anchor] or "published"
        res.append(replace(t, id=ids[t.id], anchor=anchor))
    return res
