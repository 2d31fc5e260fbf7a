"""The Python package tradejobs (python/) against the CLI (issue 17): every function on the
committed economies, run(dict) == run(path) == the CLI's files cell for cell, a sweep from
Python == the CLI sweep byte for byte after writing, errors with the CLI's message.
Run by ctest (tests/python.cmake) as
    PYTHONPATH=build/python TRADEJOBS_BINARY=build/tradejobs /usr/bin/python3 -m pytest tests/python
"""

import io
import json
import os
import shutil
import subprocess
import sys

import pandas as pd
import pytest
import yaml

import tradejobs

SOURCE = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
BINARY = os.environ.get("TRADEJOBS_BINARY", os.path.join(SOURCE, "build", "tradejobs"))
# Every committed economy (scenarios/economies/*/economy.yaml).
ECONOMIES = sorted(os.path.join("scenarios", "economies", d) for d in os.listdir(os.path.join(SOURCE, "scenarios", "economies"))
                   if os.path.exists(os.path.join(SOURCE, "scenarios", "economies", d, "economy.yaml")))
TINY = "tests/fixtures/tiny_economy"
SWEEP = "tests/fixtures/sweep/sweep.yaml"


@pytest.fixture(autouse=True)
def in_source_tree(monkeypatch):
    monkeypatch.chdir(SOURCE)


def cli(*args, expect=0):
    p = subprocess.run([BINARY, *args], cwd=SOURCE, capture_output=True, text=True, timeout=600)
    assert p.returncode == expect, p.stderr
    return p


def read_table(path):
    return tradejobs._frame(open(path, encoding="utf-8").read())


def test_the_module_is_the_engine_built_for_this_python():
    assert tradejobs.__version__ == cli("--version").stdout.split()[1]
    assert tradejobs._tradejobs.__file__.endswith(".so")
    if os.path.exists("/usr/bin/python3"):  # Debian's python3, which ctest uses
        assert os.path.realpath(sys.executable) == os.path.realpath("/usr/bin/python3")


@pytest.mark.parametrize("folder", ECONOMIES)
def test_load_economy_sectors_multipliers_and_checks(folder):
    e = tradejobs.load_economy(folder)
    s = e.sectors
    codes = pd.read_csv(os.path.join(folder, "sectors.csv"), dtype=str)
    assert list(s["sector"]) == list(codes["code"])
    assert list(s["name"]) == list(codes["name"])
    assert {"output", "value_added", "imports", "exports", "employment"} <= set(s.columns)
    # NA (a region without jobs data, such as most regions of an imported world table) is
    # unknown, never negative
    known = s["employment"].dropna()
    assert (known >= 0).all()
    # output is gross output: the row identity Zd·1 + Fd·1 + e of the economy's files (docs/model.md §1)
    rows = sum(pd.read_csv(os.path.join(folder, f), index_col=0).sum(axis=1)
               for f in ("intermediate_domestic.csv", "final_demand_domestic.csv", "exports.csv"))
    assert list(rows.index.astype(str)) == list(s["sector"])
    assert ((s["output"].to_numpy() - rows.to_numpy()) <= 1e-6 * (1 + rows.abs().to_numpy())).all()
    assert ((rows.to_numpy() - s["output"].to_numpy()) <= 1e-6 * (1 + rows.abs().to_numpy())).all()
    with open(os.path.join(folder, "economy.yaml"), encoding="utf-8") as f:
        meta = yaml.safe_load(f)
    assert (e.name, e.currency, e.employment_unit, e.year) == (meta["name"], meta["currency"], meta["employment_unit"], meta["year"])
    for t in ("I", "II"):
        m = e.multipliers(t)
        text = cli("multipliers", folder, "--type", t, "--format", "csv").stdout
        assert e._e.multipliers_csv(t) == text
        want = pd.read_csv(io.StringIO(text), dtype={"sector": str}, float_precision="round_trip")
        pd.testing.assert_frame_equal(m, want, check_exact=True)
        assert list(m["sector"]) == list(s["sector"])
    checks = e.check()
    assert checks and all(set(c) == {"severity", "check", "message"} for c in checks)
    p = cli("check", folder)
    lines = {line.strip() for line in (p.stdout + p.stderr).splitlines()}
    for c in checks:
        assert "{}: {}: {}".format(c["severity"], c["check"], c["message"]) in lines


def test_multipliers_type_is_checked():
    e = tradejobs.load_economy("scenarios/economies/usa-2014")
    with pytest.raises(tradejobs.InputError, match="multipliers type 'III': expected I or II"):
        e.multipliers("III")


