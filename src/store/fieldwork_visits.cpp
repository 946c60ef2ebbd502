// Visits (走访): several cadres, several households (or the whole village), photos.
#include <algorithm>

#include "core/hash.h"
#include "core/region_code.h"
#include "store/fieldwork_store.h"
#include "store/pairing_repository.h"
#include "store/progress_ledger.h"

namespace shuanglian::store {

namespace {

RowResult Rejected(const char* column, const std::string& code, std::string message) {
  RowResult result;
  result.outcome = RowOutcome::kRejected;
  result.error = core::FieldError{column, code, std::move(message)};
  return result;
}

std::vector<std::int64_t> IdsOf(Database& database, const std::string& sql, std::int64_t id) {
  std::vector<std::int64_t> ids;
  for (const RowView row : database.Query(sql, {id})) {
    ids.push_back(row.Int(0));
  }
  return ids;
}

}  // namespace

RowResult FieldworkStore::SaveVisit(const core::Visit& given, const FieldWrite& write,
                                    std::int64_t* id) {
  core::Visit record = given;
  if (!record.photos_given) {
    // A ledger row has no photos column: the visit keeps the photos it has.
    for (const RowView row : database_.Query(
             "SELECT vp.sha256 FROM visit_photos vp JOIN visits v ON v.id = vp.visit_id WHERE "
             "v.client_uuid = $1",
             {record.client_uuid})) {
      record.photos.push_back(row.Text(0));
    }
  }
  std::sort(record.photos.begin(), record.photos.end());
  record.photos.erase(std::unique(record.photos.begin(), record.photos.end()), record.photos.end());
  if (!record.household_nos.empty()) {
    // The village of a visit to households is theirs (all of them are checked below).
    if (auto refused = FillVillageFromHousehold(record.village_code, record.household_nos.front(),
                                                write, "走访户编号")) {
      return *refused;
    }
  }
  // Who went: the listed cadres, and the one recording it.
  std::vector<std::int64_t> helpers;
  if (write.acting_helper) {
    helpers.push_back(*write.acting_helper);
  }
  PairingRepository pairings(database_);
  for (const std::string& phone : record.helper_phones) {
    const auto helper = pairings.HelperByPhone(phone);
    if (!helper) {
      return Rejected("走访干部电话", "unknown_helper", "电话为 " + phone + " 的帮扶人尚未登记");
    }
    helpers.push_back(helper->id);
  }
  std::sort(helpers.begin(), helpers.end());
  helpers.erase(std::unique(helpers.begin(), helpers.end()), helpers.end());
  if (helpers.empty()) {
    return Rejected("走访干部电话", "required", "请填写走访干部的电话");
  }
  if (auto refused = CheckVillage(record.village_code, write, "村代码")) {
    return *refused;
  }
  if (write.context.scope.kind == DataScope::Kind::kHelper) {
    // A cadre may name who went with them: someone paired in this village, or a colleague of
    // their unit. Anyone else would be credited a visit for their 五个百 on the cadre's word.
    for (const std::int64_t helper : helpers) {
      if (helper == write.context.scope.helper_id) {
        continue;
      }
      const bool may =
          !database_
               .Query(
                   "SELECT 1 FROM pairings WHERE helper_id = $1 AND end_date IS "
                   "NULL AND village_code = $2 UNION ALL SELECT 1 FROM helpers a "
                   "JOIN helpers b ON a.unit_id = b.unit_id WHERE a.id = $1 AND "
                   "b.id = $3",
                   {helper, std::stoll(record.village_code), write.context.scope.helper_id})
               .empty();
      if (!may) {
        return Rejected("走访干部电话", "not_a_colleague",
                        "同去的干部须在本村结对或与您同一单位，不能记在别人名下");
      }
    }
  }
  std::vector<std::int64_t> households;
  for (const std::string& number : record.household_nos) {
    std::int64_t household_id = 0;
    if (auto refused =
            ResolveHousehold(number, record.village_code, write, "走访户编号", &household_id)) {
      return *refused;
    }
    households.push_back(household_id);
  }
  std::sort(households.begin(), households.end());
  households.erase(std::unique(households.begin(), households.end()), households.end());
  for (const std::string& photo : record.photos) {
    if (database_.Query("SELECT 1 FROM photos WHERE sha256 = $1", {photo}).empty()) {
      return Rejected("照片", "unknown_photo", "照片 " + photo.substr(0, 12) + "… 尚未上传");
    }
  }
  std::string kinds;
  for (const std::string& kind : record.kinds) {
    kinds += (kinds.empty() ? "" : ",") + kind;
  }
  core::Fingerprint print;
  print.Add(record.day.ToIso()).Add(record.village_code).Add(kinds).Add(record.learned);
  for (const std::int64_t helper : helpers) {
    print.Add(helper);
  }
  for (const std::int64_t household : households) {
    print.Add(household);
  }
  for (const std::string& photo : record.photos) {
    print.Add(photo);
  }
  const std::int64_t hash = print.value();
  ProgressLedger ledger(database_);
  const WriteContext& context = write.context;
  const auto attempt = [&]() -> std::optional<RowResult> {
    const auto existing = FindByUuid("visits", record.client_uuid);
    if (auto answered = CheckVersion("visits", existing, hash, write, id)) {
      return *answered;
    }
    std::int64_t visit_id = 0;
    if (existing) {
      visit_id = existing->id;
      // Read before the UPDATE, which only changes the version found above: versions only
      // grow, so when it does, this is that version's day. Its cadres and households are read
      // after it: a writer changes them only once it has changed the visit, whose row it then
      // holds until it commits.
      const auto old_day = database_.Query("SELECT day FROM visits WHERE id = $1", {visit_id});
      if (database_
              .Query("UPDATE visits SET day = $2, village_code = $3, county_code = $4, kinds = "
                     "$5, learned = $6, updated_at = $7, version = version + 1, content_hash = $8 "
                     "WHERE id = $1 AND version = $9 RETURNING id",
                     {visit_id, record.day.ToIso(), std::stoll(record.village_code),
                      core::CountyCodeOf(record.village_code), kinds, record.learned, context.now,
                      hash, existing->version})
              .empty()) {
        return std::nullopt;  // changed by another writer since it was read
      }
      ledger.AddVisit(
          IdsOf(database_, "SELECT helper_id FROM visit_helpers WHERE visit_id = $1", visit_id),
          std::stoi(old_day[0].Text(0).substr(0, 4)),
          IdsOf(database_, "SELECT household_id FROM visit_households WHERE visit_id = $1",
                visit_id),
          -1);
      database_.Execute("DELETE FROM visit_helpers WHERE visit_id = $1", {visit_id});
      database_.Execute("DELETE FROM visit_households WHERE visit_id = $1", {visit_id});
      database_.Execute("DELETE FROM visit_photos WHERE visit_id = $1", {visit_id});
    } else {
      const std::int64_t recorder = write.acting_helper.value_or(helpers.front());
      const ResultSet created = database_.Query(
          "INSERT INTO visits (client_uuid, county_code, helper_id, day, village_code, kinds, "
          "learned, created_by, created_at, updated_at, content_hash) VALUES ($1, $2, $3, $4, $5, "
          "$6, $7, $8, $9, $9, $10) ON CONFLICT (client_uuid) DO NOTHING RETURNING id",
          {record.client_uuid, core::CountyCodeOf(record.village_code), recorder,
           record.day.ToIso(), std::stoll(record.village_code), kinds, record.learned,
           context.actor, context.now, hash});
      if (created.empty()) {
        return std::nullopt;  // inserted meanwhile by another writer
      }
      visit_id = created[0].Int(0);
      if (id != nullptr) {
        *id = visit_id;
      }
    }
    for (const std::int64_t helper : helpers) {
      database_.Execute("INSERT INTO visit_helpers (visit_id, helper_id) VALUES ($1, $2)",
                        {visit_id, helper});
    }
    for (const std::int64_t household : households) {
      database_.Execute("INSERT INTO visit_households (visit_id, household_id) VALUES ($1, $2)",
                        {visit_id, household});
    }
    for (const std::string& photo : record.photos) {
      database_.Execute(
          "INSERT INTO visit_photos (visit_id, sha256) VALUES ($1, $2) ON CONFLICT DO NOTHING",
          {visit_id, photo});
    }
    ledger.AddVisit(helpers, record.day.year, households, 1);
    RowResult result;
    result.outcome = existing ? RowOutcome::kUpdated : RowOutcome::kInserted;
    return result;
  };
  return UntilAnswered("走访记录“" + record.client_uuid + "”", attempt);
}

}  // namespace shuanglian::store
