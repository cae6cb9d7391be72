/* The evcode dashboard's script (index.html): plain JavaScript over the
 * JSON API of `evcode serve`, charts with uPlot. Every value from the API
 * reaches the page as text (textContent, or uPlot's labels), never as HTML. */
"use strict";
const PAGE = 50;
/* The CAMEO root categories, as data/cameo.txt describes them. */
const ROOTS = {
  "01": "Public statements", "02": "Appeals", "03": "Intent to cooperate", "04": "Consultation",
  "05": "Diplomatic cooperation", "06": "Material cooperation", "07": "Aid", "08": "Yield",
  "09": "Investigation", "10": "Demands", "11": "Disapproval", "12": "Rejection", "13": "Threats",
  "14": "Protest", "15": "Force posture", "16": "Reduced relations", "17": "Coercion", "18": "Assault",
  "19": "Fighting", "20": "Mass violence",
};
/* One colour per root: cooperation in blues and greens, conflict in oranges and reds. */
const COLOURS = {
  "01": "#90caf9", "02": "#64b5f6", "03": "#42a5f5", "04": "#1e88e5", "05": "#1565c0",
  "06": "#66bb6a", "07": "#43a047", "08": "#2e7d32", "09": "#bdbdbd", "10": "#ffb74d",
  "11": "#ffa726", "12": "#fb8c00", "13": "#ef6c00", "14": "#ab47bc", "15": "#8d6e63",
  "16": "#78909c", "17": "#e57373", "18": "#e53935", "19": "#b71c1c", "20": "#4a148c",
};
let offset = 0;
const charts = {};

function el(tag, attrs, ...kids) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (k === "onclick") e.addEventListener("click", v); else e.setAttribute(k, v);
  }
  for (const k of kids) e.append(k === null || k === undefined ? "" : k);
  return e;
}

async function api(path, params) {
  const qs = new URLSearchParams();
  for (const [k, v] of Object.entries(params || {})) if (v !== "" && v !== undefined && v !== null) qs.set(k, v);
  const url = "/v1/" + path + (qs.toString() ? "?" + qs : "");
  const r = await fetch(url);
  const body = await r.json();
  if (!r.ok) throw new Error(body.error || r.statusText);
  return body;
}

function filters() {
  const f = new FormData(document.getElementById("filters"));
  const out = {};
  for (const k of ["actor", "code", "from", "to", "text"]) out[k] = (f.get(k) || "").trim();
  return out;
}

function gold(g) {
  return el("span", {class: g < 0 ? "neg" : g > 0 ? "pos" : ""}, g.toFixed(1));
}

async function loadStats() {
  const s = await api("stats");
  document.getElementById("stats").textContent =
    `${s.articles} articles (${s.duplicates} near-duplicates) · ${s.events} events · ${s.mentions} mentions · ` +
    `${s.quotes} quotes · ${s.actors} actors`;
}

/* ---- Charts (uPlot) ---- */

function chartSize(id) {
  return {width: Math.max(300, document.getElementById(id).clientWidth), height: 220};
}

/* Draws (or redraws) chart `id` over the periods of a timeline (one slot
 * each, evenly spaced: periods without events are left out), with uPlot's
 * `series` and their data; an empty timeline says so instead. */
function drawChart(id, yLabel, periods, series, data) {
  if (charts[id]) {
    charts[id].destroy();
    delete charts[id];
  }
  const empty = !periods.length;
  document.getElementById(id.replace("-chart", "-empty")).hidden = !empty;
  if (empty) return;
  const opts = {
    ...chartSize(id),
    scales: {x: {time: false, range: () => [-0.5, periods.length - 0.5]}},
    axes: [{values: (u, splits) => splits.map(i => Number.isInteger(i) ? periods[i] || "" : "")}, {label: yLabel}],
    series: [{label: "period", value: (u, i) => (i === null ? "–" : periods[i] || "")}, ...series],
  };
  if (id === "goldstein-chart") opts.scales.y = {range: [-10, 10]};
  charts[id] = new uPlot(opts, [periods.map((p, i) => i), ...data], document.getElementById(id));
}

/* Events per root as stacked bars: the roots' running sums, drawn from the
 * highest root down so that each bar covers only its own share; the legend
 * shows each root's own count. */
function drawTimeline(t) {
  const periods = t.buckets.map(b => b.period);
  const roots = (t.roots || []).slice().reverse();
  const counts = roots.map(r => t.buckets.map(b => (b.roots && b.roots[r]) || 0));
  const stacked = counts.map((c, k) => c.map((v, i) => counts.slice(k).reduce((sum, x) => sum + x[i], 0)));
  const bars = uPlot.paths.bars({size: [0.7, 48]});
  drawChart("roots-chart", "events", periods, roots.map((r, k) => ({
    label: `${r} ${ROOTS[r] || ""}`.trim(), stroke: COLOURS[r] || "#555", fill: COLOURS[r] || "#555", paths: bars,
    points: {show: false}, value: (u, v, si, i) => (i === null ? "–" : String(counts[k][i])),
  })), stacked);
  drawChart("goldstein-chart", "Goldstein", periods, [{label: "mean Goldstein", stroke: "#c62828", width: 2,
    points: {show: true, size: 6}}], [t.buckets.map(b => b.goldstein)]);
}

