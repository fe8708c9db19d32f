// Shared helpers for every page: DOM building, API calls, dates and status.
"use strict";

const STATUSES = ["happened", "ongoing", "planned", "hypothetical", "negated"];
const STATUS_HELP = {
  happened: "reported as having happened",
  ongoing: "reported as under way",
  planned: "announced or scheduled, not (yet) reported as happened",
  hypothetical: "conditional or speculative (\"if…\", \"could\")",
  negated: "reported as not having happened, or denied",
};
const COLORS = { happened: "#2457c5", ongoing: "#c46a00", planned: "#7b3fb8", hypothetical: "#6b7280",
  negated: "#b42318" };
const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
const MONTHS_LONG = ["January", "February", "March", "April", "May", "June", "July", "August", "September",
  "October", "November", "December"];

function el(tag, attrs, ...kids) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v === null || v === undefined || v === false) continue;
    if (k === "class") node.className = v;
    else if (k === "style") node.style.cssText = v;  // CSSOM: allowed by the CSP, a style attribute is not
    else if (k === "text") node.textContent = v;
    else if (k.startsWith("on")) node.addEventListener(k.slice(2), v);
    else node.setAttribute(k, v);
  }
  for (const kid of kids.flat()) {
    if (kid === null || kid === undefined || kid === false) continue;
    node.append(kid instanceof Node ? kid : document.createTextNode(String(kid)));
  }
  return node;
}

const SVGNS = "http://www.w3.org/2000/svg";
function svg(tag, attrs, ...kids) {
  const node = document.createElementNS(SVGNS, tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v === null || v === undefined) continue;
    if (k === "text") node.textContent = v;
    else if (k.startsWith("on")) node.addEventListener(k.slice(2), v);
    else node.setAttribute(k, v);
  }
  for (const kid of kids.flat()) if (kid) node.append(kid);
  return node;
}

async function api(path) {
  const res = await fetch(path, { headers: { Accept: "application/json" } });
  let body = null;
  try { body = await res.json(); } catch (e) { /* not JSON */ }
  if (!res.ok) throw new Error((body && body.detail) || `${res.status} ${res.statusText}`);
  return body;
}

// Only http(s) links are ever built from stored data: a `javascript:` URL
// would run in the page when clicked.
function safeUrl(u) {
  if (typeof u !== "string") return null;
  try {
    const url = new URL(u.trim());
    return url.protocol === "http:" || url.protocol === "https:" ? url.href : null;
  } catch (e) { return null; }
}

function showError(container, err) {
  container.replaceChildren(el("div", { class: "error", role: "alert" }, String(err.message || err)));
}

function statusBadge(status) {
  const s = status || "happened";
  return el("span", { class: `status ${s}`, title: STATUS_HELP[s] || s, "data-status": s }, s);
}

function parseDay(s) {
  // "2025-03-11" -> UTC ms; null when unreadable
  if (!s || !/^\d{4}-\d{2}-\d{2}/.test(s)) return null;
  const t = Date.UTC(+s.slice(0, 4), +s.slice(5, 7) - 1, +s.slice(8, 10));
  return isNaN(t) ? null : t;
}

function fmtDay(s) {
  if (!s) return "?";
  return `${+s.slice(8, 10)} ${MONTHS[+s.slice(5, 7) - 1]} ${s.slice(0, 4)}`;
}

// The event's date at the granularity it was read: a month-level date is a month.
function fmtWhen(w) {
  if (!w || (!w.start && !w.value)) return "date unknown";
  const g = w.granularity || "unknown";
  if (g === "day" && w.start) return fmtDay(w.start);
  if (g === "month" && w.start) return `${MONTHS_LONG[+w.start.slice(5, 7) - 1]} ${w.start.slice(0, 4)}`;
  if (g === "year" && w.start) return w.start.slice(0, 4);
  if (g === "quarter" && w.start) return `Q${Math.floor((+w.start.slice(5, 7) - 1) / 3) + 1} ${w.start.slice(0, 4)}`;
  if (g === "week" && w.start) return `week of ${fmtDay(w.start)}`;
  if (w.start && w.end) return w.start === w.end ? fmtDay(w.start) : `${fmtDay(w.start)} – ${fmtDay(w.end)}`;
  return w.value || "date unknown";
}

const BASIS_HELP = { explicit: "a date in the text", inferred: "inferred from the text",
  published: "publication date only (no date read)" };

