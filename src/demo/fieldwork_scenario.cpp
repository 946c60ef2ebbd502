#include "demo/fieldwork_scenario.h"

#include <fmt/core.h>

#include <algorithm>
#include <map>
#include <stdexcept>

#include "core/decimal.h"
#include "core/pairing.h"
#include "demo/demo_table.h"
#include "demo/random.h"
#include "store/fieldwork_store.h"
#include "store/pairing_store.h"

namespace shuanglian::demo {

namespace {

constexpr core::Date kSpringStart{2012, 3, 1};
constexpr int kSpringDays = 92;  // March, April, May

struct Household {
  std::string number;
  std::string head;
  std::string village;
  std::string category;
};

struct Cadre {
  std::int64_t id = 0;
  std::string name;
  std::string phone;
  std::string kind;
  std::vector<Household> households;
  std::string village;  // where most of their households are
};

// The cadres holding households, each with theirs, in helper order.
std::vector<Cadre> CadresWithHouseholds(store::Database& database) {
  std::map<std::int64_t, Cadre> cadres;
  for (const store::RowView row : database.Query(
           "SELECT he.id, he.name, he.phone, he.kind, h.household_no, h.head_name, "
           "p.village_code, h.category FROM pairings p JOIN helpers he ON he.id = p.helper_id JOIN "
           "households h ON h.id = p.household_id WHERE p.end_date IS NULL AND p.kind IN "
           "('cadre_household', 'leader_household', 'wealthy_household') ORDER BY he.id, "
           "h.household_no")) {
    Cadre& cadre = cadres[row.Int(0)];
    cadre.id = row.Int(0);
    cadre.name = row.Text(1);
    cadre.phone = row.Text(2);
    cadre.kind = row.Text(3);
    cadre.households.push_back(Household{row.Text(4), row.Text(5), row.Text(6), row.Text(7)});
  }
  std::vector<Cadre> list;
  for (auto& [id, cadre] : cadres) {
    std::map<std::string, int> per_village;
    for (const Household& household : cadre.households) {
      ++per_village[household.village];
    }
    cadre.village =
        std::max_element(per_village.begin(), per_village.end(), [](const auto& a, const auto& b) {
          return a.second < b.second;
        })->first;
    list.push_back(std::move(cadre));
  }
  return list;
}

std::string At(const core::Date& day, int hour, int minute) {
  return fmt::format("{}T{:02d}:{:02d}:00+08:00", day.ToIso(), hour, minute);
}

const std::vector<std::string> kWeather = {"天气晴好", "刮了一上午的风", "下了点小雨", "天气转暖",
                                           "早上还有霜冻"};
const std::vector<std::string> kLearned = {"家里劳动力少，春播缺化肥和地膜",
                                           "老人常年吃药，医疗费用负担重",
                                           "孩子在县城上高中，学费生活费紧张",
                                           "想发展舍饲养羊，缺启动资金和技术",
                                           "房屋年久失修，雨季漏水",
                                           "吃水要到两里外的机井去拉",
                                           "想外出务工，不知道去哪里找活",
                                           "对低保政策有疑问，想了解申请条件",
                                           "地里种的洋芋卖不上价",
                                           "和邻居因为地界有些矛盾"};
const std::vector<std::string> kSeen = {
    "院子里晒着去年的玉米", "老人一个人在家",     "一家人正在地里覆膜", "孩子放学刚回来",
    "新修的羊圈还没完工",   "水窖里的水只剩半窖", "灶房的墙裂了缝",     "男人在外打工没回来",
    "户主正在修农机",       "家里刚买了一头牛"};
const std::vector<std::string> kPlans = {
    "下周要把几户的危房改造申请材料收齐", "准备联系单位为村小学捐一批课桌",
    "打算在村部办一次马铃薯种植技术培训", "要给在外务工的几户家里捎个话",
    "明天先去镇上问清楚低保复核的时间",   "想请农技站的同志来看看地里的病虫害",
    "下次来带上新农合报销的明白纸",       "要和村支书商量修社道的砂石从哪里拉",
    "得把这几户的收入账再细算一遍",       "准备帮两户联系县上的养殖合作社"};
const std::vector<std::string> kDiaryAfter = {"回来的路上一直在想怎么帮他们把账算清楚。",
                                              "村干部说这样的情况村里还有好几户。",
                                              "答应下次带着农技站的同志一起来。",
                                              "记下了要向单位反映的几件事。",
                                              "群众说的最多的还是路和水。",
                                              "走访中感到群众对双联行动期望很高。"};
// What problems households raise, by category, and how they were solved.
struct ProblemText {
  std::string category;
  std::string description;
  std::string result;
};
const std::vector<ProblemText> kProblems = {
    {"production", "春播缺化肥，希望协调赊购", "协调供销社赊购化肥4袋，秋后还款"},
    {"health", "老人慢性病用药贵，新农合报销不清楚", "陪同到镇卫生院办理慢性病门诊，报销比例提高"},
    {"education", "孩子上高中学费有困难", "联系县教育局落实助学金1500元"},
    {"water", "吃水困难，要求接通自来水", "纳入村人饮工程二期，已列入计划"},
    {"road", "社道路雨后泥泞无法通行", "协调镇上拉运砂石，已铺垫300米"},
    {"housing", "房屋成为危房，申请改造", "列入2012年危房改造计划，补助1.2万元"},
    {"disputes", "与邻居地界纠纷多年未决", "会同村调委会现场丈量，双方签字认可"},
    {"policy", "对低保评定有意见", "向户主解释评定标准，并复核家庭收入"},
    {"production", "想发展养殖缺技术", "联系畜牧站技术员上门指导两次"}};
const std::vector<std::string> kSuggestions = {
    "建议村上成立马铃薯营销协会，统一对外销售", "建议单位协调资金硬化村委会到学校的道路",
    "建议乡镇把农机补贴政策印成明白纸发到户",   "建议村里建一处集中的羊只防疫点",
    "建议把春季技术培训放在农闲的晚上",         "建议对外出务工人员集中登记，统一联系用工"};
const std::vector<std::string> kKinds = {"listen",   "opinion",     "wisdom", "affairs",
                                         "worries",  "warmth",      "policy", "public_opinion",
                                         "disputes", "difficulties"};

class Builder {
 public:
  Builder(store::Database& database, const core::DictionarySet& dictionaries, std::uint64_t seed)
      : database_(database),
        store_(database, dictionaries),
        scope_(store::DataScope::System()),
        random_(seed) {}

