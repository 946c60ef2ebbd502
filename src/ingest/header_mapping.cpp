#include "ingest/header_mapping.h"

#include <unordered_map>

#include "core/text.h"

namespace shuanglian::ingest {

namespace {

// Removes bracketed parts: (元) （亩） [必填] 【说明】.
std::string StripBrackets(std::string_view text) {
  static const std::pair<std::string_view, std::string_view> kPairs[] = {
      {"(", ")"}, {"[", "]"}, {"【", "】"}, {"〔", "〕"}};
  std::string out;
  std::size_t pos = 0;
  while (pos < text.size()) {
    bool skipped = false;
    for (const auto& [open, close] : kPairs) {
      if (text.substr(pos, open.size()) == open) {
        const auto end = text.find(close, pos + open.size());
        if (end != std::string_view::npos) {
          pos = end + close.size();
          skipped = true;
          break;
        }
      }
    }
    if (!skipped) {
      out.push_back(text[pos]);
      ++pos;
    }
  }
  return out;
}

}  // namespace

std::string NormalizeHeader(std::string_view text) {
  const std::string half = core::NormalizeWidth(text);  // （） become ()
  const std::string stripped = StripBrackets(half);
  std::string out;
  for (std::size_t pos = 0; pos < stripped.size(); ++pos) {
    const char c = stripped[pos];
    if (c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '*' || c == '_' || c == '-' ||
        c == ':') {
      continue;
    }
    // "：" and "＊" survive NormalizeWidth only if typed as other code points; drop both.
    if (stripped.compare(pos, 3, "：") == 0 || stripped.compare(pos, 3, "＊") == 0) {
      pos += 2;
      continue;
    }
    out.push_back(c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c);
  }
  return out;
}

std::optional<ColumnMapping> FindHeader(const std::vector<SourceRow>& rows,
                                        std::span<const core::FieldSpec> fields) {
  std::unordered_map<std::string, int> lookup;
  for (const core::FieldSpec& field : fields) {
    lookup.emplace(NormalizeHeader(field.name), field.index);
    lookup.emplace(NormalizeHeader(field.key), field.index);
    for (const std::string_view alias : field.aliases) {
      lookup.emplace(NormalizeHeader(alias), field.index);
    }
  }
  const SourceRow* best = nullptr;
  std::size_t best_score = 1;
  for (const SourceRow& row : rows) {
    std::vector<bool> seen(fields.size(), false);
    std::size_t score = 0;
    for (const SourceCell& cell : row.cells) {
      const auto found = lookup.find(NormalizeHeader(cell.text));
      if (found != lookup.end() && !seen[static_cast<std::size_t>(found->second)]) {
        seen[static_cast<std::size_t>(found->second)] = true;
        ++score;
      }
    }
    if (score > best_score) {
      best_score = score;
      best = &row;
    }
  }
  if (best == nullptr) {
    return std::nullopt;
  }
  ColumnMapping mapping;
  mapping.header_row = best->number;
  std::vector<bool> seen(fields.size(), false);
  for (const SourceCell& cell : best->cells) {
    mapping.header_cells.push_back(cell.text);
    const std::string shown(core::Trim(cell.text));
    const auto found = lookup.find(NormalizeHeader(cell.text));
    int field = -1;
    if (found != lookup.end()) {
      if (seen[static_cast<std::size_t>(found->second)]) {
        mapping.duplicate_columns.push_back(shown);
      } else {
        field = found->second;
        seen[static_cast<std::size_t>(field)] = true;
      }
    } else if (!shown.empty() && shown != kErrorReasonHeader) {
      mapping.unknown_columns.push_back(shown);
    }
    mapping.field_of_column.push_back(field);
  }
  for (const core::FieldSpec& field : fields) {
    if (field.required && !seen[static_cast<std::size_t>(field.index)]) {
      mapping.missing_required.emplace_back(field.name);
    }
  }
  return mapping;
}

core::RawRecord MapRow(const SourceRow& row, const ColumnMapping& mapping,
                       std::size_t field_count) {
  core::RawRecord record;
  MapRow(row, mapping, field_count, record);
  return record;
}

void MapRow(const SourceRow& row, const ColumnMapping& mapping, std::size_t field_count,
            core::RawRecord& record) {
  record.resize(field_count);
  // Every field is reset: a column the row lacks must not keep the previous row's cell.
  for (core::RawField& field : record) {
    field.text.clear();
    field.kind = core::CellKind::kText;
  }
  const std::size_t columns = std::min(row.cells.size(), mapping.field_of_column.size());
  for (std::size_t column = 0; column < columns; ++column) {
    const int field = mapping.field_of_column[column];
    if (field >= 0) {
      record[static_cast<std::size_t>(field)].text.assign(row.cells[column].text);
      record[static_cast<std::size_t>(field)].kind = row.cells[column].kind;
    }
  }
}

}  // namespace shuanglian::ingest
