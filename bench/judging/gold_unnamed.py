#!/usr/bin/env python3
"""Draws, for blind judging, every gold source we labelled unnamed (anonymous or vague) in
`bench/polnear-source-classes.tsv` and `-2.tsv`: is it given as a source at all?

    gold_unnamed.py POLNEAR.jsonl OUT.jsonl KEY.tsv SEED

PolNeAR marks as an attribution far more than sourcing: "a woman asked for a photo", "an easy
pass" for voters of color. #3 defines an anonymous source as one "given as the source of
information", and a vague one as a group "standing in for a source". The judge reads each gold
source (in [[ ]]) and its gold cue (in {{ }}) in its paragraph, never copydesk's output, and
answers by `GOLD_UNNAMED.md`. The items are shuffled with SEED; KEY maps each id to the
sample, line and attribution id of the labels file.
"""
import json
import random
import sys


def marked(t, g):
    """The paragraph around a gold attribution `g` of text `t` (up to 500 characters before and
    300 after), with its source in [[ ]] and its cue, if any, in {{ }}."""
    marks = [(g["source"]["start"], "[["), (g["source"]["end"], "]]")]
    if g.get("cue"):
        marks += [(g["cue"]["start"], "{{"), (g["cue"]["end"], "}}")]
    lo = min(m[0] for m in marks)
    hi = max(m[0] for m in marks)
    ps = max(t.rfind("\n", 0, lo) + 1, lo - 500)
    pe = t.find("\n", hi)
    pe = min(len(t) if pe < 0 else pe, hi + 300)
    # Closing marks before opening ones at the same place, innermost last.
    text, at = "", ps
    for pos, m in sorted(marks, key=lambda m: (m[0], m[1] in ("[[", "{{"))):
        text += t[at:pos] + m
        at = pos
    return text + t[at:pe]


def main():
    polnear, out, keyfile, seed = sys.argv[1:5]
    docs = [json.loads(l) for l in open(polnear)]
    rows = []
    for sample, name in ((1, "polnear-source-classes.tsv"), (2, "polnear-source-classes-2.tsv")):
        for line in open("bench/" + name).read().splitlines()[1:]:
            p = line.split("\t")
            if p[5] in ("anonymous", "vague"):
                rows.append((sample, int(p[0]), p[2]))
    random.seed(int(seed))
    random.shuffle(rows)
    lines, keys = [], []
    for i, (sample, li, aid) in enumerate(rows, 1):
        t = docs[li]["text"]
        g = next(a for a in docs[li]["attributions"] if a["id"] == aid)
        text = marked(t, g)
        lines.append(json.dumps({"id": i, "source": t[g["source"]["start"]:g["source"]["end"]],
                                 "context": text}, ensure_ascii=False))
        keys.append(f"{i}\t{sample}\t{li}\t{aid}")
    open(out, "w").write("\n".join(lines) + "\n")
    open(keyfile, "w").write("\n".join(keys) + "\n")


if __name__ == "__main__":
    main()
