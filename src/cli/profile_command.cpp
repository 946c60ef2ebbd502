#include <fmt/core.h>

#include <boost/json.hpp>

#include "api/json_text.h"
#include "api/profile_json.h"
#include "cli/command.h"
#include "core/figure.h"
#include "core/region_code.h"
#include "stats/region_stats.h"
#include "store/profile_repository.h"
#include "store/reference_data.h"

namespace shuanglian::cli {

namespace {

struct ProfileOptions {
  std::string db;
  std::string region;
  bool json = false;
  std::vector<std::string> figures;       // figure=value[:source]
  std::vector<std::string> fields;        // name=text
  std::vector<std::string> difficulties;  // code=yes|no[:note]
};

std::pair<std::string, std::string> SplitAssignment(const std::string& text, const char* option) {
  const auto equals = text.find('=');
  if (equals == std::string::npos || equals == 0) {
    throw UsageError(std::string(option) + " 应写成 名称=值，不是“" + text + "”");
  }
  return {text.substr(0, equals), text.substr(equals + 1)};
}

int ShowProfile(store::Database& database, const ProfileOptions& options) {
  const auto dictionaries = store::LoadDictionaries(database);
  stats::RegionStats region_stats;
  try {
    region_stats = stats::ComputeRegionStats(database, options.region, dictionaries);
  } catch (const std::invalid_argument& error) {
    throw UsageError(error.what());
  }
  const auto profile = store::ProfileRepository(database).Get(options.region);
  const boost::json::value json = api::ProfileToJson(profile, region_stats, dictionaries);
  if (options.json) {
    fmt::print("{}\n", api::ToJsonText(json));
    return kExitOk;
  }
  fmt::print("{}（{}）\n", region_stats.region.name, region_stats.region.code);
  for (const std::string& name : store::ProfileTextFields()) {
    const std::string value(json.at(name).as_string());
    if (!value.empty()) {
      fmt::print("  {}：{}\n", name, value);
    }
  }
  for (const auto& figure : json.at("figures").as_array()) {
    if (figure.at("declared").is_null() && figure.at("computed").is_null()) {
      continue;
    }
    const auto shown = [](const boost::json::value& value) {
      return value.is_null() ? std::string("—") : api::ToJsonText(value);
    };
    fmt::print("  {:<12} 填报 {:>10}  记录 {:>10} {}{}\n",
               std::string(figure.at("label").as_string()), shown(figure.at("declared")),
               shown(figure.at("computed")), std::string(figure.at("unit").as_string()),
               figure.at("disagrees").as_bool() ? "  ⚠ 不一致" : "");
  }
  for (const auto& difficulty : json.at("difficulties").as_array()) {
    if (difficulty.at("present").as_bool()) {
      fmt::print("  五难：{} {}\n", std::string(difficulty.at("label").as_string()),
                 std::string(difficulty.at("note").as_string()));
    }
  }
  return kExitOk;
}

int SetProfile(store::Database& database, const ProfileOptions& options) {
  const auto dictionaries = store::LoadDictionaries(database);
  store::ProfileRepository profiles(database);
  store::RegionProfile profile = profiles.Get(options.region);
  for (const std::string& assignment : options.fields) {
    auto [name, value] = SplitAssignment(assignment, "--field");
    if (!store::SetProfileText(profile, name, value)) {
      std::string known;
      for (const std::string& field : store::ProfileTextFields()) {
        known += " " + field;
      }
      throw UsageError("没有名为“" + name + "”的概况字段；可用：" + known);
    }
  }
  const core::Dictionary& figures = dictionaries.Get(core::dict::kFigure);
  for (const std::string& assignment : options.figures) {
    auto [name, value] = SplitAssignment(assignment, "--figure");
    std::string source;
    if (const auto colon = value.find(':'); colon != std::string::npos) {
      source = value.substr(colon + 1);
      value = value.substr(0, colon);
    }
    const core::DictionaryItem* figure = figures.Find(name);
    if (figure == nullptr) {
      throw UsageError("没有名为“" + name + "”的指标；可用：" + figures.AllowedLabels(40));
    }
    if (value.empty()) {
      profile.declared.erase(figure->code);
      profile.declared_sources.erase(figure->code);
      continue;
    }
    const auto parsed = core::ParseFigureValue(*figure, value);
    if (!parsed) {
      throw UsageError("--figure " + name + "：" + parsed.error().message);
    }
    profile.declared[figure->code] = *parsed;
    profile.declared_sources[figure->code] = source;
  }
  const core::Dictionary& difficulties = dictionaries.Get(core::dict::kDifficulty);
  for (const std::string& assignment : options.difficulties) {
    auto [name, value] = SplitAssignment(assignment, "--difficulty");
    const core::DictionaryItem* difficulty = difficulties.Find(name);
    if (difficulty == nullptr) {
      throw UsageError("没有名为“" + name + "”的困难；可用：" + difficulties.AllowedLabels());
    }
    std::string note;
    if (const auto colon = value.find(':'); colon != std::string::npos) {
      note = value.substr(colon + 1);
      value = value.substr(0, colon);
    }
    const core::DictionaryItem* answer = dictionaries.Get(core::dict::kYesNo).Find(value);
    if (answer == nullptr) {
      throw UsageError("--difficulty " + name + " 的值应为 是/否（yes/no）");
    }
    profile.difficulties[difficulty->code] = store::DifficultyState{answer->code == "yes", note};
  }
  store::Transaction transaction(database);
  profiles.Save(profile, NowIso());
  transaction.Commit();
  return ShowProfile(database, options);
}

}  // namespace

void AddProfileCommand(CommandRegistry registry) {
  CLI::App* profile =
      registry.app.add_subcommand("profile", "村（乡镇）概况：填报数字与记录计算数对照、五难");
  profile->require_subcommand(1);
  auto options = std::make_shared<ProfileOptions>();
  CLI::App* show = profile->add_subcommand("show", "查看概况");
  CLI::App* set = profile->add_subcommand("set", "修改概况");
  for (CLI::App* command : {show, set}) {
    AddDatabaseOption(*command, options->db);
    command->add_option("--region", options->region, "区划代码")->required();
    command->add_flag("--json", options->json, "以 JSON 输出");
  }
  set->add_option("--figure", options->figures,
                  "填报数字：指标=值[:来源]，如 households=2323:2012年3月汇报");
  set->add_option("--field", options->fields, "文字：字段=内容，如 location=位于镇西北面");
  set->add_option("--difficulty", options->difficulties, "五难：road=是[:说明]");
  const auto run = [options](bool change) {
    if (!core::LevelOfCode(options->region)) {
      throw UsageError("--region “" + options->region + "”不是区划代码");
    }
    auto database = OpenForCommand(options->db);
    if (!store::RegionRepository(*database).Get(options->region)) {
      throw UsageError("区划代码 " + options->region + " 不存在");
    }
    return change ? SetProfile(*database, *options) : ShowProfile(*database, *options);
  };
  show->callback([run, &chosen = registry.chosen] { chosen = [run] { return run(false); }; });
  set->callback([run, &chosen = registry.chosen] { chosen = [run] { return run(true); }; });
}

}  // namespace shuanglian::cli
