#!/usr/bin/env node
/*
 * The dashboard in a real browser: Debian's chromium, headless, driven by
 * playwright-core (npm, pinned in share/dashboard/package-lock.json; the
 * build's `npm ci` installs it into BUILD/npm/node_modules).
 *
 * Starts `evcode serve` over the store of our corpus (tests/store/corpus.py)
 * and checks that the page's script ran against the API: the stats line;
 * the events table holds the rows of /v1/events (codes and sentences); the
 * uPlot charts are drawn (a canvas each; one series per CAMEO root of
 * /v1/timeline?group=root, with their labels; the Goldstein line); the top
 * dyads are those of /v1/dyads; the speakers those of /v1/speakers, and a
 * click on one lists its quotes as /v1/quotes?speaker= has them; a click on
 * an event lists its mentions, a click on a mention shows its article with
 * the sentence marked; the actor filter changes the table to the rows of
 * /v1/events?actor= (and the charts and dyads with it); the page logs no
 * error and breaks no Content-Security-Policy rule. Then the same page over
 * a store of the gold seeds in ../shared (skipped without them). Screenshots
 * are kept in ARTEFACTS (dashboard.png, dashboard-filtered.png,
 * dashboard-seeds.png).
 *
 * Prints "skipped: chromium not found" and passes when chromium is missing
 * (scripts/install-deps.sh installs it for CI). As root, chromium needs
 * --no-sandbox.
 *
 * usage: node browser.js EVCODE NODE_MODULES ARTEFACTS
 */
"use strict";
const fs = require("fs");
const os = require("os");
const path = require("path");
const {execFileSync} = require("child_process");
const {counts, check, launch, serve, getJSON} = require("./harness.js");

const ROOT = path.resolve(__dirname, "..", "..");
const SEEDS = path.join(ROOT, "..", "shared", "gold", "seeds.input.jsonl");
const rowsOf = page => page.$$eval("#events tbody tr.ev", trs => trs.map(tr => [...tr.cells].map(c => c.textContent)));

/* Waits (up to 30 s) until the events table shows the day and code of each of `want`, in order. */
async function waitTable(page, want) {
  const key = JSON.stringify(want.map(e => [e.day || "–", e.code]));
  try {
    await page.waitForFunction(k => JSON.stringify([...document.querySelectorAll("#events tbody tr.ev")].map(
      tr => [tr.cells[0].textContent, tr.cells[3].textContent])) === k, key, {timeout: 30000});
  } catch (e) { /* the checks below say what differs */ }
}

/* The charts as drawn: canvases and legend labels of each. */
function chartsOf(page) {
  return page.evaluate(() => Object.fromEntries(["roots-chart", "goldstein-chart"].map(id => {
    const box = document.getElementById(id);
    return [id, {canvas: box.querySelectorAll("canvas").length,
      labels: [...box.querySelectorAll(".u-legend .u-series .u-label")].map(x => x.textContent).slice(1)}];
  })));
}

async function checkCharts(page, base, params) {
  const by = await page.$eval("#filters select[name=by]", s => s.value);
  const t = await getJSON(base, `/v1/timeline?by=${by}&group=root${params}`);
  await page.waitForFunction(n => document.querySelectorAll("#roots-chart .u-legend .u-series").length === n + 1,
    t.roots.length, {timeout: 30000}).catch(() => {});
  const c = await chartsOf(page);
  check(c["roots-chart"].canvas === 1 && c["goldstein-chart"].canvas === 1, `charts: canvases ${JSON.stringify(c)}`);
  const codes = c["roots-chart"].labels.map(l => l.split(" ")[0]).sort();   /* drawn from the highest root down */
  check(JSON.stringify(codes) === JSON.stringify(t.roots),
    `roots chart: series ${JSON.stringify(codes)}, /v1/timeline roots ${JSON.stringify(t.roots)}`);
  check(c["goldstein-chart"].labels.length === 1, "goldstein chart: one series");
  return {periods: t.buckets.length, roots: t.roots.length};
}

