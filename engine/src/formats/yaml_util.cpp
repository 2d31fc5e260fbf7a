#include "formats/yaml_util.h"

#include <yaml-cpp/eventhandler.h>

#include <cerrno>
#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>

#include "tradejobs/engine/errors.h"

namespace tradejobs {

namespace {

/// Walks the parser's events (aliases are not expanded, so this is linear in the file) and
/// throws at the second occurrence of a key in any map: yaml-cpp keeps both entries and
/// returns one of them silently.
class DuplicateKeyFinder : public YAML::EventHandler {
 public:
  explicit DuplicateKeyFinder(std::string file) : file_(std::move(file)) {}
  void OnDocumentStart(const YAML::Mark&) override { stack_.clear(); }
  void OnDocumentEnd() override {}
  void OnNull(const YAML::Mark& mark, YAML::anchor_t) override { node(mark, true, "~"); }
  void OnAlias(const YAML::Mark& mark, YAML::anchor_t) override { node(mark, false, ""); }
  void OnScalar(const YAML::Mark& mark, const std::string&, YAML::anchor_t, const std::string& value) override {
    node(mark, true, value);
  }
  void OnSequenceStart(const YAML::Mark& mark, const std::string&, YAML::anchor_t, YAML::EmitterStyle::value) override {
    node(mark, false, "");
    push(false, mark);
  }
  void OnSequenceEnd() override { stack_.pop_back(); }
  void OnMapStart(const YAML::Mark& mark, const std::string&, YAML::anchor_t, YAML::EmitterStyle::value) override {
    node(mark, false, "");
    push(true, mark);
  }
  void OnMapEnd() override { stack_.pop_back(); }

