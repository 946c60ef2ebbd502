#pragma once

#include <string>
#include <vector>

#include "core/dictionary.h"
#include "core/household.h"
#include "core/person.h"
#include "demo/people.h"

namespace shuanglian::demo {

struct GeneratedHousehold {
  core::Household household;
  std::vector<core::Person> members;
};

// Dresses a household for its category: a poor household has a poverty cause, an income
// under the year's line and often a subsidy account; a 五保户 is an old person alone.
class HouseholdFactory {
 public:
  HouseholdFactory(PeopleGenerator& people, const core::DictionarySet& dictionaries,
                   int identification_year);

  GeneratedHousehold Make(const std::string& household_no, const std::string& village_code,
                          const std::string& group, const std::string& category, int members,
                          const std::string& head_name = "");

 private:
  bool IsPoor(const std::string& category) const;

  PeopleGenerator& people_;
  const core::DictionarySet& dictionaries_;
  int identification_year_;
};

// "一组", "二组" ... "二十三组": the names villager groups go by.
std::string GroupName(int number);

}  // namespace shuanglian::demo
