// The field-work commands of the real binary (issue 7): `progress --json` on the demo
// against counts the test makes from the records itself, `progress --behind`, `progress
// targets show|set`, `progress rebuild`, `check integrity`, and the import of a past ledger
// whose bad rows are reported by row, column and reason while nothing of them is stored.
//
// The demo database is built once per test program (SetUpTestSuite); under ctest every test
// is a program of its own. The tests that change it work on a copy.

#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <map>
#include <memory>
#include <ostream>
#include <set>
#include <string>
#include <vector>

#include "cli/cli_test_support.h"
#include "store/database.h"
#include "support/process.h"
#include "support/temp_dir.h"

namespace shuanglian::testing {
namespace {

constexpr const char* kGancaodian = "620123105";

struct Counts {
  std::int64_t stationed_days = 0;
  std::int64_t households_visited = 0;
  std::int64_t diary_days = 0;
  std::int64_t problems_solved = 0;
  std::int64_t suggestions = 0;
  bool operator==(const Counts&) const = default;
};

std::ostream& operator<<(std::ostream& out, const Counts& counts) {
  return out << "{" << counts.stationed_days << ", " << counts.households_visited << ", "
             << counts.diary_days << ", " << counts.problems_solved << ", " << counts.suggestions
             << "}";
}

Counts CountsOf(const boost::json::value& json) {
  return Counts{IntAt(json, "stationed_days"), IntAt(json, "households_visited"),
                IntAt(json, "diary_days"), IntAt(json, "problems_solved"),
                IntAt(json, "suggestions")};
}

// A cadre's counts for a year, read by the test from the records themselves.
Counts CountedFromRecords(store::Database& database, std::int64_t helper, int year) {
  const std::string from = std::to_string(year) + "-01-01";
  const std::string to = std::to_string(year) + "-12-31";
  const auto one = [&](const std::string& sql) {
    return database.Query(sql, {helper, from, to})[0].Int(0);
  };
  return Counts{
      one("SELECT count(*) FROM stationed_days WHERE helper_id = $1 AND day >= $2 AND day <= $3"),
      one("SELECT count(DISTINCT x.household_id) FROM visits v JOIN visit_helpers vh ON "
          "vh.visit_id = v.id JOIN visit_households x ON x.visit_id = v.id WHERE vh.helper_id = "
          "$1 AND v.day >= $2 AND v.day <= $3"),
      one("SELECT count(*) FROM diary_entries WHERE helper_id = $1 AND day >= $2 AND day <= $3"),
      one("SELECT count(*) FROM problems WHERE helper_id = $1 AND status = 'solved' AND result "
          "<> '' AND substr(solved_at, 1, 10) >= $2 AND substr(solved_at, 1, 10) <= $3"),
      one("SELECT count(*) FROM suggestions WHERE helper_id = $1 AND day >= $2 AND day <= $3")};
}

void CopyDatabase(const std::string& from, const std::string& to) {
  std::filesystem::copy_file(from, to);
  for (const char* suffix : {"-wal", "-shm"}) {
    if (std::filesystem::exists(from + suffix)) {
      std::filesystem::copy_file(from + suffix, to + suffix);
    }
  }
}

boost::json::value JsonRun(const std::vector<std::string>& arguments) {
  const ProcessResult result = RunShuanglian(arguments);
  if (result.exit_code != 0) {
    ADD_FAILURE() << "shuanglian exited " << result.exit_code << ": " << result.Describe();
    return nullptr;
  }
  return ParseJsonOutput(result);
}

class CliFieldworkTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = std::make_unique<TempDir>();
    db_ = dir_->File("demo.db");
    build_ = std::make_unique<ProcessResult>(
        RunShuanglian({"demo", "--db", db_, "--work-dir", dir_->File("work")}));
  }
  static void TearDownTestSuite() {
    build_.reset();
    dir_.reset();
  }
  void SetUp() override { ASSERT_EQ(build_->exit_code, 0) << build_->Describe(); }

