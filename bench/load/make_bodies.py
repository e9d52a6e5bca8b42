#!/usr/bin/env python3
"""Pre-renders hybrid search bodies (text + vector of each SciFact query) into a Lua table for wrk.

usage: make_bodies.py QUERIES_LSA256_JSONL OUT_LUA [k] [window] [mode]
mode: hybrid (default: text + vector, RRF), lexical (text only), dense (vector only, ef_search 100)
"""
import json
import sys


def main() -> None:
    queries_path, out_path = sys.argv[1], sys.argv[2]
    k = int(sys.argv[3]) if len(sys.argv) > 3 else 10
    window = int(sys.argv[4]) if len(sys.argv) > 4 else 100
    mode = sys.argv[5] if len(sys.argv) > 5 else "hybrid"
    bodies = []
    with open(queries_path, encoding="utf-8") as queries:
        for line in queries:
            query = json.loads(line)
            if mode == "lexical":
                body = {"query": query["text"], "k": k}
            elif mode == "dense":
                body = {"vector": query["embedding"], "k": k, "ef_search": 100}
            else:
                body = {"query": query["text"], "vector": query["embedding"], "k": k,
                        "fusion": {"method": "rrf", "k": 60, "window": window}}
            bodies.append(json.dumps(body, separators=(",", ":")))
    with open(out_path, "w", encoding="utf-8") as out:
        out.write("return {\n")
        for body in bodies:
            # json.dumps output is ASCII; a Lua string literal needs only \ and " escaped.
            out.write('"' + body.replace("\\", "\\\\").replace('"', '\\"') + '",\n')
        out.write("}\n")
    print(f"{len(bodies)} {mode} bodies -> {out_path}", file=sys.stderr)


if __name__ == "__main__":
    main()
