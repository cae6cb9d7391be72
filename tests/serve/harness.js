/*
 * What the browser tests share (tests/serve/browser.js, tests/watch/browser.js):
 * counted checks, Debian's chromium under playwright-core, `evcode serve` on
 * a free port, and JSON from its API.
 */
"use strict";
const fs = require("fs");
const path = require("path");
const {spawn} = require("child_process");

const counts = {passed: 0, failed: 0};

function check(cond, what) {
  if (cond) counts.passed++;
  else {
    counts.failed++;
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

/* Headless chromium driven by the playwright-core of nodeModules, or null
 * (after printing "skipped: chromium not found") when there is none. As
 * root, chromium needs --no-sandbox. */
async function launch(nodeModules) {
  const chromium = findChromium();
  if (!chromium) {
    console.log("skipped: chromium not found");
    return null;
  }
  const {chromium: driver} = require(path.join(nodeModules, "playwright-core"));
  const args = ["--disable-gpu", "--disable-dev-shm-usage"].concat(process.getuid() === 0 ? ["--no-sandbox"] : []);
  return driver.launch({executablePath: chromium, headless: true, args});
}

/* `evcode serve --port 0` over db; resolves to {base, stop()}: stop sends
 * SIGTERM and checks the exit status is 0 (SIGKILL after 60 s). */
function serve(evc, db) {
  return new Promise((resolve, reject) => {
    const proc = spawn(evc, ["serve", "--db", db, "--port", "0"], {stdio: ["ignore", "pipe", "pipe"]});
    let out = "", err = "";
    proc.stderr.on("data", d => { err += d; });
    proc.stdout.on("data", d => {
      out += d;
      const m = out.match(/(http:\/\/127\.0\.0\.1:\d+)\//);
      if (m) resolve({base: m[1], stop: () => stopServer(proc, () => err)});
    });
    proc.on("exit", code => reject(new Error(`serve exited (${code}) before listening: ${err}`)));
  });
}

function stopServer(proc, stderr) {
  return new Promise(resolve => {
    const timer = setTimeout(() => proc.kill("SIGKILL"), 60000);
    proc.removeAllListeners("exit");
    proc.on("exit", code => {
      clearTimeout(timer);
      check(code === 0, `serve exit status ${code} after SIGTERM: ${stderr().slice(-2000)}`);
      resolve();
    });
    proc.kill("SIGTERM");
  });
}

/* A GET that fails before any response (a kept-alive socket the server
 * closed while idle: civetweb closes them after 500 ms, Node reuses them
 * for 4 s) is sent once more, on a new connection. */
async function getJSON(base, route) {
  let r;
  try {
    r = await fetch(base + route);
  } catch (e) {
    r = await fetch(base + route, {headers: {connection: "close"}});
  }
  check(r.ok, `${route}: ${r.status}`);
  return r.json();
}

module.exports = {counts, check, launch, serve, getJSON};
