#include "store/household_repository.h"

#include <deque>

#include "core/id_number.h"
#include "core/region_code.h"
#include "core/text.h"
#include "store/name_search.h"
#include "store/scope_sql.h"
#include "store/sql_util.h"

namespace shuanglian::store {

namespace {

constexpr std::string_view kHouseholdSelect =
    "SELECT h.id, h.household_no, h.head_name, h.head_id_number, h.village_code, h.group_code, "
    "h.declared_members, h.phone, h.category, h.main_cause, h.other_causes, "
    "h.per_capita_income_fen, "
    "h.arable_land_centimu, h.dilapidated_house, h.identification_year, h.exit_status, "
    "h.exit_year, "
    "h.assistance_type, h.identification_standard, h.bank_account, coalesce(c.member_count, 0), "
    "coalesce(c.labour_count, 0), h.created_at, h.updated_at, v.name, g.name "
    "FROM households h "
    "LEFT JOIN household_counts c ON c.household_id = h.id "
    "LEFT JOIN regions v ON v.level = 5 AND v.sort_key = h.village_code * 1000 "
    "LEFT JOIN regions g ON g.level = 6 AND g.sort_key = h.group_code ";

constexpr std::string_view kPersonSelect =
    "SELECT p.id, h.household_no, p.name, p.id_number, p.relation, p.sex, p.birth_date, "
    "p.ethnicity, "
    "p.education, p.schooling, p.health, p.labour_skill, p.work_location, p.work_months, p.phone, "
    "h.village_code, p.created_at, p.updated_at FROM persons p JOIN households h ON h.id = "
    "p.household_id ";

StoredHousehold ReadHousehold(const RowView& row) {
  StoredHousehold stored;
  stored.id = row.Int(0);
  core::Household& household = stored.household;
  household.household_no = row.Text(1);
  household.head_name = row.Text(2);
  household.head_id_number = row.Text(3);
  household.village_code = row.Text(4);
  household.group = row.Text(5);
  household.declared_members = row.OptInt(6);
  household.phone = row.Text(7);
  household.category = row.Text(8);
  household.main_cause = row.Text(9);
  household.other_causes = core::SplitAny(row.Text(10), {","});
  household.per_capita_income_fen = row.OptInt(11);
  household.arable_land_centimu = row.OptInt(12);
  if (const auto dilapidated = row.OptInt(13)) {
    household.dilapidated_house = *dilapidated != 0;
  }
  household.identification_year = row.OptInt(14);
  household.exit_status = row.Text(15);
  household.exit_year = row.OptInt(16);
  household.assistance_type = row.Text(17);
  household.identification_standard = row.Text(18);
  household.bank_account = row.Text(19);
  stored.member_count = row.Int(20);
  stored.labour_count = row.Int(21);
  stored.created_at = row.Text(22);
  stored.updated_at = row.Text(23);
  stored.village_name = row.Text(24);
  stored.group_name = row.Text(25);
  return stored;
}

StoredPerson ReadPerson(const RowView& row) {
  StoredPerson stored;
  stored.id = row.Int(0);
  core::Person& person = stored.person;
  person.household_no = row.Text(1);
  person.name = row.Text(2);
  person.id_number = row.Text(3);
  person.relation = row.Text(4);
  person.sex = row.Int(5) == 1 ? core::Sex::kMale : core::Sex::kFemale;
  person.birth_date = core::ParseDate(row.Text(6)).value_or(core::Date{});
  person.ethnicity = row.Text(7);
  person.education = row.Text(8);
  person.schooling = row.Text(9);
  person.health = row.Text(10);
  person.labour_skill = row.Text(11);
  person.work_location = row.Text(12);
  person.work_months = row.OptInt(13);
  person.phone = row.Text(14);
  stored.village_code = row.Text(15);
  stored.created_at = row.Text(16);
  stored.updated_at = row.Text(17);
  return stored;
}

// "Region X and below" for households of alias h: a village range, or one group.
std::string RegionCondition(const std::string& region, std::vector<Param>& params) {
  if (core::LevelOfCode(region) == core::RegionLevel::kGroup) {
    params.emplace_back(std::stoll(region.substr(0, 12)));
    params.emplace_back(std::stoll(region));
    return " AND h.village_code = $" + std::to_string(params.size() - 1) + " AND h.group_code = $" +
           std::to_string(params.size());
  }
  const auto range = core::VillageRangeOf(region);
  params.emplace_back(range.low);
  params.emplace_back(range.high);
  return " AND h.village_code BETWEEN $" + std::to_string(params.size() - 1) + " AND $" +
         std::to_string(params.size());
}

// Is a page in 户编号 order to be chosen from the numbers of the scope's households, read
// first? For a city, county, township or village, and for a cadre's households: the numbers
// come from the index by village (and 户编号) without touching the table, or from the cadre's
// few pairings, and sorting the numbers of a county takes milliseconds. Otherwise PostgreSQL
// may walk the 户编号 index from its start until fifty of the region's households turn up: it
// takes a region's households to be spread evenly over that order, when they sit together
// somewhere in it. Depending on ANALYZE's sample it planned a township's page that way or
// the other, 10 ms or 550 ms (docs/postgresql.md). The whole registry, or a province, has
// fifty of its households at the start of that order, and a search by name or number is
// found by its own condition: those keep the plan the planner chooses. So does a unit's
// scope without a region: its two conditions joined by OR (its cadres' households, its
// villages) would have every household read to choose the page (a review measured 91 to 96
// ms against 23 to 33 for the walk, on 100,000 households).
bool PageFromRegionFirst(const DataScope& scope, const std::string& region,
                         const std::string& query) {
  if (!core::CleanCell(query).empty()) {
    return false;
  }
  const auto below_province = [](const std::string& code) {
    const auto level = core::LevelOfCode(code);
    return level && *level != core::RegionLevel::kProvince;
  };
  if (!region.empty() && below_province(region)) {
    return true;
  }
  switch (scope.kind) {
    case DataScope::Kind::kRegion:
      return below_province(scope.region_code);
    case DataScope::Kind::kHelper:
      return true;
    default:
      return false;
  }
}

// The 户编号 of the households `where` selects, read once (MATERIALIZED), for a page chosen
// by PageFromRegionFirst.
std::string RegionNumbers(const std::string& where) {
  return "WITH region AS MATERIALIZED (SELECT h.household_no FROM households h" + where + ") ";
}

}  // namespace

std::string HouseholdRepository::Where(const HouseholdFilter& filter, const DataScope& scope,
                                       std::vector<Param>& params,
                                       std::deque<std::string>& storage) {
  std::string where = " WHERE " + HouseholdScopeCondition(scope, params);
  if (!filter.region.empty()) {
    where += RegionCondition(filter.region, params);
  }
  const auto add = [&](const std::string& value, const char* column) {
    if (!value.empty()) {
      storage.push_back(value);
      params.emplace_back(storage.back());
      where += std::string(" AND ") + column + " = $" + std::to_string(params.size());
    }
  };
  add(filter.category, "h.category");
  add(filter.cause, "h.main_cause");
  add(filter.exit_status, "h.exit_status");
  const std::string query = core::CleanCell(filter.query);
  if (!query.empty()) {
    const auto id = core::ParseIdNumber(query, core::Date{9999, 12, 31});
    if (id) {
      storage.push_back(id->value);
      params.emplace_back(storage.back());
      const std::string n = std::to_string(params.size());
      where +=
          " AND (h.head_id_number = $" + n +
          " OR EXISTS (SELECT 1 FROM persons p WHERE p.household_id = h.id AND p.id_number = $" +
          n + "))";
    } else {
      storage.push_back(query);
      params.emplace_back(storage.back());
      storage.push_back(ContainsPattern(query));
      params.emplace_back(storage.back());
      where += " AND (h.household_no = $" + std::to_string(params.size() - 1) + " OR " +
               ContainsIgnoringAsciiCase(database_.backend(), "h.head_name",
                                         "$" + std::to_string(params.size())) +
               ")";
    }
  }
  return where;
}

std::vector<StoredHousehold> HouseholdRepository::List(const HouseholdFilter& filter,
                                                       const DataScope& scope,
                                                       std::int64_t* total) {
  std::vector<Param> params;
  std::deque<std::string> storage;
  const std::string where = Where(filter, scope, params, storage);
  if (total != nullptr) {
    *total = Count(filter, scope);
  }
  // Sorting by a whitelisted column only; the household number breaks ties.
  // The member counts live in their own table, joined to choose the page only when sorting
  // by them.
  constexpr std::string_view kMemberCount = "coalesce(c.member_count, 0)";
  constexpr std::string_view kIncome = "h.per_capita_income_fen";
  static const std::pair<std::string_view, std::string_view> kSorts[] = {
      {"household_no", "h.household_no"},
      {"head_name", "h.head_name"},
      {"member_count", kMemberCount},
      {"per_capita_income", kIncome}};
  const bool descending = filter.sort.starts_with("-");
  const std::string_view key = descending ? std::string_view(filter.sort).substr(1) : filter.sort;
  std::string order = "h.household_no";
  for (const auto& [name, column] : kSorts) {
    if (key == name) {
      order = std::string(column);
    }
  }
  const std::string_view page_join =
      order == kMemberCount ? " LEFT JOIN household_counts c ON c.household_id = h.id" : "";
  const bool by_number = order == "h.household_no";
  const std::string direction = descending ? " DESC" : " ASC";
  // An unknown income (NULL, the one nullable sort column) comes last either way, on both
  // backends: SQLite sorts NULL first, PostgreSQL last ascending and first descending.
  order += direction + (order == kIncome ? " NULLS LAST" : "");
  if (!by_number) {
    order += ", h.household_no";
  }
  const std::string limit =
      " LIMIT " + Bind(params, filter.limit) + " OFFSET " + Bind(params, filter.offset);
  // The page is chosen first, by id or by number, and only its rows are read whole: sorting
  // whole rows of a township to show fifty was most of a list's cost.
  std::string with;
  std::string page;
  if (by_number && PageFromRegionFirst(scope, filter.region, filter.query)) {
    with = RegionNumbers(where);
    page = "FROM (SELECT household_no FROM region ORDER BY household_no" + direction + limit +
           ") page JOIN households h ON h.household_no = page.household_no ";
  } else {
    page = "FROM (SELECT h.id FROM households h" + std::string(page_join) + where + " ORDER BY " +
           order + limit + ") page JOIN households h ON h.id = page.id ";
  }
  std::string select(kHouseholdSelect);
  const std::string_view from = "FROM households h ";
  select.replace(select.find(from), from.size(), page);
  std::vector<StoredHousehold> households;
  for (const RowView row : database_.Query(with + select + " ORDER BY " + order, params)) {
    households.push_back(ReadHousehold(row));
  }
  return households;
}

std::int64_t HouseholdRepository::Count(const HouseholdFilter& filter, const DataScope& scope) {
  std::vector<Param> params;
  std::deque<std::string> storage;
  const std::string where = Where(filter, scope, params, storage);
  return database_.Query("SELECT count(*) FROM households h" + where, params)[0].Int(0);
}

void HouseholdRepository::ForEach(const HouseholdFilter& filter, const DataScope& scope,
                                  const std::function<void(const StoredHousehold&)>& visit) {
  std::vector<Param> params;
  std::deque<std::string> storage;
  const std::string where = Where(filter, scope, params, storage);
  database_.ForEachRow(std::string(kHouseholdSelect) + where + " ORDER BY h.household_no", params,
                       [&](const RowView& row) { visit(ReadHousehold(row)); });
}

std::optional<StoredHousehold> HouseholdRepository::Get(const std::string& household_no,
                                                        const DataScope& scope) {
  std::vector<Param> params;
  const std::string condition = HouseholdScopeCondition(scope, params);
  params.emplace_back(household_no);
  const auto rows = database_.Query(std::string(kHouseholdSelect) + " WHERE " + condition +
                                        " AND h.household_no = $" + std::to_string(params.size()),
                                    params);
  if (rows.empty()) {
    return std::nullopt;
  }
  return ReadHousehold(rows[0]);
}

std::vector<StoredPerson> HouseholdRepository::Members(std::int64_t household_id) {
  std::vector<StoredPerson> members;
  // The head first, then by relation and age, as a household register lists them.
  for (const RowView row :
       database_.Query(std::string(kPersonSelect) + "WHERE p.household_id = $1 ORDER BY CASE "
                                                    "p.relation WHEN 'head' THEN 0 WHEN 'spouse' "
                                                    "THEN 1 ELSE 2 END, p.birth_date, p.id",
                       {household_id})) {
    members.push_back(ReadPerson(row));
  }
  return members;
}

// Without a search, names households only (h): ListPersons then chooses a page from the
// households this selects (PageFromRegionFirst). A condition on members belongs with the
// search.
std::string HouseholdRepository::PersonWhere(const PersonFilter& filter, const DataScope& scope,
                                             std::vector<Param>& params,
                                             std::deque<std::string>& storage) {
  std::string where = " WHERE " + HouseholdScopeCondition(scope, params);
  if (!filter.region.empty()) {
    where += RegionCondition(filter.region, params);
  }
  const std::string query = core::CleanCell(filter.query);
  if (!query.empty()) {
    const auto id = core::ParseIdNumber(query, core::Date{9999, 12, 31});
    if (id) {
      storage.push_back(id->value);
      params.emplace_back(storage.back());
      where += " AND p.id_number = $" + std::to_string(params.size());
    } else {
      storage.push_back(ContainsPattern(query));
      params.emplace_back(storage.back());
      where += " AND " + ContainsIgnoringAsciiCase(database_.backend(), "p.name",
                                                   "$" + std::to_string(params.size()));
    }
  }
  return where;
}

std::vector<StoredPerson> HouseholdRepository::ListPersons(const PersonFilter& filter,
                                                           const DataScope& scope,
                                                           std::int64_t* total) {
  std::vector<Param> params;
  std::deque<std::string> storage;
  const std::string where = PersonWhere(filter, scope, params, storage);
  if (total != nullptr) {
    *total =
        database_
            .Query(
                "SELECT count(*) FROM persons p JOIN households h ON h.id = p.household_id" + where,
                params)[0]
            .Int(0);
  }
  const std::string limit =
      " LIMIT " + Bind(params, filter.limit) + " OFFSET " + Bind(params, filter.offset);
  std::string sql;
  if (PageFromRegionFirst(scope, filter.region, filter.query)) {
    // The region's numbers in order, then each one's household by the 户编号 index and its
    // members by the index on their household, until the page is full. (Without a search,
    // `where` names households only.) On PostgreSQL the household is looked up in a LATERAL
    // subquery that OFFSET 0 keeps apart: as a plain join, the planner merged the sorted
    // numbers of a city with a walk of the whole 户编号 index from its start (0.4 s instead of
    // 0.07). SQLite has no LATERAL, and joins by looking each number up anyway.
    const std::string household =
        database_.backend() == Backend::kPostgres
            ? "CROSS JOIN LATERAL (SELECT h.id, h.household_no, h.village_code FROM households h "
              "WHERE h.household_no = page.household_no OFFSET 0) h "
            : "JOIN households h ON h.household_no = page.household_no ";
    sql = std::string(kPersonSelect);
    const std::string_view from = "FROM persons p JOIN households h ON h.id = p.household_id ";
    sql.replace(sql.find(from), from.size(),
                "FROM (SELECT household_no FROM region ORDER BY household_no) page " + household +
                    "JOIN persons p ON p.household_id = h.id");
    sql = RegionNumbers(where) + sql + " ORDER BY page.household_no, p.id" + limit;
  } else {
    sql = std::string(kPersonSelect) + where + " ORDER BY h.household_no, p.id" + limit;
  }
  std::vector<StoredPerson> persons;
  for (const RowView row : database_.Query(sql, params)) {
    persons.push_back(ReadPerson(row));
  }
  return persons;
}

void HouseholdRepository::ForEachPerson(const PersonFilter& filter, const DataScope& scope,
                                        const std::function<void(const StoredPerson&)>& visit) {
  std::vector<Param> params;
  std::deque<std::string> storage;
  const std::string where = PersonWhere(filter, scope, params, storage);
  database_.ForEachRow(std::string(kPersonSelect) + where + " ORDER BY h.household_no, p.id",
                       params, [&](const RowView& row) { visit(ReadPerson(row)); });
}

std::optional<StoredPerson> HouseholdRepository::GetPerson(std::int64_t id,
                                                           const DataScope& scope) {
  std::vector<Param> params;
  const std::string condition = HouseholdScopeCondition(scope, params);
  params.emplace_back(id);
  const auto rows = database_.Query(std::string(kPersonSelect) + " WHERE " + condition +
                                        " AND p.id = $" + std::to_string(params.size()),
                                    params);
  if (rows.empty()) {
    return std::nullopt;
  }
  return ReadPerson(rows[0]);
}

void HouseholdRepository::Delete(const StoredHousehold& household, const std::string& snapshot_json,
                                 const std::string& now, const std::string& by) {
  database_.Execute(
      "INSERT INTO households_archive (county_code, household_no, snapshot, deleted_at, "
      "deleted_by) "
      "VALUES ($1, $2, $3, $4, $5)",
      {core::CountyCodeOf(household.household.village_code), household.household.household_no,
       snapshot_json, now, by});
  database_.Execute("DELETE FROM persons WHERE household_id = $1", {household.id});
  database_.Execute("DELETE FROM household_counts WHERE household_id = $1", {household.id});
  database_.Execute("DELETE FROM households WHERE id = $1", {household.id});
  // Its pairings end the day it goes (they stay, as its history): a cadre's households and
  // quota no longer count it.
  database_.Execute(
      "UPDATE pairings SET end_date = $2 WHERE household_id = $1 AND end_date IS NULL",
      {household.id, now.substr(0, 10)});
}

void HouseholdRepository::DeletePerson(const StoredPerson& person, const std::string& snapshot_json,
                                       const std::vector<std::string>& labour_codes,
                                       const std::string& now, const std::string& by) {
  database_.Execute(
      "INSERT INTO persons_archive (county_code, id_number, snapshot, deleted_at, deleted_by) "
      "VALUES "
      "($1, $2, $3, $4, $5)",
      {core::CountyCodeOf(person.village_code), person.person.id_number, snapshot_json, now, by});
  bool labour = false;
  for (const std::string& code : labour_codes) {
    labour = labour || code == person.person.labour_skill;
  }
  database_.Execute(
      "UPDATE household_counts SET member_count = member_count - 1, labour_count = labour_count - "
      "$2 WHERE household_id = (SELECT household_id FROM persons WHERE id = $1)",
      {person.id, labour ? 1 : 0});
  database_.Execute("DELETE FROM persons WHERE id = $1", {person.id});
}

}  // namespace shuanglian::store
