#pragma once

#include <string>
#include <vector>

#include "store/data_scope.h"
#include "store/value.h"

namespace shuanglian::store {

// The one place where a user's data scope becomes SQL: a condition on the households table
// (alias `h`) that every household query, list, count, statistic and export includes.
// Parameters are appended to `params` and numbered after those already there.
std::string HouseholdScopeCondition(const DataScope& scope, std::vector<Param>& params);

// The same scope over who helps whom: conditions on pairings (alias `p`), helpers (alias
// `he`) and units (alias `u`). A region sees what sits in it or works in it; a unit its own
// helpers and pairings; a cadre themselves and their pairings.
std::string PairingScopeCondition(const DataScope& scope, std::vector<Param>& params);
std::string HelperScopeCondition(const DataScope& scope, std::vector<Param>& params);
std::string UnitScopeCondition(const DataScope& scope, std::vector<Param>& params);

// The same scope over field records (alias `r`, the table of `kind`): a region sees the
// records of its villages; a cadre their own (and, for problems and aid, those of the
// households paired with them); a unit its cadres'.
std::string FieldRecordScopeCondition(const DataScope& scope, std::vector<Param>& params,
                                      std::string_view table);

// May the scope see this region (a tree node, a profile, the statistics of it)?
bool ScopeCoversRegion(const DataScope& scope, const std::string& region_code);

}  // namespace shuanglian::store
