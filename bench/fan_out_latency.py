#!/usr/bin/env python3
"""Latency of a fanned-out search against one node holding everything, on one machine.

Starts nats-server and four `braid serve` cluster nodes on loopback: "all" (every shard) and
n0/n1/n2 holding shard 0/1/2 of a 3-shard collection; bulk-loads N synthetic documents through
n0; then times 300 lexical searches (k 10) sequentially on "all" (answers alone) and on n0 (fans
out: itself in-process, n1 and n2 over HTTP), twice each, printing p50 and p99.

    python3 bench/fan_out_latency.py build/braid 30000
"""
import json, os, random, shutil, socket, subprocess, sys, tempfile, time, urllib.request

B = os.path.abspath(sys.argv[1]) if len(sys.argv) > 1 else 'build/braid'
ROOT = tempfile.mkdtemp(prefix='braid-fanout-bench-')
def port():
    s=socket.socket(); s.bind(('127.0.0.1',0)); p=s.getsockname()[1]; s.close(); return p
np=port()
nats=subprocess.Popen(['nats-server','-js','-a','127.0.0.1','-p',str(np),'-sd',ROOT+'/nats'],stdout=subprocess.DEVNULL,stderr=subprocess.DEVNULL)
time.sleep(1)
schema={"name":"docs","id_field":"id","shards":3,"fields":{"title":{"type":"text","analyzer":"english"},"body":{"type":"text","analyzer":"english"},"year":{"type":"integer"}}}
procs=[];ports={}
for name,holds in [('all',None),('n0',[0]),('n1',[1]),('n2',[2])]:
    p=port(); ports[name]=p
    d=f'{ROOT}/{name}'; os.makedirs(d,exist_ok=True)
    c={"node":name,"advertise":f"http://127.0.0.1:{p}","nats":[f"nats://127.0.0.1:{np}"],"replicas":1}
    if holds is not None: c["holds"]=holds
    json.dump({"server":{"port":p,"data_dir":"data"},"cluster":c,"collections":[schema]},open(f'{d}/braid.json','w'))
    procs.append(subprocess.Popen([B,'serve','--config',f'{d}/braid.json'],cwd=d,stdout=subprocess.DEVNULL,stderr=open(f'{d}/err','w')))
def req(p,path,body,ct='application/json'):
    r=urllib.request.Request(f'http://127.0.0.1:{p}{path}',data=body.encode(),headers={'Content-Type':ct},method='POST')
    return json.loads(urllib.request.urlopen(r,timeout=30).read())
for name,p in ports.items():
    for _ in range(100):
        try: urllib.request.urlopen(f'http://127.0.0.1:{p}/health',timeout=1); break
        except Exception: time.sleep(0.2)
rng=random.Random(7)
def words(n): return ' '.join('w%d'%int(rng.random()*rng.random()*5000) for _ in range(n))
N=int(sys.argv[2]) if len(sys.argv)>2 else 30000
seq=0
for b in range(0,N,2000):
    lines=''.join(json.dumps({"id":f"d{i}","title":words(5),"body":words(60),"year":2000+i%20})+'\n' for i in range(b,min(N,b+2000)))
    seq=max(seq,req(ports['n0'],'/collections/docs/documents/_bulk',lines,'application/x-ndjson')['sequence'])
q=[json.dumps({"query":words(3),"k":10,"min_sequence":seq}) for _ in range(300)]
for name in ['all','n0']:
    for _ in range(60):
        try: req(ports[name],'/collections/docs/search',q[0]); break
        except Exception as e: time.sleep(0.5)
for name in ['all','n0','all','n0']:
    t=[]
    for body in q:
        s=time.perf_counter(); req(ports[name],'/collections/docs/search',body); t.append((time.perf_counter()-s)*1000)
    t.sort()
    print(name, 'docs',N,'p50 %.2f ms p99 %.2f ms'%(t[len(t)//2], t[int(len(t)*0.99)]))
for p in procs: p.terminate()
for p in procs: p.wait()
nats.terminate()
nats.wait()
shutil.rmtree(ROOT, ignore_errors=True)