  // A copy of the demo for a test that changes it.
  std::string Copy() {
    const std::string copy = own_.File("copy.db");
    CopyDatabase(db_, copy);
    return copy;
  }

  boost::json::value Progress(const std::string& db, const std::string& region, int year,
                              const std::string& as_of, bool behind = false) {
    std::vector<std::string> arguments = {
        "progress", "--db", db, "--region", region, "--year", std::to_string(year), "--json"};
    if (!as_of.empty()) {
      arguments.insert(arguments.end(), {"--as-of", as_of});
    }
    if (behind) {
      arguments.push_back("--behind");
    }
    return JsonRun(arguments);
  }

  static std::unique_ptr<TempDir> dir_;
  static std::string db_;
  static std::unique_ptr<ProcessResult> build_;
  TempDir own_;
};

std::unique_ptr<TempDir> CliFieldworkTest::dir_;
std::string CliFieldworkTest::db_;
std::unique_ptr<ProcessResult> CliFieldworkTest::build_;

TEST_F(CliFieldworkTest, ProgressJsonOfTheDemoHoldsEachCadresFiveCountsAndPace) {
  // The end of the demo's spring: day 152 of the leap year 2012, 41 of each 100 due.
  const boost::json::value report = Progress(db_, kGancaodian, 2012, "2012-05-31");
  ASSERT_TRUE(report.is_object());
  const boost::json::value& expected = report.at("expected_by_today");
  EXPECT_EQ(CountsOf(expected), (Counts{41, 41, 41, 41, 41}));
  EXPECT_EQ(CountsOf(report.at("targets")), (Counts{100, 100, 100, 100, 100}));
  const boost::json::array& cadres = report.at("cadres").as_array();
  ASSERT_FALSE(cadres.empty());
  EXPECT_EQ(IntAt(report, "cadres_total"), static_cast<std::int64_t>(cadres.size()));
  EXPECT_EQ(IntAt(report.at("totals"), "cadres"), static_cast<std::int64_t>(cadres.size()));
  auto database = store::OpenDatabase(db_);
  Counts totals;
  std::set<std::int64_t> behind;
  std::int64_t working = 0;
  for (const boost::json::value& cadre : cadres) {
    for (const char* key : {"stationed_days", "households_visited", "diary_days", "problems_solved",
                            "suggestions", "behind_pace"}) {
      ASSERT_TRUE(cadre.as_object().contains(key)) << key;
    }
    ASSERT_TRUE(cadre.at("behind_pace").is_bool());
    const std::int64_t helper = IntAt(cadre, "helper_id");
    const Counts counts = CountsOf(cadre);
    EXPECT_EQ(counts, CountedFromRecords(*database, helper, 2012)) << TextAt(cadre, "name");
    // Behind: under the 41 due in any of the five.
    const bool under = counts.stationed_days < 41 || counts.households_visited < 41 ||
                       counts.diary_days < 41 || counts.problems_solved < 41 ||
                       counts.suggestions < 41;
    EXPECT_EQ(cadre.at("behind_pace").as_bool(), under) << TextAt(cadre, "name");
    if (under) {
      behind.insert(helper);
    }
    working += counts.stationed_days > 0 ? 1 : 0;
    totals.stationed_days += counts.stationed_days;
    totals.households_visited += counts.households_visited;
    totals.diary_days += counts.diary_days;
    totals.problems_solved += counts.problems_solved;
    totals.suggestions += counts.suggestions;
  }
  EXPECT_GT(working, 0) << "the demo's cadres worked in the spring";
  EXPECT_EQ(CountsOf(report.at("totals")), totals);
  EXPECT_EQ(IntAt(report.at("totals"), "behind_pace"), static_cast<std::int64_t>(behind.size()));

  // Early in the spring (2012-03-10: 69 days gone by, 100 × 69 / 366 = 18.9, so 18 due):
  // --behind lists exactly those behind.
  const boost::json::value early = Progress(db_, kGancaodian, 2012, "2012-03-10", true);
  ASSERT_TRUE(early.is_object());
  EXPECT_EQ(IntAt(early.at("expected_by_today"), "stationed_days"), 18);
  for (const boost::json::value& cadre : early.at("cadres").as_array()) {
    EXPECT_TRUE(cadre.at("behind_pace").as_bool());
  }
  EXPECT_EQ(IntAt(early, "cadres_total"), IntAt(early.at("totals"), "behind_pace"));
  // Before 2012 began nothing was due and nobody is behind.
  const boost::json::value before = Progress(db_, kGancaodian, 2012, "2011-12-31");
  ASSERT_TRUE(before.is_object());
  EXPECT_EQ(CountsOf(before.at("expected_by_today")), (Counts{}));
  EXPECT_EQ(IntAt(before.at("totals"), "behind_pace"), 0);
  // A region that does not exist: the usage error, exit 2.
  EXPECT_EQ(RunShuanglian({"progress", "--db", db_, "--region", "620123199", "--json"}).exit_code,
            2);
  EXPECT_EQ(RunShuanglian({"progress", "--db", db_, "--region", kGancaodian, "--as-of", "tomorrow"})
                .exit_code,
            2);
}

