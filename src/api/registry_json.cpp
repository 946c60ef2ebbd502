#include "api/registry_json.h"

#include <boost/json.hpp>

#include "core/decimal.h"
#include "core/id_number.h"
#include "core/region_code.h"

namespace shuanglian::api {

namespace {

boost::json::value Optional(const std::optional<std::int64_t>& value) {
  return value ? boost::json::value(*value) : boost::json::value(nullptr);
}

boost::json::value Scaled(const std::optional<std::int64_t>& value) {
  if (!value) {
    return nullptr;
  }
  return std::stod(core::FormatScaled(*value, 2));
}

std::string Label(const core::DictionarySet& dictionaries, std::string_view name,
                  const std::string& code) {
  return code.empty() ? std::string() : dictionaries.Get(name).Label(code);
}

std::string Id(const std::string& id, bool unmasked) {
  return unmasked ? id : core::MaskIdNumber(id);
}
std::string Phone(const std::string& phone, bool unmasked) {
  return unmasked ? phone : core::MaskPhone(phone);
}

}  // namespace

boost::json::object HouseholdSummaryJson(const store::StoredHousehold& stored,
                                         const core::DictionarySet& dictionaries, bool unmasked) {
  const core::Household& household = stored.household;
  boost::json::value group = nullptr;
  if (!household.group.empty()) {
    group = boost::json::object{{"code", household.group}, {"name", stored.group_name}};
  }
  return boost::json::object{
      {"household_no", household.household_no},
      {"head_name", household.head_name},
      {"head_id_number", Id(household.head_id_number, unmasked)},
      {"village",
       boost::json::object{{"code", household.village_code}, {"name", stored.village_name}}},
      {"group", group},
      {"category", household.category},
      {"category_label", Label(dictionaries, core::dict::kHouseholdCategory, household.category)},
      {"main_cause", household.main_cause},
      {"main_cause_label", Label(dictionaries, core::dict::kPovertyCause, household.main_cause)},
      {"exit_status", household.exit_status},
      {"exit_status_label", Label(dictionaries, core::dict::kExitStatus, household.exit_status)},
      {"member_count", stored.member_count},
      {"declared_members", Optional(household.declared_members)},
      {"labour_count", stored.labour_count},
      {"per_capita_income", Scaled(household.per_capita_income_fen)},
      {"phone", Phone(household.phone, unmasked)},
  };
}

boost::json::object HouseholdJson(const store::StoredHousehold& stored,
                                  const std::vector<store::StoredPerson>& members,
                                  const core::DictionarySet& dictionaries, bool unmasked,
                                  const core::Date& today) {
  const core::Household& household = stored.household;
  boost::json::object out = HouseholdSummaryJson(stored, dictionaries, unmasked);
  boost::json::array causes;
  boost::json::array cause_labels;
  for (const std::string& cause : household.other_causes) {
    causes.emplace_back(cause);
    cause_labels.emplace_back(Label(dictionaries, core::dict::kPovertyCause, cause));
  }
  out["village_code"] = household.village_code;
  out["group_code"] = household.group;
  out["members"] = Optional(household.declared_members);
  out["other_causes"] = std::move(causes);
  out["other_causes_labels"] = std::move(cause_labels);
  out["arable_land"] = Scaled(household.arable_land_centimu);
  out["dilapidated_house"] = household.dilapidated_house
                                 ? boost::json::value(*household.dilapidated_house)
                                 : boost::json::value(nullptr);
  out["identification_year"] = Optional(household.identification_year);
  out["exit_year"] = Optional(household.exit_year);
  out["assistance_type"] = household.assistance_type;
  out["assistance_type_label"] =
      Label(dictionaries, core::dict::kAssistanceType, household.assistance_type);
  out["identification_standard"] = household.identification_standard;
  out["identification_standard_label"] =
      Label(dictionaries, core::dict::kIdentificationStandard, household.identification_standard);
  out["bank_account"] =
      unmasked ? household.bank_account : core::MaskBankAccount(household.bank_account);
  out["created_at"] = stored.created_at;
  out["updated_at"] = stored.updated_at;
  boost::json::array people;
  for (const store::StoredPerson& member : members) {
    people.push_back(PersonJson(member, dictionaries, unmasked, today));
  }
  out["member_list"] = std::move(people);
  return out;
}

boost::json::object PersonJson(const store::StoredPerson& stored,
                               const core::DictionarySet& dictionaries, bool unmasked,
                               const core::Date& today) {
  const core::Person& person = stored.person;
  const auto label = [&](std::string_view name, const std::string& code) {
    return Label(dictionaries, name, code);
  };
  return boost::json::object{
      {"id", stored.id},
      {"household_no", person.household_no},
      {"name", person.name},
      {"id_number", Id(person.id_number, unmasked)},
      {"relation", person.relation},
      {"relation_label", label(core::dict::kRelation, person.relation)},
      {"sex", person.sex == core::Sex::kMale ? "male" : "female"},
      {"sex_label", core::SexLabel(person.sex)},
      {"birth_date", person.birth_date.ToIso()},
      {"age", core::AgeOn(person.birth_date, today)},
      {"ethnicity", person.ethnicity},
      {"ethnicity_label", label(core::dict::kEthnicity, person.ethnicity)},
      {"education", person.education},
      {"education_label", label(core::dict::kEducation, person.education)},
      {"schooling", person.schooling},
      {"schooling_label", label(core::dict::kSchooling, person.schooling)},
      {"health", person.health},
      {"health_label", label(core::dict::kHealth, person.health)},
      {"labour_skill", person.labour_skill},
      {"labour_skill_label", label(core::dict::kLabourSkill, person.labour_skill)},
      {"work_location", person.work_location},
      {"work_location_label", label(core::dict::kWorkLocation, person.work_location)},
      {"work_months", Optional(person.work_months)},
      {"phone", Phone(person.phone, unmasked)},
      {"updated_at", stored.updated_at},
  };
}

boost::json::object RegionJson(const store::Region& region, bool has_children) {
  return boost::json::object{{"code", region.code},
                             {"name", region.name},
                             {"level", std::string(core::LevelName(region.level))},
                             {"level_label", std::string(core::LevelLabel(region.level))},
                             {"has_children", has_children}};
}

}  // namespace shuanglian::api
