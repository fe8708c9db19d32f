// Map: country outlines from the shipped Natural Earth 1:110m TopoJSON
// (/static/countries-110m.json, no tiles, works offline), equirectangular.
// Countries are shaded by the number of matching events placed in them and
// click to filter; events with coordinates are markers, clustered at the
// current zoom. Zoom (wheel, +/−, keys) and pan (drag, arrows) change the
// SVG viewBox only, and the view is kept in the URL (?map=lon,lat,zoom).
"use strict";

let WORLD = null;
const SHADES = ["#fbe3c8", "#f5c08a", "#e8964f", "#c96a28", "#93460f"];  // light to dark, by count
const W = 1000, H = 410;  // the drawing's own units: lon -180..180, lat -60..85 (tiles of land stop there)
const LAT0 = -60, LAT1 = 85;
const px = (lon) => (lon + 180) / 360 * W;
const py = (lat) => (LAT1 - lat) / (LAT1 - LAT0) * H;

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

function pathOf(c) {
  let d = "";
  for (const poly of c.polys) for (const ring of poly) {
    let prev = null;
    ring.forEach(([lon, lat], i) => {
      const jump = prev !== null && Math.abs(lon - prev) > 180;
      d += `${i === 0 || jump ? "M" : "L"}${px(lon).toFixed(1)},${py(Math.max(LAT0, lat)).toFixed(1)}`;
      prev = lon;
    });
    d += "Z";
  }
  return d;
}

function shadeOf(n, max) {
  if (!n) return null;
  const k = max <= 1 ? 0 : Math.min(SHADES.length - 1, Math.floor(Math.log(n) / Math.log(max + 1) * SHADES.length));
  return SHADES[k];
}

function readView() {
  const v = (new URLSearchParams(location.search).get("map") || "").split(",").map(Number);
  if (v.length !== 3 || v.some((x) => !isFinite(x))) return null;
  return { lon: Math.max(-180, Math.min(180, v[0])), lat: Math.max(LAT0, Math.min(LAT1, v[1])), z: Math.max(1, Math.min(64, v[2])) };
}

function fitView(points) {
  if (!points.length) return { lon: 10, lat: 12.5, z: 1 };
  const lons = points.map((p) => p.lon), lats = points.map((p) => p.lat);
  const lon0 = Math.min(...lons), lon1 = Math.max(...lons), lat0 = Math.min(...lats), lat1 = Math.max(...lats);
  const spanX = Math.max(px(lon1) - px(lon0), 40) * 1.5, spanY = Math.max(py(lat0) - py(lat1), 30) * 1.5;
  const z = Math.max(1, Math.min(6, Math.min(W / spanX, H / spanY)));  // never closer than a region
  return { lon: (lon0 + lon1) / 2, lat: (lat0 + lat1) / 2, z: Math.round(z * 10) / 10 };
}

