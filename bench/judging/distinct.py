#!/usr/bin/env python3
"""Keeps the findings of one copy of each text (PolNeAR annotates some articles several
times): of files with the same content, the first by name.

usage: distinct.py FINDINGS.json OUT.json
"""
import hashlib
import json
import sys

findings = json.load(open(sys.argv[1], encoding='utf-8'))
seen = set()
keep = set()
for p in sorted({x['path'] for x in findings}):
    h = hashlib.md5(open(p, 'rb').read()).hexdigest()
    if h not in seen:
        seen.add(h)
        keep.add(p)
json.dump([x for x in findings if x['path'] in keep], open(sys.argv[2], 'w', encoding='utf-8'))
