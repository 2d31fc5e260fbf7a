"""results.xlsx read back with openpyxl and compared, cell by cell, with the CSV files of the
same folder (issue 17): a run of the default scenario, a run with unknown jobs (NA cells are
empty, never zero), a sweep at -j1 and -j2 (byte-identical workbooks), reruns (the same bytes),
--no-xlsx, the Policies and Quality sheets (each Quality row formatted by its indicator).
Run by ctest (tests/test_xlsx.cmake) with Debian's python3 and pytest:
    TRADEJOBS_BINARY=build/tradejobs python3 -m pytest tests/test_xlsx.py
"""

import csv
import json
import math
import os
import shutil
import subprocess

import openpyxl
import pytest

SOURCE = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
BINARY = os.environ.get("TRADEJOBS_BINARY", os.path.join(SOURCE, "build", "tradejobs"))
LABELS = {"sector", "region", "name", "group", "dimension", "partner", "statistic", "policy", "type", "indicator"}


def tradejobs(*args, cwd=SOURCE):
    p = subprocess.run([BINARY, *args], cwd=cwd, capture_output=True, text=True, timeout=600)
    assert p.returncode == 0, p.stderr
    assert p.stderr == ""
    return p


def read_csv(path):
    with open(path, newline="", encoding="utf-8") as f:
        return list(csv.reader(f))


def assert_sheet_equals_csv(ws, rows, inserted=None):
    """Every cell of the sheet equals the CSV cell: text as text, numbers as numbers (to the
    15 significant digits Excel keeps), NA and empty cells as empty cells. `inserted` is a
    (column index, header) pair for a column the workbook adds (the sector names)."""
    sheet = [list(r) for r in ws.iter_rows(values_only=True)]
    assert len(sheet) == len(rows), ws.title
    header = rows[0]
    if inserted:
        index, name = inserted
        assert sheet[0][index] == name
        sheet = [r[:index] + r[index + 1:] for r in sheet]
    assert [c for c in sheet[0] if c is not None] == header, ws.title
    numbers = 0
    for r, (got, want) in enumerate(zip(sheet[1:], rows[1:]), start=2):
        got = list(got) + [None] * (len(want) - len(got))
        for c, (g, w) in enumerate(zip(got, want)):
            where = "{}!row {} column {}".format(ws.title, r, header[c])
            if w in ("", "NA", "nan", "-nan"):
                assert g is None, where + ": expected an empty cell for " + repr(w)
            elif header[c] in LABELS:
                assert g == w, where
            else:
                try:
                    x = float(w)
                except ValueError:
                    assert g == w, where
                    continue
                assert isinstance(g, (int, float)) and not isinstance(g, bool), where + ": not a number: " + repr(g)
                assert math.isclose(g, x, rel_tol=1e-15, abs_tol=0), "{}: {} != {}".format(where, g, w)
                numbers += 1
        assert all(v is None for v in got[len(want):]), ws.title
    return numbers


def summary_values(ws):
    """(section, item) -> (value, unit) of the Summary sheet."""
    out, section = {}, None
    rows = list(ws.iter_rows(values_only=True))
    start = next(i for i, r in enumerate(rows) if r[:4] == ("section", "item", "value", "unit"))
    for r in rows[start + 1:]:
        section = r[0] or section
        out[(section, r[1])] = (r[2], r[3])
    return out


@pytest.fixture(scope="module")
def default_run(tmp_path_factory):
    out = tmp_path_factory.mktemp("xlsx") / "default"
    tradejobs("run", "scenarios/default.yaml", "-o", str(out), "-q")
    return out


def test_run_workbook_equals_the_csv_files(default_run):
    wb = openpyxl.load_workbook(default_run / "results.xlsx")
    assert wb.sheetnames == ["Summary", "Sectors", "Groups", "Timeline", "Partners", "Quality"]
    for sheet, name in [("Sectors", "sectors.csv"), ("Groups", "groups.csv"), ("Timeline", "timeline.csv"),
                        ("Partners", "partners.csv"), ("Quality", "quality.csv")]:
        ws = wb[sheet]
        assert ws.freeze_panes in ("A2", "B2"), sheet
        assert assert_sheet_equals_csv(ws, read_csv(default_run / name)) > 0, sheet
    ws = wb["Sectors"]
    assert ws["B1"].value == "name" and ws["B2"].value.startswith("Crop and animal production")
    assert ws.column_dimensions["B"].width > 40  # the sector names are readable
    assert ws["C2"].number_format == "#,##0.00" and ws["I2"].number_format == "#,##0.0"


