// The document page: the article with every annotation highlighted in place
// (entities, times, event triggers, figures, quotes; boilerplate greyed) and
// the annotations listed beside it. Click a highlight to see what it is.
"use strict";

const LAYERS = [["entity", "Entities", "var(--entity)"], ["time", "Times", "var(--time)"],
  ["event", "Events", "#1d2430"], ["figure", "Figures", "var(--figure)"], ["quote", "Quotes", "var(--quote)"]];

function annotations(doc) {
  // [start, end, class, ref] in code points
  const out = [];
  for (const e of doc.entities || []) for (const m of e.mentions || []) out.push([m.start, m.end, "entity", e.id]);
  for (const t of doc.times || []) out.push([t.start, t.end, "time", t.id]);
  for (const v of doc.events || []) out.push([v.trigger.start, v.trigger.end, "trigger", v.id]);
  for (const f of doc.figures || []) {
    out.push([f.start, f.end, "figure", f.id]);
    if (f.attribution) out.push([f.attribution.start, f.attribution.end, "attrib", null]);
  }
  for (const v of doc.events || []) if (v.attribution) out.push([v.attribution.start, v.attribution.end, "attrib", null]);
  for (const q of doc.quotes || []) out.push([q.start, q.end, "quote", q.id]);
  for (const b of doc.boilerplate || []) out.push([b.start, b.end, "boilerplate", null]);
  return out;
}

function renderText(doc, selected) {
  const text = doc.text, map = codePointMap(text), n = map.length - 1;
  const spans = annotations(doc);
  const sel = selected ? (doc.events || []).find((v) => v.id === selected) : null;
  const cuts = new Set([0, n]);
  if (sel) { cuts.add(sel.sentence.start); cuts.add(sel.sentence.end); }
  for (const [a, b] of spans) { cuts.add(Math.max(0, Math.min(n, a))); cuts.add(Math.max(0, Math.min(n, b))); }
  const points = [...cuts].sort((a, b) => a - b);
  const nodes = [];
  let mark = null;  // the selected event's sentence: one <mark> around its pieces
  for (let i = 0; i < points.length - 1; i++) {
    const a = points[i], b = points[i + 1];
    const cover = spans.filter(([s, e]) => s <= a && e >= b && s < e);
    const piece = text.slice(map[a], map[b]);
    const refs = cover.filter((c) => c[3]).map((c) => c[3]);
    const node = cover.length ? el("span", { class: "hl " + [...new Set(cover.map((c) => c[2]))].join(" "),
      "data-refs": refs.join(" ") || null }, piece) : piece;
    const inSentence = sel && a >= sel.sentence.start && b <= sel.sentence.end;
    if (inSentence) {
      if (!mark) { mark = el("mark", { class: "evidence", "data-event": sel.id }); nodes.push(mark); }
      mark.append(node);
    } else {
      mark = null;
      nodes.push(node);
    }
  }
  return nodes;
}

function describe(doc, ref) {
  const ents = Object.fromEntries((doc.entities || []).map((e) => [e.id, e]));
  const find = (list) => (list || []).find((x) => x.id === ref);
  let x;
  if ((x = ents[ref])) return el("div", {}, el("b", {}, x.name), ` — ${x.kind}`, x.country ? `, ${x.country}` : "",
    x.sector ? `, ${x.sector}` : "", el("div", { class: "muted small" }, `${(x.mentions || []).length} mention(s)`));
  if ((x = find(doc.times))) return el("div", {}, el("b", {}, x.text), ` — ${x.type} ${x.value}`,
    el("div", { class: "muted small" }, `anchored on ${x.anchor}`));
  if ((x = find(doc.figures))) return el("div", {}, el("b", {}, x.text), ` — ${x.measure} ${fmtNum(x.value)} (${x.approx})`,
    el("div", { class: "muted small" }, x.attribution ? `according to ${x.attribution.source}` : "not attributed"));
  if ((x = find(doc.quotes))) return el("div", {}, `Quote by ${x.speaker_text || "unknown speaker"}`,
    x.cue ? ` (${x.cue})` : "", el("div", { class: "muted small" }, x.direct ? "direct" : "indirect"));
  if ((x = find(doc.events))) return el("div", {}, el("b", {}, `${x.type}${x.mode ? " / " + x.mode : ""}`), " ",
    statusBadge(x.status), el("div", {}, whenNode(x.when)),
    x.location ? el("div", { class: "small" }, x.location.name) : null);
  return null;
}

function table(rows) { return el("table", {}, el("tbody", {}, rows)); }

