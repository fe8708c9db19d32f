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
  const width = Math.max(box.clientWidth || 900, 500), M = { l: 12, r: 12, t: 26 };
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
  const root = svg("svg", { viewBox: `0 0 ${width} ${height}`, height, role: "img" }, svgDefs());
  const axis = svg("g", { class: "axis" });
  for (const [t, label] of timeTicks(t0, t1)) {
    axis.append(svg("line", { x1: x(t), x2: x(t), y1: 18, y2: height }),
      svg("text", { x: x(t) + 3, y: 12, text: label }));
  }
  root.append(axis);
  for (const it of items) {
    const y = M.t + it.lane * ROW;
    const w = it.r.when || {};
    const g = svg("g", { class: "tl-item", "data-id": it.r.id, "data-status": it.r.status,
      "data-granularity": w.granularity || "unknown", "data-width": (it.x1 - it.x0).toFixed(1),
      onclick: () => { location.href = `/events/${encodeURIComponent(it.r.id)}`; } },
    svg("title", { text: `${fmtWhen(w)} (${w.granularity || "unknown"}-level date, ${BASIS_HELP[w.basis] || w.basis})\n` +
      `${it.r.type}${it.r.mode ? " / " + it.r.mode : ""} — ${it.r.status}\n${names(it.r.actors)}` }),
    ...statusShape(it.r.status, it.x0, y, it.x1 - it.x0, BAR),
    svg("text", { x: it.right ? it.x1 + 5 : it.x0 - 5, y: y + BAR - 3, "text-anchor": it.right ? "start" : "end",
      text: it.label }));
    root.append(g);
  }
  box.replaceChildren(root);
}
