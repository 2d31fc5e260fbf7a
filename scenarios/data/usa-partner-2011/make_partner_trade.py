#!/usr/bin/env python3
"""Trade of Mexico and Turkey with the United States and with the world, by WIOD 2013 industry
(35 industries, NACE Rev.1.1 / ISIC Rev.3.1 based, 2011), from the WIOD 2013 world input-output
table, in the format of `tradejobs import wiod-niot --partner-trade` (code,partner,imports,
imports_world,exports,exports_world), and the concordance wiod35_to_wiod56.csv that maps the 35
industries to the 56 WIOD 2016 industries (the inverse of wiod56_to_wiod35.csv).

  exports_c       = sum over the partner's columns of Z and Y of the row COUNTRY_c
  exports_world_c = the same over every column that is not COUNTRY's (40 countries and RoW)
  imports_c       = sum over COUNTRY's columns of Z and Y of the row PARTNER_c
  imports_world_c = the same over every row that is not COUNTRY's

Usage (from the repository root):
  python3 scenarios/data/usa-partner-2011/make_partner_trade.py $TRADEJOBS_DATA_DIR/wiod2013_wiot [OUT_DIR]
writes partner_trade_mex_wiod35.csv and partner_trade_tur_wiod35.csv beside this script and
scenarios/concordances/wiod35_to_wiod56.csv, or all three into OUT_DIR when it is given (the
test that the committed files are reproduced, tests/test_ilostat_reproduce.cpp).
"""
import csv
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.abspath(os.path.join(HERE, "..", "..", ".."))
PARTNER = "USA"
COUNTRIES = ["MEX", "TUR"]


def read_matrix(path):
    with open(path, newline="") as f:
        rows = csv.reader(f)
        header = next(rows)[1:]
        labels, values = [], []
        for r in rows:
            labels.append(r[0])
            values.append([float(v) for v in r[1:]])
    return header, labels, values


def main(folder, out_dir=None):
    zh, zl, z = read_matrix(os.path.join(folder, "wiot_2011_Z.csv"))
    yh, yl, y = read_matrix(os.path.join(folder, "wiot_2011_Y.csv"))
    if zl != yl or zh != zl:
        sys.exit("wiot_2011_Z.csv and wiot_2011_Y.csv: row and column labels differ: expected the same 1435 labels")
    region = lambda label: label.split("_")[0]
    codes = ["c%d" % k for k in range(1, 36)]
    for country in COUNTRIES:
        out = {c: [0.0, 0.0, 0.0, 0.0] for c in codes}  # imports, imports_world, exports, exports_world
        for i, label in enumerate(zl):
            r, c = region(label), label.split("_")[1]
            if r == country:
                for j, col in enumerate(zh):
                    if region(col) != country:
                        out[c][3] += z[i][j]
                        if region(col) == PARTNER:
                            out[c][2] += z[i][j]
                for j, col in enumerate(yh):
                    if region(col) != country:
                        out[c][3] += y[i][j]
                        if region(col) == PARTNER:
                            out[c][2] += y[i][j]
            else:
                into = sum(z[i][j] for j, col in enumerate(zh) if region(col) == country)
                into += sum(y[i][j] for j, col in enumerate(yh) if region(col) == country)
                out[c][1] += into
                if r == PARTNER:
                    out[c][0] += into
        path = os.path.join(out_dir or HERE, "partner_trade_%s_wiod35.csv" % country.lower())
        with open(path, "w", newline="") as f:
            f.write("code,partner,imports,imports_world,exports,exports_world\n")
            for c in codes:
                f.write("%s,%s,%s\n" % (c, PARTNER, ",".join("%.0f" % v for v in out[c])))
        print("wrote", path)
    # The inverse concordance: each WIOD 2013 code to the WIOD 2016 industries that map to it.
    src = os.path.join(ROOT, "scenarios", "concordances", "wiod56_to_wiod35.csv")
    to56 = {}
    with open(src, newline="") as f:
        for r in csv.DictReader(f):
            to56.setdefault(r["sector"], []).append(r["code"])
    path = os.path.join(out_dir or os.path.join(ROOT, "scenarios", "concordances"), "wiod35_to_wiod56.csv")
    with open(path, "w", newline="") as f:
        f.write("code,sector,weight,reason\n")
        for c in codes:
            sectors = to56[c]
            k = len(sectors)
            for s in sectors:
                reason = ("inverse of wiod56_to_wiod35.csv: %s maps to %s" % (s, c) +
                          ("" if k == 1 else "; the code's %d industries share it equally (a sector's partner share is "
                                             "the ratio of its codes' partner and world trade, so only sectors with "
                                             "several codes, C13-C15 and C33, depend on these weights)" % k))
                f.write('%s,%s,%s,"%s"\n' % (c, s, repr(1.0 / k), reason))
    print("wrote", path)


if __name__ == "__main__":
    if len(sys.argv) not in (2, 3):
        sys.exit("usage: make_partner_trade.py WIOD2013_WIOT_FOLDER [OUT_DIR]")
    main(sys.argv[1], sys.argv[2] if len(sys.argv) == 3 else None)
