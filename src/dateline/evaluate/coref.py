"""Event coreference on ECB+ gold event mentions: within each document, then across.

Protocol: the gold event mentions (ACTION_* and NEG_* markables) of the
sentences listed in ECBplus_coreference_sentences.csv. Gold chains come from
the CROSS_DOC_COREF and INTRA_DOC_COREF relations; every other mention is a
singleton. Scores: MUC, B³, CEAF-e and CoNLL F1 (their mean), singletons
included.

- within-document: each document's mentions are clustered alone and scored
  against the gold chains restricted to that document (summed over documents);
- cross-document: all mentions of a topic are clustered and scored against
  the topic's gold chains (summed over topics).

Two systems run on the same mentions and the same spaCy analysis:
- `lemma`: the standard same-head-lemma baseline (within one document for the
  within-document score, across the topic for the cross-document one);
- `dateline`: the linker's method. Within a document, the learned pairwise
  model of `dateline.link.within` (trained by scripts/train_coref.py on the tune
  topics only) and its clustering make chains. Across documents, documents are
  first grouped by context (the analogue of blocking on participants, place and
  date), then the chains of a group are clustered with the linker's clustering
  (`dateline.link.clustering.agglomerate`) on chain-level trigger similarity
  (`dateline.link.scoring`: same word, derivational relative, event synonym,
  WordNet synonym) and the similarity of the chains' sentences and names.

Halves (../shared/data/README.md): tune = topics 1–20, check = topics 21–35.
"""

from __future__ import annotations

import csv
import math
import re
import time
import xml.etree.ElementTree as ET
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Optional

from ..link.clustering import agglomerate
from ..link.config import CONFIG
from ..link.reports import content_words, lemma, stem
from ..link.scoring import set_similarity, trigger_similarity
from ..link.within import View, chain_views, looks_nominal, speaker_of, synonyms, tense_aspect

DEV_TOPICS = "2,5,12,18,21,23,34,35"
TUNE_TOPICS = ",".join(str(t) for t in range(1, 21))
CHECK_TOPICS = ",".join(str(t) for t in range(21, 36))
HALVES = {"tune": TUNE_TOPICS, "check": CHECK_TOPICS, "all": TUNE_TOPICS + "," + CHECK_TOPICS}

ARG_LABELS = {"PERSON", "ORG", "GPE", "NORP", "LOC", "FAC"}


@dataclass
class Mention:
    topic: str
    doc: str
    m_id: str
    sentence: int
    tokens: list[int]
    text: str
    gold: str
    negated: bool = False
    lemma: str = ""
    context: set = field(default_factory=set)
    view: Optional[View] = None


@dataclass
class Document:
    topic: str
    name: str
    words: list[str]
    sentences: list[int]
    mentions: list[Mention] = field(default_factory=list)
    lemmas: Counter = field(default_factory=Counter)


def selected_sentences(data: Path) -> set[tuple[str, str, int]]:
    with open(data / "ECBplus_coreference_sentences.csv", newline="", encoding="utf-8") as fh:
        return {(row["Topic"], row["File"], int(row["Sentence Number"])) for row in csv.DictReader(fh)}


def load_document(path: Path, topic: str, selected: set) -> Document:
    root = ET.parse(path).getroot()
    words, sents, tid_index = [], [], {}
    for tok in root.iter("token"):
        tid_index[tok.get("t_id")] = len(words)
        words.append(tok.text or "_")
        sents.append(int(tok.get("sentence")))
    name = path.stem
    short = name.split("_", 1)[1]
    chain: dict[str, str] = {}
    for rel in root.find("Relations") if root.find("Relations") is not None else []:
        target = rel.find("target").get("m_id") if rel.find("target") is not None else rel.get("r_id")
        cid = rel.get("note") if rel.tag == "CROSS_DOC_COREF" else f"intra:{name}:{target}"
        for src in rel.findall("source"):
            chain[src.get("m_id")] = cid
    doc = Document(topic, name, words, sents)
    for mk in root.find("Markables"):
        anchors = [tid_index[a.get("t_id")] for a in mk.findall("token_anchor") if a.get("t_id") in tid_index]
        if not anchors or not (mk.tag.startswith("ACTION") or mk.tag.startswith("NEG")):
            continue
        s = sents[anchors[0]]
        if (topic, short, s) not in selected:
            continue
        m_id = mk.get("m_id")
        doc.mentions.append(Mention(topic, name, m_id, s, sorted(anchors),
                                    " ".join(words[i] for i in sorted(anchors)),
                                    chain.get(m_id, f"single:{name}:{m_id}"),
                                    negated=mk.tag.startswith("NEG")))
    doc.mentions.sort(key=lambda m: m.tokens[0])
    return doc


