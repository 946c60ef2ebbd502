#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <string>

#include "core/progress.h"
#include "store/data_scope.h"
#include "store/database.h"

namespace shuanglian::store {

// One cadre's 五个百 counts for a year, with what a roll-up needs to place them.
struct CadreProgressRow {
  std::int64_t helper_id = 0;
  std::string name;
  std::string phone;
  std::optional<std::int64_t> unit_id;
  std::string unit_name;
  std::string place;           // where they sit: their own region, else their unit's
  std::string paired_village;  // a village of theirs within the region, when they sit outside it
  core::ProgressCounts counts;
};

// The targets of the 五个百 per region and the counts kept by ProgressLedger.
class ProgressRepository {
 public:
  explicit ProgressRepository(Database& database) : database_(database) {}

  // The region's targets, or its nearest ancestor's, or the defaults (100 each).
  core::ProgressTargets EffectiveTargets(const std::string& region_code,
                                         std::string* from_region = nullptr);
  // Every region's own targets (a short table): for reports that judge many cadres.
  std::map<std::string, core::ProgressTargets> AllTargets();
  void SaveTargets(const std::string& region_code, const core::ProgressTargets& targets,
                   const std::string& now);

  // Every cadre of the region (sitting in it or paired into it) that the scope sees, with
  // their counts for `year` (zero when they recorded nothing), in helper id order. A
  // province has hundreds of thousands: the rows carry no name or phone (NamesOf gives
  // those for the page that is shown).
  void ForEachCadre(const std::string& region_code, int year, const DataScope& scope,
                    const std::function<void(const CadreProgressRow&)>& visit);
  // Fills name and phone of the given rows.
  void NamesOf(std::vector<CadreProgressRow*> rows);
  // One cadre's counts.
  std::optional<CadreProgressRow> Cadre(std::int64_t helper_id, int year, const DataScope& scope);

 private:
  Database& database_;
};

}  // namespace shuanglian::store
