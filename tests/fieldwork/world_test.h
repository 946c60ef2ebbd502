#pragma once

// A test on a fresh database of either backend holding the hand-made world of
// fieldwork_world.h.

#include <gtest/gtest.h>

#include <memory>

#include "fieldwork/fieldwork_world.h"
#include "support/test_database.h"

namespace shuanglian::testing::fw {

class WorldTest : public ::testing::TestWithParam<TestBackend> {
 protected:
  void SetUp() override {
    SHUANGLIAN_REQUIRE_BACKEND(GetParam());
    test_database_ = std::make_unique<TestDatabase>(GetParam());
    database_ = test_database_->Open();
    world_ = std::make_unique<World>(*database_);
  }

  store::Database& db() { return *database_; }
  World& world() { return *world_; }

  std::unique_ptr<TestDatabase> test_database_;
  std::unique_ptr<store::Database> database_;
  std::unique_ptr<World> world_;
};

inline std::string BackendLabel(const ::testing::TestParamInfo<TestBackend>& info) {
  return BackendName(info.param);
}

}  // namespace shuanglian::testing::fw

#define SHUANGLIAN_WORLD_SUITE(suite)                                                        \
  INSTANTIATE_TEST_SUITE_P(Backends, suite,                                                  \
                           ::testing::Values(::shuanglian::testing::TestBackend::kSqlite,    \
                                             ::shuanglian::testing::TestBackend::kPostgres), \
                           ::shuanglian::testing::fw::BackendLabel)