def load(data: Path, topics: list[str]) -> list[Document]:
    selected = selected_sentences(data)
    docs = []
    for t in topics:
        folder = data / "ECB+" / t
        for path in sorted(folder.glob("*.xml"), key=lambda p: _natural(p.name)):
            docs.append(load_document(path, t, selected))
    return docs


def topics_of(half: Optional[str], topics: Optional[str]) -> list[str]:
    if topics:
        chosen = topics
    elif half:
        if half not in HALVES:
            raise ValueError(f"--half is one of {', '.join(HALVES)}")
        chosen = HALVES[half]
    else:
        chosen = DEV_TOPICS
    return [t.strip() for t in chosen.split(",") if t.strip()]


def _natural(s: str):
    return [int(x) if x.isdigit() else x for x in re.split(r"(\d+)", s)]


# --- analysis --------------------------------------------------------------------


def analyse(docs: list[Document], nlp) -> None:
    """Head lemma, sentence context and model view of every mention; document lemmas."""
    from spacy.tokens import Doc

    sdocs = (Doc(nlp.vocab, words=d.words) for d in docs)
    for d, sdoc in zip(docs, nlp.pipe(sdocs, batch_size=16)):
        content = [t for t in sdoc if t.is_alpha and not t.is_stop and len(t) > 2]
        d.lemmas = Counter(t.lemma_.lower() for t in content)
        by_sent: dict[int, set] = {}
        for t in content:
            by_sent.setdefault(d.sentences[t.i], set()).add(t.lemma_.lower())
        names: dict[int, set] = {}
        dates: dict[int, str] = {}
        for ent in sdoc.ents:
            s = d.sentences[ent.start]
            by_sent.setdefault(s, set()).add("ENT:" + ent.text.lower())
            if ent.label_ in ARG_LABELS:
                names.setdefault(s, set()).update(w.lower() for w in ent.text.split())
            elif ent.label_ in ("DATE", "TIME") and s not in dates:
                dates[s] = ent.text.lower()
        sent_tokens: dict[int, list[int]] = {}
        for i, s in enumerate(d.sentences):
            sent_tokens.setdefault(s, []).append(i)
        for m in d.mentions:
            head = _head(sdoc, m.tokens)
            m.lemma = head.lemma_.lower()
            m.context = by_sent.get(m.sentence, set()) - {m.lemma}
            toks = sent_tokens[m.sentence]
            before = [d.words[i] for i in toks if i < head.i]
            text = " ".join(d.words[i] for i in toks)
            noun, definite = looks_nominal(before, head.text)
            tense = tense_aspect(before, head.text, noun)
            status = ("negated" if m.negated else "planned" if tense == "future"
                      else "hypothetical" if tense == "modal" else "happened")
            m.view = View(sentence=m.sentence, position=head.i, stem=stem(lemma(head.text)),
                          word=lemma(head.text), noun=noun, definite=definite, tense=tense,
                          status=status, speaker=speaker_of(text),
                          args=frozenset(names.get(m.sentence, ())), date=dates.get(m.sentence),
                          context=frozenset(content_words(text)))


def _head(sdoc, idx: list[int]):
    span = set(idx)
    heads = [sdoc[i] for i in idx if sdoc[i].head.i not in span or sdoc[i].head.i == sdoc[i].i]
    pref = [t for t in heads if t.pos_ in ("VERB", "NOUN")] or heads or [sdoc[idx[-1]]]
    return pref[0]


# --- systems ---------------------------------------------------------------------


def lemma_baseline(mentions: list[Mention]) -> list[list[Mention]]:
    groups: dict[str, list[Mention]] = {}
    for m in mentions:
        groups.setdefault(m.lemma, []).append(m)
    return list(groups.values())


def within_chains(doc: Document, threshold: Optional[float] = None) -> list[list[Mention]]:
    """The within-document step of the linker on one ECB+ document."""
    ms = doc.mentions
    return [[ms[i] for i in c] for c in chain_views([m.view for m in ms], threshold)]


