"""The web UI in headless Chromium (Debian's /usr/bin/chromium driven by
Playwright): filters, histogram, timeline, map, an event's highlighted
evidence, a highlighted document, overview pages, the submit form; and, on a
store of the 44 VOA stories, at 1366x900 and 390x844: no page wider than the
viewport, histogram brushing, map filtering by a clicked country, newest-first
order, and axe-core's accessibility rules. Screenshots of the main pages are
saved under test-artifacts/web/. Every page must work offline: no request
leaves the server, and no script error (CSP violations included) is logged."""

from __future__ import annotations

import socket
import threading
import time
from pathlib import Path

import pytest

CHROMIUM = Path("/usr/bin/chromium")
if not CHROMIUM.exists():
    pytest.skip("browser tests need Debian's chromium at /usr/bin/chromium "
                "(apt-get install -y chromium, or run .ci/chromium.sh)", allow_module_level=True)
playwright = pytest.importorskip("playwright.sync_api", reason="playwright (python) is not installed")

import uvicorn  # noqa: E402

from dateline.link.service import add_documents  # noqa: E402
from dateline.api import create_app  # noqa: E402
from webstore import build_store  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
ARTIFACTS = ROOT / "test-artifacts" / "web"
TOKEN = "web-token"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--no-first-run", "--disable-sync"]


class Server:
    """uvicorn on a free loopback port in a thread, stopped by the fixture."""

    def __init__(self, db: Path):
        s = socket.socket()
        s.bind(("127.0.0.1", 0))
        self.port = s.getsockname()[1]
        s.close()
        self.server = uvicorn.Server(uvicorn.Config(create_app(db, token=TOKEN), host="127.0.0.1",
                                                    port=self.port, log_level="warning"))
        self.thread = threading.Thread(target=self.server.run, daemon=True)

    def __enter__(self):
        self.thread.start()
        deadline = time.time() + 20
        while not self.server.started:
            assert time.time() < deadline, "server did not start"
            time.sleep(0.05)
        return f"http://127.0.0.1:{self.port}"

    def __exit__(self, *exc):
        self.server.should_exit = True
        self.thread.join(10)


@pytest.fixture(scope="module")
def base(tmp_path_factory):
    with Server(build_store(tmp_path_factory.mktemp("web") / "store.duckdb")) as url:
        yield url


@pytest.fixture(scope="module")
def browser():
    with playwright.sync_playwright() as p:
        b = p.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        yield b
        b.close()


@pytest.fixture
def page(browser, request):
    """A page that records script errors and every request it makes."""
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    ctx = browser.new_context(viewport={"width": 1400, "height": 1000})
    pg = ctx.new_page()
    pg.errors, pg.requests = [], []
    pg.on("console", lambda m: m.type == "error" and pg.errors.append(m.text))
    pg.on("pageerror", lambda e: pg.errors.append(str(e)))
    pg.on("request", lambda r: pg.requests.append(r.url))
    yield pg
    ctx.close()


def visit(pg, url):
    pg.goto(url)
    pg.wait_for_selector("body[data-ready='1']", timeout=15000)


def offline_and_clean(pg, base):
    """No script error, no request to any other host, no stray 'null'/'undefined' rendered."""
    assert pg.errors == []
    words = pg.inner_text("body").split()
    assert "null" not in words and "undefined" not in words
    assert [u for u in pg.requests if not u.startswith(base) and not u.startswith("data:")] == []


def shot(pg, name):
    pg.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)


def api(pg, base, path):
    return pg.request.get(base + path).json()


