"""Who says so: source, cue and content of reported speech, read off the
dependency parse of each sentence ("X said (that) …", "according to X",
"…, officials said", "“…,” she told VOA").

The cue verbs are data (`data/cues.tsv`). A stage of its own: `annotate(a)`
runs once per document (after actors) and its results live on
`a.attributions`, which quotes, figures and events read.
"""

from __future__ import annotations

import bisect
import functools
import re
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Optional

from spacy.tokens import Span as SpacySpan, Token

from .records import Attribution

if TYPE_CHECKING:
    from .annotated import Annotated

CUES = Path(__file__).resolve().parent / "data" / "cues.tsv"
_PRONOUNS = {"he", "she", "him", "his", "her"}
_QUOTE = re.compile(r"“([^“”]{1,3000})”|\"([^\"\n]{1,3000})\"")


@functools.lru_cache(maxsize=None)
def cues(path: Path = CUES) -> dict[str, str]:
    """lemma -> kind (speech | cognition)."""
    out = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            cols = line.split("\t")
            out[cols[0].strip()] = cols[1].strip() if len(cols) > 1 else "speech"
    return out


@dataclass
class Found:
    """One attribution relation; character offsets into a.text."""
    cue: tuple[int, int]
    source: Optional[tuple[int, int]]
    content: Optional[tuple[int, int]]
    kind: str                      # speech | cognition | according
    cue_token: Token
    source_token: Optional[Token]
    sentence: tuple[int, int]
    how: str = "clause"            # how the content was found: clause | object | quote | rest

    def phrase(self) -> tuple[int, int]:
        """The attribution phrase: cue plus source."""
        if self.source is None:
            return self.cue
        return min(self.cue[0], self.source[0]), max(self.cue[1], self.source[1])


# --- per-document ----------------------------------------------------------------


def quote_spans(a: "Annotated") -> list[tuple[int, int]]:
    """Inner spans of “…” and "…" outside boilerplate, in text order (kept on a.quote_spans)."""
    if a.quote_spans is None:
        spans = []
        for m in _QUOTE.finditer(a.text):
            g = 1 if m.group(1) is not None else 2
            s, e = m.start(g), m.end(g)
            if s < e and not a.in_boilerplate(s, e):
                spans.append((s, e))
        a.quote_spans = spans
    return a.quote_spans


def annotate(a: "Annotated") -> list[Found]:
    """The attribution stage: every attribution in the document, in text order.

    Runs after the actors stage (speakers resolve to entities) and before
    quotes, figures and events, which read `a.attributions`."""
    out = []
    for s in a.sentences():
        out += _scan(a, s)
    return out


def annotate_all(a: "Annotated") -> list[Found]:
    """`a.attributions`, running the stage first if the pipeline has not."""
    if a.attributions is None:
        a.attributions = annotate(a)
    return a.attributions


def in_sentence(a: "Annotated", sent: SpacySpan) -> list[Found]:
    """The attributions found in one sentence."""
    return [f for f in annotate_all(a) if f.sentence[0] == sent.start_char]


def find(a: "Annotated", sent, head=None) -> Optional[Attribution]:
    """The source of the clause around `head` (or of the sentence), or None."""
    founds = [f for f in in_sentence(a, sent) if f.source is not None]
    if not founds:
        return None
    if head is None:
        best = max(founds, key=lambda f: (f.kind == "according",
                                          (f.content[1] - f.content[0]) if f.content else 0))
    else:
        pos = head.idx
        inside = [f for f in founds if f.content and f.content[0] <= pos < f.content[1]]
        if not inside:
            return None
        best = min(inside, key=lambda f: f.content[1] - f.content[0])
    return to_record(a, best)


def to_record(a, f: Found) -> Attribution:
    s, e = f.phrase()
    src = a.text[f.source[0]:f.source[1]]
    cue = a.text[f.cue[0]:f.cue[1]]
    return Attribution(source=src, cue=cue, start=s, end=e, entity=speaker_entity(a, f.source_token))


# --- speakers ------------------------------------------------------------------