async function drawMap(box, data, countries, notes, params) {
  const world = await loadWorld();
  const alpha3 = {};
  for (const [code, c] of Object.entries(countries || {})) if (c.numeric) alpha3[c.numeric] = code;
  const counts = data.countries || {};
  const max = Math.max(0, ...Object.values(counts));
  const chosen = new Set(multi(params, "country"));
  const points = data.points || [];
  const home = fitView(points);
  let view = readView() || home;

  const root = svg("svg", { role: "group", class: "worldmap",
    "aria-label": "map of the matching events: drag to pan, wheel or +/− to zoom; countries are shaded by events; " +
      "Tab to a shaded country and press Enter to filter to it" }, svgDefs(), svg("rect", { class: "sea", x: -W, y: -H, width: 3 * W, height: 3 * H }));
  const grat = [];
  for (let lon = -180; lon <= 180; lon += 30) grat.push(`M${px(lon)},0V${H}`);
  for (let lat = -60; lat <= 80; lat += 20) grat.push(`M0,${py(lat)}H${W}`);
  root.append(svg("path", { class: "grat", d: grat.join("") }));
  const land = svg("g", {});
  for (const c of world) {
    const iso = alpha3[c.id] || null, n = iso ? counts[iso] || 0 : 0;
    const name = (iso && (countries[iso] || {}).name) || c.name || "?";
    const p = svg("path", { class: `land${n ? " shaded" : ""}${iso && chosen.has(iso) ? " chosen" : ""}`, d: pathOf(c),
      "data-country": c.id, "data-iso": iso, "data-count": n,
      tabindex: n && iso ? 0 : null, role: n && iso ? "button" : null,
      "aria-label": n && iso ? `${name}: ${n} event${n === 1 ? "" : "s"} placed here; press Enter to filter to ${name}` : null },
    svg("title", { text: `${name}${n ? `: ${n} event${n === 1 ? "" : "s"} placed here — click to filter` : ""}` }));
    if (n) p.style.fill = shadeOf(n, max);  // CSSOM (the CSS rule for .land would beat a fill attribute)
    if (iso) {
      p.addEventListener("keydown", (e) => { if (e.key === "Enter" || e.key === " ") { e.preventDefault(); filterTo(iso); } });
    }
    land.append(p);
  }
  root.append(land);
  const markers = svg("g", { class: "markers" });
  root.append(markers);

  function filterTo(iso) {
    const p = new URLSearchParams(params);
    p.delete("country"); p.set("country", iso); p.delete("offset");
    go(p);
  }

  function apply() {
    const vw = W / view.z, vh = H / view.z;
    root.setAttribute("viewBox", `${(px(view.lon) - vw / 2).toFixed(2)} ${(py(view.lat) - vh / 2).toFixed(2)} ${vw.toFixed(2)} ${vh.toFixed(2)}`);
    const u = new URL(location.href);
    u.searchParams.set("map", `${view.lon.toFixed(2)},${view.lat.toFixed(2)},${view.z}`);
    history.replaceState(null, "", u);
    drawMarkers();
  }

  // Markers within 16 screen pixels of each other form one cluster (its count shown).
  function drawMarkers() {
    const R = 16 / (box.clientWidth / W) / view.z, r = 6 / (box.clientWidth / W) / view.z;
    const groups = [];
    for (const p of points) {
      const x = px(p.lon), y = py(p.lat);
      const g = groups.find((g) => Math.abs(g.x - x) < R && Math.abs(g.y - y) < R);
      if (g) g.list.push(p); else groups.push({ x, y, list: [p] });
    }
    markers.replaceChildren(...groups.map(({ x, y, list }) => {
      const one = list.length === 1 ? list[0] : null;
      const places = [...new Set(list.map((p) => p.place || "?"))];
      const label = one ? `${one.type}, ${one.status}, ${one.place || ""} ${one.date ? fmtDay(one.date) : ""}`
        : `${list.length} events at ${places.slice(0, 3).join(", ")}${places.length > 3 ? "…" : ""}: press Enter to zoom in`;
      const act = () => {
        if (one) { location.href = `/events/${encodeURIComponent(one.id)}`; return; }
        view = { lon: list.reduce((s, p) => s + p.lon, 0) / list.length, lat: list.reduce((s, p) => s + p.lat, 0) / list.length,
          z: Math.min(64, view.z * 3) };
        apply();
      };
      const g = svg("g", { class: one ? "pt" : "pt cluster", "data-id": one ? one.id : null,
        "data-ids": list.map((p) => p.id).join(" "), "data-status": one ? one.status : null,
        tabindex: 0, role: one ? "link" : "button", "aria-label": label,
        onclick: (e) => { e.stopPropagation(); act(); },
        onkeydown: (e) => { if (e.key === "Enter" || e.key === " ") { e.preventDefault(); act(); } } },
      svg("title", { text: label }));
      if (one) g.append(...marker(one.status, x, y, r));
      else {
        const rr = r * (1.2 + Math.min(1.6, Math.log10(list.length)));
        g.append(svg("circle", { cx: x, cy: y, r: rr, class: "cl" }),
          svg("text", { x, y: y + rr * 0.38, "text-anchor": "middle", "font-size": rr * 1.05, text: `${list.length}` }));
      }
      return g;
    }));
  }

  // pan by dragging, zoom by wheel; a click without a drag on a country filters to it
  let drag = null;
  const scale = () => (W / view.z) / root.getBoundingClientRect().width;
  root.addEventListener("pointerdown", (e) => {
    if (e.target.closest(".pt")) return;
    drag = { x: e.clientX, y: e.clientY, lon: view.lon, lat: view.lat, moved: false };
  });
  root.addEventListener("pointermove", (e) => {
    if (!drag) return;
    const dx = e.clientX - drag.x, dy = e.clientY - drag.y;
    if (!drag.moved && Math.hypot(dx, dy) < 4) return;
    if (!drag.moved) { drag.moved = true; root.setPointerCapture(e.pointerId); }
    const s = scale();
    view = { ...view, lon: drag.lon - dx * s * 360 / W, lat: drag.lat + dy * s * (LAT1 - LAT0) / H };
    apply();
  });
  root.addEventListener("pointerup", (e) => {
    const d = drag; drag = null;
    if (!d || d.moved) return;
    const path = e.target.closest && e.target.closest("path.land");
    if (path && path.dataset.iso) filterTo(path.dataset.iso);
  });
  root.addEventListener("wheel", (e) => {
    e.preventDefault();
    zoom(e.deltaY < 0 ? 1.5 : 1 / 1.5);
  }, { passive: false });
  box.tabIndex = -1;
  box.addEventListener("keydown", (e) => {
    if (e.target.closest && e.target.closest(".pt, path.land[role]") && (e.key === "Enter" || e.key === " ")) return;
    const step = 60 / view.z;
    const moves = { ArrowLeft: [-step, 0], ArrowRight: [step, 0], ArrowUp: [0, step / 2], ArrowDown: [0, -step / 2] };
    if (moves[e.key]) { e.preventDefault(); view = { ...view, lon: view.lon + moves[e.key][0], lat: view.lat + moves[e.key][1] }; apply(); }
    if (e.key === "+" || e.key === "=") zoom(2);
    if (e.key === "-") zoom(0.5);
  });
  function zoom(f) { view = { ...view, z: Math.max(1, Math.min(64, Math.round(view.z * f * 100) / 100)) }; apply(); }

  box.replaceChildren(root);
  apply();
  const parts = [];
  const inCountries = Object.keys(counts).length;
  if (inCountries) parts.push(`Countries are shaded by the number of events placed in them (darkest: ${max}); click one to filter to it.`);
  if (data.country_only) parts.push(`${data.country_only} event(s) are placed only to a country: shaded, not pinned.`);
  if (data.unplaced) parts.push(`${data.unplaced} event(s) have no place and are not on the map.`);
  if (data.located > points.length) parts.push(`The newest ${points.length} of ${data.located} located events are drawn.`);
  parts.push("Outlines: Natural Earth 1:110m (public domain), shipped with Dateline.");
  notes.textContent = parts.join(" ");
  return { located: data.located, reset: () => { view = home; apply(); }, zoom };
}

// A round marker in the status's visual language (solid, striped, dashed, dotted, crossed).
function marker(status, cx, cy, r) {
  const c = COLORS[status] || COLORS.happened, sw = r / 3;
  const base = { cx, cy, r, "stroke-width": sw, stroke: c };
  if (status === "happened") return [svg("circle", { ...base, fill: c, stroke: "#fff", "stroke-width": sw * 0.8 })];
  if (status === "ongoing") return [svg("circle", { ...base, fill: "url(#stripes)" })];
  if (status === "planned") return [svg("circle", { ...base, fill: "#fff", "stroke-dasharray": `${r / 2} ${r / 3}` })];
  if (status === "hypothetical") return [svg("circle", { ...base, fill: "#fff", "stroke-dasharray": `${r / 6} ${r / 3}` })];
  return [svg("circle", { ...base, fill: "#fff" }),
    svg("line", { x1: cx - r, y1: cy + r, x2: cx + r, y2: cy - r, stroke: c, "stroke-width": sw })];
}
