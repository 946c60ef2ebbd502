#include "store/scope_sql.h"

#include "core/region_code.h"
#include "store/sql_util.h"

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

namespace {

// Pairings (alias `alias`) whose target lies in the scope's region.
std::string PairingInRegion(const DataScope& scope, std::vector<Param>& params,
                            const std::string& alias) {
  const auto range = core::VillageRangeOf(scope.region_code);
  const std::string low = Bind(params, range.low);
  const std::string high = Bind(params, range.high);
  return alias + ".village_code BETWEEN " + low + " AND " + high;
}

// A text region code column inside the scope's region: codes nest by prefix, so a range.
std::string CodeInRegion(const DataScope& scope, std::vector<Param>& params,
                         const std::string& column) {
  const std::string low = Bind(params, scope.region_code);
  return "(" + column + " >= " + low + " AND " + column + " < " +
         Bind(params, core::CodePrefixEnd(scope.region_code)) + ")";
}

}  // namespace

std::string PairingScopeCondition(const DataScope& scope, std::vector<Param>& params) {
  switch (scope.kind) {
    case DataScope::Kind::kAll:
      return "1 = 1";
    case DataScope::Kind::kRegion:
      return PairingInRegion(scope, params, "p");
    case DataScope::Kind::kHelper:
      return "p.helper_id = " + Bind(params, scope.helper_id);
    case DataScope::Kind::kUnit: {
      const std::string unit = Bind(params, scope.unit_id);
      return "(p.unit_id = " + unit + " OR p.helper_id IN (SELECT su.id FROM helpers su WHERE " +
             "su.unit_id = " + unit + "))";
    }
    case DataScope::Kind::kNone:
      return "1 = 0";
  }
  return "1 = 0";
}

std::string HelperScopeCondition(const DataScope& scope, std::vector<Param>& params) {
  switch (scope.kind) {
    case DataScope::Kind::kAll:
      return "1 = 1";
    case DataScope::Kind::kRegion:
      // Those who sit in the region (where their unit sits, unless their own place is
      // given), and those who help in it from outside (a city unit's cadre paired with one of
      // its households).
      return "(" + CodeInRegion(scope, params, "he.region_code") +
             " OR (he.region_code IS NULL AND he.unit_id IN (SELECT su.id FROM units su WHERE " +
             CodeInRegion(scope, params, "su.region_code") +
             ")) OR EXISTS (SELECT 1 FROM pairings sp WHERE sp.helper_id = he.id AND " +
             "sp.end_date IS NULL AND " + PairingInRegion(scope, params, "sp") + "))";
    case DataScope::Kind::kHelper:
      return "he.id = " + Bind(params, scope.helper_id);
    case DataScope::Kind::kUnit:
      return "he.unit_id = " + Bind(params, scope.unit_id);
    case DataScope::Kind::kNone:
      return "1 = 0";
  }
  return "1 = 0";
}

std::string UnitScopeCondition(const DataScope& scope, std::vector<Param>& params) {
  switch (scope.kind) {
    case DataScope::Kind::kAll:
      return "1 = 1";
    case DataScope::Kind::kRegion:
      return "(" + CodeInRegion(scope, params, "u.region_code") +
             " OR EXISTS (SELECT 1 FROM pairings sp LEFT JOIN helpers sh ON sh.id = sp.helper_id " +
             "WHERE (sp.unit_id = u.id OR sh.unit_id = u.id) AND sp.end_date IS NULL AND " +
             PairingInRegion(scope, params, "sp") + "))";
    case DataScope::Kind::kHelper:
      return "u.id IN (SELECT sh.unit_id FROM helpers sh WHERE sh.id = " +
             Bind(params, scope.helper_id) + ")";
    case DataScope::Kind::kUnit:
      return "u.id = " + Bind(params, scope.unit_id);
    case DataScope::Kind::kNone:
      return "1 = 0";
  }
  return "1 = 0";
}

std::string FieldRecordScopeCondition(const DataScope& scope, std::vector<Param>& params,
                                      std::string_view table) {
  const bool visits = table == "visits";
  switch (scope.kind) {
    case DataScope::Kind::kAll:
      return "1 = 1";
    case DataScope::Kind::kRegion:
      return PairingInRegion(scope, params, "r");
    case DataScope::Kind::kHelper: {
      const std::string helper = Bind(params, scope.helper_id);
      if (visits) {
        return "EXISTS (SELECT 1 FROM visit_helpers sv WHERE sv.visit_id = r.id AND sv.helper_id "
               "= " +
               helper + ")";
      }
      std::string condition = "r.helper_id = " + helper;
      if (table == "problems" || table == "aid") {
        condition +=
            " OR (r.household_id IS NOT NULL AND EXISTS (SELECT 1 FROM pairings sp "
            "WHERE sp.household_id = r.household_id AND sp.end_date IS NULL AND "
            "sp.helper_id = " +
            helper + "))";
      }
      if (table == "aid") {
        condition += " OR r.giver_helper_id = " + helper;
      }
      return "(" + condition + ")";
    }
    case DataScope::Kind::kUnit: {
      const std::string unit = Bind(params, scope.unit_id);
      if (visits) {
        return "EXISTS (SELECT 1 FROM visit_helpers sv JOIN helpers sh ON sh.id = sv.helper_id "
               "WHERE sv.visit_id = r.id AND sh.unit_id = " +
               unit + ")";
      }
      std::string condition =
          "r.helper_id IN (SELECT sh.id FROM helpers sh WHERE sh.unit_id = " + unit + ")";
      if (table == "aid") {
        condition += " OR r.giver_unit_id = " + unit;
      }
      return "(" + condition + ")";
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
