#!/usr/bin/env python3
"""Writes each PolNeAR train text to OUT/NNNN.txt (NNNN: its 0-based line in the jsonl), the
files the hand-judged samples are drawn from.

usage: texts.py ../../../shared/eval/polnear-train.jsonl OUT
"""
import json
import os
import sys

src, out = sys.argv[1], sys.argv[2]
os.makedirs(out, exist_ok=True)
with open(src, encoding='utf-8') as f:
    for i, line in enumerate(f):
        with open(os.path.join(out, '%04d.txt' % i), 'w', encoding='utf-8') as t:
            t.write(json.loads(line)['text'])
