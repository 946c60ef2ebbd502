#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/pairing.h"
#include "store/data_scope.h"
#include "store/database.h"

namespace shuanglian::store {

struct StoredUnit {
  std::int64_t id = 0;
  core::Unit unit;
  std::optional<std::int64_t> parent_id;
  std::int64_t helpers = 0;  // how many helpers belong to it
};

struct StoredHelper {
  std::int64_t id = 0;
  core::Helper helper;
  std::optional<std::int64_t> unit_id;
  std::int64_t households = 0;  // active pairings with households
};

struct StoredPairing {
  std::int64_t id = 0;
  std::string kind;
  std::optional<std::int64_t> helper_id;
  std::optional<std::int64_t> unit_id;
  std::string village_code;
  std::string group_code;
  std::optional<std::int64_t> household_id;
  std::string start_date;
  std::string end_date;  // empty while active
  std::string note;
  std::string created_by;
  // For display.
  std::string helper_name;
  std::string helper_phone;
  std::string helper_unit_name;
  std::string unit_name;
  std::string household_no;
  std::string head_name;
};

struct OrganisationMember {
  std::int64_t id = 0;
  std::string region_code;
  std::string role;
  std::string name;
  std::string title;
  std::string phone;
  int sort_order = 0;
};

struct UnitFilter {
  std::string query;  // part of the name
  std::int64_t offset = 0;
  std::int64_t limit = 0;  // 0: all
};

struct HelperFilter {
  std::optional<std::int64_t> unit_id;
  std::string kind;
  std::string query;  // part of the name, or the phone
  std::int64_t offset = 0;
  std::int64_t limit = 0;  // 0: all
};

struct PairingFilter {
  std::string region;  // targets within
  std::optional<std::int64_t> helper_id;
  std::optional<std::int64_t> unit_id;  // the unit itself, or its helpers
  std::optional<std::int64_t> household_id;
  std::string kind;
  bool active_only = true;
  std::int64_t offset = 0;
  std::int64_t limit = 0;  // 0: all
};

// Units, helpers, pairings, coverage rules and organisations. Every read of units, helpers
// and pairings takes the caller's data scope (DataScope::System() for the operator and for
// the rules' own checks); by-name and by-phone lookups serve uniqueness checks and see all.
// Writes run in the caller's transaction.
class PairingRepository {
 public:
  explicit PairingRepository(Database& database) : database_(database) {}

  std::vector<StoredUnit> Units(const UnitFilter& filter, const DataScope& scope,
                                std::int64_t* total = nullptr);
  std::optional<StoredUnit> UnitById(std::int64_t id, const DataScope& scope);
  std::optional<StoredUnit> UnitByName(const std::string& name);
  std::int64_t CreateUnit(const core::Unit& unit, std::optional<std::int64_t> parent_id,
                          const std::string& now);
  void UpdateUnit(std::int64_t id, const core::Unit& unit, std::optional<std::int64_t> parent_id,
                  const std::string& now);

  std::vector<StoredHelper> Helpers(const HelperFilter& filter, const DataScope& scope,
                                    std::int64_t* total = nullptr);
  std::optional<StoredHelper> HelperById(std::int64_t id, const DataScope& scope);
  std::optional<StoredHelper> HelperByPhone(const std::string& phone);
  std::int64_t CreateHelper(const core::Helper& helper, std::optional<std::int64_t> unit_id,
                            const std::string& now);
  void UpdateHelper(std::int64_t id, const core::Helper& helper,
                    std::optional<std::int64_t> unit_id, const std::string& now);

  std::vector<StoredPairing> Pairings(const PairingFilter& filter, const DataScope& scope,
                                      std::int64_t* total = nullptr);
  std::optional<StoredPairing> PairingById(std::int64_t id, const DataScope& scope);
  std::int64_t OpenPairing(const StoredPairing& pairing, std::int64_t county_code,
                           const std::string& now);
  void EndPairing(std::int64_t id, const std::string& end_date);
  // Active cadre-household pairings per helper: the quota's count.
  std::int64_t QuotaLoad(std::int64_t helper_id);
  std::map<std::int64_t, std::int64_t> QuotaLoads();

  // The rule set for the region itself, or for its nearest ancestor that has one, or the
  // default.
  core::CoverageRule EffectiveRule(const std::string& region_code,
                                   const core::DictionarySet& dictionaries,
                                   std::string* from_region = nullptr);
  std::optional<core::CoverageRule> RuleOf(const std::string& region_code);
  // Every rule set anywhere, by region: the few rows behind EffectiveRule, for code that
  // needs the rule of thousands of villages.
  std::map<std::string, core::CoverageRule> AllRules();
  void SaveRule(const std::string& region_code, const core::CoverageRule& rule,
                const std::string& now);

  std::vector<OrganisationMember> Organisation(const std::string& region_code);
  void ReplaceOrganisation(const std::string& region_code,
                           const std::vector<OrganisationMember>& members);

 private:
  Database& database_;
};

}  // namespace shuanglian::store
