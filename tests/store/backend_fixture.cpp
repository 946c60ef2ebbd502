#include "store/backend_fixture.h"

#include <cstdio>

#include "core/id_number.h"
#include "core/region_code.h"
#include "store/region_repository.h"

namespace shuanglian::testing {

void BackendTest::SetUp() {
  SHUANGLIAN_REQUIRE_BACKEND(GetParam());
  test_database_ = std::make_unique<TestDatabase>(GetParam());
  database_ = test_database_->Open();
}

void BackendTest::AddVillages(const std::vector<std::string>& village_codes) {
  std::vector<store::Region> regions;
  for (const std::string& village : village_codes) {
    for (const int length : {2, 4, 6, 9, 12}) {
      const std::string code = village.substr(0, static_cast<std::size_t>(length));
      regions.push_back(
          store::Region{code, *core::LevelOfCode(code), core::ParentCode(code), "区划" + code});
    }
  }
  store::Transaction transaction(db());
  store::RegionRepository(db()).Upsert(regions, "2026-11-29T10:00:00+08:00");
  transaction.Commit();
}

std::string BackendParamName(const ::testing::TestParamInfo<TestBackend>& info) {
  return BackendName(info.param);
}

std::string MakeId(const std::string& county, const std::string& birth_yyyymmdd, int sequence) {
  char digits[8];
  std::snprintf(digits, sizeof digits, "%03d", sequence % 1000);
  std::string id = county + birth_yyyymmdd + digits;
  id.push_back(core::IdCheckCharacter(id));
  return id;
}

core::Household MakeHousehold(const std::string& number, const std::string& village,
                              const std::string& head_id, const std::string& category) {
  core::Household household;
  household.household_no = number;
  household.head_name = "王建国";
  household.head_id_number = head_id;
  household.village_code = village;
  household.category = category;
  household.declared_members = 3;
  household.per_capita_income_fen = 250000;
  return household;
}

core::Person MakePerson(const std::string& household_no, const std::string& id_number,
                        const std::string& relation, const std::string& labour_skill) {
  const auto id = core::ParseIdNumber(id_number, core::Date{2026, 11, 29});
  core::Person person;
  person.household_no = household_no;
  person.id_number = id_number;
  person.name = "王" + std::to_string(id_number.size());
  person.relation = relation;
  person.sex = id->sex;
  person.birth_date = id->birth_date;
  person.labour_skill = labour_skill;
  return person;
}

}  // namespace shuanglian::testing
