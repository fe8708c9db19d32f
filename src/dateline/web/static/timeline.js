// Timeline: each event is a bar over the dates it really covers. A day-level
// date is one day wide, a month-level date spans its month, a range its range;
// events without a readable date are listed, never placed at a guessed date.
"use strict";

const DAY = 86400000;

function timeTicks(t0, t1) {
  const span = (t1 - t0) / DAY, ticks = [];
  if (span <= 110) {
    const step = span <= 21 ? 2 : 7;
    for (let t = t0; t <= t1; t += step * DAY) {
      const d = new Date(t);
      ticks.push([t, `${d.getUTCDate()} ${MONTHS[d.getUTCMonth()]}`]);
    }
  } else if (span <= 3 * 366) {
    const every = span <= 400 ? 1 : 3;
    const d = new Date(t0);
    let y = d.getUTCFullYear(), m = d.getUTCMonth() + 1;
    for (; ; m += every) {
      const t = Date.UTC(y, m, 1);
      if (t > t1) break;
      const dd = new Date(t);
      ticks.push([t, `${MONTHS[dd.getUTCMonth()]} ${dd.getUTCFullYear()}`]);
    }
  } else {
    for (let y = new Date(t0).getUTCFullYear() + 1; Date.UTC(y, 0, 1) <= t1; y++) ticks.push([Date.UTC(y, 0, 1), `${y}`]);
  }
  return ticks;
}

// The busy middle of the dates: the 5th to 95th percentile, when outliers
// would otherwise squeeze everything else into a corner.
function coreSpan(dated) {
  const n = dated.length, starts = dated.map((d) => d.s).sort((a, b) => a - b), ends = dated.map((d) => d.e).sort((a, b) => a - b);
  const full = [starts[0], ends[n - 1]];
  if (n < 5) return null;
  const core = [starts[Math.floor(n * 0.05)], ends[Math.ceil(n * 0.95) - 1]];
  const width = Math.max(core[1] - core[0], 14 * DAY);
  return full[1] - full[0] > 2.5 * width ? core : null;
}

