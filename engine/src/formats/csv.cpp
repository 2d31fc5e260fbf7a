#include "formats/csv.h"

#include <cerrno>
#include <charconv>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <sstream>

#include "formats/double_text.h"
#include "tradejobs/engine/errors.h"

namespace tradejobs {

namespace {
std::string trim(const std::string& s) {
  size_t b = 0, e = s.size();
  while (b < e && (s[b] == ' ' || s[b] == '\t' || s[b] == '\r')) ++b;
  while (e > b && (s[e - 1] == ' ' || s[e - 1] == '\t' || s[e - 1] == '\r')) --e;
  return s.substr(b, e - b);
}
}  // namespace

std::vector<std::string> split_csv_line(const std::string& line, char delimiter) {
  std::vector<std::string> cells;
  std::string cell;
  bool quoted = false;
  for (size_t i = 0; i < line.size(); ++i) {
    const char ch = line[i];
    if (quoted) {
      if (ch == '"') {
        if (i + 1 < line.size() && line[i + 1] == '"') {
          cell += '"';
          ++i;
        } else {
          quoted = false;
        }
      } else {
        cell += ch;
      }
    } else if (ch == '"') {
      quoted = true;
    } else if (ch == delimiter) {
      cells.push_back(cell);
      cell.clear();
    } else if (ch != '\r') {
      cell += ch;
    }
  }
  cells.push_back(cell);
  return cells;
}

std::string csv_escape(const std::string& cell) {
  if (cell.find_first_of(",\"\n") == std::string::npos) return cell;
  std::string s = "\"";
  for (char c : cell) {
    if (c == '"') s += '"';
    s += c;
  }
  return s + "\"";
}

std::string format_double(double v) {  // one formatter for every number written (double_text.h)
  char buf[kFormatDoubleChars];
  return std::string(buf, format_double_to(buf, v));
}

int CsvTable::column(const std::string& name) const {
  for (size_t i = 0; i < header.size(); ++i)
    if (header[i] == name) return static_cast<int>(i);
  return -1;
}

int CsvTable::require_column(const std::string& name) const {
  const int c = column(name);
  if (c < 0) {
    std::string found;
    for (const auto& h : header) found += (found.empty() ? "" : ",") + h;
    throw InputError(
        located(path, 1, 0, "missing column '" + name + "' in the header (found: " + excerpt(found) + ")"));
  }
  return c;
}

std::string CsvTable::where(size_t r, size_t c) const {
  return path + ":" + std::to_string(line_numbers[r]) + ":" + std::to_string(c + 1);
}

double CsvTable::number(size_t r, size_t c) const {
  const std::string& s = rows[r][c];
  const std::string col = c < header.size() ? " (column '" + excerpt(header[c]) + "')" : "";
  if (s.empty()) throw InputError(where(r, c) + ": empty cell" + col + ": expected a number");
  // std::from_chars: locale-independent ('.' whatever LC_NUMERIC says), no hexadecimal floats;
  // a leading '+' is accepted as strtod did. Out of range (1e999) is an error, as before.
  const char* first = s.data();
  const char* last = s.data() + s.size();
  if (s.size() > 1 && s[0] == '+' && s[1] != '-' && s[1] != '+') ++first;
  double v = 0;
  const std::from_chars_result parsed = std::from_chars(first, last, v);
  if (parsed.ec != std::errc() || parsed.ptr != last || !std::isfinite(v))
    throw InputError(where(r, c) + ": '" + excerpt(s) + "'" + col +
                     " is not a number: expected a finite number with '.' as decimal mark");
  return v;
}

namespace {
/// Reads lines of at most `limit` bytes (without the '\n') in 64 KiB blocks, so that a file
/// without line breaks is refused after `limit` bytes rather than read whole.
class LineReader {
 public:
  LineReader(std::istream& in, size_t limit) : in_(in), limit_(limit) {}
  /// False at the end of the file; sets `too_long` (and returns false) for an over-long line.
  bool next(std::string& line, bool& too_long) {
    line.clear();
    too_long = false;
    for (;;) {
      if (pos_ == end_) {
        if (eof_) return !line.empty();
        in_.read(buf_, sizeof buf_);
        end_ = static_cast<size_t>(in_.gcount());
        pos_ = 0;
        if (end_ == 0) {
          eof_ = true;
          return !line.empty();
        }
      }
      const char* start = buf_ + pos_;
      const void* nl = std::memchr(start, '\n', end_ - pos_);
      const size_t take = nl ? static_cast<size_t>(static_cast<const char*>(nl) - start) : end_ - pos_;
      if (line.size() + take > limit_) {
        too_long = true;
        return false;
      }
      line.append(start, take);
      pos_ += take;
      if (nl) {
        ++pos_;
        return true;
      }
    }
  }

