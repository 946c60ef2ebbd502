#include "core/household.h"

#include "core/decimal.h"
#include "core/region_code.h"
#include "core/text.h"

namespace shuanglian::core {

std::span<const FieldSpec> HouseholdFields() {
  static const std::vector<FieldSpec> kFields = {
      {kHouseholdNo,
       "户编号",
       "household_no",
       {"户号", "家庭编号", "户码", "household number"},
       true,
       "",
       "本户唯一编号"},
      {kHeadName, "户主姓名", "head_name", {"户主", "户主名称", "head"}, true, "", ""},
      {kHeadIdNumber,
       "户主证件号码",
       "head_id_number",
       {"户主身份证号", "户主身份证号码", "户主身份证", "户主证件号", "head id"},
       true,
       "",
       "18位身份证号，请设为文本格式"},
      {kVillageCode,
       "所属村代码",
       "village_code",
       {"村代码", "行政村代码", "所属村", "村编码", "村级代码", "village"},
       true,
       "",
       "12位统计用区划代码"},
      {kGroup,
       "村民小组",
       "group",
       {"组", "社", "小组", "村民小组名称", "所属村民小组", "group code"},
       false,
       "",
       "小组名称或15位小组代码"},
      {kDeclaredMembers,
       "家庭人口数",
       "members",
       {"人口数", "家庭人口", "户人口数", "家庭成员数", "declared members"},
       false,
       "",
       "整数"},
      {kHouseholdPhone,
       "联系电话",
       "phone",
       {"电话", "手机号", "手机号码", "联系方式", "telephone"},
       false,
       "",
       ""},
      {kCategory,
       "户属性",
       "category",
       {"户类型", "贫困户属性", "农户属性", "户类别"},
       true,
       "household_category",
       ""},
      {kMainCause,
       "主要致贫原因",
       "main_cause",
       {"致贫原因", "main poverty cause"},
       false,
       "poverty_cause",
       ""},
      {kOtherCauses,
       "其他致贫原因",
       "other_causes",
       {"次要致贫原因", "other poverty causes"},
       false,
       "poverty_cause",
       "多个用“、”或“;”分隔"},
      {kPerCapitaIncome,
       "人均纯收入",
       "per_capita_income",
       {"家庭人均纯收入", "人均收入", "per capita income"},
       false,
       "",
       "元"},
      {kArableLand,
       "耕地面积",
       "arable_land",
       {"耕地", "承包耕地面积", "arable land"},
       false,
       "",
       "亩"},
      {kDilapidatedHouse,
       "是否危房",
       "dilapidated_house",
       {"危房", "是否为危房", "dilapidated"},
       false,
       "yes_no",
       "是/否"},
      {kIdentificationYear,
       "识别年度",
       "identification_year",
       {"首次识别年度", "识别年份", "identification year"},
       false,
       "",
       "如 2012"},
      {kExitStatus,
       "脱贫状态",
       "exit_status",
       {"脱贫属性", "exit status"},
       false,
       "exit_status",
       ""},
      {kExitYear, "脱贫年度", "exit_year", {"脱贫年份", "exit year"}, false, "", ""},
      {kAssistanceType,
       "对象类型",
       "assistance_type",
       {"救助或帮扶", "帮扶类型", "assistance type"},
       false,
       "assistance_type",
       "救助对象/帮扶对象"},
      {kIdentificationStandard,
       "识别标准",
       "identification_standard",
       {"identification standard"},
       false,
       "identification_standard",
       ""},
      {kBankAccount,
       "银行账号",
       "bank_account",
       {"银行卡号", "一卡通账号", "一折通账号", "bank account"},
       false,
       "",
       ""},
  };
  return kFields;
}

Validated<Household> ValidateHousehold(const RawRecord& raw, const ValidationContext& context) {
  Validated<Household> result;
  RecordReader reader(raw, HouseholdFields(), context, result.errors);
  Household& household = result.value;

  household.household_no = reader.RequiredText(kHouseholdNo, 40);
  if (!household.household_no.empty()) {
    if (LooksLikeExcelScientific(household.household_no) ||
        reader.Raw(kHouseholdNo).kind == CellKind::kNumber) {
      if (household.household_no.size() > 15 || LooksLikeExcelScientific(household.household_no)) {
        reader.Fail(
            kHouseholdNo, "household_no_excel_number",
            "户编号“" + household.household_no + "”已被 Excel 转成数字，" + kExcelTextColumnHint);
        household.household_no.clear();
      }
    } else if (household.household_no.find(' ') != std::string::npos) {
      reader.Fail(kHouseholdNo, "bad_household_no",
                  "户编号“" + household.household_no + "”不能含空格");
      household.household_no.clear();
    }
  }
  household.head_name = reader.PersonName(kHeadName);
  if (auto id = reader.Id(kHeadIdNumber)) {
    household.head_id_number = std::move(id->value);
  }

  household.village_code = reader.RequiredText(kVillageCode, 40);
  if (!household.village_code.empty()) {
    const std::string& code = household.village_code;
    if (LooksLikeExcelScientific(code)) {
      reader.Fail(kVillageCode, "village_code_excel_number",
                  "所属村代码“" + code + "”已被 Excel 转成数字，" + kExcelTextColumnHint);
      household.village_code.clear();
    } else if (code.size() != 12 || !IsAsciiDigits(code)) {
      reader.Fail(kVillageCode, "bad_village_code", "所属村代码“" + code + "”应为12位数字");
      household.village_code.clear();
    } else if (context.regions != nullptr) {
      const auto level = context.regions->LevelOf(code);
      if (!level) {
        reader.Fail(kVillageCode, "unknown_village",
                    "所属村代码“" + code + "”不存在，请先导入区划或核对代码");
        household.village_code.clear();
      }
    }
  }

  household.group = reader.OptionalText(kGroup, 30);
  if (!household.group.empty() && IsAsciiDigits(household.group) && household.group.size() == 15) {
    if (!household.village_code.empty() && !IsWithin(household.group, household.village_code)) {
      reader.Fail(kGroup, "group_not_in_village",
                  "村民小组代码“" + household.group + "”不属于村 " + household.village_code);
      household.group.clear();
    }
  }

  household.declared_members = reader.Whole(kDeclaredMembers, 1, 50);
  household.phone = reader.Phone(kHouseholdPhone);
  household.category = reader.DictionaryCode(kCategory);
  household.main_cause = reader.DictionaryCode(kMainCause);
  household.other_causes = reader.DictionaryCodes(kOtherCauses);
  std::erase(household.other_causes, household.main_cause);
  household.per_capita_income_fen = reader.Scaled(kPerCapitaIncome, 2);
  household.arable_land_centimu = reader.Scaled(kArableLand, 2);
  household.dilapidated_house = reader.YesNo(kDilapidatedHouse);
  household.identification_year = reader.Whole(kIdentificationYear, 1990, context.today.year);
  household.exit_status = reader.DictionaryCode(kExitStatus);
  household.exit_year = reader.Whole(kExitYear, 1990, context.today.year);
  if (household.identification_year && household.exit_year &&
      *household.exit_year < *household.identification_year) {
    reader.Fail(kExitYear, "exit_before_identification",
                "脱贫年度 " + std::to_string(*household.exit_year) + " 早于识别年度 " +
                    std::to_string(*household.identification_year));
  }
  household.assistance_type = reader.DictionaryCode(kAssistanceType);
  household.identification_standard = reader.DictionaryCode(kIdentificationStandard);

  household.bank_account = reader.OptionalText(kBankAccount, 32);
  if (!household.bank_account.empty()) {
    std::string digits;
    for (const char c : household.bank_account) {
      if (c != ' ' && c != '-') {
        digits.push_back(c);
      }
    }
    if (LooksLikeExcelScientific(household.bank_account)) {
      reader.Fail(
          kBankAccount, "bank_account_excel_number",
          "银行账号“" + household.bank_account + "”已被 Excel 转成数字，" + kExcelTextColumnHint);
    } else if (!IsAsciiDigits(digits) || digits.size() < 8 || digits.size() > 30) {
      reader.Fail(kBankAccount, "bad_bank_account",
                  "银行账号“" + household.bank_account + "”应为8～30位数字");
    }
    household.bank_account = digits;
  }
  return result;
}

RawRecord HouseholdToRecord(const Household& household, const DictionarySet& dictionaries) {
  RawRecord record(kHouseholdFieldCount);
  const auto set = [&](int field, std::string text) {
    record[static_cast<std::size_t>(field)].text = std::move(text);
  };
  const auto label = [&](std::string_view name, const std::string& code) {
    return code.empty() ? std::string() : dictionaries.Get(name).Label(code);
  };
  const auto number = [](const std::optional<std::int64_t>& value) {
    return value ? std::to_string(*value) : std::string();
  };
  set(kHouseholdNo, household.household_no);
  set(kHeadName, household.head_name);
  set(kHeadIdNumber, household.head_id_number);
  set(kVillageCode, household.village_code);
  set(kGroup, household.group);
  set(kDeclaredMembers, number(household.declared_members));
  set(kHouseholdPhone, household.phone);
  set(kCategory, label(dict::kHouseholdCategory, household.category));
  set(kMainCause, label(dict::kPovertyCause, household.main_cause));
  std::string others;
  for (const std::string& cause : household.other_causes) {
    others += (others.empty() ? "" : "、") + label(dict::kPovertyCause, cause);
  }
  set(kOtherCauses, others);
  set(kPerCapitaIncome, household.per_capita_income_fen
                            ? FormatScaled(*household.per_capita_income_fen, 2)
                            : std::string());
  set(kArableLand, household.arable_land_centimu ? FormatScaled(*household.arable_land_centimu, 2)
                                                 : std::string());
  set(kDilapidatedHouse,
      household.dilapidated_house ? (*household.dilapidated_house ? "是" : "否") : std::string());
  set(kIdentificationYear, number(household.identification_year));
  set(kExitStatus, label(dict::kExitStatus, household.exit_status));
  set(kExitYear, number(household.exit_year));
  set(kAssistanceType, label(dict::kAssistanceType, household.assistance_type));
  set(kIdentificationStandard,
      label(dict::kIdentificationStandard, household.identification_standard));
  set(kBankAccount, household.bank_account);
  return record;
}

}  // namespace shuanglian::core
