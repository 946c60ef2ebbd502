#pragma once

#include <optional>
#include <span>
#include <string>
#include <vector>

#include "core/field.h"
#include "ingest/table_reader.h"

namespace shuanglian::ingest {

// Where each field's column is in a file, found from its header row.
struct ColumnMapping {
  std::int64_t header_row = 0;               // the row number of the header
  std::vector<std::string> header_cells;     // the header as written
  std::vector<int> field_of_column;          // per column: field index, or -1 when ignored
  std::vector<std::string> unknown_columns;  // headers that name no field
  std::vector<std::string> duplicate_columns;
  std::vector<std::string> missing_required;  // Chinese names of required fields not found
};

// A header as compared: no spaces, line breaks, asterisks or bracketed notes ("(元)",
// "（必填）"), half-width, ASCII lower-case, no "_" or "-".
std::string NormalizeHeader(std::string_view text);

// Picks the header among the first rows: the row naming the most fields (at least two).
// Title rows and notes above it are skipped. Nothing when no row qualifies.
std::optional<ColumnMapping> FindHeader(const std::vector<SourceRow>& rows,
                                        std::span<const core::FieldSpec> fields);

// The cells of a data row placed at their fields.
core::RawRecord MapRow(const SourceRow& row, const ColumnMapping& mapping, std::size_t field_count);
// The same into a record that is reused from row to row: its strings keep their capacity,
// so that an import of millions of rows does not allocate them again for each one.
void MapRow(const SourceRow& row, const ColumnMapping& mapping, std::size_t field_count,
            core::RawRecord& record);

// Columns a report of ours adds, which a re-import reads without complaint.
inline constexpr std::string_view kErrorReasonHeader = "错误原因";

}  // namespace shuanglian::ingest
