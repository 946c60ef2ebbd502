#include "api/report_json.h"

namespace shuanglian::api {

namespace {

const char* KindName(report::Block::Kind kind) {
  switch (kind) {
    case report::Block::Kind::kParagraph:
      return "paragraph";
    case report::Block::Kind::kWarning:
      return "warning";
    case report::Block::Kind::kToFill:
      return "to_fill";
    case report::Block::Kind::kTable:
      return "table";
  }
  return "paragraph";
}

boost::json::array Strings(const std::vector<std::string>& values) {
  boost::json::array out;
  for (const std::string& value : values) {
    out.emplace_back(value);
  }
  return out;
}

boost::json::object TableJson(const report::Table& table) {
  boost::json::array rows;
  for (const auto& row : table.rows) {
    rows.push_back(Strings(row));
  }
  boost::json::array numeric;
  for (const bool value : table.numeric) {
    numeric.emplace_back(value);
  }
  return {{"caption", table.caption},
          {"header", Strings(table.header)},
          {"rows", std::move(rows)},
          {"numeric", std::move(numeric)}};
}

}  // namespace

boost::json::object DocumentToJson(const report::Document& document) {
  boost::json::array sections;
  for (const report::Section& section : document.sections) {
    boost::json::array blocks;
    for (const report::Block& block : section.blocks) {
      boost::json::object out{{"kind", KindName(block.kind)}};
      if (block.kind == report::Block::Kind::kTable) {
        out["table"] = TableJson(block.table);
      } else {
        out["text"] = block.text;
      }
      blocks.push_back(std::move(out));
    }
    sections.push_back(
        boost::json::object{{"title", section.title}, {"blocks", std::move(blocks)}});
  }
  return {{"title", document.title},
          {"subtitle", document.subtitle},
          {"note", document.note},
          {"sections", std::move(sections)}};
}

}  // namespace shuanglian::api
