#!/usr/bin/env python3
"""Instructions per call of the extension parser, counted by valgrind's callgrind.

Builds `benches/instructions.rs` in the bench profile, runs it under callgrind with 0 and
with CALLS calls of each operation on each offer, and prints the difference divided by
CALLS: the instructions one call executes, the same on every run of the same binary.

    python3 benches/instructions.py [CALLS]      # default 20000; needs valgrind
"""
import json
import re
import subprocess
import sys

OPERATIONS = ["parse", "one-pass", "negotiate", "readme", "floor"]
OFFERS = ["chromium", "firefox", "four alternatives, every parameter", "refused offers first"]
# The close-code predicates, each over all 65,536 codes per call.
CLOSE_OPERATIONS = ["close-generated", "close-matches", "close-tungstenite"]


def binary():
    out = subprocess.run(
        ["cargo", "bench", "--bench", "instructions", "--no-run", "--message-format=json"],
        check=True, capture_output=True, text=True,
    ).stdout
    for line in out.splitlines():
        message = json.loads(line)
        if message.get("reason") == "compiler-artifact" and message["target"]["name"] == "instructions":
            return message["executable"]
    sys.exit("cargo built no instructions binary")


def count(exe, *args):
    run = subprocess.run(
        ["valgrind", "--tool=callgrind", "--callgrind-out-file=/dev/null", exe, *args],
        capture_output=True, text=True,
    )
    found = re.search(r"Collected : (\d+)", run.stderr)
    if run.returncode != 0 or not found:
        sys.exit(f"callgrind failed on {args}: {run.stderr[-500:]}")
    return int(found.group(1))


def main():
    calls = int(sys.argv[1]) if len(sys.argv) > 1 else 20000
    exe = binary()
    print(f"| operation | offer | instructions per call |")
    print(f"|---|---|---:|")
    for operation in OPERATIONS:
        for index, offer in enumerate(OFFERS):
            base = count(exe, operation, str(index), "0")
            total = count(exe, operation, str(index), str(calls))
            print(f"| {operation} | {offer} | {(total - base) // calls:,} |")
    for operation in CLOSE_OPERATIONS:
        base = count(exe, operation, "0", "0")
        total = count(exe, operation, "0", "20")
        print(f"| {operation} | all 65,536 codes | {(total - base) // 20:,} |")


if __name__ == "__main__":
    main()