window.addEventListener("resize", () => {
  for (const [id, u] of Object.entries(charts)) u.setSize(chartSize(id));
});

/* ---- Events, dyads ---- */

async function loadEvents() {
  const p = Object.assign(filters(), {limit: PAGE, offset});
  const r = await api("events", p);
  const tb = document.querySelector("#events tbody");
  tb.replaceChildren(...r.events.map(e => el("tr", {class: "ev", onclick: () => showEvent(e.id)},
    el("td", {}, e.day || "–"), el("td", {title: e.source_name || ""}, e.source || "–"),
    el("td", {title: e.target_name || ""}, e.target || "–"), el("td", {}, e.code), el("td", {}, gold(e.goldstein)),
    el("td", {}, `${e.num_mentions}/${e.num_sources}/${e.num_articles}`), el("td", {}, e.sentence))));
  document.getElementById("events-range").textContent =
    r.count ? `${offset + 1}–${offset + r.count}${r.more ? " (more)" : ""}` : "none";
  document.getElementById("prev").disabled = offset === 0;
  document.getElementById("next").disabled = !r.more;
}

async function loadDyads() {
  const r = await api("dyads", Object.assign(filters(), {limit: 15}));
  const max = Math.max(1, ...r.dyads.map(d => d.events));
  document.querySelector("#dyads tbody").replaceChildren(...r.dyads.map(d => {
    const bar = el("div", {class: "bar"});
    bar.style.width = (100 * d.events / max).toFixed(1) + "%";
    return el("tr", {class: "dyad"}, el("td", {}, `${d.source} → ${d.target}`, bar), el("td", {}, String(d.events)),
      el("td", {}, String(d.mentions)), el("td", {}, gold(d.goldstein)));
  }));
  document.getElementById("dyads-range").textContent =
    `${r.count} of ${r.total}` + (r.no_target ? `; ${r.no_target} events without a target` : "");
}

async function refresh() {
  const err = document.getElementById("filter-error");
  err.textContent = "";
  try {
    const by = new FormData(document.getElementById("filters")).get("by");
    const [t] = await Promise.all([api("timeline", Object.assign(filters(), {by, group: "root"})), loadEvents(),
      loadDyads()]);
    drawTimeline(t);
  } catch (e) {
    err.textContent = e.message;
  }
}

/* ---- An event, an article ---- */

function detail(...kids) {
  const d = document.getElementById("detail");
  d.replaceChildren(...kids);
  d.hidden = false;
  d.scrollIntoView({behavior: "smooth"});
}

async function showEvent(id) {
  const e = await api("events/" + id);
  detail(el("h2", {}, `Event ${e.code} on ${e.day || "an unknown day"}: ${e.source_name || e.source} → ${e.target_name || e.target || "–"}`),
    el("div", {class: "muted"}, `Goldstein ${e.goldstein}, quad class ${e.quad_class}; ${e.num_mentions} mentions, ` +
      `${e.num_sources} sources, ${e.num_articles} articles` + (e.location ? `; ${e.location.name} (${e.location.country})` : "")),
    el("ul", {}, ...e.mentions.map(m => el("li", {},
      el("a", {onclick: () => showArticle(m.article, m.sentence)}, m.title || m.article),
      ` (${m.outlet || "?"}, ${m.published || "?"}), sentence ${m.sentence_index}` + (m.duplicate ? ", near-duplicate" : ""),
      el("br"), el("q", {}, m.sentence)))));
}

/* The article's text with `sentence` marked (when found verbatim). */
function markedText(text, sentence) {
  const div = el("div", {class: "text"});
  const i = sentence ? text.indexOf(sentence) : -1;
  if (i < 0) { div.append(text); return div; }
  const mark = el("mark", {}, sentence);
  div.append(text.slice(0, i), mark, text.slice(i + sentence.length));
  setTimeout(() => mark.scrollIntoView({block: "center"}), 0);
  return div;
}

async function showArticle(id, sentence) {
  const a = await api("articles/" + encodeURIComponent(id));
  const links = a.links.concat(a.linked_from).map(l => el("li", {},
    el("a", {onclick: () => showArticle(l.article)}, l.article), ` ${l.kind} (${l.score.toFixed(2)})`));
  detail(el("h2", {}, a.title || a.article),
    el("div", {class: "muted"}, `${a.article} · ${a.outlet || "?"} · ${a.published || "?"} · ${a.sentences} sentences` +
      (a.duplicate_of ? ` · near-duplicate of ${a.duplicate_of}` : "")),
    links.length ? el("ul", {}, ...links) : "",
    el("div", {class: "muted"}, `${a.mentions.length} event mentions, ${a.quotes.length} quotes`),
    markedText(a.text, sentence));
}

