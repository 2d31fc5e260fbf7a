#!/usr/bin/python3
"""numpy baseline of `tradejobs multipliers ECONOMY --format csv` (docs/model.md §2 Type I), whole process:
read the economy folder's CSV files (paths from economy.yaml), x = Zd.1 + Fd.1 + e, A = Zd diag(x)^-1,
L = (I - A)^-1, and print sector, output_multiplier (1'L), employment_multiplier (l'L, l = N/x),
income_multiplier (w'L, w = compensation/x) as CSV. Zero-output sectors get zero columns, as in
tradejobs. With --compare FILE it checks the numbers against tradejobs' CSV output instead of printing.

Usage: /usr/bin/python3 benchmarks/numpy_multipliers.py ECONOMY_DIR [--compare tradejobs.csv]
"""
import csv
import os
import sys

import numpy as np


def read_matrix(path):
    with open(path, newline="") as f:
        rows = list(csv.reader(f))
    return [r[0] for r in rows[1:]], rows[0][1:], np.array([[float(v) for v in r[1:]] for r in rows[1:]])


def main():
    folder = sys.argv[1]
    keys = {}
    with open(os.path.join(folder, "economy.yaml")) as f:
        for line in f:
            if ":" in line and not line.startswith(" "):
                k, v = line.split(":", 1)
                keys[k.strip()] = v.strip().strip('"')
    p = lambda k: os.path.join(folder, keys[k])  # noqa: E731
    codes, _, zd = read_matrix(p("intermediate_domestic"))
    _, _, fd = read_matrix(p("final_demand_domestic"))
    _, _, e = read_matrix(p("exports"))
    va_codes, _, va = read_matrix(p("value_added"))  # the transposed file: one row per component
    _, emp_cols, emp = read_matrix(p("employment"))
    x = zd.sum(axis=1) + fd.sum(axis=1) + e.sum(axis=1)
    inv_x = np.divide(1.0, x, out=np.zeros_like(x), where=x > 0)
    a = zd * inv_x[None, :]
    l_inv = np.linalg.inv(np.eye(len(x)) - a)
    comp = va[va_codes.index("compensation")]
    jobs = emp[:, emp_cols.index("total")]
    out = np.ones(len(x)) @ l_inv
    empm = (jobs * inv_x) @ l_inv
    inc = (comp * inv_x) @ l_inv
    if len(sys.argv) > 3 and sys.argv[2] == "--compare":
        with open(sys.argv[3], newline="") as f:
            rows = list(csv.DictReader(f))
        worst = 0.0
        for i, r in enumerate(rows):
            for name, v in (("output_multiplier", out), ("employment_multiplier", empm), ("income_multiplier", inc)):
                t = float(r[name])
                worst = max(worst, abs(t - v[i]) / max(abs(t), 1e-300))
        print(f"max relative difference numpy vs tradejobs multipliers: {worst:.2e} over {len(rows)} sectors")
        return
    w = csv.writer(sys.stdout, lineterminator="\n")
    w.writerow(["sector", "output_multiplier", "employment_multiplier", "income_multiplier"])
    for i, c in enumerate(codes):
        w.writerow([c, repr(out[i]), repr(empm[i]), repr(inc[i])])


main()
