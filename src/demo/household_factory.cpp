#include "demo/household_factory.h"

namespace shuanglian::demo {

namespace {

const std::vector<std::string> kCauses = {"illness",     "disability", "education",
                                          "disaster",    "lack_skill", "lack_capital",
                                          "lack_labour", "lack_water", "poor_transport"};
const std::vector<int> kCauseWeights = {25, 10, 8, 5, 15, 15, 10, 7, 5};

}  // namespace

std::string GroupName(int number) {
  static const char* kDigits[] = {"", "一", "二", "三", "四", "五", "六", "七", "八", "九"};
  std::string name;
  if (number >= 20) {
    name += kDigits[number / 10];
  }
  if (number >= 10) {
    name += "十";
  }
  name += kDigits[number % 10];
  return name + "组";
}

HouseholdFactory::HouseholdFactory(PeopleGenerator& people, const core::DictionarySet& dictionaries,
                                   int identification_year)
    : people_(people), dictionaries_(dictionaries), identification_year_(identification_year) {}

bool HouseholdFactory::IsPoor(const std::string& category) const {
  const core::DictionaryItem* item =
      dictionaries_.Get(core::dict::kHouseholdCategory).FindCode(category);
  return item != nullptr && item->HasFlag("poor");
}

GeneratedHousehold HouseholdFactory::Make(const std::string& household_no,
                                          const std::string& village_code, const std::string& group,
                                          const std::string& category, int members,
                                          const std::string& head_name) {
  Random& random = people_.random();
  GeneratedHousehold generated;
  const HouseholdShape shape =
      category == "five_guarantee" ? HouseholdShape::kElderlyAlone : HouseholdShape::kFamily;
  generated.members =
      people_.Members(household_no, village_code.substr(0, 6), members, shape, head_name);
  core::Household& household = generated.household;
  const core::Person& head = generated.members.front();
  household.household_no = household_no;
  household.head_name = head.name;
  household.head_id_number = head.id_number;
  household.village_code = village_code;
  household.group = group;
  household.declared_members = members;
  household.phone = head.phone;
  household.category = category;
  household.identification_year = identification_year_;
  household.arable_land_centimu = static_cast<std::int64_t>(members) * random.Between(80, 260);
  if (IsPoor(category)) {
    household.main_cause = kCauses[random.Weighted(kCauseWeights)];
    if (random.Chance(0.4)) {
      const std::string other = kCauses[random.Weighted(kCauseWeights)];
      if (other != household.main_cause) {
        household.other_causes.push_back(other);
      }
    }
    household.per_capita_income_fen = random.Between(900, 2550) * 100;
    household.dilapidated_house = random.Chance(0.2);
    household.exit_status = "not_exited";
    household.identification_standard = "national";
    const bool relief = category == "five_guarantee" || category == "subsistence";
    household.assistance_type = relief ? "relief" : "development";
    if (random.Chance(0.6)) {
      household.bank_account = people_.BankAccount();
    }
  } else {
    household.per_capita_income_fen = random.Between(2800, 9800) * 100;
    household.dilapidated_house = random.Chance(0.04);
  }
  return generated;
}

}  // namespace shuanglian::demo