def test_quality_sheet_formats_each_row_by_its_indicator(default_run):
    wb = openpyxl.load_workbook(default_run / "results.xlsx")
    ws = wb["Quality"]
    assert ws.freeze_panes == "B2"
    rows = read_csv(default_run / "quality.csv")
    formats = {"jobs": "#,##0.0", "mean_annual_wage": "#,##0.00", "low_paid_share": "0.0000%",
               "group_share": "0.0000%"}
    assert {r[0] for r in rows[1:]} == set(formats)
    for r, row in enumerate(rows[1:], start=2):
        for column in "DEF":
            assert ws[column + str(r)].number_format == formats[row[0]], column + str(r)
    assert ws["A5"].value == "group_share" and ws["B5"].value == "sex" and ws["C5"].value == "female"
    assert ws["B2"].value is None and ws["C2"].value is None  # the totals have no group
    notes = [r[0] for r in wb["Summary"].iter_rows(max_row=4, values_only=True)]
    assert "Tables: Sectors, Groups, Timeline, Partners, Quality (the CSV files of the folder)" in notes


def test_quality_sheet_with_informal_reemployment_keeps_na_cells_empty(tmp_path):
    scenario = tmp_path / "informal.yaml"
    scenario.write_text("schema_version: 1\nname: informal\neconomy: {}\nlabour_market:\n"
                        "  informal_reemployment_share: 0.2\n  informal_wage_penalty: 0.2\nmeasures:\n"
                        "  - type: export_demand\n    sectors: [C29]\n    percent: -20\n"
                        .format(os.path.join(SOURCE, "scenarios", "economies", "mex-2014")))
    out = tmp_path / "out"
    tradejobs("run", str(scenario), "-o", str(out), "-q")
    rows = read_csv(out / "quality.csv")
    assert rows[-1][:3] == ["reemployed_informally", "formality", "informal"] and rows[-1][4:] == ["NA", "NA"]
    assert rows[2][3] == "NA"  # no jobs created: their mean wage is unknown
    ws = openpyxl.load_workbook(out / "results.xlsx")["Quality"]
    assert assert_sheet_equals_csv(ws, rows) > 0
    last = len(rows)
    assert ws["D" + str(last)].number_format == "#,##0.0"
    assert ws["E" + str(last)].value is None and ws["F" + str(last)].value is None
    assert ws["D3"].value is None


def test_run_summary_sheet_has_totals_with_units_measures_and_sources(default_run):
    summary = json.loads((default_run / "summary.json").read_text())
    values = summary_values(openpyxl.load_workbook(default_run / "results.xlsx")["Summary"])
    unit = summary["economy"]["currency"]
    for key, v in summary["totals"].items():
        got, got_unit = values[("totals", key)]
        if isinstance(v, (int, float)):
            assert math.isclose(got, v, rel_tol=1e-15), key
        else:
            assert got == v, key
        if key.startswith("jobs") or key == "displaced":
            assert got_unit == summary["economy"]["employment_unit"], key
        elif key == "payback_years":
            assert got_unit == "years"
        elif key == "cost_per_displaced_worker":
            assert got_unit == "USD per displaced worker"
        else:
            assert got_unit == unit, key
    assert values[("economy", "source")][0] == summary["economy"]["source"]
    assert values[("economy", "licence")][0] == summary["economy"]["licence"]
    assert values[("scenario", "measures[0].type")][0] == "tariff"
    assert values[("scenario", "measures[0].partners")][0] == "CHN"
    assert math.isclose(values[("scenario", "parameters.armington.default")][0],
                        summary["scenario"]["parameters"]["armington"]["default"])
    assert ("scenario", "labour_market.discount_rate") in values


def test_rerun_gives_the_same_bytes_and_no_xlsx_skips_it(default_run, tmp_path):
    again = tmp_path / "again"
    tradejobs("run", "scenarios/default.yaml", "-o", str(again), "-q")
    assert (again / "results.xlsx").read_bytes() == (default_run / "results.xlsx").read_bytes()
    none = tmp_path / "none"
    tradejobs("run", "scenarios/default.yaml", "-o", str(none), "-q", "--no-xlsx")
    assert not (none / "results.xlsx").exists()
    assert (none / "sectors.csv").read_bytes() == (default_run / "sectors.csv").read_bytes()


def test_unknown_jobs_are_empty_cells_not_zero(tmp_path):
    economy = os.path.join(SOURCE, "tests", "fixtures", "mrio3", "ccc_jobs_unknown")
    scenario = tmp_path / "unknown.yaml"
    scenario.write_text("schema_version: 1\nname: unknown-jobs\neconomy: {}\nmeasures:\n"
                        "  - type: tariff\n    importer: AAA\n    sectors: [goods]\n    partners: [BBB]\n"
                        "    from: 0\n    to: 0.2\n".format(economy))
    out = tmp_path / "out"
    tradejobs("run", str(scenario), "-o", str(out), "-q")
    rows = read_csv(out / "sectors.csv")
    na = [(r, c) for r, row in enumerate(rows) for c, v in enumerate(row) if v == "NA"]
    assert na, "the fixture has sectors with unknown jobs"
    wb = openpyxl.load_workbook(out / "results.xlsx")
    assert "Regions" in wb.sheetnames
    ws = wb["Sectors"]
    for r, c in na:
        assert ws.cell(row=r + 1, column=c + 1).value is None
    assert_sheet_equals_csv(ws, rows)
    assert_sheet_equals_csv(wb["Regions"], read_csv(out / "regions.csv"))
    assert_sheet_equals_csv(wb["Partners"], read_csv(out / "partners.csv"))