async function checkPage(page, base, artefacts, shot) {
  await page.goto(base + "/");
  const want = (await getJSON(base, "/v1/events?limit=50")).events;
  await waitTable(page, want);
  const rows = await rowsOf(page);
  check(rows.length === want.length && want.length > 0, `events table: ${rows.length} rows, /v1/events ${want.length}`);
  check(JSON.stringify(rows.map(r => r[3])) === JSON.stringify(want.map(e => e.code)), "events table codes");
  check(JSON.stringify(rows.map(r => r[6])) === JSON.stringify(want.map(e => e.sentence)), "events table sentences");
  const st = await getJSON(base, "/v1/stats");
  await page.waitForFunction(() => !document.getElementById("stats").textContent.startsWith("loading"));
  const stats = await page.$eval("#stats", x => x.textContent);
  check(stats.includes(`${st.articles} articles`) && stats.includes(`${st.events} events`), `stats line ${stats}`);
  const charts = await checkCharts(page, base, "");
  const dy = (await getJSON(base, "/v1/dyads?limit=15")).dyads;
  await page.waitForFunction(n => document.querySelectorAll("#dyads tbody tr").length === n, dy.length).catch(() => {});
  const dyads = await page.$$eval("#dyads tbody tr", trs => trs.map(tr => tr.cells[0].textContent));
  check(JSON.stringify(dyads) === JSON.stringify(dy.map(d => `${d.source} → ${d.target}`)),
    `dyads: ${JSON.stringify(dyads.slice(0, 3))}, /v1/dyads ${dy.length}`);
  await page.screenshot({path: path.join(artefacts, shot), fullPage: true});
  console.log(`page: ${rows.length} event rows as /v1/events, ${charts.roots} root series over ${charts.periods} periods` +
    ` and the Goldstein line (uPlot), ${dyads.length} dyads; ${stats}; screenshot ${path.join(artefacts, shot)}`);
  return want;
}

async function checkSpeakers(page, base) {
  const sp = (await getJSON(base, "/v1/speakers?limit=20")).speakers;
  await page.waitForFunction(n => document.querySelectorAll("#speakers tbody tr").length === n, sp.length)
    .catch(() => {});
  const shown = await page.$$eval("#speakers tbody tr", trs => trs.map(tr => [...tr.cells].map(c => c.textContent)));
  check(JSON.stringify(shown.map(r => [r[0], Number(r[2])])) ===
        JSON.stringify(sp.map(s => [s.speaker || "(no speaker)", s.quotes])), "speakers table vs /v1/speakers");
  const i = sp.findIndex(s => s.speaker);
  if (!check(i >= 0, "a speaker with a name"))
    return;
  const want = (await getJSON(base, "/v1/quotes?limit=50&speaker=" + encodeURIComponent(sp[i].speaker))).quotes;
  await page.click(`#speakers tbody tr:nth-child(${i + 1})`);
  await page.waitForFunction(n => document.querySelectorAll("#speaker-quotes p").length === n, want.length)
    .catch(() => {});
  const quotes = await page.$$eval("#speaker-quotes p q", qs => qs.map(q => q.textContent));
  check(JSON.stringify(quotes) === JSON.stringify(want.map(q => q.text)),
    `speaker ${sp[i].speaker}: ${quotes.length} quotes shown, /v1/quotes ${want.length}`);
  console.log(`speakers: ${shown.length} as /v1/speakers; ${sp[i].speaker} (${sp[i].quotes}) clicked: ${quotes.length} quotes`);
}

async function checkClick(page, base, want) {
  let i = 0;
  want.forEach((e, k) => { if (e.num_mentions > want[i].num_mentions) i = k; });
  const ev = await getJSON(base, "/v1/events/" + want[i].id);
  await page.click(`#events tbody tr.ev:nth-child(${i + 1})`);
  await page.waitForFunction(n => !document.getElementById("detail").hidden &&
    document.querySelectorAll("#detail li").length === n, ev.mentions.length).catch(() => {});
  const shown = await page.$$eval("#detail li q", qs => qs.map(q => q.textContent));
  check(JSON.stringify(shown) === JSON.stringify(ev.mentions.map(m => m.sentence)), `event ${ev.id}: mentions shown`);
  await page.click("#detail li a");
  const mark = await page.waitForSelector("#detail mark", {timeout: 30000}).then(m => m.textContent()).catch(() => "");
  check(mark === ev.mentions[0].sentence, `article of event ${ev.id}: marked ${mark.slice(0, 80)}`);
  console.log(`click: event ${ev.id} (${ev.code}) shows its ${shown.length} mentions; the first opens article ` +
    `${ev.mentions[0].article} with the sentence marked`);
}

