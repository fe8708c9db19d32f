// api page.
"use strict";
header("/api", "/openapi.json");
(async function () {
  const box = document.getElementById("ops");
  try {
    const spec = await api("/openapi.json");
    for (const [path, ops] of Object.entries(spec.paths)) for (const [method, op] of Object.entries(ops)) {
      const params = (op.parameters || []).map((p) => el("tr", {}, el("td", {}, el("code", {}, p.name)),
        el("td", { class: "muted" }, p.in), el("td", {}, p.description || "")));
      box.append(el("div", { class: "report", style: "border-top:1px solid var(--line);padding:10px 0" },
        el("div", {}, el("b", {}, method.toUpperCase()), " ", el("code", {}, path),
          op.security ? el("span", { class: "status planned", style: "margin-left:8px" }, "token") : null),
        el("div", { class: "small" }, op.summary || ""),
        op.description ? el("div", { class: "small muted" }, op.description) : null,
        params.length ? el("table", { class: "figs small", style: "margin-top:6px" }, el("tbody", {}, params)) : null));
    }
  } catch (e) { showError(box, e); }
  document.body.dataset.ready = "1";
})();
