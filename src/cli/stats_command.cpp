#include <fmt/core.h>

#include <boost/json.hpp>

#include "api/json_text.h"
#include "api/stats_json.h"
#include "cli/command.h"
#include "core/decimal.h"
#include "core/region_code.h"
#include "stats/region_stats.h"
#include "store/reference_data.h"

namespace shuanglian::cli {

namespace {

void PrintHuman(const stats::RegionStats& stats) {
  fmt::print("{}（{}，{}）\n", stats.region.name, stats.region.code,
             core::LevelLabel(stats.region.level));
  if (stats.region.level < core::RegionLevel::kTownship) {
    fmt::print("  乡镇 {}\n", stats.townships);
  }
  fmt::print("  行政村 {}  村民小组 {}\n", stats.villages, stats.groups);
  fmt::print("  户数 {}  人口 {}  劳动力 {}\n", stats.households, stats.persons, stats.labour);
  fmt::print("  贫困户 {} 户 {} 人\n", stats.poor_households, stats.poor_persons);
  for (const stats::CategoryFigures& category : stats.by_category) {
    if (category.households > 0) {
      fmt::print("    {:<10} {:>7} 户 {:>8} 人\n", category.label, category.households,
                 category.persons);
    }
  }
  if (stats.arable_land_centimu > 0) {
    fmt::print("  耕地（农户合计）{} 亩\n", core::FormatScaled(stats.arable_land_centimu, 2));
  }
  if (stats.households_with_member_mismatch > 0) {
    fmt::print("  家庭人口数与成员记录不符的户：{}\n", stats.households_with_member_mismatch);
  }
  for (const stats::Mismatch& mismatch : stats.mismatches) {
    fmt::print("  ⚠ {} {}：填报 {}{}，记录计算 {}{}{}\n", mismatch.region_name, mismatch.label,
               core::FormatScaled(mismatch.declared, mismatch.scale), mismatch.unit,
               core::FormatScaled(mismatch.computed, mismatch.scale), mismatch.unit,
               mismatch.source.empty() ? "" : "（来源：" + mismatch.source + "）");
  }
}

}  // namespace

void AddStatsCommand(CommandRegistry registry) {
  struct Options {
    std::string db;
    std::string region;
    bool json = false;
  };
  auto options = std::make_shared<Options>();
  CLI::App* command = registry.app.add_subcommand(
      "stats",
      "一个区划及其下级的统计：村、组、户、人、劳动力、各户属性，以及填报数与记录数的差异");
  AddDatabaseOption(*command, options->db);
  command
      ->add_option("--region", options->region,
                   "区划代码（省2位、市4位、县6位、乡镇9位、村12位、组15位）")
      ->required();
  command->add_flag("--json", options->json, "以 JSON 输出");
  command->callback([options, &chosen = registry.chosen] {
    chosen = [options] {
      if (!core::LevelOfCode(options->region)) {
        throw UsageError("--region “" + options->region +
                         "”不是区划代码（应为2、4、6、9、12或15位数字）");
      }
      auto database = OpenForCommand(options->db);
      const auto dictionaries = store::LoadDictionaries(*database);
      stats::RegionStats result;
      try {
        result = stats::ComputeRegionStats(*database, options->region, dictionaries);
      } catch (const std::invalid_argument& error) {
        throw UsageError(error.what());
      }
      if (options->json) {
        fmt::print("{}\n", api::ToJsonText(api::StatsToJson(result)));
      } else {
        PrintHuman(result);
      }
      return kExitOk;
    };
  });
}

}  // namespace shuanglian::cli