TEST_F(CliFieldworkTest, TheCountersEqualAProgressRebuild) {
  const std::string db = Copy();
  const boost::json::value before = Progress(db, "62", 2012, "2012-05-31");
  ASSERT_TRUE(before.is_object());
  const ProcessResult rebuilt = RunShuanglian({"progress", "rebuild", "--db", db});
  ASSERT_EQ(rebuilt.exit_code, 0) << rebuilt.Describe();
  const boost::json::value after = Progress(db, "62", 2012, "2012-05-31");
  EXPECT_EQ(boost::json::serialize(after), boost::json::serialize(before));
  // Counters spoiled by hand are put right by the rebuild.
  {
    auto database = store::OpenDatabase(db);
    database->Execute("UPDATE progress_counters SET stationed_days = stationed_days + 7");
  }
  EXPECT_NE(boost::json::serialize(Progress(db, "62", 2012, "2012-05-31")),
            boost::json::serialize(before));
  ASSERT_EQ(RunShuanglian({"progress", "rebuild", "--db", db}).exit_code, 0);
  EXPECT_EQ(boost::json::serialize(Progress(db, "62", 2012, "2012-05-31")),
            boost::json::serialize(before));
}

TEST_F(CliFieldworkTest, TargetsAreSetPerRegionAndInheritedBelow) {
  const std::string db = Copy();
  const boost::json::value defaults =
      JsonRun({"progress", "targets", "show", "--db", db, "--region", kGancaodian});
  EXPECT_EQ(CountsOf(defaults), (Counts{100, 100, 100, 100, 100}));
  EXPECT_TRUE(defaults.at("set_at").is_null());
  EXPECT_EQ(IntAt(defaults, "max_visits_per_day"), 8);

  const boost::json::value set = JsonRun(
      {"progress", "targets", "set", "--db", db, "--region", kGancaodian, "--targets",
       "stationed_days=30,households_visited=12,suggestions=6", "--max-visits-per-day", "12"});
  EXPECT_EQ(CountsOf(set), (Counts{30, 12, 100, 100, 6}));
  EXPECT_EQ(TextAt(set, "set_at"), kGancaodian);
  EXPECT_EQ(IntAt(set, "max_visits_per_day"), 12);
  // A village of the township inherits them; the county keeps the defaults.
  const boost::json::value village =
      JsonRun({"progress", "targets", "show", "--db", db, "--region", "620123105201"});
  EXPECT_EQ(CountsOf(village), (Counts{30, 12, 100, 100, 6}));
  EXPECT_EQ(TextAt(village, "set_at"), kGancaodian);
  EXPECT_EQ(CountsOf(JsonRun({"progress", "targets", "show", "--db", db, "--region", "620123"})),
            (Counts{100, 100, 100, 100, 100}));
  // The progress is paced by them: 30 × 152 / 366 = 12.
  const boost::json::value report = Progress(db, kGancaodian, 2012, "2012-05-31");
  ASSERT_TRUE(report.is_object());
  EXPECT_EQ(CountsOf(report.at("expected_by_today")), (Counts{12, 4, 41, 41, 2}));
  EXPECT_EQ(CountsOf(report.at("targets")), (Counts{30, 12, 100, 100, 6}));

  // Refused, and nothing changed.
  for (const std::vector<std::string>& bad :
       {std::vector<std::string>{"--targets", "stationed_days=400"},
        std::vector<std::string>{"--targets", "bogus=1"},
        std::vector<std::string>{"--targets", "stationed_days"},
        std::vector<std::string>{"--targets", "stationed_days=-3"},
        std::vector<std::string>{"--max-visits-per-day", "0"}}) {
    std::vector<std::string> arguments = {"progress", "targets",  "set",      "--db",
                                          db,         "--region", kGancaodian};
    arguments.insert(arguments.end(), bad.begin(), bad.end());
    const ProcessResult refused = RunShuanglian(arguments);
    EXPECT_NE(refused.exit_code, 0) << bad.back() << ": " << refused.Describe();
    EXPECT_NE(refused.exit_code, 1) << bad.back() << ": " << refused.Describe();
  }
  EXPECT_EQ(CountsOf(JsonRun({"progress", "targets", "show", "--db", db, "--region", kGancaodian})),
            (Counts{30, 12, 100, 100, 6}));
  EXPECT_NE(
      RunShuanglian({"progress", "targets", "show", "--db", db, "--region", "629999"}).exit_code,
      0);
}

