#include "store/reference_data.h"

#include <fstream>
#include <sstream>

#include "core/csv.h"
#include "core/decimal.h"
#include "core/embedded_file.h"
#include "core/text.h"
#include "store/sha256.h"

namespace shuanglian {
std::span<const EmbeddedFile> DataDirectoryFiles();
}  // namespace shuanglian

#ifndef SHUANGLIAN_SOURCE_DATA_DIR
#define SHUANGLIAN_SOURCE_DATA_DIR ""
#endif

namespace shuanglian::store {

namespace {

std::vector<std::vector<std::string>> ReadCsv(const DataFiles& files, const std::string& relative) {
  const auto text = files.Read(relative);
  if (!text) {
    throw StoreError(StoreError::Kind::kSchema,
                     "参考数据缺少文件 " + relative + "（" + files.Describe() + "）");
  }
  auto records = core::ParseCsv(*text);
  // Blank lines are not records.
  std::erase_if(records, [](const std::vector<std::string>& record) {
    return record.size() == 1 && core::Trim(record[0]).empty();
  });
  return records;
}

std::string Field(const std::vector<std::string>& record, std::size_t index) {
  return index < record.size() ? std::string(core::Trim(record[index])) : std::string();
}

}  // namespace

DataFiles DataFiles::Locate() {
  if (const char* directory = std::getenv("SHUANGLIAN_DATA_DIR"); directory && *directory) {
    return FromDirectory(directory);
  }
  const std::filesystem::path source = SHUANGLIAN_SOURCE_DATA_DIR;
  if (!source.empty() && std::filesystem::exists(source / "dictionaries" / "index.csv")) {
    return FromDirectory(source);
  }
  return DataFiles();
}

DataFiles DataFiles::FromDirectory(std::filesystem::path directory) {
  DataFiles files;
  files.directory_ = std::move(directory);
  return files;
}

std::optional<std::string> DataFiles::Read(const std::string& relative) const {
  if (directory_) {
    std::ifstream stream(*directory_ / relative, std::ios::binary);
    if (!stream) {
      return std::nullopt;
    }
    std::ostringstream content;
    content << stream.rdbuf();
    return content.str();
  }
  for (const EmbeddedFile& file : DataDirectoryFiles()) {
    if (file.path == relative) {
      return std::string(file.content);
    }
  }
  return std::nullopt;
}

std::string DataFiles::Describe() const {
  return directory_ ? directory_->string() : std::string("程序内置的 data/");
}

namespace {

// One dictionary item from its stored form: aliases "a;b", attributes "poor=1;unit=户".
core::DictionaryItem MakeItem(std::string code, std::string label, const std::string& aliases,
                              const std::string& attributes, int sort_order) {
  core::DictionaryItem item;
  item.code = std::move(code);
  item.label = std::move(label);
  item.aliases = core::SplitAny(aliases, {";"});
  for (const std::string& pair : core::SplitAny(attributes, {";"})) {
    const auto equals = pair.find('=');
    if (equals != std::string::npos) {
      item.attributes[pair.substr(0, equals)] = pair.substr(equals + 1);
    }
  }
  item.sort_order = sort_order;
  return item;
}

std::vector<core::Dictionary> ReadDictionaryList(const DataFiles& files) {
  std::vector<core::Dictionary> dictionaries;
  const auto index = ReadCsv(files, "dictionaries/index.csv");
  for (std::size_t row = 1; row < index.size(); ++row) {
    const std::string name = Field(index[row], 0);
    std::vector<core::DictionaryItem> items;
    const auto records = ReadCsv(files, "dictionaries/" + name + ".csv");
    for (std::size_t item = 1; item < records.size(); ++item) {
      const auto& record = records[item];
      items.push_back(MakeItem(Field(record, 0), Field(record, 1), Field(record, 2),
                               Field(record, 3), static_cast<int>(item)));
    }
    dictionaries.emplace_back(name, Field(index[row], 1), std::move(items));
  }
  return dictionaries;
}

}  // namespace

core::DictionarySet ReadDictionaryFiles(const DataFiles& files) {
  core::DictionarySet set;
  for (core::Dictionary& dictionary : ReadDictionaryList(files)) {
    set.Add(std::move(dictionary));
  }
  return set;
}

namespace {

std::string JoinAttributes(const std::map<std::string, std::string>& attributes) {
  std::string out;
  for (const auto& [key, value] : attributes) {
    out += (out.empty() ? "" : ";") + key + "=" + value;
  }
  return out;
}

std::string JoinAliases(const std::vector<std::string>& aliases) {
  std::string out;
  for (const std::string& alias : aliases) {
    out += (out.empty() ? "" : ";") + alias;
  }
  return out;
}

}  // namespace

namespace {

// The fingerprint of every file LoadReferenceData reads: when it changes (a newer binary, an
// edited data/), the next open reloads them.
std::string Fingerprint(const DataFiles& files) {
  std::string all;
  const auto add = [&](const std::string& relative) {
    all += relative + '\n' + files.Read(relative).value_or("") + '\n';
  };
  add("dictionaries/index.csv");
  for (const auto& record : ReadCsv(files, "dictionaries/index.csv")) {
    if (!record.empty() && Field(record, 0) != "name") {
      add("dictionaries/" + Field(record, 0) + ".csv");
    }
  }
  add("roles.csv");
  add("poverty_lines.csv");
  return Sha256Hex(all);
}

constexpr std::string_view kFingerprintKey = "reference_data_fingerprint";

}  // namespace

void LoadReferenceData(Database& database, const DataFiles& files) {
  Transaction transaction(database);
  for (const core::Dictionary& dictionary : ReadDictionaryList(files)) {
    database.Execute(
        "INSERT INTO dictionaries (name, title) VALUES ($1, $2) "
        "ON CONFLICT (name) DO UPDATE SET title = excluded.title",
        {dictionary.name(), dictionary.title()});
    for (const core::DictionaryItem& item : dictionary.items()) {
      const std::string aliases = JoinAliases(item.aliases);
      const std::string attributes = JoinAttributes(item.attributes);
      database.Execute(
          "INSERT INTO dictionary_items (dictionary, code, label, aliases, attributes, sort_order) "
          "VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (dictionary, code) DO UPDATE SET "
          "label = excluded.label, aliases = excluded.aliases, attributes = excluded.attributes, "
          "sort_order = excluded.sort_order",
          {dictionary.name(), item.code, item.label, aliases, attributes, item.sort_order});
    }
  }
  const auto roles = ReadCsv(files, "roles.csv");
  for (std::size_t row = 1; row < roles.size(); ++row) {
    const auto& record = roles[row];
    database.Execute(
        "INSERT INTO roles (code, label, scope, read_only, sees_personal_data, permissions) VALUES "
        "($1, $2, $3, $4, $5, $6) ON CONFLICT (code) DO UPDATE SET label = excluded.label, scope = "
        "excluded.scope, read_only = excluded.read_only, sees_personal_data = "
        "excluded.sees_personal_data, permissions = excluded.permissions",
        {Field(record, 0), Field(record, 1), Field(record, 2), Field(record, 3) == "1" ? 1 : 0,
         Field(record, 4) == "1" ? 1 : 0, Field(record, 5)});
  }
  const auto lines = ReadCsv(files, "poverty_lines.csv");
  for (std::size_t row = 1; row < lines.size(); ++row) {
    const auto fen = core::ParseScaledDecimal(Field(lines[row], 1), 2);
    if (!fen) {
      throw StoreError(
          StoreError::Kind::kSchema,
          "poverty_lines.csv 第 " + std::to_string(row + 1) + " 行：" + fen.error().message);
    }
    database.Execute(
        "INSERT INTO poverty_lines (year, line_fen, assumed) VALUES ($1, $2, $3) "
        "ON CONFLICT (year) DO UPDATE SET line_fen = excluded.line_fen, assumed = excluded.assumed",
        {std::stoi(Field(lines[row], 0)), *fen, Field(lines[row], 2) == "1" ? 1 : 0});
  }
  database.Execute(
      "INSERT INTO settings (key, value) VALUES ($1, $2) ON CONFLICT (key) DO UPDATE SET value = "
      "excluded.value",
      // The installation's files, even when these came from elsewhere (`dict load --data`):
      // what was loaded on purpose stays until the installation's own files change.
      {std::string(kFingerprintKey), Fingerprint(DataFiles::Locate())});
  transaction.Commit();
}

void EnsureReferenceData(Database& database) {
  // A new database gets the reference data; so does one loaded from other files than these
  // (an upgrade that adds dictionaries or permissions, an edited data/ folder).
  const DataFiles files = DataFiles::Locate();
  const auto stored =
      database.Query("SELECT value FROM settings WHERE key = $1", {std::string(kFingerprintKey)});
  if (stored.empty() || stored[0].Text(0) != Fingerprint(files)) {
    LoadReferenceData(database, files);
  }
}

core::DictionarySet LoadDictionaries(Database& database) {
  core::DictionarySet set;
  std::map<std::string, std::pair<std::string, std::vector<core::DictionaryItem>>> grouped;
  for (const RowView row : database.Query("SELECT name, title FROM dictionaries")) {
    grouped[row.Text(0)].first = row.Text(1);
  }
  for (const RowView row : database.Query(
           "SELECT dictionary, code, label, aliases, attributes, sort_order FROM dictionary_items "
           "ORDER BY dictionary, sort_order, code")) {
    grouped[row.Text(0)].second.push_back(
        MakeItem(row.Text(1), row.Text(2), row.Text(3), row.Text(4), static_cast<int>(row.Int(5))));
  }
  for (auto& [name, entry] : grouped) {
    set.Add(core::Dictionary(name, entry.first, std::move(entry.second)));
  }
  return set;
}

}  // namespace shuanglian::store