def _tfidf(docs: list[Document]) -> list[dict[str, float]]:
    df = Counter(w for d in docs for w in d.lemmas)
    n = len(docs)
    vecs = []
    for d in docs:
        v = {w: c * math.log((1 + n) / (1 + df[w])) for w, c in d.lemmas.items()}
        norm = math.sqrt(sum(x * x for x in v.values())) or 1.0
        vecs.append({w: x / norm for w, x in v.items()})
    return vecs


def _cos(a: dict, b: dict) -> float:
    if len(a) > len(b):
        a, b = b, a
    return sum(x * b.get(w, 0.0) for w, x in a.items())


def group_documents(docs: list[Document], threshold: Optional[float] = None) -> list[list[Document]]:
    threshold = CONFIG.ecb_doc_threshold if threshold is None else threshold
    vecs = _tfidf(docs)
    n = len(docs)
    pairs = [(i, j) for i in range(n) for j in range(i + 1, n)]
    groups = agglomerate(n, pairs, score=lambda i, j: _cos(vecs[i], vecs[j]),
                         conflict=lambda i, j: False, threshold=threshold)
    return [[docs[i] for i in g] for g in groups]


@dataclass
class Chain:
    """A within-document chain seen whole: its words, its sentences' words and names."""

    doc: str
    mentions: list[Mention]
    stems: frozenset
    words: frozenset
    context: frozenset
    args: frozenset


def chain_of(ms: list[Mention]) -> Chain:
    return Chain(ms[0].doc, ms, frozenset(m.view.stem for m in ms) | frozenset(m.lemma for m in ms),
                 frozenset(m.view.word for m in ms),
                 frozenset().union(*(m.context for m in ms)),
                 frozenset().union(*(m.view.args for m in ms)))


def chain_trigger(a: Chain, b: Chain) -> float:
    """Best trigger similarity over the two chains' words (WordNet synonyms count as related)."""
    best = 0.0
    for x in a.stems:
        for y in b.stems:
            best = max(best, trigger_similarity(x, y, None, None))
            if best >= 1.0:
                return best
    if best < CONFIG.ecb_related and any(synonyms(x, y) for x in a.words for y in b.words):
        best = CONFIG.ecb_related
    return best


def chain_score(a: Chain, b: Chain) -> float:
    """Chain-level similarity: trigger words, then the union of sentence words and names."""
    trig = chain_trigger(a, b)
    trig = trig if trig >= CONFIG.ecb_related else 0.0  # unrelated words: only the context speaks
    w = CONFIG.ecb_trigger_weight
    return w * trig + (1 - w) * set_similarity(a.context, b.context)


def dateline_system(docs: list[Document], threshold: Optional[float] = None,
                    doc_threshold: Optional[float] = None) -> list[list[Mention]]:
    """Within-document chains, then chains clustered across the documents of a group."""
    threshold = CONFIG.ecb_chain_threshold if threshold is None else threshold
    out = []
    for group in group_documents(docs, doc_threshold):
        cs = [chain_of(c) for d in group for c in within_chains(d)]
        n = len(cs)
        pairs = [(i, j) for i in range(n) for j in range(i + 1, n) if cs[i].doc != cs[j].doc]
        clusters = agglomerate(n, pairs, score=lambda i, j: chain_score(cs[i], cs[j]),
                               conflict=lambda i, j: cs[i].doc == cs[j].doc, threshold=threshold)
        out += [[m for i in c for m in cs[i].mentions] for c in clusters]
    return out


# --- scoring ---------------------------------------------------------------------


def _key(m: Mention) -> tuple:
    return (m.doc, m.m_id)


def muc(key: list[set], response: list[set]) -> tuple[float, float]:
    """(numerator, denominator) of MUC recall of `response` against `key`."""
    where = {m: i for i, c in enumerate(response) for m in c}
    num = den = 0
    for k in key:
        parts = {where.get(m, ("alone", m)) for m in k}
        num += len(k) - len(parts)
        den += len(k) - 1
    return num, den


def b_cubed(key: list[set], response: list[set]) -> tuple[float, float]:
    where = {m: c for c in response for m in c}
    num = sum(len(k & where.get(m, {m})) / len(k) for k in key for m in k)
    return num, sum(len(k) for k in key)


