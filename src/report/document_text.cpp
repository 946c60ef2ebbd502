// The report as Markdown and as HTML laid out for A4 in the manner of an official document.
#include <fmt/format.h>

#include "report/document.h"
#include "report/markup.h"

namespace shuanglian::report {

namespace {

// A pipe in a Markdown table cell ends the cell; a line break ends the row.
std::string MarkdownCell(const std::string& text) {
  std::string out;
  for (const char c : text) {
    if (c == '|') {
      out += "\\|";
    } else if (c == '\n' || c == '\r') {
      out += ' ';
    } else {
      out.push_back(c);
    }
  }
  return out;
}

std::string MarkdownTable(const Table& table) {
  std::string out;
  if (!table.caption.empty()) {
    out += "**" + table.caption + "**\n\n";
  }
  out += "|";
  for (const std::string& cell : table.header) {
    out += " " + MarkdownCell(cell) + " |";
  }
  out += "\n|";
  for (std::size_t column = 0; column < table.header.size(); ++column) {
    out += column < table.numeric.size() && table.numeric[column] ? " ---: |" : " --- |";
  }
  out += "\n";
  for (const auto& row : table.rows) {
    out += "|";
    for (const std::string& cell : row) {
      out += " " + MarkdownCell(cell) + " |";
    }
    out += "\n";
  }
  return out + "\n";
}

std::string HtmlTable(const Table& table) {
  std::string out = "<table>";
  if (!table.caption.empty()) {
    out += "<caption>" + EscapeMarkup(table.caption) + "</caption>";
  }
  out += "<thead><tr>";
  for (const std::string& cell : table.header) {
    out += "<th>" + EscapeMarkup(cell) + "</th>";
  }
  out += "</tr></thead><tbody>";
  for (const auto& row : table.rows) {
    out += "<tr>";
    for (std::size_t column = 0; column < row.size(); ++column) {
      const bool numeric = column < table.numeric.size() && table.numeric[column];
      out +=
          std::string(numeric ? "<td class=\"n\">" : "<td>") + EscapeMarkup(row[column]) + "</td>";
    }
    out += "</tr>";
  }
  return out + "</tbody></table>\n";
}

// 仿宋 body at 三号 (16 pt), 黑体 headings, the title in a serif at 二号 (22 pt): the look of
// a government report (GB/T 9704), with the fonts Debian has (Noto CJK) as the fallback.
constexpr const char* kStyle = R"(
@page { size: A4; margin: 37mm 26mm 35mm 28mm; }
body { font-family: FangSong, "仿宋", "仿宋_GB2312", "Noto Serif CJK SC", serif; font-size: 16pt;
  line-height: 28pt; color: #000; max-width: 160mm; margin: 2em auto; }
h1 { font-family: "方正小标宋简体", "Noto Serif CJK SC", serif; font-size: 22pt; line-height: 1.5;
  text-align: center; font-weight: normal; margin: 0 0 0.3em; }
.subtitle { text-align: center; font-family: KaiTi, "楷体", "Noto Serif CJK SC", serif; }
.note { font-size: 12pt; line-height: 1.6; color: #444; border: 1px solid #999; padding: 0.4em 0.8em;
  margin: 1em 0; }
h2 { font-family: SimHei, "黑体", "Noto Sans CJK SC", sans-serif; font-size: 16pt; font-weight: normal;
  margin: 1em 0 0; }
p { text-indent: 2em; margin: 0; }
p.warning { text-indent: 0; padding-left: 2em; color: #a40000; }
p.fill { color: #555; background: #f3f3f3; }
table { border-collapse: collapse; width: 100%; font-size: 12pt; line-height: 1.5; margin: 0.6em 0; }
caption { font-family: SimHei, "黑体", "Noto Sans CJK SC", sans-serif; padding-bottom: 0.3em; }
th, td { border: 1px solid #000; padding: 2px 6px; }
th { font-weight: normal; font-family: SimHei, "黑体", "Noto Sans CJK SC", sans-serif; }
td.n { text-align: right; }
@media print { body { margin: 0; max-width: none; } p.fill { background: none; } }
)";

}  // namespace

std::string ToMarkdown(const Document& document) {
  std::string out = "# " + document.title + "\n\n";
  if (!document.subtitle.empty()) {
    out += document.subtitle + "\n\n";
  }
  if (!document.note.empty()) {
    out += "> " + document.note + "\n\n";
  }
  for (const Section& section : document.sections) {
    out += "## " + section.title + "\n\n";
    for (const Block& block : section.blocks) {
      switch (block.kind) {
        case Block::Kind::kParagraph:
          out += block.text + "\n\n";
          break;
        case Block::Kind::kWarning:
          out += "> ⚠ " + block.text + "\n\n";
          break;
        case Block::Kind::kToFill:
          out += "**（待填写）** " + block.text + "\n\n";
          break;
        case Block::Kind::kTable:
          out += MarkdownTable(block.table);
          break;
      }
    }
  }
  return out;
}

std::string ToHtml(const Document& document) {
  std::string body = "<h1>" + EscapeMarkup(document.title) + "</h1>\n";
  if (!document.subtitle.empty()) {
    body += "<div class=\"subtitle\">" + EscapeMarkup(document.subtitle) + "</div>\n";
  }
  if (!document.note.empty()) {
    body += "<div class=\"note\">" + EscapeMarkup(document.note) + "</div>\n";
  }
  for (const Section& section : document.sections) {
    body += "<h2>" + EscapeMarkup(section.title) + "</h2>\n";
    for (const Block& block : section.blocks) {
      switch (block.kind) {
        case Block::Kind::kParagraph:
          body += "<p>" + EscapeMarkup(block.text) + "</p>\n";
          break;
        case Block::Kind::kWarning:
          body += "<p class=\"warning\">⚠ " + EscapeMarkup(block.text) + "</p>\n";
          break;
        case Block::Kind::kToFill:
          body += "<p class=\"fill\">（待填写）" + EscapeMarkup(block.text) + "</p>\n";
          break;
        case Block::Kind::kTable:
          body += HtmlTable(block.table);
          break;
      }
    }
  }
  return fmt::format(
      "<!DOCTYPE html>\n<html lang=\"zh-CN\"><head><meta charset=\"utf-8\"><title>{}</title>"
      "<style>{}</style></head><body>\n{}</body></html>\n",
      EscapeMarkup(document.title), kStyle, body);
}

}  // namespace shuanglian::report
