#!/usr/bin/env python3
"""Search through a braid cluster on one machine (issue 16's evidence), with wrk.

  replicas: SciFact (5,183 documents, 256-d vectors) on 3 braid nodes that each hold everything,
            searched directly on one node, then through HAProxy (deploy/haproxy/haproxy.cfg as
            shipped, moved onto loopback) over 1, 2 and 3 of them; lexical, dense and hybrid.
            On one machine this shows what the balancer and the extra nodes cost, not scale.
  shards:   a synthetic corpus (default 1,000,000 documents of ~60 Zipf words, like
            bench/lexical_synthetic_corpus.hpp) in a collection of 1 shard on one node, then of
            3 shards on 3 nodes holding one shard each: load time, then lexical search latency
            (POST /collections/{name}/search on one node, which fans out to the others).

One nats-server (JetStream R1) carries the streams. The servers (nats-server, braid nodes,
HAProxy) run on --server-cpus and wrk on --wrk-cpus (taskset), so wrk does not take the
servers' core; with 2 cores that is one core for every server process and one for wrk.

usage: bench/cluster_search.py replicas [--braid build/braid] [--duration 10]
       bench/cluster_search.py shards [--docs 1000000] [--duration 10]
"""
import argparse
import http.client
import json
import os
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import loopback  # noqa: E402
from loopback import free_port  # noqa: E402

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
LOAD_DIR = os.path.join(REPO, "bench", "load")
SHIPPED_HAPROXY = os.path.join(REPO, "deploy", "haproxy", "haproxy.cfg")
ANALYZERS = {"en": {"tokenizer": "icu", "filters": ["nfkc_casefold", {"stop": "english"}, {"stem": "english"}]}}


def wait_port(port, timeout=60):
    loopback.wait_port(port, timeout)


def request(port, method, path, body=None, content_type="application/json", timeout=600):
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
    try:
        conn.request(method, path, body, {"Content-Type": content_type} if body is not None else {})
        r = conn.getresponse()
        return r.status, r.read().decode()
    finally:
        conn.close()


class Machine:
    """The processes of one run, pinned and niced as asked; all killed at the end."""

    def __init__(self, args):
        self.args = args
        self.root = tempfile.mkdtemp(prefix="braid-cluster-bench-")
        self.procs = []

    def prefix(self):
        p = []
        if self.args.nice:
            p += ["nice", "-n", str(self.args.nice)]
        if self.args.server_cpus:
            p += ["taskset", "-c", self.args.server_cpus]
        return p

    def start(self, argv, log_name):
        log = open(os.path.join(self.root, log_name), "w")
        proc = subprocess.Popen(self.prefix() + argv, stdout=log, stderr=subprocess.STDOUT)
        self.procs.append(proc)
        return proc

    def stop(self, proc):
        proc.kill()
        proc.wait()
        self.procs.remove(proc)

    def close(self):
        for p in list(self.procs):
            self.stop(p)
        shutil.rmtree(self.root, ignore_errors=True)


def start_nats(machine):
    port = free_port()
    store = os.path.join(machine.root, "nats")
    os.makedirs(store)
    # deploy/nats's max_payload: a bulk batch of 1,000 SciFact lines with vectors is ~4 MB, over
    # nats-server's 1 MB default.
    shipped = open(os.path.join(REPO, "deploy", "nats", "nats-1.conf")).read()
    conf = os.path.join(machine.root, "nats.conf")
    with open(conf, "w") as f:
        f.write(re.search(r"^max_payload:.*$", shipped, re.M).group(0) + "\n")
    machine.start(["nats-server", "-c", conf, "-js", "-a", "127.0.0.1", "-p", str(port), "-sd", store, "-n", "nats-1"],
                  "nats.log")
    wait_port(port)
    return f"nats://127.0.0.1:{port}"


