// AnswerCache: an answer is computed once while the data stays as it was, and computed again
// after any change, whichever connection made it. Each test reads a value from the database
// through the cache; a cache that missed a change would give the value it kept.
#include "api/answer_cache.h"

#include <gtest/gtest.h>

#include "support/test_database.h"

namespace shuanglian::testing {
namespace {

class AnswerCacheTest : public ::testing::TestWithParam<TestBackend> {
 protected:
  void SetUp() override {
    SHUANGLIAN_REQUIRE_BACKEND(GetParam());
    test_database_ = std::make_unique<TestDatabase>(GetParam());
    server_ = test_database_->Open();
    server_->Execute("CREATE TABLE answers (x INTEGER)");
    server_->Execute("INSERT INTO answers (x) VALUES (1)");
  }

  // The value, through the cache, and how many times it was computed so far.
  std::string Read(api::AnswerCache& cache, const std::string& key = "x") {
    return cache
        .Get(*server_, api::AnswerKey("answers").Add(key),
             [&] {
               ++computed_;
               return api::CachedAnswer{server_->Query("SELECT x FROM answers")[0].Text(0), ""};
             })
        ->body;
  }

  std::unique_ptr<TestDatabase> test_database_;
  std::unique_ptr<store::Database> server_;
  int computed_ = 0;
};

TEST_P(AnswerCacheTest, AnAnswerIsKeptUntilAnotherConnectionChangesTheData) {
  api::AnswerCache cache;
  EXPECT_EQ(Read(cache), "1");
  EXPECT_EQ(Read(cache), "1");
  const bool keeps = GetParam() == TestBackend::kSqlite;
  EXPECT_EQ(computed_, keeps ? 1 : 2);  // PostgreSQL: never kept

  // As an import from the command line would: another connection, another process.
  test_database_->Open()->Execute("UPDATE answers SET x = 2");
  EXPECT_EQ(Read(cache), "2");
  EXPECT_EQ(Read(cache), "2");
  EXPECT_EQ(computed_, keeps ? 2 : 4);
}

TEST_P(AnswerCacheTest, AnAnswerIsKeptUntilTheSameConnectionChangesTheData) {
  api::AnswerCache cache;
  EXPECT_EQ(Read(cache), "1");
  server_->Execute("UPDATE answers SET x = 3");
  EXPECT_EQ(Read(cache), "3");
}

TEST_P(AnswerCacheTest, InsideATransactionNothingIsKeptOrGiven) {
  api::AnswerCache cache;
  EXPECT_EQ(Read(cache), "1");
  {
    store::Transaction transaction(*server_);
    server_->Execute("UPDATE answers SET x = 4");
    EXPECT_EQ(Read(cache), "4");  // its own change, not the kept answer
  }                               // rolled back
  EXPECT_EQ(Read(cache), "1");    // and the rolled-back value was not kept either
}

TEST_P(AnswerCacheTest, KeysKeepAnswersApart) {
  api::AnswerCache cache;
  EXPECT_EQ(Read(cache, "a"), "1");
  EXPECT_EQ(Read(cache, "b"), "1");
  EXPECT_EQ(computed_, 2);
  // Length-prefixed parts: ("ab", "c") and ("a", "bc") are different keys.
  EXPECT_NE(api::AnswerKey("k").Add("ab").Add("c").text(),
            api::AnswerKey("k").Add("a").Add("bc").text());
}

TEST_P(AnswerCacheTest, AFailedComputationKeepsNothing) {
  api::AnswerCache cache;
  const auto key = api::AnswerKey("answers").Add("x");
  EXPECT_THROW(
      cache.Get(*server_, key, []() -> api::CachedAnswer { throw std::runtime_error("404"); }),
      std::runtime_error);
  EXPECT_EQ(Read(cache), "1");
  EXPECT_EQ(computed_, 1);
}

std::string ParamName(const ::testing::TestParamInfo<TestBackend>& param) {
  return BackendName(param.param);
}

INSTANTIATE_TEST_SUITE_P(Backends, AnswerCacheTest,
                         ::testing::Values(TestBackend::kSqlite, TestBackend::kPostgres),
                         ParamName);

}  // namespace
}  // namespace shuanglian::testing
