#pragma once

// A small, hand-made world for the field-work tests (issue 7), written through the real
// stores on either backend: two townships of 榆中县 (620123) and one of 泉湖 far away, three
// units, six helpers and their households, and helpers for writing field records as any
// user. Header-only: the store suite and the fieldwork suite both include it.
//
//   甘草店镇 620123105: 村 201 (kVillage) and 202 (kVillage2); unit 甘草店镇人民政府 sits there
//   620123106:          村 201 (kVillage3); nobody's unit sits there
//   泉湖 620902108:     村 200 (kFarVillage); unit 泉湖镇党政办
//
//   A  cadre, 甘草店镇人民政府: FA1..FA5 (kVillage)
//   B  cadre, 甘草店镇人民政府: FB1, FB2 (kVillage), FB3 (kVillage2)
//   O  cadre and 村干部 (village_official), 甘草店镇人民政府: FO1 (kVillage)
//   L  leader, 甘草店镇人民政府: FN1 (kVillage, 领导联系户)
//   C  cadre, 榆中县农牧局 (sits in the county): FC1, FC2 (kVillage3)
//   D  cadre, 泉湖镇党政办: FD1 (kFarVillage)
//   FN2 (kVillage) is nobody's.

#include <gtest/gtest.h>

#include <cstdint>
#include <cstdio>
#include <functional>
#include <optional>
#include <ostream>
#include <string>
#include <vector>

#include "core/aid.h"
#include "core/field_records.h"
#include "core/household.h"
#include "core/id_number.h"
#include "core/pairing.h"
#include "core/problem.h"
#include "core/progress.h"
#include "core/region_code.h"
#include "store/data_scope.h"
#include "store/database.h"
#include "store/fieldwork_store.h"
#include "store/household_store.h"
#include "store/pairing_store.h"
#include "store/reference_data.h"
#include "store/region_repository.h"

namespace shuanglian::core {

// The five counts in failure messages.
inline void PrintTo(const ProgressCounts& counts, std::ostream* out) {
  *out << "{" << counts.stationed_days << ", " << counts.households_visited << ", "
       << counts.diary_days << ", " << counts.problems_solved << ", " << counts.suggestions << "}";
}

}  // namespace shuanglian::core

