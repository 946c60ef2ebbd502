// Units, helpers and pairings written through PairingStore on both backends (issue 6): the
// rules refused by name (quota, coverage, a leader and a unit per village, a cadre per
// group), unique phones, the history a replacement keeps, scope checks on writes, and what
// each data scope reads (a cadre, a unit's administrator, a region's office).

#include "store/pairing_store.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <functional>
#include <set>
#include <string>
#include <vector>

#include "core/region_code.h"
#include "store/backend_fixture.h"
#include "store/household_repository.h"
#include "store/household_store.h"
#include "store/pairing_repository.h"
#include "store/reference_data.h"
#include "store/region_repository.h"

namespace shuanglian::testing {
namespace {

constexpr const char* kNow = "2026-11-29T10:00:00+08:00";
constexpr const char* kTownship = "620123105";
constexpr const char* kVillage = "620123105201";
constexpr const char* kOtherVillage = "620123105202";
constexpr const char* kFarVillage = "620902108200";  // 泉湖, another county
const std::string kGroup = std::string(kVillage) + "001";

using store::RowOutcome;
using store::RowResult;

store::DataScope HelperScope(std::int64_t helper_id) {
  store::DataScope scope;
  scope.kind = store::DataScope::Kind::kHelper;
  scope.helper_id = helper_id;
  return scope;
}

store::DataScope UnitScope(std::int64_t unit_id) {
  store::DataScope scope;
  scope.kind = store::DataScope::Kind::kUnit;
  scope.unit_id = unit_id;
  scope.can_write = true;
  return scope;
}

// The error code of a result, or "accepted" when there is none.
std::string Code(const RowResult& result) {
  return result.error ? result.error->code : "accepted";
}

std::string Describe(const RowResult& result) {
  return result.error
             ? result.error->code + " [" + result.error->column + "] " + result.error->message
             : "no error";
}

class PairingStoreTest : public BackendTest {
 protected:
  void SetUp() override {
    BackendTest::SetUp();
    if (IsSkipped() || HasFatalFailure()) {
      return;
    }
    AddVillages({kVillage, kOtherVillage, kFarVillage});
    // One group in the village, for the leading cadres.
    store::Transaction transaction(db());
    const std::vector<store::Region> groups = {
        store::Region{kGroup, core::RegionLevel::kGroup, kVillage, "一组"}};
    store::RegionRepository(db()).Upsert(groups, kNow);
    transaction.Commit();
    dictionaries_ = store::LoadDictionaries(db());
  }

  RowResult Write(
      const std::function<RowResult(store::PairingStore&, const store::WriteContext&)>& write,
      const store::DataScope& scope = store::DataScope::System()) {
    store::Transaction transaction(db());
    store::PairingStore store(db(), dictionaries_);
    const RowResult result = write(store, store::WriteContext{0, kNow, scope});
    transaction.Commit();
    return result;
  }

  void AddHouseholds(const std::vector<core::Household>& households) {
    std::vector<store::ImportRow<core::Household>> rows;
    for (const core::Household& household : households) {
      rows.push_back({static_cast<std::int64_t>(rows.size() + 2), household});
    }
    store::Transaction transaction(db());
    const store::DataScope scope = store::DataScope::System();
    std::vector<std::string> created;
    const auto results =
        store::HouseholdStore(db()).UpsertBatch(rows, store::WriteContext{0, kNow, scope}, created);
    transaction.Commit();
    for (const RowResult& result : results) {
      ASSERT_NE(result.outcome, RowOutcome::kRejected) << Describe(result);
    }
  }

  // Households numbered H1..Hn in `village`, all of `category`.
  void AddHouseholds(const std::string& prefix, const std::string& village, int count,
                     const std::string& category = "poverty") {
    std::vector<core::Household> households;
    for (int index = 1; index <= count; ++index) {
      households.push_back(MakeHousehold(prefix + std::to_string(index), village,
                                         MakeId("620123", "19700101", ++people_), category));
    }
    AddHouseholds(households);
  }

  core::Unit UnitRecord(const std::string& name, const std::string& type = "government",
                        const std::string& parent = "", const std::string& region = "6201") {
    core::Unit unit;
    unit.name = name;
    unit.unit_type = type;
    unit.affiliation = "city";
    unit.parent_name = parent;
    unit.region_code = region;
    return unit;
  }

  std::int64_t AddUnit(const std::string& name, const std::string& type = "government",
                       const std::string& parent = "", const std::string& region = "6201") {
    std::int64_t id = 0;
    const RowResult result = Write([&](store::PairingStore& store, const auto& context) {
      return store.UpsertUnit(UnitRecord(name, type, parent, region), context, &id);
    });
    EXPECT_EQ(result.outcome, RowOutcome::kInserted) << Describe(result);
    return id;
  }

  core::Helper HelperRecord(const std::string& name, const std::string& kind,
                            const std::string& unit, const std::string& phone,
                            const std::string& region = "") {
    core::Helper helper;
    helper.name = name;
    helper.kind = kind;
    helper.unit_name = unit;
    helper.phone = phone;
    helper.region_code = region;
    return helper;
  }

  std::int64_t AddHelper(const std::string& name, const std::string& kind, const std::string& unit,
                         const std::string& phone, const std::string& region = "") {
    std::int64_t id = 0;
    const RowResult result = Write([&](store::PairingStore& store, const auto& context) {
      return store.UpsertHelper(HelperRecord(name, kind, unit, phone, region), context, &id);
    });
    EXPECT_EQ(result.outcome, RowOutcome::kInserted) << Describe(result);
    return id;
  }

