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
    case DataScope::Kind::kUnit:
    case DataScope::Kind::kHelper:
      // Units and cadres see the households paired with them; until pairings exist, none.
      return "1 = 0";
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