namespace shuanglian::testing::fw {

inline constexpr const char* kSetUpTime = "2012-01-05T08:00:00+08:00";
inline constexpr const char* kCounty = "620123";
inline constexpr const char* kTownship = "620123105";
inline constexpr const char* kVillage = "620123105201";
inline constexpr const char* kVillage2 = "620123105202";
inline constexpr const char* kTownship2 = "620123106";
inline constexpr const char* kVillage3 = "620123106201";
inline constexpr const char* kFarTownship = "620902108";
inline constexpr const char* kFarVillage = "620902108200";

inline constexpr const char* kUnitTownship = "甘草店镇人民政府";
inline constexpr const char* kUnitCounty = "榆中县农牧局";
inline constexpr const char* kUnitFar = "泉湖镇党政办";

inline constexpr const char* kPhoneA = "13900000001";
inline constexpr const char* kPhoneB = "13900000002";
inline constexpr const char* kPhoneC = "13900000003";
inline constexpr const char* kPhoneO = "13900000004";
inline constexpr const char* kPhoneL = "13900000005";
inline constexpr const char* kPhoneD = "13900000006";

inline core::Date Day(const std::string& iso) {
  const auto date = core::ParseDate(iso);
  if (!date) {
    ADD_FAILURE() << "bad date in the test: " << iso;
    return core::Date{};
  }
  return *date;
}

inline std::string Describe(const store::RowResult& result) {
  return result.error
             ? result.error->code + " [" + result.error->column + "] " + result.error->message
             : "no error";
}

inline std::string Code(const store::RowResult& result) {
  return result.error ? result.error->code : "accepted";
}

inline bool Accepted(const store::RowResult& result) {
  return result.outcome != store::RowOutcome::kRejected && !result.error;
}

inline store::DataScope HelperScope(std::int64_t helper_id, bool can_write = true) {
  store::DataScope scope;
  scope.kind = store::DataScope::Kind::kHelper;
  scope.helper_id = helper_id;
  scope.can_write = can_write;
  return scope;
}

inline store::DataScope OfficeScope(const std::string& region) {
  return store::DataScope::Region(region, true, true);
}

inline store::DataScope LeaderScope(const std::string& region) {
  return store::DataScope::Region(region, false, true);
}

inline store::DataScope UnitScope(std::int64_t unit_id) {
  store::DataScope scope;
  scope.kind = store::DataScope::Kind::kUnit;
  scope.unit_id = unit_id;
  return scope;
}

// ---- records, as a form or a ledger row would bring them ----

inline core::StationedDay Stationed(const std::string& uuid, const std::string& day,
                                    const std::string& village = kVillage,
                                    const std::string& phone = "") {
  core::StationedDay record;
  record.client_uuid = uuid;
  record.helper_phone = phone;
  record.day = Day(day);
  record.village_code = village;
  record.location = "村委会";
  return record;
}

inline core::Visit VisitOf(const std::string& uuid, const std::string& day,
                           const std::vector<std::string>& households,
                           const std::string& village = kVillage,
                           const std::vector<std::string>& phones = {},
                           const std::vector<std::string>& photos = {}) {
  core::Visit record;
  record.client_uuid = uuid;
  record.day = Day(day);
  record.village_code = village;
  record.helper_phones = phones;
  record.household_nos = households;
  record.kinds = {"listen", "policy"};
  record.learned = "了解春播准备情况";
  record.photos = photos;
  return record;
}

inline core::DiaryEntry Diary(const std::string& uuid, const std::string& day,
                              const std::string& text, const std::string& village = kVillage,
                              const std::string& phone = "") {
  core::DiaryEntry record;
  record.client_uuid = uuid;
  record.helper_phone = phone;
  record.day = Day(day);
  record.village_code = village;
  record.text = text;
  return record;
}

inline core::Problem ProblemOf(const std::string& uuid, const std::string& household,
                               const std::string& raised_on, const std::string& village = kVillage,
                               const std::string& phone = "") {
  core::Problem record;
  record.client_uuid = uuid;
  record.helper_phone = phone;
  record.household_no = household;
  record.village_code = village;
  record.category = "production";
  record.description = "春播缺化肥，希望协调赊购";
  record.raised_on = Day(raised_on);
  return record;
}

inline core::Suggestion SuggestionOf(const std::string& uuid, const std::string& day,
                                     const std::string& village = kVillage,
                                     const std::string& phone = "") {
  core::Suggestion record;
  record.client_uuid = uuid;
  record.helper_phone = phone;
  record.day = Day(day);
  record.village_code = village;
  record.addressee = "township";
  record.content = "建议把春季技术培训放在农闲的晚上";
  return record;
}

inline core::Aid AidOf(const std::string& uuid, const std::string& day,
                       const std::string& household, const std::string& village = kVillage) {
  core::Aid record;
  record.client_uuid = uuid;
  record.day = Day(day);
  record.giver_kind = "unit";
  record.giver_unit = kUnitTownship;
  record.receiver_kind = "household";
  record.household_no = household;
  record.village_code = village;
  record.item = "化肥";
  record.quantity_milli = 2000;
  record.measure = "bag";
  record.value_fen = 16000;
  record.drive = "干部春播帮扶";
  return record;
}

// What a write needs besides the record: who, as whom, against which version, when.
struct Writer {
  store::DataScope scope = store::DataScope::System();
  std::optional<std::int64_t> acting_helper;
  std::optional<std::int64_t> base_version;
  std::string now = "2012-06-30T12:00:00+08:00";
  std::string actor = "tester";
};

class World {
 public:
  explicit World(store::Database& database) : db_(database) { Build(); }

  store::Database& db() { return db_; }
  const core::DictionarySet& dictionaries() const { return dictionaries_; }

  // One write in a transaction of its own, committed.
  store::RowResult Write(const Writer& writer,
                         const std::function<store::RowResult(store::FieldworkStore&,
                                                              const store::FieldWrite&)>& write) {
    store::Transaction transaction(db_);
    const store::WriteContext context{0, writer.now, writer.scope, writer.actor};
    const store::FieldWrite field_write{context, writer.acting_helper, writer.base_version};
    store::FieldworkStore store(db_, dictionaries_);
    const store::RowResult result = write(store, field_write);
    transaction.Commit();
    return result;
  }