  RowResult Pair(const std::string& kind, const std::string& phone, const std::string& unit,
                 const std::string& target, const std::string& start = "2012-03-06",
                 const store::DataScope& scope = store::DataScope::System(),
                 std::int64_t* id = nullptr) {
    core::PairingInput input;
    input.kind = kind;
    input.helper_phone = phone;
    input.unit_name = unit;
    const core::DictionaryItem* item = dictionaries_.Get("pairing_kind").FindCode(kind);
    const std::string target_kind = item != nullptr ? item->Attribute("target") : "";
    if (target_kind == "village") {
      input.village_code = target;
    } else if (target_kind == "group") {
      input.group_code = target;
    } else {
      input.household_no = target;
    }
    input.start_date = core::Date{std::stoi(start.substr(0, 4)), std::stoi(start.substr(5, 2)),
                                  std::stoi(start.substr(8, 2))};
    return Write([&](store::PairingStore& store,
                     const auto& context) { return store.ApplyPairing(input, context, id); },
                 scope);
  }

  // Opens a pairing that must succeed; answers its id.
  std::int64_t Paired(const std::string& kind, const std::string& phone, const std::string& unit,
                      const std::string& target, const std::string& start = "2012-03-06") {
    std::int64_t id = 0;
    const RowResult result =
        Pair(kind, phone, unit, target, start, store::DataScope::System(), &id);
    EXPECT_TRUE(result.outcome == RowOutcome::kInserted || result.outcome == RowOutcome::kUpdated)
        << kind << " " << target << ": " << Describe(result);
    return id;
  }

  RowResult End(std::int64_t pairing_id, const std::string& end_date = "2026-11-29",
                const store::DataScope& scope = store::DataScope::System()) {
    return Write(
        [&](store::PairingStore& store, const auto& context) {
          return store.EndPairing(pairing_id, context, end_date);
        },
        scope);
  }

  store::StoredPairing PairingOf(std::int64_t id) {
    const auto pairing = store::PairingRepository(db()).PairingById(id, store::DataScope::System());
    EXPECT_TRUE(pairing.has_value()) << id;
    return pairing.value_or(store::StoredPairing{});
  }

  void SaveRule(const std::string& region, const std::function<void(core::CoverageRule&)>& edit) {
    core::CoverageRule rule = core::CoverageRule::Default(dictionaries_);
    edit(rule);
    store::Transaction transaction(db());
    store::PairingRepository(db()).SaveRule(region, rule, kNow);
    transaction.Commit();
  }

  std::int64_t CountPairings(const std::string& where = "1 = 1") {
    return db().Query("SELECT count(*) FROM pairings WHERE " + where)[0].Int(0);
  }

  std::set<std::string> VisibleHouseholds(const store::DataScope& scope,
                                          std::int64_t* total = nullptr) {
    store::HouseholdFilter filter;
    filter.limit = 100;
    std::set<std::string> numbers;
    for (const store::StoredHousehold& household :
         store::HouseholdRepository(db()).List(filter, scope, total)) {
      numbers.insert(household.household.household_no);
    }
    return numbers;
  }

  std::set<std::string> VisibleHelpers(const store::DataScope& scope) {
    std::set<std::string> names;
    std::int64_t total = -1;
    for (const store::StoredHelper& helper :
         store::PairingRepository(db()).Helpers(store::HelperFilter{}, scope, &total)) {
      names.insert(helper.helper.name);
    }
    EXPECT_EQ(total, static_cast<std::int64_t>(names.size()));
    return names;
  }

  std::set<std::int64_t> VisiblePairings(const store::DataScope& scope) {
    std::set<std::int64_t> ids;
    for (const store::StoredPairing& pairing :
         store::PairingRepository(db()).Pairings(store::PairingFilter{}, scope)) {
      ids.insert(pairing.id);
    }
    return ids;
  }