def test_events_page_timeline_map_and_table(page, base):
    visit(page, base + "/")
    events = api(page, base, "/api/events?limit=500")["items"]
    dated = [e for e in events if e["when"] and e["when"]["start"]]
    located = [e for e in events if (e["location"] or {}).get("lat") is not None]
    items = page.locator(".tl-item")
    assert items.count() == len(dated) == 6
    assert items.first.get_attribute("tabindex") == "0"  # reachable with the keyboard
    bars = page.locator(".hist .bar")
    assert sum(int(c) for c in bars.evaluate_all("els => els.map(e => e.dataset.count)")) == 6
    # granularity honestly drawn: the month-level date spans its month, a day is a day
    month = float(page.locator(".tl-item[data-granularity='month']").get_attribute("data-width"))
    day = min(float(w) for w in page.locator(".tl-item[data-granularity='day']")
              .evaluate_all("els => els.map(e => e.dataset.width)"))
    assert month > 20 * day
    # status drawn differently: planned is a dashed outline, happened a filled bar
    assert page.locator(".tl-item[data-status='planned'] rect").first.get_attribute("stroke-dasharray") == "4 2"
    assert page.locator(".tl-item[data-status='happened'] rect").first.get_attribute("fill") == "#2457c5"
    assert "SUPPORT" in page.locator("#tl-notes").inner_text()  # the undated event is listed, not placed
    drawn = page.locator(".map .pt[data-ids]").evaluate_all("els => els.map(e => e.dataset.ids).join(' ')").split()
    assert sorted(drawn) == sorted(e["id"] for e in located)
    assert page.locator(".map path.land.shaded[data-iso='AFG']").count() == 1  # Afghanistan, country only: shaded
    assert page.locator(".map path.land.shaded[data-iso='TUR']").get_attribute("data-count") == "2"
    rows = page.locator("table.events tbody tr")
    assert rows.count() == len(events) == 7
    assert sorted(rows.locator(".status").all_inner_texts()) == sorted(e["status"].upper() for e in events)
    offline_and_clean(page, base)
    shot(page, "events")


def test_filter_then_open_event_shows_highlighted_evidence(page, base):
    visit(page, base + "/")
    page.fill("#f-actor", "netanyahu")
    page.click("#apply")
    page.wait_for_url("**actor=netanyahu**")
    page.wait_for_selector("body[data-ready='1']")
    rows = page.locator("table.events tbody tr")
    assert rows.count() == 1 and page.locator(".tl-item").count() == 1
    assert page.locator("#json-twin").get_attribute("href") == "/api/events?actor=netanyahu"
    # facet counts beside the values follow the filter: one CONSULT matches
    assert page.locator("#f-type .check[data-value='CONSULT'] .n").inner_text() == "1"
    shot(page, "events-filtered")
    rows.first.locator("a.type").click()
    page.wait_for_url("**/events/**")
    page.wait_for_selector("body[data-ready='1']")
    event_id = page.url.rsplit("/", 1)[1]
    data = api(page, base, f"/api/events/{event_id}")
    reports = page.locator(".report")
    assert reports.count() == len(data["reports"]) == 3
    for i, rep in enumerate(data["reports"]):
        mark = reports.nth(i).locator("mark.evidence")
        assert mark.inner_text() == data["event"]["mentions"][i]["evidence"]
        assert mark.locator(".trigger").inner_text() == rep["trigger"]["text"]
        # the sentence in context: at most one sentence either side, not the whole article
        shown = reports.nth(i).locator(".article").inner_text()
        c = rep["context"]
        assert shown == rep["text"][c["start"]:c["end"]] and len(shown) < len(rep["text"])
    # the planned report and the later reports of the held meeting are both kept and shown
    assert [s.lower() for s in reports.locator(".head .status").all_inner_texts()] == ["planned", "happened", "happened"]
    assert "Reports differ on status" in page.locator(".note").inner_text()
    reports.first.get_by_text("Show the whole article").click()
    assert "The White House did not immediately comment" in reports.first.locator(".article").inner_text()
    offline_and_clean(page, base)
    shot(page, "event")


def test_multi_select_facets_search_box_and_sort(page, base):
    visit(page, base + "/")
    page.check("#f-type input[value='CONSULT']")
    page.check("#f-type input[value='SUPPORT']")
    page.click("#apply")
    page.wait_for_url("**type=CONSULT%2CSUPPORT**")
    page.wait_for_selector("body[data-ready='1']")
    assert page.locator("table.events tbody tr").count() == 3
    assert page.locator("#f-type input[value='SUPPORT']").is_checked()
    visit(page, base + "/")
    page.fill("#f-q", "bolan")  # one search box: places too
    page.press("#f-q", "Enter")
    page.wait_for_url("**q=bolan**")
    page.wait_for_selector("body[data-ready='1']")
    assert page.locator("table.events tbody tr a.type").all_inner_texts() == ["ASSAULT"]
    visit(page, base + "/")
    page.select_option("#f-sort", "fatalities")
    page.wait_for_url("**sort=fatalities**")
    page.wait_for_selector("body[data-ready='1']")
    assert page.locator("table.events tbody tr a.type").first.inner_text() == "ASSAULT"
    offline_and_clean(page, base)


def test_figures_from_each_report_side_by_side(page, base):
    ev = api(page, base, "/api/events?type=ASSAULT")["items"][0]
    visit(page, f"{base}/events/{ev['id']}")
    block = page.locator(".figure-block[data-measure='killed']")
    assert "reports disagree" in block.inner_text()
    values = block.locator("tr").first.locator("td").all_inner_texts()
    assert values == ["6", "21", "26"]
    sources = block.locator("tr").nth(2).locator("td").all_inner_texts()
    assert sources[1].startswith("military spokesman")
    offline_and_clean(page, base)
    shot(page, "event-figures")