function drawTimeline(box, events, notes, showAll) {
  const dated = [], undated = [];
  for (const r of events) {
    const s = parseDay(r.when && r.when.start), e = parseDay(r.when && r.when.end);
    if (s === null) undated.push(r); else dated.push({ r, s, e: (e === null ? s : e) + DAY });
  }
  notes.replaceChildren();
  if (undated.length) {
    notes.append(`${undated.length} event(s) without a readable date are not drawn: `,
      ...undated.map((r, i) => [i ? ", " : "", el("a", { href: `/events/${encodeURIComponent(r.id)}` }, r.type)]).flat());
  }
  if (!dated.length) {
    box.replaceChildren(el("p", { class: "muted" }, "No dated events to draw."));
    return;
  }
  const width = Math.max(box.clientWidth || 900, 300), M = { l: 12, r: 12, t: 26 };
  let t0 = Math.min(...dated.map((d) => d.s)), t1 = Math.max(...dated.map((d) => d.e));
  const core = coreSpan(dated);
  let shown = dated;
  if (core) {
    const outside = dated.filter((d) => d.e <= core[0] || d.s >= core[1]);
    if (!showAll) {
      [t0, t1] = core;
      shown = dated.filter((d) => !(d.e <= core[0] || d.s >= core[1]));
    }
    notes.append(el("div", {}, showAll ? `Showing every date. ` : `${outside.length} event(s) dated far from the rest are outside this view. `,
      el("a", { href: "#", id: "tl-range", onclick: (e) => { e.preventDefault(); drawTimeline(box, events, notes, !showAll); } },
        showAll ? "Focus on the busy period" : "Show all dates")));
  }
  if (t1 - t0 < 14 * DAY) { const mid = (t0 + t1) / 2; t0 = mid - 7 * DAY; t1 = mid + 7 * DAY; }
  const pad = (t1 - t0) * 0.04; t0 -= pad; t1 += pad;
  const x = (t) => M.l + (t - t0) / (t1 - t0) * (width - M.l - M.r);

  const compact = shown.length > 60;  // many events: thin bars without labels (hover for details)
  const ROW = compact ? 9 : 22, BAR = compact ? 7 : 13;
  shown.sort((a, b) => a.s - b.s || a.e - b.e || a.r.id.localeCompare(b.r.id));
  const laneEnds = [];
  const items = shown.map((d) => {
    const x0 = x(Math.max(d.s, t0)), x1 = Math.max(x(Math.min(d.e, t1)), x0 + 6);
    const who = (d.r.actors || []).map((a) => a.name).join(", ");
    let label = compact ? "" : `${d.r.type}${who ? " · " + who : ""}`;
    if (label.length > 48) label = label.slice(0, 47) + "…";
    const lw = compact ? 2 : label.length * 6.3 + 8;
    const right = x1 + lw < width - M.r;
    const a0 = right ? x0 : x0 - lw, a1 = right ? x1 + lw : x1;
    let lane = laneEnds.findIndex((end) => end < a0 - 4);
    if (lane < 0) { lane = laneEnds.length; laneEnds.push(0); }
    laneEnds[lane] = a1;
    return { ...d, x0, x1, label, right, lane };
  });
  const height = M.t + laneEnds.length * ROW + 8;
  const root = svg("svg", { viewBox: `0 0 ${width} ${height}`, height, role: "group",
    "aria-label": "each event on its own line over time; Tab to an event and press Enter to open it" }, svgDefs());
  const axis = svg("g", { class: "axis" });
  for (const [t, label] of timeTicks(t0, t1)) {
    axis.append(svg("line", { x1: x(t), x2: x(t), y1: 18, y2: height }),
      svg("text", { x: x(t) + 3, y: 12, text: label }));
  }
  root.append(axis);
  for (const it of items) {
    const y = M.t + it.lane * ROW;
    const w = it.r.when || {};
    const open = () => { location.href = `/events/${encodeURIComponent(it.r.id)}`; };
    const g = svg("g", { class: "tl-item", "data-id": it.r.id, "data-status": it.r.status,
      "data-granularity": w.granularity || "unknown", "data-width": (it.x1 - it.x0).toFixed(1),
      tabindex: 0, role: "link", "aria-label": `${it.r.type} ${it.r.status}, ${fmtWhen(w)}${names(it.r.actors) ? ", " + names(it.r.actors) : ""}`,
      onclick: open, onkeydown: (e) => { if (e.key === "Enter" || e.key === " ") { e.preventDefault(); open(); } } },
    svg("title", { text: `${fmtWhen(w)} (${w.granularity || "unknown"}-level date, ${BASIS_HELP[w.basis] || w.basis})\n` +
      `${it.r.type}${it.r.mode ? " / " + it.r.mode : ""} — ${it.r.status}\n${names(it.r.actors)}` }),
    ...statusShape(it.r.status, it.x0, y, it.x1 - it.x0, BAR),
    svg("text", { x: it.right ? it.x1 + 5 : it.x0 - 5, y: y + BAR - 3, "text-anchor": it.right ? "start" : "end",
      text: it.label }));
    root.append(g);
  }
  box.replaceChildren(root);
}

// Histogram: matching events counted per day, week, month or year. Drag across
// it (or click a bar, or focus a bar and press Enter) to set the date filter.
function binLabel(b, unit, prev) {
  const y = b.start.slice(0, 4), m = MONTHS[+b.start.slice(5, 7) - 1], d = +b.start.slice(8, 10);
  if (unit === "year") return y;
  if (unit === "month") return !prev || prev.start.slice(0, 4) !== y || m === "Jan" ? `${m} ${y}` : m;
  return !prev || prev.start.slice(0, 4) !== y ? `${d} ${m} ${y}` : `${d} ${m}`;
}

function binName(b, unit) {
  if (unit === "year") return b.start.slice(0, 4);
  if (unit === "month") return `${MONTHS_LONG[+b.start.slice(5, 7) - 1]} ${b.start.slice(0, 4)}`;
  if (unit === "week") return `week of ${fmtDay(b.start)}`;
  return fmtDay(b.start);
}

