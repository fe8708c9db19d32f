"""The web UI in headless Chromium (Debian's /usr/bin/chromium driven by
Playwright): filters, timeline, map, an event's highlighted evidence, a
highlighted document, the submit form. A screenshot of each main page is saved
under test-artifacts/web/. Every page must work offline: no request leaves the
server, and no script error is logged."""

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
    assert page.locator(".map path.land.mentioned[data-country='004']").count() == 1  # Afghanistan, country only
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
    # the planned report and the later reports of the held meeting are both kept and shown
    assert [s.lower() for s in reports.locator(".head .status").all_inner_texts()] == ["planned", "happened", "happened"]
    assert "Reports differ on status" in page.locator(".note").inner_text()
    reports.first.get_by_text("Show the whole article").click()
    assert "The White House did not immediately comment" in reports.first.locator(".article").inner_text()
    offline_and_clean(page, base)
    shot(page, "event")


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
        assert marks.count() == len(first["mentions"])
        assert marks.first.inner_text() == first["mentions"][0]["evidence"]
        pg.screenshot(path=str(ARTIFACTS / "samples-event.png"), full_page=True)
        visit(pg, f"{url}/documents/{first['mentions'][0]['document']}")
        assert pg.locator("#article .hl").count() > 0
        pg.screenshot(path=str(ARTIFACTS / "samples-document.png"), full_page=True)
        assert errors == []
        ctx.close()
