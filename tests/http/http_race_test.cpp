// Requests that run at once (the review of the API on PostgreSQL): a handler that reads,
// checks and then writes must give the answer it gives when the requests come one after the
// other, on both backends. On SQLite every write transaction begins with BEGIN IMMEDIATE, so
// writers take turns; on PostgreSQL (READ COMMITTED) nothing orders them, and what one
// request has written is invisible to another until it commits.
//
// Each race is made to happen every time, not by luck. On PostgreSQL the test holds the
// audit log (LOCK TABLE audit_log IN SHARE MODE: reads pass, inserts wait). Every change
// writes its audit entry last, in its own transaction (docs/server.md), so a request is held
// there with its writes done and uncommitted; the second request is sent then, and the hold
// is released only once the database shows the second one blocked where the race happens
// (pg_stat_activity), i.e. past its own check. On SQLite the requests are simply sent
// together: they take turns whatever the timing.
//
// Nothing before a race reads personal data unmasked through the API when it can be helped:
// such reads are audited by a background writer (0.2 s later) that the hold would block too,
// and a blocked background write must not be mistaken for a held request.

#include <gtest/gtest.h>

#include <algorithm>
#include <future>
#include <set>

#include "http/http_fixture.h"
#include "support/lock_waits.h"
#include "support/test_database.h"

namespace shuanglian::testing {
namespace {

using Mode = ApiSession::Mode;

class HttpRaceTest : public ::testing::TestWithParam<TestBackend> {
 protected:
  void SetUp() override {
    SHUANGLIAN_REQUIRE_BACKEND(GetParam());
    if (postgres()) {
      database_ = std::make_unique<TestDatabase>(TestBackend::kPostgres);
      registry_ = DemoRegistry::BuildOn(database_->target());
    } else {
      registry_ = DemoRegistry::Copy();
    }
    server_ = std::make_unique<ServerProcess>(ServerProcess::Options{registry_->db(), "", ""});
    observer_ = store::OpenDatabase(registry_->db());
  }

  void TearDown() override {
    hold_.reset();
    observer_.reset();
    server_.reset();
  }

  bool postgres() const { return GetParam() == TestBackend::kPostgres; }

  ApiSession SignIn(const std::string& username) {
    return ApiSession::SignIn(server_->port(), username, registry_->Password(username));
  }

  // PostgreSQL: from now on, every change of the server waits before its commit.
  void Hold() {
    if (!postgres()) {
      return;
    }
    hold_ = store::OpenDatabase(registry_->db());
    hold_->Begin();
    hold_->Execute("LOCK TABLE audit_log IN SHARE MODE");
  }

  void Release() {
    if (hold_) {
      hold_->Rollback();
      hold_.reset();
    }
  }

  // PostgreSQL: waits until `count` server connections wait for a lock in a statement that
  // starts with `statement` (any, when empty). Nothing to wait for on SQLite.
  ::testing::AssertionResult Blocked(int count, const std::string& statement = "") {
    if (!postgres()) {
      return ::testing::AssertionSuccess();
    }
    std::int64_t found = 0;
    const bool reached = Eventually(
        [&] {
          found = SessionsWaitingForALock(*observer_, statement);
          return found >= count;
        },
        std::chrono::seconds(60));
    if (reached) {
      return ::testing::AssertionSuccess();
    }
    return ::testing::AssertionFailure()
           << count << " request(s) should be blocked at \"" << statement << "\"; found " << found;
  }

  // Waits until the background writer has audited the unmasked reads of `key`, so that it
  // has nothing left to write that a hold could block.
  void AwaitReadAudit(const std::string& key) {
    ASSERT_TRUE(Eventually(
        [&] {
          return observer_
                     ->Query(
                         "SELECT count(*) FROM audit_log WHERE action = 'read_personal' AND "
                         "entity_key LIKE $1",
                         {"%" + key + "%"})[0]
                     .Int(0) > 0;
        },
        std::chrono::seconds(10)));
  }

  std::int64_t Count(const std::string& sql, std::initializer_list<store::Param> params = {}) {
    return observer_->Query(sql, params)[0].Int(0);
  }

  static std::future<HttpResponse> Send(const ApiSession& session, const std::string& method,
                                        const std::string& path, const std::string& body = "") {
    return std::async(std::launch::async,
                      [&session, method, path, body] { return session.Send(method, path, body); });
  }

