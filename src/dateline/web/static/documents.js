// The documents page: search, outlet and date filters, sorting, paging, and
// an export link for the documents shown; every filter is kept in the URL.
"use strict";
(async function () {
  const url = new URLSearchParams(location.search);
  const KEYS = ["q", "source", "date_from", "date_to", "sort"];
  const p = new URLSearchParams();
  for (const k of KEYS) if (url.get(k)) p.set(k, url.get(k));
  const offset = Math.max(0, parseInt(url.get("offset") || "0", 10) || 0), PAGE = 50;
  header("/documents", `/api/documents${p.toString() ? "?" + p : ""}`);
  const form = document.getElementById("search");
  const box = document.getElementById("documents");
  try {
    const outlets = await api("/api/outlets");
    const sel = document.getElementById("d-source");
    for (const o of outlets) sel.append(el("option", { value: o.source }, `${o.source} (${o.documents})`));
    if (p.get("source") && !outlets.some((o) => o.source === p.get("source")))
      sel.append(el("option", { value: p.get("source") }, p.get("source")));
  } catch (e) { /* the list still works */ }
  for (const k of KEYS) if (form.elements[k]) form.elements[k].value = p.get(k) || (k === "sort" ? "-published" : "");
  form.addEventListener("submit", (e) => {
    e.preventDefault();
    const n = new URLSearchParams();
    for (const k of KEYS) { const v = (form.elements[k].value || "").trim(); if (v && !(k === "sort" && v === "-published")) n.set(k, v); }
    location.search = n.toString();
  });
  document.getElementById("d-sort").addEventListener("change", () => form.requestSubmit());
  const exp = new URLSearchParams(p); exp.delete("sort");
  document.getElementById("d-export").href = `/api/export/documents${exp.toString() ? "?" + exp : ""}`;
  try {
    const q = new URLSearchParams(p); q.set("limit", PAGE); q.set("offset", offset);
    const page = await api(`/api/documents?${q}`);
    document.getElementById("doc-count").textContent = `${page.total}`;
    const cell = (label, ...kids) => el("td", { "data-label": label }, ...kids);
    box.replaceChildren(page.items.length ? el("table", { class: "events cards" },
      el("thead", {}, el("tr", {}, ["Published", "Title", "Outlet", "Events"].map((h) => el("th", { scope: "col" }, h)))),
      el("tbody", {}, page.items.map((d) => el("tr", {},
        cell("Published", d.published ? fmtDay(d.published.slice(0, 10)) : "unknown"),
        cell("Title", el("a", { href: `/documents/${encodeURIComponent(d.id)}` }, d.title || d.id)),
        cell("Outlet", d.source || ""), cell("Events", `${d.n_events}`)))))
      : el("p", { class: "muted" }, "No documents match."));
    const nav = (off, label) => { const n = new URLSearchParams(p); n.set("offset", off);
      return el("a", { class: "button secondary", href: `?${n}` }, label); };
    document.getElementById("pager").replaceChildren(...[offset > 0 ? nav(Math.max(0, offset - PAGE), "‹ Previous") : null,
      offset + PAGE < page.total ? nav(offset + PAGE, "Next ›") : null].filter(Boolean));
  } catch (e) { showError(box, e); }
  document.body.dataset.ready = "1";
})();