def start_node(machine, name, nats, collection, holds=None):
    port = free_port()
    folder = os.path.join(machine.root, name)
    os.makedirs(folder)
    cluster = {"node": name, "advertise": f"http://127.0.0.1:{port}", "nats": [nats], "replicas": 1}
    if holds is not None:
        cluster["holds"] = holds
    config = {"server": {"host": "127.0.0.1", "port": port, "data_dir": os.path.join(folder, "data"),
                         "max_body_bytes": 67108864, "max_k": 1000},
              "analyzers": ANALYZERS, "cluster": cluster, "collections": [collection]}
    path = os.path.join(folder, "braid.json")
    with open(path, "w") as f:
        json.dump(config, f)
    proc = machine.start([os.path.abspath(machine.args.braid), "serve", "--config", path], f"{name}.log")
    wait_port(port, 120)
    return port, proc


def local_haproxy_config(node_ports, frontend, stats):
    """deploy/haproxy/haproxy.cfg on loopback: the same rewrite as tests/deploy/local_haproxy_config.cpp;
    `server` lines past len(node_ports) are left out (fewer replicas)."""
    out, section, servers = [], "", 0
    for line in open(SHIPPED_HAPROXY).read().splitlines():
        text = line.strip()
        if line and not line[0].isspace() and not line.startswith("#"):
            section = line
        if section.startswith("global") and re.match(r"(user|group|stats socket|log) ", text):
            continue
        if section.startswith("global") and text.startswith("maxconn "):
            out.append("    maxconn 1000")
            continue
        if section.startswith("frontend braid") and text.startswith("bind "):
            out.append(f"    bind 127.0.0.1:{frontend}")
            continue
        if section.startswith("frontend stats") and text.startswith("bind "):
            out.append(f"    bind 127.0.0.1:{stats}")
            continue
        if section.startswith("backend braid_nodes") and text.startswith("server "):
            _, name, _, *rest = text.split()
            if servers < len(node_ports):
                out.append(f"    server {name} 127.0.0.1:{node_ports[servers]} " + " ".join(rest))
            servers += 1
            continue
        out.append(line)
    if servers != 3:
        raise RuntimeError(f"deploy/haproxy/haproxy.cfg changed shape: {servers} server lines")
    return "\n".join(out) + "\n"


def start_haproxy(machine, node_ports):
    frontend, stats = free_port(), free_port()
    path = os.path.join(machine.root, f"haproxy-{len(node_ports)}.cfg")
    with open(path, "w") as f:
        f.write(local_haproxy_config(node_ports, frontend, stats))
    haproxy = shutil.which("haproxy") or "/usr/sbin/haproxy"
    proc = machine.start([haproxy, "-db", "-f", path], f"haproxy-{len(node_ports)}.log")
    wait_port(frontend)
    # Servers start UP; wait for the first checks so that no request meets a server being checked in.
    deadline = time.time() + 20
    while time.time() < deadline:
        status, body = request(stats, "GET", "/stats;csv")
        rows = [r.split(",") for r in body.splitlines()[1:]]
        up = [r for r in rows if r[0] == "braid_nodes" and r[1].startswith("braid-") and r[17] == "UP"]
        if len(up) == len(node_ports):
            break
        time.sleep(0.2)
    return proc, frontend


def bulk_load(port, collection, lines, batch):
    """POSTs NDJSON lines in bodies of `batch`; returns the last sequence and the seconds taken."""
    started, last, body = time.perf_counter(), 0, []

    def send():
        status, answer = request(port, "POST", f"/collections/{collection}/documents/_bulk", "".join(body),
                                 "application/x-ndjson")
        if status == 503 and '"sequence_not_applied"' in answer:
            # Stored by the stream, not yet applied on this node (docs/cluster.md): go on, the
            # caller waits for the documents.
            return int(re.search(r"sequence (\d+)", answer).group(1))
        if status != 200:
            raise RuntimeError(f"bulk answered {status}: {answer[:300]}")
        reply = json.loads(answer)
        if reply.get("failed"):
            raise RuntimeError(f"bulk failed lines: {answer[:300]}")
        return reply["sequence"]

    for line in lines:
        body.append(line)
        if len(body) == batch:
            last = max(last, send())
            body = []
    if body:
        last = max(last, send())
    return last, time.perf_counter() - started


def documents_on(port, collection):
    status, body = request(port, "GET", f"/collections/{collection}")
    return json.loads(body)["stats"]["documents"] if status == 200 else -1


