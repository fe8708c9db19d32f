// Map: country outlines from the shipped Natural Earth 1:110m TopoJSON
// (/static/countries-110m.json), equirectangular projection, one marker per
// event that has coordinates. Events placed only to a country shade that
// country instead: a centroid would be a guessed location.
"use strict";

let WORLD = null;

async function loadWorld() {
  if (WORLD) return WORLD;
  const topo = await api("/static/countries-110m.json");
  const [sx, sy] = topo.transform.scale, [tx, ty] = topo.transform.translate;
  const arcs = topo.arcs.map((arc) => {
    let a = 0, b = 0;
    return arc.map(([dx, dy]) => { a += dx; b += dy; return [a * sx + tx, b * sy + ty]; });
  });
  const ring = (idx) => {
    const pts = [];
    idx.forEach((i, k) => {
      const arc = i < 0 ? arcs[~i].slice().reverse() : arcs[i];
      pts.push(...(k ? arc.slice(1) : arc));
    });
    return pts;
  };
  WORLD = topo.objects.countries.geometries.map((g) => {
    const polys = g.type === "Polygon" ? [g.arcs] : g.type === "MultiPolygon" ? g.arcs : [];
    return { id: g.id, name: (g.properties || {}).name, polys: polys.map((p) => p.map(ring)) };
  });
  return WORLD;
}

function fitView(points, width) {
  if (!points.length) return { lon0: -180, lon1: 180, lat0: -60, lat1: 85 };
  let lon0 = Math.min(...points.map((p) => p.lon)) - 14, lon1 = Math.max(...points.map((p) => p.lon)) + 14;
  let lat0 = Math.min(...points.map((p) => p.lat)) - 10, lat1 = Math.max(...points.map((p) => p.lat)) + 10;
  if (lon1 - lon0 < 60) { const c = (lon0 + lon1) / 2; lon0 = c - 30; lon1 = c + 30; }
  // keep the drawing between 0.35 and 0.6 of the width tall, widening the smaller span
  const want = (lon1 - lon0) * 0.5;
  if (lat1 - lat0 < want * 0.7) { const c = (lat0 + lat1) / 2; lat0 = c - want * 0.35; lat1 = c + want * 0.35; }
  if (lat1 - lat0 > (lon1 - lon0) * 0.6) { const c = (lon0 + lon1) / 2, h = (lat1 - lat0) / 1.2; lon0 = c - h; lon1 = c + h; }
  return { lon0: Math.max(-180, lon0), lon1: Math.min(180, lon1), lat0: Math.max(-85, lat0), lat1: Math.min(85, lat1) };
}