  FieldworkScenarioResult result;

  const std::string& Pick(const std::vector<std::string>& choices) {
    return choices[static_cast<std::size_t>(
        random_.Below(static_cast<std::int64_t>(choices.size())))];
  }

  void Spring(const Cadre& cadre, bool copies_diary, bool too_many_one_day) {
    const int days = static_cast<int>(random_.Between(22, 30));
    std::vector<int> offsets;
    for (int offset = 0; offset < kSpringDays; ++offset) {
      offsets.push_back(offset);
    }
    random_.Shuffle(offsets);
    offsets.resize(static_cast<std::size_t>(days));
    std::sort(offsets.begin(), offsets.end());
    std::size_t next_household = 0;
    std::string copied_text;
    int serial = 0;
    for (const int offset : offsets) {
      ++serial;
      const core::Date day = core::Date::FromDaysSinceEpoch(kSpringStart.DaysSinceEpoch() + offset);
      const std::string uuid = "demo-" + std::to_string(cadre.id) + "-" + std::to_string(serial);
      core::StationedDay stationed;
      stationed.client_uuid = uuid + "-s";
      stationed.day = day;
      stationed.village_code = cadre.village;
      Save(store_.SaveStationedDay(stationed, Write(cadre, At(day, 18, 0))), "驻村");
      ++result.stationed_days;

      // Visits: two or three households, in turn, so each is seen over the spring.
      const std::size_t visits =
          too_many_one_day && serial == 3 ? 12 : static_cast<std::size_t>(random_.Between(1, 3));
      std::vector<std::string> learned_today;
      for (std::size_t index = 0; index < visits && !cadre.households.empty(); ++index) {
        const Household& household = cadre.households[next_household++ % cadre.households.size()];
        core::Visit visit;
        visit.client_uuid = uuid + "-v" + std::to_string(index);
        visit.day = day;
        visit.village_code = household.village;
        visit.household_nos = {household.number};
        visit.kinds = {kKinds[static_cast<std::size_t>(random_.Below(6))],
                       kKinds[static_cast<std::size_t>(6 + random_.Below(4))]};
        const std::string& learned = kLearned[static_cast<std::size_t>(
            random_.Below(static_cast<std::int64_t>(kLearned.size())))];
        visit.learned = household.head + "家：" + learned;
        learned_today.push_back(visit.learned);
        Save(store_.SaveVisit(visit, Write(cadre, At(day, 10 + static_cast<int>(index), 0))),
             "走访");
        ++result.visits;
      }
      // The diary, most days: what the day was like, whom they saw, what stays with them.
      if (random_.Chance(0.85)) {
        core::DiaryEntry entry;
        entry.client_uuid = uuid + "-d";
        entry.day = day;
        entry.village_code = cadre.village;
        // Three ways of writing a page, so that honest diaries read like different days
        // (and the integrity report's copies stand out).
        switch (random_.Below(3)) {
          case 0:
            entry.text = fmt::format("{}月{}日，{}。今天到村里走访了{}户：{}。进门时{}。{}",
                                     day.month, day.day, Pick(kWeather), learned_today.size(),
                                     Joined(learned_today), Pick(kSeen), Pick(kDiaryAfter));
            break;
          case 1:
            entry.text =
                fmt::format("{}月{}日。{}。{}，{}。{}", day.month, day.day, Joined(learned_today),
                            Pick(kSeen), Pick(kPlans), Pick(kDiaryAfter));
            break;
          default:
            entry.text =
                fmt::format("{}日{}，{}。走了{}户，{}。{}。", day.day, Pick(kWeather), Pick(kPlans),
                            learned_today.size(), Joined(learned_today), Pick(kSeen));
            break;
        }
        if (copies_diary) {
          // Formalism as it looks: the same page written again on other days.
          if (copied_text.empty()) {
            copied_text = entry.text;
          } else if (serial % 4 == 0) {
            entry.text = copied_text;
          }
        }
        Save(store_.SaveDiaryEntry(entry, Write(cadre, At(day, 21, 30))), "日记");
        ++result.diary_entries;
      }
    }
    Problems(cadre, offsets);
    Suggestions(cadre, offsets);
  }

