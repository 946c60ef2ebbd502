// Database::DataGeneration, what kept answers (src/api/answer_cache.h) rely on: on SQLite it
// moves on after every change, by this connection or any other, and stays put otherwise; on
// PostgreSQL, where other servers write unseen, it is never given.
#include <gtest/gtest.h>

#include "store/backend_fixture.h"

namespace shuanglian::testing {
namespace {

using DataGenerationTest = BackendTest;

TEST_P(DataGenerationTest, MovesOnAfterEveryChangeByAnyConnectionAndOnlyThen) {
  db().Execute("CREATE TABLE kept (x INTEGER)");
  const auto first = db().DataGeneration();
  if (GetParam() == TestBackend::kPostgres) {
    EXPECT_FALSE(first.has_value());
    return;
  }
  ASSERT_TRUE(first.has_value());
  db().Query("SELECT count(*) FROM kept");
  EXPECT_EQ(db().DataGeneration(), first);

  // This connection's own write.
  db().Execute("INSERT INTO kept (x) VALUES (1)");
  const auto after_own = db().DataGeneration();
  ASSERT_TRUE(after_own.has_value());
  EXPECT_GT(*after_own, *first);
  EXPECT_EQ(db().DataGeneration(), after_own);

  // Another connection's (another process's looks the same to SQLite: the file changed).
  auto other = test_database().Open();
  const auto seen_by_other = other->DataGeneration();
  ASSERT_TRUE(seen_by_other.has_value());
  other->Execute("UPDATE kept SET x = 2");
  const auto after_other = db().DataGeneration();
  ASSERT_TRUE(after_other.has_value());
  EXPECT_GT(*after_other, *seen_by_other);
  EXPECT_EQ(db().DataGeneration(), after_other);
}

TEST_P(DataGenerationTest, IsNotGivenInsideATransaction) {
  store::Transaction transaction(db());
  EXPECT_FALSE(db().DataGeneration().has_value());
}

SHUANGLIAN_BACKEND_SUITE(DataGenerationTest);

}  // namespace
}  // namespace shuanglian::testing
