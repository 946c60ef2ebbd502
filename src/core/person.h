#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>

#include "core/date.h"
#include "core/field.h"
#include "core/id_number.h"
#include "core/record_reader.h"

namespace shuanglian::core {

enum PersonField : int {
  kPersonHouseholdNo,
  kPersonName,
  kPersonIdNumber,
  kRelation,
  kSex,
  kBirthDate,
  kEthnicity,
  kEducation,
  kSchooling,
  kHealth,
  kLabourSkill,
  kWorkLocation,
  kWorkMonths,
  kPersonPhone,
  kPersonFieldCount
};

std::span<const FieldSpec> PersonFields();

// A member of a household (家庭成员).
struct Person {
  std::string household_no;
  std::string name;
  std::string id_number;
  std::string relation;
  Sex sex = Sex::kMale;
  Date birth_date;
  std::string ethnicity;
  std::string education;
  std::string schooling;
  std::string health;
  std::string labour_skill;
  std::string work_location;
  std::optional<std::int64_t> work_months;
  std::string phone;

  bool operator==(const Person&) const = default;
};

// Checks every field; sex and birth date are taken from the ID number when absent and must
// agree with it when present. Rules between members of a household (one head, at most one
// spouse of the other sex) need the whole household and are checked by the caller with
// CheckHouseholdRoles.
Validated<Person> ValidatePerson(const RawRecord& raw, const ValidationContext& context);

RawRecord PersonToRecord(const Person& person, const DictionarySet& dictionaries);

// What is known of a household's head and spouse while its members are read.
struct HouseholdRoles {
  std::string head_id_number;  // from the household record
  std::string head_member_id;  // the member recorded as 户主, if any
  std::optional<Sex> head_sex;
  std::string spouse_id;
  std::optional<Sex> spouse_sex;
};

// Checks a member against the roles already held in the household and records its role
// when accepted. Error codes: second_head, head_not_household_head, second_spouse,
// spouse_same_sex.
std::optional<FieldError> CheckHouseholdRoles(const Person& person, HouseholdRoles& roles);

}  // namespace shuanglian::core