  // A cadre's own form: their scope, acting as themselves, a new record (base version 0).
  Writer AsCadre(std::int64_t helper_id, const std::string& now = "2012-06-30T12:00:00+08:00",
                 std::optional<std::int64_t> base_version = 0) const {
    Writer writer;
    writer.scope = HelperScope(helper_id);
    writer.acting_helper = helper_id;
    writer.base_version = base_version;
    writer.now = now;
    writer.actor = "cadre-" + std::to_string(helper_id);
    return writer;
  }

  // The operator importing a ledger: everything, the ledger's copy wins.
  Writer AsLedger(const std::string& now = "2012-06-30T12:00:00+08:00") const {
    Writer writer;
    writer.base_version.reset();
    writer.now = now;
    writer.actor = "system";
    return writer;
  }

  store::RowResult SaveStationed(const Writer& writer, const core::StationedDay& record,
                                 std::int64_t* id = nullptr) {
    return Write(writer, [&](store::FieldworkStore& store, const store::FieldWrite& write) {
      return store.SaveStationedDay(record, write, id);
    });
  }
  store::RowResult SaveVisit(const Writer& writer, const core::Visit& record,
                             std::int64_t* id = nullptr) {
    return Write(writer, [&](store::FieldworkStore& store, const store::FieldWrite& write) {
      return store.SaveVisit(record, write, id);
    });
  }
  store::RowResult SaveDiary(const Writer& writer, const core::DiaryEntry& record,
                             std::int64_t* id = nullptr) {
    return Write(writer, [&](store::FieldworkStore& store, const store::FieldWrite& write) {
      return store.SaveDiaryEntry(record, write, id);
    });
  }
  store::RowResult SaveProblem(const Writer& writer, const core::Problem& record,
                               std::int64_t* id = nullptr) {
    return Write(writer, [&](store::FieldworkStore& store, const store::FieldWrite& write) {
      return store.SaveProblem(record, write, id);
    });
  }
  store::RowResult SaveSuggestion(const Writer& writer, const core::Suggestion& record,
                                  std::int64_t* id = nullptr) {
    return Write(writer, [&](store::FieldworkStore& store, const store::FieldWrite& write) {
      return store.SaveSuggestion(record, write, id);
    });
  }
  store::RowResult SaveAid(const Writer& writer, const core::Aid& record,
                           std::int64_t* id = nullptr) {
    return Write(writer, [&](store::FieldworkStore& store, const store::FieldWrite& write) {
      return store.SaveAid(record, write, id);
    });
  }
  store::RowResult Move(const Writer& writer, std::int64_t problem, const std::string& to,
                        const std::string& result = "") {
    return Write(writer, [&](store::FieldworkStore& store, const store::FieldWrite& write) {
      return store.MoveProblem(problem, to, result, "", write);
    });
  }
  store::RowResult Rate(const Writer& writer, std::int64_t problem,
                        const std::string& satisfaction) {
    return Write(writer, [&](store::FieldworkStore& store, const store::FieldWrite& write) {
      return store.RateProblem(problem, satisfaction, write);
    });
  }
  void RegisterPhoto(const std::string& sha256) {
    store::Transaction transaction(db_);
    const store::DataScope scope = store::DataScope::System();
    store::FieldworkStore(db_, dictionaries_)
        .RegisterPhoto(sha256, 1234, "image/jpeg", store::WriteContext{0, kSetUpTime, scope, "t"});
    transaction.Commit();
  }

  // A problem of a cadre's household registered as a form would, then moved along `path` on
  // the given days (each step at 10:00). Answers its id.
  std::int64_t ProblemThrough(std::int64_t helper, const std::string& uuid,
                              const std::string& household, const std::string& raised_on,
                              const std::vector<std::pair<std::string, std::string>>& path,
                              const std::string& result = "协调供销社赊购化肥4袋，秋后还款",
                              const std::string& village = kVillage) {
    std::int64_t id = 0;
    const store::RowResult saved = SaveProblem(AsCadre(helper, raised_on + "T09:00:00+08:00"),
                                               ProblemOf(uuid, household, raised_on, village), &id);
    EXPECT_TRUE(Accepted(saved)) << uuid << ": " << Describe(saved);
    for (const auto& [to, day] : path) {
      const store::RowResult moved = Move(AsCadre(helper, day + "T10:00:00+08:00", std::nullopt),
                                          id, to, to == "solved" ? result : "");
      EXPECT_TRUE(Accepted(moved)) << uuid << " -> " << to << ": " << Describe(moved);
    }
    return id;
  }