def _person_index(a):
    """Sorted (token index, entity id) of person mentions, for pronoun look-back."""
    if "_person_idx" not in a.__dict__:
        kinds = {e.id: e for e in a.entities}
        idx = sorted((i, eid) for i, eid in a.entity_at.items()
                     if eid in kinds and kinds[eid].kind == "person")
        a.__dict__["_person_idx"] = ([i for i, _ in idx], [eid for _, eid in idx], kinds)
    return a.__dict__["_person_idx"]


def speaker_entity(a, tok: Optional[Token]) -> Optional[str]:
    """Entity id of a source token: its own mention, else a pronoun or a
    title ('the president') resolved to the nearest preceding named person."""
    if tok is None:
        return None
    # the head itself, or the name glued to it ("Netanyahu's office" is a mention
    # of Netanyahu); never a name deeper inside ("Erdogan's communication chief")
    for t in [tok] + [c for c in tok.children if c.dep_ in ("compound", "flat")]:
        if t.i in a.entity_at:
            return a.entity_at[t.i]
    low = tok.lower_
    positions, ids, ents = _person_index(a)
    if not positions:
        return None
    if low in _PRONOUNS:
        k = bisect.bisect_left(positions, tok.i) - 1
        return ids[k] if k >= 0 else None
    from .actors.table import load

    titles = load().titles
    if low in titles and any(c.lower_ == "the" for c in tok.lefts):
        before = ids[:bisect.bisect_left(positions, tok.i)][::-1]  # nearest first
        # a person once called by this title ("President Trump"), else one of its sector
        for ok in (lambda e: any(low in m.text.lower().split() for m in e.mentions),
                   lambda e: e.sector == titles[low]):
            for eid in before:
                if ok(ents[eid]):
                    return eid
    return None


# --- the scan --------------------------------------------------------------------


def _span(toks) -> tuple[int, int]:
    toks = [t for t in toks if not (t.is_punct and t.text not in "”\"’)")]
    if not toks:
        return (0, 0)
    s = min(t.idx for t in toks)
    e = max(t.idx + len(t.text) for t in toks)
    return s, e


def _subtree(tok: Token, stop: Optional[set] = None):
    """Subtree of tok, without the branches rooted at tokens in stop."""
    stop = stop or set()
    out, todo = [], [tok]
    while todo:
        t = todo.pop()
        out.append(t)
        todo += [c for c in t.children if c.i not in stop]
    return out


def _trim(a, s: int, e: int) -> tuple[int, int]:
    text = a.text
    while s < e and text[s] in " \n\t,;:—–-":
        s += 1
    while e > s and text[e - 1] in " \n\t,;:.—–-":
        e -= 1
    return s, e


def _scan(a, sent: SpacySpan) -> list[Found]:
    table = cues()
    out: list[Found] = []
    used: set[int] = set()
    for tok in sent:
        if tok.lower_ == "according" and tok.i + 1 < sent.end and sent.doc[tok.i + 1].lower_ == "to":
            f = _according(a, sent, tok)
            if f:
                out.append(f)
                used.add(tok.i)
    quotes = quote_spans(a)
    starts = [q[0] for q in quotes]
    for tok in sent:
        kind = table.get(tok.lemma_.lower())
        if kind is None or tok.pos_ not in ("VERB",) or tok.i in used:
            continue
        if _inside(quotes, starts, tok.idx):
            continue  # "I think" inside a quote belongs to the quote's own speaker
        if tok.tag_ in ("VBN",) and tok.dep_ in ("amod", "acl") and not any(
                c.dep_ == "agent" for c in tok.children):
            continue  # "the so-called deal", "a reported strike"
        f = _verb(a, sent, tok, kind)
        if f:
            out.append(f)
    out += _punctuation(a, sent, quotes, starts)
    out.sort(key=lambda f: f.cue[0])
    return out


def _inside(quotes, starts, pos: int) -> bool:
    k = bisect.bisect_right(starts, pos) - 1
    return k >= 0 and quotes[k][0] <= pos < quotes[k][1]


