// `progress` (五个百), its targets and recount, and `check integrity` (不走过场).
#include <fmt/core.h>

#include "api/json_text.h"
#include "api/progress_json.h"
#include "cli/command.h"
#include "core/region_code.h"
#include "core/text.h"
#include "fieldwork/integrity.h"
#include "fieldwork/progress.h"
#include "store/progress_ledger.h"
#include "store/progress_repository.h"
#include "store/region_repository.h"

namespace shuanglian::cli {

namespace {

struct Options {
  std::string db;
  std::string region;
  int year = 0;
  bool json = false;
  bool behind = false;
  std::string targets;
  std::int64_t max_visits = 0;
  std::string as_of;
};

void RequireRegion(store::Database& database, const std::string& code) {
  if (!core::LevelOfCode(code) || !store::RegionRepository(database).Get(code)) {
    throw UsageError("区划代码 " + code + " 不存在");
  }
}

// The day the pace is judged on: --as-of, or today. A past year judged today expects the
// whole year's targets; --as-of 2012-05-31 judges a spring's work at the end of that spring.
core::Date AsOf(const Options& options) {
  return AsOfOrToday(options.as_of);
}

int YearOr(const Options& options) {
  return options.year > 0 ? options.year : AsOf(options).year;
}

std::string Bar(std::int64_t done, std::int64_t target) {
  const std::int64_t filled = target <= 0 ? 10 : std::min<std::int64_t>(10, done * 10 / target);
  std::string bar;
  for (std::int64_t index = 0; index < 10; ++index) {
    bar += index < filled ? "█" : "░";
  }
  return bar;
}

int Progress(const Options& options) {
  auto database = OpenForCommand(options.db);
  RequireRegion(*database, options.region);
  fieldwork::ProgressOptions list;
  list.behind_only = options.behind;
  const auto report = fieldwork::ComputeProgress(*database, options.region, YearOr(options),
                                                 AsOf(options), store::DataScope::System(), list);
  if (options.json) {
    fmt::print("{}\n", api::ToJsonText(api::ProgressToJson(report)));
    return kExitOk;
  }
  const core::ProgressCounts& target = report.targets.yearly;
  fmt::print("{}（{}）{} 年“五个百”：干部 {} 名，落后于进度 {} 名\n", report.region_name,
             report.region_code, report.year, report.all.cadres, report.all.behind_pace);
  fmt::print("  目标：驻村 {} 天、走访 {} 户、日记 {} 篇、解决难题 {} 件、建议 {} 条{}\n",
             target.stationed_days, target.households_visited, target.diary_days,
             target.problems_solved, target.suggestions,
             report.targets_from.empty() ? "（默认）" : "（" + report.targets_from + " 设定）");
  fmt::print("  按{}应完成：驻村 {}、走访 {}、日记 {}、难题 {}、建议 {}\n",
             options.as_of.empty() ? "今天" : options.as_of, report.expected.stationed_days,
             report.expected.households_visited, report.expected.diary_days,
             report.expected.problems_solved, report.expected.suggestions);
  for (const fieldwork::CadreProgress& entry : report.cadres) {
    const core::ProgressCounts& done = entry.cadre.counts;
    fmt::print(
        "  {:<8} {:<16} 驻村 {} {:>3}  走访 {} {:>3}  日记 {:>3}  难题 {:>3}  建议 {:>3}{}\n",
        entry.cadre.name, entry.cadre.unit_name, Bar(done.stationed_days, target.stationed_days),
        done.stationed_days, Bar(done.households_visited, target.households_visited),
        done.households_visited, done.diary_days, done.problems_solved, done.suggestions,
        entry.behind_pace ? "  ⚠ 落后" : "");
  }
  return kExitOk;
}

int Targets(const Options& options, bool set) {
  auto database = OpenForCommand(options.db);
  RequireRegion(*database, options.region);
  store::ProgressRepository repository(*database);
  std::string from;
  core::ProgressTargets targets = repository.EffectiveTargets(options.region, &from);
  if (set) {
    std::int64_t* fields[] = {&targets.yearly.stationed_days, &targets.yearly.households_visited,
                              &targets.yearly.diary_days, &targets.yearly.problems_solved,
                              &targets.yearly.suggestions};
    for (const std::string& pair : core::SplitAny(options.targets, {","})) {
      const auto equals = pair.find('=');
      const std::string name = pair.substr(0, equals);
      std::size_t index = 0;
      while (index < core::kProgressMeasures.size() && core::kProgressMeasures[index] != name) {
        ++index;
      }
      if (index == core::kProgressMeasures.size() || equals == std::string::npos) {
        throw UsageError("--targets " + pair +
                         "：应写成 名称=数目，名称为 stationed_days、"
                         "households_visited、diary_days、problems_solved、suggestions");
      }
      const std::string value = pair.substr(equals + 1);
      if (value.empty() || value.size() > 3 || !core::IsAsciiDigits(value) ||
          std::stoi(value) > 366) {
        throw UsageError("--targets " + pair + "：数目应在 0 到 366 之间");
      }
      *fields[index] = std::stoi(value);
    }
    if (options.max_visits > 0) {
      targets.max_visits_per_day = options.max_visits;
    }
    store::Transaction transaction(*database);
    repository.SaveTargets(options.region, targets, NowIso());
    transaction.Commit();
    from = options.region;
  }
  auto json = api::CountsJson(targets.yearly);
  json["max_visits_per_day"] = targets.max_visits_per_day;
  json["set_at"] = from.empty() ? boost::json::value(nullptr) : boost::json::value(from);
  fmt::print("{}\n", api::ToJsonText(json));
  return kExitOk;
}

int Rebuild(const Options& options) {
  auto database = OpenForCommand(options.db);
  store::Transaction transaction(*database);
  store::ProgressLedger(*database).Rebuild();
  transaction.Commit();
  fmt::print("已按记录重新统计“五个百”\n");
  return kExitOk;
}

int Integrity(const Options& options) {
  auto database = OpenForCommand(options.db);
  RequireRegion(*database, options.region);
  fieldwork::IntegrityOptions check;
  check.year = YearOr(options);
  check.max_visits_per_day =
      store::ProgressRepository(*database).EffectiveTargets(options.region).max_visits_per_day;
  const auto report =
      fieldwork::CheckIntegrity(*database, options.region, store::DataScope::System(), check);
  if (options.json) {
    fmt::print("{}\n", api::ToJsonText(api::IntegrityToJson(report)));
    return kExitOk;
  }
  std::int64_t total = 0;
  for (const auto& [name, count] : report.counts) {
    total += count;
  }
  fmt::print("{} {} 年工作记录核查：{} 处需要核实（只提示，不拦截）\n", options.region, check.year,
             total);
  for (const auto& [name, count] : report.counts) {
    fmt::print("  {:<28} {}\n", name, count);
  }
  for (const fieldwork::Finding& finding : report.findings) {
    fmt::print("  [{}] {}\n", finding.check, finding.message);
  }
  return kExitOk;
}

}  // namespace

void AddFieldworkCommands(CommandRegistry registry) {
  auto options = std::make_shared<Options>();
  CLI::App* progress = registry.app.add_subcommand(
      "progress", "“五个百”进度：驻村、走访、日记、解决难题、建议，对照年度目标和时间进度");
  AddDatabaseOption(*progress, options->db);
  progress->add_option("--region", options->region, "区划代码");
  progress->add_option("--year", options->year, "年份（默认今年）")->check(CLI::Range(2000, 2100));
  progress->add_option("--as-of", options->as_of, "按哪一天判断进度（YYYY-MM-DD，默认今天）");
  progress->add_flag("--behind", options->behind, "只列落后于进度的干部");
  progress->add_flag("--json", options->json, "以 JSON 输出");
  CLI::App* targets = progress->add_subcommand("targets", "年度目标（按区划设定，下级沿用上级）");
  CLI::App* show = targets->add_subcommand("show", "查看");
  CLI::App* set = targets->add_subcommand("set", "设定");
  targets->require_subcommand(1);
  for (CLI::App* command : {show, set}) {
    AddDatabaseOption(*command, options->db);
    command->add_option("--region", options->region, "区划代码")->required();
  }
  set->add_option("--targets", options->targets, "如 stationed_days=100,households_visited=80");
  set->add_option("--max-visits-per-day", options->max_visits, "一天走访户数的合理上限")
      ->check(CLI::Range(1, 100));
  CLI::App* rebuild =
      progress->add_subcommand("rebuild", "按全部记录重新统计（批量导入后或核对时）");
  AddDatabaseOption(*rebuild, options->db);

  progress->callback([progress, options, &chosen = registry.chosen] {
    if (progress->get_subcommands().empty()) {
      if (options->region.empty()) {
        throw CLI::RequiredError("--region");
      }
      chosen = [options] { return Progress(*options); };
    }
  });
  show->callback([options, &chosen = registry.chosen] {
    chosen = [options] { return Targets(*options, false); };
  });
  set->callback([options, &chosen = registry.chosen] {
    chosen = [options] { return Targets(*options, true); };
  });
  rebuild->callback(
      [options, &chosen = registry.chosen] { chosen = [options] { return Rebuild(*options); }; });

  // `check` holds `check coverage` too (pairing_commands.cpp registers it first).
  CLI::App* check = nullptr;
  try {
    check = registry.app.get_subcommand("check");
  } catch (const CLI::OptionNotFound&) {
    check = registry.app.add_subcommand("check", "检查");
    check->require_subcommand(1);
  }
  CLI::App* integrity = check->add_subcommand(
      "integrity",
      "工作记录核查（不走过场）：雷同日记、一天走访过多、无驻村的走访、草率办结、重复照片");
  AddDatabaseOption(*integrity, options->db);
  integrity->add_option("--region", options->region, "区划代码")->required();
  integrity->add_option("--year", options->year, "年份（默认今年）")->check(CLI::Range(2000, 2100));
  integrity->add_flag("--json", options->json, "以 JSON 输出");
  integrity->callback(
      [options, &chosen = registry.chosen] { chosen = [options] { return Integrity(*options); }; });
}

}  // namespace shuanglian::cli
