"""tradejobs in Python: how trade measures change jobs, with pandas results.

The engine is the C++ one of the ``tradejobs`` command (a pybind11 module, ``_tradejobs``),
called in-process. Tables are built from the very CSV text the engine writes, so a DataFrame
equals the CSV file of ``tradejobs run -o`` cell for cell.

    import tradejobs
    usa = tradejobs.load_economy("scenarios/economies/usa-2014")
    result = tradejobs.run("scenarios/default.yaml")
    result.sectors.sort_values("jobs_change").head()

Errors raise ``tradejobs.InputError`` (bad input: exit code 2 of the command) and
``tradejobs.SolveError`` (a model that cannot be solved: exit code 1) with the command's
message (file:line:column, key path, what was expected). See docs/python.md.
"""

import io
import json
import os
import shutil
import tempfile

import pandas as pd

from . import _tradejobs
from ._tradejobs import InputError, SolveError

__all__ = ["load_economy", "run", "sweep", "schema", "Economy", "Result", "SweepResult", "InputError", "SolveError",
           "__version__"]

__version__ = _tradejobs.version()

# Columns that hold codes and names: read as text, never as numbers ("2014" stays a string).
_LABELS = {"sector", "region", "name", "group", "dimension", "partner", "statistic", "policy", "type",
           "indicator"}


def _frame(text):
    """A DataFrame from the engine's CSV text: label columns as strings, NA as NaN, every number
    exactly the double the engine wrote (pandas' default parser can be one unit in the last
    place off)."""
    header = next(iter(text.splitlines()), "")
    labels = {c: str for c in pd.read_csv(io.StringIO(header)).columns if c in _LABELS}
    return pd.read_csv(io.StringIO(text), dtype=labels, keep_default_na=False, na_values=["NA", "nan", "-nan"],
                       float_precision="round_trip")


class Economy:
    """An economy folder, loaded, checked and factorised once (docs/model.md §1, §7)."""

    def __init__(self, handle):
        self._e = handle

    folder = property(lambda self: self._e.folder)
    name = property(lambda self: self._e.name)
    country = property(lambda self: self._e.country)
    year = property(lambda self: self._e.year)
    currency = property(lambda self: self._e.currency)
    employment_unit = property(lambda self: self._e.employment_unit)
    source = property(lambda self: self._e.source)
    licence = property(lambda self: self._e.licence)

    @property
    def sectors(self):
        """One row per sector: code, name, output, value added, trade, employment (NaN where unknown)."""
        return pd.DataFrame(self._e.sectors_table())

    def multipliers(self, type="I"):
        """The table of ``tradejobs multipliers ECONOMY --type TYPE --format csv`` (TYPE "I" or "II")."""
        return _frame(self._e.multipliers_csv(str(type)))

    def check(self):
        """The findings of the economy checks (docs/model.md §1): a list of
        {"severity", "check", "message"} (errors raise InputError when the economy is loaded)."""
        return self._e.check()

    def __repr__(self):
        return "<tradejobs.Economy {} ({} sectors, {}, {})>".format(self.name, len(self.sectors), self.currency, self.year)


def load_economy(path):
    """Loads an economy folder (economy.yaml and its CSV files)."""
    return Economy(_tradejobs.load_economy(os.fspath(path)))


class Result:
    """The result of one scenario run: the tables of sectors.csv, groups.csv, timeline.csv,
    partners.csv (regions.csv for a multi-region economy, policies.csv with a policies block),
    quality.csv (when the economy has employment data) and summary.json."""

    def __init__(self, handle):
        self._r = handle
        self._files = handle.files()
        self._summary = json.loads(self._files["summary.json"])

    name = property(lambda self: self._r.name)

    @property
    def files(self):
        """The text of each result file by name, as `tradejobs run -o` writes it."""
        return dict(self._files)

    sectors = property(lambda self: _frame(self._files["sectors.csv"]))
    groups = property(lambda self: _frame(self._files["groups.csv"]))
    timeline = property(lambda self: _frame(self._files["timeline.csv"]))
    partners = property(lambda self: _frame(self._files["partners.csv"]))

    @property
    def regions(self):
        """regions.csv of a multi-region economy; None for a single-region one."""
        text = self._files.get("regions.csv")
        return _frame(text) if text else None

    @property
    def policies(self):
        """policies.csv of a scenario with a policies block; None without one."""
        text = self._files.get("policies.csv")
        return _frame(text) if text else None

    @property
    def quality(self):
        """quality.csv, the job-quality balance of the jobs created, destroyed and all jobs
        (docs/labour_and_adjustment.md "Job quality"); None for an economy without employment data."""
        text = self._files.get("quality.csv")
        return _frame(text) if text else None

    @property
    def summary(self):
        """summary.json as a dict."""
        return json.loads(self._files["summary.json"])

    @property
    def totals(self):
        """summary.json's totals (jobs in the economy's employment unit, money in its currency)."""
        return dict(self._summary["totals"])

    def write(self, directory, report=True, xlsx=True):
        """Writes the files of `tradejobs run -o DIRECTORY` (report.html and results.xlsx unless
        turned off), atomically; returns the folder."""
        self._r.write(os.fspath(directory), bool(report), bool(xlsx))
        return os.fspath(directory)

    def __repr__(self):
        t = self._summary["totals"]
        return "<tradejobs.Result {}: jobs_change {}>".format(self.name, t.get("jobs_change"))


