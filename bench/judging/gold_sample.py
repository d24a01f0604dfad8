#!/usr/bin/env python3
"""Draws a fresh sample of gold sources from PolNeAR train for blind class labelling, disjoint
from the two labelled samples in `bench/`:

    gold_sample.py POLNEAR.jsonl OUT.jsonl KEY.tsv N SEED [RESIDUE]

The attributions with a gold source are numbered in file order; those whose number is RESIDUE
(default 5) more than a multiple of 20, and not in `polnear-source-classes.tsv` or `-2.tsv`,
are the pool (the second sample took 10 more than a multiple of 20). N of them are drawn with
SEED and shuffled. Each labeller reads the source (in [[ ]]) and its gold cue (in {{ }}) in its
paragraph, never copydesk's output, and answers by `CLASSES.md`. KEY maps each id to the line
in the jsonl, the attribution id and the source span in code points (the columns of the
labelled samples).
"""
import json
import random
import sys

from gold_unnamed import marked


def main():
    polnear, out, keyfile, n, seed = sys.argv[1:6]
    residue = int(sys.argv[6]) if len(sys.argv) > 6 else 5
    docs = [json.loads(l) for l in open(polnear)]
    labelled = set()
    for name in ("polnear-source-classes.tsv", "polnear-source-classes-2.tsv"):
        for line in open("bench/" + name).read().splitlines()[1:]:
            p = line.split("\t")
            labelled.add((int(p[0]), p[2]))
    pool, k = [], 0
    for li, d in enumerate(docs):
        for a in d["attributions"]:
            if not a.get("source"):
                continue
            if k % 20 == residue and (li, a["id"]) not in labelled:
                pool.append((li, a["id"]))
            k += 1
    random.seed(int(seed))
    rows = random.sample(pool, min(int(n), len(pool)))
    lines, keys = [], []
    for i, (li, aid) in enumerate(rows, 1):
        t = docs[li]["text"]
        g = next(a for a in docs[li]["attributions"] if a["id"] == aid)
        s = g["source"]
        text = marked(t, g)
        # The story's opening, so a headline or an earlier mention can tell who is meant.
        head = t[: min(len(t), 300)].replace("\n", " ")
        lines.append(json.dumps({"id": i, "source": t[s["start"]:s["end"]],
                                 "story_opening": head, "context": text},
                                ensure_ascii=False))
        keys.append(f"{i}\t{li}\t{docs[li]['doc']}\t{aid}\t{s['start']}\t{s['end']}")
    open(out, "w").write("\n".join(lines) + "\n")
    open(keyfile, "w").write("\n".join(keys) + "\n")


if __name__ == "__main__":
    main()
