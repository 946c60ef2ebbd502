#pragma once

#include <filesystem>
#include <optional>
#include <string>

#include "core/dictionary.h"
#include "store/database.h"

namespace shuanglian::store {

// Where dictionaries and poverty lines are read from: $SHUANGLIAN_DATA_DIR, then the data/
// folder of the source tree the binary was built from, then the copy compiled into the
// binary. A deployment extends an enumeration by editing data/ and running `dict load`.
class DataFiles {
 public:
  static DataFiles Locate();
  static DataFiles FromDirectory(std::filesystem::path directory);

  // The text of data/<relative>, or nothing when the file does not exist.
  std::optional<std::string> Read(const std::string& relative) const;
  std::string Describe() const;

 private:
  std::optional<std::filesystem::path> directory_;  // empty: use the compiled-in copy
};

// The dictionaries as the files hold them, without a database (the data generator).
core::DictionarySet ReadDictionaryFiles(const DataFiles& files);

// Replaces the dictionary tables and poverty lines with the files' contents, in one
// transaction. Codes that records use are kept even if a file drops them (the label stays).
void LoadReferenceData(Database& database, const DataFiles& files);

// Loads reference data into a new database, and again whenever the files differ from those
// it was last loaded from.
void EnsureReferenceData(Database& database);

core::DictionarySet LoadDictionaries(Database& database);

}  // namespace shuanglian::store