  // Problems in every state: some still registered, some in hand, some with the leadership
  // group, most solved with a result and the household's word at the return visit.
  void Problems(const Cadre& cadre, const std::vector<int>& offsets) {
    const int count = static_cast<int>(random_.Between(1, 3));
    for (int index = 0; index < count && !cadre.households.empty(); ++index) {
      const Household& household = cadre.households[static_cast<std::size_t>(
          random_.Below(static_cast<std::int64_t>(cadre.households.size())))];
      const ProblemText& text = kProblems[static_cast<std::size_t>(
          random_.Below(static_cast<std::int64_t>(kProblems.size())))];
      const int raised_offset = offsets[static_cast<std::size_t>(
          random_.Below(std::max<std::int64_t>(1, static_cast<std::int64_t>(offsets.size()) / 2)))];
      const core::Date raised =
          core::Date::FromDaysSinceEpoch(kSpringStart.DaysSinceEpoch() + raised_offset);
      core::Problem problem;
      problem.client_uuid = "demo-" + std::to_string(cadre.id) + "-p" + std::to_string(index);
      problem.household_no = household.number;
      problem.village_code = household.village;
      problem.category = text.category;
      problem.description = household.head + "家" + text.description;
      problem.raised_on = raised;
      problem.due_date = core::Date::FromDaysSinceEpoch(raised.DaysSinceEpoch() + 30);
      std::int64_t id = 0;
      Save(store_.SaveProblem(problem, Write(cadre, At(raised, 11, 0), 0), &id), "难题");
      ++result.problems;
      const auto step = [&](int days_later, const std::string& to, const std::string& outcome) {
        const core::Date when =
            core::Date::FromDaysSinceEpoch(raised.DaysSinceEpoch() + days_later);
        Save(store_.MoveProblem(id, to, outcome, "", Write(cadre, At(when, 15, 0))), "办理");
      };
      const std::size_t path = static_cast<std::size_t>(random_.Weighted({15, 20, 8, 7, 50}));
      if (path == 0) {
        continue;  // registered
      }
      if (path == 2 || path == 3) {
        step(2, "reported", "");
        if (path == 3) {
          step(6, "leadership", "");
          if (random_.Chance(0.5)) {
            step(20, "solved", "领导小组协调：" + text.result);
          }
        }
        continue;
      }
      step(1, "in_progress", "");
      if (path == 4) {
        step(static_cast<int>(random_.Between(5, 25)), "solved", text.result);
        if (random_.Chance(0.8)) {
          Save(store_.RateProblem(
                   id, random_.Chance(0.85) ? "satisfied" : "fair",
                   Write(cadre,
                         At(core::Date::FromDaysSinceEpoch(raised.DaysSinceEpoch() + 28), 16, 0))),
               "回访");
        }
      }
    }
  }

