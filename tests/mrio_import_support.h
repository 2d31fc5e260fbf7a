#pragma once
/// \file mrio_import_support.h
/// Helpers of the MRIO loader tests, shared by test_mrio_import.cpp (inputs in tests/data) and
/// test_mrio_import_world.cpp (the WIOD 2013 world table of $TRADEJOBS_DATA_DIR), and by the
/// ILOSTAT satellite tests test_mrio_import_ilostat.cpp and test_mrio_import_ilostat_world.cpp: a
/// scratch folder per test case, removed when the program ends; line I/O; independent readers of
/// the raw files; import commands; lookups in an imported economy. Include after <doctest/doctest.h>.

#include <unistd.h>

#include <Eigen/Core>
#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "formats/csv.h"
#include "tradejobs/engine/importers.h"
#include "tradejobs/models/economy.h"

namespace tradejobs::test {

inline const std::filesystem::path kScratch =
    std::filesystem::temp_directory_path() / ("tradejobs_mrio_" + std::to_string(::getpid()));
/// Removes the scratch folders when the test program ends.
struct ScratchCleanup {
  ~ScratchCleanup() {
    std::error_code ignored;
    std::filesystem::remove_all(kScratch, ignored);
  }
};
inline ScratchCleanup scratch_cleanup;

/// A fresh scratch folder per test case.
inline std::string scratch(const std::string& name) {
  const std::filesystem::path p = kScratch / name;
  std::filesystem::remove_all(p);
  std::filesystem::create_directories(p);
  return p.string();
}

inline std::vector<std::string> lines_of(const std::string& path) {
  std::ifstream in(path);
  std::vector<std::string> v;
  for (std::string l; std::getline(in, l);) v.push_back(l);
  return v;
}

inline void write_lines(const std::string& path, const std::vector<std::string>& lines) {
  std::ofstream out(path);
  for (const auto& l : lines) out << l << '\n';
}

inline void write_text(const std::string& path, const std::string& text) { std::ofstream(path) << text; }

/// Independent reader of a pymrio text matrix: skips `header_rows` and `label_cols`.
inline Eigen::MatrixXd raw_tab_matrix(const std::string& path, int header_rows, int label_cols) {
  const auto lines = lines_of(path);
  std::vector<std::vector<double>> rows;
  for (size_t r = header_rows; r < lines.size(); ++r) {
    std::stringstream s(lines[r]);
    std::vector<double> row;
    int k = 0;
    for (std::string cell; std::getline(s, cell, '\t'); ++k)
      if (k >= label_cols) row.push_back(std::stod(cell));
    rows.push_back(row);
  }
  Eigen::MatrixXd m(rows.size(), rows[0].size());
  for (size_t r = 0; r < rows.size(); ++r)
    for (size_t c = 0; c < rows[r].size(); ++c) m(r, c) = rows[r][c];
  return m;
}

/// Row sums of a comma-separated labelled matrix file (first line header, first cell label).
inline Eigen::VectorXd raw_row_sums(const std::string& path) {
  const auto lines = lines_of(path);
  Eigen::VectorXd s(lines.size() - 1);
  for (size_t r = 1; r < lines.size(); ++r) {
    std::stringstream in(lines[r]);
    std::string cell;
    std::getline(in, cell, ',');
    double sum = 0.0;
    while (std::getline(in, cell, ',')) sum += std::stod(cell);
    s(r - 1) = sum;
  }
  return s;
}

inline double relative_max_difference(const Eigen::MatrixXd& a, const Eigen::MatrixXd& b) {
  return (a - b).cwiseAbs().maxCoeff() / std::max(b.cwiseAbs().maxCoeff(), 1e-300);
}

/// `tradejobs import FORMAT SOURCE -o OUT` (the options go in the format's own struct).
inline tradejobs::ImportCommand command(const std::string& format, const std::string& source, const std::string& out) {
  tradejobs::ImportCommand c;
  c.sources = {source};
  c.output = out;
  c.command_line = "tradejobs import " + format + " " + source + " -o " + out;
  return c;
}

/// Column of the employment share `name` in `e` (employment_share_names), -1 when absent.
inline int share_column(const tradejobs::Economy& e, const std::string& name) {
  for (size_t c = 0; c < e.employment_share_names.size(); ++c)
    if (e.employment_share_names[c] == name) return static_cast<int>(c);
  return -1;
}

/// First sector of `region` in a multi-region economy (sector_regions); fails the test when absent.
inline Eigen::Index region_start(const tradejobs::Economy& e, const std::string& region) {
  for (Eigen::Index j = 0; j < e.sectors(); ++j)
    if (e.sector_regions[static_cast<size_t>(j)] == region) return j;
  FAIL("no region " << region);
  return 0;
}

/// ILOSTAT's count of one sex, code and year in an extract (thousands), read independently of
/// the loader: columns ref_area, sex, classif1, time and the value.
inline double ilostat_count(const std::string& file, const std::string& code, const std::string& sex, int year) {
  const tradejobs::CsvTable t = tradejobs::read_csv(file);
  for (const auto& row : t.rows)
    if (row[1] == sex && row[2] == code && row[3] == std::to_string(year)) return std::stod(row[4]);
  FAIL("no " << sex << " " << code << " " << year << " in " << file);
  return 0;
}

}  // namespace tradejobs::test