def test_document_page_highlights_annotations(page, base):
    visit(page, f"{base}/documents/sample-05#v1")
    doc = api(page, base, "/api/documents/sample-05")["document"]
    n_mentions = sum(len(e["mentions"]) for e in doc["entities"])
    assert page.locator("#article .hl.entity").count() >= n_mentions
    assert page.locator("#article .hl.quote").first.inner_text() in doc["quotes"][0]["text"]
    v1 = doc["events"][0]
    sentence = doc["text"][v1["sentence"]["start"]:v1["sentence"]["end"]]
    assert page.locator("#article mark.evidence").inner_text() == sentence
    assert page.locator("#article .hl.trigger").first.inner_text() == v1["trigger"]["text"]
    page.locator("input[data-layer='entity']").uncheck()
    assert "off-entity" in page.locator("#article").get_attribute("class")
    page.locator("input[data-layer='entity']").check()
    offline_and_clean(page, base)
    shot(page, "document")


def test_submit_page_stores_an_article(page, base, pipeline):
    visit(page, base + "/submit")
    page.fill("#s-body", "Police in Lille arrested 12 protesters on Monday, officials said.")
    page.fill("#s-published", "2025-01-27")
    page.fill("#s-token", "wrong")
    page.click("button[type=submit]")
    page.wait_for_selector("#result .error")
    assert "token" in page.locator("#result").inner_text()
    page.fill("#s-token", TOKEN)
    page.click("button[type=submit]")
    page.wait_for_selector("#result li a")
    assert "null" not in page.inner_text("#result").split()
    shot(page, "submit")
    page.locator("#result li a").click()
    page.wait_for_url("**/documents/**")
    page.wait_for_selector("body[data-ready='1']")
    assert "Police in Lille" in page.locator("#article").inner_text()
    errors = [e for e in page.errors if "401" not in e]  # the refused first try logs its 401
    assert errors == []
    assert "null" not in page.inner_text("body").split()


def test_ui_on_the_pipeline_built_sample_store(browser, tmp_path_factory, pipeline):
    """The sample articles through the real pipeline: pages load and evidence is highlighted."""
    from dateline.ingest import read_paths
    from dateline.ingest.article import Skipped
    from dateline.store import Store

    samples = ROOT / "src" / "dateline" / "samples"
    db = tmp_path_factory.mktemp("samples") / "samples.duckdb"
    recs = [r for r in pipeline.process_many(read_paths([str(samples / "articles.jsonl"), str(samples / "html")]))
            if not isinstance(r, Skipped)]
    with Store(db) as s:
        add_documents(s, recs)
    with Server(db) as url:
        ctx = browser.new_context(viewport={"width": 1400, "height": 1000})
        pg = ctx.new_page()
        errors = []
        pg.on("pageerror", lambda e: errors.append(str(e)))
        visit(pg, url + "/")
        total = pg.request.get(url + "/api/events").json()["total"]
        assert total > 0, "the pipeline found no events in the samples"
        assert pg.locator("table.events tbody tr").count() == min(total, 25)
        pg.screenshot(path=str(ARTIFACTS / "samples-events.png"), full_page=True)
        first = pg.request.get(url + "/api/events?min_sources=2").json()["items"][0]
        visit(pg, f"{url}/events/{first['id']}")
        marks = pg.locator("mark.evidence")
        # one block per sentence: a sentence reported through several triggers is shown once
        assert marks.count() == len({(m["document"], m["evidence"]) for m in first["mentions"]})
        assert marks.first.inner_text() == first["mentions"][0]["evidence"]
        pg.screenshot(path=str(ARTIFACTS / "samples-event.png"), full_page=True)
        visit(pg, f"{url}/documents/{first['mentions'][0]['document']}")
        assert pg.locator("#article .hl").count() > 0
        pg.screenshot(path=str(ARTIFACTS / "samples-document.png"), full_page=True)
        assert errors == []
        ctx.close()


