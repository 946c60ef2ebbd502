#include "core/person.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/project_dictionaries.h"

namespace shuanglian::core {
namespace {

using ::testing::HasSubstr;

const Date kToday{2024, 6, 1};

// Valid ID numbers of one family (check characters per GB 11643).
constexpr const char* kHeadId = "620902198001010010";        // male, 1980-01-01
constexpr const char* kSpouseId = "62090219820315002X";      // female, 1982-03-15
constexpr const char* kSonId = "620902200808080036";         // male, 2008-08-08
constexpr const char* kDaughterId = "620902201002200048";    // female, 2010-02-20
constexpr const char* kOtherManId = "620902198301010055";    // male, 1983-01-01
constexpr const char* kOtherWomanId = "620902198411110065";  // female, 1984-11-11

ValidationContext Context() {
  return ValidationContext{test_data::ProjectDictionaries(), kToday};
}

const std::map<int, std::string>& BaseCells() {
  static const std::map<int, std::string> kCells = {
      {kPersonHouseholdNo, "QH2012001"},
      {kPersonName, "张建国"},
      {kPersonIdNumber, kHeadId},
      {kRelation, "户主"},
      {kSex, ""},
      {kBirthDate, ""},
      {kEthnicity, "汉族"},
      {kEducation, "初中"},
      {kSchooling, "非在校生"},
      {kHealth, "健康"},
      {kLabourSkill, "普通劳动力"},
      {kWorkLocation, "省外"},
      {kWorkMonths, "6"},
      {kPersonPhone, ""},
  };
  return kCells;
}

Person BasePerson() {
  Person person;
  person.household_no = "QH2012001";
  person.name = "张建国";
  person.id_number = kHeadId;
  person.relation = "head";
  person.sex = Sex::kMale;
  person.birth_date = Date{1980, 1, 1};
  person.ethnicity = "01";
  person.education = "junior";
  person.schooling = "none";
  person.health = "healthy";
  person.labour_skill = "ordinary";
  person.work_location = "outside";
  person.work_months = 6;
  return person;
}

struct Cell {
  int field;
  std::string text;
  CellKind kind = CellKind::kText;
};

RawRecord Row(const std::vector<Cell>& changes = {}) {
  RawRecord row(kPersonFieldCount);
  for (const auto& [field, text] : BaseCells()) {
    row[static_cast<std::size_t>(field)].text = text;
  }
  for (const Cell& change : changes) {
    row[static_cast<std::size_t>(change.field)] = RawField{change.text, change.kind};
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

TEST(PersonFieldsTest, OneSpecPerFieldInOrder) {
  const auto fields = PersonFields();
  ASSERT_EQ(fields.size(), static_cast<std::size_t>(kPersonFieldCount));
  for (std::size_t index = 0; index < fields.size(); ++index) {
    EXPECT_EQ(fields[index].index, static_cast<int>(index));
    if (!fields[index].dictionary.empty()) {
      EXPECT_TRUE(test_data::ProjectDictionaries().Has(fields[index].dictionary))
          << fields[index].dictionary;
    }
  }
  EXPECT_TRUE(fields[kRelation].required);
  EXPECT_FALSE(fields[kSex].required);
  EXPECT_FALSE(fields[kBirthDate].required);
}

TEST(ValidatePersonTest, BaseRowIsValidWithSexAndBirthFromTheId) {
  const auto result = ValidatePerson(Row(), Context());
  EXPECT_TRUE(result.ok()) << Describe(result.errors);
  EXPECT_EQ(result.value, BasePerson());
}

// ---------------------------------------------------------------------------------------------
// Refused rows

struct RefusedCase {
  std::string name;
  std::vector<Cell> changes;
  std::string code;
  std::string column;
  std::string message_part;
};

class ValidatePersonRefusesTest : public ::testing::TestWithParam<RefusedCase> {};

TEST_P(ValidatePersonRefusesTest, ReportsExactlyOneError) {
  const RefusedCase& test_case = GetParam();
  const auto result = ValidatePerson(Row(test_case.changes), Context());
  ASSERT_EQ(result.errors.size(), 1u) << Describe(result.errors);
  EXPECT_EQ(result.errors[0].code, test_case.code);
  EXPECT_EQ(result.errors[0].column, test_case.column);
  EXPECT_THAT(result.errors[0].message, HasSubstr(test_case.message_part));
}

INSTANTIATE_TEST_SUITE_P(
    Rules, ValidatePersonRefusesTest,
    ::testing::Values(
        // Required columns.
        RefusedCase{
            "HouseholdNoEmpty", {{kPersonHouseholdNo, ""}}, "required", "户编号", "不能为空"},
        RefusedCase{"NameEmpty", {{kPersonName, "—"}}, "required", "姓名", "姓名不能为空"},
        RefusedCase{"IdEmpty", {{kPersonIdNumber, ""}}, "required", "证件号码", "不能为空"},
        RefusedCase{
            "RelationEmpty", {{kRelation, ""}}, "required", "与户主关系", "与户主关系不能为空"},
        RefusedCase{"RelationMarker", {{kRelation, "无"}}, "required", "与户主关系", "不能为空"},
        // Household number and name.
        RefusedCase{"HouseholdNoScientific",
                    {{kPersonHouseholdNo, "6.20902E+17"}},
                    "household_no_excel_number",
                    "户编号",
                    "文本"},
        RefusedCase{"NameWithDigit", {{kPersonName, "李4"}}, "bad_name", "姓名", "“李4”含有数字"},
        RefusedCase{"NameWithAt", {{kPersonName, "李@"}}, "bad_name", "姓名", "含有数字或符号"},
        // ID number.
        RefusedCase{"IdCheckDigit",
                    {{kPersonIdNumber, "620902198001010011"}},
                    "id_check_digit",
                    "证件号码",
                    "末位应为 0"},
        RefusedCase{"IdNumberCell",
                    {{kPersonIdNumber, "620902198001010000", CellKind::kNumber}},
                    "id_excel_number",
                    "证件号码",
                    "在 Excel 中存成了数字"},
        RefusedCase{"IdScientific",
                    {{kPersonIdNumber, "6.20902E+17"}},
                    "id_excel_number",
                    "证件号码",
                    "Excel"},
        RefusedCase{"IdTrailingZeros",
                    {{kPersonIdNumber, "620902198001010000"}},
                    "id_check_digit",
                    "证件号码",
                    "可能被 Excel 丢掉了几位"},
        RefusedCase{"IdImpossibleDate",
                    {{kPersonIdNumber, "620902198002300010"}},
                    "id_birth_date",
                    "证件号码",
                    "19800230"},
        RefusedCase{"IdBornAfterToday",
                    {{kPersonIdNumber, "620902202406020010"}},
                    "id_birth_future",
                    "证件号码",
                    "晚于今天"},
        // A wrong ID does not also blame the sex or birth date typed next to it.
        RefusedCase{
            "BadIdWithSexAndBirth",
            {{kPersonIdNumber, "62090219800101001"}, {kSex, "女"}, {kBirthDate, "1999-09-09"}},
            "id_length",
            "证件号码",
            "现为17位"},
        // Relation.
        RefusedCase{"RelationRefused",
                    {{kRelation, "邻居"}},
                    "not_in_dictionary",
                    "与户主关系",
                    "“邻居”不是允许的值（可填：户主、配偶、之子"},
        // Sex must agree with the 17th digit.
        RefusedCase{"SexDisagrees",
                    {{kSex, "女"}},
                    "sex_disagrees_with_id",
                    "性别",
                    "性别“女”与证件号码不符（证件号码第17位表示男）"},
        RefusedCase{"SexDisagreesByCode",
                    {{kSex, "female"}},
                    "sex_disagrees_with_id",
                    "性别",
                    "第17位表示男"},
        RefusedCase{"SexDisagreesForAWoman",
                    {{kPersonIdNumber, kSpouseId}, {kRelation, "配偶"}, {kSex, "男"}},
                    "sex_disagrees_with_id",
                    "性别",
                    "性别“男”与证件号码不符（证件号码第17位表示女）"},
        RefusedCase{"SexRefused", {{kSex, "未知"}}, "not_in_dictionary", "性别", "可填：男、女"},
        // Birth date must agree with the ID number.
        RefusedCase{"BirthDisagrees",
                    {{kBirthDate, "1980-01-02"}},
                    "birth_date_disagrees_with_id",
                    "出生日期",
                    "出生日期 1980-01-02 与证件号码中的 1980-01-01 不符"},
        RefusedCase{"BirthSerialDisagrees",
                    {{kBirthDate, "29222", CellKind::kNumber}},
                    "birth_date_disagrees_with_id",
                    "出生日期",
                    "1980-01-02"},
        RefusedCase{"BirthSerialInATextCell",
                    {{kBirthDate, "29221"}},
                    "bad_date",
                    "出生日期",
                    "“29221”不是有效日期"},
        RefusedCase{"BirthImpossible",
                    {{kBirthDate, "1980-02-30"}},
                    "bad_date",
                    "出生日期",
                    "应如 1980-01-01"},
        RefusedCase{"BirthGarbage", {{kBirthDate, "八零年"}}, "bad_date", "出生日期", "八零年"},
        RefusedCase{"BirthInTheFuture",
                    {{kBirthDate, "2030-01-01"}},
                    "date_in_future",
                    "出生日期",
                    "2030-01-01 晚于今天"},
        RefusedCase{"BirthSerialOutOfRange",
                    {{kBirthDate, "0", CellKind::kNumber}},
                    "bad_date",
                    "出生日期",
                    "不是有效日期"},
        // Work months 0..12.
        RefusedCase{
            "WorkMonthsThirteen", {{kWorkMonths, "13"}}, "out_of_range", "务工时间", "0～12"},
        RefusedCase{"WorkMonthsNegative", {{kWorkMonths, "-1"}}, "negative", "务工时间", "负数"},
        RefusedCase{
            "WorkMonthsFraction", {{kWorkMonths, "6.5"}}, "not_a_number", "务工时间", "应为整数"},
        RefusedCase{
            "WorkMonthsText", {{kWorkMonths, "半年"}}, "not_a_number", "务工时间", "不是数字"},
        // Other dictionaries and the phone.
        RefusedCase{
            "EthnicityRefused", {{kEthnicity, "火星族"}}, "not_in_dictionary", "民族", "火星族"},
        RefusedCase{"EducationRefused",
                    {{kEducation, "博士后"}},
                    "not_in_dictionary",
                    "文化程度",
                    "可填：文盲或半文盲、小学、初中、高中、大专、本科及以上）"},
        RefusedCase{
            "SchoolingRefused", {{kSchooling, "辍学"}}, "not_in_dictionary", "在校生状况", "辍学"},
        RefusedCase{"HealthRefused",
                    {{kHealth, "一般"}},
                    "not_in_dictionary",
                    "健康状况",
                    "可填：健康、长期慢性病、患有大病、残疾"},
        RefusedCase{"LabourRefused", {{kLabourSkill, "强"}}, "not_in_dictionary", "劳动技能", "强"},
        RefusedCase{"WorkLocationRefused",
                    {{kWorkLocation, "国外"}},
                    "not_in_dictionary",
                    "务工地点",
                    "国外"},
        RefusedCase{"PhoneRefused", {{kPersonPhone, "138123"}}, "bad_phone", "联系电话", "138123"},
        RefusedCase{"PhoneScientific",
                    {{kPersonPhone, "1.38123E+10"}},
                    "phone_excel_number",
                    "联系电话",
                    "文本"}),
    [](const ::testing::TestParamInfo<RefusedCase>& param_info) { return param_info.param.name; });

// ---------------------------------------------------------------------------------------------
// Accepted variants

struct AcceptedCase {
  std::string name;
  std::vector<Cell> changes;
  void (*expect)(Person&);  // adjusts BasePerson() to the expected result
};

class ValidatePersonAcceptsTest : public ::testing::TestWithParam<AcceptedCase> {};

TEST_P(ValidatePersonAcceptsTest, Accepts) {
  const auto result = ValidatePerson(Row(GetParam().changes), Context());
  EXPECT_TRUE(result.ok()) << Describe(result.errors);
  Person expected = BasePerson();
  GetParam().expect(expected);
  EXPECT_EQ(result.value, expected);
}

void AsSpouse(Person& person) {
  person.id_number = kSpouseId;
  person.relation = "spouse";
  person.sex = Sex::kFemale;
  person.birth_date = Date{1982, 3, 15};
}

INSTANTIATE_TEST_SUITE_P(
    Variants, ValidatePersonAcceptsTest,
    ::testing::Values(
        // Sex and birth date derived from the ID when absent.
        AcceptedCase{
            "FemaleFromTheId", {{kPersonIdNumber, kSpouseId}, {kRelation, "配偶"}}, AsSpouse},
        AcceptedCase{"LowerCaseXInTheId",
                     {{kPersonIdNumber, "62090219820315002x"}, {kRelation, "妻子"}},
                     AsSpouse},
        AcceptedCase{"SexAndBirthAsEmptyMarkers", {{kSex, "-"}, {kBirthDate, "/"}}, [](Person&) {}},
        AcceptedCase{"FifteenDigitId", {{kPersonIdNumber, "620902800101001"}}, [](Person&) {}},
        // Given and agreeing.
        AcceptedCase{"SexLabelAgrees", {{kSex, "男"}}, [](Person&) {}},
        AcceptedCase{"SexCodeAgrees", {{kSex, "MALE"}}, [](Person&) {}},
        AcceptedCase{"SexAliasAgrees", {{kSex, "m"}}, [](Person&) {}},
        AcceptedCase{"WomanSexAgrees",
                     {{kPersonIdNumber, kSpouseId}, {kRelation, "配偶"}, {kSex, "女性"}},
                     AsSpouse},
        AcceptedCase{"BirthIso", {{kBirthDate, "1980-01-01"}}, [](Person&) {}},
        AcceptedCase{"BirthSlashes", {{kBirthDate, "1980/1/1"}}, [](Person&) {}},
        AcceptedCase{"BirthDots", {{kBirthDate, "1980.1.1"}}, [](Person&) {}},
        AcceptedCase{"BirthCompact", {{kBirthDate, "19800101"}}, [](Person&) {}},
        AcceptedCase{"BirthChinese", {{kBirthDate, "1980年1月1日"}}, [](Person&) {}},
        AcceptedCase{"BirthWithTime", {{kBirthDate, "1980-01-01 00:00:00"}}, [](Person&) {}},
        AcceptedCase{"BirthCompactInANumberCell",
                     {{kBirthDate, "19800101", CellKind::kNumber}},
                     [](Person&) {}},
        // A date typed into a General cell of Excel arrives as its serial day number.
        AcceptedCase{
            "BirthExcelSerial", {{kBirthDate, "29221", CellKind::kNumber}}, [](Person&) {}},
        AcceptedCase{"BirthExcelSerialWithTime",
                     {{kBirthDate, "29221.5", CellKind::kNumber}},
                     [](Person&) {}},
        AcceptedCase{"SpouseBirthExcelSerial",
                     {{kPersonIdNumber, kSpouseId},
                      {kRelation, "配偶"},
                      {kBirthDate, "30025", CellKind::kNumber}},
                     AsSpouse},
        // Relation by label and alias.
        AcceptedCase{"RelationAlias", {{kRelation, "本人"}}, [](Person&) {}},
        AcceptedCase{"RelationSon",
                     {{kPersonIdNumber, kSonId}, {kRelation, "之子"}, {kWorkMonths, "0"}},
                     [](Person& p) {
                       p.id_number = kSonId;
                       p.relation = "son";
                       p.birth_date = Date{2008, 8, 8};
                       p.work_months = 0;
                     }},
        AcceptedCase{"RelationDaughterAlias",
                     {{kPersonIdNumber, kDaughterId}, {kRelation, "女儿"}, {kWorkMonths, ""}},
                     [](Person& p) {
                       p.id_number = kDaughterId;
                       p.relation = "daughter";
                       p.sex = Sex::kFemale;
                       p.birth_date = Date{2010, 2, 20};
                       p.work_months.reset();
                     }},
        // Work months.
        AcceptedCase{"WorkMonthsZero", {{kWorkMonths, "0"}}, [](Person& p) { p.work_months = 0; }},
        AcceptedCase{
            "WorkMonthsTwelve", {{kWorkMonths, "12"}}, [](Person& p) { p.work_months = 12; }},
        AcceptedCase{"WorkMonthsPointZero", {{kWorkMonths, "6.0"}}, [](Person&) {}},
        AcceptedCase{
            "WorkMonthsFullWidth", {{kWorkMonths, "１２"}}, [](Person& p) { p.work_months = 12; }},
        // Other dictionaries by alias, and optional fields left empty.
        AcceptedCase{"Aliases",
                     {{kEthnicity, "回"},
                      {kEducation, "高中/中专"},
                      {kSchooling, "七年级"},
                      {kHealth, "慢性病"},
                      {kLabourSkill, "半劳动力"},
                      {kWorkLocation, "县内"}},
                     [](Person& p) {
                       p.ethnicity = "03";
                       p.education = "senior";
                       p.schooling = "junior";
                       p.health = "chronic";
                       p.labour_skill = "weak";
                       p.work_location = "county";
                     }},
        AcceptedCase{"OptionalFieldsEmpty",
                     {{kEthnicity, ""},
                      {kEducation, ""},
                      {kSchooling, ""},
                      {kHealth, ""},
                      {kLabourSkill, ""},
                      {kWorkLocation, ""},
                      {kWorkMonths, ""}},
                     [](Person& p) {
                       p.ethnicity.clear();
                       p.education.clear();
                       p.schooling.clear();
                       p.health.clear();
                       p.labour_skill.clear();
                       p.work_location.clear();
                       p.work_months.reset();
                     }},
        AcceptedCase{"MobilePhone",
                     {{kPersonPhone, "139-0931-0000"}},
                     [](Person& p) { p.phone = "13909310000"; }},
        AcceptedCase{"Landline",
                     {{kPersonPhone, "0931-8888888"}},
                     [](Person& p) { p.phone = "0931-8888888"; }}),
    [](const ::testing::TestParamInfo<AcceptedCase>& param_info) { return param_info.param.name; });

TEST(ValidatePersonTest, InvalidIdLeavesIdentityEmpty) {
  const auto result = ValidatePerson(Row({{kPersonIdNumber, "620902198001010011"}}), Context());
  EXPECT_FALSE(result.ok());
  EXPECT_TRUE(result.value.id_number.empty());
  EXPECT_EQ(result.value.birth_date, Date{});
}

TEST(ValidatePersonTest, EmptyRecordReportsTheRequiredColumns) {
  const auto result = ValidatePerson(RawRecord{}, Context());
  std::vector<std::string> columns;
  for (const FieldError& error : result.errors) {
    EXPECT_EQ(error.code, "required") << error.column;
    columns.push_back(error.column);
  }
  EXPECT_EQ(columns, (std::vector<std::string>{"户编号", "姓名", "证件号码", "与户主关系"}));
}

TEST(ValidatePersonTest, SexAndBirthBothDisagreeing) {
  const auto result = ValidatePerson(Row({{kSex, "女"}, {kBirthDate, "1981-01-01"}}), Context());
  ASSERT_EQ(result.errors.size(), 2u) << Describe(result.errors);
  EXPECT_EQ(result.errors[0].code, "sex_disagrees_with_id");
  EXPECT_EQ(result.errors[1].code, "birth_date_disagrees_with_id");
  // The person keeps what the ID number says.
  EXPECT_EQ(result.value.sex, Sex::kMale);
  EXPECT_EQ(result.value.birth_date, (Date{1980, 1, 1}));
}

// ---------------------------------------------------------------------------------------------
// PersonToRecord and the round trip

TEST(PersonToRecordTest, WritesDisplayValues) {
  const RawRecord record = PersonToRecord(BasePerson(), test_data::ProjectDictionaries());
  ASSERT_EQ(record.size(), static_cast<std::size_t>(kPersonFieldCount));
  EXPECT_EQ(record[kPersonIdNumber].text, kHeadId);
  EXPECT_EQ(record[kRelation].text, "户主");
  EXPECT_EQ(record[kSex].text, "男");
  EXPECT_EQ(record[kBirthDate].text, "1980-01-01");
  EXPECT_EQ(record[kEthnicity].text, "汉族");
  EXPECT_EQ(record[kEducation].text, "初中");
  EXPECT_EQ(record[kSchooling].text, "非在校生");
  EXPECT_EQ(record[kHealth].text, "健康");
  EXPECT_EQ(record[kLabourSkill].text, "普通劳动力");
  EXPECT_EQ(record[kWorkLocation].text, "省外");
  EXPECT_EQ(record[kWorkMonths].text, "6");
  EXPECT_EQ(record[kPersonPhone].text, "");
}

class PersonRoundTripTest : public ::testing::TestWithParam<std::vector<Cell>> {};

TEST_P(PersonRoundTripTest, ValidatesAgainToTheSamePerson) {
  const auto first = ValidatePerson(Row(GetParam()), Context());
  ASSERT_TRUE(first.ok()) << Describe(first.errors);
  const RawRecord record = PersonToRecord(first.value, test_data::ProjectDictionaries());
  const auto second = ValidatePerson(record, Context());
  ASSERT_TRUE(second.ok()) << Describe(second.errors);
  EXPECT_EQ(second.value, first.value);
}

INSTANTIATE_TEST_SUITE_P(Rows, PersonRoundTripTest,
                         ::testing::Values(std::vector<Cell>{},
                                           std::vector<Cell>{
                                               {kPersonIdNumber, kSpouseId},
                                               {kRelation, "妻"},
                                               {kBirthDate, "30025", CellKind::kNumber},
                                               {kEthnicity, "藏"},
                                               {kPersonPhone, "0931-8888888"}},
                                           std::vector<Cell>{{kPersonIdNumber, kDaughterId},
                                                             {kRelation, "长女"},
                                                             {kEducation, ""},
                                                             {kSchooling, "小学"},
                                                             {kHealth, "残疾人"},
                                                             {kLabourSkill, "无劳动力"},
                                                             {kWorkLocation, ""},
                                                             {kWorkMonths, ""},
                                                             {kPersonPhone, "138 1234 5678"}}));

// ---------------------------------------------------------------------------------------------
// CheckHouseholdRoles: a household's members in order, and what each one gets.

struct Member {
  std::string id;
  std::string relation;       // a relation code
  std::string expected_code;  // empty: accepted
  std::string expected_column = "";
};

struct RolesCase {
  std::string name;
  std::string head_id_number;  // from the household record; may be empty
  std::vector<Member> members;
};

Person MakeMember(const Member& member) {
  const auto id = ParseIdNumber(member.id, kToday);
  EXPECT_TRUE(id.ok()) << member.id;
  Person person;
  person.household_no = "QH2012001";
  person.id_number = id->value;
  person.sex = id->sex;
  person.birth_date = id->birth_date;
  person.relation = member.relation;
  return person;
}

class CheckHouseholdRolesTest : public ::testing::TestWithParam<RolesCase> {};

TEST_P(CheckHouseholdRolesTest, Members) {
  HouseholdRoles roles;
  roles.head_id_number = GetParam().head_id_number;
  for (const Member& member : GetParam().members) {
    const std::optional<FieldError> error = CheckHouseholdRoles(MakeMember(member), roles);
    if (member.expected_code.empty()) {
      EXPECT_FALSE(error.has_value())
          << member.id << " " << member.relation << ": " << error->code << " " << error->message;
    } else {
      ASSERT_TRUE(error.has_value()) << member.id << " " << member.relation;
      EXPECT_EQ(error->code, member.expected_code) << member.id;
      EXPECT_EQ(error->column, member.expected_column) << member.id;
    }
  }
}

INSTANTIATE_TEST_SUITE_P(
    Scenarios, CheckHouseholdRolesTest,
    ::testing::Values(
        RolesCase{"Family",
                  kHeadId,
                  {{kHeadId, "head", ""},
                   {kSpouseId, "spouse", ""},
                   {kSonId, "son", ""},
                   {kDaughterId, "daughter", ""}}},
        RolesCase{
            "SpouseListedBeforeHead", kHeadId, {{kSpouseId, "spouse", ""}, {kHeadId, "head", ""}}},
        RolesCase{"SecondHead",
                  "",
                  {{kHeadId, "head", ""}, {kOtherManId, "head", "second_head", "与户主关系"}}},
        RolesCase{"SameHeadListedTwice", kHeadId, {{kHeadId, "head", ""}, {kHeadId, "head", ""}}},
        RolesCase{"HeadIsNotTheHouseholdsHead",
                  kHeadId,
                  {{kOtherManId, "head", "head_not_household_head", "证件号码"}}},
        RolesCase{"AnyHeadWhenTheHouseholdHasNoHeadId", "", {{kOtherManId, "head", ""}}},
        RolesCase{"SecondSpouse",
                  kHeadId,
                  {{kHeadId, "head", ""},
                   {kSpouseId, "spouse", ""},
                   {kOtherWomanId, "spouse", "second_spouse", "与户主关系"}}},
        RolesCase{"SameSpouseListedTwice",
                  kHeadId,
                  {{kSpouseId, "spouse", ""}, {kSpouseId, "spouse", ""}}},
        RolesCase{"SameSexSpouseAfterHead",
                  kHeadId,
                  {{kHeadId, "head", ""}, {kOtherManId, "spouse", "spouse_same_sex", "性别"}}},
        RolesCase{"SameSexHeadAfterSpouse",
                  "",
                  {{kSpouseId, "spouse", ""}, {kOtherWomanId, "head", "spouse_same_sex", "性别"}}},
        RolesCase{
            "FemaleHeadMaleSpouse", kSpouseId, {{kSpouseId, "head", ""}, {kHeadId, "spouse", ""}}},
        // A refused spouse takes no role: the right one can still follow.
        RolesCase{"RefusedSpouseIsNotRecorded",
                  kHeadId,
                  {{kHeadId, "head", ""},
                   {kOtherManId, "spouse", "spouse_same_sex", "性别"},
                   {kSpouseId, "spouse", ""}}},
        // A refused head takes no role either.
        RolesCase{
            "RefusedHeadIsNotRecorded",
            kHeadId,
            {{kOtherManId, "head", "head_not_household_head", "证件号码"}, {kHeadId, "head", ""}}},
        RolesCase{"OtherRelationsAreNotCounted",
                  kHeadId,
                  {{kSonId, "son", ""},
                   {kOtherManId, "sibling", ""},
                   {kDaughterId, "other", ""},
                   {kHeadId, "head", ""}}}),
    [](const ::testing::TestParamInfo<RolesCase>& param_info) { return param_info.param.name; });

TEST(CheckHouseholdRolesTest, AcceptedMembersRecordTheirRoles) {
  HouseholdRoles roles;
  roles.head_id_number = kHeadId;
  EXPECT_FALSE(CheckHouseholdRoles(MakeMember({kSonId, "son", ""}), roles).has_value());
  EXPECT_TRUE(roles.head_member_id.empty());
  EXPECT_FALSE(roles.head_sex.has_value());

  EXPECT_FALSE(CheckHouseholdRoles(MakeMember({kHeadId, "head", ""}), roles).has_value());
  EXPECT_EQ(roles.head_member_id, kHeadId);
  EXPECT_EQ(roles.head_sex, Sex::kMale);

  EXPECT_FALSE(CheckHouseholdRoles(MakeMember({kSpouseId, "spouse", ""}), roles).has_value());
  EXPECT_EQ(roles.spouse_id, kSpouseId);
  EXPECT_EQ(roles.spouse_sex, Sex::kFemale);
}

TEST(CheckHouseholdRolesTest, MessagesMaskTheIdNumbers) {
  HouseholdRoles roles;
  roles.head_id_number = kHeadId;
  const auto wrong_head = CheckHouseholdRoles(MakeMember({kOtherManId, "head", ""}), roles);
  ASSERT_TRUE(wrong_head.has_value());
  EXPECT_THAT(wrong_head->message, HasSubstr("620902********0010"));
  EXPECT_THAT(wrong_head->message, HasSubstr("QH2012001"));
  EXPECT_THAT(wrong_head->message, ::testing::Not(HasSubstr(kHeadId)));

  HouseholdRoles open_roles;
  ASSERT_FALSE(CheckHouseholdRoles(MakeMember({kHeadId, "head", ""}), open_roles).has_value());
  const auto second = CheckHouseholdRoles(MakeMember({kOtherManId, "head", ""}), open_roles);
  ASSERT_TRUE(second.has_value());
  EXPECT_EQ(second->code, "second_head");
  EXPECT_THAT(second->message, HasSubstr("620902********0010"));
  EXPECT_THAT(second->message, HasSubstr("一户只能有一名户主"));
  EXPECT_THAT(second->message, ::testing::Not(HasSubstr(kHeadId)));
}

}  // namespace
}  // namespace shuanglian::core
