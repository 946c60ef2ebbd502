#include "core/person.h"

namespace shuanglian::core {

namespace {

constexpr std::string_view kHeadRelation = "head";
constexpr std::string_view kSpouseRelation = "spouse";

}  // namespace

std::span<const FieldSpec> PersonFields() {
  static const std::vector<FieldSpec> kFields = {
      {kPersonHouseholdNo,
       "户编号",
       "household_no",
       {"户号", "家庭编号", "户码", "household number"},
       true,
       "",
       "所属家庭的户编号"},
      {kPersonName, "姓名", "name", {"成员姓名", "人员姓名"}, true, "", ""},
      {kPersonIdNumber,
       "证件号码",
       "id_number",
       {"身份证号", "身份证号码", "公民身份号码", "身份证", "证件号", "id number"},
       true,
       "",
       "18位身份证号，请设为文本格式"},
      {kRelation,
       "与户主关系",
       "relation",
       {"与户主的关系", "关系", "家庭关系"},
       true,
       "relation",
       ""},
      {kSex, "性别", "sex", {}, false, "sex", "可不填，按证件号码计算"},
      {kBirthDate,
       "出生日期",
       "birth_date",
       {"出生年月日", "出生年月", "生日", "birth date"},
       false,
       "",
       "可不填，按证件号码计算"},
      {kEthnicity, "民族", "ethnicity", {"ethnic group"}, false, "ethnicity", ""},
      {kEducation, "文化程度", "education", {"学历"}, false, "education", ""},
      {kSchooling,
       "在校生状况",
       "schooling",
       {"在校生情况", "在校情况", "在校生"},
       false,
       "schooling",
       ""},
      {kHealth, "健康状况", "health", {"身体状况"}, false, "health", ""},
      {kLabourSkill, "劳动技能", "labour_skill", {"劳动能力", "labour"}, false, "labour_skill", ""},
      {kWorkLocation,
       "务工地点",
       "work_location",
       {"务工状况", "务工区域", "外出务工地点"},
       false,
       "work_location",
       ""},
      {kWorkMonths,
       "务工时间",
       "work_months",
       {"务工时间(月)", "务工月数", "work months"},
       false,
       "",
       "月数 0～12"},
      {kPersonPhone,
       "联系电话",
       "phone",
       {"电话", "手机号", "手机号码", "telephone"},
       false,
       "",
       ""},
  };
  return kFields;
}

Validated<Person> ValidatePerson(const RawRecord& raw, const ValidationContext& context) {
  Validated<Person> result;
  RecordReader reader(raw, PersonFields(), context, result.errors);
  Person& person = result.value;

  person.household_no = reader.RequiredText(kPersonHouseholdNo, 40);
  if (LooksLikeExcelScientific(person.household_no)) {
    reader.Fail(kPersonHouseholdNo, "household_no_excel_number",
                "户编号“" + person.household_no + "”已被 Excel 转成数字，" + kExcelTextColumnHint);
    person.household_no.clear();
  }
  person.name = reader.PersonName(kPersonName);
  auto id = reader.Id(kPersonIdNumber);
  if (id) {
    person.id_number = std::move(id->value);  // only its sex and birth date are read below
    person.sex = id->sex;
    person.birth_date = id->birth_date;
  }
  person.relation = reader.DictionaryCode(kRelation);

  if (!reader.IsEmpty(kSex)) {
    const std::string sex = reader.DictionaryCode(kSex);
    if (!sex.empty() && id) {
      const Sex stated = sex == "male" ? Sex::kMale : Sex::kFemale;
      if (stated != id->sex) {
        reader.Fail(kSex, "sex_disagrees_with_id",
                    "性别“" + SexLabel(stated) + "”与证件号码不符（证件号码第17位表示" +
                        SexLabel(id->sex) + "）");
      }
    }
  }
  if (!reader.IsEmpty(kBirthDate)) {
    const auto birth = reader.DateValue(kBirthDate);
    if (birth && id && *birth != id->birth_date) {
      reader.Fail(
          kBirthDate, "birth_date_disagrees_with_id",
          "出生日期 " + birth->ToIso() + " 与证件号码中的 " + id->birth_date.ToIso() + " 不符");
    }
  }
  person.ethnicity = reader.DictionaryCode(kEthnicity);
  person.education = reader.DictionaryCode(kEducation);
  person.schooling = reader.DictionaryCode(kSchooling);
  person.health = reader.DictionaryCode(kHealth);
  person.labour_skill = reader.DictionaryCode(kLabourSkill);
  person.work_location = reader.DictionaryCode(kWorkLocation);
  person.work_months = reader.Whole(kWorkMonths, 0, 12);
  person.phone = reader.Phone(kPersonPhone);
  return result;
}

RawRecord PersonToRecord(const Person& person, const DictionarySet& dictionaries) {
  RawRecord record(kPersonFieldCount);
  const auto set = [&](int field, std::string text) {
    record[static_cast<std::size_t>(field)].text = std::move(text);
  };
  const auto label = [&](std::string_view name, const std::string& code) {
    return code.empty() ? std::string() : dictionaries.Get(name).Label(code);
  };
  set(kPersonHouseholdNo, person.household_no);
  set(kPersonName, person.name);
  set(kPersonIdNumber, person.id_number);
  set(kRelation, label(dict::kRelation, person.relation));
  set(kSex, SexLabel(person.sex));
  set(kBirthDate, person.birth_date.ToIso());
  set(kEthnicity, label(dict::kEthnicity, person.ethnicity));
  set(kEducation, label(dict::kEducation, person.education));
  set(kSchooling, label(dict::kSchooling, person.schooling));
  set(kHealth, label(dict::kHealth, person.health));
  set(kLabourSkill, label(dict::kLabourSkill, person.labour_skill));
  set(kWorkLocation, label(dict::kWorkLocation, person.work_location));
  set(kWorkMonths, person.work_months ? std::to_string(*person.work_months) : std::string());
  set(kPersonPhone, person.phone);
  return record;
}

std::optional<FieldError> CheckHouseholdRoles(const Person& person, HouseholdRoles& roles) {
  if (person.relation == kHeadRelation) {
    if (!roles.head_member_id.empty() && roles.head_member_id != person.id_number) {
      return FieldError{"与户主关系", "second_head",
                        "户 " + person.household_no + " 已有户主（证件号码 " +
                            MaskIdNumber(roles.head_member_id) + "），一户只能有一名户主"};
    }
    if (!roles.head_id_number.empty() && roles.head_id_number != person.id_number) {
      return FieldError{"证件号码", "head_not_household_head",
                        "户主的证件号码与家庭表中户 " + person.household_no + " 的户主证件号码（" +
                            MaskIdNumber(roles.head_id_number) + "）不一致"};
    }
    if (roles.spouse_sex && *roles.spouse_sex == person.sex) {
      return FieldError{"性别", "spouse_same_sex", "户主与配偶的性别相同（按证件号码）"};
    }
    roles.head_member_id = person.id_number;
    roles.head_sex = person.sex;
  } else if (person.relation == kSpouseRelation) {
    if (!roles.spouse_id.empty() && roles.spouse_id != person.id_number) {
      return FieldError{"与户主关系", "second_spouse",
                        "户 " + person.household_no + " 已有配偶，一户最多一名配偶"};
    }
    if (roles.head_sex && *roles.head_sex == person.sex) {
      return FieldError{"性别", "spouse_same_sex", "户主与配偶的性别相同（按证件号码）"};
    }
    roles.spouse_id = person.id_number;
    roles.spouse_sex = person.sex;
  }
  return std::nullopt;
}

}  // namespace shuanglian::core
