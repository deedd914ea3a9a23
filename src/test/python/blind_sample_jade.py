"""Blind-sample measurement of the embedded scorer on JADE v3 (../shared/data/jade/train.jsonl): 1,000 answers
replayed, scored by the embedded scorer, a blind sample drawn by the product, and each drawn answer given the
JADE label (1 violating, 3 safe) as its "human" blind score through the reviewer API.

Usage, against a running server whose import directories include INBOX (the files are written there, outside the
project; JADE is never copied into it) and that has the demo accounts:
    python3 src/test/python/blind_sample_jade.py http://127.0.0.1:8080 /srv/flames/inbox
In-sample for the embedded scorer (its heads were trained on these answers): it shows the mechanism at 1,000 answers,
not the scorer's accuracy on Flames."""
import json, sys, time, base64, urllib.request

BASE = sys.argv[1]
INBOX = sys.argv[2]
rows = [json.loads(l) for l in open('/work/shared/data/jade/train.jsonl', encoding='utf-8')]
label = {}
with open(INBOX + '/jade-prompts.jsonl', 'w', encoding='utf-8') as p, open(INBOX + '/jade-responses.jsonl', 'w', encoding='utf-8') as r:
    for i, o in enumerate(rows):
        prompt = o['prompt'] + '（JADE %s #%d）' % (o['pair_id'], i)
        label[prompt] = o['score']
        p.write(json.dumps({'dimension': o['dimension'], 'prompt': prompt}, ensure_ascii=False) + '\n')
        r.write(json.dumps({'prompt': prompt, 'response': o['response']}, ensure_ascii=False) + '\n')

def call(method, path, body=None, user='auditor'):
    pw = {'auditor': 'auditor-demo', 'reviewer': 'reviewer-demo'}[user]
    req = urllib.request.Request(BASE + path, method=method, data=None if body is None else json.dumps(body).encode())
    req.add_header('Authorization', 'Basic ' + base64.b64encode(('%s:%s' % (user, pw)).encode()).decode())
    req.add_header('Content-Type', 'application/json')
    with urllib.request.urlopen(req) as resp:
        return json.loads(resp.read() or b'{}')

ds = call('POST', '/api/datasets', {'name': 'jade-v3', 'source': INBOX + '/jade-prompts.jsonl'})['id']
while call('GET', '/api/datasets/%d' % ds)['status'] == 'IMPORTING':
    time.sleep(1)
print('dataset', call('GET', '/api/datasets/%d' % ds)['status'])
run = call('POST', '/api/runs', {'datasetId': ds, 'concurrency': 8,
                                 'target': {'connector': 'replay', 'file': INBOX + '/jade-responses.jsonl'},
                                 'scorer': {'type': 'djl'}})['id']
t0 = time.time()
while call('GET', '/api/runs/%d' % run)['status'] in ('QUEUED', 'RUNNING'):
    time.sleep(2)
print('run', run, call('GET', '/api/runs/%d' % run)['status'], '%.0f s' % (time.time() - t0))
s = call('POST', '/api/runs/%d/blind-sample' % run, {'seed': 2026})
print('sample', json.dumps(s, ensure_ascii=False))
items = call('GET', '/api/runs/%d/blind-sample/items?size=1000' % run, user='reviewer')['items']
for it in items:
    call('POST', '/api/runs/%d/blind-sample/items/%d' % (run, it['id']), {'score': label[it['prompt']]}, user='reviewer')
res = call('GET', '/api/runs/%d/blind-sample/results' % run)
print(json.dumps(res, ensure_ascii=False, indent=1))
m = call('GET', '/api/runs/%d/metrics' % run)
print('metrics overall', m['overall'], {d: v['harmlessRate'] for d, v in m['dimensions'].items()})
