#include "store/pairing_repository.h"

#include "core/record_reader.h"
#include "core/region_code.h"
#include "core/text.h"
#include "store/name_search.h"
#include "store/scope_sql.h"
#include "store/sql_util.h"

namespace shuanglian::store {

namespace {

std::string Join(const std::vector<std::string>& codes) {
  std::string out;
  for (const std::string& code : codes) {
    out += (out.empty() ? "" : ",") + code;
  }
  return out;
}

Param Optional(const std::optional<std::int64_t>& value) {
  return value ? Param(*value) : Param();
}

StoredUnit ReadUnit(const RowView& row) {
  StoredUnit stored;
  stored.id = row.Int(0);
  stored.unit.name = row.Text(1);
  stored.unit.unit_type = row.Text(2);
  stored.unit.affiliation = row.Text(3);
  stored.parent_id = row.OptInt(4);
  stored.unit.region_code = row.Text(5);
  stored.unit.address = row.Text(6);
  stored.unit.leader_name = row.Text(7);
  stored.unit.phone = row.Text(8);
  stored.unit.parent_name = row.Text(9);
  stored.helpers = row.Int(10);
  return stored;
}

constexpr std::string_view kUnitSelect =
    "SELECT u.id, u.name, u.unit_type, u.affiliation, u.parent_id, u.region_code, u.address, "
    "u.leader_name, "
    "u.phone, p.name, (SELECT count(*) FROM helpers h WHERE h.unit_id = u.id) FROM units u LEFT "
    "JOIN units p ON "
    "p.id = u.parent_id ";

StoredHelper ReadHelper(const RowView& row) {
  StoredHelper stored;
  stored.id = row.Int(0);
  stored.helper.name = row.Text(1);
  stored.helper.kind = row.Text(2);
  stored.unit_id = row.OptInt(3);
  stored.helper.rank = row.Text(4);
  stored.helper.title = row.Text(5);
  stored.helper.flags = core::SplitAny(row.Text(6), {","});
  stored.helper.phone = row.Text(7);
  stored.helper.region_code = row.Text(8);
  stored.helper.unit_name = row.Text(9);
  stored.households = row.Int(10);
  return stored;
}

constexpr std::string_view kHelperSelect =
    "SELECT he.id, he.name, he.kind, he.unit_id, he.rank, he.title, he.flags, he.phone, "
    "he.region_code, u.name, (SELECT count(*) FROM pairings p WHERE p.helper_id = he.id AND "
    "p.end_date IS NULL AND p.household_id IS NOT NULL) FROM helpers he LEFT JOIN units u ON "
    "u.id = he.unit_id ";

constexpr std::string_view kPairingSelect =
    "SELECT p.id, p.kind, p.helper_id, p.unit_id, p.village_code, p.group_code, p.household_id, "
    "p.start_date, p.end_date, p.note, p.created_by, he.name, he.phone, u.name, ho.household_no, "
    "ho.head_name, hu.name FROM pairings p LEFT JOIN helpers he ON he.id = p.helper_id LEFT JOIN "
    "units u ON u.id = p.unit_id LEFT JOIN units hu ON hu.id = he.unit_id LEFT JOIN households ho "
    "ON ho.id = p.household_id ";

StoredPairing ReadPairing(const RowView& row) {
  StoredPairing pairing;
  pairing.id = row.Int(0);
  pairing.kind = row.Text(1);
  pairing.helper_id = row.OptInt(2);
  pairing.unit_id = row.OptInt(3);
  pairing.village_code = row.Text(4);
  pairing.group_code = row.Text(5);
  pairing.household_id = row.OptInt(6);
  pairing.start_date = row.Text(7);
  pairing.end_date = row.Text(8);
  pairing.note = row.Text(9);
  pairing.created_by = row.Text(10);
  pairing.helper_name = row.Text(11);
  pairing.helper_phone = row.Text(12);
  pairing.unit_name = row.Text(13);
  pairing.household_no = row.Text(14);
  pairing.head_name = row.Text(15);
  pairing.helper_unit_name = row.Text(16);
  return pairing;
}

std::string Page(std::int64_t offset, std::int64_t limit) {
  return limit > 0 ? " LIMIT " + std::to_string(limit) + " OFFSET " + std::to_string(offset) : "";
}

// Runs `select + where + order + page`, and counts the whole when asked: one list query shape
// for units, helpers and pairings.
template <typename Read>
auto SelectPage(Database& database, std::string_view select, std::string_view from,
                const std::string& where, const std::vector<Param>& params,
                const std::string& order, std::int64_t offset, std::int64_t limit,
                std::int64_t* total, Read read) {
  std::vector<decltype(read(std::declval<const RowView&>()))> items;
  database.ForEachRow(std::string(select) + where + order + Page(offset, limit), params,
                      [&](const RowView& row) { items.push_back(read(row)); });
  if (total != nullptr) {
    *total = database.Query("SELECT count(*) " + std::string(from) + where, params)[0].Int(0);
  }
  return items;
}

}  // namespace

std::vector<StoredUnit> PairingRepository::Units(const UnitFilter& filter, const DataScope& scope,
                                                 std::int64_t* total) {
  std::vector<Param> params;
  std::string where = " WHERE " + UnitScopeCondition(scope, params);
  if (!filter.query.empty()) {
    where += " AND " + ContainsIgnoringAsciiCase(database_.backend(), "u.name",
                                                 Bind(params, ContainsPattern(filter.query)));
  }
  return SelectPage(database_, kUnitSelect, "FROM units u", where, params, " ORDER BY u.id",
                    filter.offset, filter.limit, total, ReadUnit);
}

std::optional<StoredUnit> PairingRepository::UnitById(std::int64_t id, const DataScope& scope) {
  std::vector<Param> params{id};
  const std::string where = " WHERE u.id = $1 AND " + UnitScopeCondition(scope, params);
  const auto rows = database_.Query(std::string(kUnitSelect) + where, params);
  return rows.empty() ? std::nullopt : std::optional<StoredUnit>(ReadUnit(rows[0]));
}

std::optional<StoredUnit> PairingRepository::UnitByName(const std::string& name) {
  const auto rows = database_.Query(std::string(kUnitSelect) + "WHERE u.name = $1", {name});
  return rows.empty() ? std::nullopt : std::optional<StoredUnit>(ReadUnit(rows[0]));
}

std::int64_t PairingRepository::CreateUnit(const core::Unit& unit,
                                           std::optional<std::int64_t> parent_id,
                                           const std::string& now) {
  return database_
      .Query(
          "INSERT INTO units (name, unit_type, affiliation, parent_id, region_code, address, "
          "leader_name, phone, "
          "created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $9) RETURNING id",
          {unit.name, unit.unit_type, unit.affiliation, Optional(parent_id),
           unit.region_code.empty() ? Param() : Param(unit.region_code), unit.address,
           unit.leader_name, unit.phone, now})[0]
      .Int(0);
}

void PairingRepository::UpdateUnit(std::int64_t id, const core::Unit& unit,
                                   std::optional<std::int64_t> parent_id, const std::string& now) {
  database_.Execute(
      "UPDATE units SET name = $2, unit_type = $3, affiliation = $4, parent_id = $5, region_code = "
      "$6, address = "
      "$7, leader_name = $8, phone = $9, updated_at = $10 WHERE id = $1",
      {id, unit.name, unit.unit_type, unit.affiliation, Optional(parent_id),
       unit.region_code.empty() ? Param() : Param(unit.region_code), unit.address, unit.leader_name,
       unit.phone, now});
}

std::vector<StoredHelper> PairingRepository::Helpers(const HelperFilter& filter,
                                                     const DataScope& scope, std::int64_t* total) {
  std::vector<Param> params;
  std::string where = " WHERE " + HelperScopeCondition(scope, params);
  if (filter.unit_id) {
    where += " AND he.unit_id = " + Bind(params, *filter.unit_id);
  }
  if (!filter.kind.empty()) {
    where += " AND he.kind = " + Bind(params, filter.kind);
  }
  if (!filter.query.empty()) {
    const std::string like = Bind(params, ContainsPattern(filter.query));
    // A phone is digits: no case to ignore.
    where += " AND (" + ContainsIgnoringAsciiCase(database_.backend(), "he.name", like) +
             " OR he.phone LIKE " + like + " ESCAPE '\\')";
  }
  return SelectPage(database_, kHelperSelect, "FROM helpers he", where, params, " ORDER BY he.id",
                    filter.offset, filter.limit, total, ReadHelper);
}

std::optional<StoredHelper> PairingRepository::HelperById(std::int64_t id, const DataScope& scope) {
  std::vector<Param> params{id};
  const std::string where = " WHERE he.id = $1 AND " + HelperScopeCondition(scope, params);
  const auto rows = database_.Query(std::string(kHelperSelect) + where, params);
  return rows.empty() ? std::nullopt : std::optional<StoredHelper>(ReadHelper(rows[0]));
}

std::optional<StoredHelper> PairingRepository::HelperByPhone(const std::string& phone) {
  const auto rows = database_.Query(std::string(kHelperSelect) + "WHERE he.phone = $1",
                                    {core::PhoneDigits(phone)});
  return rows.empty() ? std::nullopt : std::optional<StoredHelper>(ReadHelper(rows[0]));
}

std::int64_t PairingRepository::CreateHelper(const core::Helper& helper,
                                             std::optional<std::int64_t> unit_id,
                                             const std::string& now) {
  const std::string flags = Join(helper.flags);
  return database_
      .Query(
          "INSERT INTO helpers (name, kind, unit_id, rank, title, flags, phone, region_code, "
          "created_at, "
          "updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $9) RETURNING id",
          {helper.name, helper.kind, Optional(unit_id), helper.rank, helper.title, flags,
           core::PhoneDigits(helper.phone),
           helper.region_code.empty() ? Param() : Param(helper.region_code), now})[0]
      .Int(0);
}

void PairingRepository::UpdateHelper(std::int64_t id, const core::Helper& helper,
                                     std::optional<std::int64_t> unit_id, const std::string& now) {
  const std::string flags = Join(helper.flags);
  database_.Execute(
      "UPDATE helpers SET name = $2, kind = $3, unit_id = $4, rank = $5, title = $6, flags = $7, "
      "phone = $8, "
      "region_code = $9, updated_at = $10 WHERE id = $1",
      {id, helper.name, helper.kind, Optional(unit_id), helper.rank, helper.title, flags,
       core::PhoneDigits(helper.phone),
       helper.region_code.empty() ? Param() : Param(helper.region_code), now});
}

std::vector<StoredPairing> PairingRepository::Pairings(const PairingFilter& filter,
                                                       const DataScope& scope,
                                                       std::int64_t* total) {
  std::vector<Param> params;
  std::string where = " WHERE " + PairingScopeCondition(scope, params);
  if (filter.active_only) {
    where += " AND p.end_date IS NULL";
  }
  if (!filter.region.empty()) {
    const auto range = core::VillageRangeOf(filter.region);
    const std::string low = Bind(params, range.low);
    where += " AND p.village_code BETWEEN " + low + " AND " + Bind(params, range.high);
  }
  if (filter.helper_id) {
    where += " AND p.helper_id = " + Bind(params, *filter.helper_id);
  }
  if (filter.unit_id) {
    const std::string unit = Bind(params, *filter.unit_id);
    where += " AND (p.unit_id = " + unit +
             " OR p.helper_id IN (SELECT id FROM helpers WHERE unit_id = " + unit + "))";
  }
  if (filter.household_id) {
    where += " AND p.household_id = " + Bind(params, *filter.household_id);
  }
  if (!filter.kind.empty()) {
    where += " AND p.kind = " + Bind(params, filter.kind);
  }
  // A village's own pairings (no group, no household) first, then its households', then its
  // groups': NULL placed explicitly, as SQLite sorts it first and PostgreSQL last.
  return SelectPage(database_, kPairingSelect, "FROM pairings p", where, params,
                    " ORDER BY p.village_code, p.group_code NULLS FIRST, p.household_id NULLS "
                    "FIRST, p.id",
                    filter.offset, filter.limit, total, ReadPairing);
}

std::optional<StoredPairing> PairingRepository::PairingById(std::int64_t id,
                                                            const DataScope& scope) {
  std::vector<Param> params{id};
  const std::string where = " WHERE p.id = $1 AND " + PairingScopeCondition(scope, params);
  const auto rows = database_.Query(std::string(kPairingSelect) + where, params);
  return rows.empty() ? std::nullopt : std::optional<StoredPairing>(ReadPairing(rows[0]));
}

std::int64_t PairingRepository::OpenPairing(const StoredPairing& pairing, std::int64_t county_code,
                                            const std::string& now) {
  return database_
      .Query(
          "INSERT INTO pairings (county_code, kind, helper_id, unit_id, village_code, group_code, "
          "household_id, "
          "start_date, note, created_by, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, "
          "$10, $11) "
          "RETURNING id",
          {county_code, pairing.kind, Optional(pairing.helper_id), Optional(pairing.unit_id),
           std::stoll(pairing.village_code),
           pairing.group_code.empty() ? Param() : Param(std::stoll(pairing.group_code)),
           Optional(pairing.household_id), pairing.start_date, pairing.note, pairing.created_by,
           now})[0]
      .Int(0);
}

void PairingRepository::EndPairing(std::int64_t id, const std::string& end_date) {
  database_.Execute("UPDATE pairings SET end_date = $2 WHERE id = $1 AND end_date IS NULL",
                    {id, end_date});
}

std::int64_t PairingRepository::QuotaLoad(std::int64_t helper_id) {
  return database_
      .Query(
          "SELECT count(*) FROM pairings WHERE helper_id = $1 AND kind = 'cadre_household' AND "
          "end_date IS NULL",
          {helper_id})[0]
      .Int(0);
}

std::map<std::int64_t, std::int64_t> PairingRepository::QuotaLoads() {
  std::map<std::int64_t, std::int64_t> loads;
  for (const RowView row : database_.Query("SELECT helper_id, count(*) FROM pairings WHERE kind = "
                                           "'cadre_household' AND end_date IS NULL GROUP BY "
                                           "helper_id")) {
    loads[row.Int(0)] = row.Int(1);
  }
  return loads;
}

namespace {

constexpr std::string_view kRuleColumns =
    "SELECT region_code, max_households_per_cadre, required_categories, village_needs_leader, "
    "village_needs_unit, group_needs_cadre FROM coverage_rules";

core::CoverageRule ReadRule(const RowView& row) {
  core::CoverageRule rule;
  rule.max_households_per_cadre = row.Int(1);
  for (const std::string& code : core::SplitAny(row.Text(2), {","})) {
    rule.required_categories.insert(code);
  }
  rule.village_needs_leader = row.Int(3) != 0;
  rule.village_needs_unit = row.Int(4) != 0;
  rule.group_needs_cadre = row.Int(5) != 0;
  return rule;
}

}  // namespace

std::optional<core::CoverageRule> PairingRepository::RuleOf(const std::string& region_code) {
  const auto rows =
      database_.Query(std::string(kRuleColumns) + " WHERE region_code = $1", {region_code});
  return rows.empty() ? std::nullopt : std::optional<core::CoverageRule>(ReadRule(rows[0]));
}

std::map<std::string, core::CoverageRule> PairingRepository::AllRules() {
  std::map<std::string, core::CoverageRule> rules;
  for (const RowView row : database_.Query(std::string(kRuleColumns))) {
    rules.emplace(row.Text(0), ReadRule(row));
  }
  return rules;
}

core::CoverageRule PairingRepository::EffectiveRule(const std::string& region_code,
                                                    const core::DictionarySet& dictionaries,
                                                    std::string* from_region) {
  for (std::string code = region_code; !code.empty(); code = core::ParentCode(code)) {
    if (auto rule = RuleOf(code)) {
      if (from_region != nullptr) {
        *from_region = code;
      }
      return *rule;
    }
  }
  if (from_region != nullptr) {
    from_region->clear();
  }
  return core::CoverageRule::Default(dictionaries);
}

void PairingRepository::SaveRule(const std::string& region_code, const core::CoverageRule& rule,
                                 const std::string& now) {
  const std::string categories = Join(
      std::vector<std::string>(rule.required_categories.begin(), rule.required_categories.end()));
  database_.Execute(
      "INSERT INTO coverage_rules (region_code, max_households_per_cadre, required_categories, "
      "village_needs_leader, village_needs_unit, group_needs_cadre, updated_at) VALUES ($1, $2, "
      "$3, $4, $5, $6, $7) "
      "ON CONFLICT (region_code) DO UPDATE SET max_households_per_cadre = "
      "excluded.max_households_per_cadre, "
      "required_categories = excluded.required_categories, village_needs_leader = "
      "excluded.village_needs_leader, "
      "village_needs_unit = excluded.village_needs_unit, group_needs_cadre = "
      "excluded.group_needs_cadre, "
      "updated_at = excluded.updated_at",
      {region_code, rule.max_households_per_cadre, categories, rule.village_needs_leader ? 1 : 0,
       rule.village_needs_unit ? 1 : 0, rule.group_needs_cadre ? 1 : 0, now});
}

std::vector<OrganisationMember> PairingRepository::Organisation(const std::string& region_code) {
  std::vector<OrganisationMember> members;
  for (const RowView row : database_.Query("SELECT id, region_code, role, name, title, phone, "
                                           "sort_order FROM organisation_members WHERE "
                                           "region_code = $1 ORDER BY sort_order, id",
                                           {region_code})) {
    members.push_back(OrganisationMember{row.Int(0), row.Text(1), row.Text(2), row.Text(3),
                                         row.Text(4), row.Text(5), static_cast<int>(row.Int(6))});
  }
  return members;
}

void PairingRepository::ReplaceOrganisation(const std::string& region_code,
                                            const std::vector<OrganisationMember>& members) {
  database_.Execute("DELETE FROM organisation_members WHERE region_code = $1", {region_code});
  for (const OrganisationMember& member : members) {
    database_.Execute(
        "INSERT INTO organisation_members (region_code, role, name, title, phone, sort_order) "
        "VALUES ($1, $2, $3, "
        "$4, $5, $6)",
        {region_code, member.role, member.name, member.title, member.phone, member.sort_order});
  }
}

}  // namespace shuanglian::store