function whenNode(w) {
  const g = (w && w.granularity) || "unknown";
  return el("span", { class: "when" }, fmtWhen(w),
    el("span", { class: "gran", title: w ? `basis: ${BASIS_HELP[w.basis] || w.basis}` : "" }, g));
}

// Actor names linking to their overview pages (and countries to theirs).
function overviewLinks(list) {
  if (!(list || []).length) return null;
  return el("span", {}, list.map((a, i) => [i ? ", " : "", el("a", { href: `/actors/${encodeURIComponent(a.name)}` }, a.name),
    a.country ? [" (", el("a", { href: `/countries/${a.country}` }, a.country), ")"] : null]).flat(2));
}

function names(list) {
  return (list || []).map((a) => a.country ? `${a.name} (${a.country})` : a.name).join(", ");
}

function figureText(measure, f) {
  const range = f.min === f.max ? fmtNum(f.min) : `${fmtNum(f.min)}–${fmtNum(f.max)}`;
  return `${measure} ${range}`;
}

function fmtNum(n) {
  return n === null || n === undefined ? "?" : Number(n).toLocaleString("en-US");
}

function header(active, twin) {
  const links = [["/", "Events"], ["/documents", "Documents"], ["/submit", "Submit article"], ["/api", "API"]];
  const nav = el("nav", {}, links.map(([href, label]) =>
    el("a", { href, class: active === href ? "active" : null }, label)));
  const h = el("header", { class: "top" },
    el("a", { class: "brand", href: "/" }, "Dateline", el("span", {}, "evidence-linked event records")), nav,
    twin ? el("a", { class: "twin", href: twin, id: "json-twin", title: "The same data as JSON" }, "{ } JSON") : null);
  document.body.prepend(h);
  return h;
}

function setTwin(href) {
  const a = document.getElementById("json-twin");
  if (a) a.href = href;
}

function legend() {
  return el("div", { class: "legend", "aria-label": "status legend" },
    "Status:", STATUSES.map((s) => el("span", {}, statusSwatch(s), statusBadge(s))));
}

function statusSwatch(s) {
  const g = svg("svg", { width: 22, height: 12 });
  g.append(...statusShape(s, 1, 1, 20, 10));
  return g;
}

// SVG shapes for a bar of status `s`: the same visual language as the badges.
function statusShape(s, x, y, w, h) {
  const c = COLORS[s] || COLORS.happened;
  const base = { x, y, width: Math.max(w, 2), height: h, rx: 2 };
  if (s === "happened") return [svg("rect", { ...base, fill: c, stroke: c })];
  if (s === "ongoing") return [svg("rect", { ...base, fill: "url(#stripes)", stroke: c, "stroke-width": 1.5 })];
  if (s === "planned") return [svg("rect", { ...base, fill: "#fff", stroke: c, "stroke-width": 1.5, "stroke-dasharray": "4 2" })];
  if (s === "hypothetical") return [svg("rect", { ...base, fill: "#fff", stroke: c, "stroke-width": 1.5, "stroke-dasharray": "1.5 2" })];
  return [svg("rect", { ...base, fill: "#fff", stroke: c, "stroke-width": 1.5 }),
    svg("line", { x1: x, y1: y + h, x2: x + Math.max(w, 2), y2: y, stroke: c, "stroke-width": 1.5 })];
}

function svgDefs() {
  return svg("defs", {}, svg("pattern", { id: "stripes", width: 6, height: 6, patternUnits: "userSpaceOnUse",
    patternTransform: "rotate(45)" }, svg("rect", { width: 6, height: 6, fill: "#f3d3a8" }),
    svg("rect", { width: 3, height: 6, fill: COLORS.ongoing })));
}

let tipNode = null;
function tip(evt, html) {
  if (!tipNode) { tipNode = el("div", { class: "tip" }); document.body.append(tipNode); }
  if (!html) { tipNode.style.display = "none"; return; }
  tipNode.textContent = html;
  tipNode.style.display = "block";
  tipNode.style.left = `${evt.clientX + 12}px`;
  tipNode.style.top = `${evt.clientY + 12}px`;
}

// Record offsets count code points (Python str indices); JS strings count
// UTF-16 units. map[i] is the UTF-16 index of code point i.
function codePointMap(text) {
  const map = [];
  let u = 0;
  for (const ch of text) { map.push(u); u += ch.length; }
  map.push(u);
  return map;
}

function eventIdFromPath(prefix) {
  return decodeURIComponent(location.pathname.slice(prefix.length).replace(/\/$/, ""));
}