async function drawMap(box, events, countries, notes) {
  const world = await loadWorld();
  const numericOf = (a3) => (countries[a3] || {}).numeric;
  const located = [], countryOnly = [], nowhere = [];
  for (const r of events) {
    const loc = r.location || {};
    if (typeof loc.lat === "number" && typeof loc.lon === "number") located.push({ r, lat: loc.lat, lon: loc.lon });
    else if (loc.country) countryOnly.push(r);
    else nowhere.push(r);
  }
  const shaded = new Set(countryOnly.map((r) => numericOf(r.location.country)).filter(Boolean));
  const involved = new Set(events.flatMap((r) => [(r.location || {}).country,
    ...(r.actors || []).map((a) => a.country), ...(r.recipients || []).map((a) => a.country)])
    .map(numericOf).filter(Boolean));
  let worldView = !located.length;

  function render() {
    const width = Math.max(box.clientWidth || 900, 500);
    const v = worldView ? { lon0: -180, lon1: 180, lat0: -60, lat1: 85 } : fitView(located, width);
    const height = Math.round(width * (v.lat1 - v.lat0) / (v.lon1 - v.lon0));
    const px = (lon) => (lon - v.lon0) / (v.lon1 - v.lon0) * width;
    const py = (lat) => (v.lat1 - lat) / (v.lat1 - v.lat0) * height;
    const root = svg("svg", { viewBox: `0 0 ${width} ${height}`, height, role: "img",
      "aria-label": "map of located events" }, svgDefs(), svg("rect", { class: "sea", width, height }));
    const grat = [];
    for (let lon = -180; lon <= 180; lon += 10) grat.push(`M${px(lon)},0V${height}`);
    for (let lat = -80; lat <= 80; lat += 10) grat.push(`M0,${py(lat)}H${width}`);
    root.append(svg("path", { class: "grat", d: grat.join("") }));
    const labels = [];
    for (const c of world) {
      let d = "", best = null, bestLen = 0;
      for (const poly of c.polys) for (const ring of poly) {
        let prev = null;
        ring.forEach(([lon, lat], i) => {
          const jump = prev !== null && Math.abs(lon - prev) > 180;
          d += `${i === 0 || jump ? "M" : "L"}${px(lon).toFixed(1)},${py(lat).toFixed(1)}`;
          prev = lon;
        });
        d += "Z";
        if (ring.length > bestLen) { bestLen = ring.length; best = ring; }
      }
      const cls = `land${shaded.has(c.id) ? " mentioned" : ""}`;
      root.append(svg("path", { class: cls, d, "data-country": c.id }, svg("title", { text: c.name })));
      if (involved.has(c.id) && best) {
        const lon = best.reduce((s, p) => s + p[0], 0) / best.length, lat = best.reduce((s, p) => s + p[1], 0) / best.length;
        if (lon > v.lon0 && lon < v.lon1 && lat > v.lat0 && lat < v.lat1) labels.push([px(lon), py(lat), c.name]);
      }
    }
    for (const [x, y, name] of labels) root.append(svg("text", { class: "clabel", x, y, text: name }));
    // Markers closer than 12 px share one label ("White House +2") and sit side by side.
    const groups = [];
    for (const p of located) {
      const x = px(p.lon), y = py(p.lat);
      const g = groups.find((g) => Math.hypot(g.x - x, g.y - y) < 12);
      if (g) g.list.push(p); else groups.push({ x, y, list: [p] });
    }
    for (const { x, y, list } of groups) {
      // one marker per status present at this place, so a busy place stays readable and status visible
      const byStatus = STATUSES.map((st) => list.filter((p) => p.r.status === st)).filter((l) => l.length);
      byStatus.forEach((same, i) => {
        const cx = x + i * 16 - (byStatus.length - 1) * 8, st = same[0].r.status;
        const one = same.length === 1 ? same[0].r : null;
        const place = same[0].r.location.name || "";
        const href = one ? `/events/${encodeURIComponent(one.id)}`
          : `/?${new URLSearchParams({ place, status: st })}`;
        root.append(svg("g", { class: "pt", "data-id": one ? one.id : null, "data-ids": same.map((p) => p.r.id).join(" "),
          "data-status": st, onclick: () => { location.href = href; } },
        svg("title", { text: one ? `${one.type} — ${st}\n${fmtWhen(one.when)}\n${place}`
          : `${same.length} ${st} events at ${place}: click to list them` }),
        ...marker(st, cx, y),
        same.length > 1 ? svg("text", { x: cx, y: y - 8, "text-anchor": "middle", class: "count", text: `${same.length}` }) : null));
      });
      const places = [...new Set(list.map((p) => p.r.location.name || ""))];
      const name = places[0] + (places.length > 1 ? ` +${places.length - 1}` : "");
      root.append(svg("g", { class: "pt" }, svg("text", { x: x + byStatus.length * 8 + 6, y: y + 4, text: name })));
    }
    box.replaceChildren(root);
  }

  render();
  const parts = [];
  if (countryOnly.length) parts.push(`${countryOnly.length} event(s) are placed only to a country: the country is shaded, not pinned.`);
  if (nowhere.length) parts.push(`${nowhere.length} event(s) have no place and are not on the map.`);
  parts.push("Outlines: Natural Earth 1:110m (public domain), shipped with Dateline.");
  notes.textContent = parts.join(" ");
  return { located: located.length, toggle: () => { worldView = !worldView; render(); return worldView; } };
}

// A round marker in the status's visual language (solid, striped, dashed, dotted, crossed).
function marker(status, cx, cy) {
  const c = COLORS[status] || COLORS.happened, r = 5.5;
  const base = { cx, cy, r, "stroke-width": 2, stroke: c };
  if (status === "happened") return [svg("circle", { ...base, fill: c, stroke: "#fff", "stroke-width": 1.5 })];
  if (status === "ongoing") return [svg("circle", { ...base, fill: "url(#stripes)" })];
  if (status === "planned") return [svg("circle", { ...base, fill: "#fff", "stroke-dasharray": "3 2" })];
  if (status === "hypothetical") return [svg("circle", { ...base, fill: "#fff", "stroke-dasharray": "1 2" })];
  return [svg("circle", { ...base, fill: "#fff" }),
    svg("line", { x1: cx - r, y1: cy + r, x2: cx + r, y2: cy - r, stroke: c, "stroke-width": 2 })];
}
