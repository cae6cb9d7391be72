"""Throughput of the Python binding against the CLI on one corpus (run by
bench/python.sh; Debian's /usr/bin/python3 with PYTHONPATH=build/python).

Measures, median of RUNS runs each (the measures interleaved, run by run,
so that load from other processes falls on all alike), at THREADS threads,
events and quotes:
  cli         `evcode code --quotes --threads N CORPUS`, whole process, minus
              the median time of the same command on a one-line input
              (startup and dictionary load)
  dicts       coder.code_many(lines, threads=N): JSON Lines records read as
              bytes, records returned as dicts
  jsonl       the same with jsonl=True (bytes of the CLI's lines)
  dict-input  articles given as dicts (json.loads of each line, timed too)
The Coder is loaded before timing. Prints one line per measure and a
Markdown table row on the last line.

usage: python_bench.py EVCODE CORPUS THREADS RUNS
"""
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time

import evcode


def timed(fn, runs):
    ts = []
    for _ in range(runs):
        t0 = time.perf_counter()
        fn()
        ts.append(time.perf_counter() - t0)
    return statistics.median(ts)


def interleaved(fns, runs):
    """The median seconds of each of fns (a dict), run in turn RUNS times."""
    ts = {k: [] for k in fns}
    for _ in range(runs):
        for k, fn in fns.items():
            t0 = time.perf_counter()
            fn()
            ts[k].append(time.perf_counter() - t0)
    return {k: statistics.median(v) for k, v in ts.items()}


def main():
    evc, corpus, threads, runs = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4])
    with open(corpus, "rb") as f:
        n = sum(1 for ln in f if ln.strip())
    with tempfile.NamedTemporaryFile("w", suffix=".jsonl", delete=False) as one:
        one.write('{"id":"x","text":"Nobody did anything."}\n')
    cmd = [evc, "code", "--quotes", "--threads", str(threads)]
    startup = timed(lambda: subprocess.run(cmd + [one.name], stdout=subprocess.DEVNULL, check=True), max(runs, 9))
    os.unlink(one.name)
    coder = evcode.Coder()

    def lines():
        with open(corpus, "rb") as f:
            for ln in f:
                ln = ln.strip()
                if ln:
                    yield ln

    def dicts():
        for _ in coder.code_many(lines(), threads=threads):
            pass

    def jsonl():
        for _ in coder.code_many(lines(), threads=threads, jsonl=True):
            pass

    def dict_input():
        for _ in coder.code_many(map(json.loads, lines()), threads=threads):
            pass

    def cli():
        subprocess.run(cmd + [corpus], stdout=subprocess.DEVNULL, check=True)

    res = interleaved({"cli": cli, "dicts": dicts, "jsonl": jsonl, "dict-input": dict_input}, runs)
    res["cli"] -= startup
    rate = {k: n / v for k, v in res.items()}
    for k in res:
        print(f"{k}: {rate[k]:.0f} articles/s ({res[k]:.3f} s, {100 * rate[k] / rate['cli']:.0f}% of the CLI)")
    print(f"(CLI startup and load subtracted: {startup * 1000:.0f} ms; {n} articles)")
    cells = " | ".join(f"{rate[k]:.0f} ({100 * rate[k] / rate['cli']:.0f}%)" for k in ("dicts", "jsonl", "dict-input"))
    print(f"| {rate['cli']:.0f} | {cells} |")


if __name__ == "__main__":
    main()
