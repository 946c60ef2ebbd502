#include "store/scope_sql.h"

#include "core/region_code.h"

namespace shuanglian::store {

std::string HouseholdScopeCondition(const DataScope& scope, std::vector<Param>& params) {
  switch (scope.kind) {
    case DataScope::Kind::kAll:
      return "1 = 1";
    case DataScope::Kind::kRegion: {
      const auto range = core::VillageRangeOf(scope.region_code);
      params.emplace_back(range.low);
      params.emplace_back(range.high);
      return "h.village_code BETWEEN $" + std::to_string(params.size() - 1) + " AND $" +
             std::to_string(params.size());
    }
    case DataScope::Kind::kHelper:
      // A cadre sees exactly the households paired with them now.
      params.emplace_back(scope.helper_id);
      return "EXISTS (SELECT 1 FROM pairings sp WHERE sp.household_id = h.id AND sp.end_date IS "
             "NULL AND "
             "sp.helper_id = $" +
             std::to_string(params.size()) + ")";
    case DataScope::Kind::kUnit: {
      // A unit sees the households its cadres help and the villages it is paired with.
      params.emplace_back(scope.unit_id);
      const std::string unit = "$" + std::to_string(params.size());
      return "(EXISTS (SELECT 1 FROM pairings sp JOIN helpers sh ON sh.id = sp.helper_id WHERE "
             "sp.household_id = "
             "h.id AND sp.end_date IS NULL AND sh.unit_id = " +
             unit +
             ") OR EXISTS (SELECT 1 FROM pairings sv WHERE sv.village_code = h.village_code AND "
             "sv.unit_id = " +
             unit +
             " AND sv.end_date IS NULL AND sv.household_id IS NULL AND sv.group_code IS NULL))";
    }
    case DataScope::Kind::kNone:
      return "1 = 0";
  }
  return "1 = 0";
}

bool ScopeCoversRegion(const DataScope& scope, const std::string& region_code) {
  switch (scope.kind) {
    case DataScope::Kind::kAll:
      return true;
    case DataScope::Kind::kRegion:
      return core::IsWithin(region_code, scope.region_code);
    default:
      return false;
  }
}

}  // namespace shuanglian::store
