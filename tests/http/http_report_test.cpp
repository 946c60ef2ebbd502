// GET /api/v1/reports/progress: the draft progress report of a region, for those who see the
// region whole (admin, its office, its leader); as JSON for the page, and as a Word document,
// an HTML page or Markdown to download. Everyone else gets what any region out of their scope
// gets; wrong parameters are named.

#include <gtest/gtest.h>

#include <string>

#include "http/http_fixture.h"

namespace shuanglian::testing {
namespace {

using Mode = ApiSession::Mode;

const std::string kSpring = "&year=2012&as_of=2012-05-31";

std::string ReportPath(const std::string& region, const std::string& extra = "") {
  return "/reports/progress?region=" + region + kSpring + extra;
}

// Every text of the report, in order, for looking a sentence up.
std::string AllText(const boost::json::value& report) {
  std::string text;
  for (const auto& section : report.at("sections").as_array()) {
    text += Text(section, "title") + "\n";
    for (const auto& block : section.at("blocks").as_array()) {
      if (block.as_object().contains("text")) {
        text += Text(block, "kind") + ": " + Text(block, "text") + "\n";
      }
    }
  }
  return text;
}

class HttpReportTest : public HttpSuite {};

TEST_F(HttpReportTest, TheOfficeReadsItsTownshipsReportComputedFromTheRecords) {
  const HttpResponse response = As(kGancaodianOffice).Get(ReportPath(kGancaodian));
  ASSERT_EQ(response.status, 200) << response.Describe();
  const boost::json::value report = JsonOf(response);
  EXPECT_EQ(Text(report, "title"), "甘草店镇双联行动进展情况汇报");
  EXPECT_EQ(Text(report.at("region"), "code"), kGancaodian);
  EXPECT_EQ(Int(report, "year"), 2012);
  EXPECT_EQ(Text(report, "as_of"), "2012-05-31");
  ASSERT_EQ(report.at("sections").as_array().size(), 7u);
  const std::string text = AllText(report);
  // The demo's own figures (README): 4200 households, 18600 people, 2331 poor households of
  // 8426 people where the township declared 2323 and 8443.
  EXPECT_NE(text.find("paragraph: 全镇辖13个行政村、84个村民小组，共4200户18600人"),
            std::string::npos)
      << text;
  EXPECT_NE(text.find("现有贫困户2331户8426人"), std::string::npos) << text;
  EXPECT_NE(text.find("warning: 甘草店镇贫困户数：填报2323户，按记录计算为2331户"),
            std::string::npos)
      << text;
  EXPECT_NE(text.find("to_fill: "), std::string::npos) << text;
  // Tables come whole: a header, rows of strings, the numeric columns marked.
  bool table_seen = false;
  for (const auto& section : report.at("sections").as_array()) {
    for (const auto& block : section.at("blocks").as_array()) {
      if (Text(block, "kind") == "table") {
        table_seen = true;
        const auto& table = block.at("table").as_object();
        EXPECT_EQ(table.at("header").as_array().size(), table.at("numeric").as_array().size());
        EXPECT_FALSE(table.at("rows").as_array().empty());
      }
    }
  }
  EXPECT_TRUE(table_seen);

  // The county's leader sees the township whole too; the administrator any region.
  EXPECT_EQ(As(kAdmin).Get(ReportPath(kQuanhu)).status, 200);
  EXPECT_EQ(As(kQuanhuLeader).Get(ReportPath(kQuanhu)).status, 200);
}

TEST_F(HttpReportTest, DownloadsAsWordHtmlAndMarkdown) {
  const HttpResponse docx = As(kGancaodianOffice).Get(ReportPath(kGancaodian, "&format=docx"));
  ASSERT_EQ(docx.status, 200) << docx.Describe();
  EXPECT_EQ(docx.Header("Content-Type"),
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document");
  EXPECT_NE(docx.Header("Content-Disposition").find(".docx"), std::string::npos);
  EXPECT_NE(docx.Header("Content-Disposition").find("filename*=UTF-8''"), std::string::npos);
  EXPECT_EQ(docx.body.substr(0, 2), "PK");
  EXPECT_NE(docx.body.find("word/document.xml"), std::string::npos);

  const HttpResponse html = As(kGancaodianOffice).Get(ReportPath(kGancaodian, "&format=html"));
  ASSERT_EQ(html.status, 200) << html.Describe();
  EXPECT_EQ(html.Header("Content-Type").rfind("text/html", 0), 0u);
  const HttpResponse markdown = As(kGancaodianOffice).Get(ReportPath(kGancaodian, "&format=md"));
  ASSERT_EQ(markdown.status, 200) << markdown.Describe();
  EXPECT_EQ(markdown.Header("Content-Type").rfind("text/markdown", 0), 0u);
}

TEST_F(HttpReportTest, NobodyHasTheReportOfARegionTheyDoNotSeeWhole) {
  // Another township's office: as for a region that does not exist.
  EXPECT_TRUE(IsError(As(kQuanhuOffice).Get(ReportPath(kGancaodian)), 404, "not_found"));
  EXPECT_TRUE(IsError(As(kGancaodianOffice).Get(ReportPath("620123199")), 404, "not_found"));
  // A unit's administrator and a cadre see their own part of a region, never a whole one:
  // no reports at all. Nobody signed in, nothing.
  EXPECT_TRUE(IsError(As(kUnitAdmin).Get(ReportPath(kQuanhu)), 403));
  EXPECT_TRUE(IsError(As(kCadre).Get(ReportPath(kGancaodian)), 403));
  EXPECT_TRUE(IsError(Anonymous().Get(ReportPath(kGancaodian)), 401));
}

TEST_F(HttpReportTest, WrongParametersAreNamed) {
  const ApiSession& office = As(kGancaodianOffice);
  const HttpResponse missing = office.Get("/reports/progress?year=2012");
  EXPECT_TRUE(IsError(missing, 400, "required"));
  EXPECT_EQ(DetailFields(missing), (std::set<std::string>{"region"}));
  const HttpResponse format = office.Get(ReportPath(kGancaodian, "&format=pdf"));
  EXPECT_TRUE(IsError(format, 400, "bad_parameter"));
  EXPECT_EQ(DetailFields(format), (std::set<std::string>{"format"}));
  const HttpResponse date =
      office.Get("/reports/progress?region=" + std::string(kGancaodian) + "&as_of=2012-02-30");
  EXPECT_TRUE(IsError(date, 400, "bad_parameter"));
  EXPECT_EQ(DetailFields(date), (std::set<std::string>{"as_of"}));
  const HttpResponse year = office.Get("/reports/progress?region=" + std::string(kGancaodian) +
                                       "&year=1999&as_of=2012-05-31");
  EXPECT_TRUE(IsError(year, 400, "bad_parameter"));
  EXPECT_EQ(DetailFields(year), (std::set<std::string>{"year"}));
  const HttpResponse before = office.Get("/reports/progress?region=" + std::string(kGancaodian) +
                                         "&year=2013&as_of=2012-05-31");
  EXPECT_TRUE(IsError(before, 400, "bad_parameter"));
  EXPECT_EQ(DetailFields(before), (std::set<std::string>{"as_of"}));
  // A villager group (一组 of 三墩营村) is reported with its village.
  const HttpResponse group = office.Get(ReportPath(std::string(kGancaodianVillage) + "001"));
  EXPECT_TRUE(IsError(group, 400, "bad_parameter"));
  EXPECT_EQ(DetailFields(group), (std::set<std::string>{"region"}));
}

}  // namespace
}  // namespace shuanglian::testing
