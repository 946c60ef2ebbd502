#pragma once

#include <functional>
#include <span>
#include <string>
#include <vector>

#include "api/context.h"
#include "core/field.h"

namespace shuanglian::api {

// Writes a list as a file to download: the columns of the import format (so an export can
// be edited and imported again) plus any extra columns, in XLSX (text cells) or CSV
// (UTF-8 with BOM). `produce` calls `write_row` once per row.
Response ExportFile(
    Context& context, const std::string& file_stem, std::span<const core::FieldSpec> fields,
    const std::vector<std::string>& extra_columns,
    const std::function<void(const std::function<void(std::vector<std::string>)>& write_row)>&
        produce);

// "attachment; filename=...; filename*=UTF-8''..." for a Chinese file name.
std::string ContentDisposition(const std::string& file_name);

}  // namespace shuanglian::api