def wait_documents(ports, collection, total, timeout=3600):
    deadline = time.time() + timeout
    while time.time() < deadline:
        counts = [documents_on(p, collection) for p in ports]
        if sum(counts) == total:
            return
        time.sleep(0.5)
    raise RuntimeError(f"{collection}: {counts} documents, {total} expected")


def write_bodies(path, bodies):
    with open(path, "w") as out:
        out.write("return {\n")
        for body in bodies:
            out.write('"' + body.replace("\\", "\\\\").replace('"', '\\"') + '",\n')
        out.write("}\n")


def wrk(args, port, collection, bodies_lua, connections):
    cmd = []
    if args.wrk_cpus:
        cmd += ["taskset", "-c", args.wrk_cpus]
    cmd += ["wrk", f"-t{args.wrk_threads}", f"-c{connections}", f"-d{args.duration}s", "--latency",
            "-s", os.path.join(LOAD_DIR, "hybrid_search.lua"), f"http://127.0.0.1:{port}"]
    env = dict(os.environ, BRAID_LOAD_DIR=LOAD_DIR, BRAID_BODIES=bodies_lua, BRAID_COLLECTION=collection)
    out = subprocess.run(cmd, env=env, capture_output=True, text=True, check=True).stdout
    line = next(l for l in out.splitlines() if l.startswith("RESULT"))
    fields = dict(kv.split("=") for kv in line.split()[1:])
    errors = sum(int(fields[k]) for k in ("non2xx", "connect_errors", "read_errors", "write_errors", "timeouts"))
    return float(fields["rps"]), float(fields["p50_ms"]), float(fields["p99_ms"]), errors


def cores_note(args):
    note = f"{os.cpu_count()} cores; servers on CPU {args.server_cpus or 'any'}, wrk on CPU {args.wrk_cpus or 'any'}"
    if args.nice:
        note += f", servers at nice {args.nice}"
    return note + f"; load average {open('/proc/loadavg').read().split()[0]} at the start"


def check_answer(port, collection, body):
    status, answer = request(port, "POST", f"/collections/{collection}/search", body)
    if status != 200:
        return f"{status} {answer[:300]}"
    return None


# --- replicas --------------------------------------------------------------------------------

def scifact_lines(dataset):
    with open(os.path.join(dataset, "corpus.lsa256.jsonl")) as corpus:
        for line in corpus:
            doc = json.loads(line)
            yield json.dumps({"_id": doc["_id"], "title": doc.get("title", ""), "text": doc.get("text", ""),
                              "embedding": doc["embedding"]}, separators=(",", ":")) + "\n"


