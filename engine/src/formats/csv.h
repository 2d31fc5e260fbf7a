#pragma once
/// \file csv.h
/// CSV reading and writing as docs/model.md §7 defines it: comma-separated, a header row, first
/// column the row label, UTF-8, '.' as decimal mark; quoted fields ("a, b" and "" escapes).
/// Every error names the file, the 1-based line and column, and what was expected.

#include <Eigen/Core>
#include <ostream>
#include <string>
#include <vector>

namespace tradejobs {

/// A CSV file as text cells with positions for messages.
struct CsvTable {
  std::string path;                            ///< File path as given (used in messages).
  std::vector<std::string> header;             ///< Header cells.
  std::vector<std::vector<std::string>> rows;  ///< Data rows (same width as the header).
  std::vector<int> line_numbers;               ///< 1-based file line of each data row.

  /// Index of a header column, or -1.
  int column(const std::string& name) const;
  /// Index of a header column; InputError naming the file and the expected column if absent.
  int require_column(const std::string& name) const;
  /// The cell (row r, column c) as a finite number; InputError "file:line:col: ..." if not.
  double number(size_t r, size_t c) const;
  /// "path:line:column" of a cell (column 1-based from c).
  std::string where(size_t r, size_t c) const;
};

/// Options for reading CSV.
struct CsvReadOptions {
  char delimiter = ',';       ///< Field separator.
  bool allow_ragged = false;  ///< Accept rows with fewer/more cells than the header.
  bool trim = true;           ///< Strip spaces around unquoted cells.
};

/// Reads a CSV file. InputError if it cannot be opened, is empty, or a row is ragged
/// ("file:line: row has N cells, expected M as in the header").
CsvTable read_csv(const std::string& path, const CsvReadOptions& options = {});

/// Parses one CSV line into cells (handles quotes).
std::vector<std::string> split_csv_line(const std::string& line, char delimiter = ',');

/// Quotes a cell when it holds a comma, quote or newline.
std::string csv_escape(const std::string& cell);

/// Shortest text that reads back to exactly the same double ("%.17g" trimmed); integers print without ".0".
std::string format_double(double v);

/// A labelled matrix read from a CSV: row labels (first column), column labels (header
/// after the first cell), values.
struct LabelledMatrix {
  std::vector<std::string> row_labels;
  std::vector<std::string> column_labels;
  Eigen::MatrixXd values;
};

/// Reads a labelled numeric matrix: first header cell is the label column's name
/// (e.g. "sector"); every other cell must be a finite number.
LabelledMatrix read_labelled_matrix(const std::string& path);

/// Writes a labelled matrix with `corner` as the first header cell, full precision.
void write_labelled_matrix(std::ostream& out, const std::string& corner, const std::vector<std::string>& row_labels,
                           const std::vector<std::string>& column_labels, const Eigen::MatrixXd& values);

}  // namespace tradejobs
