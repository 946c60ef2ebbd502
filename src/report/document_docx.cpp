// The report as a .docx: the smallest Office Open XML package Word and WPS open (content
// types, the package relationship, one document part), built in memory with libzip.
#include <zip.h>

#include <algorithm>
#include <memory>
#include <stdexcept>
#include <string>
#include <vector>

#include "report/document.h"
#include "report/markup.h"

namespace shuanglian::report {

namespace {

constexpr const char* kContentTypes =
    R"(<?xml version="1.0" encoding="UTF-8" standalone="yes"?>)"
    R"(<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">)"
    R"(<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>)"
    R"(<Default Extension="xml" ContentType="application/xml"/>)"
    R"(<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>)"
    R"(</Types>)";

constexpr const char* kPackageRelationships =
    R"(<?xml version="1.0" encoding="UTF-8" standalone="yes"?>)"
    R"(<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">)"
    R"(<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/>)"
    R"(</Relationships>)";

// A run's look: the East Asian font, the size in half-points (二号 44, 三号 32, 小四 24).
struct Look {
  const char* font;
  int half_points;
  const char* colour = nullptr;
};

constexpr Look kTitle{"方正小标宋简体", 44};
constexpr Look kSubtitle{"楷体_GB2312", 32};
constexpr Look kHeading{"黑体", 32};
constexpr Look kBody{"仿宋_GB2312", 32};
constexpr Look kWarning{"仿宋_GB2312", 32, "A40000"};
constexpr Look kToFill{"楷体_GB2312", 32, "595959"};
constexpr Look kSmall{"仿宋_GB2312", 24};
constexpr Look kSmallHeading{"黑体", 24};

std::string Run(const std::string& text, const Look& look) {
  std::string properties = std::string("<w:rPr><w:rFonts w:ascii=\"Times New Roman\" ") +
                           "w:hAnsi=\"Times New Roman\" w:eastAsia=\"" + look.font +
                           "\" w:hint=\"eastAsia\"/>";
  if (look.colour != nullptr) {
    properties += std::string("<w:color w:val=\"") + look.colour + "\"/>";
  }
  properties += "<w:sz w:val=\"" + std::to_string(look.half_points) + "\"/><w:szCs w:val=\"" +
                std::to_string(look.half_points) + "\"/></w:rPr>";
  return "<w:r>" + properties + "<w:t xml:space=\"preserve\">" + EscapeMarkup(text) +
         "</w:t></w:r>";
}

// alignment: "center", "left", "right"; indent: a first line of two characters, as body text.
std::string Paragraph(const std::string& text, const Look& look, const char* alignment, bool indent,
                      bool exact_lines = true) {
  std::string properties = "<w:pPr>";
  if (exact_lines) {
    properties += "<w:spacing w:line=\"560\" w:lineRule=\"exact\"/>";  // 28 pt, as printed
  }
  if (indent) {
    properties += "<w:ind w:firstLineChars=\"200\" w:firstLine=\"640\"/>";
  }
  properties += std::string("<w:jc w:val=\"") + alignment + "\"/></w:pPr>";
  return "<w:p>" + properties + Run(text, look) + "</w:p>";
}

std::string Cell(const std::string& text, const Look& look, bool right) {
  return "<w:tc><w:tcPr><w:tcW w:w=\"0\" w:type=\"auto\"/></w:tcPr>" +
         Paragraph(text, look, right ? "right" : "left", false, false) + "</w:tc>";
}

std::string TableXml(const Table& table) {
  std::string out;
  if (!table.caption.empty()) {
    out += Paragraph(table.caption, kSmallHeading, "center", false, false);
  }
  out +=
      "<w:tbl><w:tblPr><w:tblW w:w=\"5000\" w:type=\"pct\"/><w:tblBorders>"
      "<w:top w:val=\"single\" w:sz=\"4\" w:space=\"0\" w:color=\"000000\"/>"
      "<w:left w:val=\"single\" w:sz=\"4\" w:space=\"0\" w:color=\"000000\"/>"
      "<w:bottom w:val=\"single\" w:sz=\"4\" w:space=\"0\" w:color=\"000000\"/>"
      "<w:right w:val=\"single\" w:sz=\"4\" w:space=\"0\" w:color=\"000000\"/>"
      "<w:insideH w:val=\"single\" w:sz=\"4\" w:space=\"0\" w:color=\"000000\"/>"
      "<w:insideV w:val=\"single\" w:sz=\"4\" w:space=\"0\" w:color=\"000000\"/>"
      "</w:tblBorders></w:tblPr>";
  // The grid the schema requires after the table's properties: equal columns of the text
  // width (A4 less the margins: 8844 twentieths of a point).
  out += "<w:tblGrid>";
  const std::size_t columns = std::max<std::size_t>(1, table.header.size());
  for (std::size_t column = 0; column < columns; ++column) {
    out += "<w:gridCol w:w=\"" + std::to_string(8844 / columns) + "\"/>";
  }
  out += "</w:tblGrid><w:tr><w:trPr><w:tblHeader/></w:trPr>";
  for (const std::string& cell : table.header) {
    out += Cell(cell, kSmallHeading, false);
  }
  out += "</w:tr>";
  for (const auto& row : table.rows) {
    out += "<w:tr>";
    for (std::size_t column = 0; column < row.size(); ++column) {
      out += Cell(row[column], kSmall, column < table.numeric.size() && table.numeric[column]);
    }
    out += "</w:tr>";
  }
  // Word needs a paragraph between two tables and before the section's end.
  return out + "</w:tbl><w:p/>";
}

