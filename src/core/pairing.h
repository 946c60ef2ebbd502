#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "core/dictionary.h"
#include "core/field.h"
#include "core/record_reader.h"

namespace shuanglian::core {

// What a kind of pairing joins (from the attributes of the pairing_kind dictionary).
struct PairingKindInfo {
  std::string code;
  std::string label;
  bool helper_subject = true;  // a helper, or else a unit
  std::string target;          // "village", "group", "household"
  std::string helper_kind;     // the helper kind it requires, if any
  bool enterprise_only = false;
  bool quota = false;  // counts towards the most households a cadre may hold
};
PairingKindInfo PairingKindOf(const DictionaryItem& item);

// The kinds whose active pairing covers a household.
bool CoversHousehold(const std::string& kind);

// The coverage rules of a region (set per region; the nearest ancestor's rules apply).
struct CoverageRule {
  std::int64_t max_households_per_cadre = 100;
  std::set<std::string> required_categories;  // 户属性 codes that must be covered
  bool village_needs_leader = true;
  bool village_needs_unit = true;
  bool group_needs_cadre = true;

  // Every poor category, 100 households per cadre, a leader and a unit per village, a
  // leading cadre per group: the 四个一 of the seed.
  static CoverageRule Default(const DictionarySet& dictionaries);

  // The most households a cadre may hold: 1 to 1000.
  static constexpr std::int64_t kMaxQuota = 1000;
  // Sets the categories to cover from codes or labels ("扶贫户"); answers the first name
  // the dictionary does not know, or nothing.
  std::optional<std::string> SetRequiredCategories(const std::vector<std::string>& names,
                                                   const DictionarySet& dictionaries);
  // Sets a yes/no rule by its name ("village_needs_leader"); false when there is none.
  bool SetRequirement(std::string_view name, bool value);
};

// The most households a cadre may hold for a household of `region_code`: the rule of the
// region or of its nearest ancestor in `rules`, else `fallback`.
std::int64_t QuotaAt(const std::map<std::string, CoverageRule>& rules, std::string_view region_code,
                     std::int64_t fallback);

// The columns of a helpers file (帮扶力量), in template order.
enum HelperField : int {
  kHelperName,
  kHelperKind,
  kHelperUnit,
  kHelperRank,
  kHelperTitle,
  kHelperFlags,
  kHelperPhone,
  kHelperRegion,
  kHelperFieldCount
};
std::span<const FieldSpec> HelperFields();

struct Helper {
  std::string name;
  std::string kind;
  std::string unit_name;  // resolved to a unit by the caller
  std::string rank;
  std::string title;
  std::vector<std::string> flags;
  std::string phone;
  std::string region_code;
};

Validated<Helper> ValidateHelper(const RawRecord& raw, const ValidationContext& context);

// The columns of a units file (帮扶单位).
enum UnitField : int {
  kUnitName,
  kUnitType,
  kUnitAffiliation,
  kUnitParent,
  kUnitRegion,
  kUnitAddress,
  kUnitLeader,
  kUnitPhone,
  kUnitFieldCount
};
std::span<const FieldSpec> UnitFields();

struct Unit {
  std::string name;
  std::string unit_type;
  std::string affiliation;
  std::string parent_name;
  std::string region_code;
  std::string address;
  std::string leader_name;
  std::string phone;
};

Validated<Unit> ValidateUnit(const RawRecord& raw, const ValidationContext& context);

// The columns of a pairings file: who (a helper by phone, or a unit by name) pairs with
// what (a village, a group, a household), of which kind, from when.
enum PairingField : int {
  kPairingKind,
  kPairingHelperPhone,
  kPairingUnit,
  kPairingVillage,
  kPairingGroup,
  kPairingHousehold,
  kPairingStart,
  kPairingNote,
  kPairingFieldCount
};
std::span<const FieldSpec> PairingFields();

struct PairingInput {
  std::string kind;
  std::string helper_phone;
  std::string unit_name;
  std::string village_code;
  std::string group_code;
  std::string household_no;
  Date start_date;
  std::string note;
};

Validated<PairingInput> ValidatePairing(const RawRecord& raw, const ValidationContext& context);

}  // namespace shuanglian::core
