#pragma once

#include <string>
#include <vector>

namespace shuanglian::report {

// A report as its writers see it: headed sections of paragraphs, notes and tables, with no
// layout. One model, written out as Markdown, HTML (to print or to PDF) and DOCX (to edit in
// Word or WPS), so the three always say the same.
struct Table {
  std::string caption;
  std::vector<std::string> header;
  std::vector<std::vector<std::string>> rows;
  std::vector<bool> numeric;  // per column: right-aligned
};

struct Block {
  enum class Kind {
    kParagraph,  // computed text
    kWarning,    // something the records flag: a figure that disagrees, a gap
    kToFill,     // left for the author: what the records cannot know
    kTable,
  };
  Kind kind = Kind::kParagraph;
  std::string text;
  Table table;
};

struct Section {
  std::string title;  // "一、基本情况"
  std::vector<Block> blocks;
};

struct Document {
  std::string title;
  std::string subtitle;
  std::string note;  // how the figures were made, under the title
  std::vector<Section> sections;
};

// Writers. Every text is escaped for its format; the writers add nothing of their own but
// layout.
std::string ToMarkdown(const Document& document);
std::string ToHtml(const Document& document);
// The bytes of a .docx (Office Open XML, one document part): headings, paragraphs and
// tables in the fonts of an official document (仿宋 body, 黑体 headings).
std::string ToDocx(const Document& document);

}  // namespace shuanglian::report