TEST_F(CliFieldworkTest, CheckIntegrityFindsTheDemosFormalismAndFollowsTheConfiguredLimit) {
  const std::string db = Copy();
  const boost::json::value report =
      JsonRun({"check", "integrity", "--db", db, "--region", "62", "--year", "2012", "--json"});
  ASSERT_TRUE(report.is_object());
  const boost::json::value& counts = report.at("counts");
  std::set<std::string> checks;
  for (const auto& member : counts.as_object()) {
    checks.emplace(member.key());
  }
  EXPECT_EQ(checks, (std::set<std::string>{"diary_copied", "too_many_visits",
                                           "visit_without_stationed_day", "problem_closed_quickly",
                                           "problem_without_result", "photo_reused"}));
  // The demo's three formalists: a copied diary, a day of twelve visits, a problem closed in
  // five minutes with "已解决" as its result.
  EXPECT_GE(IntAt(counts, "diary_copied"), 1);
  EXPECT_GE(IntAt(counts, "problem_closed_quickly"), 1);
  EXPECT_GE(IntAt(counts, "problem_without_result"), 1);
  // Too many households in a day, as the test counts them from the records.
  auto database = store::OpenDatabase(db);
  const auto days_over = [&](std::int64_t limit) {
    return database
        ->Query(
            "SELECT count(*) FROM (SELECT vh.helper_id, v.day FROM visits v JOIN "
            "visit_helpers vh ON vh.visit_id = v.id JOIN visit_households x ON x.visit_id = "
            "v.id WHERE v.day >= '2012-01-01' AND v.day <= '2012-12-31' GROUP BY vh.helper_id, "
            "v.day HAVING count(DISTINCT x.household_id) > $1) t",
            {limit})[0]
        .Int(0);
  };
  ASSERT_GE(days_over(8), 1);
  EXPECT_EQ(IntAt(counts, "too_many_visits"), days_over(8));
  for (const boost::json::value& finding : report.at("findings").as_array()) {
    EXPECT_FALSE(TextAt(finding, "message").empty());
    EXPECT_TRUE(finding.at("records").is_array());
  }
  // The limit is the region's: raised above that day's count, the question goes away.
  std::int64_t most = 0;
  for (const store::RowView row : database->Query(
           "SELECT count(DISTINCT x.household_id) FROM visits v JOIN visit_helpers vh "
           "ON vh.visit_id = v.id JOIN visit_households x ON x.visit_id = v.id GROUP BY "
           "vh.helper_id, v.day")) {
    most = std::max(most, row.Int(0));
  }
  database.reset();
  ASSERT_EQ(RunShuanglian({"progress", "targets", "set", "--db", db, "--region", "62",
                           "--max-visits-per-day", std::to_string(most)})
                .exit_code,
            0);
  const boost::json::value relaxed =
      JsonRun({"check", "integrity", "--db", db, "--region", "62", "--year", "2012", "--json"});
  ASSERT_TRUE(relaxed.is_object());
  EXPECT_EQ(IntAt(relaxed.at("counts"), "too_many_visits"), 0);
  // Another year asks nothing; the text report says it blocks nothing.
  const boost::json::value quiet =
      JsonRun({"check", "integrity", "--db", db, "--region", "62", "--year", "2013", "--json"});
  ASSERT_TRUE(quiet.is_object());
  EXPECT_TRUE(quiet.at("findings").as_array().empty());
  const ProcessResult text =
      RunShuanglian({"check", "integrity", "--db", db, "--region", kGancaodian, "--year", "2012"});
  EXPECT_EQ(text.exit_code, 0) << text.Describe();
  EXPECT_NE(text.out.find("不拦截"), std::string::npos) << text.out;
}

