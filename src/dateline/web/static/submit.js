// Submit page: POST the pasted article with the token, then link to what was stored.
"use strict";
header("/submit", "/openapi.json");
const form = document.getElementById("submit"), out = document.getElementById("result");
form.elements.token.value = sessionStorage.getItem("dateline-token") || "";
form.addEventListener("submit", async (e) => {
  e.preventDefault();
  const f = form.elements, p = new URLSearchParams();
  for (const k of ["published", "title", "url"]) if (f[k].value.trim()) p.set(k, f[k].value.trim());
  sessionStorage.setItem("dateline-token", f.token.value);
  out.replaceChildren(el("p", { class: "muted" }, "Extracting…"));
  try {
    const res = await fetch(`/api/articles?${p}`, { method: "POST", body: f.body.value,
      headers: { "Content-Type": f.kind.value, Authorization: `Bearer ${f.token.value}` } });
    const body = await res.json().catch(() => ({}));
    if (!res.ok) throw new Error(body.detail || `${res.status} ${res.statusText}`);
    out.replaceChildren(...[el("div", { class: "note" }, `${body.added} new document(s) stored.`),
      el("ul", {}, body.documents.map((d) => el("li", {}, el("a", { href: `/documents/${encodeURIComponent(d.id)}` },
        d.title || d.id), ` — ${d.n_events} event(s)${d.new ? "" : " (already stored)"}`))),
      body.skipped.length ? el("div", { class: "error" }, body.skipped.map((s) => el("div", {}, `${s.origin}: ${s.reason}`))) : null,
    ].filter(Boolean));
  } catch (err) { showError(out, err); }
});
document.body.dataset.ready = "1";
