#include "report/progress_report.h"

#include <fmt/format.h>

#include <algorithm>
#include <optional>
#include <stdexcept>

#include "core/decimal.h"
#include "core/figure.h"
#include "core/region_code.h"
#include "fieldwork/integrity.h"
#include "store/region_repository.h"
#include "store/scope_sql.h"

namespace shuanglian::report {

namespace {

// "51.0%": a share in tenths of a percent, rounded half up, without a double.
std::string Percent(std::int64_t part, std::int64_t whole) {
  if (whole <= 0) {
    return "0%";
  }
  const std::int64_t tenths = (part * 1000 + whole / 2) / whole;
  return core::FormatScaled(tenths, 1) + "%";
}

// A per-head figure with one decimal: 3963 days over 270 cadres is "14.7".
std::string PerHead(std::int64_t total, std::int64_t heads) {
  if (heads <= 0) {
    return "0";
  }
  return core::FormatScaled((total * 10 + heads / 2) / heads, 1);
}

// Money as a report states it: 万元 from ten thousand yuan on, yuan below.
std::string Money(std::int64_t fen) {
  if (fen >= 1000000) {
    return core::FormatScaled((fen + 5000) / 10000, 2) + "万元";
  }
  return core::FormatScaled(fen, 2) + "元";
}

std::string Count(std::int64_t value) {
  return std::to_string(value);
}

// "2012年5月31日", as a report writes a day.
std::string ChineseDate(const core::Date& date) {
  return fmt::format("{}年{}月{}日", date.year, date.month, date.day);
}

// Figures the registry computes itself, so the report states the computed one and gives a
// declared one only beside it: a figure of the `figure` dictionary marked computed, and the
// per-head figures derived from the registry.
bool RegistryComputes(const stats::RegionStats& stats, const core::DictionaryItem& figure) {
  if (figure.HasFlag("computed")) {
    return true;
  }
  if (figure.code == "per_capita_income") {
    return stats.per_capita_income_fen.has_value();
  }
  if (figure.code == "per_capita_land") {
    return stats.arable_land_centimu > 0 && stats.persons > 0;
  }
  return false;
}

// " (填报 3450.00元)" when a person declared the figure and it differs from the computed one.
std::string DeclaredBeside(const store::RegionProfile& profile, const std::string& code,
                           std::int64_t computed, const std::string& unit) {
  const auto declared = profile.declared.find(code);
  if (declared == profile.declared.end() || declared->second == computed) {
    return {};
  }
  return "（填报" + core::FormatScaled(declared->second, 2) + unit + "）";
}

// "全镇", "全县", "全村": the region's own word for itself, from the end of its name where
// that is the kind of place its level is ("XX社区" is a village, not a 区), else 本+level.
std::string Whole(const store::Region& region) {
  static const std::map<core::RegionLevel, std::vector<std::string>> kEndings = {
      {core::RegionLevel::kProvince, {"省", "自治区", "市"}},
      {core::RegionLevel::kCity, {"市", "州", "盟", "地区"}},
      {core::RegionLevel::kCounty, {"县", "区", "市", "旗"}},
      {core::RegionLevel::kTownship, {"镇", "乡"}},
      {core::RegionLevel::kVillage, {"村", "社区"}}};
  const auto endings = kEndings.find(region.level);
  if (endings != kEndings.end()) {
    for (const std::string& ending : endings->second) {
      if (region.name.ends_with(ending)) {
        return "全" + ending;
      }
    }
  }
  return "本" + std::string(core::LevelLabel(region.level));
}

// "34603" for 3460300 hundredths, "1.7" for 170: land and money without the zeros a
// report leaves out.
std::string Trimmed(std::int64_t units, int scale) {
  std::string text = core::FormatScaled(units, scale);
  if (text.find('.') != std::string::npos) {
    while (text.back() == '0') {
      text.pop_back();
    }
    if (text.back() == '.') {
      text.pop_back();
    }
  }
  return text;
}

// "村" for the children of a township, "乡镇" for a county's.
std::string ChildLevelLabel(const store::Region& region) {
  if (region.level == core::RegionLevel::kCounty) {
    return "乡镇";
  }
  const auto child = static_cast<core::RegionLevel>(static_cast<int>(region.level) + 1);
  return std::string(core::LevelLabel(child));
}

std::string WithoutFullStop(std::string text) {
  while (text.ends_with("。")) {
    text.resize(text.size() - std::string("。").size());
  }
  return text;
}

Block Paragraph(std::string text) {
  return Block{Block::Kind::kParagraph, std::move(text), {}};
}
Block Warning(std::string text) {
  return Block{Block::Kind::kWarning, std::move(text), {}};
}
Block ToFill(std::string text) {
  return Block{Block::Kind::kToFill, std::move(text), {}};
}
Block TableBlock(Table table) {
  return Block{Block::Kind::kTable, {}, std::move(table)};
}

// "甲、乙和丙" is not how reports list; they use "，" within a sentence and "：" before it.
std::string Join(const std::vector<std::string>& parts, const std::string& separator = "，") {
  std::string out;
  for (const std::string& part : parts) {
    out += (out.empty() ? "" : separator) + part;
  }
  return out;
}

std::vector<Block> Profile(const ProgressFacts& facts, const core::DictionarySet& dictionaries) {
  std::vector<Block> blocks;
  const store::RegionProfile& profile = facts.profile;
  std::vector<std::string> sentences;
  if (!profile.location.empty()) {
    const std::string location = WithoutFullStop(profile.location);
    sentences.push_back(facts.region.name + (location.starts_with("位于") ? "" : "位于") +
                        location);
  }
  std::vector<std::string> neighbours;
  const std::pair<const char*, const std::string*> sides[] = {{"东邻", &profile.neighbour_east},
                                                              {"南接", &profile.neighbour_south},
                                                              {"西连", &profile.neighbour_west},
                                                              {"北靠", &profile.neighbour_north}};
  for (const auto& [word, name] : sides) {
    if (!name->empty()) {
      neighbours.push_back(word + WithoutFullStop(*name));
    }
  }
  if (!neighbours.empty()) {
    sentences.push_back(Join(neighbours));
  }
  std::vector<std::string> declared;
  for (const core::DictionaryItem& figure : dictionaries.Get(core::dict::kFigure).items()) {
    const auto value = profile.declared.find(figure.code);
    if (RegistryComputes(facts.stats, figure) || value == profile.declared.end()) {
      continue;
    }
    declared.push_back(figure.label + core::FormatFigureValue(figure, value->second) +
                       figure.Attribute("unit"));
  }
  if (!declared.empty()) {
    sentences.push_back(Join(declared));
  }
  if (!profile.climate.empty()) {
    sentences.push_back(WithoutFullStop(profile.climate));
  }
  if (!profile.main_industries.empty()) {
    sentences.push_back("主要产业为" + WithoutFullStop(profile.main_industries));
  }
  if (!sentences.empty()) {
    blocks.push_back(Paragraph(Join(sentences, "。") + "。"));
  } else {
    blocks.push_back(
        ToFill(facts.region.name +
               "的地理位置、四邻、自然条件和主要产业（可在“村情乡情”中登记，报告即自动写入）。"));
  }
  return blocks;
}

std::vector<Block> Registry(const ProgressFacts& facts) {
  const store::RegionProfile& profile = facts.profile;
  const stats::RegionStats& stats = facts.stats;
  const std::string whole = Whole(facts.region);
  std::vector<Block> blocks;
  std::vector<std::string> parts;
  const core::RegionLevel level = facts.region.level;
  if (level < core::RegionLevel::kCounty) {
    const std::int64_t counties = static_cast<std::int64_t>(facts.children.size());
    parts.push_back(fmt::format("{}辖{}个{}、{}个乡镇、{}个行政村、{}个村民小组", whole, counties,
                                level == core::RegionLevel::kProvince ? "市（州）" : "县（区）",
                                stats.townships, stats.villages, stats.groups));
  } else if (level == core::RegionLevel::kCounty) {
    parts.push_back(fmt::format("{}辖{}个乡镇、{}个行政村、{}个村民小组", whole, stats.townships,
                                stats.villages, stats.groups));
  } else if (level == core::RegionLevel::kTownship) {
    parts.push_back(
        fmt::format("{}辖{}个行政村、{}个村民小组", whole, stats.villages, stats.groups));
  } else if (level == core::RegionLevel::kVillage) {
    parts.push_back(fmt::format("{}辖{}个村民小组", whole, stats.groups));
  }
  std::string text =
      Join(parts) + (parts.empty() ? "" : "，") + fmt::format("共{}户", stats.households);
  // No members imported yet: the people are not known, not none.
  if (stats.persons > 0) {
    text += fmt::format("{}人，其中劳动力{}人", stats.persons, stats.labour);
  } else {
    text += "（家庭成员尚未录入，人口待统计）";
  }
  if (stats.arable_land_centimu > 0 && stats.persons > 0) {
    const std::int64_t per_head = (stats.arable_land_centimu + stats.persons / 2) / stats.persons;
    text += fmt::format("；耕地{}亩，人均{}亩{}", Trimmed(stats.arable_land_centimu, 2),
                        Trimmed(per_head, 2),
                        DeclaredBeside(profile, "per_capita_land", per_head, "亩"));
  }
  if (stats.per_capita_income_fen) {
    text += fmt::format(
        "；据户表计算，人均纯收入{}元{}", core::FormatScaled(*stats.per_capita_income_fen, 2),
        DeclaredBeside(profile, "per_capita_income", *stats.per_capita_income_fen, "元"));
  }
  blocks.push_back(Paragraph(text + "。"));

  std::vector<std::string> categories;
  for (const stats::CategoryFigures& category : stats.by_category) {
    if (category.poor && category.households > 0) {
      categories.push_back(
          stats.persons > 0
              ? fmt::format("{}{}户{}人", category.label, category.households, category.persons)
              : fmt::format("{}{}户", category.label, category.households));
    }
  }
  std::string poverty = fmt::format("现有贫困户{}户", stats.poor_households);
  if (stats.persons > 0) {
    poverty += fmt::format("{}人，占{}总人口的{}", stats.poor_persons, whole,
                           Percent(stats.poor_persons, stats.persons));
  }
  if (!categories.empty()) {
    poverty += "，其中：" + Join(categories);
  }
  blocks.push_back(Paragraph(poverty + "。"));
  for (const stats::Mismatch& mismatch : stats.mismatches) {
    blocks.push_back(Warning(fmt::format(
        "{}{}：填报{}{}，按记录计算为{}{}。报告采用记录计算的数字，请核对填报数或补齐记录。",
        mismatch.region_name, mismatch.label, core::FormatScaled(mismatch.declared, mismatch.scale),
        mismatch.unit, core::FormatScaled(mismatch.computed, mismatch.scale), mismatch.unit)));
  }
  if (stats.households_with_member_mismatch > 0) {
    blocks.push_back(Warning(fmt::format("{}户登记的家庭人口数与成员名单人数不一致。",
                                         stats.households_with_member_mismatch)));
  }
  return blocks;
}

std::vector<Block> Difficulties(const ProgressFacts& facts,
                                const core::DictionarySet& dictionaries) {
  std::vector<std::string> present;
  for (const core::DictionaryItem& item : dictionaries.Get(core::dict::kDifficulty).items()) {
    const auto state = facts.profile.difficulties.find(item.code);
    if (state != facts.profile.difficulties.end() && state->second.present) {
      const std::string note = WithoutFullStop(state->second.note);
      present.push_back(item.label + (note.empty() ? "" : "（" + note + "）"));
    }
  }
  if (present.empty()) {
    return {};
  }
  return {Paragraph("“五难”问题：" + Join(present, "；") + "。")};
}

std::int64_t UnitCount(const fieldwork::ProgressReport& progress) {
  return std::count_if(progress.by_unit.begin(), progress.by_unit.end(),
                       [](const fieldwork::ProgressRollup& unit) { return !unit.key.empty(); });
}

std::vector<Block> Pairing(const ProgressFacts& facts) {
  const pairing::CoverageReport& coverage = facts.coverage;
  std::string text = fmt::format("{}个帮扶单位、{}名帮扶干部参与双联行动",
                                 UnitCount(facts.progress), facts.progress.all.cadres);
  if (coverage.households_required > 0) {
    text += fmt::format("，应结对{}户，已结对{}户，覆盖{}", coverage.households_required,
                        coverage.households_covered,
                        Percent(coverage.households_covered, coverage.households_required));
  }
  if (facts.region.level == core::RegionLevel::kVillage) {
    text +=
        fmt::format("；{}联系领导、{}帮扶单位", coverage.villages_with_leader > 0 ? "有" : "没有",
                    coverage.villages_with_unit > 0 ? "有" : "没有");
  } else if (coverage.villages > 0) {
    text += fmt::format("；{}个行政村中{}个有联系领导、{}个有帮扶单位", coverage.villages,
                        coverage.villages_with_leader, coverage.villages_with_unit);
  }
  if (coverage.groups > 0) {
    text +=
        fmt::format("；{}个村民小组中{}个有联系干部", coverage.groups, coverage.groups_with_cadre);
  }
  return {Paragraph(text + "。")};
}

std::string CountsPhrase(const core::ProgressCounts& counts) {
  return fmt::format("驻村{}天、走访{}户、民情日记{}天、解决难题{}件、建设性意见{}条",
                     counts.stationed_days, counts.households_visited, counts.diary_days,
                     counts.problems_solved, counts.suggestions);
}

std::vector<Block> Work(const ProgressFacts& facts) {
  const store::FieldworkSummary& work = facts.fieldwork;
  const fieldwork::ProgressReport& progress = facts.progress;
  std::vector<Block> blocks;
  std::int64_t raised = 0;
  for (const auto& problem : work.problems) {
    raised += problem.count;
  }
  blocks.push_back(
      Paragraph(fmt::format("{}至{}，帮扶干部累计驻村{}人天，走访农户{}户次（{}户），撰写民情日记{}"
                            "篇，提出建设性意见{}条（已采纳{}条），"
                            "登记群众反映的困难和问题{}件。",
                            ChineseDate(facts.from), ChineseDate(facts.as_of), work.stationed_days,
                            work.household_visits, work.households_visited, work.diary_entries,
                            work.suggestions, work.suggestions_adopted, raised)));
  const std::int64_t cadres = progress.all.cadres;
  const core::ProgressCounts& totals = progress.all.totals;
  std::string pace = fmt::format("按“五个百”年度目标（{}），截至{}每名干部按时序进度应达{}",
                                 CountsPhrase(progress.targets.yearly), ChineseDate(facts.as_of),
                                 CountsPhrase(progress.expected));
  if (cadres > 0) {
    pace += fmt::format(
        "；本年度{}名帮扶干部人均驻村{}天、走访{}户、民情日记{}天、解决难题{}件、建设性意见{}条，"
        "其中{}名落后于时序进度",
        cadres, PerHead(totals.stationed_days, cadres), PerHead(totals.households_visited, cadres),
        PerHead(totals.diary_days, cadres), PerHead(totals.problems_solved, cadres),
        PerHead(totals.suggestions, cadres), progress.all.behind_pace);
  }
  blocks.push_back(Paragraph(pace + "。"));
  if (!progress.by_region.empty()) {
    Table table;
    table.caption = "各" + ChildLevelLabel(facts.region) + "“五个百”进度";
    table.header = {"区划",     "干部",     "驻村天数",   "走访户数",
                    "日记天数", "解决难题", "建设性意见", "落后于进度"};
    table.numeric = {false, true, true, true, true, true, true, true};
    for (const fieldwork::ProgressRollup& row : progress.by_region) {
      table.rows.push_back({row.name.empty() ? "（本级）" : row.name, Count(row.cadres),
                            Count(row.totals.stationed_days), Count(row.totals.households_visited),
                            Count(row.totals.diary_days), Count(row.totals.problems_solved),
                            Count(row.totals.suggestions), Count(row.behind_pace)});
    }
    blocks.push_back(TableBlock(std::move(table)));
  }
  blocks.push_back(ToFill("宣传发动、组织领导、制度建设等方面的具体做法和经验。"));
  return blocks;
}

struct ProblemTally {
  std::int64_t raised = 0;
  std::int64_t solved = 0;
  std::int64_t in_hand = 0;    // 登记, 办理中
  std::int64_t escalated = 0;  // 上报领导小组, 领导小组办理
};

void Tally(ProblemTally& tally, const std::string& status, std::int64_t count) {
  tally.raised += count;
  if (status == "solved") {
    tally.solved += count;
  } else if (status == "reported" || status == "leadership") {
    tally.escalated += count;
  } else {
    tally.in_hand += count;
  }
}

std::vector<Block> Results(const ProgressFacts& facts, const core::DictionarySet& dictionaries) {
  const store::FieldworkSummary& work = facts.fieldwork;
  std::vector<Block> blocks;
  ProblemTally all;
  std::vector<std::pair<std::string, ProblemTally>> by_category;
  for (const auto& problem : work.problems) {
    Tally(all, problem.status, problem.count);
    if (by_category.empty() || by_category.back().first != problem.category) {
      by_category.emplace_back(problem.category, ProblemTally{});
    }
    Tally(by_category.back().second, problem.status, problem.count);
  }
  if (all.raised > 0) {
    blocks.push_back(Paragraph(fmt::format(
        "登记的{}件困难和问题中，已解决{}件，解决率{}；正在办理{}件，上报领导小组{}件。",
        all.raised, all.solved, Percent(all.solved, all.raised), all.in_hand, all.escalated)));
    Table table;
    table.caption = "困难和问题办理情况";
    table.header = {"类别", "登记", "已解决", "办理中", "上报领导小组"};
    table.numeric = {false, true, true, true, true};
    const core::Dictionary& categories = dictionaries.Get("problem_category");
    for (const auto& [category, tally] : by_category) {
      table.rows.push_back({categories.Label(category), Count(tally.raised), Count(tally.solved),
                            Count(tally.in_hand), Count(tally.escalated)});
    }
    table.rows.push_back(
        {"合计", Count(all.raised), Count(all.solved), Count(all.in_hand), Count(all.escalated)});
    blocks.push_back(TableBlock(std::move(table)));
  } else {
    blocks.push_back(Paragraph("本期未登记群众反映的困难和问题。"));
  }
  if (work.aid_records > 0) {
    const core::Dictionary& measures = dictionaries.Get("aid_measure");
    std::vector<std::string> items;
    for (const auto& line : work.aid) {
      items.push_back(line.item + Trimmed(line.quantity_milli, 3) + measures.Label(line.measure));
    }
    blocks.push_back(
        Paragraph(fmt::format("发放帮扶物资和资金{}笔，折合{}，其中：{}。", work.aid_records,
                              Money(work.aid_value_fen), Join(items))));
  } else {
    blocks.push_back(Paragraph("本期未登记发放帮扶物资和资金。"));
  }
  blocks.push_back(ToFill("群众满意度、产业发展、基础设施改善等方面的成效和典型事例。"));
  return blocks;
}

const char* IntegrityPhrase(const std::string& check) {
  if (check == "diary_copied")
    return "民情日记内容雷同";
  if (check == "too_many_visits")
    return "一天内走访户数多得不合常理";
  if (check == "visit_without_stationed_day")
    return "走访当天没有驻村记录";
  if (check == "problem_closed_quickly")
    return "问题登记后不到半小时即办结";
  if (check == "problem_without_result")
    return "问题办结却没有写明结果";
  if (check == "photo_reused")
    return "同一张照片用于多次走访";
  return nullptr;
}

std::vector<Block> Problems(const ProgressFacts& facts) {
  std::vector<Block> blocks;
  const pairing::CoverageReport& coverage = facts.coverage;
  if (coverage.households_covered < coverage.households_required) {
    blocks.push_back(
        Warning(fmt::format("结对未全覆盖：尚有{}户应结对户没有帮扶干部。",
                            coverage.households_required - coverage.households_covered)));
  }
  std::vector<std::string> gaps;
  if (coverage.villages_with_leader < coverage.villages) {
    gaps.push_back(
        fmt::format("{}个行政村没有联系领导", coverage.villages - coverage.villages_with_leader));
  }
  if (coverage.villages_with_unit < coverage.villages) {
    gaps.push_back(
        fmt::format("{}个行政村没有帮扶单位", coverage.villages - coverage.villages_with_unit));
  }
  if (coverage.groups_with_cadre < coverage.groups) {
    gaps.push_back(
        fmt::format("{}个村民小组没有联系干部", coverage.groups - coverage.groups_with_cadre));
  }
  if (!gaps.empty()) {
    blocks.push_back(Warning(Join(gaps) + "。"));
  }
  if (!coverage.violations.empty()) {
    blocks.push_back(
        Warning(fmt::format("{}名干部联系户数超过规定（每人最多{}户）。",
                            coverage.violations.size(), coverage.violations.front().limit)));
  }
  if (facts.progress.all.behind_pace > 0) {
    blocks.push_back(
        Warning(fmt::format("全部{1}名帮扶干部中，有{0}名“五个百”进度落后于时序进度。",
                            facts.progress.all.behind_pace, facts.progress.all.cadres)));
  }
  const store::FieldworkSummary& work = facts.fieldwork;
  std::vector<std::string> open;
  if (work.problems_open_long > 0) {
    open.push_back(fmt::format("{}件问题登记已超过{}天仍未解决", work.problems_open_long,
                               store::kProblemLongOpenDays));
  }
  if (work.problems_past_due > 0) {
    open.push_back(fmt::format("{}件问题已过办理期限仍未解决", work.problems_past_due));
  }
  if (!open.empty()) {
    blocks.push_back(Warning("截至" + ChineseDate(facts.as_of) + "，" + Join(open) + "。"));
  }
  std::vector<std::string> formalism;
  for (const auto& [check, count] : facts.integrity) {
    if (count > 0 && IntegrityPhrase(check) != nullptr) {
      formalism.push_back(fmt::format("{}{}处", IntegrityPhrase(check), count));
    }
  }
  if (!formalism.empty()) {
    blocks.push_back(Warning("工作记录中有需要核实的疑似形式主义记录：" + Join(formalism) +
                             "（明细见“工作记录核查”，请逐条核实）。"));
  }
  if (!facts.integrity_checked) {
    blocks.push_back(Paragraph(fmt::format(
        "本期工作记录{}条，条数较多，本汇报未做形式主义核查（雷同日记、不合常理的走访等）；"
        "请在“工作记录核查”或下级区划的汇报中查看。",
        RecordsOf(work))));
  }
  if (!facts.stats.mismatches.empty()) {
    blocks.push_back(Warning(fmt::format("{}项填报数字与记录计算不符（见“基本情况”）。",
                                         facts.stats.mismatches.size())));
  }
  if (blocks.empty()) {
    blocks.push_back(Paragraph("记录中没有发现需要提示的问题。"));
  }
  blocks.push_back(ToFill("记录反映不出的其他问题。"));
  return blocks;
}

std::vector<Block> ChildrenTable(const ProgressFacts& facts) {
  if (facts.children.empty()) {
    return {};
  }
  Table table;
  table.caption = "各" + ChildLevelLabel(facts.region) + "基本情况";
  table.header = {"区划", "户数", "人口", "贫困户", "贫困人口", "贫困发生率"};
  table.numeric = {false, true, true, true, true, true};
  for (const stats::ChildTotals& child : facts.children) {
    table.rows.push_back({child.region.name, Count(child.households), Count(child.persons),
                          Count(child.poor_households), Count(child.poor_persons),
                          Percent(child.poor_persons, child.persons)});
  }
  table.rows.push_back({"合计", Count(facts.stats.households), Count(facts.stats.persons),
                        Count(facts.stats.poor_households), Count(facts.stats.poor_persons),
                        Percent(facts.stats.poor_persons, facts.stats.persons)});
  return {TableBlock(std::move(table))};
}

template <typename... Lists>
std::vector<Block> Concat(Lists... lists) {
  std::vector<Block> out;
  (out.insert(out.end(), std::make_move_iterator(lists.begin()),
              std::make_move_iterator(lists.end())),
   ...);
  return out;
}

}  // namespace

std::int64_t RecordsOf(const store::FieldworkSummary& work) {
  std::int64_t problems = 0;
  for (const auto& problem : work.problems) {
    problems += problem.count;
  }
  return work.stationed_days + work.visits + work.diary_entries + work.suggestions + problems;
}

ProgressFacts GatherProgressFacts(store::Database& database, const std::string& region_code,
                                  int year, const core::Date& as_of, const store::DataScope& scope,
                                  const core::DictionarySet& dictionaries) {
  const auto region = core::LevelOfCode(region_code) && store::ScopeCoversRegion(scope, region_code)
                          ? store::RegionRepository(database).Get(region_code)
                          : std::nullopt;
  if (!region) {
    throw ReportRefused("region", "区划 " + region_code + " 不存在或不在您的管理范围内", true);
  }
  if (region->level == core::RegionLevel::kGroup) {
    throw ReportRefused("region", "村民小组不单独汇报：请生成所在村（" +
                                      core::ParentCode(region_code) + "）的汇报");
  }
  const core::Date first{year, 1, 1};
  if (as_of < first) {
    throw ReportRefused("as_of", fmt::format("截至日期 {} 早于 {} 年：请换一个截至日期或年份",
                                             as_of.ToIso(), year));
  }
  // Every figure from one moment: a sync committing between two of the statements below would
  // otherwise make the visits of section 二 disagree with the 五个百 beside them.
  std::optional<store::ReadSnapshot> snapshot;
  if (!database.InTransaction()) {
    snapshot.emplace(database);
  }
  ProgressFacts facts;
  facts.region = *region;
  facts.year = year;
  facts.from = first;
  facts.as_of = std::min(as_of, core::Date{year, 12, 31});
  facts.profile = store::ProfileRepository(database).Get(region_code);
  facts.stats = stats::ComputeRegionStats(database, region_code, dictionaries);
  if (region->level < core::RegionLevel::kVillage) {
    facts.children = stats::ComputeChildTotals(database, region_code, dictionaries);
  }
  facts.coverage = pairing::CheckCoverage(database, region_code, dictionaries, 0);
  fieldwork::ProgressOptions options;
  options.limit = 1;  // the roll-ups are what a report states, not every cadre
  facts.progress =
      fieldwork::ComputeProgress(database, region_code, year, facts.as_of, scope, options);
  facts.fieldwork =
      store::SummarizeFieldwork(database, region_code, facts.from, facts.as_of, scope);
  // A county's checks take seconds; a province's ten million records, a minute or more: more
  // than a report waited for in the browser should cost (docs/report.md).
  if (RecordsOf(facts.fieldwork) <= kRecordsCheckedInAReport) {
    fieldwork::IntegrityOptions integrity;
    integrity.year = year;
    integrity.findings_per_check = 0;
    facts.integrity = fieldwork::CheckIntegrity(database, region_code, scope, integrity).counts;
    facts.integrity_checked = true;
  }
  return facts;
}

Document ComposeProgressReport(const ProgressFacts& facts,
                               const core::DictionarySet& dictionaries) {
  Document document;
  document.title = facts.region.name + "双联行动进展情况汇报";
  document.subtitle = fmt::format("（{}至{}）", ChineseDate(facts.from), ChineseDate(facts.as_of));
  document.note = fmt::format(
      "本稿由双联帮扶管理系统根据记录生成，数字都由记录计算，不取填报数（填报数不符处已标出）："
      "驻村、走访、日记、问题、物资按{}至{}的记录统计；“五个百”人均数取本年度各干部的累计记录；"
      "户数、人口、结对取生成时的登记。海拔、气候等记录算不出的情况取自“村情乡情”的登记。"
      "“待填写”处是记录反映不出的内容，由撰写人补充；⚠ 是需要核对或解决的地方。",
      ChineseDate(facts.from), ChineseDate(facts.as_of));
  document.sections.push_back(
      {"一、基本情况", Concat(Profile(facts, dictionaries), Registry(facts),
                              Difficulties(facts, dictionaries), Pairing(facts))});
  document.sections.push_back({"二、主要做法", Work(facts)});
  document.sections.push_back({"三、取得的成效", Results(facts, dictionaries)});
  document.sections.push_back({"四、存在的问题", Problems(facts)});
  document.sections.push_back(
      {"五、下一步工作打算", {ToFill("下一阶段的工作目标、重点任务和措施。")}});
  document.sections.push_back(
      {"六、需协调解决的困难",
       {ToFill(
           "需要上级协调解决的项目和资金：项目名称、建设内容、概算总投资、已到位资金、缺口。")}});
  if (!facts.children.empty()) {
    document.sections.push_back({"附表", ChildrenTable(facts)});
  }
  return document;
}

}  // namespace shuanglian::report
