#!/usr/bin/env bash
# Runs per second of `tradejobs sweep` on 1, 2 and 4 MPI ranks (issue 8; RESULTS.md, section "Issue 8"), and the
# share of the time the ranks spent communicating (summary.json diagnostics.mpi).
# Usage: benchmarks/mpi/run_mpi_bench.sh [BUILD_DIR] [DRAWS]   (from the project root)
# The sweep is scenarios/us-china-2018-sweep.yaml (usa-2014, 56 sectors, price feedback on) with
# DRAWS draws (default 20000), one thread per rank (-j 1). Beyond the machine's cores the ranks
# are oversubscribed (--oversubscribe): the table says so.
set -euo pipefail
BUILD=${1:-build}
DRAWS=${2:-20000}
BIN=$(realpath "$BUILD/tradejobs")
ROOT=$(pwd)
WORK=$(mktemp -d /tmp/tradejobs-mpi-bench.XXXXXX)
trap 'rm -rf "$WORK"' EXIT
sed "s/^draws: .*/draws: $DRAWS/; s#^base: .*#base: $ROOT/scenarios/us-china-2018.yaml#" \
  scenarios/us-china-2018-sweep.yaml > "$WORK/sweep.yaml"
MPIRUN=(mpirun --allow-run-as-root --oversubscribe --mca btl self,vader)
CORES=$(nproc)
echo "machine: $CORES cores; $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'); load before: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "sweep: us-china-2018 on usa-2014 (56 sectors), $DRAWS runs, -j 1 per rank"
echo
echo "| ranks | runs/s | wall s (whole command) | runs by rank | communication share (all ranks) | rank 0 communication share |"
echo "|---|---|---|---|---|---|"
report() {  # $1 = label, $2 = results folder, $3 = wall seconds
  python3 - "$1" "$2/summary.json" "$3" "$CORES" <<'PY'
import json, sys
label, path, wall, cores = sys.argv[1], sys.argv[2], float(sys.argv[3]), int(sys.argv[4])
d = json.load(open(path))
runs = d["sweep"]["runs"]
diag = d["diagnostics"]
t = diag["timings_seconds"]["runs"]
mpi = diag.get("mpi")
if mpi:
    comp, comm = mpi["compute_seconds"], mpi["communication_seconds"]
    share = sum(comm) / (sum(comm) + sum(comp))
    r0 = comm[0] / t
    by = ", ".join(str(r) for r in mpi["runs_by_rank"])
    ranks = diag["ranks"]
    over = " (oversubscribed)" if ranks > cores else ""
    print(f"| {ranks}{over} | {runs / t:,.0f} | {wall:.1f} | {by} | {100 * share:.1f}% | {100 * r0:.1f}% |")
else:
    print(f"| {label} | {runs / t:,.0f} | {wall:.1f} | {runs} | - | - |")
PY
}
run() {  # $1 = label, rest = command
  local label=$1; shift
  local out="$WORK/out-$label"
  local t0=$(date +%s.%N)
  "$@" sweep "$WORK/sweep.yaml" -o "$out" -j 1 --quiet > /dev/null
  local t1=$(date +%s.%N)
  report "$label" "$out" "$(echo "$t1 - $t0" | bc -l)"
}
run "1 (no mpirun)" "$BIN"
for np in 1 2 4; do
  run "$np" "${MPIRUN[@]}" -np "$np" "$BIN"
done
for np in 2 4; do
  cmp -s "$WORK/out-1 (no mpirun)/runs.csv" "$WORK/out-$np/runs.csv" || { echo "runs.csv of -np $np differs" >&2; exit 1; }
done
echo
echo "runs.csv byte-identical for every row above; load after: $(cut -d' ' -f1-3 /proc/loadavg)"
