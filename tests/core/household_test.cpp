#include "core/household.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <map>
#include <string>
#include <utility>
#include <vector>

#include "core/project_dictionaries.h"
#include "core/region_index.h"

namespace shuanglian::core {
namespace {

using ::testing::HasSubstr;

const Date kToday{2024, 6, 1};

// Villages of 泉湖 (620902108) and 黄岔村 of 华池县.
const RegionIndex& Regions() {
  static const RegionIndex kIndex = [] {
    RegionIndex index;
    for (int sequence = 1; sequence <= 9; ++sequence) {
      index.Add("62090210800" + std::to_string(sequence));
    }
    index.Add("621023101208");
    index.Add("620902108");
    index.Finish();
    return index;
  }();
  return kIndex;
}

ValidationContext Context(const RegionIndex* regions = &Regions()) {
  return ValidationContext{test_data::ProjectDictionaries(), kToday, regions};
}

// A row that passes every rule; each case changes a few cells of it.
const std::map<int, std::string>& BaseCells() {
  static const std::map<int, std::string> kCells = {
      {kHouseholdNo, "QH2012001"},
      {kHeadName, "张建国"},
      {kHeadIdNumber, "620902198001010010"},
      {kVillageCode, "620902108001"},
      {kGroup, "620902108001001"},
      {kDeclaredMembers, "4"},
      {kHouseholdPhone, "13812345678"},
      {kCategory, "扶贫户"},
      {kMainCause, "因病"},
      {kOtherCauses, "缺技术、缺资金"},
      {kPerCapitaIncome, "2850.50"},
      {kArableLand, "6.5"},
      {kDilapidatedHouse, "否"},
      {kIdentificationYear, "2013"},
      {kExitStatus, "已脱贫(享受政策)"},
      {kExitYear, "2016"},
      {kAssistanceType, "帮扶对象"},
      {kIdentificationStandard, "国家标准"},
      {kBankAccount, "6228480402564890018"},
  };
  return kCells;
}

Household BaseHousehold() {
  Household household;
  household.household_no = "QH2012001";
  household.head_name = "张建国";
  household.head_id_number = "620902198001010010";
  household.village_code = "620902108001";
  household.group = "620902108001001";
  household.declared_members = 4;
  household.phone = "13812345678";
  household.category = "poverty";
  household.main_cause = "illness";
  household.other_causes = {"lack_skill", "lack_capital"};
  household.per_capita_income_fen = 285050;
  household.arable_land_centimu = 650;
  household.dilapidated_house = false;
  household.identification_year = 2013;
  household.exit_status = "exited";
  household.exit_year = 2016;
  household.assistance_type = "development";
  household.identification_standard = "national";
  household.bank_account = "6228480402564890018";
  return household;
}

struct Cell {
  int field;
  std::string text;
  CellKind kind = CellKind::kText;
};

RawRecord Row(const std::vector<Cell>& changes = {}) {
  RawRecord row(kHouseholdFieldCount);
  for (const auto& [field, text] : BaseCells()) {
    row[static_cast<std::size_t>(field)].text = text;
  }
  for (const Cell& change : changes) {
    row[static_cast<std::size_t>(change.field)] = RawField{change.text, change.kind};
  }
  return row;
}

std::string Repeat(const std::string& text, int count) {
  std::string out;
  for (int index = 0; index < count; ++index) {
    out += text;
  }
  return out;
}

std::string Describe(const std::vector<FieldError>& errors) {
  std::string out;
  for (const FieldError& error : errors) {
    out += "[" + error.column + "] " + error.code + ": " + error.message + "\n";
  }
  return out;
}

TEST(HouseholdFieldsTest, OneSpecPerFieldInOrder) {
  const auto fields = HouseholdFields();
  ASSERT_EQ(fields.size(), static_cast<std::size_t>(kHouseholdFieldCount));
  for (std::size_t index = 0; index < fields.size(); ++index) {
    EXPECT_EQ(fields[index].index, static_cast<int>(index));
    if (!fields[index].dictionary.empty()) {
      EXPECT_TRUE(test_data::ProjectDictionaries().Has(fields[index].dictionary))
          << fields[index].dictionary;
    }
  }
  EXPECT_EQ(fields[kVillageCode].name, "所属村代码");
  EXPECT_TRUE(fields[kHouseholdNo].required);
  EXPECT_FALSE(fields[kGroup].required);
}

TEST(ValidateHouseholdTest, BaseRowIsValid) {
  const auto result = ValidateHousehold(Row(), Context());
  EXPECT_TRUE(result.ok()) << Describe(result.errors);
  EXPECT_EQ(result.value, BaseHousehold());
}

// ---------------------------------------------------------------------------------------------
// Refused rows: one row per rule, with the error code, its column and a piece of its message.

struct RefusedCase {
  std::string name;
  std::vector<Cell> changes;
  std::string code;
  std::string column;
  std::string message_part;
};

class ValidateHouseholdRefusesTest : public ::testing::TestWithParam<RefusedCase> {};

TEST_P(ValidateHouseholdRefusesTest, ReportsExactlyOneError) {
  const RefusedCase& test_case = GetParam();
  const auto result = ValidateHousehold(Row(test_case.changes), Context());
  ASSERT_EQ(result.errors.size(), 1u) << Describe(result.errors);
  const FieldError& error = result.errors[0];
  EXPECT_EQ(error.code, test_case.code);
  EXPECT_EQ(error.column, test_case.column);
  EXPECT_THAT(error.message, HasSubstr(test_case.message_part));
}

INSTANTIATE_TEST_SUITE_P(
    Rules, ValidateHouseholdRefusesTest,
    ::testing::Values(
        // Required columns.
        RefusedCase{
            "HouseholdNoEmpty", {{kHouseholdNo, ""}}, "required", "户编号", "户编号不能为空"},
        RefusedCase{"HouseholdNoMarker", {{kHouseholdNo, "无"}}, "required", "户编号", "不能为空"},
        RefusedCase{"HeadNameEmpty", {{kHeadName, "  "}}, "required", "户主姓名", "不能为空"},
        RefusedCase{"HeadIdEmpty", {{kHeadIdNumber, "/"}}, "required", "户主证件号码", "不能为空"},
        RefusedCase{"VillageEmpty", {{kVillageCode, ""}}, "required", "所属村代码", "不能为空"},
        RefusedCase{"CategoryEmpty", {{kCategory, "-"}}, "required", "户属性", "不能为空"},
        // Household number.
        RefusedCase{"HouseholdNoScientific",
                    {{kHouseholdNo, "6.20902E+17"}},
                    "household_no_excel_number",
                    "户编号",
                    "文本"},
        RefusedCase{"HouseholdNoLongNumberCell",
                    {{kHouseholdNo, "620902108001000000", CellKind::kNumber}},
                    "household_no_excel_number",
                    "户编号",
                    "Excel"},
        RefusedCase{"HouseholdNoWithSpace",
                    {{kHouseholdNo, "QH 001"}},
                    "bad_household_no",
                    "户编号",
                    "不能含空格"},
        RefusedCase{"HouseholdNoTooLong",
                    {{kHouseholdNo, std::string(41, 'A')}},
                    "too_long",
                    "户编号",
                    "最多40个字"},
        // Head's name.
        RefusedCase{
            "NameWithDigit", {{kHeadName, "张3"}}, "bad_name", "户主姓名", "含有数字或符号"},
        RefusedCase{"NameWithFullWidthDigit", {{kHeadName, "张３"}}, "bad_name", "户主姓名", "张3"},
        RefusedCase{
            "NameWithSymbol", {{kHeadName, "张*"}}, "bad_name", "户主姓名", "含有数字或符号"},
        RefusedCase{
            "NameTooLong", {{kHeadName, Repeat("张", 31)}}, "too_long", "户主姓名", "最多30个字"},
        RefusedCase{"NameControlCharacter",
                    {{kHeadName, "张\x01三"}},
                    "control_character",
                    "户主姓名",
                    "控制字符"},
        // Head's ID number.
        RefusedCase{"HeadIdCheckDigit",
                    {{kHeadIdNumber, "620902198001010011"}},
                    "id_check_digit",
                    "户主证件号码",
                    "末位应为 0"},
        RefusedCase{"HeadIdNumberCell",
                    {{kHeadIdNumber, "620902198001010000", CellKind::kNumber}},
                    "id_excel_number",
                    "户主证件号码",
                    "文本"},
        RefusedCase{"HeadIdScientific",
                    {{kHeadIdNumber, "6.20902E+17"}},
                    "id_excel_number",
                    "户主证件号码",
                    "Excel"},
        RefusedCase{"HeadIdLength",
                    {{kHeadIdNumber, "62090219800101"}},
                    "id_length",
                    "户主证件号码",
                    "现为14位"},
        RefusedCase{"HeadIdBornAfterToday",
                    {{kHeadIdNumber, "620902202406020010"}},
                    "id_birth_future",
                    "户主证件号码",
                    "2024-06-02"},
        // Village code.
        RefusedCase{"VillageElevenDigits",
                    {{kVillageCode, "62090210800"}},
                    "bad_village_code",
                    "所属村代码",
                    "应为12位数字"},
        RefusedCase{"VillageWithLetter",
                    {{kVillageCode, "62090210800A"}},
                    "bad_village_code",
                    "所属村代码",
                    "62090210800A"},
        RefusedCase{"VillageGivenATownshipCode",
                    {{kVillageCode, "620902108"}},
                    "bad_village_code",
                    "所属村代码",
                    "应为12位数字"},
        RefusedCase{"VillageScientific",
                    {{kVillageCode, "6.20902E+11"}},
                    "village_code_excel_number",
                    "所属村代码",
                    "文本"},
        RefusedCase{"VillageUnknown",
                    {{kVillageCode, "620902108099"}},
                    "unknown_village",
                    "所属村代码",
                    "620902108099”不存在"},
        // A code of the wrong length is told what a village code is.
        RefusedCase{"VillageThirteenDigits",
                    {{kVillageCode, "6209021080011"}},
                    "bad_village_code",
                    "所属村代码",
                    "应为12位数字"},
        RefusedCase{"VillageLongScientific",
                    {{kVillageCode, "6.20902108001E+11"}},
                    "village_code_excel_number",
                    "所属村代码",
                    "Excel"},
        // Group.
        RefusedCase{"GroupOfAnotherVillage",
                    {{kGroup, "620902108002001"}},
                    "group_not_in_village",
                    "村民小组",
                    "不属于村 620902108001"},
        // Declared members.
        RefusedCase{
            "MembersZero", {{kDeclaredMembers, "0"}}, "out_of_range", "家庭人口数", "1～50"},
        RefusedCase{"MembersFiftyOne",
                    {{kDeclaredMembers, "51"}},
                    "out_of_range",
                    "家庭人口数",
                    "家庭人口数“51”超出范围 1～50"},
        RefusedCase{"MembersFraction",
                    {{kDeclaredMembers, "3.5"}},
                    "not_a_number",
                    "家庭人口数",
                    "应为整数"},
        RefusedCase{
            "MembersText", {{kDeclaredMembers, "四"}}, "not_a_number", "家庭人口数", "不是数字"},
        RefusedCase{
            "MembersNegative", {{kDeclaredMembers, "-2"}}, "negative", "家庭人口数", "负数"},
        // Phone.
        RefusedCase{"PhoneGarbage",
                    {{kHouseholdPhone, "abc"}},
                    "bad_phone",
                    "联系电话",
                    "不是有效的电话号码"},
        RefusedCase{
            "PhoneTooShort", {{kHouseholdPhone, "12345"}}, "bad_phone", "联系电话", "12345"},
        RefusedCase{"MobileSecondDigitTwo",
                    {{kHouseholdPhone, "12812345678"}},
                    "bad_phone",
                    "联系电话",
                    "手机11位"},
        RefusedCase{"MobileTwelveDigits",
                    {{kHouseholdPhone, "138123456789"}},
                    "bad_phone",
                    "联系电话",
                    "手机11位"},
        RefusedCase{"LandlineStartingWithOne",
                    {{kHouseholdPhone, "1234567"}},
                    "bad_phone",
                    "联系电话",
                    "1234567"},
        RefusedCase{"LandlineTooLong",
                    {{kHouseholdPhone, "0937261234567"}},
                    "bad_phone",
                    "联系电话",
                    "0937261234567"},
        RefusedCase{"PhoneWithCountryCode",
                    {{kHouseholdPhone, "+86 13812345678"}},
                    "bad_phone",
                    "联系电话",
                    "+86"},
        RefusedCase{"PhoneScientific",
                    {{kHouseholdPhone, "1.38123E+10"}},
                    "phone_excel_number",
                    "联系电话",
                    "文本"},
        // Dictionary values, refused with the allowed values listed.
        RefusedCase{
            "CategoryRefused",
            {{kCategory, "富裕户"}},
            "not_in_dictionary",
            "户属性",
            "户属性“富裕户”不是允许的值（可填：一般农户、扶贫户、扶贫低保户、低保户、五保户、"
            "特殊户）"},
        RefusedCase{"MainCauseRefused",
                    {{kMainCause, "懒"}},
                    "not_in_dictionary",
                    "主要致贫原因",
                    "“懒”不是允许的值（可填：因病、因残、因学、因灾、因婚、缺土地、缺水、缺技术、"
                    "缺劳力、缺资金、交通条件落后、自身发展动力不足 等）"},
        RefusedCase{"ExitStatusRefused",
                    {{kExitStatus, "脱了"}},
                    "not_in_dictionary",
                    "脱贫状态",
                    "可填：未脱贫、已脱贫(享受政策)、返贫、稳定脱贫(不再享受政策)"},
        RefusedCase{"AssistanceTypeRefused",
                    {{kAssistanceType, "其他"}},
                    "not_in_dictionary",
                    "对象类型",
                    "可填：救助对象、帮扶对象"},
        RefusedCase{"StandardRefused",
                    {{kIdentificationStandard, "县定标准"}},
                    "not_in_dictionary",
                    "识别标准",
                    "可填：国家标准、省定标准、市定标准"},
        RefusedCase{"DilapidatedRefused",
                    {{kDilapidatedHouse, "可能"}},
                    "not_in_dictionary",
                    "是否危房",
                    "应填“是”或“否”"},
        RefusedCase{"OtherCauseRefused",
                    {{kOtherCauses, "因残、没钱"}},
                    "not_in_dictionary",
                    "其他致贫原因",
                    "“没钱”不是允许的值"},
        // Amounts.
        RefusedCase{
            "IncomeNegative", {{kPerCapitaIncome, "-100"}}, "negative", "人均纯收入", "负数"},
        RefusedCase{
            "IncomeText", {{kPerCapitaIncome, "不详"}}, "not_a_number", "人均纯收入", "不详"},
        RefusedCase{"LandNegative", {{kArableLand, "-1亩"}}, "negative", "耕地面积", "负数"},
        // Years.
        RefusedCase{"IdentificationYearInTheFuture",
                    {{kIdentificationYear, "2025"}},
                    "out_of_range",
                    "识别年度",
                    "1990～2024"},
        RefusedCase{"IdentificationYearTooEarly",
                    {{kIdentificationYear, "1989"}},
                    "out_of_range",
                    "识别年度",
                    "1990～2024"},
        RefusedCase{
            "ExitYearInTheFuture", {{kExitYear, "2025"}}, "out_of_range", "脱贫年度", "1990～2024"},
        RefusedCase{"ExitBeforeIdentification",
                    {{kIdentificationYear, "2015"}, {kExitYear, "2014"}},
                    "exit_before_identification",
                    "脱贫年度",
                    "脱贫年度 2014 早于识别年度 2015"},
        // Bank account.
        RefusedCase{"BankScientific",
                    {{kBankAccount, "6.22848E+18"}},
                    "bank_account_excel_number",
                    "银行账号",
                    "文本"},
        RefusedCase{"BankTooShort",
                    {{kBankAccount, "1234567"}},
                    "bad_bank_account",
                    "银行账号",
                    "应为8～30位数字"},
        RefusedCase{"BankThirtyOneDigits",
                    {{kBankAccount, std::string(31, '6')}},
                    "bad_bank_account",
                    "银行账号",
                    "应为8～30位数字"},
        RefusedCase{"BankLetters",
                    {{kBankAccount, "6228abcd1234"}},
                    "bad_bank_account",
                    "银行账号",
                    "6228abcd1234"},
        RefusedCase{"BankTooLong",
                    {{kBankAccount, std::string(33, '6')}},
                    "too_long",
                    "银行账号",
                    "最多32个字"}),
    [](const ::testing::TestParamInfo<RefusedCase>& param_info) { return param_info.param.name; });

// ---------------------------------------------------------------------------------------------
// Accepted variants: the cells changed and what the household becomes.

struct AcceptedCase {
  std::string name;
  std::vector<Cell> changes;
  void (*expect)(Household&);  // adjusts BaseHousehold() to the expected result
};

class ValidateHouseholdAcceptsTest : public ::testing::TestWithParam<AcceptedCase> {};

TEST_P(ValidateHouseholdAcceptsTest, Accepts) {
  const auto result = ValidateHousehold(Row(GetParam().changes), Context());
  EXPECT_TRUE(result.ok()) << Describe(result.errors);
  Household expected = BaseHousehold();
  GetParam().expect(expected);
  EXPECT_EQ(result.value, expected);
}

INSTANTIATE_TEST_SUITE_P(
    Variants, ValidateHouseholdAcceptsTest,
    ::testing::Values(
        // Household number and head.
        AcceptedCase{"ShortHouseholdNoInANumberCell",
                     {{kHouseholdNo, "1234", CellKind::kNumber}},
                     [](Household& h) { h.household_no = "1234"; }},
        AcceptedCase{"HouseholdNoWithDashes",
                     {{kHouseholdNo, "QH-2012-001"}},
                     [](Household& h) { h.household_no = "QH-2012-001"; }},
        AcceptedCase{"FullWidthHeadId",
                     {{kHeadIdNumber, "６２０９０２１９８００１０１００１０"}},
                     [](Household&) {}},
        AcceptedCase{"HeadIdWithLowerX",
                     {{kHeadIdNumber, "62090219820315002x"}},
                     [](Household& h) { h.head_id_number = "62090219820315002X"; }},
        AcceptedCase{"HeadId15Digits",
                     {{kHeadIdNumber, "620902800101001"}},
                     [](Household& h) { h.head_id_number = "620902198001010010"; }},
        AcceptedCase{"NameTrimmed", {{kHeadName, "　张建国 "}}, [](Household&) {}},
        // Village and group.
        AcceptedCase{"OtherKnownVillage",
                     {{kVillageCode, "621023101208"}, {kGroup, "621023101208003"}},
                     [](Household& h) {
                       h.village_code = "621023101208";
                       h.group = "621023101208003";
                     }},
        AcceptedCase{"GroupByName", {{kGroup, "三社"}}, [](Household& h) { h.group = "三社"; }},
        AcceptedCase{"GroupEmpty", {{kGroup, ""}}, [](Household& h) { h.group.clear(); }},
        AcceptedCase{"GroupShortNumber", {{kGroup, "3"}}, [](Household& h) { h.group = "3"; }},
        // Members.
        AcceptedCase{"MembersWithPointZero", {{kDeclaredMembers, "4.0"}}, [](Household&) {}},
        AcceptedCase{"MembersWithUnit", {{kDeclaredMembers, "4人"}}, [](Household&) {}},
        AcceptedCase{
            "MembersOne", {{kDeclaredMembers, "1"}}, [](Household& h) { h.declared_members = 1; }},
        AcceptedCase{"MembersFifty",
                     {{kDeclaredMembers, "50"}},
                     [](Household& h) { h.declared_members = 50; }},
        AcceptedCase{"MembersEmpty",
                     {{kDeclaredMembers, ""}},
                     [](Household& h) { h.declared_members.reset(); }},
        // Phone.
        AcceptedCase{"MobileWithSpaces", {{kHouseholdPhone, "138 1234 5678"}}, [](Household&) {}},
        AcceptedCase{"MobileWithDashes", {{kHouseholdPhone, "138-1234-5678"}}, [](Household&) {}},
        AcceptedCase{
            "MobileFullWidth", {{kHouseholdPhone, "１３８１２３４５６７８"}}, [](Household&) {}},
        AcceptedCase{"Landline",
                     {{kHouseholdPhone, "0937-2612345"}},
                     [](Household& h) { h.phone = "0937-2612345"; }},
        AcceptedCase{"LandlineWithParentheses",
                     {{kHouseholdPhone, "(0937)2612345"}},
                     [](Household& h) { h.phone = "(0937)2612345"; }},
        AcceptedCase{"LandlineSevenDigits",
                     {{kHouseholdPhone, "2612345"}},
                     [](Household& h) { h.phone = "2612345"; }},
        AcceptedCase{"PhoneEmpty", {{kHouseholdPhone, ""}}, [](Household& h) { h.phone.clear(); }},
        // Dictionary values by label, alias and code, ignoring width, case and spaces.
        AcceptedCase{"CategoryLabel",
                     {{kCategory, "低保户"}},
                     [](Household& h) { h.category = "subsistence"; }},
        AcceptedCase{"CategoryAlias", {{kCategory, "一般贫困户"}}, [](Household&) {}},
        AcceptedCase{"CategoryLaterAlias",
                     {{kCategory, "特困供养贫困户"}},
                     [](Household& h) { h.category = "five_guarantee"; }},
        AcceptedCase{
            "CategoryCode", {{kCategory, "SPECIAL"}}, [](Household& h) { h.category = "special"; }},
        AcceptedCase{"CategorySpaces",
                     {{kCategory, "　扶贫低保户 "}},
                     [](Household& h) { h.category = "poverty_subsistence"; }},
        AcceptedCase{"ExitStatusFullWidthParentheses",
                     {{kExitStatus, "已脱贫（享受政策）"}},
                     [](Household&) {}},
        AcceptedCase{"ExitStatusAlias",
                     {{kExitStatus, "稳定脱贫"}},
                     [](Household& h) { h.exit_status = "stable"; }},
        AcceptedCase{"AssistanceAlias",
                     {{kAssistanceType, "救助"}},
                     [](Household& h) { h.assistance_type = "relief"; }},
        AcceptedCase{"StandardAlias",
                     {{kIdentificationStandard, "省标"}},
                     [](Household& h) { h.identification_standard = "provincial"; }},
        AcceptedCase{"DilapidatedYes",
                     {{kDilapidatedHouse, "是"}},
                     [](Household& h) { h.dilapidated_house = true; }},
        AcceptedCase{"DilapidatedTick",
                     {{kDilapidatedHouse, "√"}},
                     [](Household& h) { h.dilapidated_house = true; }},
        AcceptedCase{"DilapidatedUpperY",
                     {{kDilapidatedHouse, "Y"}},
                     [](Household& h) { h.dilapidated_house = true; }},
        AcceptedCase{"DilapidatedZero", {{kDilapidatedHouse, "0"}}, [](Household&) {}},
        // 无 is an empty marker before it is the alias of 否.
        AcceptedCase{"DilapidatedEmptyMarker",
                     {{kDilapidatedHouse, "无"}},
                     [](Household& h) { h.dilapidated_house.reset(); }},
        // Causes.
        AcceptedCase{"MainCauseAlias", {{kMainCause, "因病致贫"}}, [](Household&) {}},
        AcceptedCase{"OtherCausesEverySeparator",
                     {{kOtherCauses, "因残、因学;缺水；缺技术,缺资金，缺劳力/交通落后"}},
                     [](Household& h) {
                       h.other_causes = {"disability",    "education",    "lack_water",
                                         "lack_skill",    "lack_capital", "lack_labour",
                                         "poor_transport"};
                     }},
        AcceptedCase{"OtherCausesDeduplicated",
                     {{kOtherCauses, "因残、因残致贫;因残"}},
                     [](Household& h) { h.other_causes = {"disability"}; }},
        AcceptedCase{"OtherCausesWithoutTheMainCause",
                     {{kOtherCauses, "因病、因残；因病致贫"}},
                     [](Household& h) { h.other_causes = {"disability"}; }},
        AcceptedCase{"OtherCausesOnlyTheMainCause",
                     {{kOtherCauses, "因病"}},
                     [](Household& h) { h.other_causes.clear(); }},
        AcceptedCase{"OtherCausesEmptyParts",
                     {{kOtherCauses, "、缺水、、 "}},
                     [](Household& h) { h.other_causes = {"lack_water"}; }},
        AcceptedCase{"NoMainCauseKeepsEveryOther",
                     {{kMainCause, ""}, {kOtherCauses, "因病、缺水"}},
                     [](Household& h) {
                       h.main_cause.clear();
                       h.other_causes = {"illness", "lack_water"};
                     }},
        // Amounts.
        AcceptedCase{"IncomeWithSeparatorAndUnit",
                     {{kPerCapitaIncome, "3,450.5元"}},
                     [](Household& h) { h.per_capita_income_fen = 345050; }},
        AcceptedCase{"IncomeRoundedToTheFen",
                     {{kPerCapitaIncome, "2850.505"}},
                     [](Household& h) { h.per_capita_income_fen = 285051; }},
        AcceptedCase{"IncomeZero",
                     {{kPerCapitaIncome, "0"}},
                     [](Household& h) { h.per_capita_income_fen = 0; }},
        AcceptedCase{"LandWithUnit",
                     {{kArableLand, "6.555亩"}},
                     [](Household& h) { h.arable_land_centimu = 656; }},
        AcceptedCase{
            "LandEmpty", {{kArableLand, "/"}}, [](Household& h) { h.arable_land_centimu.reset(); }},
        // Years.
        AcceptedCase{"IdentificationThisYear",
                     {{kIdentificationYear, "2024"}, {kExitYear, ""}},
                     [](Household& h) {
                       h.identification_year = 2024;
                       h.exit_year.reset();
                     }},
        AcceptedCase{"ExitTheYearOfIdentification",
                     {{kIdentificationYear, "2016"}, {kExitYear, "2016.0"}},
                     [](Household& h) { h.identification_year = 2016; }},
        AcceptedCase{"ExitYearWithoutIdentificationYear",
                     {{kIdentificationYear, ""}},
                     [](Household& h) { h.identification_year.reset(); }},
        // Bank account.
        AcceptedCase{
            "BankWithSpaces", {{kBankAccount, "6228 4804 0256 4890 018"}}, [](Household&) {}},
        AcceptedCase{
            "BankWithDashes", {{kBankAccount, "6228-4804-0256-4890-018"}}, [](Household&) {}},
        AcceptedCase{"BankEightDigits",
                     {{kBankAccount, "12345678"}},
                     [](Household& h) { h.bank_account = "12345678"; }},
        AcceptedCase{
            "BankEmpty", {{kBankAccount, "无"}}, [](Household& h) { h.bank_account.clear(); }}),
    [](const ::testing::TestParamInfo<AcceptedCase>& param_info) { return param_info.param.name; });

// ---------------------------------------------------------------------------------------------
// Rows with several problems, short rows, no region index

TEST(ValidateHouseholdTest, ReportsEveryBadFieldOfARowAtOnce) {
  const auto result = ValidateHousehold(Row({{kHouseholdNo, ""},
                                             {kHeadName, "李4"},
                                             {kVillageCode, "620902108099"},
                                             {kDeclaredMembers, "0"},
                                             {kCategory, "富裕户"},
                                             {kBankAccount, "123"}}),
                                        Context());
  std::vector<std::pair<std::string, std::string>> got;
  for (const FieldError& error : result.errors) {
    got.emplace_back(error.column, error.code);
  }
  EXPECT_EQ(got, (std::vector<std::pair<std::string, std::string>>{
                     {"户编号", "required"},
                     {"户主姓名", "bad_name"},
                     {"所属村代码", "unknown_village"},
                     {"家庭人口数", "out_of_range"},
                     {"户属性", "not_in_dictionary"},
                     {"银行账号", "bad_bank_account"},
                 }));
  EXPECT_TRUE(result.value.household_no.empty());
  EXPECT_TRUE(result.value.head_name.empty());
  EXPECT_TRUE(result.value.village_code.empty());
  EXPECT_FALSE(result.value.declared_members.has_value());
  EXPECT_TRUE(result.value.category.empty());
}

TEST(ValidateHouseholdTest, EmptyRecordReportsTheRequiredColumns) {
  const auto result = ValidateHousehold(RawRecord{}, Context());
  std::vector<std::string> columns;
  for (const FieldError& error : result.errors) {
    EXPECT_EQ(error.code, "required") << error.column;
    columns.push_back(error.column);
  }
  EXPECT_EQ(columns, (std::vector<std::string>{"户编号", "户主姓名", "户主证件号码", "所属村代码",
                                               "户属性"}));
}

TEST(ValidateHouseholdTest, ShortRecordReadsMissingCellsAsEmpty) {
  RawRecord row = Row();
  row.resize(kGroup);  // household number, head and village only
  const auto result = ValidateHousehold(row, Context());
  ASSERT_EQ(result.errors.size(), 1u) << Describe(result.errors);
  EXPECT_EQ(result.errors[0].column, "户属性");
  EXPECT_EQ(result.value.village_code, "620902108001");
  EXPECT_TRUE(result.value.other_causes.empty());
}

TEST(ValidateHouseholdTest, WithoutARegionIndexAnyTwelveDigitVillageIsAccepted) {
  const auto result =
      ValidateHousehold(Row({{kVillageCode, "620902108099"}, {kGroup, ""}}), Context(nullptr));
  EXPECT_TRUE(result.ok()) << Describe(result.errors);
  EXPECT_EQ(result.value.village_code, "620902108099");
}

TEST(ValidateHouseholdTest, GroupIsNotCheckedAgainstABadVillage) {
  // The village error is reported once; the group is not blamed for it.
  const auto result = ValidateHousehold(
      Row({{kVillageCode, "62090210800"}, {kGroup, "620902108002001"}}), Context());
  ASSERT_EQ(result.errors.size(), 1u) << Describe(result.errors);
  EXPECT_EQ(result.errors[0].code, "bad_village_code");
  EXPECT_EQ(result.value.group, "620902108002001");
}

TEST(ValidateHouseholdTest, InvalidHeadIdLeavesItEmpty) {
  const auto result = ValidateHousehold(Row({{kHeadIdNumber, "620902198001010011"}}), Context());
  EXPECT_FALSE(result.ok());
  EXPECT_TRUE(result.value.head_id_number.empty());
}

// ---------------------------------------------------------------------------------------------
// HouseholdToRecord

TEST(HouseholdToRecordTest, WritesDisplayValues) {
  const RawRecord record = HouseholdToRecord(BaseHousehold(), test_data::ProjectDictionaries());
  ASSERT_EQ(record.size(), static_cast<std::size_t>(kHouseholdFieldCount));
  EXPECT_EQ(record[kHouseholdNo].text, "QH2012001");
  EXPECT_EQ(record[kDeclaredMembers].text, "4");
  EXPECT_EQ(record[kCategory].text, "扶贫户");
  EXPECT_EQ(record[kMainCause].text, "因病");
  EXPECT_EQ(record[kOtherCauses].text, "缺技术、缺资金");
  EXPECT_EQ(record[kPerCapitaIncome].text, "2850.50");
  EXPECT_EQ(record[kArableLand].text, "6.50");
  EXPECT_EQ(record[kDilapidatedHouse].text, "否");
  EXPECT_EQ(record[kExitStatus].text, "已脱贫(享受政策)");
  EXPECT_EQ(record[kAssistanceType].text, "帮扶对象");
  EXPECT_EQ(record[kIdentificationStandard].text, "国家标准");
  for (const RawField& field : record) {
    EXPECT_EQ(field.kind, CellKind::kText);
  }
}

TEST(HouseholdToRecordTest, EmptyValuesGiveEmptyCells) {
  Household household;
  household.household_no = "QH1";
  const RawRecord record = HouseholdToRecord(household, test_data::ProjectDictionaries());
  ASSERT_EQ(record.size(), static_cast<std::size_t>(kHouseholdFieldCount));
  for (int field = kHeadName; field < kHouseholdFieldCount; ++field) {
    EXPECT_EQ(record[static_cast<std::size_t>(field)].text, "") << HouseholdFields()[field].name;
  }
}

class HouseholdRoundTripTest : public ::testing::TestWithParam<std::vector<Cell>> {};

TEST_P(HouseholdRoundTripTest, ValidatesAgainToTheSameHousehold) {
  const auto first = ValidateHousehold(Row(GetParam()), Context());
  ASSERT_TRUE(first.ok()) << Describe(first.errors);
  const RawRecord record = HouseholdToRecord(first.value, test_data::ProjectDictionaries());
  const auto second = ValidateHousehold(record, Context());
  ASSERT_TRUE(second.ok()) << Describe(second.errors);
  EXPECT_EQ(second.value, first.value);
}

INSTANTIATE_TEST_SUITE_P(
    Rows, HouseholdRoundTripTest,
    ::testing::Values(std::vector<Cell>{},
                      std::vector<Cell>{{kHouseholdPhone, "0937-2612345"},
                                        {kDilapidatedHouse, "是"},
                                        {kCategory, "特困供养贫困户"},
                                        {kOtherCauses, "因残、因学；缺水"},
                                        {kPerCapitaIncome, "3,450.5元"},
                                        {kArableLand, "0.01"},
                                        {kGroup, "三社"},
                                        {kBankAccount, "6228 4804 0256 4890 018"}},
                      std::vector<Cell>{{kGroup, ""},
                                        {kDeclaredMembers, ""},
                                        {kHouseholdPhone, ""},
                                        {kMainCause, ""},
                                        {kOtherCauses, ""},
                                        {kPerCapitaIncome, ""},
                                        {kArableLand, ""},
                                        {kDilapidatedHouse, ""},
                                        {kIdentificationYear, ""},
                                        {kExitStatus, ""},
                                        {kExitYear, ""},
                                        {kAssistanceType, ""},
                                        {kIdentificationStandard, ""},
                                        {kBankAccount, ""}},
                      std::vector<Cell>{{kHeadIdNumber, "620902800101001"},
                                        {kExitStatus, "稳定脱贫（不再享受政策）"},
                                        {kAssistanceType, "救助"},
                                        {kIdentificationStandard, "市标"}}));

}  // namespace
}  // namespace shuanglian::core