  // The counters kept with every write.
  core::ProgressCounts Counters(std::int64_t helper, int year) {
    const auto rows = db_.Query(
        "SELECT stationed_days, households_visited, diary_days, problems_solved, suggestions "
        "FROM progress_counters WHERE helper_id = $1 AND year = $2",
        {helper, year});
    if (rows.empty()) {
      return core::ProgressCounts{};
    }
    return core::ProgressCounts{rows[0].Int(0), rows[0].Int(1), rows[0].Int(2), rows[0].Int(3),
                                rows[0].Int(4)};
  }

  // The five counts as the test reads them from the records themselves, without the ledger.
  core::ProgressCounts CountedFromRecords(std::int64_t helper, int year) {
    const std::string from = std::to_string(year) + "-01-01";
    const std::string to = std::to_string(year) + "-12-31";
    const auto one = [&](const std::string& sql) {
      return db_.Query(sql, {helper, from, to})[0].Int(0);
    };
    core::ProgressCounts counts;
    counts.stationed_days =
        one("SELECT count(*) FROM stationed_days WHERE helper_id = $1 AND day >= $2 AND day <= $3");
    counts.households_visited = one(
        "SELECT count(DISTINCT x.household_id) FROM visits v JOIN visit_helpers vh ON "
        "vh.visit_id = v.id JOIN visit_households x ON x.visit_id = v.id WHERE vh.helper_id = $1 "
        "AND v.day >= $2 AND v.day <= $3");
    counts.diary_days =
        one("SELECT count(DISTINCT day) FROM diary_entries WHERE helper_id = $1 AND day >= $2 AND "
            "day <= $3");
    counts.problems_solved = one(
        "SELECT count(*) FROM problems WHERE helper_id = $1 AND status = 'solved' AND result <> "
        "'' AND substr(solved_at, 1, 10) >= $2 AND substr(solved_at, 1, 10) <= $3");
    counts.suggestions =
        one("SELECT count(*) FROM suggestions WHERE helper_id = $1 AND day >= $2 AND day <= $3");
    return counts;
  }

  std::int64_t Rows(const std::string& table) {
    return db_.Query("SELECT count(*) FROM " + table)[0].Int(0);
  }

  std::int64_t unit_township = 0;
  std::int64_t unit_county = 0;
  std::int64_t unit_far = 0;
  std::int64_t a = 0;
  std::int64_t b = 0;
  std::int64_t c = 0;
  std::int64_t o = 0;
  std::int64_t l = 0;
  std::int64_t d = 0;

 private:
  void Build() {
    AddRegions();
    dictionaries_ = store::LoadDictionaries(db_);
    unit_township = AddUnit(kUnitTownship, "township", kTownship);
    unit_county = AddUnit(kUnitCounty, "county", kCounty);
    unit_far = AddUnit(kUnitFar, "township", kFarTownship);
    a = AddHelper("甲干部", "cadre", kUnitTownship, kPhoneA, {});
    b = AddHelper("乙干部", "cadre", kUnitTownship, kPhoneB, {});
    o = AddHelper("丙村干部", "cadre", kUnitTownship, kPhoneO, {"village_official"});
    l = AddHelper("丁领导", "leader", kUnitTownship, kPhoneL, {});
    c = AddHelper("戊干部", "cadre", kUnitCounty, kPhoneC, {});
    d = AddHelper("己干部", "cadre", kUnitFar, kPhoneD, {});
    int sequence = 0;
    std::vector<core::Household> households;
    const auto add = [&](const std::string& number, const std::string& village) {
      households.push_back(MakeHousehold(number, village, ++sequence));
    };
    for (int index = 1; index <= 5; ++index) {
      add("FA" + std::to_string(index), kVillage);
    }
    add("FB1", kVillage);
    add("FB2", kVillage);
    add("FB3", kVillage2);
    add("FO1", kVillage);
    add("FN1", kVillage);
    add("FN2", kVillage);
    add("FC1", kVillage3);
    add("FC2", kVillage3);
    add("FD1", kFarVillage);
    AddHouseholds(households);
    for (int index = 1; index <= 5; ++index) {
      Pair("cadre_household", kPhoneA, "FA" + std::to_string(index));
    }
    Pair("cadre_household", kPhoneB, "FB1");
    Pair("cadre_household", kPhoneB, "FB2");
    Pair("cadre_household", kPhoneB, "FB3");
    Pair("cadre_household", kPhoneO, "FO1");
    Pair("leader_household", kPhoneL, "FN1");
    Pair("cadre_household", kPhoneC, "FC1");
    Pair("cadre_household", kPhoneC, "FC2");
    Pair("cadre_household", kPhoneD, "FD1");
  }

