#!/usr/bin/env python3
"""Turns openapi.yaml into a C++ source holding it as compact JSON (run by http/CMakeLists.txt at
build time; needs Debian's python3-yaml). Usage: openapi_to_cpp.py openapi.yaml out.cpp"""
import json
import sys

import yaml


def main() -> int:
    source, output = sys.argv[1], sys.argv[2]
    with open(source, encoding="utf-8") as f:
        description = yaml.safe_load(f)
    if not isinstance(description, dict) or "openapi" not in description:
        print(f"{source}: not an OpenAPI description", file=sys.stderr)
        return 1
    text = json.dumps(description, ensure_ascii=False, separators=(",", ":"), allow_nan=False)
    delimiter = "braid_openapi"
    if f"){delimiter}\"" in text:
        print(f"{source}: holds the raw-string delimiter", file=sys.stderr)
        return 1
    with open(output, "w", encoding="utf-8") as f:
        f.write("// Generated from openapi.yaml by scripts/openapi_to_cpp.py: do not edit.\n")
        f.write('#include "http/openapi_document.hpp"\n\n')
        f.write("namespace braid::http {\n\n")
        f.write("std::string_view openapi_json() {\n")
        f.write(f'    static constexpr std::string_view text = R"{delimiter}({text}){delimiter}";\n')
        f.write("    return text;\n}\n\n}  // namespace braid::http\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
