// Aid (帮扶物资/资金): from a unit or a person to a household, a village or a school, in a
// donation drive or not.
#include "core/hash.h"
#include "core/region_code.h"
#include "store/fieldwork_store.h"
#include "store/pairing_repository.h"

namespace shuanglian::store {

namespace {

RowResult Rejected(const char* column, const std::string& code, std::string message) {
  RowResult result;
  result.outcome = RowOutcome::kRejected;
  result.error = core::FieldError{column, code, std::move(message)};
  return result;
}

// The drive of that name for the village: the nearest region above it that holds one, or a
// new one for its township (a ledger names its drives; nobody registers them first), whose id
// goes to `created` too.
std::int64_t DriveFor(Database& database, const std::string& name, const std::string& village,
                      const std::string& day, const WriteContext& context,
                      std::optional<std::int64_t>& created) {
  for (std::string code = village; !code.empty(); code = core::ParentCode(code)) {
    const auto rows = database.Query(
        "SELECT id FROM donation_drives WHERE region_code = $1 AND name = $2", {code, name});
    if (!rows.empty()) {
      return rows[0].Int(0);
    }
  }
  // Another writer may be making the same drive at this moment (a region's drive names are
  // unique): this one then gives way, and the record goes to theirs.
  const std::string township = village.substr(0, 9);
  const ResultSet inserted = database.Query(
      "INSERT INTO donation_drives (name, region_code, start_date, created_by, created_at) VALUES "
      "($1, $2, $3, $4, $5) ON CONFLICT (region_code, name) DO NOTHING RETURNING id",
      {name, township, day, context.actor, context.now});
  if (inserted.empty()) {
    return database
        .Query("SELECT id FROM donation_drives WHERE region_code = $1 AND name = $2",
               {township, name})[0]
        .Int(0);
  }
  created = inserted[0].Int(0);
  return *created;
}

}  // namespace

RowResult FieldworkStore::SaveAid(const core::Aid& given, const FieldWrite& write,
                                  std::int64_t* id) {
  core::Aid record = given;
  if (record.receiver_kind == "household") {
    if (auto refused =
            FillVillageFromHousehold(record.village_code, record.household_no, write, "户编号")) {
      return *refused;
    }
  }
  PairingRepository pairings(database_);
  std::optional<std::int64_t> giver_unit;
  std::optional<std::int64_t> giver_helper;
  if (record.giver_kind == "unit") {
    const auto unit = pairings.UnitByName(record.giver_unit);
    if (!unit) {
      return Rejected("捐助单位", "unknown_unit", "单位“" + record.giver_unit + "”尚未登记");
    }
    giver_unit = unit->id;
  } else if (record.giver_phone.empty()) {
    if (!write.acting_helper) {
      return Rejected("捐助人电话", "required", "捐助方是个人时须填写捐助人电话");
    }
    giver_helper = *write.acting_helper;
  } else {
    const auto helper = pairings.HelperByPhone(record.giver_phone);
    if (!helper) {
      return Rejected("捐助人电话", "unknown_helper",
                      "电话为 " + record.giver_phone + " 的帮扶人尚未登记");
    }
    giver_helper = helper->id;
  }
  if (auto refused = CheckVillage(record.village_code, write, "村代码")) {
    return *refused;
  }
  std::optional<std::int64_t> household_id;
  if (record.receiver_kind == "household") {
    std::int64_t found = 0;
    if (auto refused =
            ResolveHousehold(record.household_no, record.village_code, write, "户编号", &found)) {
      return *refused;
    }
    household_id = found;
  }
  const std::int64_t hash = core::Fingerprint()
                                .Add(record.day.ToIso())
                                .Add(giver_unit.value_or(0))
                                .Add(giver_helper.value_or(0))
                                .Add(record.receiver_kind)
                                .Add(household_id.value_or(0))
                                .Add(record.village_code)
                                .Add(record.receiver_name)
                                .Add(record.item)
                                .Add(record.quantity_milli)
                                .Add(record.measure)
                                .Add(record.value_fen)
                                .Add(record.drive)
                                .Add(record.note)
                                .value();
  const WriteContext& context = write.context;
  const auto attempt = [&]() -> std::optional<RowResult> {
    const auto existing = FindByUuid("aid", record.client_uuid);
    if (auto answered = CheckVersion("aid", existing, hash, write, id)) {
      return *answered;
    }
    std::optional<std::int64_t> drive;
    std::optional<std::int64_t> new_drive;
    if (!record.drive.empty()) {
      drive = DriveFor(database_, record.drive, record.village_code, record.day.ToIso(), context,
                       new_drive);
    }
    const auto lost = [&]() -> std::optional<RowResult> {
      // The drive made for this record is nobody's: the other writer's record names its own.
      if (new_drive) {
        database_.Execute("DELETE FROM donation_drives WHERE id = $1", {*new_drive});
      }
      return std::nullopt;
    };
    if (existing) {
      if (database_
              .Query(
                  "UPDATE aid SET county_code = $2, day = $3, drive_id = $4, giver_kind = $5, "
                  "giver_unit_id = $6, giver_helper_id = $7, receiver_kind = $8, household_id = "
                  "$9, village_code = $10, receiver_name = $11, item = $12, quantity_milli = $13, "
                  "measure = $14, value_fen = $15, note = $16, updated_at = $17, version = "
                  "version + 1, content_hash = $18 WHERE id = $1 AND version = $19 RETURNING id",
                  {existing->id, core::CountyCodeOf(record.village_code), record.day.ToIso(), drive,
                   record.giver_kind, giver_unit, giver_helper, record.receiver_kind, household_id,
                   std::stoll(record.village_code), record.receiver_name, record.item,
                   record.quantity_milli, record.measure, record.value_fen, record.note,
                   context.now, hash, existing->version})
              .empty()) {
        return lost();  // changed by another writer since it was read
      }
      RowResult result;
      result.outcome = RowOutcome::kUpdated;
      return result;
    }
    const ResultSet created = database_.Query(
        "INSERT INTO aid (client_uuid, county_code, helper_id, day, drive_id, giver_kind, "
        "giver_unit_id, giver_helper_id, receiver_kind, household_id, village_code, "
        "receiver_name, item, quantity_milli, measure, value_fen, note, created_by, created_at, "
        "updated_at, content_hash) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, "
        "$13, $14, $15, $16, $17, $18, $19, $19, $20) ON CONFLICT (client_uuid) DO NOTHING "
        "RETURNING id",
        {record.client_uuid,
         core::CountyCodeOf(record.village_code),
         write.acting_helper,
         record.day.ToIso(),
         drive,
         record.giver_kind,
         giver_unit,
         giver_helper,
         record.receiver_kind,
         household_id,
         std::stoll(record.village_code),
         record.receiver_name,
         record.item,
         record.quantity_milli,
         record.measure,
         record.value_fen,
         record.note,
         context.actor,
         context.now,
         hash});
    if (created.empty()) {
      return lost();  // inserted meanwhile by another writer
    }
    if (id != nullptr) {
      *id = created[0].Int(0);
    }
    RowResult result;
    result.outcome = RowOutcome::kInserted;
    return result;
  };
  return UntilAnswered("帮扶物资记录“" + record.client_uuid + "”", attempt);
}

}  // namespace shuanglian::store
