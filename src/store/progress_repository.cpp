#include "store/progress_repository.h"

#include <algorithm>
#include <unordered_map>

#include "core/region_code.h"
#include "store/scope_sql.h"
#include "store/sql_util.h"

namespace shuanglian::store {

namespace {

std::string Select(const std::string& region_code, std::vector<Param>& params) {
  const auto range = core::VillageRangeOf(region_code);
  const std::string low = Bind(params, range.low);
  const std::string high = Bind(params, range.high);
  const std::string code = Bind(params, region_code);
  const std::string end = Bind(params, core::CodePrefixEnd(region_code));
  // The paired village matters only for those who do not sit below the region (outside it,
  // or at its own level, as a county bureau's cadre in the county's report): CASE keeps the
  // subquery from running for everyone else.
  return "SELECT he.id, he.name, he.phone, he.unit_id, u.name, COALESCE(he.region_code, "
         "u.region_code), CASE WHEN COALESCE(he.region_code, u.region_code) >= " +
         code + " AND COALESCE(he.region_code, u.region_code) < " + end +
         " AND length(COALESCE(he.region_code, u.region_code)) > " +
         Bind(params, static_cast<std::int64_t>(region_code.size())) +
         " THEN NULL ELSE (SELECT min(p.village_code) FROM pairings p WHERE p.helper_id = he.id "
         "AND p.end_date IS NULL AND p.village_code BETWEEN " +
         low + " AND " + high +
         ") END, COALESCE(c.stationed_days, 0), COALESCE(c.households_visited, 0), "
         "COALESCE(c.diary_days, 0), COALESCE(c.problems_solved, 0), COALESCE(c.suggestions, 0) "
         "FROM helpers he LEFT JOIN units u ON u.id = he.unit_id LEFT JOIN progress_counters c ON "
         "c.helper_id = he.id AND c.year = ";
}

CadreProgressRow ReadRow(const RowView& row) {
  CadreProgressRow cadre;
  cadre.helper_id = row.Int(0);
  cadre.name = row.Text(1);
  cadre.phone = row.Text(2);
  cadre.unit_id = row.OptInt(3);
  cadre.unit_name = row.Text(4);
  cadre.place = row.Text(5);
  cadre.paired_village = row.Text(6);
  cadre.counts = core::ProgressCounts{row.Int(7), row.Int(8), row.Int(9), row.Int(10), row.Int(11)};
  return cadre;
}

}  // namespace

std::map<std::string, core::ProgressTargets> ProgressRepository::AllTargets() {
  std::map<std::string, core::ProgressTargets> all;
  for (const RowView row : database_.Query(
           "SELECT region_code, stationed_days, households_visited, diary_days, problems_solved, "
           "suggestions, max_visits_per_day FROM progress_targets")) {
    core::ProgressTargets& targets = all[row.Text(0)];
    targets.yearly =
        core::ProgressCounts{row.Int(1), row.Int(2), row.Int(3), row.Int(4), row.Int(5)};
    targets.max_visits_per_day = row.Int(6);
  }
  return all;
}

core::ProgressTargets ProgressRepository::EffectiveTargets(const std::string& region_code,
                                                           std::string* from_region) {
  for (std::string code = region_code; !code.empty(); code = core::ParentCode(code)) {
    const auto rows = database_.Query(
        "SELECT stationed_days, households_visited, diary_days, problems_solved, suggestions, "
        "max_visits_per_day FROM progress_targets WHERE region_code = $1",
        {code});
    if (!rows.empty()) {
      if (from_region != nullptr) {
        *from_region = code;
      }
      core::ProgressTargets targets;
      targets.yearly = core::ProgressCounts{rows[0].Int(0), rows[0].Int(1), rows[0].Int(2),
                                            rows[0].Int(3), rows[0].Int(4)};
      targets.max_visits_per_day = rows[0].Int(5);
      return targets;
    }
  }
  if (from_region != nullptr) {
    from_region->clear();
  }
  return core::ProgressTargets{};
}

void ProgressRepository::SaveTargets(const std::string& region_code,
                                     const core::ProgressTargets& targets, const std::string& now) {
  const core::ProgressCounts& yearly = targets.yearly;
  database_.Execute(
      "INSERT INTO progress_targets (region_code, stationed_days, households_visited, diary_days, "
      "problems_solved, suggestions, max_visits_per_day, updated_at) VALUES ($1, $2, $3, $4, $5, "
      "$6, $7, $8) ON CONFLICT (region_code) DO UPDATE SET stationed_days = "
      "excluded.stationed_days, households_visited = excluded.households_visited, diary_days = "
      "excluded.diary_days, problems_solved = excluded.problems_solved, suggestions = "
      "excluded.suggestions, max_visits_per_day = excluded.max_visits_per_day, updated_at = "
      "excluded.updated_at",
      {region_code, yearly.stationed_days, yearly.households_visited, yearly.diary_days,
       yearly.problems_solved, yearly.suggestions, targets.max_visits_per_day, now});
}

void ProgressRepository::ForEachCadre(const std::string& region_code, int year,
                                      const DataScope& scope,
                                      const std::function<void(const CadreProgressRow&)>& visit) {
  // The units once (a province has about two thousand), rather than a join for every cadre.
  struct Unit {
    std::string name;
    std::string region_code;
  };
  std::unordered_map<std::int64_t, Unit> units;
  for (const RowView row : database_.Query("SELECT id, name, region_code FROM units")) {
    units[row.Int(0)] = Unit{row.Text(1), row.Text(2)};
  }
  // A village of theirs within the region, for the few who do not sit below it (outside it,
  // or at its own level, as a county bureau's cadre in the county's report).
  const auto below = [&](const std::string& place) {
    return place.size() > region_code.size() && core::IsWithin(place, region_code);
  };
  std::unordered_map<std::int64_t, std::string> paired;
  {
    std::vector<Param> params;
    const auto range = core::VillageRangeOf(region_code);
    const std::string low = Bind(params, range.low);
    const std::string high = Bind(params, range.high);
    const std::string code = Bind(params, region_code);
    const std::string end = Bind(params, core::CodePrefixEnd(region_code));
    const std::string length = Bind(params, static_cast<std::int64_t>(region_code.size()));
    const std::string place = "COALESCE(he.region_code, u.region_code)";
    for (const RowView row : database_.Query(
             "SELECT p.helper_id, min(p.village_code) FROM pairings p JOIN helpers he ON he.id = "
             "p.helper_id LEFT JOIN units u ON u.id = he.unit_id WHERE p.end_date IS NULL AND "
             "p.village_code BETWEEN " +
                 low + " AND " + high + " AND he.kind = 'cadre' AND NOT (" + place +
                 " IS NOT NULL AND " + place + " >= " + code + " AND " + place + " < " + end +
                 " AND length(" + place + ") > " + length + ") GROUP BY p.helper_id",
             params)) {
      paired[row.Int(0)] = row.Text(1);
    }
  }
  std::vector<Param> params;
  std::string sql =
      "SELECT he.id, he.unit_id, he.region_code, COALESCE(c.stationed_days, 0), "
      "COALESCE(c.households_visited, 0), COALESCE(c.diary_days, 0), "
      "COALESCE(c.problems_solved, 0), COALESCE(c.suggestions, 0) FROM helpers he LEFT JOIN "
      "progress_counters c ON c.helper_id = he.id AND c.year = " +
      Bind(params, year);
  const std::string in_region =
      HelperScopeCondition(DataScope::Region(region_code, false, false), params);
  const std::string visible = HelperScopeCondition(scope, params);
  sql += " WHERE he.kind = 'cadre' AND " + in_region + " AND " + visible + " ORDER BY he.id";
  CadreProgressRow cadre;
  database_.ForEachRow(sql, params, [&](const RowView& row) {
    cadre.helper_id = row.Int(0);
    cadre.unit_id = row.OptInt(1);
    const auto unit = cadre.unit_id ? units.find(*cadre.unit_id) : units.end();
    cadre.unit_name = unit != units.end() ? unit->second.name : "";
    cadre.place = row.Text(2);
    if (cadre.place.empty() && unit != units.end()) {
      cadre.place = unit->second.region_code;
    }
    cadre.paired_village.clear();
    if (!below(cadre.place)) {
      if (const auto found = paired.find(cadre.helper_id); found != paired.end()) {
        cadre.paired_village = found->second;
      }
    }
    cadre.counts = core::ProgressCounts{row.Int(3), row.Int(4), row.Int(5), row.Int(6), row.Int(7)};
    visit(cadre);
  });
}

void ProgressRepository::NamesOf(std::vector<CadreProgressRow*> rows) {
  std::vector<Param> params;
  std::unordered_map<std::int64_t, CadreProgressRow*> by_id;
  for (CadreProgressRow* cadre : rows) {
    params.emplace_back(cadre->helper_id);
    by_id[cadre->helper_id] = cadre;
  }
  QueryInChunks(database_, "SELECT id, name, phone FROM helpers WHERE id IN (", ")", params,
                [&](const RowView& row) {
                  CadreProgressRow* cadre = by_id.at(row.Int(0));
                  cadre->name = row.Text(1);
                  cadre->phone = row.Text(2);
                });
}

std::optional<CadreProgressRow> ProgressRepository::Cadre(std::int64_t helper_id, int year,
                                                          const DataScope& scope) {
  std::vector<Param> params;
  // The "region" of one cadre is the whole tree: nothing is outside it.
  std::string sql = Select("", params);
  sql += Bind(params, year) + " WHERE he.id = " + Bind(params, helper_id) + " AND " +
         HelperScopeCondition(scope, params);
  const auto rows = database_.Query(sql, params);
  return rows.empty() ? std::nullopt : std::optional<CadreProgressRow>(ReadRow(rows[0]));
}

}  // namespace shuanglian::store
