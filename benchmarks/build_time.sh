#!/usr/bin/env bash
# A clean build of one target in a fresh build folder, without ccache, timed per translation
# unit in CPU seconds (user + system of the compiler), which the load of other processes on
# the machine changes little, and in wall seconds (Ninja's log), which it changes a lot.
#
#   benchmarks/build_time.sh BUILD_DIR [TARGET...]      (default target: tradejobs)
#
# Prints the load before and after, the 20 steps with the most CPU time, their sum, and the
# wall time of the whole build. The source tree is the folder above this script; extra cmake
# options can be given in CMAKE_ARGS.
set -euo pipefail
if [ $# -lt 1 ]; then
  sed -n '2,11p' "$0" >&2
  exit 2
fi
here=$(cd "$(dirname "$0")" && pwd)
src=$(dirname "$here")
dir=$1
shift
targets=("${@:-tradejobs}")
if [ -e "$dir" ]; then
  echo "build_time: $dir exists; give a folder that does not exist (a fresh build)" >&2
  exit 1
fi
mkdir -p "$dir"
times="$dir/tu_cpu_seconds.txt"
: > "$times"
# The launcher: /usr/bin/time appends "user system output" per compiler call.
cat > "$dir/time_launcher.sh" <<LAUNCHER
#!/bin/sh
out=""; prev=""
for a in "\$@"; do [ "\$prev" = "-o" ] && out="\$a"; prev="\$a"; done
exec /usr/bin/time -a -o "$times" -f "%U %S \$out" "\$@"
LAUNCHER
chmod +x "$dir/time_launcher.sh"
echo "load before: $(uptime)"
cmake -S "$src" -B "$dir" -G Ninja -DCMAKE_BUILD_TYPE=Release \
  -DCMAKE_CXX_COMPILER_LAUNCHER="$dir/time_launcher.sh" ${CMAKE_ARGS:-} > "$dir/configure.log"
start=$(date +%s.%N)
cmake --build "$dir" -j 2 --target "${targets[@]}" > "$dir/build.log"
end=$(date +%s.%N)
echo "load after:  $(uptime)"
echo "CPU seconds (user+system) per compiler call, top 20:"
awk '{ printf "%8.1f  %s\n", $1 + $2, $3 }' "$times" | sort -rn | head -20
awk '{ s += $1 + $2; n += 1 } END { printf "%d compiler calls, %.1f CPU seconds in all\n", n, s }' "$times"
awk -v s="$start" -v e="$end" 'BEGIN { printf "wall: %.1f s for the build (-j 2)\n", e - s }'
python3 "$here/ninja_top.py" "$dir" 0 | tail -1
