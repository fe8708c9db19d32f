"""Figures: counts of people and things ("more than 47,200 Palestinians",
"wounded dozens", "between 1,500 and 3,000"), with their qualifier, what was
counted and what happened to them (measure), and who says so.

Dates, ages, percentages, money, times, ordinals and numbers inside names are
not figures. The word tables (measures, qualifiers, units) are data under
`data/figures/`.
"""

from __future__ import annotations

import bisect
import functools
import re
from pathlib import Path
from typing import Optional

import numpy as np
from spacy.tokens import Token

from . import attribution
from .records import Figure

DATA = Path(__file__).resolve().parent / "data" / "figures"

_SKIP_ENTS = {"DATE", "TIME", "PERCENT", "MONEY", "ORDINAL", "QUANTITY"}
_UNITS_WORDS = {"zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
                "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12,
                "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17,
                "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40,
                "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90}
_TENS = {"twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"}
_SCALES = {"hundred": 100, "thousand": 1000, "million": 1_000_000, "billion": 1_000_000_000,
           "dozen": 12}
# Vague plurals: the least they can mean, reported as at-least.
_VAGUE = {"dozens": 24, "scores": 40, "hundreds": 200, "thousands": 2000, "millions": 2_000_000}
_FRACTIONS = {"half": 0.5, "third": 1 / 3, "quarter": 0.25, "fifth": 0.2, "two-thirds": 2 / 3}
_NUM = re.compile(r"^\d{1,3}(,\d{3})+(\.\d+)?$|^\d+(\.\d+)?$")
_RANGE = re.compile(r"^(\d[\d,.]*)[-–](\d[\d,.]*)$")


def _table(name: str) -> dict[str, list[str]]:
    out = {}
    for line in (DATA / name).read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            cols = [c.strip() for c in line.split("\t")]
            out[cols[0]] = cols[1:]
    return out


@functools.lru_cache(maxsize=None)
def tables():
    measures = _table("measures.tsv")
    quals = {k: v[0] for k, v in _table("qualifiers.tsv").items()}
    units = set(_table("units.tsv"))
    return measures, quals, units


def number_value(text: str) -> Optional[float]:
    """'47,200' -> 47200; 'twenty-five' -> 25; '1.2' -> 1.2; else None."""
    t = text.lower().replace("−", "-")
    if _NUM.match(t):
        return float(t.replace(",", ""))
    if t in _UNITS_WORDS:
        return float(_UNITS_WORDS[t])
    if "-" in t:
        parts = t.split("-")
        if len(parts) == 2 and parts[0] in _UNITS_WORDS and parts[1] in _UNITS_WORDS:
            return float(_UNITS_WORDS[parts[0]] + _UNITS_WORDS[parts[1]])
    return None


def _is_num(tok: Token) -> bool:
    low = tok.lower_
    return (number_value(tok.text) is not None or low in _SCALES or low in _VAGUE
            or bool(_RANGE.match(tok.text)))


def annotate(a) -> list[Figure]:
    measures, quals, units = tables()
    time_spans = [(t.start, t.end) for t in a.times]
    doc = a.doc
    starts = _number_starts(a)
    out: list[Figure] = []
    for sent in a.sentences():
        k = bisect.bisect_left(starts, sent.start)
        i = sent.start  # first token not yet used by a figure
        while k < len(starts) and starts[k] < sent.end:
            s = starts[k]
            k += 1
            tok = doc[s]
            if s < i:
                continue
            low = tok.lower_
            if not _is_num(tok) and not (low in _FRACTIONS and s + 1 < sent.end
                                         and doc[s + 1].lower_ == "of") and not (
                    low == "tens" and s + 2 < sent.end and doc[s + 1].lower_ == "of"):
                continue
            j = s + 1
            while j < sent.end:
                if _is_num(doc[j]) and doc[j].lower_ not in _VAGUE:
                    j += 1
                elif doc[j].text in ("-", "–") and j + 1 < sent.end and doc[j - 1].lower_ in _TENS \
                        and doc[j + 1].lower_ in _UNITS_WORDS:
                    j += 2  # "twenty - five" tokenised apart
                else:
                    break
            f = _figure(a, sent, s, j, measures, quals, units, time_spans)
            if f is not None:
                out.append(f)
                i = max(j, _tok_after(a, f.end))
            else:
                i = j
    out.sort(key=lambda f: f.start)
    for n, f in enumerate(out, 1):
        f.id = f"f{n}"
    return out


_HYPHEN_NUM = re.compile(r"\d[\d,.]*[-–]\d|\b(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)-",
                         re.IGNORECASE)


def _number_starts(a) -> list[int]:
    """Token indices that may start a figure, found in one vectorised pass."""
    doc = a.doc
    arr = doc.to_array(["LIKE_NUM", "LOWER"])
    words = set(_SCALES) | set(_VAGUE) | set(_FRACTIONS) | set(_UNITS_WORDS) | {"tens"}
    hashes = [doc.vocab.strings[w] for w in words]
    hit = (arr[:, 0] == 1) | np.isin(arr[:, 1], hashes)
    out = {int(i) for i in np.flatnonzero(hit)}
    # hyphenated number words ("twenty-five") and ranges ("1,500-3,000")
    for m in _HYPHEN_NUM.finditer(a.text):
        span = doc.char_span(m.start(), m.start() + 1, alignment_mode="expand")
        if span is not None and len(span):
            out.add(span[0].i)
    return sorted(out)


def _tok_after(a, char: int) -> int:
    for t in a.doc.char_span(char - 1, char, alignment_mode="expand") or []:
        return t.i + 1
    return 0


def _parse(toks: list[Token]) -> Optional[float]:
    """Value of a number phrase: '1.2 million', 'two hundred', 'a dozen', 'tens of thousands'."""
    total, cur = 0.0, None
    for t in toks:
        low = t.lower_
        if t.text in ("-", "–"):
            continue
        if low in _SCALES:
            cur = (cur if cur is not None else 1.0) * _SCALES[low]
            if _SCALES[low] >= 1000:
                total, cur = total + cur, None
        else:
            v = number_value(t.text)
            if v is None:
                return None
            cur = (cur or 0.0) + v
    return total + (cur or 0.0)


def _figure(a, sent, i, j, measures, quals, units, time_spans) -> Optional[Figure]:
    doc = a.doc
    toks = list(doc[i:j])
    first, last = toks[0], toks[-1]
    cs, ce = first.idx, last.idx + len(last.text)
    if any(t.ent_type_ in _SKIP_ENTS for t in toks):
        return None
    if any(s < ce and cs < e for s, e in time_spans):
        return None
    if any(t.i in a.entity_at for t in toks) or _in_name(first, last):
        return None
    if _is_age_or_unit(doc, i, j, units):
        return None
    if j + 1 < len(doc) and doc[j].text in ("-", "–") and doc[j + 1].is_alpha:
        return None  # a compound modifier: "10-member", "nine-dash", "one-fifth"
    if _ratio_at(doc, sent, j) is not None:
        return None  # the "one" of "one in five": the figure starts here, read at "five"
    ratio = _ratio_before(doc, sent, i)
    if i - 1 >= sent.start and doc[i - 1].lower_ in ("top", "bottom") and not (
            last.dep_ == "nummod" and last.head.i > last.i and last.head.pos_ in ("NOUN", "PROPN")):
        return None  # a rank: "ranked in the bottom ten"
    low = first.lower_
    approx, value, lo, hi = "exact", None, None, None
    fraction = low in _FRACTIONS
    m = _RANGE.match(last.text) if len(toks) == 1 else None
    if i > 0 and doc[i - 1].text in ("-", "–"):
        return None  # the tail of "one-fifth", "two-thirds"
    if low in ("tens", "hundreds") and j + 1 < sent.end and doc[j].lower_ == "of" \
            and doc[j + 1].lower_ in ("thousands", "millions"):
        # "tens of thousands" is at least 20,000
        value = float((10 if low == "tens" else 100) * _VAGUE[doc[j + 1].lower_])
        approx, j, last = "at-least", j + 2, doc[j + 1]
        ce = last.idx + len(last.text)
        toks = [last]
    elif fraction:
        value = _FRACTIONS[low]
    elif low in _VAGUE and len(toks) == 1:
        value, approx = float(_VAGUE[low]), "at-least"
        # "tens of thousands"
    elif m:
        lo, hi = number_value(m.group(1)), number_value(m.group(2))
        if lo is None or hi is None or lo >= hi:
            return None
        value, approx = lo, "range"
    elif low in _SCALES and i > sent.start and doc[i - 1].lower_ in ("several", "few"):
        # "several hundred", "a few thousand": at least two hundred, like "hundreds"
        value, approx = 2.0 * _SCALES[low], "at-least"
        i -= 2 if doc[i - 1].lower_ == "few" and i - 2 >= sent.start \
            and doc[i - 2].lower_ == "a" else 1
        cs = doc[i].idx
    else:
        value = _parse([t for t in toks if t.lower_ not in ("a", "an")])
        if value is None:
            if low in _SCALES and i > sent.start and doc[i - 1].lower_ in ("a", "one"):
                value = float(_SCALES[low])

            else:
                return None
    if value is not None and len(toks) == 1 and first.text.isdigit() and 1900 <= value <= 2100 \
            and first.ent_type_ != "CARDINAL":
        return None  # a bare year
    if ratio is not None:
        # "one in five teachers": a proportion, like "a third of"
        num_i, num = ratio
        if not value or num > value:
            return None
        value, fraction, cs = num / value, True, doc[num_i].idx
        i = num_i
    if first.lower_ == "one" and len(toks) == 1 and first.dep_ != "nummod" and ratio is None:
        return None  # "one of the", "no one"
    start = cs
    if (low in _SCALES or fraction) and i - 1 >= sent.start and doc[i - 1].lower_ in ("a", "one"):
        start = doc[i - 1].idx  # "a million": the article is part of the number
        i -= 1
    # qualifiers before: "more than", "at least", "between X and Y"
    if approx == "exact" and ratio is None:
        q = _qualifier(doc, sent, i, quals)
        if q:
            approx, start = q[0], q[1]
    if ratio is not None:
        pass
    elif approx in ("exact",) and i - 1 >= sent.start and doc[i - 1].lower_ == "between":
        rng = _between(doc, sent, j)
        if rng:
            hi, jj = rng
            lo, approx, start = value, "range", doc[i - 1].idx
            last = doc[jj - 1]
            ce = last.idx + len(last.text)
            j = jj
    elif approx == "exact" and j + 1 < sent.end and doc[j].lower_ in ("to", "or", "-", "–") \
            and _is_num(doc[j + 1]) and number_value(doc[j + 1].text) is not None:
        hi2 = number_value(doc[j + 1].text)
        if hi2 and value and hi2 > value:
            lo, hi, approx = value, hi2, "range"
            last = doc[j + 1]
            ce = last.idx + len(last.text)
    if approx in ("more-than", "at-least") and lo is None:
        lo = value
    if approx in ("up-to", "fewer-than"):
        hi = value
    if approx == "exact" or approx == "about":
        lo = hi = None
    measure, subject = _measure(a, first, toks[-1], measures, units)
    if measure is None:
        return None
    if fraction:
        measure = "other"  # a proportion, never a count in the casualty tallies
    elif measure == "other" and value == 1 and approx == "exact":
        return None  # "one summit", "one situation": not a figure anyone tallies
    text = a.text[start:ce]
    att = _attribution(a, sent, toks[-1])
    return Figure(id="", start=start, end=ce, text=text, value=value, low=lo, high=hi,
                  approx=approx, measure=measure, subject=subject, attribution=att)


def _in_name(first: Token, last: Token) -> bool:
    """'Resolution 2334', 'Flight 17', 'M23': a number that is part of a name."""
    if last.dep_ in ("nummod", "appos", "compound") and last.head.i < first.i \
            and last.head.pos_ == "PROPN":
        return True
    if re.search(r"[A-Za-z]", first.text) and not first.is_alpha:
        return True
    # "Article 5", "verse six", "Phase 2": a number right after the singular noun it
    # modifies is a label (counts come before what they count)
    prev = first.nbor(-1) if first.i > first.sent.start else None
    if prev is not None and last.head.i == prev.i and prev.tag_ in ("NN", "NNP") \
            and last.dep_ in ("nummod", "appos", "compound", "npadvmod"):
        return True
    return False


def _ratio_at(doc, sent, k) -> Optional[tuple[int, float]]:
    """'N in M' / 'N out of M' with the connective at token k: (index of M, N), or None.
    The connective must hang on the numbers ("one in five teachers"), not on a verb
    ("killed two in three attacks")."""
    if k - 1 < sent.start or k + 1 >= sent.end:
        return None
    num = number_value(doc[k - 1].text)
    if num is None:
        return None
    if doc[k].lower_ == "in":
        m = k + 1
        if doc[m].lower_ == "every" and m + 1 < sent.end:
            m += 1
        if doc[k].head.i not in (k - 1, m) and doc[k].dep_ != "quantmod":
            return None
    elif doc[k].lower_ == "out" and k + 2 < sent.end and doc[k + 1].lower_ == "of":
        m = k + 2
    else:
        return None
    if number_value(doc[m].text) is None or doc[m].ent_type_ in _SKIP_ENTS:
        return None
    return m, num


def _ratio_before(doc, sent, i) -> Optional[tuple[int, float]]:
    """The 'N in' before the M at token i: (index of N, N), or None."""
    for k in (i - 1, i - 2, i - 3):
        if k - 1 >= sent.start and doc[k].lower_ in ("in", "out"):
            r = _ratio_at(doc, sent, k)
            if r is not None and r[0] == i:
                return k - 1, r[1]
    return None


def _attribution(a, sent, head: Token):
    """The source of the clause around the figure; failing that, a speech cue the
    figure's clause hangs on, when the parse gave that cue a wrong content span
    (a run-in subhead, a clause read as the cue's object)."""
    att = attribution.find(a, sent, head=head)
    if att is not None:
        return att
    founds = {f.cue_token.i: f for f in attribution.in_sentence(a, sent)
              if f.source is not None and f.kind == "speech"}
    if not founds:
        return None
    t = head
    for _ in range(8):
        if t.head is t:
            return None
        dep, t = t.dep_, t.head
        f = founds.get(t.i)
        if f is not None:
            if dep not in ("ccomp", "dobj", "xcomp", "parataxis") \
                    or f.source[0] <= head.idx < f.source[1]:
                return None  # the figure is in the source, or in a clause of its own
            return attribution.to_record(a, f)
    return None


def _is_age_or_unit(doc, i, j, units) -> bool:
    nxt = doc[j] if j < len(doc) else None
    prev = doc[i - 1] if i > 0 else None
    if nxt is not None and (nxt.lower_ in units or nxt.lemma_.lower() in units
                            or nxt.text in ("%", "-year-old", "year-old", ":")):
        return True
    if nxt is not None and nxt.text in ("-", "–") and j + 1 < len(doc) \
            and doc[j + 1].lemma_.lower() in units:
        return True  # "six-week", "10-year"
    if prev is not None and (prev.text in ("$", "€", "£", "#", "No.", "No") or
                             prev.lower_ in ("aged", "age", "ages", "page", "number")):
        return True
    head = doc[j - 1].head
    if doc[j - 1].dep_ == "nummod" and head.lemma_.lower() in units:
        return True
    return False


def _qualifier(doc, sent, i, quals) -> Optional[tuple[str, int]]:
    for n in (3, 2, 1):
        s = i - n
        if s < sent.start:
            continue
        words = " ".join(t.lower_ for t in doc[s:i])
        if words in quals:
            return quals[words], doc[s].idx
    return None


def _between(doc, sent, j) -> Optional[tuple[float, int]]:
    if j + 1 < sent.end and doc[j].lower_ == "and":
        k = j + 1
        while k < sent.end and _is_num(doc[k]):
            k += 1
        if k > j + 1:
            v = _parse(list(doc[j + 1:k]))
            if v is not None:
                return v, k
    return None


def _lem(t: Token) -> str:
    return t.lemma_.lower()


def _measure(a, first: Token, last: Token, measures, units):
    """(measure, subject) from the counted noun and the word that governs it."""
    noun = None
    n = last
    if n.dep_ in ("nummod", "quantmod") or (n.dep_ == "amod" and n.head.pos_ in ("NOUN", "PROPN")):
        while n.dep_ in ("quantmod", "compound") and n.head.i > n.i:
            n = n.head
        noun = n.head if n.head.pos_ in ("NOUN", "PROPN", "ADJ") else None
    else:
        of = [c for c in n.children if c.dep_ == "prep" and c.lower_ == "of"]
        if of:
            objs = [c for c in of[0].children if c.dep_ == "pobj"]
            noun = objs[0] if objs else None
    if noun is not None and (_lem(noun) in units or noun.lower_ in units):
        return None, None
    # the verb governs the number when the number heads the phrase: "tens of
    # thousands of people have fled", "the release of dozens of prisoners"
    anchor = noun if noun is not None and n.head.i == noun.i else n
    event = _event_word(anchor, measures)
    noun_m = measures.get(_lem(noun), [None, None]) if noun is not None else [None, None]
    if noun is not None and noun_m[0] is None and noun.lower_ in measures:
        noun_m = measures[noun.lower_]
    if noun is not None:
        for c in noun.children:  # "1,200 people killed", "20 wounded people"
            if c.dep_ in ("acl", "amod", "relcl") and _lem(c) in measures \
                    and measures[_lem(c)][1] in ("event", "noun") and c.dep_ != "relcl":
                event = event or measures[_lem(c)][0]
    if event is None:
        event = _caused_event(anchor, measures)
    subject = None
    if noun is not None:
        comp = [c for c in noun.lefts if c.dep_ == "compound" and c.i > last.i]
        s = comp[0].idx if comp else noun.idx
        subject = a.text[s:noun.idx + len(noun.text)]
    measure = None
    if event:
        measure = event
    elif noun_m[0] and noun_m[1] in ("noun", "event"):
        measure = noun_m[0]
    elif noun is not None and (noun_m[1] == "person" or _is_people(noun)):
        measure = "people"
    elif noun is not None and noun.pos_ == "NOUN":
        measure = "other"
    return measure, subject


def _is_people(noun: Token) -> bool:
    from .actors.table import load

    return noun.text in load().plural_demonyms or noun.ent_type_ == "NORP"


def _event_word(tok: Token, measures) -> Optional[str]:
    """The measure of the verb or event noun that governs a counted phrase."""
    t = tok
    for _ in range(3):
        dep, head = t.dep_, t.head
        if head is t:
            return None
        if dep in ("dobj", "nsubjpass", "nsubj", "attr", "conj", "appos", "npadvmod"):
            if dep == "conj":
                t = head
                continue
            m = measures.get(_lem(head))
            if m and m[1] in ("event", "noun"):
                return m[0]
            if dep == "nsubj" and _lem(head) in ("rise", "climb", "reach", "stand", "hit", "increase"):
                return None
            return None
        if dep == "pobj":
            prep = head
            gov = prep.head
            m = measures.get(_lem(gov))
            # "the deaths of 300", "injuries to 20"; never where or how: "died across
            # 12 districts", "killed in three raids"
            if m and m[1] in ("event", "noun") and gov.pos_ not in ("VERB", "AUX") \
                    and prep.lower_ in ("of", "to", "among", "including"):
                return m[0]
            if _lem(gov) == "toll" or (prep.lower_ == "to" and _toll_subject(gov)):
                return "killed"
            return None
        return None
    return None


def _caused_event(tok: Token, measures) -> Optional[str]:
    """'forced 10,000 people to flee', '150 people sustained injuries': the event
    of the clause that the verb governing the counted phrase puts it into."""
    t, child = tok, tok
    for _ in range(4):
        if t.head is t:
            return None
        child, t = t, t.head
        if t.pos_ in ("VERB", "AUX"):
            break
    else:
        return None
    for c in t.children:
        # "forced 10,000 people to flee (their homes)", never "ordered 500 troops to
        # evacuate civilians" (the clause's own object must not be people) nor "two
        # soldiers tried to rescue hostages" (the count is the verb's subject)
        if c.dep_ == "xcomp" and c.pos_ == "VERB" and child.dep_ not in ("nsubj", "nsubjpass") \
                and not any(
                g.dep_ == "nsubj" or (g.dep_ == "dobj" and (
                    measures.get(_lem(g), [None, None])[1] == "person" or _is_people(g)))
                for g in c.children):
            m = measures.get(_lem(c))
            if m and m[1] == "event":
                return m[0]
        # "150 people sustained injuries", "20 suffered wounds"
        if c.dep_ == "dobj" and tok.dep_ == "nsubj" and tok.head.i == t.i \
                and _lem(t) in ("suffer", "sustain", "receive", "have"):
            m = measures.get(_lem(c))
            if m and m[1] == "event":
                return m[0]
    return None


def _toll_subject(verb: Token) -> bool:
    """'the death toll rose to 300'."""
    return any(c.dep_ == "nsubj" and c.lemma_.lower() == "toll" for c in verb.children)