@pytest.fixture(scope="module")
def sweeps(tmp_path_factory):
    base = tmp_path_factory.mktemp("sweep")
    for j in ("1", "2"):
        tradejobs("sweep", "tests/fixtures/sweep/sweep.yaml", "-o", str(base / ("j" + j)), "-j", j, "-q")
    return base


def test_sweep_workbook_equals_runs_and_sector_stats(sweeps):
    out = sweeps / "j1"
    wb = openpyxl.load_workbook(out / "results.xlsx")
    assert wb.sheetnames == ["Summary", "Runs", "Sector statistics"]
    runs = read_csv(out / "runs.csv")
    assert len(runs) == 1 + 2 * 50 * 3
    assert assert_sheet_equals_csv(wb["Runs"], runs) > 0
    assert wb["Runs"].freeze_panes == "A2"
    stats = read_csv(out / "sector_stats.csv")
    assert_sheet_equals_csv(wb["Sector statistics"], stats, inserted=(1, "name"))
    names = {r[0]: r[1] for r in read_csv(os.path.join(SOURCE, "tests", "fixtures", "tiny_economy", "sectors.csv"))[1:]}
    ws = wb["Sector statistics"]
    for row in ws.iter_rows(min_row=2, values_only=True):
        assert row[1] == names[row[0]]
    summary = json.loads((out / "summary.json").read_text())
    values = summary_values(wb["Summary"])
    for total, stat in summary["totals_stats"].items():
        for k, v in stat.items():
            assert math.isclose(values[("totals_stats", total + "." + k)][0], v, rel_tol=1e-15)
    assert not any(item.startswith("timings_seconds") or item == "threads" for (_, item) in values)


def test_sweep_workbook_is_the_same_for_any_thread_count(sweeps, tmp_path):
    assert (sweeps / "j1" / "results.xlsx").read_bytes() == (sweeps / "j2" / "results.xlsx").read_bytes()
    out = tmp_path / "none"
    tradejobs("sweep", "tests/fixtures/sweep/sweep.yaml", "-o", str(out), "-j", "2", "-q", "--no-xlsx")
    assert not (out / "results.xlsx").exists()
    assert (out / "runs.csv").read_bytes() == (sweeps / "j1" / "runs.csv").read_bytes()


POLICIES_SCENARIO = """schema_version: 1
name: policies
economy: {economy}
measures:
  - type: tariff
    sectors: [MAN]
    partners: [CHN]
    from: 0.05
    to: 0.25
  - type: export_demand
    sectors: [AGR]
    percent: -20
policies:
  - type: retraining
    name: retrain
    sectors: [AGR, MAN, SER]
    take_up: 0.3
    cost_per_participant: 0.15
    training_years: 1
    reemployment_effect: 0.1
    scarring_effect: -0.1
"""


def test_a_scenario_with_policies_has_a_policies_sheet(tmp_path):
    scenario = tmp_path / "p.yaml"
    scenario.write_text(POLICIES_SCENARIO.format(economy=os.path.join(SOURCE, "tests", "fixtures", "tiny_economy")))
    out = tmp_path / "out"
    tradejobs("run", str(scenario), "-o", str(out), "-q")
    wb = openpyxl.load_workbook(out / "results.xlsx")
    assert wb.sheetnames == ["Summary", "Sectors", "Groups", "Timeline", "Partners", "Policies", "Quality"]
    rows = read_csv(out / "policies.csv")
    assert len(rows) == 2 and rows[1][0] == "retrain"
    assert assert_sheet_equals_csv(wb["Policies"], rows) > 0
    assert wb["Policies"]["B2"].value == "retraining"


def test_an_economy_without_employment_data_has_no_quality_sheet(tmp_path):
    economy = tmp_path / "economy"
    shutil.copytree(os.path.join(SOURCE, "tests", "fixtures", "tiny_economy"), economy)
    (economy / "employment.csv").write_text("sector,total\nAGR,NA\nMAN,NA\nSER,NA\n", encoding="utf-8")
    scenario = tmp_path / "s.yaml"
    scenario.write_text("schema_version: 1\nname: no-jobs\neconomy: {}\nmeasures:\n"
                        "  - type: export_demand\n    sectors: [AGR]\n    percent: -20\n".format(economy))
    out = tmp_path / "out"
    tradejobs("run", str(scenario), "-o", str(out), "-q")
    assert not (out / "quality.csv").exists()
    wb = openpyxl.load_workbook(out / "results.xlsx")
    assert wb.sheetnames == ["Summary", "Sectors", "Groups", "Timeline", "Partners"]
    notes = [r[0] for r in wb["Summary"].iter_rows(max_row=4, values_only=True)]
    assert "Tables: Sectors, Groups, Timeline, Partners (the CSV files of the folder)" in notes