  core::DictionarySet dictionaries_;
  int people_ = 0;
};

// ---------------------------------------------------------------------------------------------
// The quota.

TEST_P(PairingStoreTest, QuotaRefusalNamesTheRuleAndWritesNothing) {
  SaveRule(kTownship, [](core::CoverageRule& rule) { rule.max_households_per_cadre = 2; });
  AddHouseholds("H", kVillage, 4);
  AddUnit("兰州市教育局");
  AddHelper("甲", "cadre", "兰州市教育局", "13900000001");
  AddHelper("乙", "cadre", "兰州市教育局", "13900000002");
  Paired("cadre_household", "13900000001", "", "H1");
  Paired("cadre_household", "13900000001", "", "H2");

  const RowResult refused = Pair("cadre_household", "13900000001", "", "H3");
  ASSERT_EQ(refused.outcome, RowOutcome::kRejected);
  EXPECT_EQ(refused.error->code, "max_households_per_cadre");
  EXPECT_NE(refused.error->message.find("max_households_per_cadre"), std::string::npos);
  EXPECT_EQ(CountPairings(), 2);

  // The same pairing again is no new household: unchanged, not refused.
  EXPECT_EQ(Pair("cadre_household", "13900000001", "", "H1").outcome, RowOutcome::kUnchanged);

  // Handing 乙's household to the full 甲 is refused too, and 乙 keeps it.
  const std::int64_t kept = Paired("cadre_household", "13900000002", "", "H4");
  const RowResult moved = Pair("cadre_household", "13900000001", "", "H4", "2013-01-01");
  ASSERT_EQ(moved.outcome, RowOutcome::kRejected);
  EXPECT_EQ(moved.error->code, "max_households_per_cadre");
  EXPECT_TRUE(PairingOf(kept).end_date.empty());
  const auto full = store::PairingRepository(db()).HelperByPhone("13900000001");
  ASSERT_TRUE(full.has_value());
  EXPECT_EQ(store::PairingRepository(db()).QuotaLoad(full->id), 2);
}

TEST_P(PairingStoreTest, TheNearestRuleSetsTheQuotaOfACadresHouseholdsOnly) {
  // The county allows 1, the township (nearer) allows 3: the township's rule decides.
  SaveRule("620123", [](core::CoverageRule& rule) { rule.max_households_per_cadre = 1; });
  SaveRule(kTownship, [](core::CoverageRule& rule) { rule.max_households_per_cadre = 3; });
  AddHouseholds("H", kVillage, 4);
  AddUnit("兰州市教育局");
  AddHelper("甲", "cadre", "兰州市教育局", "13900000001");
  AddHelper("领导", "leader", "", "13900000002");
  for (const char* household : {"H1", "H2", "H3"}) {
    Paired("cadre_household", "13900000001", "", household);
  }
  EXPECT_EQ(Code(Pair("cadre_household", "13900000001", "", "H4")), "max_households_per_cadre");
  // A leader's households are not a cadre's quota.
  for (const char* household : {"H1", "H2", "H3", "H4"}) {
    Paired("leader_household", "13900000002", "", household);
  }
  EXPECT_EQ(CountPairings("end_date IS NULL"), 3 + 4);
}

// ---------------------------------------------------------------------------------------------
// Phones.

TEST_P(PairingStoreTest, APhoneBelongsToOneHelper) {
  AddUnit("兰州市教育局");
  const std::int64_t first = AddHelper("张三", "cadre", "兰州市教育局", "13900000001");
  const RowResult taken = Write([&](store::PairingStore& store, const auto& context) {
    return store.UpsertHelper(HelperRecord("李四", "cadre", "兰州市教育局", "13900000001"),
                              context);
  });
  ASSERT_EQ(taken.outcome, RowOutcome::kRejected);
  EXPECT_EQ(taken.error->code, "phone_taken");
  EXPECT_EQ(taken.error->column, "联系电话");
  EXPECT_NE(taken.error->message.find("张三"), std::string::npos) << taken.error->message;
  EXPECT_EQ(db().Query("SELECT count(*) FROM helpers")[0].Int(0), 1);

  // The same person again is the same helper: an update of their record.
  core::Helper changed = HelperRecord("张三", "cadre", "兰州市教育局", "13900000001");
  changed.title = "科长";
  std::int64_t id = 0;
  EXPECT_EQ(Write([&](store::PairingStore& store, const auto& context) {
              return store.UpsertHelper(changed, context, &id);
            }).outcome,
            RowOutcome::kUpdated);
  EXPECT_EQ(id, first);

  // A form may not move someone onto another's phone.
  const std::int64_t second = AddHelper("李四", "cadre", "兰州市教育局", "13900000002");
  const RowResult edit = Write([&](store::PairingStore& store, const auto& context) {
    return store.UpdateHelper(second, HelperRecord("李四", "cadre", "兰州市教育局", "13900000001"),
                              context);
  });
  ASSERT_EQ(edit.outcome, RowOutcome::kRejected);
  EXPECT_EQ(edit.error->code, "phone_taken");
  EXPECT_EQ(
      store::PairingRepository(db()).HelperById(second, store::DataScope::System())->helper.phone,
      "13900000002");
}

TEST_P(PairingStoreTest, ALandlineWrittenTwoWaysIsStillOnePhone) {
  // Helpers are told apart by phone (pairing files name them by it), so one number may not
  // be registered twice by spelling it differently. Both spellings pass validation.
  const auto first = core::ValidateHelper(
      core::RawRecord{{"王一"}, {"领导"}, {""}, {""}, {""}, {""}, {"0931-5320001"}, {""}},
      core::ValidationContext{dictionaries_, core::Date{2026, 11, 29}});
  const auto second = core::ValidateHelper(
      core::RawRecord{{"王二"}, {"领导"}, {""}, {""}, {""}, {""}, {"0931 5320001"}, {""}},
      core::ValidationContext{dictionaries_, core::Date{2026, 11, 29}});
  ASSERT_TRUE(first.ok());
  ASSERT_TRUE(second.ok());
  ASSERT_EQ(Write([&](store::PairingStore& store, const auto& context) {
              return store.UpsertHelper(first.value, context);
            }).outcome,
            RowOutcome::kInserted);
  const RowResult again = Write([&](store::PairingStore& store, const auto& context) {
    return store.UpsertHelper(second.value, context);
  });
  // Regression (fixed): one landline spelt two ways registers two helpers (should be phone_taken).
  // The landline is stored as typed ("0931-5320001" vs "0931 5320001"), only mobiles are
  // reduced to their digits.
  EXPECT_EQ(again.outcome, RowOutcome::kRejected) << Describe(again);
  EXPECT_EQ(db().Query("SELECT count(*) FROM helpers")[0].Int(0), 1);
}

// ---------------------------------------------------------------------------------------------
// Replacements keep the history.

TEST_P(PairingStoreTest, AReplacementClosesTheOldPairingAndOpensANewOne) {
  AddHouseholds("H", kVillage, 1);
  AddUnit("兰州市教育局");
  const std::int64_t first = AddHelper("甲", "cadre", "兰州市教育局", "13900000001");
  const std::int64_t second = AddHelper("乙", "cadre", "兰州市教育局", "13900000002");
  const std::int64_t old_id = Paired("cadre_household", "13900000001", "", "H1", "2012-03-06");
  std::int64_t new_id = 0;
  const RowResult replaced = Pair("cadre_household", "13900000002", "", "H1", "2014-07-01",
                                  store::DataScope::System(), &new_id);
  EXPECT_EQ(replaced.outcome, RowOutcome::kUpdated) << Describe(replaced);
  ASSERT_NE(new_id, old_id);

  const store::StoredPairing closed = PairingOf(old_id);
  EXPECT_EQ(closed.end_date, "2014-07-01");
  EXPECT_EQ(closed.start_date, "2012-03-06");
  EXPECT_EQ(closed.helper_id, first);
  const store::StoredPairing opened = PairingOf(new_id);
  EXPECT_TRUE(opened.end_date.empty());
  EXPECT_EQ(opened.start_date, "2014-07-01");
  EXPECT_EQ(opened.helper_id, second);

  // The household's history: both pairings, one active.
  store::PairingFilter history;
  history.household_id = opened.household_id;
  history.active_only = false;
  EXPECT_EQ(store::PairingRepository(db()).Pairings(history, store::DataScope::System()).size(),
            2u);
  history.active_only = true;
  const auto active = store::PairingRepository(db()).Pairings(history, store::DataScope::System());
  ASSERT_EQ(active.size(), 1u);
  EXPECT_EQ(active[0].id, new_id);
}

TEST_P(PairingStoreTest, NoPairingEndsBeforeItBegan) {
  AddHouseholds("H", kVillage, 2);
  AddUnit("兰州市教育局");
  AddHelper("甲", "cadre", "兰州市教育局", "13900000001");
  AddHelper("乙", "cadre", "兰州市教育局", "13900000002");
  AddHelper("领导", "leader", "", "13900000003");
  Paired("cadre_household", "13900000001", "", "H1", "2014-07-01");
  // A replacement dated before the current helper began, and an end dated before the start:
  // either is refused, or the history still reads forward in time.
  Pair("cadre_household", "13900000002", "", "H1", "2013-01-01");
  const std::int64_t general = Paired("leader_household", "13900000003", "", "H2", "2015-01-01");
  SaveRule(kTownship, [](core::CoverageRule& rule) { rule.required_categories.clear(); });
  End(general, "2014-01-01");
  // Regression (fixed): a pairing can end before it began (end_date < start_date).
  // ApplyPairing ends the replaced pairing on the new one's start date, and EndPairing takes
  // any end date, neither compared with the pairing's start.
  EXPECT_EQ(CountPairings("end_date IS NOT NULL AND end_date < start_date"), 0);
}

TEST_P(PairingStoreTest, AGroupsCadreIsReplacedButAVillageMayHaveSeveralLeaders) {
  AddHelper("组长一", "leader", "", "13900000001");
  AddHelper("组长二", "leader", "", "13900000002");
  const std::int64_t first_group = Paired("cadre_group", "13900000001", "", kGroup);
  const std::int64_t second_group = Paired("cadre_group", "13900000002", "", kGroup, "2013-01-01");
  EXPECT_EQ(PairingOf(first_group).end_date, "2013-01-01");
  EXPECT_TRUE(PairingOf(second_group).end_date.empty());

  const std::int64_t first_village = Paired("leader_village", "13900000001", "", kVillage);
  const std::int64_t second_village = Paired("leader_village", "13900000002", "", kVillage);
  EXPECT_TRUE(PairingOf(first_village).end_date.empty());
  EXPECT_TRUE(PairingOf(second_village).end_date.empty());
  EXPECT_EQ(CountPairings("end_date IS NULL"), 3);
}

TEST_P(PairingStoreTest, UnknownSubjectsAndTargetsAreNamed) {
  AddHouseholds("H", kVillage, 1);
  AddUnit("兰州市教育局");
  AddUnit("陇原农业公司", "private_enterprise");
  AddHelper("甲", "cadre", "兰州市教育局", "13900000001");
  AddHelper("领导", "leader", "", "13900000002");
  EXPECT_EQ(Code(Pair("cadre_household", "13900000099", "", "H1")), "unknown_helper");
  EXPECT_EQ(Code(Pair("cadre_household", "13900000001", "", "H99")), "unknown_household");
  EXPECT_EQ(Code(Pair("unit_village", "", "不存在的局", kVillage)), "unknown_unit");
  EXPECT_EQ(Code(Pair("unit_village", "", "兰州市教育局", "620123105299")), "unknown_village");
  EXPECT_EQ(Code(Pair("cadre_group", "13900000002", "", kGroup.substr(0, 12) + "009")),
            "unknown_group");
  // A leader's pairing wants a leader; an enterprise's, an enterprise.
  EXPECT_EQ(Code(Pair("leader_village", "13900000001", "", kVillage)), "wrong_helper_kind");
  EXPECT_EQ(Code(Pair("cadre_household", "13900000002", "", "H1")), "wrong_helper_kind");
  EXPECT_EQ(Code(Pair("unit_village", "", "陇原农业公司", kVillage)), "wrong_unit_type");
  EXPECT_EQ(Code(Pair("enterprise_village", "", "兰州市教育局", kVillage)), "wrong_unit_type");
  EXPECT_EQ(Code(Pair("enterprise_village", "", "陇原农业公司", kVillage)), "accepted");
  EXPECT_EQ(CountPairings(), 1);
}

// ---------------------------------------------------------------------------------------------
// Ending a pairing, and the rules that refuse it.

TEST_P(PairingStoreTest, EndingTheOnlyHelperOfARequiredHouseholdIsRefused) {
  AddHouseholds("H", kVillage, 1);             // 扶贫户: required by default
  AddHouseholds("G", kVillage, 1, "general");  // not required
  AddUnit("兰州市教育局");
  AddHelper("甲", "cadre", "兰州市教育局", "13900000001");
  AddHelper("领导", "leader", "", "13900000002");
  const std::int64_t cadre = Paired("cadre_household", "13900000001", "", "H1");
  const RowResult refused = End(cadre);
  ASSERT_EQ(refused.outcome, RowOutcome::kRejected);
  EXPECT_EQ(refused.error->code, "household_coverage");
  EXPECT_TRUE(PairingOf(cadre).end_date.empty());

  // With a leader also helping the household, the cadre may go.
  const std::int64_t leader = Paired("leader_household", "13900000002", "", "H1");
  EXPECT_EQ(End(cadre, "2020-01-01").outcome, RowOutcome::kUpdated);
  EXPECT_EQ(PairingOf(cadre).end_date, "2020-01-01");
  // ... and now the leader is the last one.
  EXPECT_EQ(Code(End(leader)), "household_coverage");

  // A household no rule requires may lose its helper.
  const std::int64_t general = Paired("cadre_household", "13900000001", "", "G1");
  EXPECT_EQ(End(general).outcome, RowOutcome::kUpdated);
  // An ended pairing cannot end again.
  EXPECT_EQ(Code(End(general)), "not_found");
}

TEST_P(PairingStoreTest, EndingAVillagesOnlyUnitOrLeaderIsRefused) {
  AddUnit("兰州市教育局");
  AddUnit("陇原农业公司", "private_enterprise");
  AddHelper("领导一", "leader", "", "13900000001");
  AddHelper("领导二", "leader", "", "13900000002");
  const std::int64_t unit = Paired("unit_village", "", "兰州市教育局", kVillage);
  EXPECT_EQ(Code(End(unit)), "village_needs_unit");
  // An enterprise paired with the village is a unit too: the bureau may then leave.
  const std::int64_t enterprise = Paired("enterprise_village", "", "陇原农业公司", kVillage);
  EXPECT_EQ(End(unit).outcome, RowOutcome::kUpdated);
  EXPECT_EQ(Code(End(enterprise)), "village_needs_unit");

  const std::int64_t leader = Paired("leader_village", "13900000001", "", kVillage);
  EXPECT_EQ(Code(End(leader)), "village_needs_leader");
  Paired("leader_village", "13900000002", "", kVillage);
  EXPECT_EQ(End(leader).outcome, RowOutcome::kUpdated);

  // Another village's unit does not count for this one.
  const std::int64_t other = Paired("unit_village", "", "兰州市教育局", kOtherVillage);
  EXPECT_EQ(Code(End(other)), "village_needs_unit");
}

TEST_P(PairingStoreTest, AGroupKeepsItsCadreAndRulesSwitchedOffAllowTheEnd) {
  AddHouseholds("H", kVillage, 1);
  AddUnit("兰州市教育局");
  AddHelper("甲", "cadre", "兰州市教育局", "13900000001");
  AddHelper("领导", "leader", "", "13900000002");
  const std::int64_t unit = Paired("unit_village", "", "兰州市教育局", kVillage);
  const std::int64_t leader = Paired("leader_village", "13900000002", "", kVillage);
  const std::int64_t cadre = Paired("cadre_household", "13900000001", "", "H1");
  // A group keeps its leading cadre until another takes over.
  const std::int64_t group = Paired("cadre_group", "13900000002", "", kGroup);
  const RowResult refused = End(group);
  ASSERT_EQ(refused.outcome, RowOutcome::kRejected);
  EXPECT_EQ(refused.error->code, "group_needs_cadre");
  EXPECT_TRUE(PairingOf(group).end_date.empty());

  SaveRule(kTownship, [&](core::CoverageRule& rule) {
    rule.village_needs_unit = false;
    rule.village_needs_leader = false;
    rule.group_needs_cadre = false;
    ASSERT_FALSE(rule.SetRequiredCategories({"五保户"}, dictionaries_));
  });
  EXPECT_EQ(End(unit).outcome, RowOutcome::kUpdated);
  EXPECT_EQ(End(leader).outcome, RowOutcome::kUpdated);
  EXPECT_EQ(End(cadre).outcome, RowOutcome::kUpdated);
  EXPECT_EQ(End(group).outcome, RowOutcome::kUpdated);
  EXPECT_EQ(CountPairings("end_date IS NULL"), 0);
}

// ---------------------------------------------------------------------------------------------
// Units.

TEST_P(PairingStoreTest, UpdateUnitRefusesADuplicateNameAndItselfAsParent) {
  const std::int64_t education = AddUnit("兰州市教育局");
  AddUnit("兰州市卫健委");
  const RowResult duplicate = Write([&](store::PairingStore& store, const auto& context) {
    return store.UpdateUnit(education, UnitRecord("兰州市卫健委"), context);
  });
  ASSERT_EQ(duplicate.outcome, RowOutcome::kRejected);
  EXPECT_EQ(duplicate.error->code, "duplicate");
  const RowResult self = Write([&](store::PairingStore& store, const auto& context) {
    return store.UpdateUnit(education, UnitRecord("兰州市教育局", "government", "兰州市教育局"),
                            context);
  });
  ASSERT_EQ(self.outcome, RowOutcome::kRejected);
  EXPECT_EQ(self.error->code, "cycle");
  EXPECT_FALSE(store::PairingRepository(db())
                   .UnitById(education, store::DataScope::System())
                   ->parent_id.has_value());
  // A rename to a free name is fine.
  EXPECT_EQ(Write([&](store::PairingStore& store, const auto& context) {
              return store.UpdateUnit(education, UnitRecord("兰州市教育局（新）"), context);
            }).outcome,
            RowOutcome::kUpdated);
  // An unknown parent is named.
  EXPECT_EQ(Code(Write([&](store::PairingStore& store, const auto& context) {
              return store.UpsertUnit(UnitRecord("新单位", "government", "没有这个单位"), context);
            })),
            "unknown_unit");
}

TEST_P(PairingStoreTest, UpdateUnitRefusesAParentCycle) {
  const std::int64_t top = AddUnit("兰州市人民政府");
  AddUnit("兰州市教育局", "government", "兰州市人民政府");
  // The government under its own bureau: a loop of two.
  const RowResult loop = Write([&](store::PairingStore& store, const auto& context) {
    return store.UpdateUnit(top, UnitRecord("兰州市人民政府", "government", "兰州市教育局"),
                            context);
  });
  // Regression (fixed): UpdateUnit stores a two-unit parent loop; it should be refused with
  // "cycle". It only compares the new parent with the unit itself.
  EXPECT_EQ(loop.outcome, RowOutcome::kRejected) << Describe(loop);
}

TEST_P(PairingStoreTest, AnImportedUnitCannotBeItsOwnParent) {
  AddUnit("兰州市教育局");
  // A units file updates the bureau by name and names it as its own parent.
  const RowResult self = Write([&](store::PairingStore& store, const auto& context) {
    return store.UpsertUnit(UnitRecord("兰州市教育局", "government", "兰州市教育局"), context);
  });
  // Regression (fixed): UpsertUnit (imports) stores a unit as its own parent; should be refused
  // ("cycle"). Updating an existing unit by name skips the parent check UpdateUnit makes.
  EXPECT_EQ(self.outcome, RowOutcome::kRejected) << Describe(self);
  EXPECT_EQ(db().Query("SELECT count(*) FROM units WHERE parent_id = id")[0].Int(0), 0);
}

// ---------------------------------------------------------------------------------------------
// Scope on writes.

TEST_P(PairingStoreTest, WritesOutsideTheScopeAreRefused) {
  AddHouseholds("H", kVillage, 1);
  AddUnit("兰州市教育局");
  AddHelper("甲", "cadre", "兰州市教育局", "13900000001");
  AddHelper("组长", "leader", "", "13900000002");
  // 泉湖's office may not pair anything in 甘草店镇.
  const store::DataScope quanhu = store::DataScope::Region("620902108", true, true);
  const RowResult village =
      Pair("unit_village", "", "兰州市教育局", kVillage, "2012-03-06", quanhu);
  ASSERT_EQ(village.outcome, RowOutcome::kRejected);
  EXPECT_EQ(village.error->code, "out_of_scope");
  EXPECT_EQ(Code(Pair("cadre_group", "13900000002", "", kGroup, "2012-03-06", quanhu)),
            "out_of_scope");
  // A household outside is not even found.
  EXPECT_EQ(Code(Pair("cadre_household", "13900000001", "", "H1", "2012-03-06", quanhu)),
            "unknown_household");
  // 甘草店镇's leader reads but does not write.
  const store::DataScope reader = store::DataScope::Region(kTownship, false, true);
  EXPECT_EQ(Code(Pair("unit_village", "", "兰州市教育局", kVillage, "2012-03-06", reader)),
            "out_of_scope");
  EXPECT_EQ(CountPairings(), 0);
  // 甘草店镇's office may.
  const store::DataScope office = store::DataScope::Region(kTownship, true, true);
  EXPECT_EQ(Pair("unit_village", "", "兰州市教育局", kVillage, "2012-03-06", office).outcome,
            RowOutcome::kInserted);
  // And ending: only inside the scope.
  const std::int64_t id = Paired("leader_village", "13900000002", "", kVillage);
  AddHelper("领导二", "leader", "", "13900000003");
  Paired("leader_village", "13900000003", "", kVillage);
  EXPECT_EQ(Code(End(id, "2026-11-29", quanhu)), "out_of_scope");
  EXPECT_TRUE(PairingOf(id).end_date.empty());
  EXPECT_EQ(End(id, "2026-11-29", office).outcome, RowOutcome::kUpdated);

  // A unit's administrator does not register helpers: offices do.
  const std::int64_t unit = store::PairingRepository(db()).UnitByName("兰州市教育局")->id;
  const RowResult by_unit = Write(
      [&](store::PairingStore& store, const auto& context) {
        return store.UpsertHelper(HelperRecord("丁", "cadre", "兰州市教育局", "13900000009"),
                                  context);
      },
      UnitScope(unit));
  EXPECT_EQ(Code(by_unit), "out_of_scope");
  EXPECT_FALSE(store::PairingRepository(db()).HelperByPhone("13900000009").has_value());
}

// ---------------------------------------------------------------------------------------------
// What each scope reads.

TEST_P(PairingStoreTest, ACadreSeesExactlyTheHouseholdsPairedWithThemNow) {
  AddHouseholds("H", kVillage, 4);
  AddHouseholds("F", kFarVillage, 1);
  AddUnit("兰州市教育局");
  const std::int64_t first = AddHelper("甲", "cadre", "兰州市教育局", "13900000001");
  const std::int64_t second = AddHelper("乙", "cadre", "兰州市教育局", "13900000002");
  Paired("cadre_household", "13900000001", "", "H1");
  Paired("cadre_household", "13900000001", "", "F1");  // in another county: still theirs
  Paired("cadre_household", "13900000002", "", "H2");

  std::int64_t total = -1;
  EXPECT_EQ(VisibleHouseholds(HelperScope(first), &total), (std::set<std::string>{"H1", "F1"}));
  EXPECT_EQ(total, 2);
  EXPECT_EQ(VisibleHouseholds(HelperScope(second), &total), std::set<std::string>{"H2"});
  EXPECT_EQ(total, 1);
  EXPECT_TRUE(store::HouseholdRepository(db()).Get("H1", HelperScope(first)).has_value());
  EXPECT_FALSE(store::HouseholdRepository(db()).Get("H2", HelperScope(first)).has_value());

  // 乙 takes over H1: 甲 no longer sees it, 乙 does.
  Paired("cadre_household", "13900000002", "", "H1", "2020-01-01");
  EXPECT_EQ(VisibleHouseholds(HelperScope(first), &total), std::set<std::string>{"F1"});
  EXPECT_EQ(total, 1);
  EXPECT_EQ(VisibleHouseholds(HelperScope(second)), (std::set<std::string>{"H1", "H2"}));
  EXPECT_FALSE(store::HouseholdRepository(db()).Get("H1", HelperScope(first)).has_value());
  // Their own active pairings only.
  for (const std::int64_t id : VisiblePairings(HelperScope(first))) {
    EXPECT_EQ(PairingOf(id).helper_id, first);
  }
  EXPECT_EQ(VisiblePairings(HelperScope(first)).size(), 1u);  // F1 (active only)
  EXPECT_EQ(VisibleHelpers(HelperScope(first)), std::set<std::string>{"甲"});
}

TEST_P(PairingStoreTest, AUnitSeesItsOwnCadresAndPairingsOnly) {
  AddHouseholds("H", kVillage, 2);
  AddHouseholds("O", kOtherVillage, 2);
  const std::int64_t education = AddUnit("兰州市教育局");
  const std::int64_t health = AddUnit("兰州市卫健委");
  AddHelper("甲", "cadre", "兰州市教育局", "13900000001");
  AddHelper("乙", "cadre", "兰州市教育局", "13900000002");
  AddHelper("丙", "cadre", "兰州市卫健委", "13900000003");
  std::set<std::int64_t> education_pairings = {
      Paired("unit_village", "", "兰州市教育局", kVillage),
      Paired("cadre_household", "13900000001", "", "H1"),
      Paired("cadre_household", "13900000002", "", "O1"),
  };
  const std::set<std::int64_t> health_pairings = {
      Paired("unit_village", "", "兰州市卫健委", kOtherVillage),
      Paired("cadre_household", "13900000003", "", "O2"),
  };
  EXPECT_EQ(VisibleHelpers(UnitScope(education)), (std::set<std::string>{"甲", "乙"}));
  EXPECT_EQ(VisibleHelpers(UnitScope(health)), std::set<std::string>{"丙"});
  EXPECT_EQ(VisiblePairings(UnitScope(education)), education_pairings);
  EXPECT_EQ(VisiblePairings(UnitScope(health)), health_pairings);
  // Households: those its cadres help, and those of the village it is paired with.
  EXPECT_EQ(VisibleHouseholds(UnitScope(education)), (std::set<std::string>{"H1", "H2", "O1"}));
  EXPECT_EQ(VisibleHouseholds(UnitScope(health)), (std::set<std::string>{"O1", "O2"}));
  // Units: itself only.
  std::int64_t total = -1;
  const auto units =
      store::PairingRepository(db()).Units(store::UnitFilter{}, UnitScope(health), &total);
  ASSERT_EQ(units.size(), 1u);
  EXPECT_EQ(units[0].id, health);
  EXPECT_EQ(total, 1);
}

TEST_P(PairingStoreTest, ARegionSeesHelpersSittingInItOrPairedIntoIt) {
  AddHouseholds("H", kVillage, 1);
  AddHouseholds("F", kFarVillage, 1);
  AddUnit("兰州市教育局");
  AddUnit("泉湖乡人民政府", "government", "", "620902108");
  AddHelper("本镇干部", "cadre", "兰州市教育局", "13900000001", kTownship);
  AddHelper("本村能人", "wealthy", "", "13900000002", kVillage);
  AddHelper("市里干部", "cadre", "兰州市教育局", "13900000003", "6201");
  AddHelper("泉湖干部", "cadre", "泉湖乡人民政府", "13900000004", "620902108");
  AddHelper("无处干部", "cadre", "兰州市教育局", "13900000005");
  const std::int64_t from_outside = Paired("cadre_household", "13900000003", "", "H1");
  Paired("cadre_household", "13900000004", "", "F1");

  const store::DataScope township = store::DataScope::Region(kTownship, true, true);
  // Regression (fixed): a region scope misses the helpers sitting in it (working tree's
  // CodeInRegion). scope_sql.cpp binds core::CodePrefixEnd(...), a temporary, into a Param that
  // keeps only a string_view: SQLite compares with garbage, PostgreSQL fails on invalid UTF-8.
  EXPECT_EQ(VisibleHelpers(township), (std::set<std::string>{"本镇干部", "本村能人", "市里干部"}));
  const store::DataScope quanhu = store::DataScope::Region("620902108", true, true);
  EXPECT_EQ(VisibleHelpers(quanhu), std::set<std::string>{"泉湖干部"});
  // Units: those sitting in the region, and those whose cadres help in it.
  const auto units = [&](const store::DataScope& scope) {
    std::set<std::string> names;
    for (const store::StoredUnit& unit :
         store::PairingRepository(db()).Units(store::UnitFilter{}, scope)) {
      names.insert(unit.unit.name);
    }
    return names;
  };
  EXPECT_EQ(units(township), std::set<std::string>{"兰州市教育局"});
  EXPECT_EQ(units(quanhu), std::set<std::string>{"泉湖乡人民政府"});
  // The pairings of the region only.
  for (const std::int64_t id : VisiblePairings(township)) {
    EXPECT_TRUE(core::IsWithin(PairingOf(id).village_code, kTownship));
  }
  EXPECT_EQ(VisiblePairings(township), std::set<std::int64_t>{from_outside});

  // Once the city cadre's pairing ends, the township no longer sees them.
  AddHelper("接替干部", "cadre", "兰州市教育局", "13900000006", kTownship);
  Paired("cadre_household", "13900000006", "", "H1", "2020-01-01");
  EXPECT_EQ(VisibleHelpers(township), (std::set<std::string>{"本镇干部", "本村能人", "接替干部"}));
}

TEST_P(PairingStoreTest, UnitsAndHelpersAreFoundByPartOfTheirNameOrPhone) {
  AddUnit("兰州市教育局");
  AddUnit("兰州市教育局第二中学", "institution");
  AddUnit("兰州市卫生健康委员会");
  AddHelper("欧阳建国", "cadre", "兰州市教育局", "13900000001");
  AddHelper("欧阳建华", "cadre", "兰州市教育局第二中学", "13900000002");
  AddHelper("司马光明", "cadre", "兰州市卫生健康委员会", "13800000003");
  store::PairingRepository repository(db());

  store::UnitFilter units;
  units.query = "兰州市教育局";
  std::int64_t total = -1;
  std::set<std::string> found;
  for (const store::StoredUnit& unit :
       repository.Units(units, store::DataScope::System(), &total)) {
    found.insert(unit.unit.name);
  }
  // Regression (fixed): searching units or helpers by name or phone finds nothing (or fails on
  // PostgreSQL). Units() and Helpers() bind ContainsPattern(filter.query), a temporary, into a
  // Param that keeps only a string_view: the LIKE pattern dangles when the query runs.
  EXPECT_EQ(found, (std::set<std::string>{"兰州市教育局", "兰州市教育局第二中学"}));
  EXPECT_EQ(total, 2);

  const auto helpers = [&](const std::string& query) {
    store::HelperFilter filter;
    filter.query = query;
    std::set<std::string> names;
    std::int64_t count = -1;
    for (const store::StoredHelper& helper :
         repository.Helpers(filter, store::DataScope::System(), &count)) {
      names.insert(helper.helper.name);
    }
    EXPECT_EQ(count, static_cast<std::int64_t>(names.size())) << query;
    return names;
  };
  EXPECT_EQ(helpers("欧阳建"), (std::set<std::string>{"欧阳建国", "欧阳建华"}));
  EXPECT_EQ(helpers("司马光明"), std::set<std::string>{"司马光明"});
  EXPECT_EQ(helpers("1390000000"), (std::set<std::string>{"欧阳建国", "欧阳建华"}));
  EXPECT_EQ(helpers("13800000003"), std::set<std::string>{"司马光明"});
  EXPECT_TRUE(helpers("诸葛").empty());
}

// Units and helpers are found by name ignoring the case of Latin letters on both backends
// (SQLite's LIKE did, PostgreSQL's did not), of those letters only (full-width ones are
// compared as they are on both), and % and _ in the search are taken literally.
TEST_P(PairingStoreTest, SearchesIgnoreTheCaseOfLatinLettersOnlyAndTakeWildcardsLiterally) {
  AddUnit("ABC农业科技有限公司");
  AddUnit("ＡＢＣ商贸");  // full-width letters
  AddUnit("50%股份合作社");
  AddUnit("500亩合作社");
  AddUnit("A_C物流");
  AddUnit("back\\slash");
  AddHelper("Zhang Wei", "cadre", "ABC农业科技有限公司", "13900000001");
  AddHelper("zhangsan", "cadre", "ABC农业科技有限公司", "13900000002");
  AddHelper("王ZHANG", "cadre", "A_C物流", "13900000003");
  store::PairingRepository repository(db());
  const auto units = [&](const std::string& query) {
    store::UnitFilter filter;
    filter.query = query;
    std::set<std::string> names;
    std::int64_t total = -1;
    for (const store::StoredUnit& unit :
         repository.Units(filter, store::DataScope::System(), &total)) {
      names.insert(unit.unit.name);
    }
    EXPECT_EQ(total, static_cast<std::int64_t>(names.size())) << query;
    return names;
  };
  EXPECT_EQ(units("abc"), std::set<std::string>{"ABC农业科技有限公司"});
  EXPECT_EQ(units("aBc农业"), std::set<std::string>{"ABC农业科技有限公司"});
  EXPECT_EQ(units("ＡＢＣ"), std::set<std::string>{"ＡＢＣ商贸"});
  EXPECT_TRUE(units("ａｂｃ").empty());
  EXPECT_EQ(units("50%"), std::set<std::string>{"50%股份合作社"});
  EXPECT_EQ(units("a_c"), std::set<std::string>{"A_C物流"});
  EXPECT_EQ(units("K\\S"), std::set<std::string>{"back\\slash"});
  EXPECT_EQ(units("%"), std::set<std::string>{"50%股份合作社"});
  EXPECT_EQ(units("_"), std::set<std::string>{"A_C物流"});

  const auto helpers = [&](const std::string& query) {
    store::HelperFilter filter;
    filter.query = query;
    std::set<std::string> names;
    for (const store::StoredHelper& helper :
         repository.Helpers(filter, store::DataScope::System())) {
      names.insert(helper.helper.name);
    }
    return names;
  };
  EXPECT_EQ(helpers("zhang"), (std::set<std::string>{"Zhang Wei", "zhangsan", "王ZHANG"}));
  EXPECT_EQ(helpers("WEI"), std::set<std::string>{"Zhang Wei"});
  EXPECT_EQ(helpers("g w"), std::set<std::string>{"Zhang Wei"});
}

// A region's pairings list each village's own (its leaders and units), then its households',
// then its groups', on both backends: a village's pairing has no group (NULL), which SQLite
// sorts first and PostgreSQL last.
TEST_P(PairingStoreTest, AVillagesOwnPairingsComeBeforeItsGroups) {
  AddHouseholds("H", kVillage, 1);
  AddUnit("兰州市教育局");
  AddHelper("组长", "leader", "", "13900000001");
  AddHelper("村领导", "leader", "", "13900000002");
  AddHelper("干部", "cadre", "兰州市教育局", "13900000003");
  AddHelper("邻村领导", "leader", "", "13900000004");
  // Opened in the opposite order to the list's.
  const std::int64_t other = Paired("leader_village", "13900000004", "", kOtherVillage);
  const std::int64_t group = Paired("cadre_group", "13900000001", "", kGroup);
  const std::int64_t household = Paired("cadre_household", "13900000003", "", "H1");
  const std::int64_t unit = Paired("unit_village", "", "兰州市教育局", kVillage);
  const std::int64_t leader = Paired("leader_village", "13900000002", "", kVillage);
  store::PairingFilter filter;
  filter.region = kTownship;
  std::vector<std::int64_t> ids;
  for (const store::StoredPairing& pairing :
       store::PairingRepository(db()).Pairings(filter, store::DataScope::System())) {
    ids.push_back(pairing.id);
  }
  EXPECT_EQ(ids, (std::vector<std::int64_t>{unit, leader, household, group, other}));
  // A page of two, then the rest: the same order.
  filter.limit = 2;
  std::vector<std::int64_t> paged;
  for (filter.offset = 0; filter.offset < 6; filter.offset += 2) {
    for (const store::StoredPairing& pairing :
         store::PairingRepository(db()).Pairings(filter, store::DataScope::System())) {
      paged.push_back(pairing.id);
    }
  }
  EXPECT_EQ(paged, ids);
}

SHUANGLIAN_BACKEND_SUITE(PairingStoreTest);

}  // namespace
}  // namespace shuanglian::testing
