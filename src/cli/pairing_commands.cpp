#include <fmt/core.h>

#include <filesystem>
#include <fstream>
#include <optional>

#include "api/coverage_json.h"
#include "api/json_text.h"
#include "cli/command.h"
#include "core/region_code.h"
#include "core/text.h"
#include "pairing/coverage.h"
#include "pairing/region_assignment.h"
#include "report/contact_cards.h"
#include "report/pdf_printer.h"
#include "store/pairing_repository.h"
#include "store/reference_data.h"
#include "store/region_locks.h"

namespace shuanglian::cli {

namespace {

void RequireRegion(store::Database& database, const std::string& code) {
  if (!core::LevelOfCode(code) || !store::RegionRepository(database).Get(code)) {
    throw UsageError("区划代码 " + code + " 不存在");
  }
}

int CheckCoverageCommand(const std::string& db, const std::string& region, bool json) {
  auto database = OpenForCommand(db);
  RequireRegion(*database, region);
  const auto dictionaries = store::LoadDictionaries(*database);
  const pairing::CoverageReport report = pairing::CheckCoverage(*database, region, dictionaries);
  if (json) {
    fmt::print("{}\n", api::ToJsonText(api::CoverageToJson(report, dictionaries)));
    return kExitOk;
  }
  fmt::print("{}（{}）结对覆盖检查\n", report.region.name, report.region.code);
  fmt::print(
      "  规则{}：每名干部最多 {} 户；须覆盖的户属性 {} 类；村须有联系领导 {}、帮扶单位 "
      "{}；组须有联系干部 {}\n",
      report.rule_region.empty() ? "（默认）" : "（" + report.rule_region + " 设定）",
      report.rule.max_households_per_cadre, report.rule.required_categories.size(),
      report.rule.village_needs_leader ? "是" : "否", report.rule.village_needs_unit ? "是" : "否",
      report.rule.group_needs_cadre ? "是" : "否");
  fmt::print("  农户：须覆盖 {} 户，已覆盖 {} 户（{:.1f}%）\n", report.households_required,
             report.households_covered, report.HouseholdCoverage() * 100);
  fmt::print("  村：{} 个，有联系领导 {}，有帮扶单位 {}；村民小组：{} 个，有联系干部 {}\n",
             report.villages, report.villages_with_leader, report.villages_with_unit, report.groups,
             report.groups_with_cadre);
  if (report.gaps_total == 0 && report.violations.empty()) {
    fmt::print("  全覆盖，没有违反规则的结对\n");
  } else {
    fmt::print("  缺口 {} 处（列出前 {} 处），违规 {} 处\n", report.gaps_total,
               std::min<std::size_t>(report.gaps.size(), 20), report.violations.size());
    for (std::size_t index = 0; index < report.gaps.size() && index < 20; ++index) {
      const pairing::Gap& gap = report.gaps[index];
      fmt::print("    [{}] {}\n", gap.rule,
                 gap.household_no.empty() ? gap.region_name + "（" + gap.region_code + "）"
                                          : "户 " + gap.household_no + " " + gap.head_name);
    }
    for (const pairing::Violation& violation : report.violations) {
      fmt::print("    [{}] {}（{}）联系 {} 户，上限 {}\n", violation.rule, violation.helper_name,
                 violation.unit_name, violation.households, violation.limit);
    }
  }
  return kExitOk;
}

int AssignCommand(const std::string& db, const std::string& region, bool dry_run, bool json,
                  bool compare) {
  auto database = OpenForCommand(db);
  RequireRegion(*database, region);
  const auto dictionaries = store::LoadDictionaries(*database);
  // Planned and written in one transaction, after the province's assignment lock (as the
  // server's apply takes it): an assignment applied meanwhile is planned around, not doubled.
  std::optional<store::Transaction> transaction;
  if (!dry_run) {
    transaction.emplace(*database);
    store::LockAssignmentsOf(*database, region);
  }
  const pairing::AssignmentPlan plan = pairing::PlanAssignment(
      *database, region, dictionaries, pairing::CostModel{}, pairing::PlanChecks{compare, compare});
  if (!dry_run && !plan.proposals.empty()) {
    pairing::ApplyAssignment(*database, plan, Today().ToIso(), "system", NowIso());
    AuditCommand(*database, "assign", "pairing", region,
                 api::ToJsonText(boost::json::object{
                     {"pairings", static_cast<std::int64_t>(plan.proposals.size())}}));
  }
  if (transaction) {
    transaction->Commit();
  }
  if (json) {
    fmt::print("{}\n", api::ToJsonText(api::AssignmentToJson(plan, dictionaries, !dry_run)));
    return kExitOk;
  }
  for (const pairing::Proposal& proposal : plan.proposals) {
    fmt::print("{} {} {} → {}（{}）{}\n", proposal.household_no, proposal.head_name,
               dictionaries.Get(core::dict::kHouseholdCategory).Label(proposal.category),
               proposal.helper_name, proposal.unit_name, proposal.same_village ? "" : " [本乡镇]");
  }
  fmt::print(
      "未覆盖 {} 户：{}结对 {} 户，{} 户因附近没有名额未能安排（可用干部 {} 名，每人最多 {} 户）\n",
      plan.uncovered, dry_run ? "建议" : "已", plan.proposals.size(), plan.unplaced, plan.cadres,
      plan.max_households_per_cadre);
  if (compare) {
    fmt::print("费用 {}（求解 {:.2f} 秒）；贪心基线 {}；逐户精确求解 {}\n", plan.cost,
               plan.solve_seconds, plan.greedy_cost.value_or(0),
               plan.exact_cost ? std::to_string(*plan.exact_cost) : "未做（规模过大）");
  }
  return kExitOk;
}

int CardsCommand(const std::string& db, const std::string& region, const std::string& output,
                 const std::string& base_url) {
  const std::string extension = std::filesystem::path(output).extension().string();
  if (extension != ".html" && extension != ".pdf") {
    throw UsageError("-o 应以 .html 或 .pdf 结尾");
  }
  auto database = OpenForCommand(db);
  RequireRegion(*database, region);
  report::CardOptions options;
  options.region_code = region;
  options.base_url = base_url;
  options.today = Today().ToIso();
  report::CardsSummary summary;
  const std::string html =
      report::ContactCardsHtml(*database, options, store::DataScope::System(), &summary);
  const std::string html_path = extension == ".html" ? output : output + ".html";
  {
    std::ofstream out(html_path, std::ios::binary);
    out << html;
    if (!out) {
      throw UsageError("无法写入 " + html_path);
    }
  }
  if (extension == ".pdf") {
    const bool printed = report::PrintHtmlToPdf(html_path, output);
    std::filesystem::remove(html_path);
    if (!printed) {
      throw UsageError("用 Chromium 生成 PDF 失败（请确认已安装 chromium，或改为输出 .html）");
    }
  }
  fmt::print("已写入 {}：连心卡 {} 张；另有 {} 户尚无帮扶人\n", output, summary.cards,
             summary.households_without_helper);
  return kExitOk;
}

int RulesCommand(const std::string& db, const std::string& region, std::int64_t max,
                 const std::string& categories, const std::string& flags, bool set) {
  auto database = OpenForCommand(db);
  RequireRegion(*database, region);
  const auto dictionaries = store::LoadDictionaries(*database);
  store::PairingRepository repository(*database);
  std::string from;
  core::CoverageRule rule = repository.EffectiveRule(region, dictionaries, &from);
  if (set) {
    if (max > 0) {
      if (max > core::CoverageRule::kMaxQuota) {
        throw UsageError("--max-households 应在 1 到 " +
                         std::to_string(core::CoverageRule::kMaxQuota) + " 之间");
      }
      rule.max_households_per_cadre = max;
    }
    if (!categories.empty()) {
      if (const auto unknown =
              rule.SetRequiredCategories(core::SplitAny(categories, {",", "、"}), dictionaries)) {
        throw UsageError("户属性“" + *unknown + "”不存在");
      }
    }
    for (const std::string& flag : core::SplitAny(flags, {","})) {
      const auto equals = flag.find('=');
      const std::string name = flag.substr(0, equals);
      const std::string value = equals == std::string::npos ? "" : flag.substr(equals + 1);
      if (value != "yes" && value != "no" && value != "1" && value != "0") {
        throw UsageError("--require " + flag + "：应写成 名称=yes 或 名称=no");
      }
      if (!rule.SetRequirement(name, value == "yes" || value == "1")) {
        throw UsageError("没有规则“" + name +
                         "”（可用 village_needs_leader、village_needs_unit、group_needs_cadre）");
      }
    }
    store::Transaction transaction(*database);
    repository.SaveRule(region, rule, NowIso());
    transaction.Commit();
    from = region;
  }
  fmt::print("{}\n", api::ToJsonText(api::RuleToJson(rule, from)));
  return kExitOk;
}

}  // namespace

void AddPairingCommands(CommandRegistry registry) {
  struct Options {
    std::string db;
    std::string region;
    bool json = false;
    bool dry_run = false;
    bool compare = false;
    std::string output;
    std::string base_url = "http://127.0.0.1:8080";
    std::int64_t max = 0;
    std::string categories;
    std::string flags;
  };
  auto options = std::make_shared<Options>();
  CLI::App* check = registry.app.add_subcommand("check", "检查");
  check->require_subcommand(1);
  CLI::App* coverage = check->add_subcommand(
      "coverage", "结对覆盖：每户、每村、每组是否有人联系，是否超过每名干部的户数上限");
  AddDatabaseOption(*coverage, options->db);
  coverage->add_option("--region", options->region, "区划代码")->required();
  coverage->add_flag("--json", options->json, "以 JSON 输出");
  coverage->callback([options, &chosen = registry.chosen] {
    chosen = [options] {
      return CheckCoverageCommand(options->db, options->region, options->json);
    };
  });

  CLI::App* assign = registry.app.add_subcommand(
      "assign",
      "为未覆盖的农户自动安排帮扶干部（最小费用流，最优）：先本村联系单位的干部，再本乡镇的干部");
  AddDatabaseOption(*assign, options->db);
  assign->add_option("--region", options->region, "区划代码")->required();
  assign->add_flag("--dry-run", options->dry_run, "只显示建议，不保存");
  assign->add_flag("--json", options->json, "以 JSON 输出");
  assign->add_flag("--compare", options->compare,
                   "同时用贪心基线和逐户精确求解（5万户以内）计算费用，以资对照");
  assign->callback([options, &chosen = registry.chosen] {
    chosen = [options] {
      return AssignCommand(options->db, options->region, options->dry_run, options->json,
                           options->compare);
    };
  });

  CLI::App* cards =
      registry.app.add_subcommand("cards", "打印连心卡（A4，每页8张）和24小时联系名单");
  AddDatabaseOption(*cards, options->db);
  cards->add_option("--region", options->region, "区划代码")->required();
  cards->add_option("-o,--output", options->output, "输出文件 .html 或 .pdf")->required();
  cards->add_option("--base-url", options->base_url, "二维码指向的网站地址")->capture_default_str();
  cards->callback([options, &chosen = registry.chosen] {
    chosen = [options] {
      return CardsCommand(options->db, options->region, options->output, options->base_url);
    };
  });

  CLI::App* rules =
      registry.app.add_subcommand("rules", "结对覆盖规则（按区划设定，下级沿用上级）");
  rules->require_subcommand(1);
  CLI::App* show = rules->add_subcommand("show", "查看某区划适用的规则");
  CLI::App* set = rules->add_subcommand("set", "设定某区划的规则");
  for (CLI::App* command : {show, set}) {
    AddDatabaseOption(*command, options->db);
    command->add_option("--region", options->region, "区划代码")->required();
  }
  set->add_option("--max-households", options->max, "每名干部最多联系的户数（1 到 1000）")
      ->check(CLI::Range(std::int64_t{1}, core::CoverageRule::kMaxQuota));
  set->add_option("--categories", options->categories,
                  "须覆盖的户属性，逗号分隔，如 扶贫户,低保户");
  set->add_option("--require", options->flags, "village_needs_leader=yes,group_needs_cadre=no ...");
  show->callback([options, &chosen = registry.chosen] {
    chosen = [options] { return RulesCommand(options->db, options->region, 0, "", "", false); };
  });
  set->callback([options, &chosen = registry.chosen] {
    chosen = [options] {
      return RulesCommand(options->db, options->region, options->max, options->categories,
                          options->flags, true);
    };
  });
}

}  // namespace shuanglian::cli