  void AddRegions() {
    std::vector<store::Region> regions;
    for (const std::string village : {kVillage, kVillage2, kVillage3, kFarVillage}) {
      for (const int length : {2, 4, 6, 9, 12}) {
        const std::string code = village.substr(0, static_cast<std::size_t>(length));
        regions.push_back(
            store::Region{code, *core::LevelOfCode(code), core::ParentCode(code), "区划" + code});
      }
    }
    store::Transaction transaction(db_);
    store::RegionRepository(db_).Upsert(regions, kSetUpTime);
    transaction.Commit();
  }

  static core::Household MakeHousehold(const std::string& number, const std::string& village,
                                       int sequence) {
    char digits[8];
    std::snprintf(digits, sizeof digits, "%03d", sequence % 1000);
    std::string id = village.substr(0, 6) + "19700101" + digits;
    id.push_back(core::IdCheckCharacter(id));
    core::Household household;
    household.household_no = number;
    household.head_name = "户主" + number;
    household.head_id_number = id;
    household.village_code = village;
    household.category = "poverty";
    household.declared_members = 3;
    return household;
  }

  void AddHouseholds(const std::vector<core::Household>& households) {
    std::vector<store::ImportRow<core::Household>> rows;
    for (const core::Household& household : households) {
      rows.push_back({static_cast<std::int64_t>(rows.size() + 2), household});
    }
    store::Transaction transaction(db_);
    const store::DataScope scope = store::DataScope::System();
    std::vector<std::string> created;
    const auto results = store::HouseholdStore(db_).UpsertBatch(
        rows, store::WriteContext{0, kSetUpTime, scope}, created);
    transaction.Commit();
    for (const store::RowResult& result : results) {
      EXPECT_NE(result.outcome, store::RowOutcome::kRejected) << Describe(result);
    }
  }

  std::int64_t AddUnit(const std::string& name, const std::string& affiliation,
                       const std::string& region) {
    core::Unit unit;
    unit.name = name;
    unit.unit_type = "government";
    unit.affiliation = affiliation;
    unit.region_code = region;
    std::int64_t id = 0;
    store::Transaction transaction(db_);
    const store::DataScope scope = store::DataScope::System();
    const store::RowResult result =
        store::PairingStore(db_, dictionaries_)
            .UpsertUnit(unit, store::WriteContext{0, kSetUpTime, scope}, &id);
    transaction.Commit();
    EXPECT_EQ(result.outcome, store::RowOutcome::kInserted) << name << ": " << Describe(result);
    return id;
  }

  std::int64_t AddHelper(const std::string& name, const std::string& kind, const std::string& unit,
                         const std::string& phone, const std::vector<std::string>& flags) {
    core::Helper helper;
    helper.name = name;
    helper.kind = kind;
    helper.unit_name = unit;
    helper.phone = phone;
    helper.flags = flags;
    std::int64_t id = 0;
    store::Transaction transaction(db_);
    const store::DataScope scope = store::DataScope::System();
    const store::RowResult result =
        store::PairingStore(db_, dictionaries_)
            .UpsertHelper(helper, store::WriteContext{0, kSetUpTime, scope}, &id);
    transaction.Commit();
    EXPECT_EQ(result.outcome, store::RowOutcome::kInserted) << name << ": " << Describe(result);
    return id;
  }

  void Pair(const std::string& kind, const std::string& phone, const std::string& household) {
    core::PairingInput input;
    input.kind = kind;
    input.helper_phone = phone;
    input.household_no = household;
    input.start_date = core::Date{2012, 1, 1};
    store::Transaction transaction(db_);
    const store::DataScope scope = store::DataScope::System();
    const store::RowResult result =
        store::PairingStore(db_, dictionaries_)
            .ApplyPairing(input, store::WriteContext{0, kSetUpTime, scope});
    transaction.Commit();
    EXPECT_EQ(result.outcome, store::RowOutcome::kInserted)
        << kind << " " << phone << " " << household << ": " << Describe(result);
  }

  store::Database& db_;
  core::DictionarySet dictionaries_;
};

}  // namespace shuanglian::testing::fw
