#include "store/fieldwork_repository.h"

#include <map>

#include "core/region_code.h"
#include "core/text.h"
#include "store/fieldwork_where.h"
#include "store/scope_sql.h"
#include "store/sql_util.h"

namespace shuanglian::store {

namespace {

// The columns every record shares, after the kind's own: r.id, uuid, version, helper, the
// helper's name, the village's name, who and when.
constexpr std::string_view kMetaColumns =
    "r.id, r.client_uuid, r.version, r.helper_id, he.name, vr.name, r.created_by, r.created_at, "
    "r.updated_at";
constexpr int kMetaCount = 9;

std::string From(std::string_view table) {
  return " FROM " + std::string(table) +
         " r LEFT JOIN helpers he ON he.id = r.helper_id LEFT JOIN regions vr ON vr.level = 5 AND "
         "vr.sort_key = r.village_code * 1000 ";
}

RecordMeta ReadMeta(const RowView& row) {
  RecordMeta meta;
  meta.id = row.Int(0);
  meta.client_uuid = row.Text(1);
  meta.version = row.Int(2);
  meta.helper_id = row.OptInt(3);
  meta.helper_name = row.Text(4);
  meta.village_name = row.Text(5);
  meta.created_by = row.Text(6);
  meta.created_at = row.Text(7);
  meta.updated_at = row.Text(8);
  return meta;
}

core::Date DayOf(const std::string& iso) {
  return core::ParseDate(iso).value_or(core::Date{});
}

}  // namespace

std::string FieldRecordWhere(const FieldFilter& filter, const DataScope& scope,
                             std::string_view table, std::vector<Param>& params,
                             std::string_view day_column) {
  std::string where = " WHERE " + FieldRecordScopeCondition(scope, params, table);
  if (!filter.region.empty()) {
    const auto range = core::VillageRangeOf(filter.region);
    const std::string low = Bind(params, range.low);
    where += " AND r.village_code BETWEEN " + low + " AND " + Bind(params, range.high);
  }
  if (filter.helper_id) {
    where += table == "visits" ? " AND EXISTS (SELECT 1 FROM visit_helpers fv WHERE fv.visit_id = "
                                 "r.id AND fv.helper_id = " +
                                     Bind(params, *filter.helper_id) + ")"
                               : " AND r.helper_id = " + Bind(params, *filter.helper_id);
  }
  if (filter.household_id) {
    if (table == "visits") {
      where +=
          " AND EXISTS (SELECT 1 FROM visit_households fh WHERE fh.visit_id = r.id AND "
          "fh.household_id = " +
          Bind(params, *filter.household_id) + ")";
    } else if (table == "problems" || table == "aid") {
      where += " AND r.household_id = " + Bind(params, *filter.household_id);
    } else {
      where += " AND 1 = 0";  // a diary or a stationed day is about no household
    }
  }
  if (!filter.from_day.empty()) {
    where += " AND r." + std::string(day_column) + " >= " + Bind(params, filter.from_day);
  }
  if (!filter.to_day.empty()) {
    where += " AND r." + std::string(day_column) + " <= " + Bind(params, filter.to_day);
  }
  if (!filter.status.empty()) {
    where += " AND r.status = " + Bind(params, filter.status);
  }
  if (!filter.category.empty()) {
    where += " AND r.category = " + Bind(params, filter.category);
  }
  if (filter.drive_id) {
    where += " AND r.drive_id = " + Bind(params, *filter.drive_id);
  }
  if (!filter.client_uuid.empty()) {
    where += " AND r.client_uuid = " + Bind(params, filter.client_uuid);
  }
  return where;
}

namespace {

template <typename Read>
auto List(Database& database, std::string_view table, std::string_view own_columns,
          std::string_view extra_joins, const FieldFilter& filter, const DataScope& scope,
          std::string_view day_column, std::int64_t* total, Read read) {
  std::vector<Param> params;
  const std::string where = FieldRecordWhere(filter, scope, table, params, day_column);
  std::string sql = "SELECT " + std::string(kMetaColumns) + ", " + std::string(own_columns) +
                    From(table) + std::string(extra_joins) + where + " ORDER BY r." +
                    std::string(day_column) + " DESC, r.id DESC";
  if (filter.limit > 0) {
    sql += " LIMIT " + std::to_string(filter.limit) + " OFFSET " + std::to_string(filter.offset);
  }
  std::vector<decltype(read(std::declval<const RowView&>()))> items;
  database.ForEachRow(sql, params, [&](const RowView& row) { items.push_back(read(row)); });
  if (total != nullptr) {
    *total =
        database.Query("SELECT count(*) FROM " + std::string(table) + " r " + where, params)[0].Int(
            0);
  }
  return items;
}

}  // namespace

std::string FieldTable(FieldKind kind) {
  switch (kind) {
    case FieldKind::kStationedDay:
      return "stationed_days";
    case FieldKind::kVisit:
      return "visits";
    case FieldKind::kDiary:
      return "diary_entries";
    case FieldKind::kProblem:
      return "problems";
    case FieldKind::kSuggestion:
      return "suggestions";
    case FieldKind::kAid:
      return "aid";
  }
  return "";
}

std::vector<StoredStationedDay> FieldworkRepository::StationedDays(const FieldFilter& filter,
                                                                   const DataScope& scope,
                                                                   std::int64_t* total) {
  return List(database_, "stationed_days", "r.day, r.village_code, r.location, he.phone", "",
              filter, scope, "day", total, [](const RowView& row) {
                StoredStationedDay stored{ReadMeta(row), {}};
                stored.record.client_uuid = stored.meta.client_uuid;
                stored.record.day = DayOf(row.Text(kMetaCount));
                stored.record.village_code = row.Text(kMetaCount + 1);
                stored.record.location = row.Text(kMetaCount + 2);
                stored.record.helper_phone = row.Text(kMetaCount + 3);
                return stored;
              });
}

std::vector<StoredVisit> FieldworkRepository::Visits(const FieldFilter& filter,
                                                     const DataScope& scope, std::int64_t* total) {
  auto visits = List(database_, "visits", "r.day, r.village_code, r.kinds, r.learned", "", filter,
                     scope, "day", total, [](const RowView& row) {
                       StoredVisit stored{ReadMeta(row), {}, {}, {}};
                       stored.record.client_uuid = stored.meta.client_uuid;
                       stored.record.day = DayOf(row.Text(kMetaCount));
                       stored.record.village_code = row.Text(kMetaCount + 1);
                       stored.record.kinds = core::SplitAny(row.Text(kMetaCount + 2), {","});
                       stored.record.learned = row.Text(kMetaCount + 3);
                       return stored;
                     });
  // Who went, whom they saw and the photos: one query each for the whole page.
  std::map<std::int64_t, StoredVisit*> by_id;
  for (StoredVisit& visit : visits) {
    by_id[visit.meta.id] = &visit;
  }
  for (auto chunk = by_id.begin(); chunk != by_id.end();) {
    std::vector<Param> params;
    std::string in;
    for (std::size_t count = 0; chunk != by_id.end() && count < kLookupChunk; ++chunk, ++count) {
      in += (in.empty() ? "" : ", ") + Bind(params, chunk->first);
    }
    for (const RowView row : database_.Query(
             "SELECT vh.visit_id, h.id, h.phone, h.name FROM visit_helpers vh JOIN helpers h ON "
             "h.id = vh.helper_id WHERE vh.visit_id IN (" +
                 in + ") ORDER BY vh.visit_id, h.id",
             params)) {
      StoredVisit& visit = *by_id[row.Int(0)];
      visit.helpers.push_back(PersonRef{row.Int(1), row.Text(2), row.Text(3)});
      visit.record.helper_phones.push_back(row.Text(2));
    }
    for (const RowView row : database_.Query(
             "SELECT x.visit_id, h.id, h.household_no, h.head_name FROM visit_households x JOIN "
             "households h ON h.id = x.household_id WHERE x.visit_id IN (" +
                 in + ") ORDER BY x.visit_id, h.household_no",
             params)) {
      StoredVisit& visit = *by_id[row.Int(0)];
      visit.households.push_back(PersonRef{row.Int(1), row.Text(2), row.Text(3)});
      visit.record.household_nos.push_back(row.Text(2));
    }
    for (const RowView row :
         database_.Query("SELECT visit_id, sha256 FROM visit_photos WHERE visit_id IN (" + in +
                             ") ORDER BY visit_id, sha256",
                         params)) {
      by_id[row.Int(0)]->record.photos.push_back(row.Text(1));
    }
  }
  return visits;
}

std::vector<StoredDiaryEntry> FieldworkRepository::DiaryEntries(const FieldFilter& filter,
                                                                const DataScope& scope,
                                                                std::int64_t* total) {
  return List(database_, "diary_entries", "r.day, r.village_code, r.text, he.phone", "", filter,
              scope, "day", total, [](const RowView& row) {
                StoredDiaryEntry stored{ReadMeta(row), {}};
                stored.record.client_uuid = stored.meta.client_uuid;
                stored.record.day = DayOf(row.Text(kMetaCount));
                stored.record.village_code = row.Text(kMetaCount + 1);
                stored.record.text = row.Text(kMetaCount + 2);
                stored.record.helper_phone = row.Text(kMetaCount + 3);
                return stored;
              });
}

namespace {

constexpr std::string_view kProblemColumns =
    "r.village_code, r.category, r.description, r.raised_on, r.status, r.due_date, r.result, "
    "r.satisfaction, r.case_id, r.registered_at, r.solved_at, ho.household_no, ho.head_name, "
    "he.phone";

StoredProblem ReadProblem(const RowView& row) {
  StoredProblem stored;
  stored.meta = ReadMeta(row);
  core::Problem& problem = stored.record;
  problem.client_uuid = stored.meta.client_uuid;
  problem.village_code = row.Text(kMetaCount);
  problem.category = row.Text(kMetaCount + 1);
  problem.description = row.Text(kMetaCount + 2);
  problem.raised_on = DayOf(row.Text(kMetaCount + 3));
  problem.status = row.Text(kMetaCount + 4);
  if (const std::string due = row.Text(kMetaCount + 5); !due.empty()) {
    problem.due_date = core::ParseDate(due);
  }
  problem.result = row.Text(kMetaCount + 6);
  problem.satisfaction = row.Text(kMetaCount + 7);
  stored.case_id = row.OptInt(kMetaCount + 8);
  stored.registered_at = row.Text(kMetaCount + 9);
  stored.solved_at = row.Text(kMetaCount + 10);
  problem.household_no = row.Text(kMetaCount + 11);
  stored.head_name = row.Text(kMetaCount + 12);
  problem.helper_phone = row.Text(kMetaCount + 13);
  return stored;
}

constexpr std::string_view kHouseholdJoin = "LEFT JOIN households ho ON ho.id = r.household_id ";

}  // namespace

std::vector<StoredProblem> FieldworkRepository::Problems(const FieldFilter& filter,
                                                         const DataScope& scope,
                                                         std::int64_t* total) {
  return List(database_, "problems", kProblemColumns, kHouseholdJoin, filter, scope, "raised_on",
              total, ReadProblem);
}

std::optional<StoredProblem> FieldworkRepository::ProblemById(std::int64_t id,
                                                              const DataScope& scope) {
  std::vector<Param> params{id};
  const std::string where =
      " WHERE r.id = $1 AND " + FieldRecordScopeCondition(scope, params, "problems");
  const auto rows =
      database_.Query("SELECT " + std::string(kMetaColumns) + ", " + std::string(kProblemColumns) +
                          From("problems") + std::string(kHouseholdJoin) + where,
                      params);
  if (rows.empty()) {
    return std::nullopt;
  }
  StoredProblem problem = ReadProblem(rows[0]);
  for (const RowView row : database_.Query(
           "SELECT at, username, from_status, to_status, note FROM problem_events WHERE "
           "problem_id = $1 ORDER BY id",
           {id})) {
    problem.events.push_back(
        ProblemEvent{row.Text(0), row.Text(1), row.Text(2), row.Text(3), row.Text(4)});
  }
  return problem;
}

std::vector<StoredSuggestion> FieldworkRepository::Suggestions(const FieldFilter& filter,
                                                               const DataScope& scope,
                                                               std::int64_t* total) {
  return List(database_, "suggestions",
              "r.day, r.village_code, r.addressee, r.content, r.adopted, he.phone", "", filter,
              scope, "day", total, [](const RowView& row) {
                StoredSuggestion stored{ReadMeta(row), {}};
                stored.record.client_uuid = stored.meta.client_uuid;
                stored.record.day = DayOf(row.Text(kMetaCount));
                stored.record.village_code = row.Text(kMetaCount + 1);
                stored.record.addressee = row.Text(kMetaCount + 2);
                stored.record.content = row.Text(kMetaCount + 3);
                if (const auto adopted = row.OptInt(kMetaCount + 4)) {
                  stored.record.adopted = *adopted != 0;
                }
                stored.record.helper_phone = row.Text(kMetaCount + 5);
                return stored;
              });
}

std::vector<StoredAid> FieldworkRepository::Aid(const FieldFilter& filter, const DataScope& scope,
                                                std::int64_t* total) {
  return List(
      database_, "aid",
      "r.day, r.village_code, r.giver_kind, gu.name, gh.name, gh.phone, r.receiver_kind, "
      "ho.household_no, ho.head_name, r.receiver_name, r.item, r.quantity_milli, r.measure, "
      "r.value_fen, d.name, r.drive_id, r.note",
      "LEFT JOIN units gu ON gu.id = r.giver_unit_id LEFT JOIN helpers gh ON gh.id = "
      "r.giver_helper_id LEFT JOIN households ho ON ho.id = r.household_id LEFT JOIN "
      "donation_drives d ON d.id = r.drive_id ",
      filter, scope, "day", total, [](const RowView& row) {
        StoredAid stored;
        stored.meta = ReadMeta(row);
        core::Aid& aid = stored.record;
        aid.client_uuid = stored.meta.client_uuid;
        aid.day = DayOf(row.Text(kMetaCount));
        aid.village_code = row.Text(kMetaCount + 1);
        aid.giver_kind = row.Text(kMetaCount + 2);
        aid.giver_unit = row.Text(kMetaCount + 3);
        aid.giver_phone = row.Text(kMetaCount + 5);
        stored.giver_name = aid.giver_kind == "unit" ? aid.giver_unit : row.Text(kMetaCount + 4);
        aid.receiver_kind = row.Text(kMetaCount + 6);
        aid.household_no = row.Text(kMetaCount + 7);
        stored.head_name = row.Text(kMetaCount + 8);
        aid.receiver_name = row.Text(kMetaCount + 9);
        aid.item = row.Text(kMetaCount + 10);
        aid.quantity_milli = row.Int(kMetaCount + 11);
        aid.measure = row.Text(kMetaCount + 12);
        aid.value_fen = row.Int(kMetaCount + 13);
        aid.drive = row.Text(kMetaCount + 14);
        stored.drive_id = row.OptInt(kMetaCount + 15);
        aid.note = row.Text(kMetaCount + 16);
        return stored;
      });
}

std::optional<std::int64_t> FieldworkRepository::IdOfUuid(FieldKind kind, const std::string& uuid,
                                                          const DataScope& scope) {
  const std::string table = FieldTable(kind);
  std::vector<Param> params{uuid};
  // Bound before the call: its arguments are evaluated in no set order.
  const std::string visible = FieldRecordScopeCondition(scope, params, table);
  const auto rows = database_.Query(
      "SELECT r.id FROM " + table + " r WHERE r.client_uuid = $1 AND " + visible, params);
  return rows.empty() ? std::nullopt : std::optional<std::int64_t>(rows[0].Int(0));
}

std::vector<DriveTotal> FieldworkRepository::Drives(const std::string& region,
                                                    const DataScope& scope) {
  std::vector<Param> params;
  const std::string condition = FieldRecordScopeCondition(scope, params, "aid");
  const auto range = core::VillageRangeOf(region);
  const std::string low = Bind(params, range.low);
  const std::string high = Bind(params, range.high);
  std::map<std::int64_t, DriveTotal> drives;
  std::vector<std::int64_t> order;
  for (const RowView row : database_.Query(
           "SELECT d.id, d.name, d.region_code, d.start_date, r.item, r.measure, count(*), "
           "sum(r.quantity_milli), sum(r.value_fen) FROM aid r JOIN donation_drives d ON d.id = "
           "r.drive_id WHERE " +
               condition + " AND r.village_code BETWEEN " + low + " AND " + high +
               " GROUP BY d.id, d.name, d.region_code, d.start_date, r.item, r.measure ORDER BY "
               "d.start_date, d.id, r.item, r.measure",
           params)) {
    auto [found, inserted] = drives.try_emplace(row.Int(0));
    DriveTotal& drive = found->second;
    if (inserted) {
      drive.id = row.Int(0);
      drive.name = row.Text(1);
      drive.region_code = row.Text(2);
      drive.start_date = row.Text(3);
      order.push_back(drive.id);
    }
    drive.records += row.Int(6);
    drive.value_fen += row.Int(8);
    drive.lines.push_back(DriveTotal::Line{row.Text(4), row.Text(5), row.Int(7), row.Int(8)});
  }
  std::vector<DriveTotal> result;
  for (const std::int64_t id : order) {
    result.push_back(std::move(drives[id]));
  }
  return result;
}

}  // namespace shuanglian::store
