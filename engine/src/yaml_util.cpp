#include "tradejobs/engine/yaml_util.h"

#include <cerrno>
#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <fstream>

#include "tradejobs/engine/errors.h"

namespace tradejobs {

YAML::Node load_yaml_file(const std::string& path) {
  std::ifstream in(path);
  if (!in) throw InputError(located(path, 0, 0, "cannot open file: expected a readable YAML file"));
  if (std::filesystem::is_directory(path))
    throw InputError(located(path, 0, 0, "is a directory: expected a YAML file"));
  try {
    return YAML::LoadFile(path);
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
      throw InputError(yaml_error(file, it->first, key_path.empty() ? key : key_path + "." + key,
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
    throw InputError(yaml_error(file, node, key_path, "'" + s + "' is not a number: expected a finite number"));
  return v;
}

long long yaml_integer(const std::string& file, const YAML::Node& node, const std::string& key_path) {
  const double v = yaml_number(file, node, key_path);
  if (v != std::floor(v) || std::abs(v) > 9e15)
    throw InputError(yaml_error(file, node, key_path, format_number(v) + " is not a whole number: expected an integer"));
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

std::vector<std::string> yaml_string_list(const std::string& file, const YAML::Node& node, const std::string& key_path) {
  std::vector<std::string> out;
  if (node.IsScalar()) {
    out.push_back(node.Scalar());
  } else if (node.IsSequence()) {
    for (size_t i = 0; i < node.size(); ++i)
      out.push_back(yaml_string(file, node[i], key_path + "[" + std::to_string(i) + "]"));
  } else {
    throw InputError(yaml_error(file, node, key_path, "expected a code or a list of codes"));
  }
  return out;
}

void require_schema_version(const std::string& file, const YAML::Node& root) {
  if (!root.IsMap()) throw InputError(located(file, 1, 1, "expected a YAML map at the top of the file"));
  const YAML::Node v = root["schema_version"];
  if (!v) throw InputError(located(file, 1, 1, "missing schema_version: add 'schema_version: 1' at the top"));
  if (!v.IsScalar() || v.Scalar() != "1")
    throw InputError(yaml_error(file, v, "schema_version", "'" + (v.IsScalar() ? v.Scalar() : std::string("?")) +
                                                               "' is not supported: expected 1"));
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
