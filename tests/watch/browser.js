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
const {spawn, execFileSync} = require("child_process");

const ROOT = path.resolve(__dirname, "..", "..");
let passed = 0, failed = 0;

function check(cond, what) {
  if (cond) passed++;
  else {
    failed++;
    console.log("FAIL:", what);
  }
  return cond;
}

function findChromium() {
  for (const dir of (process.env.PATH || "").split(":").concat(["/usr/bin"]))
    for (const name of ["chromium", "chromium-browser"]) {
      const p = path.join(dir, name);
      try {
        fs.accessSync(p, fs.constants.X_OK);
        return p;
      } catch (e) { /* next */ }
    }
  return null;
}

/* `evcode serve --port 0` over db: resolves to {base, proc}. */
function serve(evc, db) {
  return new Promise((resolve, reject) => {
    const proc = spawn(evc, ["serve", "--db", db, "--port", "0"], {stdio: ["ignore", "pipe", "inherit"]});
    let out = "";
    proc.stdout.on("data", d => {
      out += d;
      const m = out.match(/(http:\/\/127\.0\.0\.1:\d+)\//);
      if (m) resolve({base: m[1], proc});
    });
    proc.on("exit", code => reject(new Error(`serve exited (${code}) before listening`)));
  });
}

function stop(proc) {
  return new Promise(resolve => {
    proc.removeAllListeners("exit");
    proc.on("exit", code => {
      check(code === 0, `serve exit status ${code} after SIGTERM`);
      resolve();
    });
    proc.kill("SIGTERM");
  });
}

async function getJSON(base, route) {
  const r = await fetch(base + route);
  check(r.ok, `${route}: ${r.status}`);
  return r.json();
}

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
  const chromium = findChromium();
  if (!chromium) {
    console.log("skipped: chromium not found");
    return 0;
  }
  const {chromium: driver} = require(path.join(nodeModules, "playwright-core"));
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "evc-watch-browser-"));
  const args = ["--disable-gpu", "--disable-dev-shm-usage"].concat(process.getuid() === 0 ? ["--no-sandbox"] : []);
  const browser = await driver.launch({executablePath: chromium, headless: true, args});
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
      await stop(s.proc);
    }
  } finally {
    await browser.close();
    fs.rmSync(tmp, {recursive: true, force: true});
  }
  console.log(`watch browser: ${passed} passed, ${failed} failed`);
  return failed ? 1 : 0;
}

main(process.argv.slice(2)).then(rc => process.exit(rc), e => {
  console.log("FAIL:", e.stack || e);
  process.exit(1);
});
