#include "store/progress_repository.h"

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
  // The paired village matters only for those who sit outside the region: CASE keeps the
  // subquery from running for everyone else.
  return "SELECT he.id, he.name, he.phone, he.unit_id, u.name, COALESCE(he.region_code, "
         "u.region_code), CASE WHEN COALESCE(he.region_code, u.region_code) >= " +
         code + " AND COALESCE(he.region_code, u.region_code) < " + end +
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
  cadre.counts = core::ProgressCounts{row.Int(7), row.Int(8), row.Int(9), row.Int(10),
                                      row.Int(11)};
  return cadre;
}

}  // namespace

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
                                     const core::ProgressTargets& targets,
                                     const std::string& now) {
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
  std::vector<Param> params;
  std::string sql = Select(region_code, params);
  sql += Bind(params, year) + " WHERE he.kind = 'cadre' AND " +
         HelperScopeCondition(DataScope::Region(region_code, false, false), params) + " AND " +
         HelperScopeCondition(scope, params) + " ORDER BY he.id";
  database_.ForEachRow(sql, params, [&](const RowView& row) { visit(ReadRow(row)); });
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
