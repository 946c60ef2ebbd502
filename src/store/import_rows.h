#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "core/field.h"
#include "store/data_scope.h"
#include "store/value.h"

namespace shuanglian::store {

// A validated record on its way into the registry, with the row of the file it came from.
template <typename T>
struct ImportRow {
  std::int64_t row_number = 0;
  T record;
};

enum class RowOutcome { kInserted, kUpdated, kUnchanged, kRejected };

// What became of one row. A row the registry refuses (a duplicate, a conflict with stored
// records, out of the user's scope) carries the error to report.
struct RowResult {
  RowOutcome outcome = RowOutcome::kRejected;
  std::optional<core::FieldError> error;
  std::string warning;
};

// Who writes and under which import: every write of a batch names its job, so that a key
// seen twice in one file is found without holding the file's keys in memory. A write that
// is not an import (a form, an API request) has job 0.
struct WriteContext {
  std::int64_t import_job = 0;
  std::string now;
  const DataScope& scope;
  std::string actor = "system";  // who writes: a username, or "system" at the command line
};

// The columns to which every row an import writes gives the same value: its job, its time
// (as created_at and updated_at). A first load need not send them with each row.
std::vector<std::pair<std::string, Param>> ConstantColumns(const WriteContext& context);

// Is a village inside the scope's writable area? Other reasons come from the caller.
bool CanWriteVillage(const DataScope& scope, const std::string& village_code);

}  // namespace shuanglian::store
