#include "store/region_locks.h"

#include <cstdint>

namespace shuanglian::store {

namespace {

// The first half of the two-key advisory locks of assignments (the migration and audit locks
// take one-key locks, a space of their own).
constexpr std::int64_t kAssignmentLockClass = 7412003;

}  // namespace

void LockAssignmentsOf(Database& database, const std::string& region_code) {
  if (database.backend() != Backend::kPostgres) {
    return;
  }
  // The province: the code's first two digits (a region code is digits only; anything else
  // shares lock 0, which is merely coarser).
  std::int64_t province = 0;
  if (region_code.size() >= 2 && region_code[0] >= '0' && region_code[0] <= '9' &&
      region_code[1] >= '0' && region_code[1] <= '9') {
    province = (region_code[0] - '0') * 10 + (region_code[1] - '0');
  }
  database.Execute("SELECT pg_advisory_xact_lock(CAST($1 AS INTEGER), CAST($2 AS INTEGER))",
                   {kAssignmentLockClass, province});
}

}  // namespace shuanglian::store