_DASH_SOURCE = re.compile(r"[”\"]\s*([―—–])\s*([A-Z][\w.'’ -]{1,60}?)(?=[.,;]?\s*(?:\n|$|“|\"))")


def _punctuation(a, sent, quotes, starts) -> list[Found]:
    """Headline 'Caddell: Democrats worried …' and '“…” ― Sonya Herridge'."""
    out = []
    doc = sent.doc
    toks = [t for t in sent if not t.is_space]
    if not toks:
        return out
    # "Name: content" with a short, named speaker before the colon
    for k, t in enumerate(toks[:6]):
        if t.text == ":" and 0 < k <= 5 and k + 1 < len(toks):
            before = [b for b in toks[:k] if b.text not in ("\"", "“")]
            named = any(b.i in a.entity_at or b.pos_ == "PROPN" for b in before) or (
                0 < len(before) <= 3 and all(b.is_title or b.is_upper for b in before if b.is_alpha))
            if before and named and not any(b.like_num for b in before):
                src = _trim(a, before[0].idx, t.idx)
                content = _trim(a, t.idx + 1, sent.end_char)
                content = _with_quote(a, content, sent)
                root = max(before, key=lambda b: (b.i in a.entity_at, b.pos_ == "PROPN", b.i))
                out.append(Found((t.idx, t.idx + 1), src, content, "speech", t, root,
                                 (sent.start_char, sent.end_char), "quote"))
            break
    # "“…” ― Name" (the dash right after a closing quote)
    text = a.text
    for m in _DASH_SOURCE.finditer(text, sent.start_char, sent.end_char):
        qend = m.start()  # the closing mark ends the quote's inner span
        k = bisect.bisect_right(starts, qend) - 1
        if k < 0 or quotes[k][1] != qend:
            continue
        src = _trim(a, m.start(2), m.end(2))
        root = doc.char_span(src[0], src[1], alignment_mode="expand")
        out.append(Found((m.start(1), m.end(1)), src, (quotes[k][0] - 1, quotes[k][1] + 1), "speech",
                         root.root if root is not None else doc[sent.start], root.root if root else None,
                         (sent.start_char, sent.end_char), "quote"))
    return out


def _according(a, sent, tok) -> Optional[Found]:
    to = sent.doc[tok.i + 1]
    objs = [c for c in to.children if c.dep_ == "pobj"] or [c for c in tok.children if c.dep_ == "pobj"]
    if not objs:
        return None
    src_toks = _subtree(objs[0])
    src = _span(src_toks)
    cue = (tok.idx, to.idx + len(to.text))
    start, end = tok.idx, src[1]
    # the content is the rest of the sentence: the larger side of the phrase
    left = _trim(a, sent.start_char, start)
    right = _trim(a, end, sent.end_char)
    content = left if (left[1] - left[0]) >= (right[1] - right[0]) else right
    if content[1] <= content[0]:
        content = None
    return Found(cue, src, content, "according", tok, objs[0], (sent.start_char, sent.end_char),
                 "rest")


def _subject(tok: Token) -> Optional[Token]:
    """nsubj of the cue, or of the verb it hangs off ('…, stating that')."""
    t = tok
    for _ in range(3):
        subj = [c for c in t.children if c.dep_ in ("nsubj", "nsubjpass")]
        agent = [g for c in t.children if c.dep_ == "agent" for g in c.children if g.dep_ == "pobj"]
        if agent:
            return agent[0]
        if subj and subj[0].dep_ == "nsubj":
            return subj[0]
        if subj:  # passive without agent: "it was reported" has no source
            return None
        if t.dep_ in ("advcl", "conj", "xcomp") and t.head.pos_ in ("VERB", "AUX"):
            t = t.head
            continue
        return None
    return None