@pytest.fixture(scope="module")
def default_cli(tmp_path_factory):
    out = tmp_path_factory.mktemp("py") / "cli"
    cli("run", "scenarios/default.yaml", "-o", str(out), "-q")
    return out


def test_run_path_equals_the_cli_files_and_writes_the_same_folder(default_cli, tmp_path):
    r = tradejobs.run("scenarios/default.yaml")
    for name, text in r.files.items():
        assert (default_cli / name).read_text(encoding="utf-8") == text, name
    for attr, name in [("sectors", "sectors.csv"), ("groups", "groups.csv"), ("timeline", "timeline.csv"),
                       ("partners", "partners.csv"), ("quality", "quality.csv")]:
        pd.testing.assert_frame_equal(getattr(r, attr), read_table(default_cli / name), check_exact=True)
        assert list(getattr(r, attr).columns) == open(default_cli / name).readline().strip().split(",")
    summary = json.loads((default_cli / "summary.json").read_text())
    assert r.summary == summary and r.totals == summary["totals"]
    assert r.regions is None
    out = tmp_path / "py"
    assert r.write(out) == str(out)
    assert sorted(os.listdir(out)) == sorted(os.listdir(default_cli))
    for name in os.listdir(default_cli):
        assert (out / name).read_bytes() == (default_cli / name).read_bytes(), name
    r.write(tmp_path / "bare", report=False, xlsx=False)
    assert not (tmp_path / "bare" / "report.html").exists() and not (tmp_path / "bare" / "results.xlsx").exists()


def test_run_dict_equals_run_path_cell_for_cell():
    path = "scenarios/default.yaml"
    with open(path, encoding="utf-8") as f:
        doc = yaml.safe_load(f)
    # Relative paths of a dict are relative to the current folder: here the scenario's folder's parent.
    doc["economy"] = os.path.join("scenarios", doc["economy"])
    for m in doc["measures"]:
        for key in ("concordance", "codes_file"):
            if key in m:
                m[key] = os.path.join("scenarios", m[key])
    doc.pop("outputs", None)
    from_dict, from_path = tradejobs.run(doc), tradejobs.run(path)
    for attr in ("sectors", "groups", "timeline", "partners", "quality"):
        pd.testing.assert_frame_equal(getattr(from_dict, attr), getattr(from_path, attr), check_exact=True)
    assert from_dict.totals == from_path.totals
    a, b = from_dict.summary, from_path.summary
    assert a["scenario"].pop("file") == "<dict>" and b["scenario"].pop("file") == path
    assert os.path.normpath(a["scenario"].pop("economy")) == os.path.normpath(b["scenario"].pop("economy"))
    for m in a["scenario"]["measures"] + b["scenario"]["measures"]:
        for key in ("concordance", "codes_file"):
            m.pop(key, None)
    assert a == b


def test_run_dict_without_schema_version_and_with_numpy_numbers():
    import numpy as np
    r = tradejobs.run({"name": "tiny", "economy": TINY,
                       "measures": [{"type": "tariff", "sectors": ["MAN"], "partners": ["CHN"], "from": 0.05,
                                     "to": np.float64(0.25)}]})
    assert r.name == "tiny" and r.totals["jobs_change"] != 0
    assert list(r.sectors["sector"]) == ["AGR", "MAN", "SER"]


def test_a_loop_over_tariff_levels_collects_into_one_frame():
    rows = []
    for to in (0.1, 0.2, 0.3):
        r = tradejobs.run({"name": "tiny", "economy": TINY,
                           "measures": [{"type": "tariff", "sectors": ["MAN"], "partners": ["CHN"], "from": 0.05, "to": to}]})
        rows.append(r.sectors.assign(tariff=to))
    frame = pd.concat(rows, ignore_index=True)
    assert len(frame) == 9
    man = frame[frame["sector"] == "MAN"].set_index("tariff")["output_change"]
    assert man.is_monotonic_increasing or man.is_monotonic_decreasing
    assert man.iloc[0] != man.iloc[-1]


