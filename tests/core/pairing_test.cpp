// Units, helpers and pairings as import rows (issue 6, items 1 and 2), and the coverage rules
// of a region (item 3): what each validator accepts, what it refuses and with which code and
// column, and the rule setters.

#include "core/pairing.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <map>
#include <set>
#include <string>
#include <vector>

#include "core/project_dictionaries.h"

namespace shuanglian::core {
namespace {

using ::testing::HasSubstr;

const Date kToday{2024, 6, 1};

ValidationContext Context() {
  return ValidationContext{test_data::ProjectDictionaries(), kToday};
}

struct Cell {
  int field;
  std::string text;
};

// A row of `count` fields from `base`, then `changes` applied.
RawRecord Row(int count, const std::map<int, std::string>& base, const std::vector<Cell>& changes) {
  RawRecord row(static_cast<std::size_t>(count));
  for (const auto& [field, text] : base) {
    row[static_cast<std::size_t>(field)].text = text;
  }
  for (const Cell& change : changes) {
    row[static_cast<std::size_t>(change.field)].text = change.text;
  }
  return row;
}

std::string Describe(const std::vector<FieldError>& errors) {
  std::string out;
  for (const FieldError& error : errors) {
    out += "[" + error.column + "] " + error.code + ": " + error.message + "\n";
  }
  return out;
}

const FieldError* ErrorOn(const std::vector<FieldError>& errors, const std::string& column) {
  for (const FieldError& error : errors) {
    if (error.column == column) {
      return &error;
    }
  }
  return nullptr;
}

// ---------------------------------------------------------------------------------------------
// Units.

const std::map<int, std::string>& UnitCells() {
  static const std::map<int, std::string> kCells = {
      {kUnitName, "白银市住房和城乡建设局"},
      {kUnitType, "国家机关"},
      {kUnitAffiliation, "市"},
      {kUnitParent, "白银市人民政府"},
      {kUnitRegion, "620400"},
      {kUnitAddress, "白银区人民路1号"},
      {kUnitLeader, "李明"},
      {kUnitPhone, "0943-8221234"},
  };
  return kCells;
}

RawRecord UnitRow(const std::vector<Cell>& changes = {}) {
  return Row(kUnitFieldCount, UnitCells(), changes);
}

TEST(UnitFieldsTest, OneSpecPerFieldInOrder) {
  const auto fields = UnitFields();
  ASSERT_EQ(fields.size(), static_cast<std::size_t>(kUnitFieldCount));
  for (std::size_t index = 0; index < fields.size(); ++index) {
    EXPECT_EQ(fields[index].index, static_cast<int>(index));
    if (!fields[index].dictionary.empty()) {
      EXPECT_TRUE(test_data::ProjectDictionaries().Has(fields[index].dictionary))
          << fields[index].dictionary;
    }
  }
  EXPECT_TRUE(fields[kUnitName].required);
  EXPECT_TRUE(fields[kUnitType].required);
  EXPECT_TRUE(fields[kUnitAffiliation].required);
  EXPECT_FALSE(fields[kUnitParent].required);
}

TEST(ValidateUnitTest, FullRowGivesCodesForLabels) {
  const auto result = ValidateUnit(UnitRow(), Context());
  ASSERT_TRUE(result.ok()) << Describe(result.errors);
  EXPECT_EQ(result.value.name, "白银市住房和城乡建设局");
  EXPECT_EQ(result.value.unit_type, "government");
  EXPECT_EQ(result.value.affiliation, "city");
  EXPECT_EQ(result.value.parent_name, "白银市人民政府");
  EXPECT_EQ(result.value.region_code, "620400");
  EXPECT_EQ(result.value.address, "白银区人民路1号");
  EXPECT_EQ(result.value.leader_name, "李明");
  EXPECT_EQ(result.value.phone, "0943-8221234");
}

TEST(ValidateUnitTest, AliasesOfTypeAndAffiliationAreAccepted) {
  // Offices write 民营企业 and 县直; both name dictionary entries by alias.
  const auto result =
      ValidateUnit(UnitRow({{kUnitType, "民营企业"}, {kUnitAffiliation, "县直"}}), Context());
  ASSERT_TRUE(result.ok()) << Describe(result.errors);
  EXPECT_EQ(result.value.unit_type, "private_enterprise");
  EXPECT_EQ(result.value.affiliation, "county");
}

TEST(ValidateUnitTest, OnlyNameTypeAndAffiliationAreNeeded) {
  const auto result = ValidateUnit(
      Row(kUnitFieldCount,
          {{kUnitName, "甘草店镇人民政府"}, {kUnitType, "机关"}, {kUnitAffiliation, "乡镇"}}, {}),
      Context());
  ASSERT_TRUE(result.ok()) << Describe(result.errors);
  EXPECT_EQ(result.value.unit_type, "government");
  EXPECT_EQ(result.value.affiliation, "township");
  EXPECT_TRUE(result.value.parent_name.empty());
  EXPECT_TRUE(result.value.phone.empty());
  EXPECT_TRUE(result.value.region_code.empty());
}

struct RefusedCase {
  std::string name;
  std::vector<Cell> changes;
  std::string code;
  std::string column;
  std::string message_part;
};

class ValidateUnitRefusesTest : public ::testing::TestWithParam<RefusedCase> {};

TEST_P(ValidateUnitRefusesTest, ReportsTheFieldAndTheRule) {
  const RefusedCase& test_case = GetParam();
  const auto result = ValidateUnit(UnitRow(test_case.changes), Context());
  ASSERT_EQ(result.errors.size(), 1u) << Describe(result.errors);
  EXPECT_EQ(result.errors[0].code, test_case.code);
  EXPECT_EQ(result.errors[0].column, test_case.column);
  EXPECT_THAT(result.errors[0].message, HasSubstr(test_case.message_part));
}

INSTANTIATE_TEST_SUITE_P(
    Rules, ValidateUnitRefusesTest,
    ::testing::Values(
        RefusedCase{"NameEmpty", {{kUnitName, ""}}, "required", "单位名称", "不能为空"},
        RefusedCase{"NameMarker", {{kUnitName, "无"}}, "required", "单位名称", "不能为空"},
        RefusedCase{"TypeEmpty", {{kUnitType, ""}}, "required", "单位类型", "不能为空"},
        RefusedCase{
            "TypeUnknown", {{kUnitType, "个体户"}}, "not_in_dictionary", "单位类型", "个体户"},
        RefusedCase{
            "AffiliationEmpty", {{kUnitAffiliation, ""}}, "required", "隶属关系", "不能为空"},
        RefusedCase{"AffiliationUnknown",
                    {{kUnitAffiliation, "外省"}},
                    "not_in_dictionary",
                    "隶属关系",
                    "外省"},
        RefusedCase{"RegionNotACode",
                    {{kUnitRegion, "白银市"}},
                    "bad_region_code",
                    "所在区划代码",
                    "白银市"},
        RefusedCase{
            "PhoneGarbage", {{kUnitPhone, "电话待定"}}, "bad_phone", "联系电话", "电话待定"},
        RefusedCase{
            "NameTooLong", {{kUnitName, std::string(61, 'X')}}, "too_long", "单位名称", "60"}),
    [](const ::testing::TestParamInfo<RefusedCase>& case_info) { return case_info.param.name; });

TEST(ValidateUnitTest, EveryBadFieldIsReportedAtOnce) {
  const auto result = ValidateUnit(
      UnitRow({{kUnitName, ""}, {kUnitType, "个体户"}, {kUnitPhone, "12"}}), Context());
  EXPECT_EQ(result.errors.size(), 3u) << Describe(result.errors);
  EXPECT_NE(ErrorOn(result.errors, "单位名称"), nullptr);
  EXPECT_NE(ErrorOn(result.errors, "单位类型"), nullptr);
  EXPECT_NE(ErrorOn(result.errors, "联系电话"), nullptr);
}

// ---------------------------------------------------------------------------------------------
// Helpers.

const std::map<int, std::string>& HelperCells() {
  static const std::map<int, std::string> kCells = {
      {kHelperName, "王建华"},
      {kHelperKind, "帮扶干部"},
      {kHelperUnit, "白银市住房和城乡建设局"},
      {kHelperRank, "乡科级副职"},
      {kHelperTitle, "科长"},
      {kHelperFlags, "第一书记、驻村队员"},
      {kHelperPhone, "13909371234"},
      {kHelperRegion, "620123105201"},
  };
  return kCells;
}

RawRecord HelperRow(const std::vector<Cell>& changes = {}) {
  return Row(kHelperFieldCount, HelperCells(), changes);
}

TEST(HelperFieldsTest, OneSpecPerFieldInOrder) {
  const auto fields = HelperFields();
  ASSERT_EQ(fields.size(), static_cast<std::size_t>(kHelperFieldCount));
  for (std::size_t index = 0; index < fields.size(); ++index) {
    EXPECT_EQ(fields[index].index, static_cast<int>(index));
    if (!fields[index].dictionary.empty()) {
      EXPECT_TRUE(test_data::ProjectDictionaries().Has(fields[index].dictionary))
          << fields[index].dictionary;
    }
  }
  // The phone identifies a helper: it must be filled.
  EXPECT_TRUE(fields[kHelperPhone].required);
  EXPECT_TRUE(fields[kHelperName].required);
  EXPECT_TRUE(fields[kHelperKind].required);
}

TEST(ValidateHelperTest, FullRowGivesCodesForLabels) {
  const auto result = ValidateHelper(HelperRow(), Context());
  ASSERT_TRUE(result.ok()) << Describe(result.errors);
  const Helper& helper = result.value;
  EXPECT_EQ(helper.name, "王建华");
  EXPECT_EQ(helper.kind, "cadre");
  EXPECT_EQ(helper.unit_name, "白银市住房和城乡建设局");
  EXPECT_EQ(helper.rank, "vice_section");
  EXPECT_EQ(helper.title, "科长");
  EXPECT_EQ(helper.flags, (std::vector<std::string>{"first_secretary", "team_member"}));
  EXPECT_EQ(helper.phone, "13909371234");
  EXPECT_EQ(helper.region_code, "620123105201");
}

TEST(ValidateHelperTest, AliasesAndPunctuatedMobileAreAccepted) {
  // 领导 and 副处级 are aliases; a mobile written with dashes is stored as its digits, so the
  // same number in two spellings is one phone.
  const auto result = ValidateHelper(HelperRow({{kHelperKind, "领导"},
                                                {kHelperUnit, ""},
                                                {kHelperRank, "副处级"},
                                                {kHelperFlags, "队长；村组干部"},
                                                {kHelperPhone, "139-0937-1234"}}),
                                     Context());
  ASSERT_TRUE(result.ok()) << Describe(result.errors);
  EXPECT_EQ(result.value.kind, "leader");
  EXPECT_EQ(result.value.rank, "vice_division");
  EXPECT_EQ(result.value.flags, (std::vector<std::string>{"team_leader", "village_official"}));
  EXPECT_EQ(result.value.phone, "13909371234");
}

TEST(ValidateHelperTest, AWealthyVillagerNeedsNoUnit) {
  const auto result = ValidateHelper(
      HelperRow(
          {{kHelperKind, "致富能人"}, {kHelperUnit, ""}, {kHelperRank, ""}, {kHelperFlags, ""}}),
      Context());
  ASSERT_TRUE(result.ok()) << Describe(result.errors);
  EXPECT_EQ(result.value.kind, "wealthy");
  EXPECT_TRUE(result.value.unit_name.empty());
  EXPECT_TRUE(result.value.flags.empty());
}

TEST(ValidateHelperTest, RepeatedFlagIsKeptOnce) {
  const auto result = ValidateHelper(HelperRow({{kHelperFlags, "第一书记、第一书记"}}), Context());
  ASSERT_TRUE(result.ok()) << Describe(result.errors);
  EXPECT_EQ(result.value.flags, std::vector<std::string>{"first_secretary"});
}

class ValidateHelperRefusesTest : public ::testing::TestWithParam<RefusedCase> {};

TEST_P(ValidateHelperRefusesTest, ReportsTheFieldAndTheRule) {
  const RefusedCase& test_case = GetParam();
  const auto result = ValidateHelper(HelperRow(test_case.changes), Context());
  ASSERT_EQ(result.errors.size(), 1u) << Describe(result.errors);
  EXPECT_EQ(result.errors[0].code, test_case.code);
  EXPECT_EQ(result.errors[0].column, test_case.column);
  EXPECT_THAT(result.errors[0].message, HasSubstr(test_case.message_part));
}

INSTANTIATE_TEST_SUITE_P(
    Rules, ValidateHelperRefusesTest,
    ::testing::Values(
        RefusedCase{"NameEmpty", {{kHelperName, ""}}, "required", "姓名", "不能为空"},
        RefusedCase{"NameWithDigits", {{kHelperName, "王2"}}, "bad_name", "姓名", "王2"},
        RefusedCase{"KindEmpty", {{kHelperKind, ""}}, "required", "类别", "不能为空"},
        RefusedCase{
            "KindUnknown", {{kHelperKind, "志愿者"}}, "not_in_dictionary", "类别", "志愿者"},
        RefusedCase{"PhoneEmpty", {{kHelperPhone, ""}}, "required", "联系电话", "不能为空"},
        RefusedCase{"PhoneTooShort", {{kHelperPhone, "12345"}}, "bad_phone", "联系电话", "12345"},
        RefusedCase{"PhoneTwelveDigitMobile",
                    {{kHelperPhone, "139093712345"}},
                    "bad_phone",
                    "联系电话",
                    ""},
        RefusedCase{"PhoneLetters", {{kHelperPhone, "139O9371234"}}, "bad_phone", "联系电话", ""},
        RefusedCase{"PhoneScientific",
                    {{kHelperPhone, "1.39094E+10"}},
                    "phone_excel_number",
                    "联系电话",
                    "Excel"},
        RefusedCase{
            "RankUnknown", {{kHelperRank, "大队长"}}, "not_in_dictionary", "职务级别", "大队长"},
        RefusedCase{
            "FlagUnknown", {{kHelperFlags, "第一书记、组长"}}, "not_in_dictionary", "标记", "组长"},
        RefusedCase{"RegionNotACode",
                    {{kHelperRegion, "6201x"}},
                    "bad_region_code",
                    "所在区划代码",
                    "6201x"},
        // A cadre belongs to a unit: the assignment takes cadres through their unit.
        RefusedCase{"CadreWithoutUnit", {{kHelperUnit, ""}}, "required", "所在单位", "所在单位"}),
    [](const ::testing::TestParamInfo<RefusedCase>& case_info) { return case_info.param.name; });

// ---------------------------------------------------------------------------------------------
// Pairings.

RawRecord PairingRow(const std::map<int, std::string>& cells) {
  return Row(kPairingFieldCount, cells, {});
}

TEST(PairingFieldsTest, OneSpecPerFieldInOrder) {
  const auto fields = PairingFields();
  ASSERT_EQ(fields.size(), static_cast<std::size_t>(kPairingFieldCount));
  for (std::size_t index = 0; index < fields.size(); ++index) {
    EXPECT_EQ(fields[index].index, static_cast<int>(index));
  }
  EXPECT_TRUE(fields[kPairingKind].required);
  EXPECT_EQ(fields[kPairingKind].dictionary, "pairing_kind");
}

TEST(ValidatePairingTest, CadreWithHousehold) {
  const auto result = ValidatePairing(PairingRow({{kPairingKind, "干部联系户"},
                                                  {kPairingHelperPhone, "139 0937 1234"},
                                                  {kPairingHousehold, "GC0001"},
                                                  {kPairingStart, "2012-03-06"},
                                                  {kPairingNote, "一对一"}}),
                                      Context());
  ASSERT_TRUE(result.ok()) << Describe(result.errors);
  EXPECT_EQ(result.value.kind, "cadre_household");
  EXPECT_EQ(result.value.helper_phone, "13909371234");
  EXPECT_EQ(result.value.household_no, "GC0001");
  EXPECT_EQ(result.value.start_date, (Date{2012, 3, 6}));
  EXPECT_EQ(result.value.note, "一对一");
}

TEST(ValidatePairingTest, StartDateDefaultsToToday) {
  const auto result = ValidatePairing(PairingRow({{kPairingKind, "cadre_household"},
                                                  {kPairingHelperPhone, "13909371234"},
                                                  {kPairingHousehold, "GC0001"}}),
                                      Context());
  ASSERT_TRUE(result.ok()) << Describe(result.errors);
  EXPECT_EQ(result.value.start_date, kToday);
}

TEST(ValidatePairingTest, UnitWithVillageByAlias) {
  // 部门联系村 is an alias of 单位联系村: a unit, not a person, is the subject.
  const auto result = ValidatePairing(PairingRow({{kPairingKind, "部门联系村"},
                                                  {kPairingUnit, "兰州市教育局"},
                                                  {kPairingVillage, "620123105201"}}),
                                      Context());
  ASSERT_TRUE(result.ok()) << Describe(result.errors);
  EXPECT_EQ(result.value.kind, "unit_village");
  EXPECT_EQ(result.value.unit_name, "兰州市教育局");
  EXPECT_TRUE(result.value.helper_phone.empty());
  EXPECT_EQ(result.value.village_code, "620123105201");
}

TEST(ValidatePairingTest, LeadingCadreWithGroup) {
  const auto result = ValidatePairing(PairingRow({{kPairingKind, "领导干部联系村民小组"},
                                                  {kPairingHelperPhone, "13909371234"},
                                                  {kPairingGroup, "620902108200001"}}),
                                      Context());
  ASSERT_TRUE(result.ok()) << Describe(result.errors);
  EXPECT_EQ(result.value.kind, "cadre_group");
  EXPECT_EQ(result.value.group_code, "620902108200001");
}

TEST(ValidatePairingTest, LandlineOfAHelperIsAccepted) {
  const auto result = ValidatePairing(PairingRow({{kPairingKind, "领导联系村"},
                                                  {kPairingHelperPhone, "0931-5320001"},
                                                  {kPairingVillage, "620123105201"}}),
                                      Context());
  ASSERT_TRUE(result.ok()) << Describe(result.errors);
  EXPECT_EQ(result.value.kind, "leader_village");
}

class ValidatePairingRefusesTest
    : public ::testing::TestWithParam<std::pair<RefusedCase, std::map<int, std::string>>> {};

TEST_P(ValidatePairingRefusesTest, ReportsTheFieldAndTheRule) {
  const auto& [test_case, cells] = GetParam();
  const auto result = ValidatePairing(PairingRow(cells), Context());
  const FieldError* error = ErrorOn(result.errors, test_case.column);
  ASSERT_NE(error, nullptr) << Describe(result.errors);
  EXPECT_EQ(result.errors.size(), 1u) << Describe(result.errors);
  EXPECT_EQ(error->code, test_case.code);
  EXPECT_THAT(error->message, HasSubstr(test_case.message_part));
}

INSTANTIATE_TEST_SUITE_P(
    Rules, ValidatePairingRefusesTest,
    ::testing::Values(
        std::pair{RefusedCase{"KindEmpty", {}, "required", "结对类型", "不能为空"},
                  std::map<int, std::string>{{kPairingHelperPhone, "13909371234"},
                                             {kPairingHousehold, "GC0001"}}},
        std::pair{RefusedCase{"KindUnknown", {}, "not_in_dictionary", "结对类型", "干部联系县"},
                  std::map<int, std::string>{{kPairingKind, "干部联系县"},
                                             {kPairingHelperPhone, "13909371234"}}},
        // A person's pairing needs the person (by phone).
        std::pair{RefusedCase{"HelperPhoneMissing", {}, "required", "帮扶人电话", "干部联系户"},
                  std::map<int, std::string>{{kPairingKind, "干部联系户"},
                                             {kPairingHousehold, "GC0001"}}},
        std::pair{RefusedCase{"HelperPhoneBad", {}, "bad_phone", "帮扶人电话", "1390937"},
                  std::map<int, std::string>{{kPairingKind, "干部联系户"},
                                             {kPairingHelperPhone, "1390937"},
                                             {kPairingHousehold, "GC0001"}}},
        // A unit's pairing needs the unit.
        std::pair{RefusedCase{"UnitMissing", {}, "required", "帮扶单位", "单位联系村"},
                  std::map<int, std::string>{{kPairingKind, "单位联系村"},
                                             {kPairingVillage, "620123105201"}}},
        std::pair{RefusedCase{"EnterpriseMissing", {}, "required", "帮扶单位", "企业联系村"},
                  std::map<int, std::string>{{kPairingKind, "企业联系村"},
                                             {kPairingHelperPhone, "13909371234"},
                                             {kPairingVillage, "620123105201"}}},
        // Each kind needs the target it joins.
        std::pair{RefusedCase{"VillageMissing", {}, "bad_village_code", "村代码", "12位"},
                  std::map<int, std::string>{{kPairingKind, "领导联系村"},
                                             {kPairingHelperPhone, "13909371234"}}},
        std::pair{RefusedCase{"VillageIsATownship", {}, "bad_village_code", "村代码", "12位"},
                  std::map<int, std::string>{{kPairingKind, "单位联系村"},
                                             {kPairingUnit, "兰州市教育局"},
                                             {kPairingVillage, "620123105"}}},
        std::pair{RefusedCase{"VillageNotDigits", {}, "bad_village_code", "村代码", "12位"},
                  std::map<int, std::string>{{kPairingKind, "单位联系村"},
                                             {kPairingUnit, "兰州市教育局"},
                                             {kPairingVillage, "62012310520A"}}},
        std::pair{RefusedCase{"GroupMissing", {}, "bad_group_code", "村民小组代码", "15位"},
                  std::map<int, std::string>{{kPairingKind, "干部联系村民小组"},
                                             {kPairingHelperPhone, "13909371234"},
                                             {kPairingVillage, "620902108200"}}},
        std::pair{RefusedCase{"GroupIsAVillage", {}, "bad_group_code", "村民小组代码", "15位"},
                  std::map<int, std::string>{{kPairingKind, "干部联系村民小组"},
                                             {kPairingHelperPhone, "13909371234"},
                                             {kPairingGroup, "620902108200"}}},
        std::pair{RefusedCase{"HouseholdMissing", {}, "required", "户编号", "致富带头人联系户"},
                  std::map<int, std::string>{{kPairingKind, "致富带头人联系户"},
                                             {kPairingHelperPhone, "13909371234"},
                                             {kPairingVillage, "620123105201"}}},
        std::pair{RefusedCase{"StartInTheFuture", {}, "date_in_future", "开始日期", "晚于今天"},
                  std::map<int, std::string>{{kPairingKind, "干部联系户"},
                                             {kPairingHelperPhone, "13909371234"},
                                             {kPairingHousehold, "GC0001"},
                                             {kPairingStart, "2024-06-02"}}},
        std::pair{RefusedCase{"StartNotADate", {}, "bad_date", "开始日期", "去年"},
                  std::map<int, std::string>{{kPairingKind, "干部联系户"},
                                             {kPairingHelperPhone, "13909371234"},
                                             {kPairingHousehold, "GC0001"},
                                             {kPairingStart, "去年"}}}),
    [](const auto& case_info) { return case_info.param.first.name; });

// ---------------------------------------------------------------------------------------------
// Pairing kinds, as the dictionary describes them.

TEST(PairingKindTest, KindsReadTheirAttributes) {
  const Dictionary& kinds = test_data::ProjectDictionaries().Get("pairing_kind");
  std::map<std::string, PairingKindInfo> by_code;
  for (const DictionaryItem& item : kinds.items()) {
    by_code[item.code] = PairingKindOf(item);
  }
  // The seed's kinds (issue 6, item 2), each joining a subject and a target.
  ASSERT_EQ(by_code.size(), 7u);
  const PairingKindInfo& cadre = by_code.at("cadre_household");
  EXPECT_TRUE(cadre.helper_subject);
  EXPECT_EQ(cadre.target, "household");
  EXPECT_EQ(cadre.helper_kind, "cadre");
  EXPECT_TRUE(cadre.quota);
  EXPECT_EQ(cadre.label, "干部联系户");

  const PairingKindInfo& unit = by_code.at("unit_village");
  EXPECT_FALSE(unit.helper_subject);
  EXPECT_EQ(unit.target, "village");
  EXPECT_FALSE(unit.enterprise_only);
  EXPECT_FALSE(unit.quota);

  const PairingKindInfo& enterprise = by_code.at("enterprise_village");
  EXPECT_FALSE(enterprise.helper_subject);
  EXPECT_TRUE(enterprise.enterprise_only);

  const PairingKindInfo& group = by_code.at("cadre_group");
  EXPECT_TRUE(group.helper_subject);
  EXPECT_EQ(group.target, "group");
  EXPECT_TRUE(group.helper_kind.empty());

  EXPECT_EQ(by_code.at("leader_village").helper_kind, "leader");
  EXPECT_EQ(by_code.at("wealthy_household").helper_kind, "wealthy");
  // Only a cadre's households count towards the quota.
  for (const auto& [code, info] : by_code) {
    EXPECT_EQ(info.quota, code == "cadre_household") << code;
  }
}

TEST(PairingKindTest, ExactlyTheHouseholdKindsCoverAHousehold) {
  for (const DictionaryItem& item : test_data::ProjectDictionaries().Get("pairing_kind").items()) {
    EXPECT_EQ(CoversHousehold(item.code), item.Attribute("target") == "household") << item.code;
  }
  EXPECT_FALSE(CoversHousehold(""));
  EXPECT_FALSE(CoversHousehold("household"));
}

// ---------------------------------------------------------------------------------------------
// Coverage rules.

// The poor categories, read from the file's attributes by the test's own loader.
std::set<std::string> PoorCategories() {
  std::set<std::string> codes;
  for (const DictionaryItem& item :
       test_data::ProjectDictionaries().Get(dict::kHouseholdCategory).items()) {
    if (item.attributes.count("poor") > 0 && item.attributes.at("poor") == "1") {
      codes.insert(item.code);
    }
  }
  return codes;
}

TEST(CoverageRuleTest, DefaultIsTheFourOnesOfTheSeed) {
  const CoverageRule rule = CoverageRule::Default(test_data::ProjectDictionaries());
  EXPECT_EQ(rule.max_households_per_cadre, 100);
  const std::set<std::string> poor = PoorCategories();
  ASSERT_FALSE(poor.empty());
  EXPECT_EQ(rule.required_categories, poor);
  EXPECT_EQ(rule.required_categories.count("general"), 0u);
  EXPECT_TRUE(rule.village_needs_leader);
  EXPECT_TRUE(rule.village_needs_unit);
  EXPECT_TRUE(rule.group_needs_cadre);
  EXPECT_EQ(CoverageRule::kMaxQuota, 1000);
}

TEST(CoverageRuleTest, CategoriesFromLabelsCodesAndAliases) {
  CoverageRule rule = CoverageRule::Default(test_data::ProjectDictionaries());
  const auto unknown = rule.SetRequiredCategories({"扶贫户", "subsistence", "特困户"},
                                                  test_data::ProjectDictionaries());
  EXPECT_FALSE(unknown.has_value()) << *unknown;
  EXPECT_EQ(rule.required_categories,
            (std::set<std::string>{"poverty", "subsistence", "five_guarantee"}));
  // A second call replaces, it does not add.
  EXPECT_FALSE(rule.SetRequiredCategories({"一般户"}, test_data::ProjectDictionaries()));
  EXPECT_EQ(rule.required_categories, std::set<std::string>{"general"});
}

TEST(CoverageRuleTest, AnUnknownCategoryIsNamedAndChangesNothing) {
  CoverageRule rule = CoverageRule::Default(test_data::ProjectDictionaries());
  const std::set<std::string> before = rule.required_categories;
  const auto unknown =
      rule.SetRequiredCategories({"低保户", "富裕户", "无房户"}, test_data::ProjectDictionaries());
  ASSERT_TRUE(unknown.has_value());
  EXPECT_EQ(*unknown, "富裕户");
  EXPECT_EQ(rule.required_categories, before);
}

TEST(CoverageRuleTest, RequirementsByName) {
  CoverageRule rule;
  EXPECT_TRUE(rule.SetRequirement("village_needs_leader", false));
  EXPECT_FALSE(rule.village_needs_leader);
  EXPECT_TRUE(rule.village_needs_unit);
  EXPECT_TRUE(rule.group_needs_cadre);
  EXPECT_TRUE(rule.SetRequirement("village_needs_unit", false));
  EXPECT_FALSE(rule.village_needs_unit);
  EXPECT_TRUE(rule.SetRequirement("group_needs_cadre", false));
  EXPECT_FALSE(rule.group_needs_cadre);
  EXPECT_TRUE(rule.SetRequirement("village_needs_leader", true));
  EXPECT_TRUE(rule.village_needs_leader);
  // Names outside the three are refused and change nothing.
  EXPECT_FALSE(rule.SetRequirement("household_coverage", false));
  EXPECT_FALSE(rule.SetRequirement("max_households_per_cadre", true));
  EXPECT_FALSE(rule.SetRequirement("", true));
  EXPECT_TRUE(rule.village_needs_leader);
  EXPECT_FALSE(rule.village_needs_unit);
  EXPECT_FALSE(rule.group_needs_cadre);
}

}  // namespace
}  // namespace shuanglian::core
