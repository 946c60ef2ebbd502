#include "store/region_repository.h"

#include <algorithm>

#include "store/sql_util.h"

namespace shuanglian::store {

namespace {

std::int64_t SortKey(std::string_view code) { return core::GroupRangeOf(code).low; }

Region ReadRegion(const RowView& row) {
  Region region;
  region.code = row.Text(0);
  region.level = static_cast<core::RegionLevel>(row.Int(1));
  region.parent_code = row.Text(2);
  region.name = row.Text(3);
  return region;
}

constexpr std::string_view kColumns = "code, level, parent_code, name";

}  // namespace

RegionUpsertCounts RegionRepository::Upsert(std::span<const Region> regions, const std::string& now) {
  RegionUpsertCounts counts;
  // Through the connection's statement cache: groups are upserted one at a time, thousands
  // of times in one import.
  constexpr std::string_view kFind = "SELECT name FROM regions WHERE code = $1";
  for (const Region& region : regions) {
    const auto existing = database_.Query(kFind, {region.code});
    if (existing.empty() && !region.parent_code.empty() &&
        database_.Query(kFind, {region.parent_code}).empty()) {
      counts.orphans.push_back(region.code);
      continue;
    }
    if (existing.empty()) {
      database_.Execute(
          "INSERT INTO regions (code, level, parent_code, name, sort_key, county_code, updated_at) "
          "VALUES ($1, $2, $3, $4, $5, $6, $7)",
          {region.code, static_cast<int>(region.level),
           region.parent_code.empty() ? Param() : Param(region.parent_code), region.name,
           SortKey(region.code), core::CountyCodeOf(region.code), now});
      ++counts.inserted;
    } else if (existing[0].Text(0) != region.name) {
      database_.Execute("UPDATE regions SET name = $2, updated_at = $3 WHERE code = $1",
                        {region.code, region.name, now});
      ++counts.renamed;
    } else {
      ++counts.unchanged;
    }
  }
  return counts;
}

std::optional<Region> RegionRepository::Get(const std::string& code) {
  const auto rows = database_.Query(
      "SELECT " + std::string(kColumns) + " FROM regions WHERE code = $1", {code});
  if (rows.empty()) {
    return std::nullopt;
  }
  return ReadRegion(rows[0]);
}

std::vector<Region> RegionRepository::Children(const std::string& code) {
  const auto rows =
      code.empty()
          ? database_.Query("SELECT " + std::string(kColumns) +
                            " FROM regions WHERE parent_code IS NULL ORDER BY code")
          : database_.Query("SELECT " + std::string(kColumns) +
                                " FROM regions WHERE parent_code = $1 ORDER BY code",
                            {code});
  std::vector<Region> regions;
  for (const RowView row : rows) {
    regions.push_back(ReadRegion(row));
  }
  return regions;
}

std::vector<Region> RegionRepository::PathToRoot(const std::string& code) {
  std::vector<Region> path;
  std::string current = code;
  while (!current.empty()) {
    auto region = Get(current);
    if (!region) {
      break;
    }
    current = region->parent_code;
    path.push_back(std::move(*region));
  }
  std::reverse(path.begin(), path.end());
  return path;
}

std::vector<Region> RegionRepository::SearchByName(const std::string& text,
                                                   const std::string& within, std::size_t limit) {
  const auto range = core::GroupRangeOf(within);
  const auto rows = database_.Query(
      "SELECT " + std::string(kColumns) +
          " FROM regions WHERE name LIKE $1 ESCAPE '\\' AND sort_key BETWEEN $2 AND $3 "
          "ORDER BY level, code LIMIT $4",
      {ContainsPattern(text), within.empty() ? 0 : range.low,
       within.empty() ? INT64_C(999999999999999) : range.high, static_cast<std::int64_t>(limit)});
  std::vector<Region> regions;
  for (const RowView row : rows) {
    regions.push_back(ReadRegion(row));
  }
  return regions;
}

std::int64_t RegionRepository::CountBelow(const std::string& code, core::RegionLevel level) {
  const auto range = core::GroupRangeOf(code);
  const auto rows = database_.Query(
      "SELECT count(*) FROM regions WHERE level = $1 AND sort_key BETWEEN $2 AND $3",
      {static_cast<int>(level), range.low, range.high});
  return rows[0].Int(0);
}

core::RegionIndex RegionRepository::LoadIndex() {
  core::RegionIndex index;
  database_.ForEachRow("SELECT code FROM regions WHERE level >= 5", {},
                       [&](const RowView& row) { index.Add(row.Text(0)); });
  index.Finish();
  return index;
}

std::pair<std::string, bool> RegionRepository::EnsureGroup(const std::string& village_code,
                                                           const std::string& name,
                                                           const std::string& now) {
  const auto found = database_.Query(
      "SELECT code FROM regions WHERE parent_code = $1 AND name = $2", {village_code, name});
  if (!found.empty()) {
    return {found[0].Text(0), false};
  }
  // A village's children are all groups; naming only the parent keeps the planner on
  // regions_parent rather than scanning every group of the province by level.
  const auto last = database_.Query("SELECT max(code) FROM regions WHERE parent_code = $1",
                                    {village_code});
  int sequence = 1;
  if (!last.empty() && !last[0].IsNull(0)) {
    sequence = std::stoi(last[0].Text(0).substr(12)) + 1;
  }
  if (sequence > 999) {
    throw StoreError(StoreError::Kind::kConstraint, "村 " + village_code + " 的村民小组已超过999个");
  }
  // The caller has checked that the village exists (the import validates every village).
  const std::string code = core::GroupCode(village_code, sequence);
  database_.Execute(
      "INSERT INTO regions (code, level, parent_code, name, sort_key, county_code, updated_at) "
      "VALUES ($1, $2, $3, $4, $5, $6, $7)",
      {code, static_cast<int>(core::RegionLevel::kGroup), village_code, name, SortKey(code),
       core::CountyCodeOf(code), now});
  return {code, true};
}

}  // namespace shuanglian::store