def test_sweep_equals_the_cli_sweep_byte_for_byte(tmp_path):
    cli_out = tmp_path / "cli"
    cli("sweep", SWEEP, "-o", str(cli_out), "-j", "1", "-q")
    s = tradejobs.sweep(SWEEP, threads=2)
    pd.testing.assert_frame_equal(s.runs, pd.read_csv(cli_out / "runs.csv", float_precision="round_trip"), check_exact=True)
    pd.testing.assert_frame_equal(s.sector_stats, read_table(cli_out / "sector_stats.csv"), check_exact=True)
    assert len(s.runs) == 300 and s.summary["kind"] == "sweep"
    out = s.write(tmp_path / "py")
    assert sorted(os.listdir(out)) == sorted(os.listdir(cli_out))
    for name in os.listdir(cli_out):
        if name != "summary.json":
            assert (tmp_path / "py" / name).read_bytes() == (cli_out / name).read_bytes(), name
    # summary.json: the same but for the timings and the thread count (docs/sweeps.md)
    a = json.loads((tmp_path / "py" / "summary.json").read_text())
    b = json.loads((cli_out / "summary.json").read_text())
    for d in (a, b):
        for key in ("timings_seconds", "threads"):
            d["diagnostics"].pop(key)
    assert a["sweep"].pop("file") == b["sweep"].pop("file") == SWEEP
    assert a == b
    with pytest.raises(tradejobs.InputError, match="exists and is not a sweep results folder"):
        (tmp_path / "foreign").mkdir()
        (tmp_path / "foreign" / "notes.txt").write_text("mine")
        s.write(tmp_path / "foreign")
    assert (tmp_path / "foreign" / "notes.txt").read_text() == "mine"


def test_sweep_threads_are_checked():
    with pytest.raises(tradejobs.InputError, match="threads = 0: expected a number of threads >= 1"):
        tradejobs.sweep(SWEEP, threads=0)


def test_schema_lists_the_engine_keys():
    keys = {r["key"]: r for r in tradejobs.schema()}
    for k in ("economy", "measures", "parameters", "labour_market", "options", "outputs"):
        assert k in keys
    assert keys["parameters.armington"]["sweepable"] and keys["parameters.armington"]["section"] == "parameters"
    assert keys["labour_market.unemployment_duration_years"]["sweepable"]
    for t in ("tariff", "export_tariff", "ntm", "quota", "export_demand", "import_price", "final_demand"):
        assert "measures[].type = " + t in keys
    # every labour_market key of the schema is accepted by a scenario
    lm = {r["key"].split(".", 1)[1]: 1.0 for r in keys.values() if r["key"].startswith("labour_market.")}
    lm.update(horizon_years=10, replacement_rate=0.5, exit_rate=0.1, benefit_coverage_formal=0.5,
              scarring_stayers=0.1, scarring_switchers=0.1, discount_rate=0.03, turnover_rate=0.1,
              informal_reemployment_share=0.0, informal_wage_penalty=0.2)
    lm = {k: v for k, v in lm.items() if "labour_market." + k in keys}
    tradejobs.run({"name": "lm", "economy": TINY, "labour_market": lm,
                   "measures": [{"type": "tariff", "sectors": ["MAN"], "partners": ["CHN"], "from": 0.05, "to": 0.1}]})


def cli_error(*args, expect):
    p = cli(*args, expect=expect)
    assert p.stderr.startswith("error: ") and p.stderr.endswith("\n")
    return p.stderr[len("error: "):-1]