  void Suggestions(const Cadre& cadre, const std::vector<int>& offsets) {
    const int count = static_cast<int>(random_.Between(0, 2));
    for (int index = 0; index < count; ++index) {
      core::Suggestion suggestion;
      suggestion.client_uuid = "demo-" + std::to_string(cadre.id) + "-g" + std::to_string(index);
      suggestion.day = core::Date::FromDaysSinceEpoch(
          kSpringStart.DaysSinceEpoch() + offsets[static_cast<std::size_t>(random_.Below(
                                              static_cast<std::int64_t>(offsets.size())))]);
      suggestion.village_code = cadre.village;
      suggestion.addressee =
          random_.Chance(0.5) ? "village" : (random_.Chance(0.5) ? "unit" : "township");
      suggestion.content = kSuggestions[static_cast<std::size_t>(
          random_.Below(static_cast<std::int64_t>(kSuggestions.size())))];
      if (random_.Chance(0.6)) {
        suggestion.adopted = random_.Chance(0.6);
      }
      Save(store_.SaveSuggestion(suggestion, Write(cadre, At(suggestion.day, 20, 0))), "建议");
      ++result.suggestions;
    }
  }

  // A leader or a 致富带头人: a visit or two to their households, no stationed days.
  void Visits(const Cadre& cadre) {
    for (std::size_t index = 0; index < cadre.households.size() && index < 2; ++index) {
      const Household& household = cadre.households[index];
      const core::Date day = core::Date::FromDaysSinceEpoch(kSpringStart.DaysSinceEpoch() +
                                                            random_.Below(kSpringDays));
      core::Visit visit;
      visit.client_uuid = "demo-" + std::to_string(cadre.id) + "-lv" + std::to_string(index);
      visit.day = day;
      visit.village_code = household.village;
      visit.household_nos = {household.number};
      visit.kinds = {"warmth", "worries"};
      visit.learned = household.head + "家：" +
                      kLearned[static_cast<std::size_t>(
                          random_.Below(static_cast<std::int64_t>(kLearned.size())))];
      Save(store_.SaveVisit(visit, Write(cadre, At(day, 15, 0))), "走访");
      ++result.visits;
    }
  }

