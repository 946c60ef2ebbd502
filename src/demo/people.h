#pragma once

#include <cstdint>
#include <string>
#include <unordered_map>
#include <vector>

#include "core/date.h"
#include "core/household.h"
#include "core/id_number.h"
#include "core/person.h"
#include "demo/random.h"

namespace shuanglian::demo {

// Kinds of household the generator knows how to compose.
enum class HouseholdShape {
  kFamily,        // a couple, children, perhaps parents or grandchildren
  kElderlyAlone,  // 五保户: one old person, rarely two
};

// Makes plausible rural Gansu people: common surnames, given names, ages that fit their
// relation to the head, and valid ID numbers (unique within one generator) whose address
// code is the county of their village and whose birth date and sex agree with the person.
class PeopleGenerator {
 public:
  PeopleGenerator(std::uint64_t seed, core::Date reference_date);

  // `count` members, the head first. `head_name` replaces the drawn head's name when given.
  std::vector<core::Person> Members(const std::string& household_no, const std::string& county_code,
                                    int count, HouseholdShape shape,
                                    const std::string& head_name = "");

  std::string MobilePhone();
  // A name for someone outside a household: a cadre, a leader.
  std::string FullName(core::Sex sex) { return Surname() + GivenName(sex); }
  std::string BankAccount();
  Random& random() { return random_; }

 private:
  core::Person MakePerson(const std::string& household_no, const std::string& county_code,
                          const std::string& relation, core::Sex sex, int age,
                          const std::string& surname);
  std::string GivenName(core::Sex sex);
  std::string Surname();
  std::string IdNumber(const std::string& county_code, const core::Date& birth, core::Sex sex);
  void FillAttributes(core::Person& person, int age);

  Random random_;
  core::Date reference_date_;
  // Next free sequence per (county, birth date): ID numbers never collide.
  std::unordered_map<std::uint64_t, int> next_sequence_;
};

}  // namespace shuanglian::demo
