#!/usr/bin/env python3
"""Scores a battery of news passages against copydesk's anonymity rules.

    bench/battery.py BIN bench/unnamed-battery.tsv [-v]

Each row is `kind`, `source`, `sentence`: kind `unnamed` marks a passage whose unnamed source
(`source`, as written) a finding should overlap; kind `named_or_none` a look-alike no
anonymity finding should touch. Prints how many of each every anonymity rule and the default
rules get right; with -v, the rows they get wrong.
"""
import json
import os
import subprocess
import sys
import tempfile


def main():
    binary, table = sys.argv[1], sys.argv[2]
    verbose = "-v" in sys.argv[3:]
    rules = subprocess.run([binary, "rules"], capture_output=True, text=True, check=True)
    ids = ",".join(
        line.split()[0] for line in rules.stdout.splitlines() if line.startswith("anonymity.")
    )
    rows = [line.split("\t") for line in open(table, encoding="utf-8").read().splitlines()[1:]]
    score = {"unnamed": [0, 0, 0], "named_or_none": [0, 0, 0]}
    with tempfile.TemporaryDirectory() as tmp:
        path = os.path.join(tmp, "row.txt")
        for kind, source, sentence in rows:
            with open(path, "w", encoding="utf-8") as f:
                f.write(sentence + "\n")
            hits = {}
            for mode, select in (("every", ["--select", ids]), ("default", [])):
                run = subprocess.run(
                    [binary, "check", "--no-config", *select, "--format", "json", path],
                    capture_output=True,
                    text=True,
                )
                found = [d for d in json.loads(run.stdout or "[]") if d["rule"].startswith("anonymity.")]
                if kind == "unnamed":
                    raw = sentence.encode()
                    start = raw.find(source.encode())
                    end = start + len(source.encode())
                    found = [d for d in found if d["start"] < end and start < d["end"]]
                hits[mode] = found
            tally = score[kind]
            tally[0] += 1
            tally[1] += bool(hits["every"])
            tally[2] += bool(hits["default"])
            if verbose and (kind == "unnamed") != bool(hits["every"]):
                print(kind, "|", source, "|", sentence, "|", [(d["rule"], d["match"]) for d in hits["every"]])
    n, every, default = score["unnamed"]
    print(f"unnamed sources found: every anonymity rule {every}/{n}, default rules {default}/{n}")
    n, every, default = score["named_or_none"]
    print(f"look-alikes flagged: every anonymity rule {every}/{n}, default rules {default}/{n}")


if __name__ == "__main__":
    main()
