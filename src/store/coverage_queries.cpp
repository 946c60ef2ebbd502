#include "store/coverage_queries.h"

#include "core/region_code.h"

namespace shuanglian::store {

namespace {

constexpr std::string_view kCovering =
    "EXISTS (SELECT 1 FROM pairings p WHERE p.household_id = h.id AND p.end_date IS NULL AND "
    "p.kind IN "
    "('cadre_household', 'leader_household', 'wealthy_household'))";

// "h.village_code BETWEEN .. AND h.category IN (..)" with its parameters.
std::string RequiredWhere(const std::string& region, const std::set<std::string>& categories,
                          std::vector<Param>& params) {
  const auto range = core::VillageRangeOf(region);
  params.emplace_back(range.low);
  params.emplace_back(range.high);
  std::string where = " WHERE h.village_code BETWEEN $1 AND $2 AND h.category IN (";
  bool first = true;
  for (const std::string& category : categories) {
    params.emplace_back(category);
    where += (first ? "$" : ", $") + std::to_string(params.size());
    first = false;
  }
  if (first) {
    where += "NULL";
  }
  return where + ")";
}

}  // namespace

std::int64_t CoverageQueries::CountRequired(const std::string& region,
                                            const std::set<std::string>& categories) {
  std::vector<Param> params;
  const std::string where = RequiredWhere(region, categories, params);
  return database_.Query("SELECT count(*) FROM households h" + where, params)[0].Int(0);
}

std::int64_t CoverageQueries::CountCovered(const std::string& region,
                                           const std::set<std::string>& categories) {
  std::vector<Param> params;
  const std::string where = RequiredWhere(region, categories, params);
  return database_
      .Query("SELECT count(*) FROM households h" + where + " AND " + std::string(kCovering),
             params)[0]
      .Int(0);
}

std::vector<UncoveredHousehold> CoverageQueries::Uncovered(const std::string& region,
                                                           const std::set<std::string>& categories,
                                                           std::int64_t limit) {
  std::vector<Param> params;
  std::string sql =
      "SELECT h.id, h.household_no, h.head_name, h.village_code, h.category FROM households h" +
      RequiredWhere(region, categories, params) + " AND NOT " + std::string(kCovering) +
      " ORDER BY h.household_no";
  if (limit > 0) {
    params.emplace_back(limit);
    sql += " LIMIT $" + std::to_string(params.size());
  }
  std::vector<UncoveredHousehold> households;
  database_.ForEachRow(sql, params, [&](const RowView& row) {
    households.push_back(
        UncoveredHousehold{row.Int(0), row.Text(1), row.Text(2), row.Text(3), row.Text(4)});
  });
  return households;
}

std::vector<RegionGap> CoverageQueries::VillagesWithout(const std::string& region,
                                                        const std::vector<std::string>& kinds) {
  const auto range = core::GroupRangeOf(region);
  std::vector<Param> params{5, range.low, range.high};
  std::string list;
  for (const std::string& kind : kinds) {
    params.emplace_back(kind);
    list += (list.empty() ? "$" : ", $") + std::to_string(params.size());
  }
  std::vector<RegionGap> gaps;
  for (const RowView row :
       database_.Query("SELECT r.code, r.name FROM regions r WHERE r.level = $1 AND r.sort_key "
                       "BETWEEN $2 AND $3 AND NOT EXISTS "
                       "(SELECT 1 FROM pairings p WHERE p.village_code = r.sort_key / 1000 AND "
                       "p.group_code IS NULL AND "
                       "p.household_id IS NULL AND p.end_date IS NULL AND p.kind IN (" +
                           list + ")) ORDER BY r.code",
                       params)) {
    gaps.push_back(RegionGap{row.Text(0), row.Text(1)});
  }
  return gaps;
}

std::vector<RegionGap> CoverageQueries::GroupsWithout(const std::string& region,
                                                      const std::string& kind) {
  const auto range = core::GroupRangeOf(region);
  std::vector<RegionGap> gaps;
  for (const RowView row : database_.Query("SELECT r.code, r.name FROM regions r WHERE r.level = "
                                           "$1 AND r.sort_key BETWEEN $2 AND $3 AND NOT EXISTS "
                                           "(SELECT 1 FROM pairings p WHERE p.group_code = "
                                           "r.sort_key AND p.end_date IS NULL AND p.kind = $4) "
                                           "ORDER BY r.code",
                                           {6, range.low, range.high, kind})) {
    gaps.push_back(RegionGap{row.Text(0), row.Text(1)});
  }
  return gaps;
}

std::int64_t CoverageQueries::CountLevel(const std::string& region, int level) {
  const auto range = core::GroupRangeOf(region);
  return database_
      .Query("SELECT count(*) FROM regions WHERE level = $1 AND sort_key BETWEEN $2 AND $3",
             {level, range.low, range.high})[0]
      .Int(0);
}

std::vector<CadreLoad> CoverageQueries::CadreLoadsIn(const std::string& region) {
  const auto range = core::VillageRangeOf(region);
  std::vector<CadreLoad> loads;
  for (const RowView row : database_.Query("SELECT he.id, he.name, u.name, (SELECT count(*) FROM "
                                           "pairings q WHERE q.helper_id = he.id AND q.kind = "
                                           "'cadre_household' AND q.end_date IS NULL) FROM helpers "
                                           "he LEFT JOIN units u ON u.id = he.unit_id WHERE "
                                           "he.id IN (SELECT p.helper_id FROM pairings p WHERE "
                                           "p.kind = 'cadre_household' AND p.end_date IS NULL "
                                           "AND p.village_code BETWEEN $1 AND $2) ORDER BY he.id",
                                           {range.low, range.high})) {
    loads.push_back(CadreLoad{row.Int(0), row.Text(1), row.Text(2), row.Int(3)});
  }
  return loads;
}

std::vector<std::pair<std::int64_t, std::string>> CoverageQueries::CadreVillagesIn(
    const std::string& region) {
  const auto range = core::VillageRangeOf(region);
  std::vector<std::pair<std::int64_t, std::string>> villages;
  for (const RowView row : database_.Query(
           "SELECT DISTINCT q.helper_id, q.village_code FROM pairings q WHERE q.kind = "
           "'cadre_household' AND q.end_date IS NULL AND q.helper_id IN (SELECT p.helper_id FROM "
           "pairings p WHERE p.kind = 'cadre_household' AND p.end_date IS NULL AND p.village_code "
           "BETWEEN $1 AND $2) ORDER BY q.helper_id, q.village_code",
           {range.low, range.high})) {
    villages.emplace_back(row.Int(0), row.Text(1));
  }
  return villages;
}

std::vector<CandidateCadre> CoverageQueries::VillageCadres(const std::string& region) {
  const auto range = core::VillageRangeOf(region);
  std::vector<CandidateCadre> candidates;
  for (const RowView row : database_.Query(
           "SELECT DISTINCT p.village_code, he.id FROM pairings p JOIN helpers he ON he.unit_id = "
           "p.unit_id WHERE "
           "p.kind IN ('unit_village', 'enterprise_village') AND p.end_date IS NULL AND "
           "p.household_id IS NULL AND "
           "he.kind = 'cadre' AND p.village_code BETWEEN $1 AND $2 ORDER BY p.village_code, he.id",
           {range.low, range.high})) {
    candidates.push_back(CandidateCadre{row.Text(0), row.Int(1)});
  }
  return candidates;
}

std::vector<CandidateCadre> CoverageQueries::TownshipCadres(const std::string& region) {
  // A village's households may go to any cadre of its township: widen a village to it.
  const std::string scope = region.size() > 9 ? region.substr(0, 9) : region;
  const auto range = core::VillageRangeOf(scope);
  std::vector<CandidateCadre> candidates;
  // Cadres of units paired with a village of the township. In order: the order of the
  // candidates numbers the solver's cadres, which breaks its ties (without ORDER BY, the
  // DISTINCT came hashed or sorted as the plan had it, and SQLite and PostgreSQL paired 131
  // of the demo's households otherwise).
  for (const RowView row :
       database_.Query("SELECT DISTINCT p.village_code / 1000, he.id FROM pairings p JOIN helpers "
                       "he ON he.unit_id = p.unit_id "
                       "WHERE p.kind IN ('unit_village', 'enterprise_village') AND p.end_date IS "
                       "NULL AND p.household_id IS NULL "
                       "AND he.kind = 'cadre' AND p.village_code BETWEEN $1 AND $2 ORDER BY 1, 2",
                       {range.low, range.high})) {
    candidates.push_back(CandidateCadre{row.Text(0), row.Int(1)});
  }
  // Cadres of units that sit in the township (its government, its departments): region
  // codes that start with the scope's, as a text range.
  for (const RowView row :
       database_.Query("SELECT u.region_code, he.id FROM helpers he JOIN units u ON u.id = "
                       "he.unit_id WHERE he.kind = 'cadre' AND "
                       "u.region_code >= $1 AND u.region_code < $2 ORDER BY he.id",
                       {scope, core::CodePrefixEnd(scope)})) {
    const std::string code = row.Text(0);
    if (code.size() >= 9) {
      candidates.push_back(CandidateCadre{code.substr(0, 9), row.Int(1)});
    }
  }
  return candidates;
}

}  // namespace shuanglian::store