/* ---- Actors, speakers, quotes ---- */

async function loadActors(prefix) {
  const r = await api("actors", {prefix, limit: 20});
  document.querySelector("#actors tbody").replaceChildren(...r.actors.map(x => el("tr", {},
    el("td", {}, el("a", {onclick: () => { document.querySelector("#filters [name=actor]").value = x.code; offset = 0; refresh(); }}, x.code)),
    el("td", {}, x.name), el("td", {}, String(x.mentions)))));
}

function quoteItem(q) {
  return el("p", {}, el("q", {}, q.text), el("br"),
    el("span", {class: "muted"}, `— ${q.speaker || "?"}${q.speaker_code ? " (" + q.speaker_code + ")" : ""}, ${q.date || ""} `),
    el("a", {onclick: () => showArticle(q.article)}, q.article));
}

async function loadSpeakers() {
  const r = await api("speakers", {limit: 20});
  document.querySelector("#speakers tbody").replaceChildren(...r.speakers.map(s => {
    const tr = el("tr", {class: s.speaker ? "speaker" : ""}, el("td", {}, s.speaker || "(no speaker)"),
      el("td", {}, s.speaker_code || "–"), el("td", {}, String(s.quotes)));
    if (s.speaker) tr.addEventListener("click", () => showSpeaker(s.speaker, tr));
    return tr;
  }));
}

/* The quotes whose speaker's name holds `name` (the speaker filter of /v1/quotes). */
async function showSpeaker(name, tr) {
  document.querySelectorAll("#speakers tr.selected").forEach(x => x.classList.remove("selected"));
  tr.classList.add("selected");
  const box = document.getElementById("speaker-quotes");
  try {
    const r = await api("quotes", {speaker: name, limit: 50});
    box.replaceChildren(el("h2", {}, `${name}: ${r.count}${r.more ? "+" : ""} quotes`), ...r.quotes.map(quoteItem));
  } catch (e) {
    box.replaceChildren(el("span", {class: "error"}, e.message));
  }
}

async function loadQuotes() {
  const f = new FormData(document.getElementById("quote-form"));
  const list = document.getElementById("quote-list");
  try {
    const r = await api("quotes", {speaker: f.get("speaker").trim(), text: f.get("text").trim(), limit: 20});
    list.replaceChildren(...r.quotes.map(quoteItem), r.more ? el("p", {class: "muted"}, "more…") : "");
  } catch (e) {
    list.replaceChildren(el("span", {class: "error"}, e.message));
  }
}

/* Each watchlist (evcode watch) with its counts and its five newest hits;
 * a hit opens its event. */
async function loadWatchlists() {
  const box = document.getElementById("watch-list");
  try {
    const r = await api("watchlists");
    const parts = await Promise.all(r.watchlists.map(async w => {
      const h = await api("watchlists/" + encodeURIComponent(w.name) + "/events", {limit: 5});
      const filter = [w.actors.length ? "actor " + w.actors.join("|") : "", w.codes.length ? "code " + w.codes.join("|") : "",
        w.places.length ? "place " + w.places.join("|") : "",
        w.goldstein_below !== null ? "Goldstein < " + w.goldstein_below : ""].filter(x => x).join("; ");
      return el("div", {class: "watch", "data-name": w.name},
        el("strong", {}, w.name), " ", el("span", {class: "muted"}, filter || "every event"), el("br"),
        el("span", {class: "muted"}, `${w.hits} hits` + (w.webhook ? ` · webhook ${w.webhook}: ${w.delivered} delivered, ` +
          `${w.pending} pending, ${w.failed} failed` : "")),
        ...h.events.map(e => el("div", {class: "hit", title: e.sentence},
          el("a", {onclick: () => showEvent(e.id)}, `${e.day || "–"} ${e.code} ${e.source || "–"}→${e.target || "–"}`),
          " ", e.sentence)));
    }));
    if (parts.length) box.replaceChildren(...parts);
  } catch (e) {
    box.replaceChildren(el("span", {class: "error"}, e.message));
  }
}

document.getElementById("filters").addEventListener("submit", ev => { ev.preventDefault(); offset = 0; refresh(); });
document.getElementById("filters").addEventListener("reset", () => setTimeout(() => { offset = 0; refresh(); }, 0));
document.getElementById("prev").addEventListener("click", () => { offset = Math.max(0, offset - PAGE); loadEvents(); });
document.getElementById("next").addEventListener("click", () => { offset += PAGE; loadEvents(); });
document.getElementById("actor-form").addEventListener("submit", ev => {
  ev.preventDefault(); loadActors(new FormData(ev.target).get("prefix").trim());
});
document.getElementById("quote-form").addEventListener("submit", ev => { ev.preventDefault(); loadQuotes(); });
loadStats().catch(e => { document.getElementById("stats").textContent = e.message; });
refresh();
loadActors("");
loadSpeakers().catch(e => { document.getElementById("speaker-quotes").textContent = e.message; });
loadQuotes();
loadWatchlists();