def ceaf_e(key: list[set], response: list[set]) -> tuple[float, int, int]:
    """Best one-to-one alignment similarity (phi4), |key|, |response|."""
    idx = {}
    for j, r in enumerate(response):
        for m in r:
            idx[m] = j
    total = 0.0
    # Clusters only overlap inside connected components: align each component alone.
    comps = _components(key, response, idx)
    for ks, rs in comps:
        sim = [[2 * len(key[a] & response[b]) / (len(key[a]) + len(response[b])) for b in rs] for a in ks]
        total += _max_assignment(sim)
    return total, len(key), len(response)


def _components(key, response, idx):
    parent = {}

    def find(x):
        while parent.setdefault(x, x) != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for a, k in enumerate(key):
        for m in k:
            if m in idx:
                parent[find(("k", a))] = find(("r", idx[m]))
    groups: dict = {}
    for a in range(len(key)):
        groups.setdefault(find(("k", a)), ([], []))[0].append(a)
    for b in range(len(response)):
        groups.setdefault(find(("r", b)), ([], []))[1].append(b)
    return [g for g in groups.values() if g[0] and g[1]]


def _max_assignment(sim: list[list[float]]) -> float:
    """Maximum-weight matching of a rectangular matrix (Hungarian algorithm, O(n³))."""
    n_rows, n_cols = len(sim), len(sim[0])
    n = max(n_rows, n_cols)
    cost = [[-(sim[i][j] if i < n_rows and j < n_cols else 0.0) for j in range(n)] for i in range(n)]
    u, v, p, way = [0.0] * (n + 1), [0.0] * (n + 1), [0] * (n + 1), [0] * (n + 1)
    for i in range(1, n + 1):
        p[0], j0 = i, 0
        minv, used = [math.inf] * (n + 1), [False] * (n + 1)
        while True:
            used[j0] = True
            i0, delta, j1 = p[j0], math.inf, 0
            for j in range(1, n + 1):
                if not used[j]:
                    cur = cost[i0 - 1][j - 1] - u[i0] - v[j]
                    if cur < minv[j]:
                        minv[j], way[j] = cur, j0
                    if minv[j] < delta:
                        delta, j1 = minv[j], j
            for j in range(n + 1):
                if used[j]:
                    u[p[j]] += delta
                    v[j] -= delta
                else:
                    minv[j] -= delta
            j0 = j1
            if p[j0] == 0:
                break
        while True:
            j1 = way[j0]
            p[j0] = p[j1]
            j0 = j1
            if j0 == 0:
                break
    return sum(-cost[p[j] - 1][j - 1] for j in range(1, n + 1) if p[j])


def _f(p: float, r: float) -> float:
    return 2 * p * r / (p + r) if p + r else 0.0


def score(gold_by_topic: list[list[set]], sys_by_topic: list[list[set]]) -> dict:
    """MUC, B³, CEAF-e (P, R, F1) and CoNLL F1 summed over topics."""
    acc = Counter()
    for key, resp in zip(gold_by_topic, sys_by_topic):
        for name, (rn, rd), (pn, pd) in (("muc", muc(key, resp), muc(resp, key)),
                                         ("b3", b_cubed(key, resp), b_cubed(resp, key))):
            acc[name + "_rn"] += rn; acc[name + "_rd"] += rd  # noqa: E702
            acc[name + "_pn"] += pn; acc[name + "_pd"] += pd  # noqa: E702
        sim, nk, nr = ceaf_e(key, resp)
        acc["ceaf_sim"] += sim; acc["ceaf_nk"] += nk; acc["ceaf_nr"] += nr  # noqa: E702
    out = {}
    for name in ("muc", "b3"):
        r = acc[name + "_rn"] / acc[name + "_rd"] if acc[name + "_rd"] else 0.0
        p = acc[name + "_pn"] / acc[name + "_pd"] if acc[name + "_pd"] else 0.0
        out[name] = {"p": p, "r": r, "f1": _f(p, r)}
    r = acc["ceaf_sim"] / acc["ceaf_nk"] if acc["ceaf_nk"] else 0.0
    p = acc["ceaf_sim"] / acc["ceaf_nr"] if acc["ceaf_nr"] else 0.0
    out["ceaf_e"] = {"p": p, "r": r, "f1": _f(p, r)}
    out["conll_f1"] = (out["muc"]["f1"] + out["b3"]["f1"] + out["ceaf_e"]["f1"]) / 3
    return out


