#pragma once

#include <span>
#include <string>
#include <unordered_map>
#include <vector>

#include "core/household.h"
#include "store/database.h"
#include "store/import_rows.h"

namespace shuanglian::store {

// Writes households into the registry: upsert by 户编号, refusing what would break the
// registry's rules. Runs inside the caller's transaction.
class HouseholdStore {
 public:
  explicit HouseholdStore(Database& database) : database_(database) {}

  // One result per row, in order. Groups named by name are created as needed; their codes
  // are appended to `created_groups`.
  std::vector<RowResult> UpsertBatch(std::span<const ImportRow<core::Household>> rows,
                                     const WriteContext& context,
                                     std::vector<std::string>& created_groups);

  static std::int64_t Fingerprint(const core::Household& household, const std::string& group_code);

 private:
  Database& database_;
  // Group codes by "village|name", kept across the batches of one import: a file names the
  // same few groups of a village thousands of times.
  std::unordered_map<std::string, std::string> group_codes_;
};

}  // namespace shuanglian::store
