#!/usr/bin/env python3
"""Checks recorded HTTP traffic (http/traffic_recorder.hpp) against openapi.yaml, and openapi.yaml
against the server's sources, so the description cannot drift from the server:

- every route of the route table (http/api.cpp) is an operation of openapi.yaml and the reverse;
- the ErrorType enum is exactly the error types of core/error_types.cpp;
- every recorded answer's status is one its operation lists, with that content type, and a JSON
  answer validates against the operation's schema (an unmatched route must answer the error body);
- every request answered 2xx validates against its operation's request body and path parameters;
- every operation was exercised with at least one 2xx answer.

Usage: validate_traffic.py --spec openapi.yaml --source-dir REPO TRAFFIC.ndjson...
Needs Debian's python3-yaml and python3-jsonschema (exit 77, a ctest skip, when missing)."""
import argparse
import json
import re
import sys
from collections import defaultdict

try:
    import yaml
    import jsonschema
except ImportError as missing:
    print(f"BRAID_SKIP: {missing}: install python3-yaml and python3-jsonschema (scripts/setup.sh)")
    sys.exit(77)

METHODS = ("get", "put", "post", "delete", "patch", "head", "options")


def route_table(source_dir):
    text = open(f"{source_dir}/http/api.cpp", encoding="utf-8").read()
    routes = set(re.findall(r'router_\.add\(\{"([A-Z]+)", "([^"]+)"', text))
    if not routes:
        raise SystemExit("found no router_.add({\"METHOD\", \"/path\" ...}) in http/api.cpp")
    return routes


def declared_error_types(source_dir):
    text = open(f"{source_dir}/core/error_types.cpp", encoding="utf-8").read()
    return re.findall(r'\{"([a-z0-9_]+)", K::', text)


def bytes_of(text):
    return text.encode("latin-1")  # the recorder writes byte N as code point N


def media_type(value):
    return value.split(";")[0].strip().lower()