def run_replicas(args):
    dataset = os.path.abspath(args.dataset)
    if not os.path.exists(os.path.join(dataset, "corpus.lsa256.jsonl")):
        print(f"SciFact is absent ({dataset}/corpus.lsa256.jsonl): nothing measured", file=sys.stderr)
        return 77
    collection = {"name": "scifact", "id_field": "_id",
                  "fields": {"title": {"type": "text", "analyzer": "en"}, "text": {"type": "text", "analyzer": "en"}},
                  "vector": {"field": "embedding", "dimension": 256, "metric": "cosine",
                             "index": {"type": "hnsw", "m": 32, "ef_construction": 200, "ef_search": 100}},
                  "bm25": {"k1": 0.9, "b": 0.4}}
    machine = Machine(args)
    try:
        print(f"== {cores_note(args)}", file=sys.stderr)
        nats = start_nats(machine)
        ports = [start_node(machine, f"n{i + 1}", nats, collection)[0] for i in range(3)]
        last, seconds = bulk_load(ports[0], "scifact", scifact_lines(dataset), 1000)
        wait_documents(ports[:1], "scifact", 5183)
        for p in ports[1:]:
            wait_documents([p], "scifact", 5183)
        print(f"== SciFact loaded through n1 in {seconds:.1f} s (sequence {last}), applied on 3 nodes", file=sys.stderr)
        bodies = {}
        for mode in ("lexical", "dense", "hybrid"):
            bodies[mode] = os.path.join(machine.root, f"{mode}.lua")
            subprocess.run([sys.executable, os.path.join(LOAD_DIR, "make_bodies.py"),
                            os.path.join(dataset, "queries.lsa256.jsonl"), bodies[mode], "10", "100", mode], check=True,
                           stderr=subprocess.DEVNULL)
        print(f"| path | mode | q/s | p50 ms | p99 ms | errors |")
        print("|---|---|---|---|---|---|")
        targets = [("direct to n1 (no HAProxy)", None)] + [(f"HAProxy, {n} node{'s' if n > 1 else ''}", n) for n in (1, 2, 3)]
        for label, count in targets:
            haproxy = None
            port = ports[0]
            if count:
                haproxy, port = start_haproxy(machine, ports[:count])
            for mode in ("lexical", "dense", "hybrid"):
                # The first body of the Lua table, its string literal undone.
                first = re.sub(r"\\(.)", r"\1", open(bodies[mode]).readlines()[1].strip().rstrip(",")[1:-1])
                status, answer = request(port, "POST", "/collections/scifact/search", first)
                if status != 200 or len(json.loads(answer)["hits"]) != 10:
                    raise RuntimeError(f"{label}, {mode}: {status} {answer[:300]}")
                rps, p50, p99, errors = wrk(args, port, "scifact", bodies[mode], args.connections)
                print(f"| {label} | {mode} | {rps:,.0f} | {p50:.2f} | {p99:.2f} | {errors} |", flush=True)
            if haproxy:
                machine.stop(haproxy)
    finally:
        machine.close()
    return 0


# --- shards ----------------------------------------------------------------------------------

class ZipfCorpus:
    """bench/lexical_synthetic_corpus.hpp's law in numpy: Zipf ranks over `vocabulary` words,
    lengths ~N(60, 22) clamped to 8..200, letter-code words (frequent ranks short)."""

    def __init__(self, vocabulary, seed):
        import numpy
        self.np = numpy
        self.rng = numpy.random.default_rng(seed)
        weights = 1.0 / numpy.arange(1, vocabulary + 1)
        self.cdf = numpy.cumsum(weights) / weights.sum()
        self.words = numpy.array([self.word(r) for r in range(vocabulary)], dtype=object)

    @staticmethod
    def word(rank):
        w = ""
        while True:
            w += chr(ord("a") + rank % 26)
            rank //= 26
            if rank == 0:
                return w + "x"

    def draw(self, n):
        return self.np.minimum(self.np.searchsorted(self.cdf, self.rng.random(n)), len(self.cdf) - 1)

    def lines(self, docs, chunk=10000):
        np = self.np
        for start in range(0, docs, chunk):
            n = min(chunk, docs - start)
            lengths = np.clip(np.rint(self.rng.normal(60.0, 22.0, n)), 8, 200).astype(int)
            ranks = self.draw(int(lengths.sum()))
            offset = 0
            for i, length in enumerate(lengths):
                text = " ".join(self.words[ranks[offset:offset + length]])
                offset += length
                yield '{"id":"d%d","body":"%s"}\n' % (start + i, text)

    def queries(self, count):
        out = []
        while len(out) < count:
            n = int(self.rng.integers(2, 9))
            ids = []
            while len(ids) < n:
                r = int(self.draw(1)[0])
                if r >= 50 and r not in ids:
                    ids.append(r)
            out.append(" ".join(self.words[ids]))
        return out