function drawHistogram(box, hist, params, notes) {
  const bins = hist.bins || [];
  notes.replaceChildren();
  if (hist.undated) notes.append(`${hist.undated} event(s) without a readable date are not counted here. `);
  const spanLink = (label, value) => {
    const u = new URLSearchParams(location.search);
    if (value) u.set("span", value); else u.delete("span");
    return el("a", { href: `?${u}`, id: "h-span" }, label);
  };
  if (hist.outside) {
    const o = hist.outside, n = o.before + o.after;
    notes.append(`${n} event(s) dated far from the rest (${o.first.slice(0, 4)}–${o.last.slice(0, 4)}) are outside this view: `,
      spanLink("show all dates", "all"), ". ");
  } else if (new URLSearchParams(location.search).get("span") === "all") {
    notes.append(spanLink("Focus on the busy period", null), ". ");
  }
  if (params.get("date_from") || params.get("date_to")) {
    notes.append(el("a", { href: "#", id: "h-clear", onclick: (e) => {
      e.preventDefault(); const p = new URLSearchParams(params); p.delete("date_from"); p.delete("date_to"); go(p);
    } }, "Clear the date filter"));
  } else if (bins.length > 1) {
    notes.append("Drag across the bars (or click one) to filter to those dates.");
  }
  if (!bins.length) { box.replaceChildren(el("p", { class: "muted" }, "No dated events to count.")); return; }
  const width = Math.max(box.clientWidth || 900, 280), height = 150, M = { l: 34, r: 8, t: 10, b: 30 };
  const iw = width - M.l - M.r, ih = height - M.t - M.b, bw = iw / bins.length;
  const max = Math.max(1, ...bins.map((b) => b.count));
  const y = (n) => M.t + ih - (n / max) * ih;
  const root = svg("svg", { viewBox: `0 0 ${width} ${height}`, height, role: "group", class: "hist",
    "aria-label": `events per ${hist.bin}: drag across to filter dates, or Tab to a bar and press Enter` });
  const axis = svg("g", { class: "axis" });
  for (const n of [0, Math.round(max / 2), max].filter((v, i, a) => a.indexOf(v) === i)) {
    axis.append(svg("line", { x1: M.l, x2: width - M.r, y1: y(n), y2: y(n) }),
      svg("text", { x: M.l - 4, y: y(n) + 4, "text-anchor": "end", text: fmtNum(n) }));
  }
  // a label every `step` bins, so that labels never overlap (about 7 px a character)
  const longest = Math.max(...bins.map((b, i) => binLabel(b, hist.bin, bins[i - 1]).length));
  const step = Math.max(1, Math.ceil((longest * 6.5 + 10) / bw));
  bins.forEach((b, i) => {
    if (i % step) return;
    const x = M.l + i * bw;
    axis.append(svg("line", { x1: x, x2: x, y1: M.t + ih, y2: M.t + ih + 4 }),
      svg("text", { x, y: height - 10, text: binLabel(b, hist.bin, i >= step ? bins[i - step] : null) }));
  });
  root.append(axis);
  const choose = (i0, i1) => {
    const [a, b] = [Math.min(i0, i1), Math.max(i0, i1)];
    const p = new URLSearchParams(params);
    p.set("date_from", bins[a].start); p.set("date_to", bins[b].end);
    p.delete("offset");
    go(p);
  };
  bins.forEach((b, i) => {
    const h = Math.max(b.count ? 1.5 : 0, M.t + ih - y(b.count));
    const label = `${binName(b, hist.bin)}: ${b.count} event${b.count === 1 ? "" : "s"}`;
    root.append(svg("g", { class: "bar", "data-start": b.start, "data-end": b.end, "data-count": b.count,
      tabindex: b.count ? 0 : null, role: b.count ? "button" : null, "aria-label": b.count ? label : null,
      onkeydown: (e) => { if (e.key === "Enter" || e.key === " ") { e.preventDefault(); choose(i, i); } } },
    svg("title", { text: label }),
    svg("rect", { class: "hit", x: M.l + i * bw, y: M.t, width: bw, height: ih }),
    svg("rect", { class: "fill", x: M.l + i * bw + (bw > 4 ? 1 : 0), y: M.t + ih - h, width: Math.max(bw - (bw > 4 ? 2 : 0), 0.8), height: h })));
  });
  const brush = svg("rect", { class: "brush", x: 0, y: M.t, width: 0, height: ih });
  root.append(brush);
  const binAt = (evt) => {
    const r = root.getBoundingClientRect();
    const x = (evt.clientX - r.left) * (width / r.width);
    return Math.max(0, Math.min(bins.length - 1, Math.floor((x - M.l) / bw)));
  };
  let start = null;
  root.addEventListener("pointerdown", (e) => {
    start = binAt(e); root.setPointerCapture(e.pointerId);
    brush.setAttribute("x", M.l + start * bw); brush.setAttribute("width", bw);
  });
  root.addEventListener("pointermove", (e) => {
    if (start === null) return;
    const i = binAt(e), a = Math.min(start, i), b = Math.max(start, i);
    brush.setAttribute("x", M.l + a * bw); brush.setAttribute("width", (b - a + 1) * bw);
  });
  root.addEventListener("pointerup", (e) => { if (start === null) return; const i = binAt(e), s = start; start = null; choose(s, i); });
  box.replaceChildren(root);
}
