// The report's writers: what a user typed (a village's note, a unit's name) reaches Markdown,
// HTML and a Word document as text, never as markup; the .docx is a package Word opens: a
// zip holding the content types, the package relationship and a well-formed document part.

#include "report/document.h"

#include <expat.h>
#include <gtest/gtest.h>

#include <fstream>
#include <string>

#include "ingest/xlsx_zip.h"
#include "report/markup.h"
#include "support/temp_dir.h"

namespace shuanglian::testing {
namespace {

report::Document Sample() {
  report::Document document;
  document.title = "甘草店镇双联行动进展情况汇报";
  document.subtitle = "（2012年1月1日至2012年5月31日）";
  document.note = "数字均由记录计算";
  report::Section section;
  section.title = "一、基本情况";
  section.blocks.push_back({report::Block::Kind::kParagraph, "东邻<定西市> & \"高崖镇\"", {}});
  section.blocks.push_back({report::Block::Kind::kWarning, "户数：填报2323户", {}});
  section.blocks.push_back({report::Block::Kind::kToFill, "下一步工作打算", {}});
  report::Table table;
  table.caption = "各村基本情况";
  table.header = {"区划", "户数"};
  table.numeric = {false, true};
  table.rows = {{"三墩营|村", "324"}, {"西村\x01", "323"}};
  section.blocks.push_back({report::Block::Kind::kTable, "", table});
  document.sections.push_back(section);
  return document;
}

std::string ReadEntry(const std::string& path, const std::string& name) {
  auto archive = ingest::xlsx::OpenArchive(path);
  auto entry = ingest::xlsx::ZipEntryReader::Open(archive.get(), name);
  if (!entry) {
    return {};
  }
  std::string text;
  char buffer[4096];
  while (const std::size_t read = entry->Read(buffer, sizeof buffer)) {
    text.append(buffer, read);
  }
  return text;
}

bool WellFormed(const std::string& xml) {
  XML_Parser parser = XML_ParserCreate("UTF-8");
  const bool ok =
      XML_Parse(parser, xml.data(), static_cast<int>(xml.size()), XML_TRUE) == XML_STATUS_OK;
  XML_ParserFree(parser);
  return ok;
}

TEST(ReportDocumentTest, MarkupInTheTextIsEscapedAndControlCharactersDropped) {
  EXPECT_EQ(report::EscapeMarkup("a<b>&\"c\"\x01\td"), "a&lt;b&gt;&amp;&quot;c&quot;\td");
  const std::string html = report::ToHtml(Sample());
  EXPECT_NE(html.find("东邻&lt;定西市&gt; &amp; &quot;高崖镇&quot;"), std::string::npos) << html;
  EXPECT_EQ(html.find("<定西市>"), std::string::npos);
  EXPECT_NE(html.find("<p class=\"warning\">⚠ 户数：填报2323户</p>"), std::string::npos);
  EXPECT_NE(html.find("<p class=\"fill\">（待填写）下一步工作打算</p>"), std::string::npos);
  EXPECT_NE(html.find("<td class=\"n\">324</td>"), std::string::npos);

  const std::string markdown = report::ToMarkdown(Sample());
  EXPECT_NE(markdown.find("# 甘草店镇双联行动进展情况汇报\n"), std::string::npos);
  EXPECT_NE(markdown.find("| 三墩营\\|村 | 324 |"), std::string::npos) << markdown;
  EXPECT_NE(markdown.find("| --- | ---: |"), std::string::npos) << markdown;
  EXPECT_NE(markdown.find("> ⚠ 户数：填报2323户"), std::string::npos);
  EXPECT_NE(markdown.find("**（待填写）** 下一步工作打算"), std::string::npos);
}

TEST(ReportDocumentTest, TheWordDocumentIsAPackageWordOpens) {
  const std::string bytes = report::ToDocx(Sample());
  ASSERT_GT(bytes.size(), 4u);
  EXPECT_EQ(bytes.substr(0, 2), "PK");
  TempDir dir;
  const std::string path = dir.File("report.docx");
  {
    std::ofstream out(path, std::ios::binary);
    out << bytes;
  }
  const std::string types = ReadEntry(path, "[Content_Types].xml");
  EXPECT_NE(types.find("wordprocessingml.document.main+xml"), std::string::npos) << types;
  const std::string relationships = ReadEntry(path, "_rels/.rels");
  EXPECT_NE(relationships.find("Target=\"word/document.xml\""), std::string::npos);
  const std::string document = ReadEntry(path, "word/document.xml");
  EXPECT_TRUE(WellFormed(types));
  EXPECT_TRUE(WellFormed(relationships));
  ASSERT_TRUE(WellFormed(document)) << document;
  EXPECT_NE(document.find(">甘草店镇双联行动进展情况汇报</w:t>"), std::string::npos);
  EXPECT_NE(document.find("东邻&lt;定西市&gt; &amp; &quot;高崖镇&quot;"), std::string::npos);
  EXPECT_NE(document.find(">西村</w:t>"), std::string::npos);  // the control character dropped
  // The schema's order in a table: its properties, its grid (one column per header cell), rows.
  EXPECT_NE(document.find("</w:tblPr><w:tblGrid><w:gridCol w:w=\"4422\"/><w:gridCol "
                          "w:w=\"4422\"/></w:tblGrid><w:tr>"),
            std::string::npos)
      << document;
  EXPECT_NE(document.find("w:eastAsia=\"仿宋_GB2312\""), std::string::npos);
  EXPECT_NE(document.find("<w:pgSz w:w=\"11906\" w:h=\"16838\"/>"), std::string::npos);  // A4
}

}  // namespace
}  // namespace shuanglian::testing
