#!/usr/bin/env bash
# Runs every benchmark of benchmarks/RESULTS.md and prints a log of RESULT lines.
#   make benchmarks && benchmarks/run_all.sh 2>&1 | tee benchmarks/results.log
# Run from the repository root. Sizes: the defaults are those of RESULTS.md; FULL=1 runs every
# case at the size the issues name (slower: about 20 minutes more on a 2-core machine).
# WORK (default /tmp/tradejobs-bench) holds the imported WIOD table, dumps and sweep outputs.
# TRADEJOBS_DATA_DIR (default ../shared/data) is the folder of the public data: the WIOD 2013
# world table is read from $TRADEJOBS_DATA_DIR/wiod2013_wiot.
set -euo pipefail
B=${BUILD:-build-bench}
TJ=$B/tradejobs
CORE=$B/benchmarks/bench_core
GEMM=$B/benchmarks/bench_gemm
PY=/usr/bin/python3          # Debian's python with python3-numpy (not the pyenv python on PATH)
DATA=${TRADEJOBS_DATA_DIR:-../shared/data}
W=${WORK:-/tmp/tradejobs-bench}
FULL=${FULL:-0}
mkdir -p "$W"

echo "== machine"
echo "nproc $(nproc); $(lscpu | grep 'Model name' | sed 's/  */ /g'); $(free -g | awk '/Mem:/{print "memory " $2 " GiB"}')"
echo "load: $(uptime)"
# The BLAS numpy really loads (Debian's numpy calls whatever libblas.so.3 points to; see README).
$PY -c "import numpy; numpy.ones(2) @ numpy.ones(2); print('numpy', numpy.__version__, 'BLAS:', sorted({w for w in open('/proc/self/maps').read().split() if 'blas' in w}))"
echo "OPENBLAS_CORETYPE=${OPENBLAS_CORETYPE:-unset}"

echo "== WIOD 2013 world table 2011 (tradejobs import wiod-wiot)"
if [ ! -f "$W/wiod-2011/economy.yaml" ]; then
  [ -d "$DATA/wiod2013_wiot" ] || { echo "run_all.sh: $DATA/wiod2013_wiot: not found: set TRADEJOBS_DATA_DIR to the folder of the public data" >&2; exit 2; }
  $TJ import wiod-wiot "$DATA/wiod2013_wiot" --year 2011 -o "$W/wiod-2011" > /dev/null
fi

echo "== GEMM rates, Eigen with its own OpenMP threads (bench_gemm)"
$GEMM 1435 1435 1435 1400 1400 64 2000 2000 2000 56 56 256

echo "== (a) multipliers, whole process"
$TJ multipliers scenarios/economies/usa-2014 --format csv > "$W/multipliers.csv"
$PY benchmarks/numpy_multipliers.py scenarios/economies/usa-2014 --compare "$W/multipliers.csv"
$PY benchmarks/time_process.py --repeat 21 -- "$TJ --version" \
  "$TJ multipliers scenarios/economies/usa-2014 --format csv" \
  "$PY benchmarks/numpy_multipliers.py scenarios/economies/usa-2014" "$PY -c 'import numpy'"

echo "== (b) LU, solve, inverse on the 1,435-sector world table"
$CORE io "$W/wiod-2011"

echo "== (c) one scenario, whole process"
$PY benchmarks/time_process.py --repeat 11 -- "$TJ --version" \
  "$TJ run scenarios/us-china-2018.yaml -o $W/run-us-china --quiet" \
  "$TJ run scenarios/us-china-2018.yaml -o $W/run-us-china --quiet --no-report"

echo "== (d) Woodbury versus a fresh refactorisation per run"
$CORE woodbury "$W/wiod-2011" --runs 256 --fresh 10

sweep_case() {  # name, bench_core args, numpy loop runs, numpy batched runs, numpy block
  local name=$1 args=$2 loop=$3 batched=$4 block=$5
  mkdir -p "$W/dump-$name"
  echo "-- tradejobs core, 1 thread"
  $CORE sweep $name $args --threads 1 --dump "$W/dump-$name" --check 8
  echo "-- tradejobs core, 2 threads"
  $CORE sweep $name $args --threads 2
  echo "-- numpy, 1 BLAS thread"
  $PY benchmarks/numpy_baseline.py "$W/dump-$name" --threads 1 --loop-runs $loop --runs $batched --block $block
  echo "-- numpy, 2 BLAS threads"
  $PY benchmarks/numpy_baseline.py "$W/dump-$name" --threads 2 --loop-runs $loop --runs $batched --block $block
}

echo "== (e) US-China on usa-2014, elasticities drawn per run"
sweep_case usa-china "--runs 100000 --chunk 256" 1000 100000 256

echo "== (f) final-demand shocks on the world table"
if [ "$FULL" = 1 ]; then R=10000; else R=2048; fi
sweep_case world-fd "--world $W/wiod-2011 --runs $R --chunk 64" 10 $R 64

echo "== (g) tariffs on 5 sectors, price feedback off (Woodbury) and on (iterative)"
sweep_case world-tariff-off "--world $W/wiod-2011 --runs $R --chunk 64" 10 $R 64
if [ "$FULL" = 1 ]; then R=10000; else R=1024; fi
sweep_case world-tariff-on "--world $W/wiod-2011 --runs $R --chunk 64" 5 $R 64

echo "== (h) synthetic 5,000-sector economy"
if [ "$FULL" = 1 ]; then R=1000; else R=128; fi
sweep_case synthetic "--runs $R --chunk 32" 2 $R 32

echo "== end to end: tradejobs sweep on usa-2014"
base=$(pwd)/scenarios/us-china-2018.yaml
DRAWS=${SWEEP_DRAWS:-20000}
if [ "$FULL" = 1 ]; then MILLION=1; DRAWS=100000; fi
for draws in $DRAWS 1000000; do
  sed -e "s|^base: .*|base: $base|" -e "s|^draws: .*|draws: $draws|" scenarios/us-china-2018-sweep.yaml > "$W/sweep-$draws.yaml"
done
for j in 1 2; do
  $PY benchmarks/time_process.py --repeat 3 -- "$TJ sweep $W/sweep-$DRAWS.yaml -o $W/sweep-$DRAWS-j$j -j $j --quiet"
done
cmp "$W/sweep-$DRAWS-j1/runs.csv" "$W/sweep-$DRAWS-j2/runs.csv" && echo "runs.csv identical for -j 1 and -j 2"
# Peak memory: MILLION=1 runs the million-run sweep (about 10 minutes on 2 shared cores).
if [ "${MILLION:-0}" = 1 ]; then big=1000000; else big=$DRAWS; fi
rm -rf "$W/sweep-big"
/usr/bin/time -v $TJ sweep "$W/sweep-$big.yaml" -o "$W/sweep-big" -j 2 --quiet 2>&1 | \
  grep -E "Elapsed|Maximum resident" | sed "s/^/RESULT sweep of $big runs: /"
echo "load: $(uptime)"
