"""Shared by the Python binding's tests: where the CLI and the tree are."""
import json
import os
import subprocess
import sys

ROOT = os.environ.get("EVC_ROOT") or os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
EVC = os.environ.get("EVC_BIN") or os.path.join(ROOT, "build", "evcode")
SHARED = os.path.join(ROOT, "..", "shared")


def cli(*args, check=True):
    """stdout of `evcode ARGS...` (bytes); exit 0 or 2 allowed unless check is False."""
    p = subprocess.run([EVC, *args], stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    if check and p.returncode not in (0, 2):
        sys.exit(f"evcode {' '.join(args)} exited {p.returncode}: {p.stderr.decode()}")
    return p.stdout


def records(data):
    """json.loads of each line."""
    return [json.loads(line) for line in data.decode("utf-8").splitlines()]