def test_overview_pages_and_documents_page(page, base):
    visit(page, base + "/actors/Benjamin%20Netanyahu")
    assert "Benjamin Netanyahu" in page.locator("h1").inner_text()
    assert page.locator("#json-twin").get_attribute("href") == "/api/actors/Benjamin%20Netanyahu"
    assert page.locator(".stack rect.seg").count() >= 1
    assert "Donald Trump" in page.locator("table.plain").nth(1).inner_text()
    offline_and_clean(page, base)
    shot(page, "actor")
    visit(page, base + "/countries/TUR")
    assert "(TUR)" in page.locator("h1").inner_text() and "COERCE" in page.inner_text("body")
    offline_and_clean(page, base)
    visit(page, base + "/documents?source=anatoliaobserver.example")
    rows = page.locator("table.events tbody tr")
    assert rows.count() >= 1 and set(rows.locator("td[data-label='Outlet']").all_inner_texts()) == {"anatoliaobserver.example"}
    assert "source=anatoliaobserver.example" in page.locator("#d-export").get_attribute("href")
    offline_and_clean(page, base)
    visit(page, base + "/no-such-page")
    assert "Not found" in page.locator("h1").inner_text()
    page.errors = [e for e in page.errors if "404" not in e]  # the page itself is a 404
    offline_and_clean(page, base)


def test_a_javascript_url_already_in_a_store_is_never_a_link(browser, tmp_path_factory):
    """Old stores may hold a `javascript:` URL: the pages build links from http(s) URLs only."""
    import dataclasses

    from dateline.store import Store
    from webstore import curated_records

    recs = curated_records()
    recs[0] = dataclasses.replace(recs[0], meta=dataclasses.replace(recs[0].meta, url="javascript:alert(1)"))
    db = tmp_path_factory.mktemp("xss") / "store.duckdb"
    with Store(db) as s:
        add_documents(s, recs)
    with Server(db) as url:
        ctx = browser.new_context()
        pg = ctx.new_page()
        visit(pg, f"{url}/documents/{recs[0].id}")
        assert pg.locator("a[href^='javascript:']").count() == 0
        ev = pg.locator("a[href^='/events/']").first.get_attribute("href")
        visit(pg, url + ev)
        assert pg.locator(".report").count() >= 1 and pg.locator("a[href^='javascript:']").count() == 0
        ctx.close()


# --- the 44 VOA stories, at a laptop's and a phone's width -------------------------

VOA = ROOT.parent / "shared" / "data" / "voa" / "voa_dev.jsonl"
AXE = ROOT / "tests" / "a11y" / "node_modules" / "axe-core" / "axe.min.js"
WIDTHS = {"wide": {"width": 1366, "height": 900}, "phone": {"width": 390, "height": 844}}


@pytest.fixture(scope="module")
def voa(tmp_path_factory, pipeline):
    """A server on a store of the 44 VOA stories, built once through the real pipeline."""
    if not VOA.exists():
        pytest.skip(f"VOA data not present at {VOA}")
    from dateline.ingest import read_paths
    from dateline.ingest.article import Skipped
    from dateline.store import Store

    db = tmp_path_factory.mktemp("voa") / "voa.duckdb"
    recs = [r for r in pipeline.process_many(read_paths([str(VOA)])) if not isinstance(r, Skipped)]
    assert len(recs) == 44
    with Store(db) as s:
        add_documents(s, recs)
    with Server(db) as url:
        yield url


@pytest.fixture(params=sorted(WIDTHS))
def sized(browser, request):
    ctx = browser.new_context(viewport=WIDTHS[request.param])
    pg = ctx.new_page()
    pg.errors, pg.requests = [], []
    pg.on("console", lambda m: m.type == "error" and pg.errors.append(m.text))
    pg.on("pageerror", lambda e: pg.errors.append(str(e)))
    pg.on("request", lambda r: pg.requests.append(r.url))
    pg.width = request.param
    yield pg
    ctx.close()


def _pages(pg, base):
    ev = pg.request.get(base + "/api/events?sort=sources&limit=1").json()["items"][0]
    actor = next(a["name"] for e in pg.request.get(base + "/api/events?limit=200").json()["items"]
                 for a in e["actors"])
    return {"events": "/", "event": f"/events/{ev['id']}", "document": f"/documents/{ev['mentions'][0]['document']}",
            "actor": f"/actors/{actor}", "documents": "/documents", "country": "/countries/USA", "api": "/api",
            "submit": "/submit"}


def test_no_page_is_wider_than_the_viewport(sized, voa):
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    for name, path in _pages(sized, voa).items():
        visit(sized, voa + path)
        wide = sized.evaluate("() => document.documentElement.scrollWidth")
        assert wide <= WIDTHS[sized.width]["width"], (name, sized.width, wide)
        offline_and_clean(sized, voa)
        sized.screenshot(path=str(ARTIFACTS / f"voa-{name}-{sized.width}.png"), full_page=name != "document")


