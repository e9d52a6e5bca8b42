#!/usr/bin/env python3
"""Write throughput and p99 latency: local WAL vs JetStream R1 vs R3, on loopback.

Starts nats-server (one for R1, a cluster of three for R3) and one `braid serve` per run, then
times single PUTs (4 client threads, keep-alive) and bulk bodies of 1,000 lines (one client).
Usage: bench/replication_writes.py [--braid build/braid] [--puts 4000] [--bulks 20]
"""
import argparse, http.client, json, os, shutil, socket, subprocess, sys, tempfile, threading, time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import loopback  # noqa: E402
from loopback import free_port  # noqa: E402


def wait_port(port, timeout=20):
    loopback.wait_port(port, timeout)


def start_nats(root, count):
    ports = [(free_port(), free_port()) for _ in range(count)]
    procs = []
    for i, (client, cluster) in enumerate(ports):
        d = os.path.join(root, f"nats{i}")
        os.makedirs(d)
        args = ["nats-server", "-js", "-a", "127.0.0.1", "-p", str(client), "-sd", d, "-n", f"nats-{i}"]
        if count > 1:
            routes = ",".join(f"nats://127.0.0.1:{c}" for j, (_, c) in enumerate(ports) if j != i)
            args += ["--cluster_name", "braid", "--cluster", f"nats://127.0.0.1:{cluster}", "--routes", routes]
        procs.append(subprocess.Popen(args, stdout=subprocess.DEVNULL, stderr=open(os.path.join(d, "log"), "w")))
    for client, _ in ports:
        wait_port(client)
    time.sleep(2 if count > 1 else 0.2)  # a JetStream cluster elects its meta leader
    return procs, [f"nats://127.0.0.1:{c}" for c, _ in ports]


def start_braid(binary, root, cluster):
    port = free_port()
    config = {"server": {"port": port, "data_dir": "data"},
              "collections": [{"name": "docs", "fields": {"title": {"type": "text"}, "n": {"type": "integer"}}}]}
    if cluster:
        config["cluster"] = {"node": "n1", "advertise": f"http://127.0.0.1:{port}", "nats": cluster["urls"],
                             "replicas": cluster["replicas"]}
    path = os.path.join(root, "braid.json")
    with open(path, "w") as f:
        json.dump(config, f)
    proc = subprocess.Popen([binary, "serve", "--config", path], stdout=subprocess.DEVNULL,
                            stderr=open(os.path.join(root, "serve.err"), "w"))
    wait_port(port, 60)
    return proc, port


def percentile(values, p):
    values = sorted(values)
    return values[min(len(values) - 1, int(len(values) * p))]


def single_puts(port, total, threads=4):
    latencies, lock = [], threading.Lock()

    def run(t):
        conn = http.client.HTTPConnection("127.0.0.1", port)
        mine = []
        for i in range(t, total, threads):
            body = json.dumps({"title": f"document number {i} about cats", "n": i})
            start = time.perf_counter()
            conn.request("PUT", f"/collections/docs/documents/p{i}", body, {"Content-Type": "application/json"})
            r = conn.getresponse()
            r.read()
            mine.append(time.perf_counter() - start)
            if r.status >= 300:
                raise RuntimeError(f"PUT answered {r.status}")
        with lock:
            latencies.extend(mine)

    start = time.perf_counter()
    workers = [threading.Thread(target=run, args=(t,)) for t in range(threads)]
    for w in workers: w.start()
    for w in workers: w.join()
    elapsed = time.perf_counter() - start
    return total / elapsed, percentile(latencies, 0.99) * 1000


def bulks(port, count, lines=1000):
    conn = http.client.HTTPConnection("127.0.0.1", port)
    latencies = []
    start = time.perf_counter()
    for b in range(count):
        body = "".join(json.dumps({"id": f"b{b}-{i}", "title": f"bulk document {i} of {b}", "n": i}) + "\n"
                       for i in range(lines))
        t = time.perf_counter()
        conn.request("POST", "/collections/docs/documents/_bulk", body, {"Content-Type": "application/x-ndjson"})
        r = conn.getresponse()
        r.read()
        latencies.append(time.perf_counter() - t)
        if r.status != 200:
            raise RuntimeError(f"bulk answered {r.status}")
    elapsed = time.perf_counter() - start
    return count * lines / elapsed, percentile(latencies, 0.99) * 1000


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--braid", default="build/braid")
    ap.add_argument("--puts", type=int, default=4000)
    ap.add_argument("--bulks", type=int, default=20)
    args = ap.parse_args()
    print("| journal | single PUT/s (4 clients) | PUT p99 ms | bulk docs/s | bulk p99 ms (1,000 lines) |")
    print("|---|---|---|---|---|")
    for name, servers, replicas in [("local WAL", 0, 0), ("JetStream R1", 1, 1), ("JetStream R3", 3, 3)]:
        root = tempfile.mkdtemp(prefix="braid-repl-bench-")
        nats, braid = [], None
        try:
            cluster = None
            if servers:
                nats, urls = start_nats(root, servers)
                cluster = {"urls": urls, "replicas": replicas}
            braid, port = start_braid(os.path.abspath(args.braid), root, cluster)
            puts, put_p99 = single_puts(port, args.puts)
            docs, bulk_p99 = bulks(port, args.bulks)
            print(f"| {name} | {puts:,.0f} | {put_p99:.2f} | {docs:,.0f} | {bulk_p99:.1f} |", flush=True)
        finally:
            for p in ([braid] if braid else []) + nats:
                p.kill()
                p.wait()
            shutil.rmtree(root, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