def _scenario_text(scenario):
    # JSON is YAML: the dict goes to the engine's scenario parser as it would from a file.
    # Relative paths in it (economy, concordance, codes_file) are relative to the current folder.
    return json.dumps(scenario, indent=2, allow_nan=False, default=_not_serialisable)


def _not_serialisable(value):
    if hasattr(value, "item"):  # numpy numbers
        return value.item()
    if isinstance(value, os.PathLike):
        return os.fspath(value)
    raise InputError("<dict>: {!r} is not a scenario value (expected numbers, strings, lists and dicts)".format(value))


def run(scenario):
    """Runs one scenario: a scenario file's path, or a dict with the keys of a scenario file
    (docs/model.md §9; ``schema_version`` may be left out). Returns a Result."""
    if isinstance(scenario, dict):
        doc = dict(scenario)
        doc.setdefault("schema_version", 1)
        return Result(_tradejobs.run_text(_scenario_text(doc), "<dict>"))
    if isinstance(scenario, (str, os.PathLike)):
        return Result(_tradejobs.run_file(os.fspath(scenario)))
    raise TypeError("run(scenario): expected a path or a dict, got {}".format(type(scenario).__name__))


class SweepResult:
    """The result of a sweep: runs.csv, sector_stats.csv and summary.json."""

    def __init__(self, folder):
        self._folder = folder
        with open(os.path.join(folder, "summary.json"), encoding="utf-8") as f:
            self._summary_text = f.read()
        self.runs = pd.read_csv(os.path.join(folder, "runs.csv"), float_precision="round_trip")
        with open(os.path.join(folder, "sector_stats.csv"), encoding="utf-8") as f:
            self.sector_stats = _frame(f.read())
        self.summary = json.loads(self._summary_text)

    def write(self, directory):
        """Writes the sweep's files (as `tradejobs sweep -o DIRECTORY`) into a new or empty
        folder, or into a folder holding an earlier sweep's results; returns the folder."""
        directory = os.fspath(directory)
        if os.path.exists(directory):
            if not os.path.isdir(directory):
                raise InputError("{}: exists and is not a folder: expected a folder for the results".format(directory))
            if os.listdir(directory) and not _is_sweep_folder(directory):
                raise InputError("{}: exists and is not a sweep results folder: choose another folder".format(directory))
        os.makedirs(directory, exist_ok=True)
        for name in sorted(os.listdir(self._folder)):
            source = os.path.join(self._folder, name)
            if os.path.isfile(source):
                shutil.copyfile(source, os.path.join(directory, name))
        return directory


def _is_sweep_folder(directory):
    try:
        with open(os.path.join(directory, "summary.json"), encoding="utf-8") as f:
            return json.load(f).get("kind") == "sweep"
    except (OSError, ValueError):
        return False


def sweep(sweep, threads=None, xlsx=True):
    """Runs a sweep file (docs/model.md §6) on the engine's threads (all cores when threads is
    None), with the GIL released. Returns a SweepResult."""
    if threads is not None and (not isinstance(threads, int) or threads < 1):
        raise InputError("threads = {!r}: expected a number of threads >= 1, or None for all cores".format(threads))
    if not isinstance(sweep, (str, os.PathLike)):
        raise TypeError("sweep(sweep): expected the path of a sweep file, got {}".format(type(sweep).__name__))
    # The engine writes the sweep's files into a temporary folder that lives as long as the result.
    tmp = tempfile.TemporaryDirectory(prefix="tradejobs-sweep-")
    folder = os.path.join(tmp.name, "sweep")
    _tradejobs.run_sweep(os.fspath(sweep), folder, 0 if threads is None else threads, bool(xlsx))
    result = SweepResult(folder)
    result._tmp = tmp
    return result


def schema():
    """The scenario keys the engine knows (from its lists of measure types, per-sector
    parameters and labour_market keys, plus the top-level sections) as records
    {"key", "section", "description", "sweepable"}."""
    return _tradejobs.schema()
