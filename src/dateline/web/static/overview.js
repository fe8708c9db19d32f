// Overview of one actor (/actors/NAME) or one country (/countries/ISO3): how
// many events of each type over time, the statuses, the top counterparts and
// the newest events; the JSON twin is /api/actors/NAME or /api/countries/ISO3.
"use strict";

const TYPE_COLORS = ["#2457c5", "#c46a00", "#7b3fb8", "#15803d", "#b42318", "#0e7490", "#a16207", "#be185d",
  "#4d7c0f", "#1e3a8a", "#9a3412", "#6b21a8", "#155e75", "#854d0e", "#831843", "#374151"];

function stackedByMonth(months, types) {
  if (!months.length) return el("p", { class: "muted" }, "No dated events.");
  const color = Object.fromEntries(types.map((t, i) => [t, TYPE_COLORS[i % TYPE_COLORS.length]]));
  // every month from the first to the last, empty ones too
  const all = [];
  let [y, m] = months[0].month.split("-").map(Number);
  const [y1, m1] = months[months.length - 1].month.split("-").map(Number);
  const byMonth = Object.fromEntries(months.map((x) => [x.month, x]));
  while (y < y1 || (y === y1 && m <= m1)) {
    const key = `${y}-${String(m).padStart(2, "0")}`;
    all.push(byMonth[key] || { month: key, counts: {}, total: 0 });
    m += 1; if (m > 12) { m = 1; y += 1; }
    if (all.length > 600) break;
  }
  const width = 640, height = 170, M = { l: 30, r: 6, t: 8, b: 24 };
  const iw = width - M.l - M.r, ih = height - M.t - M.b, bw = Math.min(iw / all.length, 48);
  const max = Math.max(1, ...all.map((x) => x.total));
  const root = svg("svg", { viewBox: `0 0 ${width} ${height}`, class: "stack hist", role: "img",
    "aria-label": `events per month by type, ${all[0].month} to ${all[all.length - 1].month}, at most ${max} in a month` });
  const axis = svg("g", { class: "axis" });
  for (const n of [0, max]) axis.append(svg("text", { x: M.l - 4, y: M.t + ih - n / max * ih + 4, "text-anchor": "end", text: `${n}` }),
    svg("line", { x1: M.l, x2: width - M.r, y1: M.t + ih - n / max * ih, y2: M.t + ih - n / max * ih }));
  const step = Math.max(1, Math.ceil(66 / bw));
  all.forEach((x, i) => {
    if (i % step === 0) axis.append(svg("text", { x: M.l + i * bw, y: height - 6,
      text: `${MONTHS[+x.month.slice(5, 7) - 1]} ${x.month.slice(0, 4)}` }));
    let top = M.t + ih;
    for (const t of types) {
      const n = x.counts[t] || 0;
      if (!n) continue;
      const h = n / max * ih;
      top -= h;
      root.append(svg("rect", { class: "seg", x: M.l + i * bw + 0.5, y: top, width: Math.max(bw - 1, 0.8), height: h, fill: color[t] },
        svg("title", { text: `${x.month}: ${n} ${t}` })));
    }
  });
  root.prepend(axis);
  const key = el("div", { class: "swatches" }, types.map((t) => el("span", {},
    el("span", { class: "swatch", style: `background:${color[t]}` }), t)));
  return el("div", {}, root, key);
}

function countsTable(rows, head) {
  return el("table", { class: "plain" }, el("thead", {}, el("tr", {}, head.map((h) => el("th", { scope: "col" }, h)))),
    el("tbody", {}, rows));
}

async function main() {
  const isActor = location.pathname.startsWith("/actors/");
  const key = eventIdFromPath(isActor ? "/actors/" : "/countries/");
  const apiPath = `/api/${isActor ? "actors" : "countries"}/${encodeURIComponent(key)}`;
  header("/", apiPath);
  const box = document.getElementById("overview");
  let d;
  try { d = await api(apiPath); } catch (e) { showError(box, e); document.body.dataset.ready = "1"; return; }
  const title = isActor ? d.name : `${d.name || d.country} (${d.country})`;
  document.title = `Dateline · ${title}`;
  const filter = new URLSearchParams(isActor ? { q: d.name } : { country: d.country });
  const types = Object.keys(d.by_type);
  const stats = el("div", { class: "stats" },
    el("div", {}, el("b", {}, fmtNum(d.n_events)), "events"),
    isActor ? el("div", {}, el("b", {}, fmtNum(d.as_actor)), "as actor") : el("div", {}, el("b", {}, fmtNum(d.placed_here)), "placed here"),
    isActor ? el("div", {}, el("b", {}, fmtNum(d.as_recipient)), "as recipient") : null,
    ...STATUSES.filter((s) => d.by_status[s]).map((s) => el("div", {}, el("b", {}, fmtNum(d.by_status[s])), statusBadge(s))));
  const who = isActor && d.countries.length ? el("div", { class: "muted" }, "Country: ",
    d.countries.map((c, i) => [i ? ", " : "", el("a", { href: `/countries/${c}` }, c)]).flat()) : null;
  const typeRows = types.map((t) => { const p = new URLSearchParams(filter); p.set("type", t);
    return el("tr", {}, el("td", {}, el("a", { href: `/?${p}` }, t)), el("td", { class: "num" }, fmtNum(d.by_type[t]))); });
  const people = (list) => list.map((c) => el("tr", {},
    el("td", {}, el("a", { href: `/actors/${encodeURIComponent(c.name)}` }, c.name)),
    el("td", {}, c.country ? el("a", { href: `/countries/${c.country}` }, c.country) : ""),
    el("td", { class: "num" }, fmtNum(c.events))));
  const recent = d.recent.map((r) => el("li", {}, el("a", { href: `/events/${encodeURIComponent(r.id)}` }, r.type),
    " ", statusBadge(r.status), " ", el("span", { class: "muted small" }, fmtWhen(r.when),
      r.location && r.location.name ? ` · ${r.location.name}` : "")));
  box.replaceChildren(
    el("div", { class: "card" }, el("h1", {}, title), who, stats,
      el("a", { href: `/?${filter}` }, d.n_events === 1 ? "Show this event on the events page ›"
        : `Show these ${d.n_events} events on the events page ›`)),
    el("div", { class: "ov-grid" },
      el("div", { class: "card" }, el("h2", {}, "Events by type over time"), stackedByMonth(d.by_month, types)),
      el("div", { class: "card" }, el("h2", {}, "By type"), countsTable(typeRows, ["Type", "Events"]))),
    el("div", { class: "ov-grid" },
      el("div", { class: "card" }, el("h2", {}, isActor ? "Top counterparts" : "Top actors from here"),
        (isActor ? d.top_counterparts : d.top_actors).length
          ? countsTable(people(isActor ? d.top_counterparts : d.top_actors), ["Name", "Country", "Events"])
          : el("p", { class: "muted" }, "None named.")),
      !isActor ? el("div", { class: "card" }, el("h2", {}, "Top counterparts (from elsewhere)"),
        d.top_counterparts.length ? countsTable(people(d.top_counterparts), ["Name", "Country", "Events"])
          : el("p", { class: "muted" }, "None named.")) : null,
      el("div", { class: "card" }, el("h2", {}, "Newest events"), el("ul", { class: "plainlist" }, recent))));
  document.body.dataset.ready = "1";
}

main();
