#pragma once

// The project's real dictionaries (data/dictionaries/*.csv), read with core::ParseCsv, for
// the tests that validate records. Each <name>.csv has the columns code,label,aliases,
// attributes; aliases and attributes are separated by ';' and attributes are key=value.

#include <fstream>
#include <sstream>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "core/csv.h"
#include "core/dictionary.h"

namespace shuanglian::core::test_data {

inline std::string DictionaryDir() {
  return std::string(SHUANGLIAN_SOURCE_DIR) + "/data/dictionaries";
}

inline std::string ReadWholeFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    throw std::runtime_error("cannot open " + path);
  }
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

// Splits at ';' without trimming or dropping anything but empty parts: the test's own reading
// of the file format, independent of the SplitAny under test.
inline std::vector<std::string> SplitSemicolons(std::string_view text) {
  std::vector<std::string> parts;
  std::string current;
  for (const char c : text) {
    if (c == ';') {
      if (!current.empty()) {
        parts.push_back(current);
      }
      current.clear();
    } else {
      current.push_back(c);
    }
  }
  if (!current.empty()) {
    parts.push_back(current);
  }
  return parts;
}

inline Dictionary LoadDictionaryFile(const std::string& name, const std::string& title) {
  const auto rows = ParseCsv(ReadWholeFile(DictionaryDir() + "/" + name + ".csv"));
  if (rows.empty() || rows[0].size() != 4 || rows[0][0] != "code") {
    throw std::runtime_error("bad header in " + name + ".csv");
  }
  std::vector<DictionaryItem> items;
  for (std::size_t row_idx = 1; row_idx < rows.size(); ++row_idx) {
    const auto& row = rows[row_idx];
    if (row.size() != 4) {
      throw std::runtime_error("bad row in " + name + ".csv");
    }
    DictionaryItem item;
    item.code = row[0];
    item.label = row[1];
    item.aliases = SplitSemicolons(row[2]);
    for (const std::string& pair : SplitSemicolons(row[3])) {
      const auto equals = pair.find('=');
      if (equals == std::string::npos) {
        throw std::runtime_error("bad attribute " + pair + " in " + name + ".csv");
      }
      item.attributes[pair.substr(0, equals)] = pair.substr(equals + 1);
    }
    item.sort_order = static_cast<int>(row_idx);
    items.push_back(std::move(item));
  }
  return Dictionary(name, title, std::move(items));
}

// Every dictionary listed in index.csv.
inline DictionarySet LoadProjectDictionaries() {
  const auto index = ParseCsv(ReadWholeFile(DictionaryDir() + "/index.csv"));
  DictionarySet set;
  for (std::size_t row_idx = 1; row_idx < index.size(); ++row_idx) {
    set.Add(LoadDictionaryFile(index[row_idx].at(0), index[row_idx].at(1)));
  }
  return set;
}

// Loaded once: the files do not change while the tests run.
inline const DictionarySet& ProjectDictionaries() {
  static const DictionarySet kSet = LoadProjectDictionaries();
  return kSet;
}

}  // namespace shuanglian::core::test_data
