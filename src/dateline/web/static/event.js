// The event page: the merged record, its figures side by side across reports,
// and every report with its evidence sentence highlighted in the article.
"use strict";

function evidenceNodes(text, sentence, trigger, from, to) {
  // Article text [from, to) with the sentence marked and the trigger underlined (code-point offsets).
  const m = codePointMap(text), cut = (a, b) => text.slice(m[a], m[b]);
  const s0 = sentence.start, s1 = sentence.end;
  const t0 = trigger && trigger.start >= s0 && trigger.end <= s1 ? trigger.start : null;
  const inner = t0 === null ? [cut(s0, s1)]
    : [cut(s0, t0), el("span", { class: "trigger", title: "trigger" }, cut(t0, trigger.end)), cut(trigger.end, s1)];
  return [cut(from, s0), el("mark", { class: "evidence", title: "evidence sentence" }, ...inner), cut(s1, to)];
}

function paragraphBounds(text, sentence) {
  const cps = Array.from(text);
  let a = sentence.start, b = sentence.end;
  while (b > a && /\s/.test(cps[b - 1])) b--;  // a sentence may carry the blank line after it
  while (a > 0 && cps[a - 1] !== "\n") a--;
  while (b < cps.length && cps[b] !== "\n") b++;
  return [a, b, cps.length];
}

function reportNode(rep, i) {
  const meta = rep.meta || {};
  const [p0, p1, n] = paragraphBounds(rep.text, rep.sentence);
  const body = el("div", { class: "article excerpt" }, ...evidenceNodes(rep.text, rep.sentence, rep.trigger, p0, p1));
  let full = false;
  const toggle = el("button", { type: "button", class: "secondary small", onclick: () => {
    full = !full;
    body.replaceChildren(...evidenceNodes(rep.text, rep.sentence, rep.trigger, full ? 0 : p0, full ? n : p1));
    toggle.textContent = full ? "Show the paragraph only" : "Show the whole article";
    if (full) body.querySelector("mark.evidence").scrollIntoView({ block: "center" });
  } }, "Show the whole article");
  const attr = rep.attribution ? el("span", { class: "muted small" }, `according to ${rep.attribution.source}`) : null;
  return el("div", { class: "report", "data-document": rep.document, "data-event": rep.event },
    el("div", { class: "head" },
      el("span", { class: "outlet" }, meta.source || "unknown outlet"),
      el("span", { class: "muted" }, meta.published ? `published ${fmtDay(meta.published.slice(0, 10))}` : "publication date unknown"),
      statusBadge(rep.status),
      el("span", {}, "dates it: ", whenNode(rep.when)),
      attr,
      el("a", { href: `/documents/${encodeURIComponent(rep.document)}#${rep.event}` }, meta.title || rep.document),
      safeUrl(meta.url) ? el("a", { href: safeUrl(meta.url), class: "small", rel: "noopener noreferrer" }, "original ↗") : null),
    body, el("div", { style: "margin-top:6px" }, toggle));
}

function figuresNode(figures, reports) {
  const outlet = Object.fromEntries((reports || []).map((r) => [r.document, (r.meta || {}).source || r.document]));
  const measures = Object.entries(figures || {});
  if (!measures.length) return el("p", { class: "muted" }, "No figures reported for this event.");
  return measures.map(([measure, f]) => {
    const reps = f.reports || [];
    const differ = f.min !== f.max;
    const col = (label, fn) => el("tr", {}, el("th", {}, label), reps.map((r) => el("td", {}, fn(r))));
    return el("div", { class: "figure-block", "data-measure": measure, style: "margin-bottom:14px" },
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
  return el("div", { class: "note", style: "margin-top:8px" }, "Reports differ on status, in order of publication: ",
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
    el("dt", {}, "Actors"), el("dd", {}, names(r.actors) || "—"),
    el("dt", {}, "Recipients"), el("dd", {}, names(r.recipients) || "—"),
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
      data.reports.map(reportNode)));
  document.body.dataset.ready = "1";
}

main();
