// The events page: one search box, faceted multi-select filters (kept in the
// URL), a histogram that brushes a date range, the map, and a sortable table.
"use strict";

const SINGLE = ["actor", "place", "date_from", "date_to", "min_sources", "min_killed", "q"];
const MULTI = ["type", "status", "country"];
const PAGE = 25;
const LANES_MAX = 80;  // up to this many events, each is drawn on the timeline too

// A multi-select filter travels as one comma-separated value: type=ASSAULT,COERCE.
function multi(params, k) {
  return params.getAll(k).flatMap((v) => v.split(",")).filter(Boolean);
}

function currentParams() {
  const url = new URLSearchParams(location.search);
  const p = new URLSearchParams();
  for (const k of MULTI) { const v = multi(url, k); if (v.length) p.set(k, v.join(",")); }
  for (const k of SINGLE) if (url.get(k)) p.set(k, url.get(k));
  return p;
}

function sortParam() {
  const s = new URLSearchParams(location.search).get("sort");
  return ["-date", "date", "sources", "documents", "fatalities"].includes(s) ? s : "-date";
}

// Navigate to these filters (the sort and map view are kept, the page offset reset).
function go(params) {
  const p = new URLSearchParams(params);
  const url = new URLSearchParams(location.search);
  const sort = document.getElementById("f-sort").value || url.get("sort");
  if (sort && sort !== "-date") p.set("sort", sort);
  if (url.get("map")) p.set("map", url.get("map"));
  if (url.get("bin")) p.set("bin", url.get("bin"));
  if (url.get("span")) p.set("span", url.get("span"));
  location.search = p.toString();
}

function checkList(box, name, values, counts, chosen, label) {
  box.replaceChildren(...values.map((v) => {
    const id = `f-${name}-${v}`;
    const n = counts ? counts[v] || 0 : null;
    return el("div", { class: "check" + (n === 0 && !chosen.includes(v) ? " zero" : ""), "data-value": v },
      el("input", { type: "checkbox", id, name, value: v, checked: chosen.includes(v) ? "checked" : null }),
      el("label", { for: id }, label ? label(v) : v),
      n === null ? null : el("span", { class: "n", title: "events matching the other filters" }, fmtNum(n)));
  }));
}

async function loadFilters(params) {
  const [facets, countries] = await Promise.all([api(`/api/facets?${params}`), api("/api/countries")]);
  const c = facets.counts || {};
  checkList(document.getElementById("f-type"), "type", facets.types, c.type, multi(params, "type"));
  checkList(document.getElementById("f-status"), "status", facets.statuses, c.status, multi(params, "status"));
  const chosen = multi(params, "country");
  const codes = [...new Set([...facets.countries, ...chosen])]
    .sort((a, b) => ((c.country || {})[b] || 0) - ((c.country || {})[a] || 0) || a.localeCompare(b));
  checkList(document.getElementById("f-country"), "country", codes, c.country, chosen,
    (code) => `${(countries[code] || {}).name || code} (${code})`);
  const find = document.getElementById("f-country-find");
  find.addEventListener("input", () => {
    const needle = find.value.trim().toLowerCase();
    for (const row of document.querySelectorAll("#f-country .check"))
      row.hidden = needle && !row.textContent.toLowerCase().includes(needle);
  });
  return countries;
}

function fillForm(params) {
  const form = document.getElementById("filters");
  for (const k of SINGLE) { const input = form.elements[k]; if (input) input.value = params.get(k) || ""; }
  document.getElementById("f-sort").value = sortParam();
}

function formParams() {
  const form = document.getElementById("filters");
  const p = new URLSearchParams();
  for (const k of MULTI) {
    const v = [...form.querySelectorAll(`input[name=${k}]:checked`)].map((b) => b.value);
    if (v.length) p.set(k, v.join(","));
  }
  for (const k of SINGLE) { const v = (form.elements[k].value || "").trim(); if (v) p.set(k, v); }
  return p;
}

function actorLinks(list) {
  return (list || []).map((a, i) => [i ? ", " : "",
    el("a", { href: `/actors/${encodeURIComponent(a.name)}` }, a.name),
    a.country ? [" (", el("a", { href: `/countries/${a.country}`, class: "muted" }, a.country), ")"] : null]).flat(2);
}

function eventRow(r) {
  const killed = Object.entries(r.figures || {}).map(([m, f]) => figureText(m, f)).join("; ");
  const first = (r.mentions || [])[0];
  const cell = (label, ...kids) => el("td", { "data-label": label }, ...kids);
  return el("tr", { class: r.status, "data-id": r.id, "data-start": (r.when && r.when.start) || "" },
    cell("Date", whenNode(r.when)),
    cell("Type", el("a", { href: `/events/${encodeURIComponent(r.id)}`, class: "type" }, r.type),
      r.mode ? el("div", { class: "mode" }, r.mode) : null),
    cell("Status", statusBadge(r.status)),
    cell("Actors → recipients", actorLinks(r.actors).length ? actorLinks(r.actors) : el("span", { class: "muted" }, "—"),
      (r.recipients || []).length ? el("div", { class: "muted small" }, "→ ", actorLinks(r.recipients)) : null),
    cell("Place", (r.location && r.location.name) || el("span", { class: "muted" }, "—")),
    cell("Figures", killed || ""),
    cell("Docs / sources", el("span", { title: "documents / distinct outlets" }, `${r.n_documents} / ${r.n_sources}`)),
    el("td", { class: "evidence", "data-label": "Evidence" },
      first ? first.evidence.slice(0, 220) + (first.evidence.length > 220 ? "…" : "") : ""));
}

