#include "store/region_repository.h"

#include <algorithm>
#include <charconv>
#include <unordered_map>

#include "store/name_search.h"
#include "store/sql_util.h"

namespace shuanglian::store {

namespace {

std::int64_t SortKey(std::string_view code) {
  return core::GroupRangeOf(code).low;
}

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

RegionUpsertCounts RegionRepository::Upsert(std::span<const Region> regions,
                                            const std::string& now) {
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
  const auto rows =
      database_.Query("SELECT " + std::string(kColumns) + " FROM regions WHERE code = $1", {code});
  if (rows.empty()) {
    return std::nullopt;
  }
  return ReadRegion(rows[0]);
}

std::vector<Region> RegionRepository::Children(const std::string& code) {
  const auto rows = code.empty()
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
      "SELECT " + std::string(kColumns) + " FROM regions WHERE " +
          ContainsIgnoringAsciiCase(database_.backend(), "name", "$1") +
          " AND sort_key BETWEEN $2 AND $3 ORDER BY level, code LIMIT $4",
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
  const auto codes = EnsureGroups({GroupName{village_code, name}}, now);
  return {codes.front().code, codes.front().created};
}

namespace {

// Adds a stored group to what is known of its village's groups. A group's code is its
// village's 12 digits and a sequence of 3; a code of another form takes no sequence.
void Know(RegionRepository::KnownGroups& known, const std::string& village, const std::string& name,
          const std::string& code) {
  known.codes.emplace(village + "|" + name, code);
  int sequence = 0;
  const char* digits = code.data() + std::min<std::size_t>(code.size(), 12);
  const auto [end, error] = std::from_chars(digits, code.data() + code.size(), sequence);
  if (code.size() == 15 && error == std::errc() && end == code.data() + code.size()) {
    int& last = known.last[village];
    last = std::max(last, sequence);
  }
}

}  // namespace

std::vector<RegionRepository::GroupCode> RegionRepository::EnsureGroups(
    const std::vector<GroupName>& groups, const std::string& now) {
  // The groups the villages already have, and each village's last sequence number.
  std::vector<std::string> villages;
  for (const GroupName& group : groups) {
    villages.push_back(group.village_code);
  }
  std::sort(villages.begin(), villages.end());
  villages.erase(std::unique(villages.begin(), villages.end()), villages.end());
  KnownGroups known;
  const std::vector<Param> params(villages.begin(), villages.end());
  QueryInChunks(database_, "SELECT parent_code, name, code FROM regions WHERE parent_code IN (",
                ")", params,
                [&](const RowView& row) { Know(known, row.Text(0), row.Text(1), row.Text(2)); });
  return EnsureGroups(groups, now, known);
}

RegionRepository::KnownGroups RegionRepository::AllGroups() {
  if (database_.backend() == Backend::kPostgres) {
    // What was read stays true until the transaction ends: no one else adds a group meanwhile
    // (SQLite has one writer at a time anyway).
    database_.ExecuteScript("LOCK TABLE regions IN SHARE ROW EXCLUSIVE MODE");
  }
  KnownGroups known;
  database_.ForEachRow(
      "SELECT parent_code, name, code FROM regions WHERE level = $1",
      std::vector<Param>{static_cast<int>(core::RegionLevel::kGroup)},
      [&](const RowView& row) { Know(known, row.Text(0), row.Text(1), row.Text(2)); });
  return known;
}

std::vector<RegionRepository::GroupCode> RegionRepository::EnsureGroups(
    const std::vector<GroupName>& groups, const std::string& now, KnownGroups& known) {
  // New groups take the next free codes, in the order first named.
  std::vector<GroupCode> result;
  std::vector<Region> created;
  for (const GroupName& group : groups) {
    const std::string key = group.village_code + "|" + group.name;
    if (const auto found = known.codes.find(key); found != known.codes.end()) {
      result.push_back(GroupCode{found->second, false});
      continue;
    }
    int& last = known.last[group.village_code];
    const int sequence = ++last;
    if (sequence > 999) {
      throw StoreError(StoreError::Kind::kConstraint,
                       "村 " + group.village_code + " 的村民小组已超过999个");
    }
    Region region{core::GroupCode(group.village_code, sequence), core::RegionLevel::kGroup,
                  group.village_code, group.name};
    Know(known, group.village_code, group.name, region.code);
    result.push_back(GroupCode{region.code, true});
    created.push_back(std::move(region));
  }
  // The caller has checked that the villages exist (an import validates every village).
  if (created.empty()) {
    return result;
  }
  const std::unique_ptr<BulkWriter> writer = database_.BulkInsert(
      "regions", {"code", "level", "parent_code", "name", "sort_key", "county_code", "updated_at"});
  for (const Region& region : created) {
    writer->Append({region.code, static_cast<int>(region.level), region.parent_code, region.name,
                    SortKey(region.code), core::CountyCodeOf(region.code), now});
  }
  writer->Finish();
  return result;
}

}  // namespace shuanglian::store
