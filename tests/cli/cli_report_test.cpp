// `shuanglian report`: the draft progress report of a region from the records, printed as
// Markdown or written as .docx, .html or .pdf; a file already there is never overwritten
// unless asked (a draft is edited by hand), and no half-written file is left; wrong
// arguments get one message and exit 2.

#include <gtest/gtest.h>

#include <filesystem>
#include <set>
#include <string>

#include "cli/cli_test_support.h"
#include "cli/sample_registry.h"
#include "support/process.h"
#include "support/temp_dir.h"

namespace shuanglian::testing {
namespace {

// The names in a directory, the database's own files beside it (-wal, -shm, the imports'
// lock) aside.
std::set<std::string> FilesIn(const std::filesystem::path& directory) {
  std::set<std::string> names;
  for (const auto& entry : std::filesystem::directory_iterator(directory)) {
    const std::string name = entry.path().filename().string();
    if (!name.starts_with("registry.db") || name == "registry.db") {
      names.insert(name);
    }
  }
  return names;
}

class CliReportTest : public ::testing::Test {
 protected:
  void SetUp() override { ImportSampleRegistry(db_, dir_.path().string()); }

  ProcessResult Report(std::vector<std::string> extra) {
    std::vector<std::string> arguments = {"report",  "--region",   kTownship, "--year", "2012",
                                          "--as-of", "2012-05-31", "--db",    db_};
    arguments.insert(arguments.end(), extra.begin(), extra.end());
    return RunShuanglian(arguments);
  }

  TempDir dir_;
  std::string db_ = dir_.File("registry.db");
};

TEST_F(CliReportTest, TheDraftIsPrintedAsMarkdownWithFiguresFromTheRecords) {
  const ProcessResult result = Report({});
  ASSERT_EQ(result.exit_code, 0) << result.Describe();
  EXPECT_EQ(result.out.rfind("# 甘草店镇双联行动进展情况汇报\n", 0), 0u) << result.out;
  EXPECT_NE(result.out.find("（2012年1月1日至2012年5月31日）"), std::string::npos);
  EXPECT_NE(result.out.find("全镇辖3个行政村、"), std::string::npos) << result.out;
  EXPECT_NE(result.out.find("共" + std::to_string(kSampleHouseholds) + "户" +
                            std::to_string(kSamplePersons) + "人"),
            std::string::npos)
      << result.out;
  EXPECT_NE(result.out.find("现有贫困户4户"), std::string::npos) << result.out;
  EXPECT_NE(result.out.find("## 六、需协调解决的困难"), std::string::npos);
  EXPECT_NE(result.out.find("| 三墩营村 | 2 |"), std::string::npos) << result.out;
}

TEST_F(CliReportTest, AWordDocumentIsWrittenWholeAndNeverOverwrittenUnlessAsked) {
  const std::string docx = dir_.File("汇报.docx");
  const ProcessResult written = Report({"-o", docx});
  ASSERT_EQ(written.exit_code, 0) << written.Describe();
  EXPECT_NE(written.out.find("已写入"), std::string::npos);
  const std::string bytes = ReadFileBytes(docx);
  EXPECT_EQ(bytes.substr(0, 2), "PK");
  EXPECT_NE(bytes.find("word/document.xml"), std::string::npos);
  EXPECT_EQ(FilesIn(dir_.path()),
            (std::set<std::string>{"汇报.docx", "households.csv", "persons.csv", "registry.db"}));

  // The clerk has edited the draft: a second run refuses to replace it.
  WriteFileBytes(docx, "edited by hand");
  const ProcessResult refused = Report({"-o", docx});
  EXPECT_EQ(refused.exit_code, 2) << refused.Describe();
  EXPECT_NE(refused.err.find("已存在"), std::string::npos) << refused.err;
  EXPECT_NE(refused.err.find("--overwrite"), std::string::npos) << refused.err;
  EXPECT_EQ(ReadFileBytes(docx), "edited by hand");

  const ProcessResult replaced = Report({"-o", docx, "--overwrite"});
  ASSERT_EQ(replaced.exit_code, 0) << replaced.Describe();
  EXPECT_EQ(ReadFileBytes(docx).substr(0, 2), "PK");
}

TEST_F(CliReportTest, HtmlAndPdfForPrinting) {
  const std::string html = dir_.File("report.html");
  ASSERT_EQ(Report({"-o", html}).exit_code, 0);
  const std::string page = ReadFileBytes(html);
  EXPECT_EQ(page.rfind("<!DOCTYPE html>", 0), 0u);
  EXPECT_NE(page.find("<h1>甘草店镇双联行动进展情况汇报</h1>"), std::string::npos);
  EXPECT_NE(page.find("@page { size: A4;"), std::string::npos);

  const std::string pdf = dir_.File("report.pdf");
  const ProcessResult printed = Report({"-o", pdf});
  ASSERT_EQ(printed.exit_code, 0) << printed.Describe();
  EXPECT_EQ(ReadFileBytes(pdf).substr(0, 4), "%PDF");
  EXPECT_EQ(FilesIn(dir_.path()),
            (std::set<std::string>{"report.html", "report.pdf", "households.csv", "persons.csv",
                                   "registry.db"}));
}

TEST_F(CliReportTest, WrongArgumentsAreRefusedWithOneMessage) {
  const ProcessResult extension = Report({"-o", dir_.File("report.txt")});
  EXPECT_EQ(extension.exit_code, 2) << extension.Describe();
  EXPECT_NE(extension.err.find(".docx"), std::string::npos) << extension.err;
  EXPECT_FALSE(std::filesystem::exists(dir_.File("report.txt")));

  // A directory that is not there: one message, nothing written anywhere.
  const ProcessResult nowhere = Report({"-o", dir_.File("没有的目录/report.docx")});
  EXPECT_EQ(nowhere.exit_code, 2) << nowhere.Describe();
  EXPECT_NE(nowhere.err.find("无法写入"), std::string::npos) << nowhere.err;
  EXPECT_EQ(FilesIn(dir_.path()),
            (std::set<std::string>{"households.csv", "persons.csv", "registry.db"}));

  const ProcessResult region =
      RunShuanglian({"report", "--region", "620123199", "--db", db_, "--as-of", "2012-05-31"});
  EXPECT_EQ(region.exit_code, 2) << region.Describe();
  EXPECT_NE(region.err.find("620123199"), std::string::npos) << region.err;

  const ProcessResult date =
      RunShuanglian({"report", "--region", kTownship, "--db", db_, "--as-of", "2012-13-01"});
  EXPECT_EQ(date.exit_code, 2) << date.Describe();
  EXPECT_NE(date.err.find("YYYY-MM-DD"), std::string::npos) << date.err;

  const ProcessResult before = RunShuanglian(
      {"report", "--region", kTownship, "--db", db_, "--year", "2013", "--as-of", "2012-05-31"});
  EXPECT_EQ(before.exit_code, 2) << before.Describe();
  EXPECT_NE(before.err.find("早于"), std::string::npos) << before.err;
}

}  // namespace
}  // namespace shuanglian::testing