def test_newest_first_and_histogram_brushing_sets_the_dates(sized, voa):
    visit(sized, voa + "/")
    starts = [s for s in sized.locator("table.events tbody tr").evaluate_all("els => els.map(e => e.dataset.start)") if s]
    assert len(starts) > 5 and starts == sorted(starts, reverse=True)
    bars = sized.locator(".hist .bar")
    n = bars.count()
    assert n >= 3
    first, last = bars.nth(n // 3), bars.nth(n // 3 + 1)
    want = (first.get_attribute("data-start"), last.get_attribute("data-end"))
    sized.locator(".hist").scroll_into_view_if_needed()
    a, b = first.locator("rect.hit").bounding_box(), last.locator("rect.hit").bounding_box()
    sized.mouse.move(a["x"] + a["width"] / 2, a["y"] + a["height"] / 2)
    sized.mouse.down()
    sized.mouse.move(b["x"] + b["width"] / 2, b["y"] + b["height"] / 2, steps=5)
    sized.mouse.up()
    sized.wait_for_url("**date_from=**")
    sized.wait_for_selector("body[data-ready='1']")
    from urllib.parse import parse_qs, urlparse

    got = parse_qs(urlparse(sized.url).query)
    assert (got["date_from"][0], got["date_to"][0]) == want
    assert sized.locator("#f-from").input_value() == got["date_from"][0]
    for s in sized.locator("table.events tbody tr").evaluate_all("els => els.map(e => e.dataset.start)"):
        assert not s or s <= got["date_to"][0]
    offline_and_clean(sized, voa)


def test_the_map_filters_by_a_clicked_country(sized, voa):
    visit(sized, voa + "/?map=0,20,1")
    shaded = sized.locator(".map path.land.shaded")
    assert shaded.count() >= 3
    # the most-shaded country, clicked where the country itself is on top (not a marker)
    iso = max(shaded.evaluate_all("els => els.map(e => [e.dataset.iso, +e.dataset.count])"), key=lambda x: x[1])[0]
    # keyboard: a marker or cluster can be reached with Tab focus
    marker = sized.locator(".map .pt").first
    marker.focus()
    assert sized.evaluate("() => document.activeElement.classList.contains('pt')")
    sized.locator(f".map path.land[data-iso='{iso}']").focus()  # a shaded country too (Enter filters to it)
    assert sized.evaluate("() => document.activeElement.dataset.iso") == iso
    visit(sized, voa + "/?map=0,20,1")
    sized.locator(".map svg").scroll_into_view_if_needed()
    xy = sized.evaluate("""iso => {
        const p = document.querySelector(`.map path.land[data-iso='${iso}']`), r = p.getBoundingClientRect();
        for (let i = 1; i < 20; i++) for (let j = 1; j < 20; j++) {
            const x = r.left + r.width * i / 20, y = r.top + r.height * j / 20;
            if (document.elementFromPoint(x, y) === p || (document.elementFromPoint(x, y) || {}).parentNode === p) return [x, y];
        }
        return null; }""", iso)
    assert xy, iso
    sized.mouse.click(*xy)
    try:
        sized.wait_for_url(f"**country={iso}**")
    except Exception:
        sized.screenshot(path=str(ARTIFACTS / f"map-click-failed-{sized.width}.png"))
        raise
    sized.wait_for_selector("body[data-ready='1']")
    assert "map=" in sized.url  # the map view is kept in the URL
    assert sized.locator(f"#f-country input[value='{iso}']").is_checked()
    api_total = sized.request.get(f"{voa}/api/events?country={iso}").json()["total"]
    assert sized.locator("#ev-count").inner_text() == f"{api_total} matching"
    offline_and_clean(sized, voa)


@pytest.mark.skipif(not AXE.exists(), reason="axe-core not installed: (cd tests/a11y && npm ci)")
def test_axe_finds_no_serious_or_critical_violations(sized, voa):
    sized.add_init_script(path=str(AXE))  # evaluated by the browser itself: the page's CSP allows no inline script
    pages = _pages(sized, voa)
    for name in ("events", "event", "document", "actor"):
        visit(sized, voa + pages[name])
        result = sized.evaluate("async () => await axe.run(document, {resultTypes: ['violations']})")
        bad = [(v["id"], v["impact"], [n["target"] for n in v["nodes"][:3]]) for v in result["violations"]
               if v["impact"] in ("serious", "critical")]
        assert bad == [], (name, sized.width, bad)
