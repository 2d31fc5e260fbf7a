#pragma once
/// \file yaml_util.h
/// Reading YAML with errors that carry location :
///   `scenarios/x.yaml:14:5: measures[2].to = 1.7: must be a rate in [0, 10]`
/// yaml-cpp marks are 0-based; messages are 1-based.

#include <yaml-cpp/yaml.h>

#include <set>
#include <string>
#include <vector>

namespace tradejobs {

/// Loads a YAML file; InputError with line and column on a syntax error, and at the second
/// occurrence of a key that a map repeats (anywhere in the file). Only a regular file of at most
/// kMaxYamlFileBytes is read: a missing file, a directory, a FIFO or a device each get their
/// own message, checked before the file is opened.
YAML::Node load_yaml_file(const std::string& path);

/// "file:line:column: key_path: message" at the node's mark.
std::string yaml_error(const std::string& file, const YAML::Node& node, const std::string& key_path,
                       const std::string& message);

/// InputError for every key of the map `node` not in `allowed` (names the key and lists the allowed ones).
void require_known_keys(const std::string& file, const YAML::Node& node, const std::string& key_path,
                        const std::vector<std::string>& allowed);

/// InputError unless `node` is a map.
void require_map(const std::string& file, const YAML::Node& node, const std::string& key_path);

/// Reads a number; InputError naming the path when the node is not a finite number.
double yaml_number(const std::string& file, const YAML::Node& node, const std::string& key_path);
/// Reads an integer.
long long yaml_integer(const std::string& file, const YAML::Node& node, const std::string& key_path);
/// Reads a string scalar.
std::string yaml_string(const std::string& file, const YAML::Node& node, const std::string& key_path);
/// Reads a boolean (true/false).
bool yaml_bool(const std::string& file, const YAML::Node& node, const std::string& key_path);
/// Reads a string scalar that is not empty (nor only spaces); `what` is what was expected
/// ("a name for the economy").
std::string yaml_nonempty_string(const std::string& file, const YAML::Node& node, const std::string& key_path,
                                 const std::string& what);
/// Reads a scalar or a sequence of scalars as strings. An empty list `[]` or an empty code is an
/// InputError; `if_empty` adds how to write the default (e.g. "leave 'partners' out for all partners").
std::vector<std::string> yaml_string_list(const std::string& file, const YAML::Node& node, const std::string& key_path,
                                          const std::string& if_empty = "");

/// Requires `schema_version: 1` at the top of the document.
void require_schema_version(const std::string& file, const YAML::Node& root);

/// Folder part of a path ("." when none).
std::string parent_folder(const std::string& path);
/// Joins a path relative to a folder (absolute paths are kept).
std::string join_path(const std::string& folder, const std::string& relative);

}  // namespace tradejobs