  // A problem closed five minutes after it was registered, "已解决" its whole result.
  void HastyProblem(const Cadre& cadre) {
    const Household& household = cadre.households.front();
    const core::Date day{2012, 4, 12};
    core::Problem problem;
    problem.client_uuid = "demo-" + std::to_string(cadre.id) + "-hasty";
    problem.household_no = household.number;
    problem.village_code = household.village;
    problem.category = "policy";
    problem.description = household.head + "家反映低保金发放不及时";
    problem.raised_on = day;
    std::int64_t id = 0;
    Save(store_.SaveProblem(problem, Write(cadre, At(day, 9, 0), 0), &id), "难题");
    Save(store_.MoveProblem(id, "in_progress", "", "", Write(cadre, At(day, 9, 2))), "办理");
    Save(store_.MoveProblem(id, "solved", "已解决", "", Write(cadre, At(day, 9, 5))), "办理");
    ++result.problems;
  }

  // The aid of the seed (aid.csv), and the cadres' own at spring sowing.
  void Aid(const DemoTable& rows, const std::vector<Cadre>& cadres,
           const core::DictionarySet& dictionaries) {
    store::PairingStore units(database_, dictionaries);
    std::map<std::string, std::vector<const Household*>> poor_by_village;
    for (const Cadre& cadre : cadres) {
      for (const Household& household : cadre.households) {
        poor_by_village[household.village].push_back(&household);
      }
    }
    int serial = 0;
    for (const auto& row : rows) {
      core::Unit unit;
      unit.name = row.at("giver");
      unit.unit_type = row.at("giver_type");
      unit.affiliation = row.at("giver_affiliation");
      const store::WriteContext unit_context{0, "2012-03-01T08:00:00+08:00", scope_, "demo"};
      units.UpsertUnit(unit, unit_context);
      core::Aid aid;
      aid.day = *core::ParseDate(row.at("day"));
      aid.giver_kind = "unit";
      aid.giver_unit = unit.name;
      aid.village_code = row.at("village");
      aid.item = row.at("item");
      aid.measure = dictionaries.Get("aid_measure").Find(row.at("measure"))->code;
      aid.drive = row.at("drive");
      const std::int64_t quantity = *core::ParseScaledDecimal(row.at("quantity"), 3);
      const std::int64_t value = *core::ParseScaledDecimal(row.at("value_yuan"), 2);
      if (row.at("receiver_kind") == "poor_households") {
        // Shared out among the village's paired households, the remainder to the first ones.
        const auto& households = poor_by_village[aid.village_code];
        const auto count = static_cast<std::int64_t>(households.size());
        const std::int64_t whole = quantity / 1000;
        for (std::int64_t index = 0; index < count; ++index) {
          const std::int64_t share = whole / count + (index < whole % count ? 1 : 0);
          if (share == 0) {
            continue;
          }
          aid.client_uuid = "demo-aid-" + std::to_string(++serial);
          aid.receiver_kind = "household";
          aid.household_no = households[static_cast<std::size_t>(index)]->number;
          aid.quantity_milli = share * 1000;
          aid.value_fen = value * share / whole;
          SaveAid(aid);
        }
        continue;
      }
      aid.client_uuid = "demo-aid-" + std::to_string(++serial);
      aid.receiver_kind = row.at("receiver_kind");
      aid.receiver_name = row.at("receiver_name");
      aid.quantity_milli = quantity;
      aid.value_fen = value;
      SaveAid(aid);
    }
    // The cadres' own, at spring sowing: two bags of fertiliser, rice or some cash for one or
    // two of their households ("全乡92名干部……共计1万余元", "为各自的帮扶对象捐赠了2袋化肥").
    for (const Cadre& cadre : cadres) {
      if (cadre.kind != "cadre") {
        continue;
      }
      for (std::size_t index = 0; index < std::min<std::size_t>(2, cadre.households.size());
           ++index) {
        core::Aid aid;
        aid.client_uuid = "demo-aid-" + std::to_string(cadre.id) + "-" + std::to_string(index);
        aid.day = core::Date{2012, 3, 20 + static_cast<int>(index)};
        aid.giver_kind = "helper";
        aid.giver_phone = cadre.phone;
        aid.receiver_kind = "household";
        aid.household_no = cadre.households[index].number;
        aid.village_code = cadre.households[index].village;
        aid.drive = "干部春播帮扶";
        const auto kind = random_.Below(3);
        aid.item = kind == 0 ? "化肥" : (kind == 1 ? "大米" : "现金");
        aid.measure = kind == 0 ? "bag" : (kind == 1 ? "bag" : "yuan");
        aid.quantity_milli = kind == 2 ? 200000 : 2000;
        aid.value_fen = kind == 0 ? 16000 : (kind == 1 ? 12000 : 20000);
        SaveAid(aid, &cadre);
      }
    }
  }

