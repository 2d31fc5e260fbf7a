#!/usr/bin/env bash
# Runs/s of the issue-5 sweep cases and of `tradejobs sweep` for two builds, one after the
# other in the same script run (same machine state):
#   benchmarks/before_after.sh BEFORE_DIR AFTER_DIR
# where each DIR holds `tradejobs` and `bench_core` (e.g. copies of build-bench/tradejobs and
# build-bench/benchmarks/bench_core built from two commits). One thread for the core cases;
# -j 1 and -j 2 for the end-to-end sweep. WORK as in run_all.sh (the imported WIOD table).
set -euo pipefail
BEFORE=$1 AFTER=$2
W=${WORK:-/tmp/tradejobs-bench}
echo "load: $(uptime)"
core() {  # name, args
  for which in BEFORE AFTER; do
    dir=${!which}
    echo "-- $which: bench_core sweep $1 $2"
    "$dir/bench_core" sweep $1 $2 --threads 1 | grep -E "^RESULT|^wall|^solve phase" | sed "s/^/$which /"
  done
}
core usa-china "--runs 20000 --chunk 256"
core world-fd "--world $W/wiod-2011 --runs 512 --chunk 64"
core world-tariff-off "--world $W/wiod-2011 --runs 512 --chunk 64"
core world-tariff-on "--world $W/wiod-2011 --runs 256 --chunk 64"
core synthetic "--runs 64 --chunk 32"
base=$(pwd)/scenarios/us-china-2018.yaml
sed -e "s|^base: .*|base: $base|" -e "s|^draws: .*|draws: 20000|" scenarios/us-china-2018-sweep.yaml > "$W/sweep-ba-20000.yaml"
for which in BEFORE AFTER; do
  dir=${!which}
  for j in 1 2; do
    rm -rf "$W/sweep-ba-$which-j$j"
    "$dir/tradejobs" sweep "$W/sweep-ba-20000.yaml" -o "$W/sweep-ba-$which-j$j" -j $j --quiet > /dev/null
    /usr/bin/python3 -c "import json,sys; t=json.load(open(sys.argv[1]))['diagnostics']['timings_seconds']; print('$which tradejobs sweep 20000 runs -j $j: run phase %.3f s = %.0f runs/s' % (t['runs'], 20000 / t['runs']))" "$W/sweep-ba-$which-j$j/summary.json"
  done
  cmp "$W/sweep-ba-$which-j1/runs.csv" "$W/sweep-ba-$which-j2/runs.csv" && echo "$which: runs.csv identical for -j 1 and -j 2"
done
echo "load: $(uptime)"