 private:
  struct Frame {
    bool map = false;
    bool want_key = true;             // maps: the next node is a key
    std::map<std::string, int> keys;  // key -> 1-based line of its first occurrence
    std::string current;              // maps: the key whose value is being read
    size_t index = 0;                 // sequences: the index of the current item
    bool index_started = false;
  };
  void push(bool map, const YAML::Mark& mark) {
    if (stack_.size() >= 200)
      throw InputError(located(file_, mark.line + 1, mark.column + 1,
                               "YAML nesting is deeper than 200 levels: expected a scenario, sweep or economy file"));
    Frame f;
    f.map = map;
    stack_.push_back(std::move(f));
  }
  /// Key path of the innermost collection ("measures[0]"), "" at the top.
  std::string path() const {
    std::string p;
    for (size_t k = 0; k + 1 < stack_.size(); ++k) {
      const Frame& f = stack_[k];
      if (f.map)
        p += (p.empty() ? "" : ".") + f.current;
      else
        p += "[" + std::to_string(f.index) + "]";
    }
    return p;
  }
  /// One node (scalar, alias, or the start of a collection) in the innermost collection.
  void node(const YAML::Mark& mark, bool scalar, const std::string& value) {
    if (stack_.empty()) return;
    Frame& f = stack_.back();
    if (!f.map) {
      if (f.index_started) ++f.index;
      f.index_started = true;
      return;
    }
    if (!f.want_key) {  // a value
      f.want_key = true;
      return;
    }
    f.want_key = false;
    f.current = scalar ? value : "?";
    if (!scalar) return;  // complex keys are not compared
    const auto [it, fresh] = f.keys.emplace(value, mark.line + 1);
    if (!fresh) {
      std::string where = path();
      throw InputError(located(file_, mark.line + 1, mark.column + 1,
                               (where.empty() ? "" : where + ": ") + "duplicate key '" + excerpt(value) +
                                   "' (first given on line " + std::to_string(it->second) +
                                   "): each key may appear once in a map"));
    }
  }
  std::string file_;
  std::vector<Frame> stack_;
};

}  // namespace

YAML::Node load_yaml_file(const std::string& path) {
  require_input_file(path, "a YAML file", kMaxYamlFileBytes);  // before opening: a FIFO never blocks
  std::ifstream in(path, std::ios::binary);
  if (!in)
    throw InputError(located(path, 0, 0, "cannot open file (permission denied?): expected a readable YAML file"));
  std::string text;
  {
    std::ostringstream ss;
    ss << in.rdbuf();
    text = ss.str();
  }
  if (text.size() > kMaxYamlFileBytes)  // grew since it was looked at
    throw InputError(located(path, 0, 0, "is larger than the limit of a YAML file (16 MiB)"));
  try {
    {
      std::istringstream events(text);
      YAML::Parser parser(events);
      DuplicateKeyFinder finder(path);
      while (parser.HandleNextDocument(finder)) {
      }
    }
    return YAML::Load(text);
  } catch (const YAML::Exception& e) {
    throw InputError(located(path, e.mark.line + 1, e.mark.column + 1, "YAML syntax error: " + e.msg));
  }
}

std::string yaml_error(const std::string& file, const YAML::Node& node, const std::string& key_path,
                       const std::string& message) {
  int line = 0, col = 0;
  if (node.IsDefined() && !node.Mark().is_null()) {
    line = node.Mark().line + 1;
    col = node.Mark().column + 1;
  }
  return located(file, line, col, key_path.empty() ? message : key_path + ": " + message);
}

void require_map(const std::string& file, const YAML::Node& node, const std::string& key_path) {
  if (!node.IsMap()) throw InputError(yaml_error(file, node, key_path, "expected a map of keys"));
}

void require_known_keys(const std::string& file, const YAML::Node& node, const std::string& key_path,
                        const std::vector<std::string>& allowed) {
  require_map(file, node, key_path);
  for (auto it = node.begin(); it != node.end(); ++it) {
    const std::string key = it->first.Scalar();
    bool ok = false;
    for (const auto& a : allowed) ok = ok || a == key;
    if (!ok) {
      std::string list;
      for (const auto& a : allowed) list += (list.empty() ? "" : ", ") + a;
      throw InputError(yaml_error(file, it->first, key_path.empty() ? excerpt(key) : key_path + "." + excerpt(key),
                                  "unknown key: expected one of " + list));
    }
  }
}

double yaml_number(const std::string& file, const YAML::Node& node, const std::string& key_path) {
  if (!node.IsScalar()) throw InputError(yaml_error(file, node, key_path, "expected a number"));
  const std::string& s = node.Scalar();
  char* end = nullptr;
  errno = 0;
  const double v = std::strtod(s.c_str(), &end);
  if (s.empty() || end != s.c_str() + s.size() || errno == ERANGE || !std::isfinite(v))
    throw InputError(
        yaml_error(file, node, key_path, "'" + excerpt(s) + "' is not a number: expected a finite number"));
  return v;
}

long long yaml_integer(const std::string& file, const YAML::Node& node, const std::string& key_path) {
  const double v = yaml_number(file, node, key_path);
  if (v != std::floor(v) || std::abs(v) > 9e15)
    throw InputError(
        yaml_error(file, node, key_path, format_number(v) + " is not a whole number: expected an integer"));
  return static_cast<long long>(v);
}

std::string yaml_string(const std::string& file, const YAML::Node& node, const std::string& key_path) {
  if (!node.IsScalar()) throw InputError(yaml_error(file, node, key_path, "expected a text value"));
  return node.Scalar();
}

bool yaml_bool(const std::string& file, const YAML::Node& node, const std::string& key_path) {
  if (node.IsScalar()) {
    const std::string& s = node.Scalar();
    if (s == "true") return true;
    if (s == "false") return false;
  }
  throw InputError(yaml_error(file, node, key_path, "expected true or false"));
}

std::string yaml_nonempty_string(const std::string& file, const YAML::Node& node, const std::string& key_path,
                                 const std::string& what) {
  std::string v = yaml_string(file, node, key_path);
  size_t b = 0;
  while (b < v.size() && (v[b] == ' ' || v[b] == '\t')) ++b;
  if (b == v.size()) throw InputError(yaml_error(file, node, key_path, "is empty: expected " + what));
  return v;
}

std::vector<std::string> yaml_string_list(const std::string& file, const YAML::Node& node, const std::string& key_path,
                                          const std::string& if_empty) {
  std::vector<std::string> out;
  if (node.IsScalar()) {
    out.push_back(node.Scalar());
  } else if (node.IsSequence()) {
    for (size_t i = 0; i < node.size(); ++i)
      out.push_back(yaml_string(file, node[i], key_path + "[" + std::to_string(i) + "]"));
  } else {
    throw InputError(yaml_error(file, node, key_path, "expected a code or a list of codes"));
  }
  if (out.empty())
    throw InputError(yaml_error(
        file, node, key_path,
        "is an empty list []: expected at least one code" + (if_empty.empty() ? "" : " (" + if_empty + ")")));
  for (size_t i = 0; i < out.size(); ++i)
    if (out[i].empty())
      throw InputError(yaml_error(file, node.IsSequence() ? node[i] : node,
                                  node.IsSequence() ? key_path + "[" + std::to_string(i) + "]" : key_path,
                                  "empty code: expected a code"));
  return out;
}

void require_schema_version(const std::string& file, const YAML::Node& root) {
  if (!root.IsMap()) throw InputError(located(file, 1, 1, "expected a YAML map at the top of the file"));
  const YAML::Node v = root["schema_version"];
  if (!v) throw InputError(located(file, 1, 1, "missing schema_version: add 'schema_version: 1' at the top"));
  if (!v.IsScalar() || v.Scalar() != "1")
    throw InputError(
        yaml_error(file, v, "schema_version",
                   "'" + (v.IsScalar() ? v.Scalar() : std::string("?")) + "' is not supported: expected 1"));
}

std::string parent_folder(const std::string& path) {
  const std::filesystem::path p(path);
  const auto parent = p.parent_path();
  return parent.empty() ? "." : parent.string();
}

std::string join_path(const std::string& folder, const std::string& relative) {
  const std::filesystem::path r(relative);
  if (r.is_absolute()) return relative;
  return (std::filesystem::path(folder) / r).lexically_normal().string();
}

}  // namespace tradejobs
