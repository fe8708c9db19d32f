#!/usr/bin/env python3
"""Every API answer for a fixed list of URLs, to check that a change of the store
or its queries leaves them byte for byte as they were.

    python bench/api_answers.py urls STORE > urls.txt     # URLs drawn from a store's records
    python bench/api_answers.py dump STORE urls.txt OUT   # one JSON line per URL: status and body

Run `dump` with the code before and after the change (PYTHONPATH=<checkout>/src;
each on its own copy of the store: opening one upgrades it) and compare the two
files with `cmp`. The
URLs filter on every country, on 60 actors (whole names, upper-cased, and a
four-letter fragment), on 170 words of evidence sentences and 30 place-name
fragments, with facets, maps and histograms under some of those filters, and
open 420 event pages and 30 documents.
"""

from __future__ import annotations

import json
import random
import sys
from pathlib import Path
from urllib.parse import quote


def urls(store: str) -> list[str]:
    import duckdb

    rnd = random.Random(1)
    con = duckdb.connect(store, read_only=True)
    recs = [json.loads(r) for (r,) in con.execute("SELECT record FROM event_records").fetchall()]
    names, codes, words, places = set(), set(), set(), set()
    for r in recs:
        for a in (r.get("actors") or []) + (r.get("recipients") or []):
            if a.get("name"):
                names.add(a["name"])
            if a.get("country"):
                codes.add(a["country"])
        loc = r.get("location") or {}
        if loc.get("country"):
            codes.add(loc["country"])
        if loc.get("name"):
            places.add(loc["name"])
        for m in r.get("mentions") or []:
            if m["evidence"].split():
                words.add(rnd.choice(m["evidence"].split()))
    names, codes, words, places = sorted(names), sorted(codes), sorted(words), sorted(places)
    out = ["/api/events", "/api/facets", "/api/map", "/api/histogram?bin=month", "/api/events?sort=fatalities",
           "/api/events?sort=fatalities&offset=50", "/api/events?min_killed=1&limit=500",
           "/api/events?min_killed=10&sort=fatalities", "/api/events?q=police", "/api/events?q=police&limit=500",
           "/api/facets?q=police", "/api/map?q=police", "/api/events?q=%22", "/api/events?q=%5C",
           "/api/events?q=%20", "/api/events?actor=%22"]
    for n in rnd.sample(names, min(60, len(names))):
        out += [f"/api/events?actor={quote(n)}&limit=500", f"/api/events?actor={quote(n[:4].lower())}&limit=500",
                f"/api/actors/{quote(n, safe='')}", f"/api/actors/{quote(n.upper(), safe='')}"]
    for c in codes:
        out += [f"/api/events?country={c}&limit=500", f"/api/countries/{c}"]
    for c in rnd.sample(codes, min(10, len(codes))):
        out += [f"/api/facets?country={c}", f"/api/map?country={c}", f"/api/histogram?country={c}"]
    for w in rnd.sample(words, min(150, len(words))):
        out.append(f"/api/events?q={quote(w)}&limit=500")
    for w in rnd.sample(words, min(20, len(words))):
        out += [f"/api/facets?q={quote(w)}", f"/api/map?q={quote(w)}",
                f"/api/events?q={quote(w)}&sort=fatalities&country=USA"]
    for p in rnd.sample(places, min(30, len(places))):
        out += [f"/api/events?place={quote(p[:5])}&limit=500", f"/api/map?place={quote(p[:5])}"]
    for t in ["ASSAULT", "PROTEST", "ACCUSE"]:
        out += [f"/api/facets?type={t}", f"/api/map?type={t}&status=happened",
                f"/api/events?type={t}&actor=police&country=USA,GBR"]
    ids = [i for (i,) in con.execute("SELECT id FROM event_records ORDER BY id").fetchall()]
    most = con.execute("SELECT id FROM event_records ORDER BY n_documents DESC, id LIMIT 20").fetchall()
    out += [f"/api/events/{i}" for i in rnd.sample(ids, min(400, len(ids))) + [i for (i,) in most]]
    docs = [i for (i,) in con.execute("SELECT id FROM documents ORDER BY id").fetchall()]
    out += [f"/api/documents/{quote(d, safe='')}" for d in rnd.sample(docs, min(30, len(docs)))]
    return out


def dump(store: str, url_file: str, out: str) -> None:
    from fastapi.testclient import TestClient

    from dateline.api import create_app

    with TestClient(create_app(store)) as c, open(out, "w", encoding="utf-8") as fh:
        for url in Path(url_file).read_text("utf-8").splitlines():
            r = c.get(url)
            fh.write(json.dumps({"url": url, "status": r.status_code, "body": r.text}, ensure_ascii=False) + "\n")


if __name__ == "__main__":
    if sys.argv[1:2] == ["urls"] and len(sys.argv) == 3:
        print("\n".join(urls(sys.argv[2])))
    elif sys.argv[1:2] == ["dump"] and len(sys.argv) == 5:
        dump(*sys.argv[2:5])
    else:
        sys.exit(__doc__)
