#!/usr/bin/env python3
"""Draws the blind sample for judging what a change to `anonymity.unnamed-source` adds.

    unnamed_sample.py BEFORE.json AFTER.json OUT.jsonl KEY.tsv N_NEW N_OLD SEED [EXCLUDE.tsv ...]

BEFORE and AFTER are `copydesk check --no-config --select anonymity.unnamed-source
--format json` over the PolNeAR train texts (`texts.py`) before and after the change. A
finding is new when AFTER has it and BEFORE does not, old when both have it. One copy of
each (the same 80 bytes around it in a repeated article) is kept, leaving out those already
drawn in the EXCLUDE keys. N_NEW new and N_OLD old are drawn (seeds SEED and SEED + 1) and
shuffled together (SEED + 2), so the judge cannot tell which is which. OUT holds what the
judge reads (id, phrase, context with the phrase in [[ ]]); KEY maps each id to its group
and finding. The judge is given `UNNAMED.md`.
"""
import json
import random
import sys


def around(d):
    t = open(d["path"], "rb").read()
    return t[max(0, d["start"] - 80) : d["end"] + 80]


def main():
    before, after, out, keyfile, n_new, n_old, seed = sys.argv[1:8]
    n_new, n_old, seed = int(n_new), int(n_old), int(seed)
    seen = set()
    for k in sys.argv[8:]:
        for line in open(k).read().splitlines():
            _, _, path, start, end = line.split("\t")
            seen.add(around({"path": path, "start": int(start), "end": int(end)}))
    key = lambda d: (d["path"], d["start"], d["end"])
    had = {key(d) for d in json.load(open(before))}
    new, old = [], []
    for d in json.load(open(after)):
        k = around(d)
        if k in seen:
            continue
        seen.add(k)
        (old if key(d) in had else new).append(d)
    random.seed(seed)
    items = [("new", d) for d in random.sample(new, n_new)]
    random.seed(seed + 1)
    items += [("old", d) for d in random.sample(old, n_old)]
    random.seed(seed + 2)
    random.shuffle(items)
    lines, keys = [], []
    for i, (group, d) in enumerate(items, 1):
        t = open(d["path"], "rb").read()
        st, en = d["start"], d["end"]
        ps = max(t.rfind(b"\n", 0, st) + 1, st - 400)
        pe = t.find(b"\n", en)
        pe = min(len(t) if pe < 0 else pe, en + 300)
        text = lambda a, b: t[a:b].decode("utf-8", "replace")
        context = text(ps, st) + "[[" + text(st, en) + "]]" + text(en, pe)
        lines.append(json.dumps({"id": i, "phrase": text(st, en), "context": context}, ensure_ascii=False))
        keys.append(f"{i}\t{group}\t{d['path']}\t{st}\t{en}")
    open(out, "w").write("\n".join(lines) + "\n")
    open(keyfile, "w").write("\n".join(keys) + "\n")


if __name__ == "__main__":
    main()
