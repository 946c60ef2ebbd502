// The rules every field record shares (who, where, which version), and the simple
// records: stationed days, diary entries, suggestions.
#include "store/fieldwork_store.h"

#include "core/hash.h"
#include "core/region_code.h"
#include "store/household_repository.h"
#include "store/pairing_repository.h"
#include "store/progress_ledger.h"
#include "store/region_repository.h"

namespace shuanglian::store {

namespace {

RowResult Rejected(const char* column, const std::string& code, std::string message) {
  RowResult result;
  result.outcome = RowOutcome::kRejected;
  result.error = core::FieldError{column, code, std::move(message)};
  return result;
}

RowResult Outcome(RowOutcome outcome) {
  RowResult result;
  result.outcome = outcome;
  return result;
}

// How many times a write looks again after losing a race (FieldworkStore::UntilAnswered).
// Each loss means another writer committed a change of the same record, which the next look
// sees; all but a ledger's write then answer without writing. More than two looks take a
// record that others keep changing at that very moment.
constexpr int kAttempts = 5;

}  // namespace

RowResult FieldworkStore::UntilAnswered(const std::string& what,
                                        const std::function<std::optional<RowResult>()>& attempt) {
  for (int round = 0; round < kAttempts; ++round) {
    if (auto answer = attempt()) {
      return *answer;
    }
  }
  // Busy: the request (or the phone's upload) may simply be sent again.
  throw StoreError(StoreError::Kind::kBusy, what + "正被同时修改，请稍后重试");
}

std::optional<FieldworkStore::Existing> FieldworkStore::FindByUuid(std::string_view table,
                                                                   const std::string& uuid) {
  const auto rows = database_.Query(
      "SELECT id, version, content_hash FROM " + std::string(table) + " WHERE client_uuid = $1",
      {uuid});
  if (rows.empty()) {
    return std::nullopt;
  }
  return Existing{rows[0].Int(0), rows[0].Int(1), rows[0].Int(2)};
}

std::optional<RowResult> FieldworkStore::CheckVersion(std::string_view table,
                                                      const std::optional<Existing>& existing,
                                                      std::int64_t content_hash,
                                                      const FieldWrite& write, std::int64_t* id) {
  if (!existing) {
    if (write.base_version && *write.base_version > 0) {
      return Rejected("记录编号", "not_found", "要修改的记录不存在（可能已被删除）");
    }
    return std::nullopt;
  }
  // The UUID names a record the writer may change: their own, or one in their region.
  const DataScope& scope = write.context.scope;
  // The rows are kept while a row of them is read (a RowView points into its ResultSet).
  const ResultSet owner_rows = database_.Query(
      "SELECT helper_id, village_code FROM " + std::string(table) + " WHERE id = $1",
      {existing->id});
  const RowView owner = owner_rows[0];
  const bool visit_of_theirs =
      table == "visits" && scope.kind == DataScope::Kind::kHelper &&
      !database_
           .Query("SELECT 1 FROM visit_helpers WHERE visit_id = $1 AND helper_id = $2",
                  {existing->id, scope.helper_id})
           .empty();
  const bool theirs =
      scope.kind == DataScope::Kind::kAll ||
      (scope.kind == DataScope::Kind::kHelper &&
       (owner.OptInt(0) == std::optional<std::int64_t>(scope.helper_id) || visit_of_theirs)) ||
      (scope.kind == DataScope::Kind::kRegion && CanWriteVillage(scope, owner.Text(1)));
  if (!theirs) {
    return Rejected("记录编号", "uuid_taken", "记录编号已被别人的记录使用，请重新生成");
  }
  if (id != nullptr) {
    *id = existing->id;
  }
  if (existing->content_hash == content_hash) {
    return Outcome(RowOutcome::kUnchanged);  // a retry: the same record again
  }
  if (write.base_version && *write.base_version != existing->version) {
    return Rejected("记录编号", "version_conflict",
                    "这条记录已在别处修改（现为第 " + std::to_string(existing->version) +
                        " 版，您修改的是第 " + std::to_string(*write.base_version) +
                        " 版），请对照后再保存");
  }
  return std::nullopt;
}

std::optional<RowResult> FieldworkStore::ResolveHelper(const std::string& phone,
                                                       const FieldWrite& write, const char* column,
                                                       std::int64_t* helper_id) {
  const DataScope& scope = write.context.scope;
  if (phone.empty()) {
    if (!write.acting_helper) {
      return Rejected(column, "required", std::string(column) + "：请填写干部的电话");
    }
    *helper_id = *write.acting_helper;
    return std::nullopt;
  }
  const auto helper = PairingRepository(database_).HelperByPhone(phone);
  if (!helper) {
    return Rejected(column, "unknown_helper", "电话为 " + phone + " 的帮扶人尚未登记");
  }
  if (scope.kind == DataScope::Kind::kHelper && helper->id != scope.helper_id) {
    return Rejected(column, "out_of_scope", "只能登记本人的记录");
  }
  *helper_id = helper->id;
  return std::nullopt;
}

std::optional<RowResult> FieldworkStore::CheckVillage(const std::string& village_code,
                                                      const FieldWrite& write, const char* column) {
  const auto village = RegionRepository(database_).Get(village_code);
  if (!village || village->level != core::RegionLevel::kVillage) {
    return Rejected(column, "unknown_village", "村代码“" + village_code + "”不存在");
  }
  const DataScope& scope = write.context.scope;
  if (scope.kind == DataScope::Kind::kHelper && scope.can_write) {
    // A cadre works in the villages of their pairings and of their unit's.
    const auto rows = database_.Query(
        "SELECT 1 FROM pairings p WHERE p.end_date IS NULL AND p.village_code = $1 AND "
        "(p.helper_id = $2 OR p.unit_id = (SELECT unit_id FROM helpers WHERE id = $2)) LIMIT 1",
        {std::stoll(village_code), scope.helper_id});
    if (rows.empty()) {
      return Rejected(column, "out_of_scope",
                      "您与" + village->name + "（" + village_code + "）没有结对，不能为它登记");
    }
    return std::nullopt;
  }
  if (!CanWriteVillage(scope, village_code)) {
    return Rejected(column, "out_of_scope", village->name + "不在您的管理范围内");
  }
  return std::nullopt;
}

std::optional<RowResult> FieldworkStore::ResolveHousehold(
    const std::string& household_no, const std::string& village_code, const FieldWrite& write,
    const char* column, std::int64_t* household_id, std::string* village_of) {
  // The user's scope decides what exists for them: a cadre sees their own households only.
  const auto household = HouseholdRepository(database_).Get(household_no, write.context.scope);
  if (!household) {
    return Rejected(column, "unknown_household",
                    "户编号“" + household_no + "”不存在或不在您的管理范围内");
  }
  if (!village_code.empty() && household->household.village_code != village_code) {
    return Rejected(column, "wrong_village",
                    "户“" + household_no + "”不在村 " + village_code + "，而在 " +
                        household->household.village_code);
  }
  *household_id = household->id;
  if (village_of != nullptr) {
    *village_of = household->household.village_code;
  }
  return std::nullopt;
}

std::optional<RowResult> FieldworkStore::FillVillageFromHousehold(std::string& village_code,
                                                                  const std::string& household_no,
                                                                  const FieldWrite& write,
                                                                  const char* column) {
  if (!village_code.empty() || household_no.empty()) {
    return std::nullopt;
  }
  std::int64_t ignored = 0;
  return ResolveHousehold(household_no, "", write, column, &ignored, &village_code);
}

std::optional<RowResult> FieldworkStore::CheckOnePerDay(std::string_view table,
                                                        std::int64_t helper_id,
                                                        const core::Date& day,
                                                        const std::string& uuid, const char* what,
                                                        const char* column) {
  const auto rows = database_.Query(
      "SELECT client_uuid FROM " + std::string(table) + " WHERE helper_id = $1 AND day = $2",
      {helper_id, day.ToIso()});
  if (!rows.empty() && rows[0].Text(0) != uuid) {
    return Rejected(column, "duplicate_day",
                    "该干部 " + day.ToIso() + " 已有" + what + "，每人每天只记一条");
  }
  return std::nullopt;
}

RowResult FieldworkStore::SaveStationedDay(const core::StationedDay& record,
                                           const FieldWrite& write, std::int64_t* id) {
  return SaveOneADay(OneADay{"stationed_days", "location", "驻村记录", "驻村日期", "stationed_days",
                             record.client_uuid, record.helper_phone, record.day,
                             record.village_code, record.location},
                     write, id);
}

RowResult FieldworkStore::SaveDiaryEntry(const core::DiaryEntry& record, const FieldWrite& write,
                                         std::int64_t* id) {
  return SaveOneADay(
      OneADay{"diary_entries", "text", "民情日记", "日期", "diary_days", record.client_uuid,
              record.helper_phone, record.day, record.village_code, record.text},
      write, id);
}

RowResult FieldworkStore::SaveOneADay(const OneADay& record, const FieldWrite& write,
                                      std::int64_t* id) {
  std::int64_t helper_id = 0;
  if (auto refused = ResolveHelper(record.helper_phone, write, "干部电话", &helper_id)) {
    return *refused;
  }
  if (auto refused = CheckVillage(record.village_code, write, "村代码")) {
    return *refused;
  }
  const std::int64_t hash = core::Fingerprint()
                                .Add(helper_id)
                                .Add(record.day.ToIso())
                                .Add(record.village_code)
                                .Add(record.text)
                                .value();
  const std::string table(record.table);
  const std::string text_column(record.text_column);
  const WriteContext& context = write.context;
  const auto attempt = [&]() -> std::optional<RowResult> {
    if (auto refused = CheckOnePerDay(record.table, helper_id, record.day, record.client_uuid,
                                      record.what, record.day_column)) {
      return *refused;
    }
    const auto existing = FindByUuid(table, record.client_uuid);
    if (auto answered = CheckVersion(table, existing, hash, write, id)) {
      return *answered;
    }
    ProgressLedger ledger(database_);
    if (existing) {
      // The values whose count is taken back. Read before the UPDATE, which only changes the
      // record still at the version found above: versions only grow, so when it does, these
      // are that version's values.
      const ResultSet old_rows =
          database_.Query("SELECT helper_id, day FROM " + table + " WHERE id = $1", {existing->id});
      const RowView old = old_rows[0];
      // Moved to another day (or cadre), the entry may meet one that another writer has just
      // put there, unseen by CheckOnePerDay until it was committed: the table's unique key then
      // refuses the UPDATE (on PostgreSQL; SQLite's writers take turns). A savepoint takes the
      // failed statement back, so that the answer is the usual duplicate_day.
      const bool moves = old.Int(0) != helper_id || old.Text(1) != record.day.ToIso();
      std::optional<Savepoint> guard;
      if (moves) {
        guard.emplace(database_);
      }
      ResultSet updated;
      try {
        updated = database_.Query(
            "UPDATE " + table +
                " SET helper_id = $2, day = $3, village_code = $4, county_code = $5, " +
                text_column +
                " = $6, updated_at = $7, version = version + 1, content_hash = $8 WHERE id = $1 "
                "AND version = $9 RETURNING id",
            {existing->id, helper_id, record.day.ToIso(), std::stoll(record.village_code),
             core::CountyCodeOf(record.village_code), record.text, context.now, hash,
             existing->version});
      } catch (const StoreError& error) {
        if (!guard || error.kind() != StoreError::Kind::kConstraint) {
          throw;
        }
        guard.reset();  // rolled back to before the UPDATE: the transaction goes on
        if (auto refused = CheckOnePerDay(record.table, helper_id, record.day, record.client_uuid,
                                          record.what, record.day_column)) {
          return *refused;
        }
        throw;
      }
      if (guard) {
        guard->Release();
      }
      if (updated.empty()) {
        return std::nullopt;  // changed by another writer since it was read
      }
      ledger.Add(old.Int(0), std::stoi(old.Text(1).substr(0, 4)), record.measure, -1);
    } else {
      // No conflict target: besides the UUID, a concurrent entry of the same cadre and day
      // (the table's other unique key) makes this one give way, and the next look answers
      // duplicate_day.
      const ResultSet created = database_.Query(
          "INSERT INTO " + table + " (client_uuid, county_code, helper_id, day, village_code, " +
              text_column +
              ", created_by, created_at, updated_at, content_hash) VALUES ($1, $2, $3, $4, $5, "
              "$6, $7, $8, $8, $9) ON CONFLICT DO NOTHING RETURNING id",
          {record.client_uuid, core::CountyCodeOf(record.village_code), helper_id,
           record.day.ToIso(), std::stoll(record.village_code), record.text, context.actor,
           context.now, hash});
      if (created.empty()) {
        return std::nullopt;  // inserted meanwhile by another writer
      }
      if (id != nullptr) {
        *id = created[0].Int(0);
      }
    }
    ledger.Add(helper_id, record.day.year, record.measure, 1);
    return Outcome(existing ? RowOutcome::kUpdated : RowOutcome::kInserted);
  };
  return UntilAnswered(record.what + std::string("“") + record.client_uuid + "”", attempt);
}

RowResult FieldworkStore::SaveSuggestion(const core::Suggestion& record, const FieldWrite& write,
                                         std::int64_t* id) {
  std::int64_t helper_id = 0;
  if (auto refused = ResolveHelper(record.helper_phone, write, "干部电话", &helper_id)) {
    return *refused;
  }
  if (auto refused = CheckVillage(record.village_code, write, "村代码")) {
    return *refused;
  }
  const std::int64_t hash = core::Fingerprint()
                                .Add(helper_id)
                                .Add(record.day.ToIso())
                                .Add(record.village_code)
                                .Add(record.addressee)
                                .Add(record.content)
                                .Add(std::int64_t{record.adopted ? (*record.adopted ? 1 : 0) : -1})
                                .value();
  ProgressLedger ledger(database_);
  const WriteContext& context = write.context;
  const Param adopted = record.adopted ? Param(*record.adopted ? 1 : 0) : Param();
  const auto attempt = [&]() -> std::optional<RowResult> {
    const auto existing = FindByUuid("suggestions", record.client_uuid);
    if (auto answered = CheckVersion("suggestions", existing, hash, write, id)) {
      return *answered;
    }
    if (existing) {
      // Read before the UPDATE, which only changes the version found above (see SaveOneADay).
      const ResultSet old_rows =
          database_.Query("SELECT helper_id, day FROM suggestions WHERE id = $1", {existing->id});
      const RowView old = old_rows[0];
      if (database_
              .Query("UPDATE suggestions SET helper_id = $2, day = $3, village_code = $4, "
                     "county_code = $5, addressee = $6, content = $7, adopted = $8, updated_at = "
                     "$9, version = version + 1, content_hash = $10 WHERE id = $1 AND version = "
                     "$11 RETURNING id",
                     {existing->id, helper_id, record.day.ToIso(), std::stoll(record.village_code),
                      core::CountyCodeOf(record.village_code), record.addressee, record.content,
                      adopted, context.now, hash, existing->version})
              .empty()) {
        return std::nullopt;  // changed by another writer since it was read
      }
      ledger.Add(old.Int(0), std::stoi(old.Text(1).substr(0, 4)), "suggestions", -1);
    } else {
      const ResultSet created = database_.Query(
          "INSERT INTO suggestions (client_uuid, county_code, helper_id, day, village_code, "
          "addressee, content, adopted, created_by, created_at, updated_at, content_hash) "
          "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $10, $11) ON CONFLICT (client_uuid) "
          "DO NOTHING RETURNING id",
          {record.client_uuid, core::CountyCodeOf(record.village_code), helper_id,
           record.day.ToIso(), std::stoll(record.village_code), record.addressee, record.content,
           adopted, context.actor, context.now, hash});
      if (created.empty()) {
        return std::nullopt;  // inserted meanwhile by another writer
      }
      if (id != nullptr) {
        *id = created[0].Int(0);
      }
    }
    ledger.Add(helper_id, record.day.year, "suggestions", 1);
    return Outcome(existing ? RowOutcome::kUpdated : RowOutcome::kInserted);
  };
  return UntilAnswered("建设性意见“" + record.client_uuid + "”", attempt);
}

void FieldworkStore::RegisterPhoto(const std::string& sha256, std::int64_t bytes,
                                   const std::string& content_type, const WriteContext& context) {
  database_.Execute(
      "INSERT INTO photos (sha256, bytes, content_type, uploaded_by, uploaded_at) VALUES ($1, $2, "
      "$3, $4, $5) ON CONFLICT (sha256) DO NOTHING",
      {sha256, bytes, content_type, context.actor, context.now});
}

}  // namespace shuanglian::store
