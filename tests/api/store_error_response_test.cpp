// StoreErrorResponse: a constraint error no handler foresaw reaches the user as what it is.
// The errors are the backends' own, raised by real statements: their texts are what the
// answer is told apart by.
#include <gtest/gtest.h>

#include <boost/json.hpp>

#include "api/api.h"
#include "support/test_database.h"

namespace shuanglian::testing {
namespace {

class StoreErrorResponseTest : public ::testing::TestWithParam<TestBackend> {
 protected:
  void SetUp() override {
    SHUANGLIAN_REQUIRE_BACKEND(GetParam());
    test_database_ = std::make_unique<TestDatabase>(GetParam());
    database_ = test_database_->Open();
  }

  // The error `sql` raises, answered.
  api::Response AnswerTo(const std::string& sql) {
    try {
      database_->Execute(sql);
    } catch (const store::StoreError& error) {
      EXPECT_EQ(error.kind(), store::StoreError::Kind::kConstraint) << error.what();
      return api::StoreErrorResponse(error);
    }
    ADD_FAILURE() << "no error from " << sql;
    return {};
  }

  static std::string Message(const api::Response& response) {
    return std::string(
        boost::json::parse(response.body).at("error").at("message").as_string().c_str());
  }

  std::unique_ptr<TestDatabase> test_database_;
  std::unique_ptr<store::Database> database_;
};

// Regression: src/api/api.cpp answered every constraint error "与已有记录冲突", a record
// referring to one deleted meanwhile (a foreign key, SQLSTATE 23503) included, as if it
// were a duplicate.
TEST_P(StoreErrorResponseTest, AForeignKeyBrokenIsNotCalledADuplicate) {
  const api::Response response = AnswerTo(
      "INSERT INTO sessions (token_hash, user_id, csrf_token, created_at, expires_at, "
      "last_seen_at) VALUES ('t', 987654321, 'c', 0, 0, 0)");
  EXPECT_EQ(response.status, 409);
  EXPECT_EQ(Message(response), "所引用的记录已被他人删除或修改，请刷新后重试");
  EXPECT_EQ(response.body.find("sessions"), std::string::npos) << "no SQL to the client";
}

TEST_P(StoreErrorResponseTest, AKeyTakenIsAConflictWithAnExistingRecord) {
  const api::Response response = AnswerTo(
      "INSERT INTO roles (code, label, scope, read_only, sees_personal_data, "
      "permissions) SELECT code, label, scope, read_only, sees_personal_data, "
      "permissions FROM roles WHERE code = 'admin'");
  EXPECT_EQ(response.status, 409);
  EXPECT_EQ(Message(response), "与已有记录冲突");
}

std::string ParamName(const ::testing::TestParamInfo<TestBackend>& param) {
  return BackendName(param.param);
}

INSTANTIATE_TEST_SUITE_P(Backends, StoreErrorResponseTest,
                         ::testing::Values(TestBackend::kSqlite, TestBackend::kPostgres),
                         ParamName);

}  // namespace
}  // namespace shuanglian::testing