def test_input_errors_carry_the_cli_message(tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_text("schema_version: 1\nname: bad\neconomy: {}\nmeasures:\n  - type: tariff\n    sectors: [XYZ]\n"
                   "    partners: [CHN]\n    from: 0.05\n    to: 0.25\n".format(os.path.join(SOURCE, TINY)))
    message = cli_error("run", str(bad), "-o", str(tmp_path / "o"), expect=2)
    with pytest.raises(tradejobs.InputError) as e:
        tradejobs.run(str(bad))
    assert str(e.value) == message
    assert isinstance(e.value, ValueError)
    for path in ("no/such.yaml", str(tmp_path)):
        message = cli_error("run", path, "-o", str(tmp_path / "o"), expect=2)
        with pytest.raises(tradejobs.InputError) as e:
            tradejobs.run(path)
        assert str(e.value) == message
    message = cli_error("multipliers", "no/such/economy", expect=2)
    with pytest.raises(tradejobs.InputError) as e:
        tradejobs.load_economy("no/such/economy")
    assert str(e.value) == message
    message = cli_error("sweep", str(bad), "-o", str(tmp_path / "s"), expect=2)
    with pytest.raises(tradejobs.InputError) as e:
        tradejobs.sweep(str(bad))
    assert str(e.value) == message


def test_dict_errors_are_located_in_the_dict():
    with pytest.raises(tradejobs.InputError) as e:
        tradejobs.run({"name": "x", "economy": TINY, "measures": [{"type": "tarif"}]})
    assert str(e.value).startswith("<dict>:") and "unknown measure type 'tarif'" in str(e.value)
    with pytest.raises(tradejobs.InputError, match="not a scenario value"):
        tradejobs.run({"name": "x", "economy": TINY, "measures": [{"type": "tariff", "to": object()}]})
    with pytest.raises(TypeError):
        tradejobs.run(42)


def test_solve_errors_carry_the_cli_message(tmp_path):
    econ = tmp_path / "econ"
    shutil.copytree(os.path.join(SOURCE, TINY), econ)

    def edit(name, old, new):
        p = econ / name
        text = p.read_text()
        assert old in text
        p.write_text(text.replace(old, new))

    # The tiny economy made import-dependent in MAN: a prohibitive tariff with armington near 1
    # and no price feedback leaves a shocked table that is not productive (docs/model.md §3).
    edit("intermediate_imported.csv", "MAN,5,30,10", "MAN,5,150,10")
    edit("value_added.csv", "compensation,30,40,100", "compensation,30,5,100")
    edit("value_added.csv", "other,37,25,45", "other,37,-60,45")
    f = tmp_path / "f.yaml"
    f.write_text("schema_version: 1\nname: f\neconomy: econ\nmeasures:\n  - type: tariff\n    sectors: [AGR, MAN, SER]\n"
                 "    partners: all\n    from: 0.03\n    to: 10\nparameters: {armington: 1.05}\n"
                 "options: {price_feedback: false}\n")
    message = cli_error("run", str(f), "-o", str(tmp_path / "o"), expect=1)
    assert "not productive" in message
    with pytest.raises(tradejobs.SolveError) as e:
        tradejobs.run(str(f))
    assert str(e.value) == message
    assert isinstance(e.value, RuntimeError)


def test_policies_table(tmp_path):
    doc = {"name": "policies", "economy": TINY,
           "measures": [{"type": "tariff", "sectors": ["MAN"], "partners": ["CHN"], "from": 0.05, "to": 0.25},
                        {"type": "export_demand", "sectors": ["AGR"], "percent": -20}],
           "policies": [{"type": "retraining", "name": "retrain", "sectors": ["AGR", "MAN", "SER"], "take_up": 0.3,
                         "cost_per_participant": 0.15, "training_years": 1, "reemployment_effect": 0.1,
                         "scarring_effect": -0.1}]}
    r = tradejobs.run(doc)
    out = tmp_path / "out"
    r.write(out)
    pd.testing.assert_frame_equal(r.policies, read_table(out / "policies.csv"), check_exact=True)
    assert list(r.policies["policy"]) == ["retrain"]
    assert tradejobs.run({k: v for k, v in doc.items() if k != "policies"}).policies is None


def test_quality_table(tmp_path):
    doc = {"name": "informal", "economy": "scenarios/economies/mex-2014",
           "labour_market": {"informal_reemployment_share": 0.2, "informal_wage_penalty": 0.2},
           "measures": [{"type": "export_demand", "sectors": ["C29"], "percent": -20}]}
    r = tradejobs.run(doc)
    out = tmp_path / "out"
    r.write(out, report=False, xlsx=False)
    assert (out / "quality.csv").read_text(encoding="utf-8") == r.files["quality.csv"]
    q = r.quality
    pd.testing.assert_frame_equal(q, read_table(out / "quality.csv"), check_exact=True)
    assert list(q.columns) == ["indicator", "dimension", "group", "jobs_created", "jobs_destroyed", "jobs_base"]
    assert list(q["indicator"][:3]) == ["jobs", "mean_annual_wage", "low_paid_share"]
    assert list(q["dimension"][:3]) == ["", "", ""]  # the totals belong to no group
    last = q.iloc[-1]
    assert (last["indicator"], last["dimension"], last["group"]) == ("reemployed_informally", "formality", "informal")
    assert last["jobs_created"] == r.summary["job_quality"]["reemployed_informally"]
    assert pd.isna(last["jobs_destroyed"]) and pd.isna(last["jobs_base"])
    assert pd.isna(q["jobs_created"][1])  # no jobs created: their mean wage is unknown
    assert q["jobs_destroyed"][1] == r.summary["job_quality"]["jobs_destroyed"]["mean_annual_wage"]
    shares = q[(q["indicator"] == "group_share") & (q["dimension"] == "sex")]
    assert list(shares["group"]) == ["female", "male"]
    assert shares["jobs_base"].sum() == pytest.approx(1, rel=1e-12)


def test_quality_table_is_none_without_employment_data(tmp_path):
    economy = tmp_path / "economy"
    shutil.copytree(TINY, economy)
    (economy / "employment.csv").write_text("sector,total\nAGR,NA\nMAN,NA\nSER,NA\n", encoding="utf-8")
    r = tradejobs.run({"name": "no-jobs", "economy": str(economy),
                       "measures": [{"type": "export_demand", "sectors": ["AGR"], "percent": -20}]})
    assert r.quality is None and "quality.csv" not in r.files and "job_quality" not in r.summary
