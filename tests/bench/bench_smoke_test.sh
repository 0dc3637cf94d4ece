#!/usr/bin/env bash
# The benchmark's inputs and target cannot rot: scripts/gen-bench output of every format (single
# files and trees) lints without an input error, and every benchmark of rolelint_bench runs on
# them and reports a throughput. A smoke test, not a measurement (scripts/bench measures).
#   bench_smoke_test.sh ROLELINT SOURCE_DIR [ROLELINT_BENCH]
set -euo pipefail
rolelint=${ROLELINT_TEST_BINARY:-$1}  # scripts/release tests its static binary
source_dir=$2
bench=${3:-}
work=$(mktemp -d "${TMPDIR:-/tmp}/rolelint-bench-smoke.XXXXXX")
trap 'rm -rf "$work"' EXIT
failures=0
fail() { echo "FAIL: $*"; failures=$((failures + 1)); }

# lint PATH: exit status 0 or 1, no input error, at least one role linted.
lint() {
  local status=0
  "$rolelint" --format json "$1" > "$work/out.json" 2> "$work/err.txt" || status=$?
  [ "$status" -le 1 ] || { fail "$1: exit status $status: $(head -3 "$work/err.txt")"; return; }
  python3 - "$work/out.json" "$1" <<'PY' || fail "$1: see above"
import json, sys
report = json.load(open(sys.argv[1]))
if report["errors"]:
    sys.exit(f"{sys.argv[2]}: input errors: {report['errors'][:3]}")
if report["summary"]["files"] < 1:
    sys.exit(f"{sys.argv[2]}: nothing linted: {report['summary']}")
PY
}

# one and sized in directories of their own: two .tf files of one directory are one module, and
# the generator gives both the same resource names (a duplicate-block error).
mkdir -p "$work/one" "$work/sized"
for format in yaml json tf; do
  "$source_dir/scripts/gen-bench" file "$work/one/one.$format" --format "$format" --units 3
  "$source_dir/scripts/gen-bench" file "$work/sized/sized.$format" --format "$format" --size 30000
  "$source_dir/scripts/gen-bench" tree "$work/tree-$format" --format "$format" --files 12
  grep -q "sts:AssumeRole" "$work/one/one.$format" || fail "one.$format has no trust policy"
  [ "$(wc -c < "$work/sized/sized.$format")" -ge 25000 ] || fail "sized.$format is smaller than asked"
  [ "$(find "$work/tree-$format" -type f | wc -l)" -eq 12 ] || fail "tree-$format does not have 12 files"
  for input in "$work/one/one.$format" "$work/sized/sized.$format" "$work/tree-$format"; do lint "$input"; done
done

if [ -n "$bench" ]; then
  "$bench" --yaml "$work/sized/sized.yaml" --json "$work/sized/sized.json" --tf "$work/sized/sized.tf" \
    --benchmark_min_time=0.001 --benchmark_format=json > "$work/bench.json" 2> "$work/bench.err" ||
    fail "rolelint_bench failed: $(tail -3 "$work/bench.err")"
  python3 - "$work/bench.json" <<'PY' || fail "rolelint_bench: see above"
import json, sys
runs = json.load(open(sys.argv[1]))["benchmarks"]
names = [b["name"] for b in runs]
if len(names) != 17 or any(b.get("error_occurred") or b["bytes_per_second"] <= 0 for b in runs):
    sys.exit(f"expected 17 benchmarks with a throughput, got {names}")
PY
fi
[ "$failures" -eq 0 ] && echo "bench smoke test passed"