 private:
  std::istream& in_;
  size_t limit_;
  char buf_[65536];
  size_t pos_ = 0, end_ = 0;
  bool eof_ = false;
};

std::string size_of_limit(size_t bytes) { return std::to_string(bytes >> 20) + " MiB"; }
}  // namespace

CsvTable read_csv(const std::string& path, const CsvReadOptions& options) {
  require_input_file(path, "a CSV file", kMaxInputFileBytes);  // before opening: a FIFO never blocks
  std::ifstream in(path, std::ios::binary);
  if (!in) throw InputError(located(path, 0, 0, "cannot open file (permission denied?): expected a readable CSV file"));
  CsvTable t;
  t.path = path;
  std::string line;
  int line_no = 0;
  bool have_header = false;
  LineReader reader(in, kMaxCsvLineBytes);
  bool too_long = false;
  while (reader.next(line, too_long)) {
    ++line_no;
    if (line_no == 1 && line.size() >= 3 && static_cast<unsigned char>(line[0]) == 0xEF &&
        static_cast<unsigned char>(line[1]) == 0xBB && static_cast<unsigned char>(line[2]) == 0xBF)
      line.erase(0, 3);  // UTF-8 byte-order mark
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (trim(line).empty()) continue;
    auto cells = split_csv_line(line, options.delimiter);
    if (options.trim)
      for (auto& c : cells) c = trim(c);
    if (!have_header) {
      t.header = std::move(cells);
      have_header = true;
      continue;
    }
    if (!options.allow_ragged && cells.size() != t.header.size())
      throw InputError(located(path, line_no, 0,
                               "row has " + std::to_string(cells.size()) + " cells, expected " +
                                   std::to_string(t.header.size()) + " as in the header"));
    t.rows.push_back(std::move(cells));
    t.line_numbers.push_back(line_no);
  }
  if (too_long)
    throw InputError(located(path, line_no + 1, 0,
                             "line is longer than " + size_of_limit(kMaxCsvLineBytes) +
                                 " (the limit of one CSV line): expected one table row per line"));
  if (in.bad()) throw InputError(located(path, line_no, 0, "read error: the file could not be read to its end"));
  if (!have_header) throw InputError(located(path, 0, 0, "file is empty: expected a header row"));
  return t;
}

LabelledMatrix read_labelled_matrix(const std::string& path) {
  const CsvTable t = read_csv(path);
  if (t.header.size() < 2)
    throw InputError(located(path, 1, 0, "expected a label column and at least one value column"));
  LabelledMatrix m;
  m.column_labels.assign(t.header.begin() + 1, t.header.end());
  m.values.resize(static_cast<Eigen::Index>(t.rows.size()), static_cast<Eigen::Index>(m.column_labels.size()));
  for (size_t r = 0; r < t.rows.size(); ++r) {
    m.row_labels.push_back(t.rows[r][0]);
    for (size_t c = 1; c < t.header.size(); ++c) m.values(r, c - 1) = t.number(r, c);
  }
  return m;
}

void write_labelled_matrix(std::ostream& out, const std::string& corner, const std::vector<std::string>& rows,
                           const std::vector<std::string>& cols, const Eigen::MatrixXd& v) {
  out << csv_escape(corner);
  for (const auto& c : cols) out << ',' << csv_escape(c);
  out << '\n';
  for (Eigen::Index i = 0; i < v.rows(); ++i) {
    out << csv_escape(rows[i]);
    for (Eigen::Index j = 0; j < v.cols(); ++j) out << ',' << format_double(v(i, j));
    out << '\n';
  }
}

}  // namespace tradejobs