// A cadre of the demo with a household: their phone, the household, its village.
struct LedgerCadre {
  std::int64_t helper_id = 0;
  std::string phone;
  std::string household;
  std::string village;
};

LedgerCadre FindCadre(const std::string& db) {
  auto database = store::OpenDatabase(db);
  const auto rows = database->Query(
      "SELECT he.id, he.phone, h.household_no, h.village_code FROM pairings p JOIN helpers he ON "
      "he.id = p.helper_id JOIN households h ON h.id = p.household_id WHERE p.end_date IS NULL "
      "AND p.kind = 'cadre_household' AND h.village_code BETWEEN 620123105000 AND 620123105999 "
      "ORDER BY he.id, h.household_no LIMIT 1");
  if (rows.empty()) {
    ADD_FAILURE() << "no cadre with households in 甘草店镇";
    return {};
  }
  return LedgerCadre{rows[0].Int(0), rows[0].Text(1), rows[0].Text(2), rows[0].Text(3)};
}

std::int64_t Count(const std::string& db, const std::string& sql, std::int64_t helper) {
  auto database = store::OpenDatabase(db);
  return database->Query(sql, {helper})[0].Int(0);
}

std::int64_t Count(const std::string& db, const std::string& sql) {
  auto database = store::OpenDatabase(db);
  return database->Query(sql)[0].Int(0);
}

