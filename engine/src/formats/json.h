#pragma once
/// \file json.h
/// summary.json (docs/model.md §8): a small deterministic writer — keys in the order written,
/// numbers at full precision with format_double, so that summary.json has the very digits of
/// the CSV files (nlohmann-json's shortest form differs in the last digit for about 0.4% of
/// doubles) — and a check of JSON text through nlohmann-json, with line and column.

#include <string>
#include <vector>

namespace tradejobs {

/// Builds a JSON document incrementally. Example:
///   JsonWriter j; j.begin_object(); j.key("jobs"); j.value(12.5); j.end_object();
class JsonWriter {
 public:
  void begin_object();
  void end_object();
  void begin_array();
  void end_array();
  void key(const std::string& k);
  void value(double v);  ///< Finite numbers in shortest round-trip form; NaN/inf as null.
  void value(long long v);
  void value(int v) { value(static_cast<long long>(v)); }
  void value(bool v);
  void value(const std::string& v);
  void value(const char* v) { value(std::string(v)); }
  void null();
  /// A "key": value pair.
  template <typename T>
  void field(const std::string& k, const T& v) {
    key(k);
    value(v);
  }
  /// The document, indented by two spaces, ending with a newline.
  std::string str() const { return out_ + "\n"; }

 private:
  void before_value();
  void newline();
  std::string out_;
  std::vector<bool> first_;  // per open container: no element written yet
  bool after_key_ = false;
};

/// JSON string escaping (quotes, backslash, control characters).
std::string json_escape(const std::string& s);

/// Checks that `text` is one JSON document (nlohmann-json); InputError "path:line:column: not
/// valid JSON: what was wrong" otherwise, at the 1-based line and column (in characters) of the
/// last character read when the parse failed (the end of the token that cannot stand there).
void check_json_text(const std::string& text, const std::string& path);

}  // namespace tradejobs
