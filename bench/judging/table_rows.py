#!/usr/bin/env python3
"""Draws rows of the `copydesk sources` table for a judge: runs BIN on every PolNeAR train text
written by texts.py, keeps the table's rows (as shown without --all), draws N at random with
SEED, and writes each with the paragraph where the source first appears and up to three
paragraphs before it. TABLE.md is the instruction the judge of 2026-11-28 (third session) read.

usage: table_rows.py BIN TEXTS_DIR OUT.jsonl N SEED
"""
import json, os, random, re, subprocess, sys

bin_, texts, out, n, seed = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4]), int(sys.argv[5])
ROW = re.compile(r'^(.*?)\s+(named|anonymous|vague|document|other)\s+(\d+)\s+(\d+)\s+(\d+):(\d+)\s*$')
rows = []
for name in sorted(os.listdir(texts)):
    table = subprocess.run([bin_, 'sources', os.path.join(texts, name), '--no-config'],
                           capture_output=True, text=True).stdout
    for line in table.splitlines()[1:]:
        m = ROW.match(line)
        if m and not line.startswith(' '):
            rows.append(dict(file=name[:-4], source=m.group(1).strip(), cls=m.group(2),
                             quoted=int(m.group(3)), cited=int(m.group(4)),
                             line=int(m.group(5)), col=int(m.group(6))))
random.seed(seed)
with open(out, 'w') as o:
    for i, r in enumerate(random.sample(rows, n)):
        lines = open(os.path.join(texts, r['file'] + '.txt'), encoding='utf-8').read().split('\n')
        ln = r['line'] - 1
        before = [x for x in lines[max(0, ln - 6):ln] if x.strip()][-3:]
        o.write(json.dumps(dict(id='%03d' % i, row=r['source'], class_=r['cls'],
                                quoted=r['quoted'], cited=r['cited'], before='\n\n'.join(before),
                                paragraph=lines[ln], column=r['col']), ensure_ascii=False) + '\n')
print(len(rows))