  // The two answers, the one with status `first` first; a test failure when they are not one
  // of each.
  static std::pair<HttpResponse, HttpResponse> OneOfEach(HttpResponse a, HttpResponse b, int first,
                                                         int second) {
    if (a.status != first) {
      std::swap(a, b);
    }
    EXPECT_EQ(a.status, first) << a.Describe() << "\n" << b.Describe();
    EXPECT_EQ(b.status, second) << a.Describe() << "\n" << b.Describe();
    return {std::move(a), std::move(b)};
  }

  std::unique_ptr<TestDatabase> database_;  // PostgreSQL only; dropped last
  std::unique_ptr<DemoRegistry> registry_;
  std::unique_ptr<ServerProcess> server_;
  std::unique_ptr<store::Database> observer_;  // the test's own connection, outside the server
  std::unique_ptr<store::Database> hold_;
};

// Regression: src/api/auth_handlers.cpp read the failure count, checked the password, and
// wrote back the count read plus one. On PostgreSQL 16 parallel wrong passwords were all
// checked and counted as one (failed_attempts 4, no lock); SQLite answered 3 × 401, then 429.
TEST_P(HttpRaceTest, ParallelWrongPasswordsAreEachCounted) {
  const std::string wrong =
      Serialize(boost::json::object{{"username", kLockVictim}, {"password", "Wrong-guess-1"}});
  const ApiSession anonymous(server_->port());
  Hold();
  std::vector<std::future<HttpResponse>> attempts;
  for (int attempt = 0; attempt < 3; ++attempt) {
    attempts.push_back(Send(anonymous, "POST", "/auth/login", wrong));
  }
  // One at its audit entry, two at the account (before the fix: at the count they had read).
  ASSERT_TRUE(Blocked(3));
  Release();
  std::multiset<std::int64_t> left;
  for (auto& attempt : attempts) {
    const HttpResponse refused = attempt.get();
    ASSERT_TRUE(IsError(refused, 401, "bad_credentials")) << refused.Describe();
    left.insert(Int(JsonOf(refused).at("error").at("details"), "attempts_left"));
  }
  // Each failure counted, each told how many are left, as when they come one by one.
  EXPECT_EQ(left, (std::multiset<std::int64_t>{2, 3, 4}));
  EXPECT_EQ(Count("SELECT failed_attempts FROM users WHERE username = $1", {kLockVictim}), 3);
}

// Regression: src/api/household_handlers.cpp checked for the 户编号, then wrote through the
// import's upsert. On PostgreSQL both of two parallel creations answered 201, the second
// overwrote the first and the audit log held two `create` entries; SQLite: 409.
TEST_P(HttpRaceTest, OneHouseholdCreatedTwiceAtOnceIsCreatedOnce) {
  const ApiSession office = SignIn(kGancaodianOffice);
  const ApiSession admin = SignIn(kAdmin);
  const std::string number = "T-RACE-HH-1";
  Hold();
  auto first = Send(office, "POST", "/households",
                    Serialize(HouseholdBody(number, "先建甲", ValidId("620123", "19800101", 981))));
  ASSERT_TRUE(Blocked(1, "INSERT INTO audit_log"));
  auto second =
      Send(admin, "POST", "/households",
           Serialize(HouseholdBody(number, "后建乙", ValidId("620123", "19810202", 983))));
  ASSERT_TRUE(Blocked(1, "INSERT INTO households"));
  Release();
  const auto [created, refused] = OneOfEach(first.get(), second.get(), 201, 409);
  // The household is the one created, untouched by the refused request, and created once.
  const std::string head = Text(JsonOf(created), "head_name");
  EXPECT_EQ(Count("SELECT count(*) FROM households WHERE household_no = $1 AND head_name = $2",
                  {number, head}),
            1);
  EXPECT_EQ(
      Count("SELECT count(*) FROM audit_log WHERE action = 'create' AND entity_key = $1", {number}),
      1);
  ASSERT_TRUE(IsError(refused, 409, "duplicate"));
  EXPECT_EQ(Text(JsonOf(refused).at("error"), "message"), "户编号“" + number + "”已存在");
  EXPECT_EQ(DetailFields(refused), std::set<std::string>{"household_no"});
}

// Regression: src/api/person_handlers.cpp checked for the ID number, then wrote through the
// import's upsert by ID number. On PostgreSQL both parallel creations answered 201 and the
// person was moved into the second household; SQLite: 409.
TEST_P(HttpRaceTest, OnePersonRegisteredTwiceAtOnceIsRegisteredOnce) {
  const ApiSession office = SignIn(kGancaodianOffice);
  const ApiSession admin = SignIn(kAdmin);
  // Two households of the demo, read here rather than through the API (see the top).
  std::vector<std::string> households;
  for (const store::RowView row :
       observer_->Query("SELECT household_no FROM households WHERE household_no LIKE $1 ORDER "
                        "BY household_no LIMIT 2",
                        {std::string(kGancaodianVillage) + "%"})) {
    households.push_back(row.Text(0));
  }
  ASSERT_EQ(households.size(), 2u);
  const std::string id = ValidId("620123", "19990309", 987);
  ASSERT_EQ(Count("SELECT count(*) FROM persons WHERE id_number = $1", {id}), 0);
  Hold();
  auto first =
      Send(office, "POST", "/persons", Serialize(PersonBody(households[0], "并行丙", id, "之子")));
  ASSERT_TRUE(Blocked(1, "INSERT INTO audit_log"));
  auto second =
      Send(admin, "POST", "/persons", Serialize(PersonBody(households[1], "并行丙", id, "之子")));
  ASSERT_TRUE(Blocked(1, "INSERT INTO persons"));
  Release();
  const auto [created, refused] = OneOfEach(first.get(), second.get(), 201, 409);
  // Registered once, in the household of the answer that said so, not moved.
  const std::string household = Text(JsonOf(created), "household_no");
  EXPECT_EQ(Count("SELECT count(*) FROM persons p JOIN households h ON h.id = p.household_id "
                  "WHERE p.id_number = $1 AND h.household_no = $2",
                  {id, household}),
            1);
  EXPECT_EQ(Count("SELECT count(*) FROM persons WHERE id_number = $1", {id}), 1);
  ASSERT_TRUE(IsError(refused, 409, "duplicate"));
  EXPECT_EQ(Text(JsonOf(refused).at("error"), "message"),
            "证件号码 " + id.substr(0, 6) + "********" + id.substr(14) + " 已登记");
  EXPECT_EQ(DetailFields(refused), std::set<std::string>{"id_number"});
}

// Regression: on PostgreSQL two parallel POST /users with one username answered 409 "与已有
// 记录冲突" (the unique index, mapped in src/api/api.cpp) where SQLite, and a sequential
// request, say 用户名“…”已存在.
TEST_P(HttpRaceTest, OneUsernameCreatedTwiceAtOnceIsTakenAsWhenSequential) {
  const ApiSession admin = SignIn(kAdmin);
  const std::string body = Serialize(boost::json::object{{"username", "t-race-user"},
                                                         {"role", "office"},
                                                         {"region_code", kGancaodian},
                                                         {"password", kExtraPassword}});
  Hold();
  auto first = Send(admin, "POST", "/users", body);
  ASSERT_TRUE(Blocked(1, "INSERT INTO audit_log"));
  auto second = Send(admin, "POST", "/users", body);
  ASSERT_TRUE(Blocked(1, "INSERT INTO users"));
  Release();
  const auto [created, refused] = OneOfEach(first.get(), second.get(), 201, 409);
  ASSERT_TRUE(IsError(refused, 409, "duplicate")) << refused.Describe();
  EXPECT_EQ(Text(JsonOf(refused).at("error"), "message"), "用户名“t-race-user”已存在");
  EXPECT_EQ(DetailFields(refused), std::set<std::string>{"username"});
  EXPECT_EQ(Count("SELECT count(*) FROM users WHERE username = 't-race-user'"), 1);
}

// Regression: a person added to a household another request was deleting broke the foreign
// key on PostgreSQL and was answered 409 "与已有记录冲突", as if a duplicate; a request after
// the deletion is told 户“…”不存在.
TEST_P(HttpRaceTest, APersonAddedToAHouseholdBeingDeletedFindsNoHousehold) {
  const ApiSession office = SignIn(kGancaodianOffice);
  const std::string number = "T-RACE-FK-1";
  const HttpResponse household =
      office.Post("/households",
                  Serialize(HouseholdBody(number, "将删丁", ValidId("620123", "19750505", 985))));
  ASSERT_EQ(household.status, 201) << household.Describe();
  AwaitReadAudit(number);
  const std::string person =
      Serialize(PersonBody(number, "新增戊", ValidId("620123", "20010101", 989), "之子"));
  Hold();
  auto deleted = Send(office, "DELETE", "/households/" + number);
  if (!postgres()) {
    // SQLite: the deletion first, as the hold orders them on PostgreSQL.
    deleted.wait();
  }
  ASSERT_TRUE(Blocked(1, "INSERT INTO audit_log"));
  auto added = Send(office, "POST", "/persons", person);
  ASSERT_TRUE(Blocked(1, "INSERT INTO persons"));
  Release();
  const HttpResponse deleted_answer = deleted.get();
  EXPECT_EQ(deleted_answer.status, 204) << deleted_answer.Describe();
  const HttpResponse refused = added.get();
  ASSERT_TRUE(IsError(refused, 404, "not_found")) << refused.Describe();
  EXPECT_EQ(Text(JsonOf(refused).at("error"), "message"),
            "户“" + number + "”不存在或不在您的管理范围内");
  EXPECT_EQ(Count("SELECT count(*) FROM persons WHERE name = '新增戊'"), 0);
}

// Regression: src/api/coverage_handlers.cpp planned, compared the plan with the reviewed one
// and applied it, nothing between. On PostgreSQL two users applying one plan both got 200 and
// 2,096 households were paired twice; SQLite: the second is told the plan changed (409).
TEST_P(HttpRaceTest, OnePlanAppliedTwiceAtOnceIsAppliedOnce) {
  const ApiSession office = SignIn(kGancaodianOffice);
  const ApiSession admin = SignIn(kAdmin);
  const HttpResponse proposal = office.Get(std::string("/assignment?region=") + kGancaodian);
  ASSERT_EQ(proposal.status, 200) << proposal.Describe();
  const std::string plan_id = Text(JsonOf(proposal), "plan_id");
  const std::string body =
      Serialize(boost::json::object{{"region", kGancaodian}, {"plan_id", plan_id}});
  const std::string paired_twice =
      "SELECT count(*) FROM (SELECT household_id FROM pairings WHERE end_date IS NULL AND "
      "household_id IS NOT NULL GROUP BY household_id HAVING count(*) > 1) twice";
  ASSERT_EQ(Count(paired_twice), 0);
  const std::int64_t before = Count("SELECT count(*) FROM pairings");
  Hold();
  auto first = Send(office, "POST", "/assignment", body);
  ASSERT_TRUE(Blocked(1, "INSERT INTO audit_log"));
  auto second = Send(admin, "POST", "/assignment", body);
  // At the audit chain (before the fix: planned and applied already) or at the assignment
  // lock (before planning).
  ASSERT_TRUE(Blocked(2));
  Release();
  const auto [applied, refused] = OneOfEach(first.get(), second.get(), 200, 409);
  EXPECT_TRUE(IsError(refused, 409, "plan_changed")) << refused.Describe();
  EXPECT_GT(Count("SELECT count(*) FROM pairings"), before);
  EXPECT_EQ(Count(paired_twice), 0) << "households paired twice";
}

// The same server, for what one request sends.
class HttpUrlTextTest : public HttpRaceTest {};

// Regression: src/api/request.cpp percent-decoded the URL into any bytes. On PostgreSQL bytes
// that are not UTF-8, or a NUL, failed the query: 500 (invalid byte sequence for encoding
// "UTF8"); SQLite answered 200, and its 404 echoed the raw byte into the JSON.
TEST_P(HttpUrlTextTest, TextThatIsNotUtf8IsRefusedNamingTheParameter) {
  const ApiSession office = SignIn(kGancaodianOffice);
  const std::vector<std::pair<std::string, std::string>> cases = {
      {"/households?q=%FF", "q"},           {"/households?q=%E6%B3", "q"},
      {"/households?q=a%00b", "q"},         {"/persons?q=%FF", "q"},
      {"/regions?search=%C0%AF", "search"}, {"/households/export?format=csv&q=%FF", "q"},
      {"/households?%FF=1", "query"},       {"/households/%FF", "path"},
      {"/households/620123%00", "path"},
  };
  for (const auto& [path, field] : cases) {
    const HttpResponse refused = office.Get(path);
    EXPECT_TRUE(IsError(refused, 400, "bad_parameter")) << path << "\n" << refused.Describe();
    EXPECT_EQ(DetailFields(refused), std::set<std::string>{field}) << path;
    if (field != "path" && field != "query") {
      EXPECT_NE(Text(JsonOf(refused).at("error"), "message").find("参数 " + field),
                std::string::npos)
          << path << "\n"
          << refused.Describe();
    }
  }
  // Sound text still passes.
  EXPECT_EQ(office.Get("/households?q=" + UrlEncode("甘草")).status, 200);
}

std::string ParamName(const ::testing::TestParamInfo<TestBackend>& param) {
  return BackendName(param.param);
}

INSTANTIATE_TEST_SUITE_P(Backends, HttpRaceTest,
                         ::testing::Values(TestBackend::kSqlite, TestBackend::kPostgres),
                         ParamName);
INSTANTIATE_TEST_SUITE_P(Backends, HttpUrlTextTest,
                         ::testing::Values(TestBackend::kSqlite, TestBackend::kPostgres),
                         ParamName);

}  // namespace
}  // namespace shuanglian::testing