async function checkFilter(page, base, artefacts) {
  const before = await rowsOf(page);
  const actor = "USA";
  const want = (await getJSON(base, `/v1/events?actor=${actor}&limit=50`)).events;
  await page.fill("#filters input[name=actor]", actor);
  await page.click("#filters button[type=submit]");
  await waitTable(page, want);
  const after = await rowsOf(page);
  check(JSON.stringify(after.map(r => [r[0], r[3], r[6]])) === JSON.stringify(want.map(e => [e.day, e.code, e.sentence])),
    `filter actor=${actor}: ${after.length} rows, /v1/events?actor=${actor} ${want.length}`);
  check(after.length > 0 && after.length < before.length, `filter actor=${actor}: ${before.length} rows before, ${after.length} after`);
  check(after.every(r => r[1].startsWith(actor) || r[2].startsWith(actor)), `filter actor=${actor}: rows without it`);
  const charts = await checkCharts(page, base, `&actor=${actor}`);
  const dy = (await getJSON(base, `/v1/dyads?limit=15&actor=${actor}`)).dyads;
  await page.waitForFunction(n => document.querySelectorAll("#dyads tbody tr").length === n, dy.length).catch(() => {});
  const dyads = await page.$$eval("#dyads tbody tr", trs => trs.map(tr => tr.cells[0].textContent));
  check(JSON.stringify(dyads) === JSON.stringify(dy.map(d => `${d.source} → ${d.target}`)), "dyads after the filter");
  check(!(await page.$eval("#filter-error", x => x.textContent)), "no filter error");
  await page.screenshot({path: path.join(artefacts, "dashboard-filtered.png"), fullPage: true});
  console.log(`filter: actor=${actor} changes the table from ${before.length} to the ${after.length} rows of ` +
    `/v1/events?actor=${actor}; ${charts.roots} root series, ${dyads.length} dyads`);
}

/* A page that logs errors or breaks the Content-Security-Policy fails. */
function watch(page) {
  const problems = [];
  page.on("pageerror", e => problems.push("page error: " + e.message));
  page.on("console", m => { if (m.type() === "error") problems.push("console: " + m.text()); });
  return problems;
}

function ingest(evc, db, input) {
  execFileSync(evc, ["ingest", "--db", db, input], {stdio: ["ignore", "ignore", "inherit"]});
}

async function run(browser, evc, db, artefacts, fn) {
  const s = await serve(evc, db);
  const page = await browser.newPage({viewport: {width: 1280, height: 900}});
  const problems = watch(page);
  try {
    await fn(page, s.base);
  } finally {
    await page.close();
    await s.stop();
  }
  check(problems.length === 0, "the page logged: " + problems.join("; "));
}

async function main(argv) {
  const [evc, nodeModules, artefacts] = argv.map(a => path.resolve(a));
  const browser = await launch(nodeModules);
  if (!browser)
    return 0;
  fs.mkdirSync(artefacts, {recursive: true});
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "evc-browser-"));
  try {
    const corpus = path.join(tmp, "small.jsonl"), db = path.join(tmp, "s.db");
    fs.writeFileSync(corpus, execFileSync("python3", [path.join(ROOT, "tests", "store", "corpus.py")]));
    ingest(evc, db, corpus);
    await run(browser, evc, db, artefacts, async (page, base) => {
      const want = await checkPage(page, base, artefacts, "dashboard.png");
      await checkSpeakers(page, base);
      await checkClick(page, base, want);
      await checkFilter(page, base, artefacts);
    });
    if (fs.existsSync(SEEDS)) {
      const seeds = path.join(tmp, "seeds.db");
      ingest(evc, seeds, SEEDS);
      await run(browser, evc, seeds, artefacts, async (page, base) => {
        console.log("seeds (../shared/gold/seeds.input.jsonl):");
        await checkPage(page, base, artefacts, "dashboard-seeds.png");
      });
    } else {
      console.log("seeds: skipped: ../shared not found");
    }
  } finally {
    await browser.close();
    fs.rmSync(tmp, {recursive: true, force: true});
  }
  console.log(`browser: ${counts.passed} passed, ${counts.failed} failed`);
  return counts.failed ? 1 : 0;
}

main(process.argv.slice(2)).then(rc => process.exit(rc), e => {
  console.log("FAIL:", e.stack || e);
  process.exit(1);
});
