#!/usr/bin/env python3
"""The slowest build steps of a Ninja build folder, from its .ninja_log.

    benchmarks/ninja_top.py BUILD_DIR [N]

Prints the N (default 20) longest steps of the last build (wall seconds each, as Ninja
recorded them), then the number of steps, their summed time and the span from the first
start to the last end. Under -j2 the span is the wall time of the build; the sum is about the
CPU time when the machine is otherwise idle (on a loaded machine every step takes longer).
"""
import os
import sys


def main() -> int:
    if len(sys.argv) not in (2, 3):
        print(__doc__.strip(), file=sys.stderr)
        return 2
    log = os.path.join(sys.argv[1], ".ninja_log")
    top = int(sys.argv[2]) if len(sys.argv) == 3 else 20
    try:
        with open(log, encoding="utf-8") as f:
            lines = f.read().splitlines()
    except OSError as e:
        print(f"ninja_top: cannot read {log}: {e.strerror}", file=sys.stderr)
        return 1
    if not lines or not lines[0].startswith("# ninja log v"):
        print(f"ninja_top: {log}:1: expected a '# ninja log v5' header", file=sys.stderr)
        return 1
    # Ninja appends; a step built again overwrites its entry. Each build starts its clock at 0,
    # so the last build is the lines after the last place where the start time goes down.
    steps = {}
    last_start = None
    for number, line in enumerate(lines[1:], start=2):
        fields = line.split("\t")
        if len(fields) != 5:
            print(f"ninja_top: {log}:{number}: expected 5 tab-separated fields, found {len(fields)}", file=sys.stderr)
            return 1
        start, end = int(fields[0]), int(fields[1])
        if last_start is not None and start < last_start and end < last_start:
            steps = {}  # a new build
        last_start = start
        steps[fields[3]] = (start, end)
    if not steps:
        print(f"ninja_top: {log}: no steps", file=sys.stderr)
        return 1
    ordered = sorted(steps.items(), key=lambda kv: kv[1][1] - kv[1][0], reverse=True)
    print(f"{'seconds':>8}  step")
    for name, (start, end) in ordered[:top]:
        print(f"{(end - start) / 1000:8.1f}  {name}")
    total = sum(end - start for start, end in steps.values()) / 1000
    span = (max(e for _, e in steps.values()) - min(s for s, _ in steps.values())) / 1000
    print(f"{len(steps)} steps, {total:.1f} s summed, {span:.1f} s from first start to last end")
    return 0


if __name__ == "__main__":
    sys.exit(main())
