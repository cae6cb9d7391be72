#!/usr/bin/env node
/*
 * The dashboard's watchlist panel in headless chromium (playwright-core, as
 * tests/serve/browser.js drives it): a store of our corpus with two
 * watchlists; the panel lists each with its counts and its newest hits as
 * /v1/watchlists/NAME/events?limit=5 gives them, built of the page's own
 * elements only (data inserted as text); clicking a hit shows its event;
 * the page logs no error. Prints "skipped: chromium not found" and passes
 * without chromium.
 *
 * usage: node browser.js EVCODE NODE_MODULES
 */
"use strict";
const fs = require("fs");
const os = require("os");
const path = require("path");
const {execFileSync} = require("child_process");
const {counts, check, launch, serve, getJSON} = require("../serve/harness.js");

const ROOT = path.resolve(__dirname, "..", "..");
async function checkPanel(page, base) {
  const problems = [];
  page.on("console", m => { if (m.type() === "error") problems.push(m.text()); });
  page.on("pageerror", e => problems.push(e.message));
  await page.goto(base + "/");
  const wl = (await getJSON(base, "/v1/watchlists")).watchlists;
  await page.waitForFunction(n => document.querySelectorAll("#watch-list .watch").length === n, wl.length,
    {timeout: 30000}).catch(() => {});
  for (const w of wl) {
    const want = (await getJSON(base, `/v1/watchlists/${w.name}/events?limit=5`)).events;
    const got = await page.evaluate(name => {
      const box = [...document.querySelectorAll("#watch-list .watch")].find(x => x.dataset.name === name);
      return box && {name: box.querySelector("strong").textContent, text: box.textContent,
        hits: [...box.querySelectorAll(".hit")].map(h => h.textContent)};
    }, w.name);
    check(got && got.name === w.name && got.text.includes(`${w.hits} hits`), `panel: ${w.name}: ${JSON.stringify(got)}`);
    check(got && got.hits.length === want.length &&
          want.every((e, i) => got.hits[i].includes(e.code) && got.hits[i].includes(e.sentence)),
          `panel: ${w.name}: its hits differ from the API`);
  }
  /* only the page's own elements: the data went in as text */
  const tags = await page.$$eval("#watch-list *", xs => [...new Set(xs.map(x => x.tagName))].sort());
  check(tags.every(t => ["A", "BR", "DIV", "SPAN", "STRONG"].includes(t)), `panel: elements ${tags}`);
  const first = wl.find(w => w.hits > 0);
  if (check(first, "no watchlist has hits")) {
    const ev = (await getJSON(base, `/v1/watchlists/${first.name}/events?limit=1`)).events[0];
    await page.click(`#watch-list .watch[data-name="${first.name}"] .hit a`);
    const title = await page.waitForFunction(() => {
      const d = document.getElementById("detail");
      return !d.hidden && d.querySelector("h2") && d.querySelector("h2").textContent;
    }, null, {timeout: 30000}).then(h => h.jsonValue()).catch(() => "");
    check(title.includes(ev.code), `clicked hit: ${title}, not event ${ev.code}`);
  }
  check(problems.length === 0, "the page logged: " + problems.join("; "));
  console.log(`panel: ${wl.length} watchlists with their counts and newest hits as the API gives them; a hit opens its event`);
}

async function main(argv) {
  const [evc, nodeModules] = argv.map(a => path.resolve(a));
  const browser = await launch(nodeModules);
  if (!browser)
    return 0;
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "evc-watch-browser-"));
  try {
    const corpus = path.join(tmp, "small.jsonl"), db = path.join(tmp, "s.db");
    fs.writeFileSync(corpus, execFileSync("python3", [path.join(ROOT, "tests", "store", "corpus.py")]));
    for (const a of [["rus", "--actor", "RUS", "--code", "19"], ["talks", "--code", "04", "--place", "UKR"]])
      execFileSync(evc, ["watch", "add", "--db", db, ...a], {stdio: "ignore"});
    execFileSync(evc, ["ingest", "--db", db, corpus], {stdio: "ignore"});
    const s = await serve(evc, db);
    const page = await browser.newPage({viewport: {width: 1280, height: 900}});
    try {
      await checkPanel(page, s.base);
    } finally {
      await page.close();
      await s.stop();
    }
  } finally {
    await browser.close();
    fs.rmSync(tmp, {recursive: true, force: true});
  }
  console.log(`watch browser: ${counts.passed} passed, ${counts.failed} failed`);
  return counts.failed ? 1 : 0;
}

main(process.argv.slice(2)).then(rc => process.exit(rc), e => {
  console.log("FAIL:", e.stack || e);
  process.exit(1);
});
