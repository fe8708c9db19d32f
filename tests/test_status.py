"""Event status from the whole embedding chain, the fitted factuality layer, and
the factuality evaluation's UW mode. Real news phrasing; each case states what a
reader relies on."""

from __future__ import annotations

from pathlib import Path

import pytest

from dateline.events.status import classify, features, model, veridicality

SHARED = Path(__file__).resolve().parents[1].parent / "shared" / "data"


@pytest.fixture(scope="module")
def nlp():
    from dateline.nlp import load

    return load()


@pytest.fixture(scope="module")
def status(nlp):
    def run(text, word):
        doc = nlp(text)
        return classify(None, next(t for t in doc if t.text == word))[0]

    return run


@pytest.mark.parametrize("text, word, expected", [
    # ongoing from aspect and adverbs
    ("Many top Taliban leaders remain under international terrorism sanctions.", "sanctions", "ongoing"),
    ("Security forces continue to fight the militants in the north.", "fight", "ongoing"),
    ("Opposition leader Kizza Besigye has been held since November.", "held", "ongoing"),
    # noun triggers walk up their governors
    ("The two leaders are due to hold talks in Paris.", "talks", "planned"),
    ("Officials announced plans for talks next month.", "talks", "planned"),
    ("The prospect of renewed ties worried the generals.", "ties", "hypothetical"),
    ("Analysts warn of the risk of war in the region.", "war", "hypothetical"),
    # purpose: the aim is not yet done, the journey is
    ("The minister flew to Cairo on Monday to meet his Egyptian counterpart.", "meet", "planned"),
    ("The minister flew to Cairo on Monday to meet his Egyptian counterpart.", "flew", "happened"),
    # an expressive aim is done by doing its governor: the sit-in is the protest
    ("Scores of chicken sellers held a sit-in Monday to protest the continued restrictions.", "protest", "happened"),
    ("The minister travelled to Brussels on Monday to lobby the EU.", "lobby", "planned"),
    # negation and denial scope
    ("The government said it would not release the prisoners.", "release", "negated"),
    ("No country has officially recognized the Taliban government.", "recognized", "negated"),
    # conditional and modal
    ("If talks fail, the army could attack the town.", "attack", "hypothetical"),
    # plain facts stay facts
    ("Rebels attacked the town on Monday.", "attacked", "happened"),
    ("The first phase of the ceasefire has already seen the release of several hostages.", "release", "happened"),
])
def test_status_from_the_embedding_chain(status, text, word, expected):
    assert status(text, word) == expected


def test_the_fitted_model_is_shipped_as_json_weights():
    m = model()
    assert sorted(m["classes"]) == ["certain", "negated", "uncertain"]
    assert len(m["coef"]) == len(m["classes"]) == len(m["intercept"])
    assert all(isinstance(w, float) for row in m["coef"] for w in row.values())


def test_megaveridicality_orders_factive_over_nonfactive_verbs():
    v = veridicality()
    assert v["know"]["that"] > v["think"]["that"] > v["pretend"]["that"]


def test_features_carry_the_embedding_verbs_signature(nlp):
    doc = nlp("Police denied that officers had beaten the protesters.")
    f = features(next(t for t in doc if t.text == "beaten"))
    assert f["emb"] == 1.0 and f["emb_that"] == 1.0 and "emb_ver" in f


def test_uw_mode_scores_a_small_corpus(tmp_path):
    from dateline.evaluate import factuality

    rows = [
        "0\tRebels\t_\tNNS\t1\tnsubj\trebel",
        "1\tattacked\t3.0\tVBD\t1\tROOT\tattack",
        "2\tthe\t_\tDT\t3\tdet\tthe",
        "3\ttown\t_\tNN\t1\tdobj\ttown",
        "4\t.\t_\t.\t1\tpunct\t.",
        "",
        "0\tThey\t_\tPRP\t2\tnsubj\tthey",
        "1\tdid\t_\tVBD\t2\taux\tdo",
        "2\tnot\t_\tRB\t3\tneg\tnot",
        "3\tattack\t-3.0\tVB\t3\tROOT\tattack",
        "4\t.\t_\t.\t3\tpunct\t.",
        "",
    ]
    for name in ("train.conll", "dev.conll"):
        (tmp_path / name).write_text("\n".join(rows) + "\n", encoding="utf-8")
    assert factuality.is_uw(tmp_path)
    r = factuality.run(tmp_path, half="check")
    assert r["mentions"] == 2 and r["accuracy"] == 1.0
    assert "majority" in factuality.report(r)


@pytest.mark.skipif(not (SHARED / "meantime").exists(), reason="../shared/data/meantime absent")
def test_meantime_halves_are_the_two_corpora():
    from dateline.evaluate.factuality import files

    root = SHARED / "meantime"
    tune, check = files(root, "tune"), files(root, "check")
    assert tune and check and not set(tune) & set(check)
    assert all("corpus_apple" in p.parts for p in tune) and all("corpus_gm" in p.parts for p in check)
