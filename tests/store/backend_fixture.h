#pragma once

#include <gtest/gtest.h>

#include <memory>
#include <string>

#include "core/date.h"
#include "core/household.h"
#include "core/person.h"
#include "store/database.h"
#include "support/test_database.h"

namespace shuanglian::testing {

// Every store test runs once per backend: SQLite and PostgreSQL.
class BackendTest : public ::testing::TestWithParam<TestBackend> {
 protected:
  void SetUp() override;

  store::Database& db() { return *database_; }
  const TestDatabase& test_database() const { return *test_database_; }

  // A province, city, county, township and the given villages, as the region tree needs.
  void AddVillages(const std::vector<std::string>& village_codes);

  std::unique_ptr<TestDatabase> test_database_;
  std::unique_ptr<store::Database> database_;
};

std::string BackendParamName(const ::testing::TestParamInfo<TestBackend>& info);

// A valid ID number for a birth date and a sequence (odd: man, even: woman).
std::string MakeId(const std::string& county, const std::string& birth_yyyymmdd, int sequence);

core::Household MakeHousehold(const std::string& number, const std::string& village,
                              const std::string& head_id, const std::string& category = "poverty");
core::Person MakePerson(const std::string& household_no, const std::string& id_number,
                        const std::string& relation, const std::string& labour_skill = "ordinary");

}  // namespace shuanglian::testing

#define SHUANGLIAN_BACKEND_SUITE(suite)                                                      \
  INSTANTIATE_TEST_SUITE_P(Backends, suite,                                                  \
                           ::testing::Values(::shuanglian::testing::TestBackend::kSqlite,    \
                                             ::shuanglian::testing::TestBackend::kPostgres), \
                           ::shuanglian::testing::BackendParamName)