TEST_F(CliFieldworkTest, APastLedgerIsImportedRowByRowAndItsBadRowsAreReportedAndNotStored) {
  const std::string db = Copy();
  const LedgerCadre cadre = FindCadre(db);
  ASSERT_FALSE(cadre.phone.empty());
  const std::string file = own_.File("stationed-2011.csv");
  WriteFileBytes(file,
                 CsvText({
                     {"干部电话", "驻村日期", "村代码", "地点"},
                     {cadre.phone, "2011-03-01", cadre.village, "村委会"},  // row 2
                     {cadre.phone, "2011-03-02", cadre.village, ""},        // row 3
                     {cadre.phone, "2011-02-30", cadre.village, "二社"},    // row 4: no such day
                     {"13000000000", "2011-03-03", cadre.village, ""},      // row 5: nobody's phone
                     {cadre.phone, "2011-03-01", cadre.village, "二社"},    // row 6: the day again
                     {cadre.phone, "2011-03-04", "6201231052", ""},         // row 7: not a village
                 }));
  const std::string in_2011 =
      "SELECT count(*) FROM stationed_days WHERE helper_id = $1 AND day LIKE '2011-%'";
  const ProcessResult first =
      RunShuanglian({"import", "stationed-days", file, "--db", db, "--json"});
  EXPECT_EQ(first.exit_code, 3) << first.Describe();
  const boost::json::value summary = ParseJsonOutput(first);
  ASSERT_TRUE(summary.is_object());
  EXPECT_EQ(IntAt(summary, "rows"), 6);
  EXPECT_EQ(IntAt(summary, "imported"), 2);
  EXPECT_EQ(IntAt(summary, "rejected"), 4);
  const auto errors = ErrorsOf(summary);
  EXPECT_NE(FindError(errors, 4, "驻村日期", "bad_date"), nullptr) << DescribeErrors(errors);
  EXPECT_NE(FindError(errors, 5, "干部电话", "unknown_helper"), nullptr) << DescribeErrors(errors);
  EXPECT_TRUE(FindError(errors, 6, "驻村日期", "duplicate_day") != nullptr ||
              FindError(errors, 6, "日期", "duplicate_day") != nullptr)
      << DescribeErrors(errors);
  EXPECT_NE(FindError(errors, 7, "村代码", "bad_village_code"), nullptr) << DescribeErrors(errors);
  for (const ReportedError& error : errors) {
    EXPECT_FALSE(error.message.empty());
    EXPECT_TRUE(error.row >= 4 && error.row <= 7) << DescribeErrors(errors);
  }
  // The two good rows, and nothing of the bad ones.
  EXPECT_EQ(Count(db, in_2011, cadre.helper_id), 2);
  EXPECT_EQ(Count(db,
                  "SELECT count(*) FROM stationed_days WHERE helper_id = $1 AND day = '2011-03-01' "
                  "AND location = '村委会'",
                  cadre.helper_id),
            1);
  EXPECT_EQ(
      Count(db, "SELECT count(*) FROM stationed_days WHERE day IN ('2011-03-03', '2011-03-04')"),
      0);

  // The same ledger again: stored once.
  const ProcessResult again =
      RunShuanglian({"import", "stationed-days", file, "--db", db, "--json"});
  const boost::json::value second = ParseJsonOutput(again);
  ASSERT_TRUE(second.is_object());
  EXPECT_EQ(IntAt(second, "imported"), 0);
  EXPECT_EQ(IntAt(second, "unchanged"), 2);
  EXPECT_EQ(IntAt(second, "rejected"), 4);
  EXPECT_EQ(Count(db, in_2011, cadre.helper_id), 2);

  // --strict: one bad row and nothing of the file is stored.
  const std::string strict_file = own_.File("stationed-2011-04.csv");
  WriteFileBytes(strict_file, CsvText({
                                  {"干部电话", "驻村日期", "村代码"},
                                  {cadre.phone, "2011-04-01", cadre.village},
                                  {cadre.phone, "2011-04-02", cadre.village},
                                  {cadre.phone, "2011-04-31", cadre.village},
                              }));
  const ProcessResult strict =
      RunShuanglian({"import", "stationed-days", strict_file, "--db", db, "--json", "--strict"});
  EXPECT_EQ(strict.exit_code, 3) << strict.Describe();
  EXPECT_NE(FindError(ErrorsOf(ParseJsonOutput(strict)), 4, "驻村日期", "bad_date"), nullptr);
  EXPECT_EQ(
      Count(db, "SELECT count(*) FROM stationed_days WHERE helper_id = $1 AND day LIKE '2011-04-%'",
            cadre.helper_id),
      0);

  // A problems ledger: a solved problem with its result counts for 2011; one without is refused.
  const std::string problems = own_.File("problems-2011.csv");
  WriteFileBytes(problems, CsvText({
                               {"责任干部电话", "户编号", "村代码", "问题类别", "问题描述",
                                "反映日期", "办理状态", "办理结果"},
                               {cadre.phone, cadre.household, cadre.village, "生产发展",
                                "春播缺化肥", "2011-05-01", "已解决", "协调供销社赊购化肥4袋"},
                               {cadre.phone, cadre.household, cadre.village, "饮水难", "吃水困难",
                                "2011-05-02", "已解决", ""},
                           }));
  const ProcessResult imported =
      RunShuanglian({"import", "problems", problems, "--db", db, "--json"});
  EXPECT_EQ(imported.exit_code, 3) << imported.Describe();
  const boost::json::value problem_summary = ParseJsonOutput(imported);
  EXPECT_EQ(IntAt(problem_summary, "imported"), 1);
  EXPECT_NE(FindError(ErrorsOf(problem_summary), 3, "办理结果", "result_required"), nullptr)
      << DescribeErrors(ErrorsOf(problem_summary));

  // The progress of 2011 shows what the ledgers brought, and a rebuild agrees.
  const auto cadre_2011 = [&]() -> Counts {
    const boost::json::value report = Progress(db, "62", 2011, "2011-12-31");
    if (!report.is_object()) {
      return {};
    }
    for (const boost::json::value& entry : report.at("cadres").as_array()) {
      if (IntAt(entry, "helper_id") == cadre.helper_id) {
        return CountsOf(entry);
      }
    }
    ADD_FAILURE() << "cadre " << cadre.helper_id << " not in the 2011 report";
    return {};
  };
  EXPECT_EQ(cadre_2011(), (Counts{2, 0, 0, 1, 0}));
  ASSERT_EQ(RunShuanglian({"progress", "rebuild", "--db", db}).exit_code, 0);
  EXPECT_EQ(cadre_2011(), (Counts{2, 0, 0, 1, 0}));
}