function renderTable(page, offset) {
  const box = document.getElementById("events");
  document.getElementById("ev-count").textContent = `${page.total} matching`;
  if (!page.items.length) {
    box.replaceChildren(el("p", { class: "muted" }, "No event records match these filters."));
    document.getElementById("pager").replaceChildren();
    return;
  }
  box.replaceChildren(el("table", { class: "events cards" },
    el("thead", {}, el("tr", {}, ["Date", "Type", "Status", "Actors → recipients", "Place", "Figures",
      "Docs / sources", "Evidence (first report)"].map((h) => el("th", { scope: "col" }, h)))),
    el("tbody", {}, page.items.map(eventRow))));
  const pager = document.getElementById("pager");
  const link = (off, label) => {
    const p = new URLSearchParams(location.search);
    if (off) p.set("offset", off); else p.delete("offset");
    return el("a", { class: "button secondary", href: `?${p}` }, label);
  };
  pager.replaceChildren(...[
    offset > 0 ? link(Math.max(0, offset - PAGE), "‹ Previous") : null,
    el("span", { class: "muted small" }, `${offset + 1}–${offset + page.items.length} of ${page.total}`),
    offset + PAGE < page.total ? link(offset + PAGE, "Next ›") : null].filter(Boolean));
}

function setExports(qs) {
  const amp = qs ? "&" + qs : "";
  for (const f of ["csv", "jsonl", "parquet"]) document.getElementById(`x-${f}`).href = `/api/export/events?format=${f}${amp}`;
  for (const f of ["csv", "parquet"])
    document.getElementById(`x-dyads-${f}`).href = `/api/export/events?format=${f}&view=dyads${amp}`;
}

async function main() {
  header("/", "/api/events");
  const params = currentParams();
  const url = new URLSearchParams(location.search);
  const offset = Math.max(0, parseInt(url.get("offset") || "0", 10) || 0);
  const form = document.getElementById("filters");
  form.addEventListener("submit", (e) => { e.preventDefault(); go(formParams()); });
  document.getElementById("f-sort").addEventListener("change", () => go(formParams()));
  document.getElementById("reset").addEventListener("click", () => { location.search = ""; });
  fillForm(params);
  // on a phone the filters start folded, so the histogram, map and events come first
  if (matchMedia("(max-width: 700px)").matches) document.getElementById("filter-box").open = false;
  const qs = params.toString();
  setExports(qs);
  const sort = sortParam();
  const twin = new URLSearchParams(params); if (sort !== "-date") twin.set("sort", sort);
  setTwin(`/api/events${twin.toString() ? "?" + twin : ""}`);

  let countries = {};
  try { countries = await loadFilters(params); } catch (e) { showError(document.getElementById("f-type"), e); }
  const bin = ["day", "week", "month", "year"].includes(url.get("bin")) ? url.get("bin") : "auto";
  const span = url.get("span") === "all" ? "all" : "focus";
  document.getElementById("h-bin").value = bin;
  document.getElementById("h-bin").addEventListener("change", (e) => {
    const p = new URLSearchParams(location.search);
    if (e.target.value === "auto") p.delete("bin"); else p.set("bin", e.target.value);
    location.search = p.toString();
  });
  try {
    const pageQs = new URLSearchParams(params); pageQs.set("limit", PAGE); pageQs.set("offset", offset); pageQs.set("sort", sort);
    const lanesQs = new URLSearchParams(params); lanesQs.set("limit", LANES_MAX); lanesQs.set("sort", "date");
    const histQs = new URLSearchParams(params); histQs.set("bin", bin); histQs.set("span", span);
    const [page, hist, mapData, health] = await Promise.all([
      api(`/api/events?${pageQs}`), api(`/api/histogram?${histQs}`), api(`/api/map?${params}`), api("/api/health")]);
    renderTable(page, offset);
    document.getElementById("tl-count").textContent = `${hist.total}`;
    drawHistogram(document.getElementById("histogram"), hist, params, document.getElementById("h-notes"));
    const lanesBox = document.getElementById("timeline"), lanesNotes = document.getElementById("tl-notes");
    if (page.total <= LANES_MAX) {
      const lanes = await api(`/api/events?${lanesQs}`);
      const lg = legend();
      drawTimeline(lanesBox, lanes.items, lanesNotes);
      lanesBox.append(lg);
    } else {
      lanesNotes.textContent = `${page.total} events: brush the histogram (drag across it) or filter to ` +
        `${LANES_MAX} or fewer to see each event on its own line.`;
    }
    const map = await drawMap(document.getElementById("map"), mapData, countries, document.getElementById("map-notes"), params);
    document.getElementById("map-count").textContent = `${mapData.located} located`;
    document.getElementById("map-world").addEventListener("click", () => map.reset());
    document.getElementById("map-in").addEventListener("click", () => map.zoom(2));
    document.getElementById("map-out").addEventListener("click", () => map.zoom(0.5));
    document.getElementById("store-info").textContent =
      `Store: ${health.documents} documents, ${health.event_records} event records. ` +
      (health.writable ? "Writing enabled (token required)." : "Read-only.");
  } catch (e) {
    showError(document.getElementById("events"), e);
  }
  document.body.dataset.ready = "1";
}

main();
