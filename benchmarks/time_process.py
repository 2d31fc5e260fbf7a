#!/usr/bin/python3
"""Whole-process timing: runs each command REPEAT times (after one warm-up run), output to
/dev/null, and prints the median, minimum and maximum wall time and the largest peak resident
memory (ru_maxrss of the child, via os.wait4).

Usage: /usr/bin/python3 benchmarks/time_process.py [--repeat N] -- 'COMMAND 1' ['COMMAND 2' ...]
Each command is run through /bin/sh -c. A command that exits non-zero stops the script.
"""
import os
import statistics
import subprocess
import sys
import time

args = sys.argv[1:]
repeat = 11
if args[:1] == ["--repeat"]:
    repeat = int(args[1])
    args = args[2:]
if args[:1] == ["--"]:
    args = args[1:]
if not args:
    sys.exit(__doc__)


def once(cmd):
    t0 = time.perf_counter()
    proc = subprocess.Popen(["/bin/sh", "-c", cmd], stdout=subprocess.DEVNULL)
    _, status, usage = os.wait4(proc.pid, 0)
    dt = time.perf_counter() - t0
    code = os.waitstatus_to_exitcode(status)
    if code != 0:
        sys.exit(f"command failed with exit code {code}: {cmd}")
    return dt, usage.ru_maxrss


for cmd in args:
    once(cmd)
    times, rss = [], 0
    for _ in range(repeat):
        dt, r = once(cmd)
        times.append(dt)
        rss = max(rss, r)
    print(f"RESULT process median_ms={1e3 * statistics.median(times):.2f} min_ms={1e3 * min(times):.2f} "
          f"max_ms={1e3 * max(times):.2f} runs={repeat} max_rss_mb={rss / 1024:.1f} cmd={cmd}")
