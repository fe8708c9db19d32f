// The events page: filters (kept in the URL), timeline, map and a paged table.
"use strict";

const FILTERS = ["type", "status", "actor", "country", "place", "date_from", "date_to", "min_sources", "q"];
const PAGE = 25;
const VIS_LIMIT = 500;

function currentParams() {
  const url = new URLSearchParams(location.search);
  const p = new URLSearchParams();
  for (const k of FILTERS) if (url.get(k)) p.set(k, url.get(k));
  return p;
}

function fillForm(params) {
  const form = document.getElementById("filters");
  for (const k of FILTERS) {
    const input = form.elements[k], value = params.get(k) || "";
    if (!input) continue;
    if (input.tagName === "SELECT" && value && ![...input.options].some((o) => o.value === value))
      input.append(el("option", { value }, value));  // a value typed into the URL stays visible
    input.value = value;
  }
}

async function loadOptions() {
  const [facets, countries] = await Promise.all([api("/api/facets"), api("/api/countries")]);
  const add = (id, values, label) => {
    const sel = document.getElementById(id);
    for (const v of values) sel.append(el("option", { value: v }, label ? label(v) : v));
  };
  add("f-type", facets.types);
  add("f-status", facets.statuses);
  add("f-country", facets.countries, (c) => `${(countries[c] || {}).name || c} (${c})`);
  return countries;
}

function eventRow(r) {
  const killed = Object.entries(r.figures || {}).map(([m, f]) => figureText(m, f)).join("; ");
  const first = (r.mentions || [])[0];
  return el("tr", { class: r.status, "data-id": r.id },
    el("td", {}, whenNode(r.when)),
    el("td", {}, el("a", { href: `/events/${encodeURIComponent(r.id)}`, class: "type" }, r.type),
      r.mode ? el("div", { class: "mode" }, r.mode) : null),
    el("td", {}, statusBadge(r.status)),
    el("td", {}, names(r.actors) || el("span", { class: "muted" }, "—"),
      (r.recipients || []).length ? el("div", { class: "muted small" }, "→ ", names(r.recipients)) : null),
    el("td", {}, (r.location && r.location.name) || el("span", { class: "muted" }, "—")),
    el("td", {}, killed || ""),
    el("td", { title: "documents / distinct outlets" }, `${r.n_documents} / ${r.n_sources}`),
    el("td", { class: "evidence" }, first ? first.evidence.slice(0, 220) + (first.evidence.length > 220 ? "…" : "") : ""));
}

function renderTable(page, params, offset) {
  const box = document.getElementById("events");
  document.getElementById("ev-count").textContent = `${page.total} matching`;
  if (!page.items.length) {
    box.replaceChildren(el("p", { class: "muted" }, "No event records match these filters."));
    document.getElementById("pager").replaceChildren();
    return;
  }
  box.replaceChildren(el("table", { class: "events" },
    el("thead", {}, el("tr", {}, ["Date", "Type", "Status", "Actors → recipients", "Place", "Figures",
      "Docs / sources", "Evidence (first report)"].map((h) => el("th", {}, h)))),
    el("tbody", {}, page.items.map(eventRow))));
  const pager = document.getElementById("pager");
  const link = (off, label) => {
    const p = new URLSearchParams(params);
    if (off) p.set("offset", off);
    return el("a", { class: "button secondary", href: `?${p}` }, label);
  };
  pager.replaceChildren(...[
    offset > 0 ? link(Math.max(0, offset - PAGE), "‹ Previous") : null,
    el("span", { class: "muted small" }, `${offset + 1}–${offset + page.items.length} of ${page.total}`),
    offset + PAGE < page.total ? link(offset + PAGE, "Next ›") : null].filter(Boolean));
}

async function main() {
  header("/", "/api/events");
  const params = currentParams();
  const offset = Math.max(0, parseInt(new URLSearchParams(location.search).get("offset") || "0", 10) || 0);
  const form = document.getElementById("filters");
  const lg = legend();
  lg.append(el("span", {}, "· a bar covers the dates the event is known to: a day, a month, a range"));
  lg.style.marginTop = "8px";
  document.querySelector(".timeline").append(lg);

  form.addEventListener("submit", (e) => {
    e.preventDefault();
    const p = new URLSearchParams();
    for (const k of FILTERS) { const v = (form.elements[k].value || "").trim(); if (v) p.set(k, v); }
    location.search = p.toString();
  });
  document.getElementById("reset").addEventListener("click", () => { location.search = ""; });

  let countries = {};
  try { countries = await loadOptions(); } catch (e) { /* filters still work as text */ }
  fillForm(params);
  const qs = params.toString();
  setTwin(`/api/events${qs ? "?" + qs : ""}`);
  for (const f of ["csv", "jsonl", "parquet"])
    document.getElementById(`x-${f}`).href = `/api/export/events?format=${f}${qs ? "&" + qs : ""}`;

  try {
    const pageQs = new URLSearchParams(params); pageQs.set("limit", PAGE); pageQs.set("offset", offset);
    const visQs = new URLSearchParams(params); visQs.set("limit", VIS_LIMIT);
    const [page, vis, health] = await Promise.all([
      api(`/api/events?${pageQs}`), api(`/api/events?${visQs}`), api("/api/health")]);
    renderTable(page, params, offset);
    drawTimeline(document.getElementById("timeline"), vis.items, document.getElementById("tl-notes"));
    document.getElementById("tl-count").textContent =
      vis.total > vis.items.length ? `first ${vis.items.length} of ${vis.total}` : `${vis.total}`;
    const map = await drawMap(document.getElementById("map"), vis.items, countries, document.getElementById("map-notes"));
    document.getElementById("map-count").textContent = `${map.located} located`;
    document.getElementById("map-world").addEventListener("click", (e) => {
      const world = map.toggle();
      e.target.textContent = world ? "Fit to events" : "World";
    });
    document.getElementById("store-info").textContent =
      `Store: ${health.documents} documents, ${health.event_records} event records. ` +
      (health.writable ? "Writing enabled (token required)." : "Read-only.");
  } catch (e) {
    showError(document.getElementById("events"), e);
  }
  document.body.dataset.ready = "1";
}

main();
