// The event page: the merged record, its figures side by side across reports,
// and every report with its evidence sentence highlighted in the article.
"use strict";

function evidenceNodes(text, sentence, triggers, from, to) {
  // Article text [from, to) with the sentence marked and each trigger in it underlined (code-point offsets).
  const m = codePointMap(text), cut = (a, b) => text.slice(m[a], m[b]);
  const s0 = sentence.start, s1 = sentence.end;
  const inside = triggers.filter((t) => t && t.start >= s0 && t.end <= s1).sort((a, b) => a.start - b.start)
    .filter((t, i, all) => i === 0 || t.start >= all[i - 1].end);
  const inner = [];
  let at = s0;
  for (const t of inside) {
    inner.push(cut(at, t.start), el("span", { class: "trigger", title: "trigger" }, cut(t.start, t.end)));
    at = t.end;
  }
  inner.push(cut(at, s1));
  return [cut(from, s0), el("mark", { class: "evidence", title: "evidence sentence" }, ...inner), cut(s1, to)];
}

// One block per sentence: reports of one document that share a sentence
// (one incident read through several triggers) are shown once.
function groupReports(reports) {
  const groups = [];
  const byKey = new Map();
  for (const rep of reports) {
    const key = `${rep.document}|${rep.sentence.start}|${rep.sentence.end}`;
    if (byKey.has(key)) { byKey.get(key).triggers.push(rep.trigger); byKey.get(key).events.push(rep.event); continue; }
    const g = { rep, triggers: [rep.trigger], events: [rep.event] };
    byKey.set(key, g);
    groups.push(g);
  }
  return groups;
}

function reportNode(group) {
  const rep = group.rep, meta = rep.meta || {};
  const ctx = rep.context || rep.sentence;
  const n = Array.from(rep.text).length;
  const body = el("div", { class: "article excerpt" }, ...evidenceNodes(rep.text, rep.sentence, group.triggers, ctx.start, ctx.end));
  let full = false;
  const toggle = el("button", { type: "button", class: "secondary small", onclick: () => {
    full = !full;
    body.replaceChildren(...evidenceNodes(rep.text, rep.sentence, group.triggers, full ? 0 : ctx.start, full ? n : ctx.end));
    toggle.textContent = full ? "Show the sentence in context only" : "Show the whole article";
    if (full) body.querySelector("mark.evidence").scrollIntoView({ block: "center" });
  } }, "Show the whole article");
  const attr = rep.attribution ? el("span", { class: "muted small" }, `according to ${rep.attribution.source}`) : null;
  const url = safeUrl(meta.url);
  return el("div", { class: "report", "data-document": rep.document, "data-event": group.events.join(" ") },
    el("div", { class: "head" },
      el("span", { class: "outlet" }, meta.source || "unknown outlet"),
      el("span", { class: "muted" }, meta.published ? `published ${fmtDay(meta.published.slice(0, 10))}` : "publication date unknown"),
      statusBadge(rep.status),
      el("span", {}, "dates it: ", whenNode(rep.when)),
      attr,
      el("a", { href: `/documents/${encodeURIComponent(rep.document)}#${rep.event}` }, meta.title || rep.document),
      url ? el("a", { href: url, class: "small", rel: "noopener noreferrer" }, "original ↗") : null),
    body, el("div", { class: "toggle-row" }, toggle));
}

function figuresNode(figures, reports) {
  const outlet = Object.fromEntries((reports || []).map((r) => [r.document, (r.meta || {}).source || r.document]));
  const measures = Object.entries(figures || {});
  if (!measures.length) return el("p", { class: "muted" }, "No figures reported for this event.");
  return measures.map(([measure, f]) => {
    const reps = f.reports || [];
    const differ = f.min !== f.max;
    const col = (label, fn) => el("tr", {}, el("th", {}, label), reps.map((r) => el("td", {}, fn(r))));
    return el("div", { class: "figure-block", "data-measure": measure },
      el("div", {}, el("span", { class: "figval" }, `${measure}: ${f.min === f.max ? fmtNum(f.min) : fmtNum(f.min) + "–" + fmtNum(f.max)}`),
        " ", differ ? el("span", { class: "disagree" }, `reports disagree (${reps.length} reports)`)
          : el("span", { class: "agree" }, reps.length > 1 ? "reports agree" : "one report")),
      el("table", { class: "figs" },
        col("Value", (r) => el("span", { class: "figval" }, fmtNum(r.value))),
        col("Qualifier", (r) => r.approx || "exact"),
        col("According to", (r) => r.source || el("span", { class: "muted" }, "not attributed")),
        col("Report", (r) => el("a", { href: `/documents/${encodeURIComponent(r.document)}` }, outlet[r.document] || r.document)),
        col("Published", (r) => r.published ? fmtDay(r.published.slice(0, 10)) : "?")));
  });
}

function statusHistory(reports) {
  if (new Set(reports.map((r) => r.status)).size < 2) return null;
  const steps = reports.filter((r, i) => i === 0 || r.status !== reports[i - 1].status || r.document !== reports[i - 1].document);
  return el("div", { class: "note spaced" }, "Reports differ on status, in order of publication: ",
    ...steps.map((r, i) => [i ? " → " : "", statusBadge(r.status), ` ${(r.meta || {}).source || r.document}`]).flat(),
    ". The record takes the latest report's status.");
}

async function main() {
  const id = eventIdFromPath("/events/");
  header("/", `/api/events/${encodeURIComponent(id)}`);
  const box = document.getElementById("event");
  let data;
  try { data = await api(`/api/events/${encodeURIComponent(id)}`); } catch (e) { showError(box, e); return; }
  const r = data.event, loc = r.location || {};
  document.title = `Dateline · ${r.type} ${fmtWhen(r.when)}`;
  const dl = el("dl", { class: "facts" },
    el("dt", {}, "When"), el("dd", {}, whenNode(r.when), r.when ? el("span", { class: "muted small" },
      ` — ${BASIS_HELP[r.when.basis] || r.when.basis}`) : null),
    el("dt", {}, "Where"), el("dd", {}, loc.name ? `${loc.name}${loc.country ? " (" + loc.country + ")" : ""}` : "not stated",
      typeof loc.lat === "number" ? el("span", { class: "muted small" }, ` ${loc.lat.toFixed(3)}, ${loc.lon.toFixed(3)}`) : null),
    el("dt", {}, "Actors"), el("dd", {}, overviewLinks(r.actors) || "—"),
    el("dt", {}, "Recipients"), el("dd", {}, overviewLinks(r.recipients) || "—"),
    el("dt", {}, "Reports"), el("dd", {}, `${r.n_documents} document(s) from ${r.n_sources} outlet(s), first ${r.first_reported || "?"}, last ${r.last_reported || "?"}`),
    el("dt", {}, "Confidence"), el("dd", {}, `${r.confidence}`),
    el("dt", {}, "Record id"), el("dd", { class: "muted small" }, r.id));
  box.replaceChildren(
    el("div", { class: "card" },
      el("h1", {}, `${r.type}${r.mode ? " / " + r.mode : ""} `, statusBadge(r.status)),
      el("div", { class: "muted" }, fmtWhen(r.when), loc.name ? ` · ${loc.name}` : ""),
      dl, statusHistory(data.reports)),
    el("div", { class: "card", id: "figures" }, el("h2", {}, "Figures, by report"), figuresNode(r.figures, data.reports)),
    el("div", { class: "card reports", id: "reports" },
      el("h2", {}, "Reports ", el("span", { class: "count" }, `${data.reports.length}`)),
      groupReports(data.reports).map(reportNode)));
  document.body.dataset.ready = "1";
}

main();