def run_shards(args):
    machine = Machine(args)
    try:
        print(f"== {cores_note(args)}", file=sys.stderr)
        nats = start_nats(machine)
        queries = ZipfCorpus(args.vocabulary, args.seed + 1).queries(300)
        lua = os.path.join(machine.root, "queries.lua")
        write_bodies(lua, [json.dumps({"query": q, "k": 10}, separators=(",", ":")) for q in queries])
        print("| shards | nodes | load s (docs/s) | connections | q/s | p50 ms | p99 ms | errors |")
        print("|---|---|---|---|---|---|---|---|")
        for shards in args.shards:
            name = f"synthetic{shards}"
            collection = {"name": name, "id_field": "id", "shards": shards,
                          "fields": {"body": {"type": "text", "analyzer": "en"}}}
            nodes = [start_node(machine, f"{name}-n{i + 1}", nats, collection, [i] if shards > 1 else None)
                     for i in range(shards)]
            ports = [port for port, _ in nodes]
            corpus = ZipfCorpus(args.vocabulary, args.seed)
            started = time.perf_counter()
            _, posted = bulk_load(ports[0], name, corpus.lines(args.docs), args.batch)
            wait_documents(ports, name, args.docs)
            loaded = time.perf_counter() - started
            print(f"== {name}: {args.docs:,} documents posted in {posted:.0f} s, applied on every node in "
                  f"{loaded:.0f} s", file=sys.stderr)
            refused = check_answer(ports[0], name, json.dumps({"query": queries[0], "k": 10}))
            for connections in args.connections_list:
                if refused:
                    print(f"| {shards} | {shards} | {loaded:.0f} ({args.docs / loaded:,.0f}) | {connections} | "
                          f"refused: {refused[:120]} | | | |", flush=True)
                    continue
                rps, p50, p99, errors = wrk(args, ports[0], name, lua, connections)
                print(f"| {shards} | {shards} | {loaded:.0f} ({args.docs / loaded:,.0f}) | {connections} | {rps:,.0f} | "
                      f"{p50:.2f} | {p99:.2f} | {errors} |", flush=True)
            for _, proc in nodes:  # the next layout gets the machine to itself
                machine.stop(proc)
    finally:
        machine.close()
    return 0


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("what", choices=["replicas", "shards"])
    ap.add_argument("--braid", default=os.path.join(REPO, "build", "braid"))
    ap.add_argument("--dataset", default=os.path.join(REPO, "..", "shared", "datasets", "scifact"))
    ap.add_argument("--duration", type=int, default=10, help="seconds per wrk run")
    ap.add_argument("--connections", type=int, default=8, help="wrk connections (replicas)")
    ap.add_argument("--connections-list", type=int, nargs="+", default=[1, 8], help="wrk connections (shards)")
    ap.add_argument("--wrk-threads", type=int, default=1)
    two = (os.cpu_count() or 1) >= 2
    ap.add_argument("--server-cpus", default="0" if two else "", help="taskset list for the servers ('' = any)")
    ap.add_argument("--wrk-cpus", default=str((os.cpu_count() or 1) - 1) if two else "", help="taskset list for wrk")
    ap.add_argument("--nice", type=int, default=0, help="nice level of the servers (shards: 10)")
    ap.add_argument("--docs", type=int, default=1000000)
    ap.add_argument("--vocabulary", type=int, default=100000)
    ap.add_argument("--seed", type=int, default=16)
    ap.add_argument("--batch", type=int, default=5000, help="lines per bulk body (shards)")
    ap.add_argument("--shards", type=int, nargs="+", default=[1, 3])
    args = ap.parse_args()
    for tool in ["nats-server", "wrk"] + (["taskset"] if args.server_cpus or args.wrk_cpus else []):
        if not shutil.which(tool):
            print(f"{tool} is not installed (scripts/setup.sh installs it)", file=sys.stderr)
            return 77
    if args.what == "replicas":
        if not (shutil.which("haproxy") or os.path.exists("/usr/sbin/haproxy")):
            print("haproxy is not installed (scripts/setup.sh installs it)", file=sys.stderr)
            return 77
        return run_replicas(args)
    try:
        import numpy  # noqa: F401 (the corpus generator's)
    except ImportError:
        # Debian's python3-numpy belongs to /usr/bin/python3, which a python3 earlier on PATH may not see.
        if os.path.exists("/usr/bin/python3") and os.path.realpath(sys.executable) != "/usr/bin/python3":
            os.execv("/usr/bin/python3", ["/usr/bin/python3"] + sys.argv)
        print("numpy is not installed (python3-numpy)", file=sys.stderr)
        return 77
    if args.nice == 0:
        args.nice = 10
    return run_shards(args)


if __name__ == "__main__":
    sys.exit(main())