TEST_F(CliFieldworkTest, ADiaryLedgerKeepsOnePagePerDayAndReportsTheSecond) {
  const std::string db = Copy();
  const LedgerCadre cadre = FindCadre(db);
  const std::string file = own_.File("diary-2011.csv");
  WriteFileBytes(file, CsvText({
                           {"干部电话", "日期", "村代码", "日记内容"},
                           {cadre.phone, "2011-06-01", cadre.village, "今天到村里看了春播。"},
                           {cadre.phone, "2011-06-01", cadre.village, "同一天的第二篇。"},
                           {cadre.phone, "2011-06-02", cadre.village, ""},
                           {cadre.phone, "2011-06-03", cadre.village, "走访两户，缺化肥。"},
                       }));
  const ProcessResult result = RunShuanglian({"import", "diary", file, "--db", db, "--json"});
  EXPECT_EQ(result.exit_code, 3) << result.Describe();
  const boost::json::value summary = ParseJsonOutput(result);
  ASSERT_TRUE(summary.is_object());
  EXPECT_EQ(IntAt(summary, "imported"), 2);
  EXPECT_EQ(IntAt(summary, "rejected"), 2);
  const auto errors = ErrorsOf(summary);
  EXPECT_NE(FindError(errors, 3, "日期", "duplicate_day"), nullptr) << DescribeErrors(errors);
  EXPECT_NE(FindError(errors, 4, "日记内容", "required"), nullptr) << DescribeErrors(errors);
  EXPECT_EQ(
      Count(db, "SELECT count(*) FROM diary_entries WHERE helper_id = $1 AND day LIKE '2011-06-%'",
            cadre.helper_id),
      2);
  EXPECT_EQ(Count(db,
                  "SELECT count(*) FROM diary_entries WHERE helper_id = $1 AND day = '2011-06-01' "
                  "AND text = '今天到村里看了春播。'",
                  cadre.helper_id),
            1);
}

}  // namespace
}  // namespace shuanglian::testing
