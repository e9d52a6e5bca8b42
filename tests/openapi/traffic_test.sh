#!/usr/bin/env bash
# Runs the end-to-end suite with every `braid serve` recording its traffic (BRAID_RECORD_TRAFFIC),
# then checks each request and answer against openapi.yaml (validate_traffic.py).
# Usage: traffic_test.sh PYTHON3 TEST_E2E_BINARY SOURCE_DIR WORK_DIR. Exit 77 (ctest: Skipped)
# when python3-yaml or python3-jsonschema is missing.
set -euo pipefail
python=$1 e2e=$2 source_dir=$3 work=$4
if ! "$python" -c 'import yaml, jsonschema' 2>/dev/null; then
  echo "BRAID_SKIP: $python lacks yaml or jsonschema: install python3-yaml python3-jsonschema (scripts/setup.sh)"
  exit 77
fi
rm -rf "$work"
mkdir -p "$work"
if ! BRAID_RECORD_TRAFFIC="$work/traffic" "$e2e" --order decl >"$work/e2e.log" 2>&1; then
  tail -40 "$work/e2e.log"
  echo "the end-to-end suite failed while recording (above; log: $work/e2e.log)"
  exit 1
fi
exec "$python" "$source_dir/tests/openapi/validate_traffic.py" --spec "$source_dir/openapi.yaml" \
  --source-dir "$source_dir" "$work"/traffic/*.ndjson