class Checker:
    def __init__(self, spec):
        self.spec = spec
        self.resolver = jsonschema.RefResolver.from_schema(spec)
        self.failures = []
        self.seen_ok = set()
        self.statuses = defaultdict(set)

    def validate(self, schema, instance, what):
        validator = jsonschema.Draft202012Validator(schema, resolver=self.resolver)
        errors = sorted(validator.iter_errors(instance), key=lambda e: list(e.absolute_path))
        for error in errors[:3]:
            where = "/".join(str(p) for p in error.absolute_path) or "(root)"
            self.failures.append(f"{what}: at {where}: {error.message[:300]}")
        return not errors

    def resolve(self, node):
        while isinstance(node, dict) and "$ref" in node:
            _, node = self.resolver.resolve(node["$ref"])
        return node

    def check(self, record, index):
        method, route, status = record["method"].lower(), record["route"], record["status"]
        what = f"record {index}: {record['method']} {record['target'][:120]} -> {status}"
        body_bytes = bytes_of(record["body"])
        if route == "preflight":  # a CORS preflight, on any route (described in info.description)
            if record["method"] != "OPTIONS" or status != 204 or body_bytes:
                self.failures.append(f"{what}: a preflight must be an OPTIONS answered 204 without a body")
            return
        if method == "head":  # HEAD is GET without the body (described in info.description)
            method = "get"
        if route == "unmatched":
            if status not in (400, 401, 403, 404, 405):  # 400: a path that is not UTF-8 once decoded
                self.failures.append(f"{what}: an unmatched route answered {status}")
            if record["method"] != "HEAD" or body_bytes:
                self.check_json(body_bytes, {"$ref": "#/components/schemas/ErrorBody"}, what)
            return
        path_item = self.spec["paths"].get(route)
        operation = path_item.get(method) if path_item else None
        if operation is None:
            self.failures.append(f"{what}: route {record['method']} {route} is not in openapi.yaml")
            return
        key = (method, route)
        self.statuses[key].add(status)
        responses = operation["responses"]
        answer = responses.get(str(status)) or responses.get("default")
        if answer is None:
            self.failures.append(f"{what}: status {status} is not listed for {method.upper()} {route}")
            return
        answer = self.resolve(answer)
        content = answer.get("content", {})
        got_type = media_type(record["content_type"])
        if got_type not in content:
            self.failures.append(f"{what}: answered {got_type}, openapi.yaml lists {sorted(content)}")
            return
        schema = content[got_type].get("schema", {})
        if record["method"] == "HEAD" and not body_bytes:
            pass  # no body to check
        elif got_type == "application/json":
            self.check_json(body_bytes, schema, what + " (answer)")
        elif not self.validate(schema, body_bytes.decode("utf-8", "replace"), what + " (answer)"):
            return
        if 200 <= status < 300:
            self.seen_ok.add(key)
            self.check_request(record, path_item, operation, what)

    def check_json(self, body_bytes, schema, what):
        try:
            value = json.loads(body_bytes.decode("utf-8"))
        except (UnicodeDecodeError, json.JSONDecodeError) as error:
            self.failures.append(f"{what}: not JSON: {error}: {body_bytes[:200]!r}")
            return
        self.validate(schema, value, what)

    def check_request(self, record, path_item, operation, what):
        parameters = [self.resolve(p) for p in path_item.get("parameters", []) + operation.get("parameters", [])]
        template = record["route"].strip("/").split("/")
        target = record["target"].split("?")[0].strip("/").split("/")
        for name_segment, value in zip(template, target):
            if name_segment.startswith("{"):
                name = name_segment[1:-1]
                for p in parameters:
                    if p["in"] == "path" and p["name"] == name:
                        from urllib.parse import unquote_to_bytes
                        decoded = unquote_to_bytes(value).decode("utf-8", "replace")
                        self.validate(p["schema"], decoded, f"{what} (path parameter {name})")
        body = operation.get("requestBody")
        if body is None:
            if record["request_body"]:
                self.failures.append(f"{what}: a body was sent to an operation that takes none")
            return
        content = self.resolve(body)["content"]
        sent_type = media_type(record["request_content_type"])
        if sent_type not in content:
            self.failures.append(f"{what}: request sent as {sent_type}, openapi.yaml lists {sorted(content)}")
            return
        if sent_type == "application/json":
            self.check_json(bytes_of(record["request_body"]), content[sent_type]["schema"], what + " (request)")


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--spec", required=True)
    parser.add_argument("--source-dir", required=True)
    parser.add_argument("--min-records", type=int, default=100)
    parser.add_argument("traffic", nargs="+")
    args = parser.parse_args()
    spec = yaml.safe_load(open(args.spec, encoding="utf-8"))
    checker = Checker(spec)

    operations = {(m.upper(), path) for path, item in spec["paths"].items() for m in item if m in METHODS}
    routes = route_table(args.source_dir)
    for method, path in sorted(routes - operations):
        checker.failures.append(f"route {method} {path} of http/api.cpp is not in openapi.yaml")
    for method, path in sorted(operations - routes):
        checker.failures.append(f"operation {method} {path} of openapi.yaml is not a route of http/api.cpp")
    declared = declared_error_types(args.source_dir)
    enum = spec["components"]["schemas"]["ErrorType"]["enum"]
    if sorted(declared) != sorted(enum):
        checker.failures.append(
            f"ErrorType enum differs from core/error_types.cpp: missing {sorted(set(declared) - set(enum))}, "
            f"not declared {sorted(set(enum) - set(declared))}")

    count = 0
    for file in args.traffic:
        with open(file, encoding="utf-8") as f:
            for line in f:
                count += 1
                checker.check(json.loads(line), count)
    if count < args.min_records:
        checker.failures.append(f"only {count} records: did the tests run with BRAID_RECORD_TRAFFIC set?")
    for method, path in sorted(operations):
        if (method.lower(), path) not in checker.seen_ok:
            checker.failures.append(f"{method} {path}: no 2xx answer in the traffic (add it to an e2e test)")

    print(f"{count} requests checked against {args.spec}; {len(operations)} operations")
    for (method, path), statuses in sorted(checker.statuses.items()):
        print(f"  {method.upper():6} {path}: {sorted(statuses)}")
    for failure in checker.failures[:200]:
        print("FAIL", failure)
    if len(checker.failures) > 200:
        print(f"... and {len(checker.failures) - 200} more")
    return 1 if checker.failures else 0


if __name__ == "__main__":
    sys.exit(main())