async function main() {
  const id = eventIdFromPath("/documents/");
  header("/documents", `/api/documents/${encodeURIComponent(id)}`);
  const box = document.getElementById("document");
  let data;
  try { data = await api(`/api/documents/${encodeURIComponent(id)}`); } catch (e) { showError(box, e); return; }
  const doc = data.document, meta = doc.meta || {}, links = data.event_records || {};
  document.title = `Dateline · ${meta.title || doc.id}`;
  const ents = Object.fromEntries((doc.entities || []).map((e) => [e.id, e]));
  let selected = (location.hash || "").slice(1) || null;

  const article = el("div", { class: "article", id: "article" });
  const detail = el("div", { class: "detail small muted" }, "Click a highlight to see what it is.");
  const draw = () => {
    article.replaceChildren(...renderText(doc, selected));
    const mark = article.querySelector("mark.evidence");
    if (mark) mark.scrollIntoView({ block: "center" });
  };
  article.addEventListener("click", (e) => {
    const hl = e.target.closest(".hl");
    if (!hl || !hl.dataset.refs) return;
    const refs = hl.dataset.refs.split(" ");
    const ev = refs.find((r) => (doc.events || []).some((v) => v.id === r));
    if (ev) { selected = ev; history.replaceState(null, "", `#${ev}`); draw(); }
    detail.replaceChildren(...refs.map((r) => describe(doc, r)).filter(Boolean));
  });

  const layers = el("div", { class: "layers" }, "Show: ", LAYERS.map(([k, label, color]) =>
    el("label", {}, el("input", { type: "checkbox", checked: "checked", "data-layer": k, onchange: (e) => {
      article.classList.toggle(`off-${k}`, !e.target.checked);
    } }), el("span", { class: "swatch", style: `background:${color}` }), label)),
    el("span", { class: "small muted" }, "· dotted underline: who a figure or event is attributed to"));

  const eventRows = (doc.events || []).map((v) => el("tr", { "data-event": v.id },
    el("td", {}, el("a", { href: `#${v.id}`, onclick: (e) => { e.preventDefault(); selected = v.id;
      history.replaceState(null, "", `#${v.id}`); draw(); detail.replaceChildren(describe(doc, v.id) || ""); } },
    `${v.type}${v.mode ? " / " + v.mode : ""}`), el("div", { class: "muted small" }, `“${v.trigger.text}”`)),
    el("td", {}, statusBadge(v.status)), el("td", {}, whenNode(v.when)),
    el("td", { class: "nowrap" }, links[v.id] ? el("a", { href: `/events/${encodeURIComponent(links[v.id])}` }, "record ›") : "")));
  const side = el("div", { class: "card side" },
    el("h3", {}, "Selected"), detail,
    el("h3", {}, `Events (${(doc.events || []).length})`), eventRows.length ? table(eventRows) : el("p", { class: "muted small" }, "none"),
    el("h3", {}, `Figures (${(doc.figures || []).length})`), table((doc.figures || []).map((f) => el("tr", {},
      el("td", {}, el("b", {}, f.text)), el("td", {}, f.measure), el("td", { class: "muted" }, f.attribution ? f.attribution.source : "unattributed")))),
    el("h3", {}, `Entities (${(doc.entities || []).length})`), table((doc.entities || []).map((e) => el("tr", {},
      el("td", {}, e.name), el("td", { class: "muted" }, e.kind), el("td", {}, e.country || ""), el("td", { class: "muted" }, e.sector || "")))),
    el("h3", {}, `Times (${(doc.times || []).length})`), table((doc.times || []).map((t) => el("tr", {},
      el("td", {}, t.text), el("td", {}, t.value), el("td", { class: "muted" }, t.type)))),
    el("h3", {}, `Quotes (${(doc.quotes || []).length})`), table((doc.quotes || []).map((q) => el("tr", {},
      el("td", {}, (ents[q.speaker] || {}).name || q.speaker_text || "?"), el("td", { class: "muted" }, q.text.slice(0, 80))))));

  box.replaceChildren(
    el("div", { class: "card" },
      el("h1", {}, meta.title || doc.id),
      el("div", { class: "muted" }, meta.source || "unknown outlet", " · ",
        meta.published ? `published ${meta.published} (${meta.published_basis})` : "publication date unknown",
        meta.author ? ` · ${meta.author}` : "", safeUrl(meta.url) ? [" · ", el("a", { href: safeUrl(meta.url), rel: "noopener noreferrer" }, "original ↗")] : null),
      el("div", { class: "small muted" }, `id ${doc.id}`, doc.pipeline ? ` · ${doc.pipeline.model}, ${doc.pipeline.ontology}, v${doc.pipeline.version}` : "")),
    el("div", { class: "doc-layout" },
      el("div", { class: "card" }, layers, el("hr", { style: "border:0;border-top:1px solid var(--line)" }), article),
      side));
  draw();
  if (selected) detail.replaceChildren(describe(doc, selected) || "");
  document.body.dataset.ready = "1";
}

main();