std::string DocumentXml(const Document& document) {
  std::string body = Paragraph(document.title, kTitle, "center", false, false);
  if (!document.subtitle.empty()) {
    body += Paragraph(document.subtitle, kSubtitle, "center", false);
  }
  if (!document.note.empty()) {
    body += Paragraph(document.note, kSmall, "left", false, false);
  }
  for (const Section& section : document.sections) {
    body += Paragraph(section.title, kHeading, "left", true);
    for (const Block& block : section.blocks) {
      switch (block.kind) {
        case Block::Kind::kParagraph:
          body += Paragraph(block.text, kBody, "both", true);
          break;
        case Block::Kind::kWarning:
          body += Paragraph("⚠ " + block.text, kWarning, "both", true);
          break;
        case Block::Kind::kToFill:
          body += Paragraph("（待填写）" + block.text, kToFill, "both", true);
          break;
        case Block::Kind::kTable:
          body += TableXml(block.table);
          break;
      }
    }
  }
  // A4 with the margins of an official document (37 / 26 / 35 / 28 mm), in twentieths of a point.
  body +=
      "<w:sectPr><w:pgSz w:w=\"11906\" w:h=\"16838\"/><w:pgMar w:top=\"2098\" w:right=\"1474\" "
      "w:bottom=\"1984\" w:left=\"1588\" w:header=\"851\" w:footer=\"992\" w:gutter=\"0\"/>"
      "</w:sectPr>";
  return R"(<?xml version="1.0" encoding="UTF-8" standalone="yes"?>)"
         R"(<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">)"
         "<w:body>" +
         body + "</w:body></w:document>";
}

struct SourceFree {
  void operator()(zip_source_t* source) const { zip_source_free(source); }
};
struct ArchiveDiscard {
  void operator()(zip_t* archive) const { zip_discard(archive); }
};

[[noreturn]] void Fail(const std::string& what, zip_error_t* error) {
  const std::string message = what + "：" + zip_error_strerror(error);
  zip_error_fini(error);
  throw std::runtime_error("无法生成 Word 文件（" + message + "）");
}

}  // namespace

std::string ToDocx(const Document& document) {
  const std::vector<std::pair<std::string, std::string>> parts = {
      {"[Content_Types].xml", kContentTypes},
      {"_rels/.rels", kPackageRelationships},
      {"word/document.xml", DocumentXml(document)},
  };
  zip_error_t error;
  zip_error_init(&error);
  std::unique_ptr<zip_source_t, SourceFree> buffer(zip_source_buffer_create(nullptr, 0, 0, &error));
  if (!buffer) {
    Fail("zip_source_buffer_create", &error);
  }
  std::unique_ptr<zip_t, ArchiveDiscard> archive(
      zip_open_from_source(buffer.get(), ZIP_TRUNCATE, &error));
  if (!archive) {
    Fail("zip_open_from_source", &error);
  }
  // The archive now owns the buffer; keep a reference of our own to read it after closing.
  zip_source_keep(buffer.get());
  for (const auto& [name, text] : parts) {
    zip_source_t* part = zip_source_buffer(archive.get(), text.data(), text.size(), 0);
    if (part == nullptr || zip_file_add(archive.get(), name.c_str(), part, ZIP_FL_ENC_UTF_8) < 0) {
      if (part != nullptr) {
        zip_source_free(part);
      }
      zip_error_set(&error, zip_error_code_zip(zip_get_error(archive.get())), 0);
      Fail(name, &error);
    }
  }
  if (zip_close(archive.get()) < 0) {
    zip_error_set(&error, zip_error_code_zip(zip_get_error(archive.get())), 0);
    Fail("zip_close", &error);
  }
  archive.release();  // closed: zip_close freed it
  zip_stat_t stat;
  zip_stat_init(&stat);
  if (zip_source_stat(buffer.get(), &stat) < 0 || zip_source_open(buffer.get()) < 0) {
    zip_error_set(&error, zip_error_code_zip(zip_source_error(buffer.get())), 0);
    Fail("zip_source_open", &error);
  }
  std::string bytes(static_cast<std::size_t>(stat.size), '\0');
  std::size_t total = 0;
  zip_int64_t read = 0;
  while (total < bytes.size() &&
         (read = zip_source_read(buffer.get(), bytes.data() + total, bytes.size() - total)) > 0) {
    total += static_cast<std::size_t>(read);
  }
  zip_source_close(buffer.get());
  if (read < 0 || total != bytes.size()) {
    zip_error_set(&error, zip_error_code_zip(zip_source_error(buffer.get())), 0);
    Fail("zip_source_read", &error);
  }
  zip_error_fini(&error);
  return bytes;
}

}  // namespace shuanglian::report
