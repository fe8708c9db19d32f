// documents page.
"use strict";
(async function () {
  const url = new URLSearchParams(location.search);
  const q = url.get("q") || "", offset = Math.max(0, parseInt(url.get("offset") || "0", 10) || 0), PAGE = 50;
  const p = new URLSearchParams(); if (q) p.set("q", q);
  header("/documents", `/api/documents${p.toString() ? "?" + p : ""}`);
  document.getElementById("d-q").value = q;
  const box = document.getElementById("documents");
  try {
    p.set("limit", PAGE); p.set("offset", offset);
    const page = await api(`/api/documents?${p}`);
    document.getElementById("doc-count").textContent = `${page.total}`;
    box.replaceChildren(el("table", { class: "events" },
      el("thead", {}, el("tr", {}, ["Published", "Title", "Outlet", "Events"].map((h) => el("th", {}, h)))),
      el("tbody", {}, page.items.map((d) => el("tr", {},
        el("td", {}, d.published ? fmtDay(d.published.slice(0, 10)) : "unknown"),
        el("td", {}, el("a", { href: `/documents/${encodeURIComponent(d.id)}` }, d.title || d.id)),
        el("td", {}, d.source || ""), el("td", {}, `${d.n_events}`))))));
    const nav = (off, label) => { const n = new URLSearchParams(); if (q) n.set("q", q); n.set("offset", off);
      return el("a", { class: "button secondary", href: `?${n}` }, label); };
    document.getElementById("pager").replaceChildren(...[offset > 0 ? nav(Math.max(0, offset - PAGE), "‹ Previous") : null,
      offset + PAGE < page.total ? nav(offset + PAGE, "Next ›") : null].filter(Boolean));
  } catch (e) { showError(box, e); }
  document.body.dataset.ready = "1";
})();