 private:
  store::FieldWrite Write(const Cadre& cadre, const std::string& now,
                          std::optional<std::int64_t> base_version = std::nullopt) {
    contexts_.push_back(
        std::make_unique<store::WriteContext>(store::WriteContext{0, now, scope_, "demo"}));
    return store::FieldWrite{*contexts_.back(), cadre.id, base_version};
  }

  void SaveAid(const core::Aid& aid, const Cadre* recorder = nullptr) {
    contexts_.push_back(std::make_unique<store::WriteContext>(
        store::WriteContext{0, aid.day.ToIso() + "T17:00:00+08:00", scope_, "demo"}));
    const store::FieldWrite write{
        *contexts_.back(), recorder ? std::optional<std::int64_t>(recorder->id) : std::nullopt,
        std::nullopt};
    Save(store_.SaveAid(aid, write), "物资");
    ++result.aid;
    result.aid_value_fen += aid.value_fen;
  }

  static std::string Joined(const std::vector<std::string>& parts) {
    std::string joined;
    for (const std::string& part : parts) {
      joined += (joined.empty() ? "" : "；") + part;
    }
    return joined;
  }

  static void Save(const store::RowResult& result, const char* what) {
    if (result.outcome == store::RowOutcome::kRejected) {
      throw std::runtime_error(std::string("演示工作记录有误（") + what + "）：" +
                               result.error->message);
    }
  }

  store::Database& database_;
  store::FieldworkStore store_;
  store::DataScope scope_;
  Random random_;
  std::vector<std::unique_ptr<store::WriteContext>> contexts_;
};

}  // namespace

FieldworkScenarioResult BuildDemoFieldwork(store::Database& database, const store::DataFiles& files,
                                           std::uint64_t seed) {
  if (!database.Query("SELECT 1 FROM stationed_days WHERE client_uuid LIKE 'demo-%' LIMIT 1")
           .empty()) {
    return {};  // built before: running the demo again changes nothing
  }
  const core::DictionarySet dictionaries = store::LoadDictionaries(database);
  const std::vector<Cadre> cadres = CadresWithHouseholds(database);
  store::Transaction transaction(database);
  Builder builder(database, dictionaries, seed);
  std::size_t cadre_number = 0;
  const Cadre* hasty = nullptr;
  for (const Cadre& cadre : cadres) {
    if (cadre.kind != "cadre") {
      builder.Visits(cadre);
      continue;
    }
    // The first cadre copies their diary; the second sees twelve households in a day; the
    // third closes a problem in five minutes.
    builder.Spring(cadre, cadre_number == 0, cadre_number == 1);
    if (cadre_number == 2) {
      hasty = &cadre;
    }
    ++cadre_number;
  }
  if (hasty != nullptr) {
    builder.HastyProblem(*hasty);
  }
  builder.Aid(ReadDemoTable(files, "aid.csv"), cadres, dictionaries);
  transaction.Commit();
  builder.result.built = true;
  return builder.result;
}

}  // namespace shuanglian::demo
