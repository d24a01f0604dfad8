#!/usr/bin/env python3
"""Gives each finding of `copydesk check --format json` the context a judge reads (headline,
previous paragraph, the paragraph with the span marked [[...]], the message, help and note),
and with N and SEED draws a sample stratified by rule: in proportion to how often each rule
fires, at least two per rule. A paragraph longer than 2,500 characters is cut around the span.

usage: mkctx.py FINDINGS.json OUT.jsonl [N SEED]
"""
import json, sys, random, re, collections
d = json.load(open(sys.argv[1]))
out = open(sys.argv[2], 'w')
def para_bounds(b, s):
    # paragraphs separated by blank lines
    starts = [0] + [m.end() for m in re.finditer(rb'\n\s*\n', b)]
    ends = [m.start() for m in re.finditer(rb'\n\s*\n', b)] + [len(b)]
    for i,(a,e) in enumerate(zip(starts, ends)):
        if a <= s <= e: return i, starts, ends
    return len(starts)-1, starts, ends
items = []
for k, x in enumerate(d):
    b = open(x['path'], 'rb').read()
    i, starts, ends = para_bounds(b, x['start'])
    p = b[starts[i]:ends[i]]
    s, e = x['start'] - starts[i], x['end'] - starts[i]
    marked = (p[:s] + b'[[' + p[s:e] + b']]' + p[e:]).decode('utf-8', 'replace')
    prev = b[starts[i-1]:ends[i-1]].decode('utf-8','replace') if i > 0 else ''
    headline = b[:ends[0]].decode('utf-8','replace')[:300]
    sec = [ (sx.get('label') or '') + ': ' + b[sx['start']:sx['end']].decode('utf-8','replace')[:200] for sx in x.get('secondary', [])[:6]]
    items.append(dict(key='%s:%d:%d:%s' % (x['path'].split('/')[-1], x['start'], x['end'], x['rule']),
        rule=x['rule'], severity=x['severity'], message=x['message'], help=x.get('help'), note=x.get('note'),
        headline=headline, paragraph_index=i, previous_paragraph=prev[-1200:], paragraph=(marked if len(marked)<=2500 else ('…' if s>1500 else '')+marked[max(0,s-1500):s+1000]+'…'), secondary=sec))
if len(sys.argv) > 3:
    n, seed = int(sys.argv[3]), int(sys.argv[4])
    random.seed(seed)
    by = collections.defaultdict(list)
    for it in items: by[it['rule']].append(it)
    # proportional allocation with at least 2 per rule
    tot = len(items); alloc = {r: min(len(v), max(2, round(n*len(v)/tot))) for r,v in by.items()}
    while sum(alloc.values()) > n:
        r = max(alloc, key=lambda r: alloc[r]); alloc[r] -= 1
    while sum(alloc.values()) < n:
        r = max(alloc, key=lambda r: len(by[r])/tot*n-alloc[r]); alloc[r] += 1
    items = [it for r,v in by.items() for it in random.sample(v, min(len(v), alloc[r]))]
    random.shuffle(items)
for j, it in enumerate(items):
    it['id'] = j
    out.write(json.dumps(it, ensure_ascii=False) + '\n')
print(len(items))
