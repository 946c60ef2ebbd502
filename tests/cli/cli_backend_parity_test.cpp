// The demo built on SQLite and on PostgreSQL gives the same automatic pairings and every
// household its contact card on both. Two regressions (fixed), both found on 泉湖镇: the
// township's candidate cadres were read in the query plan's order, which decided the
// solver's ties, so 131 of its households were paired with other cadres on PostgreSQL; and
// `cards` looked the hotline up while the households streamed in, which ended the stream on
// PostgreSQL: 1 card of 5,304, exit 0.
#include <gtest/gtest.h>

#include <algorithm>
#include <map>
#include <memory>
#include <set>
#include <string>
#include <vector>

#include "cli/cli_test_support.h"
#include "store/database.h"
#include "support/process.h"
#include "support/temp_dir.h"
#include "support/test_database.h"

namespace shuanglian::testing {
namespace {

constexpr const char* kQuanhu = "620902108";

// Every active 干部联系户 pairing: 户编号 -> the helper's phone.
std::map<std::string, std::string> CadrePairings(const std::string& target) {
  const std::unique_ptr<store::Database> database = store::OpenDatabase(target);
  std::map<std::string, std::string> pairs;
  for (const store::RowView row : database->Query(
           "SELECT h.household_no, he.phone FROM pairings p JOIN households h ON h.id = "
           "p.household_id JOIN helpers he ON he.id = p.helper_id WHERE p.kind = "
           "'cadre_household' AND p.end_date IS NULL")) {
    pairs.emplace(row.Text(0), row.Text(1));
  }
  return pairs;
}

int Count(const std::string& text, const std::string& part) {
  int found = 0;
  for (auto at = text.find(part); at != std::string::npos; at = text.find(part, at + 1)) {
    ++found;
  }
  return found;
}

TEST(CliBackendParityTest, TheDemoPairsAlikeOnBothBackendsAndEveryHouseholdHasItsCard) {
  SHUANGLIAN_REQUIRE_BACKEND(TestBackend::kPostgres);
  TempDir dir;
  const std::string local = dir.File("demo.db");
  const TestDatabase server(TestBackend::kPostgres);
  for (const std::string& target : {local, server.target()}) {
    const ProcessResult demo =
        RunShuanglian({"demo", "--db", target, "--work-dir",
                       dir.File(target == local ? "work-sqlite" : "work-pg")});
    ASSERT_EQ(demo.exit_code, 0) << demo.Describe();
  }

  const std::map<std::string, std::string> on_sqlite = CadrePairings(local);
  const std::map<std::string, std::string> on_postgres = CadrePairings(server.target());
  ASSERT_GT(on_sqlite.size(), 5304U);
  EXPECT_EQ(on_postgres.size(), on_sqlite.size());
  std::vector<std::string> differ;
  for (const auto& [number, phone] : on_sqlite) {
    const auto found = on_postgres.find(number);
    if (found == on_postgres.end() || found->second != phone) {
      differ.push_back(number + " " + phone + " / " +
                       (found == on_postgres.end() ? "-" : found->second));
    }
  }
  EXPECT_TRUE(differ.empty()) << differ.size() << " households paired otherwise, e.g. "
                              << differ.front();

  for (const std::string& target : {local, server.target()}) {
    const std::string html = dir.File(target == local ? "cards-sqlite.html" : "cards-pg.html");
    const ProcessResult cards =
        RunShuanglian({"cards", "--region", kQuanhu, "-o", html, "--db", target});
    ASSERT_EQ(cards.exit_code, 0) << cards.Describe();
    EXPECT_NE(cards.out.find("连心卡 5304 张"), std::string::npos) << target << ": " << cards.out;
    const std::string text = ReadFileBytes(html);
    EXPECT_EQ(Count(text, "<div class=\"card\">"), 5304) << target;
  }
}

}  // namespace
}  // namespace shuanglian::testing