def _verb(a, sent, tok: Token, kind: str) -> Optional[Found]:
    subj = _subject(tok)
    if subj is not None and subj.lower_ in ("it", "this", "that", "which", "who", "there"):
        if subj.lower_ in ("which", "who") and tok.dep_ == "relcl":
            subj = tok.head  # "Smith, who said …"
        else:
            subj = None
    comp = [c for c in tok.children if c.dep_ in ("ccomp",)]
    content, how = None, "clause"
    stop = {tok.i}
    if subj is not None:
        stop.add(subj.i)
    if comp:
        content = _span(_subtree(comp[0], stop))
    elif tok.dep_ in ("parataxis",) or (tok.dep_ == "ccomp" and kind == "speech" and tok.head.i < tok.i
                                        and tok.head.pos_ in ("VERB", "AUX")):
        # "Hillary was headed …, The Post has learned." parsed with the content as head
        content = _span([t for t in _subtree(tok.head, stop | {tok.i})
                         if not (t in tok.subtree)])
        how = "rest"
    elif kind == "speech":
        objs = [c for c in tok.children if c.dep_ in ("dobj",) and tok.lemma_ not in ("tell", "ask")]
        xc = [c for c in tok.children if c.dep_ in ("xcomp",)]
        about = [o for c in tok.children if c.dep_ == "prep" and c.lower_ == "about"
                 for o in c.children if o.dep_ == "pobj"]
        if objs and objs[0].pos_ not in ("PRON",):
            content, how = _span(_subtree(objs[0])), "object"
        elif about:
            content, how = _span(_subtree(about[0])), "object"
        elif xc and tok.lemma_ in ("tell", "ask", "urge", "promise", "pledge", "vow", "threaten"):
            content, how = _span(_subtree(xc[0])), "object"
    elif kind == "intention":
        xc = [c for c in tok.children if c.dep_ == "xcomp"]
        if not xc:
            return None
        content, how = _span(_subtree(xc[0])), "object"
    elif kind == "cognition":
        return None  # a belief without a content clause is not an attribution
    if content is None and kind == "speech":
        q = _quote_after(a, tok, sent)  # 'She said: “…”'
        if q:
            content, how = q, "quote"
    if content is not None:
        content = _trim(a, *content)
        grown = _with_quote(a, content, sent)
        if grown != content:
            content, how = grown, "quote"
    if subj is None and content is None:
        return None
    if kind in ("cognition", "intention") and (subj is None or content is None):
        return None
    source = None
    if subj is not None:
        source = _trim(a, *_span(_cut_clauses(subj)))
        if source[1] <= source[0]:
            source = None
    return Found((tok.idx, tok.idx + len(tok.text)), source, content, kind, tok, subj,
                 (sent.start_char, sent.end_char), how)


def _quote_after(a, tok: Token, sent) -> Optional[tuple[int, int]]:
    for qs, qe in quote_spans(a):
        if qs <= tok.idx:
            continue
        if qs > sent.end_char + 3:
            break
        before = a.text[tok.idx:qs - 1].rstrip()
        if before.endswith((":", ",")) and len(before) < 100:
            return qs, qe
        break
    return None


def _cut_clauses(subj: Token):
    """The subject phrase without relative clauses: the speaker, not what they did."""
    drop = {c.i for c in subj.children if c.dep_ in ("relcl", "acl", "appos") and c.i > subj.i}
    return _subtree(subj, drop)


def _with_quote(a, content, sent):
    """Grow a content clause to the whole direct quote it sits in (quotes run
    across sentences)."""
    s, e = content
    text = a.text
    # a quote at least half the clause's length is the content, not a scare
    # quote inside it. The 0.5 is a first guess, checked (not tuned) on PolNeAR
    # dev: rerun `dateline eval attribution` after changing it. Taking the quote
    # marks into the content moved Content exact F1 there from 0.26 to 0.39.
    for qs, qe in quote_spans(a):
        if qs <= e and s <= qe and (qe - qs) > (e - s) * 0.5:
            # the quote marks belong to the content, as in PolNeAR
            return min(s, qs - 1), max(e, qe + 1)
    # a clause that ends a quotation keeps its closing punctuation: rubble.”
    tail = text[e:e + 2]
    if tail[:1] in "”\"":
        return s, e + 1
    if tail in (".”", ".\"", ",”", ",\"", "?”", "!”"):
        return s, e + 2
    return content
