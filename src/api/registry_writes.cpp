#include "api/registry_writes.h"

#include <boost/json.hpp>

#include "api/json_input.h"
#include "core/region_code.h"
#include "store/household_store.h"
#include "store/person_store.h"
#include "store/region_repository.h"

namespace shuanglian::api {

namespace {

core::ValidationContext ValidationFor(Context& context) {
  return core::ValidationContext{context.state().dictionaries, context.state().today(), nullptr};
}

std::vector<std::string> LabourCodes(const core::DictionarySet& dictionaries) {
  std::vector<std::string> codes;
  for (const core::DictionaryItem& item : dictionaries.Get(core::dict::kLabourSkill).items()) {
    if (item.HasFlag("labour")) {
      codes.push_back(item.code);
    }
  }
  return codes;
}

}  // namespace

core::Household HouseholdFromBody(Context& context, const std::string& household_no_from_path) {
  boost::json::object body = ParseJsonObject(context.request());
  if (!household_no_from_path.empty()) {
    body["household_no"] = household_no_from_path;  // the URL names the household
  }
  std::vector<core::FieldError> errors;
  const core::RawRecord raw = RecordFromJson(body, core::HouseholdFields(), errors);
  auto validated = core::ValidateHousehold(raw, ValidationFor(context));
  errors.insert(errors.end(), validated.errors.begin(), validated.errors.end());
  const std::string& village = validated.value.village_code;
  if (!village.empty()) {
    const auto region = store::RegionRepository(context.db()).Get(village);
    if (!region || region->level != core::RegionLevel::kVillage) {
      errors.push_back(
          {"所属村代码", "unknown_village", "所属村代码“" + village + "”不存在，请核对代码"});
    }
  }
  if (!errors.empty()) {
    ThrowValidation(errors, core::HouseholdFields());
  }
  return std::move(validated.value);
}

store::RowOutcome WriteHousehold(Context& context, const core::Household& household) {
  store::HouseholdStore households(context.db());
  const store::WriteContext write{0, context.state().now(), context.scope()};
  std::vector<std::string> created_groups;
  const std::vector<store::ImportRow<core::Household>> rows = {{0, household}};
  const auto results = households.UpsertBatch(rows, write, created_groups);
  if (results[0].outcome == store::RowOutcome::kRejected) {
    ThrowRowError(*results[0].error, core::HouseholdFields());
  }
  return results[0].outcome;
}

core::Person PersonFromBody(Context& context) {
  const boost::json::object body = ParseJsonObject(context.request());
  std::vector<core::FieldError> errors;
  const core::RawRecord raw = RecordFromJson(body, core::PersonFields(), errors);
  auto validated = core::ValidatePerson(raw, ValidationFor(context));
  errors.insert(errors.end(), validated.errors.begin(), validated.errors.end());
  if (!errors.empty()) {
    ThrowValidation(errors, core::PersonFields());
  }
  return std::move(validated.value);
}

store::RowOutcome WritePerson(Context& context, const core::Person& person) {
  store::PersonStore persons(context.db(), LabourCodes(context.state().dictionaries));
  const store::WriteContext write{0, context.state().now(), context.scope()};
  const std::vector<store::ImportRow<core::Person>> rows = {{0, person}};
  const auto results = persons.UpsertBatch(rows, write);
  if (results[0].outcome == store::RowOutcome::kRejected) {
    ThrowRowError(*results[0].error, core::PersonFields());
  }
  return results[0].outcome;
}

}  // namespace shuanglian::api