# --- entry points ------------------------------------------------------------------


def _keys(groups: list[list[Mention]]) -> list[set]:
    return [{_key(m) for m in g} for g in groups]


def _gold(mentions: list[Mention]) -> list[set]:
    chains: dict[str, set] = {}
    for m in mentions:
        chains.setdefault(m.gold, set()).add(_key(m))
    return list(chains.values())


def prepare(data: Path, topic_list: list[str], model: Optional[str] = None,
            limit: Optional[int] = None) -> tuple[list[Document], str]:
    """The documents of these topics, analysed (the training script reuses this)."""
    from ..nlp import DEFAULT_MODEL, load as load_nlp, model_label

    docs = load(Path(data), topic_list)
    if limit:
        kept, seen = [], Counter()
        for d in docs:
            seen[d.topic] += 1
            if seen[d.topic] <= limit:
                kept.append(d)
        docs = kept
    nlp = load_nlp(model or DEFAULT_MODEL)
    analyse(docs, nlp)
    return docs, model_label(nlp)


def run(data: Path, model: Optional[str] = None, limit: Optional[int] = None,
        topics: Optional[str] = None, half: Optional[str] = None) -> dict:
    """Score the linker's method and the same-lemma baseline on the same mentions,
    within documents and across them.

    `limit` keeps the first N documents of each topic; `topics` is a comma list;
    `half` is tune (topics 1–20), check (21–35) or all (default: the usual
    development topics)."""
    t0 = time.perf_counter()
    topic_list = topics_of(half, topics)
    docs, label = prepare(Path(data), topic_list, model, limit)
    w_gold, w_base, w_ours = [], [], []
    for d in docs:
        if d.mentions:
            w_gold.append(_gold(d.mentions))
            w_base.append(_keys(lemma_baseline(d.mentions)))
            w_ours.append(_keys(within_chains(d)))
    gold, base, ours = [], [], []
    for t in topic_list:
        tdocs = [d for d in docs if d.topic == t]
        mentions = [m for d in tdocs for m in d.mentions]
        if not mentions:
            continue
        gold.append(_gold(mentions))
        base.append(_keys(lemma_baseline(mentions)))
        ours.append(_keys(dateline_system(tdocs)))
    return {
        "topics": topic_list, "half": half, "documents": len(docs),
        "mentions": sum(len(d.mentions) for d in docs),
        "gold_chains": sum(len(g) for g in gold),
        "within_gold_chains": sum(len(g) for g in w_gold),
        "model": label,
        "within": {"lemma": score(w_gold, w_base), "dateline": score(w_gold, w_ours)},
        "systems": {"lemma": score(gold, base), "dateline": score(gold, ours)},
        "seconds": round(time.perf_counter() - t0, 1),
    }


def _table(title: str, systems: dict) -> list[str]:
    lines = [title, f"{'system':<10} {'MUC P/R/F1':>20} {'B3 P/R/F1':>20} {'CEAF-e P/R/F1':>20} {'CoNLL F1':>9}"]
    for name, s in systems.items():
        cells = ["/".join(f"{100 * s[k][x]:.1f}" for x in ("p", "r", "f1")) for k in ("muc", "b3", "ceaf_e")]
        lines.append(f"{name:<10} {cells[0]:>20} {cells[1]:>20} {cells[2]:>20} {100 * s['conll_f1']:>9.1f}")
    d = systems["dateline"]["conll_f1"] - systems["lemma"]["conll_f1"]
    lines.append(f"dateline − lemma: {100 * d:+.1f} CoNLL F1")
    return lines


def report(result: dict) -> str:
    half = f" ({result['half']} half)" if result.get("half") else ""
    lines = [f"ECB+ event coreference{half}, topics {','.join(result['topics'])}: "
             f"{result['documents']} documents, {result['mentions']} gold event mentions "
             f"({result['model']}, {result['seconds']} s)"]
    lines += _table(f"within-document ({result['within_gold_chains']} gold chains, scored per document)",
                    result["within"])
    lines += _table(f"cross-document ({result['gold_chains']} gold chains, scored per topic)",
                    result["systems"])
    return "\n".join(lines)
