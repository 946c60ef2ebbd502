#include "store/stats_repository.h"

#include "core/region_code.h"

namespace shuanglian::store {

std::vector<VillageCategoryTotals> StatsRepository::VillageTotals(const std::string& region_code) {
  constexpr std::string_view kSelect =
      "SELECT village_code, category, count(*), sum(members), sum(labour), "
      "sum(coalesce(arable_land_centimu, 0)), "
      "sum(CASE WHEN per_capita_income_fen IS NULL THEN 0 ELSE per_capita_income_fen * "
      "members END), "
      "sum(CASE WHEN per_capita_income_fen IS NULL THEN 0 ELSE members END), "
      "sum(CASE WHEN declared_members IS NOT NULL AND declared_members <> members THEN 1 ELSE "
      "0 END) "
      "FROM (SELECT h.village_code, h.group_code, h.category, h.arable_land_centimu, "
      "h.per_capita_income_fen, h.declared_members, coalesce(c.member_count, 0) AS members, "
      "coalesce(c.labour_count, 0) AS labour FROM households h LEFT JOIN household_counts c ON "
      "c.household_id = h.id) households WHERE ";
  const auto level = core::LevelOfCode(region_code);
  ResultSet rows;
  if (level == core::RegionLevel::kGroup) {
    rows =
        database_.Query(std::string(kSelect) +
                            "village_code = $1 AND group_code = $2 GROUP BY village_code, category",
                        {std::stoll(region_code.substr(0, 12)), std::stoll(region_code)});
  } else {
    const auto range = core::VillageRangeOf(region_code);
    rows = database_.Query(
        std::string(kSelect) + "village_code BETWEEN $1 AND $2 GROUP BY village_code, category",
        {range.low, range.high});
  }
  std::vector<VillageCategoryTotals> totals;
  for (const RowView row : rows) {
    totals.push_back(VillageCategoryTotals{row.Text(0), row.Text(1), row.Int(2), row.Int(3),
                                           row.Int(4), row.Int(5), row.Int(6), row.Int(7),
                                           row.Int(8)});
  }
  return totals;
}

std::vector<std::pair<std::string, std::int64_t>> StatsRepository::GroupCounts(
    const std::string& region_code) {
  const auto range = core::GroupRangeOf(region_code);
  std::vector<std::pair<std::string, std::int64_t>> counts;
  for (const RowView row : database_.Query(
           "SELECT parent_code, count(*) FROM regions WHERE level = $1 AND sort_key BETWEEN $2 "
           "AND $3 GROUP BY parent_code",
           {static_cast<int>(core::RegionLevel::kGroup), range.low, range.high})) {
    counts.emplace_back(row.Text(0), row.Int(1));
  }
  return counts;
}

std::vector<DeclaredFigure> StatsRepository::DeclaredFigures(const std::string& region_code) {
  const auto range = core::GroupRangeOf(region_code);
  std::vector<DeclaredFigure> figures;
  for (const RowView row : database_.Query(
           "SELECT d.region_code, d.figure, d.value, d.source FROM declared_figures d "
           "JOIN regions r ON r.code = d.region_code WHERE r.sort_key BETWEEN $1 AND $2 "
           "ORDER BY r.level, d.region_code, d.figure",
           {range.low, range.high})) {
    figures.push_back(DeclaredFigure{row.Text(0), row.Text(1), row.Int(2), row.Text(3)});
  }
  return figures;
}

}  // namespace shuanglian::store
