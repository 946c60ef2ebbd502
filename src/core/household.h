#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "core/field.h"
#include "core/record_reader.h"

namespace shuanglian::core {

// The columns of a household file, in template order.
enum HouseholdField : int {
  kHouseholdNo,
  kHeadName,
  kHeadIdNumber,
  kVillageCode,
  kGroup,
  kDeclaredMembers,
  kHouseholdPhone,
  kCategory,
  kMainCause,
  kOtherCauses,
  kPerCapitaIncome,
  kArableLand,
  kDilapidatedHouse,
  kIdentificationYear,
  kExitStatus,
  kExitYear,
  kAssistanceType,
  kIdentificationStandard,
  kBankAccount,
  kHouseholdFieldCount
};

std::span<const FieldSpec> HouseholdFields();

// A household of the registry (建档立卡户), as validated from a row or a form.
struct Household {
  std::string household_no;
  std::string head_name;
  std::string head_id_number;
  std::string village_code;
  std::string group;  // a 15-digit group code, or a group's name within the village
  std::optional<std::int64_t> declared_members;
  std::string phone;
  std::string category;
  std::string main_cause;
  std::vector<std::string> other_causes;
  std::optional<std::int64_t> per_capita_income_fen;
  std::optional<std::int64_t> arable_land_centimu;  // 亩 × 100
  std::optional<bool> dilapidated_house;
  std::optional<std::int64_t> identification_year;
  std::string exit_status;
  std::optional<std::int64_t> exit_year;
  std::string assistance_type;
  std::string identification_standard;
  std::string bank_account;

  bool operator==(const Household&) const = default;
};

// Checks every field and the rules between them. Whether the household number or the
// head's ID is already used elsewhere is for the caller, which sees the whole registry.
Validated<Household> ValidateHousehold(const RawRecord& raw, const ValidationContext& context);

// The household as a RawRecord of display values: the inverse of ValidateHousehold, used
// by exports and the error report.
RawRecord HouseholdToRecord(const Household& household, const DictionarySet& dictionaries);

}  // namespace shuanglian::core
