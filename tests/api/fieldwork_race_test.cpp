// Field records written by two requests at once, through the API's own dispatcher (api::Api,
// the one the HTTP server calls) on two connections, on both backends: the edits of one
// version from the phone and from the web page, and an upload retried while the first is
// still being written. Each pair answers as the same two requests one after the other would:
// one edit stored and the other a 409 version_conflict; one record created (201, or "created"
// in /sync) and the retry unchanged (200, "unchanged"), with one audit entry and one count.
//
// The requests are held at the same place deterministically: a third connection holds the
// record (PostgreSQL: its row, or its UUID inserted and not yet committed; SQLite: the write
// lock) until the server shows both requests waiting for it (PostgreSQL; on SQLite their
// BEGIN IMMEDIATE waits, unseen), then lets go.
#include <gtest/gtest.h>

#include <algorithm>
#include <atomic>
#include <boost/json.hpp>
#include <chrono>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "api/api.h"
#include "api/context.h"
#include "fieldwork/fieldwork_world.h"
#include "store/reference_data.h"
#include "store/sha256.h"
#include "store/user_repository.h"
#include "support/lock_waits.h"
#include "support/test_database.h"

namespace shuanglian::testing {
namespace {

constexpr std::int64_t kUnixNow = 1341028800;  // 2012-06-30T12:00:00+08:00
constexpr const char* kPhoneToken = "token-of-the-phone";
constexpr const char* kWebToken = "token-of-the-web-page";

struct Answer {
  int status = 0;
  boost::json::value body;
};

class FieldworkRaceApiTest : public ::testing::TestWithParam<TestBackend> {
 protected:
  void SetUp() override {
    SHUANGLIAN_REQUIRE_BACKEND(GetParam());
    test_database_ = std::make_unique<TestDatabase>(GetParam());
    database_ = test_database_->Open();
    world_ = std::make_unique<fw::World>(*database_);
    state_.dictionaries = store::LoadDictionaries(*database_);
    state_.roles = store::UserRepository(*database_).Roles();
    state_.today = [] { return fw::Day("2012-06-30"); };
    state_.now = [] { return std::string("2012-06-30T12:00:00+08:00"); };
    state_.unix_time = [] { return kUnixNow; };
    // Cadre A, signed in on the phone and on the web page: two sessions, seen just now (a
    // session seen long ago is touched by its next request, a write of its own).
    store::Transaction transaction(*database_);
    store::UserRepository users(*database_);
    store::User user;
    user.username = "cadre-a";
    user.display_name = "甲干部";
    user.role = "cadre";
    user.helper_id = world_->a;
    user.password_hash = "unused";
    users.Create(user, "2012-01-05T08:00:00+08:00");
    const std::int64_t user_id = users.ByName("cadre-a")->id;
    for (const char* token : {kPhoneToken, kWebToken}) {
      users.CreateSession(
          store::Session{store::Sha256Hex(token), user_id, "csrf", kUnixNow + 3600, kUnixNow},
          kUnixNow);
    }
    transaction.Commit();
    api_ = std::make_unique<api::Api>(state_);
  }

  Answer Send(store::Database& database, const std::string& token, const std::string& method,
              const std::string& path, const std::string& body) {
    api::Request request;
    request.method = method;
    request.path = path;
    request.headers["authorization"] = "Bearer " + token;
    request.headers["content-type"] =
        path == "/api/v1/sync" ? "application/x-ndjson" : "application/json";
    request.body = body;
    request.remote_address = "127.0.0.1";
    const api::Response response = api_->Handle(request, database, nullptr);
    boost::system::error_code error;
    Answer answer{response.status, boost::json::parse(response.body, error)};
    EXPECT_FALSE(error) << response.body;
    return answer;
  }

  struct Call {
    std::string token;
    std::string method;
    std::string path;
    std::string body;
  };

  // `hold` runs on a connection of its own in a transaction kept open while both calls are
  // sent, each on its own connection, in a thread of its own; once both wait for it (as the
  // server shows on PostgreSQL), it is rolled back and the calls finish.
  std::vector<Answer> SendBothWhileHeld(const std::function<void(store::Database&)>& hold,
                                        const Call& first, const Call& second) {
    std::unique_ptr<store::Database> holder = test_database_->Open();
    std::unique_ptr<store::Database> monitor =
        GetParam() == TestBackend::kPostgres ? test_database_->Open() : nullptr;
    std::vector<std::unique_ptr<store::Database>> connections;
    connections.push_back(test_database_->Open());
    connections.push_back(test_database_->Open());
    std::vector<Answer> answers(2);
    std::atomic<int> finished{0};
    // Declared before the held transaction, whose rollback (it is destroyed first) then lets
    // the calls finish should anything below fail.
    std::vector<std::jthread> threads;
    std::optional<store::Transaction> held;
    held.emplace(*holder);
    hold(*holder);
    for (std::size_t index = 0; index < 2; ++index) {
      const Call& call = index == 0 ? first : second;
      threads.emplace_back([&, index, call] {
        answers[index] = Send(*connections[index], call.token, call.method, call.path, call.body);
        ++finished;
      });
    }
    if (monitor != nullptr &&
        !AwaitSessionsWaitingForALock(
            *monitor, [&] { return std::int64_t{2} - finished; }, [&] { return finished == 2; })) {
      ADD_FAILURE() << "the requests neither waited for the held record nor finished";
    }
    held.reset();  // rolled back: nothing of the holder's is kept
    for (std::jthread& thread : threads) {
      thread.join();
    }
    return answers;
  }

  std::int64_t AuditEntries(const std::string& action, const std::string& entity,
                            const std::string& key) {
    return database_
        ->Query(
            "SELECT count(*) FROM audit_log WHERE action = $1 AND entity = $2 AND entity_key = $3",
            {action, entity, key})[0]
        .Int(0);
  }

  std::unique_ptr<TestDatabase> test_database_;
  std::unique_ptr<store::Database> database_;
  std::unique_ptr<fw::World> world_;
  api::ServerState state_;
  std::unique_ptr<api::Api> api_;
};

std::string Text(const boost::json::value& value) {
  return boost::json::serialize(value);
}

TEST_P(FieldworkRaceApiTest, TwoEditsOfOneVersionAtOnceStoreOneAndAnswerTheOther409) {
  const Answer created = Send(*database_, kPhoneToken, "POST", "/api/v1/diary",
                              Text(boost::json::object{{"client_uuid", "d-1"},
                                                       {"day", "2012-03-01"},
                                                       {"village_code", fw::kVillage},
                                                       {"text", "初稿。"}}));
  ASSERT_EQ(created.status, 201) << Text(created.body);
  const auto edit = [](const std::string& token, const std::string& text) {
    return Call{token, "PUT", "/api/v1/diary/d-1",
                Text(boost::json::object{{"version", 1},
                                         {"day", "2012-03-01"},
                                         {"village_code", fw::kVillage},
                                         {"text", text}})};
  };
  const std::vector<Answer> answers = SendBothWhileHeld(
      [](store::Database& holder) {
        holder.Execute("UPDATE diary_entries SET updated_at = updated_at WHERE client_uuid = $1",
                       {"d-1"});
      },
      edit(kPhoneToken, "手机上改的。"), edit(kWebToken, "网页上改的。"));

  std::vector<int> statuses{answers[0].status, answers[1].status};
  std::sort(statuses.begin(), statuses.end());
  EXPECT_EQ(statuses, (std::vector<int>{200, 409})) << Text(answers[0].body) << "\n"
                                                    << Text(answers[1].body);
  const std::size_t stored = answers[0].status == 200 ? 0 : 1;
  const Answer& refused = answers[1 - stored];
  if (refused.status == 409) {
    const boost::json::object& error = refused.body.at("error").as_object();
    EXPECT_EQ(error.at("code").as_string(), "version_conflict");
    // The server's copy, for the user to compare: the edit that was stored.
    EXPECT_EQ(error.at("details").at("server").at("meta").at("version").as_int64(), 2);
    EXPECT_EQ(error.at("details").at("server").at("text"), answers[stored].body.at("text"));
  }
  const auto rows =
      database_->Query("SELECT version, text FROM diary_entries WHERE client_uuid = $1", {"d-1"});
  EXPECT_EQ(rows[0].Int(0), 2);
  EXPECT_EQ(rows[0].Text(1), std::string(answers[stored].body.at("text").as_string()));
  EXPECT_EQ(AuditEntries("update", "diary_entries", "d-1"), 1);
  EXPECT_EQ(world_->Counters(world_->a, 2012).diary_days, 1);
}

TEST_P(FieldworkRaceApiTest, ANewRecordPostedTwiceAtOnceIsCreatedOnceAndTheRetryIs200) {
  const std::string body = Text(boost::json::object{{"client_uuid", "s-1"},
                                                    {"day", "2012-03-01"},
                                                    {"village_code", fw::kVillage},
                                                    {"location", "村委会"}});
  const std::vector<Answer> answers = SendBothWhileHeld(
      [&](store::Database& holder) {
        // The same record, being written by a request that will fail after all.
        store::FieldworkStore store(holder, state_.dictionaries);
        const store::DataScope scope = fw::HelperScope(world_->a);
        const store::WriteContext context{0, "2012-06-30T12:00:00+08:00", scope, "cadre-a"};
        ASSERT_TRUE(fw::Accepted(
            store.SaveStationedDay(fw::Stationed("s-1", "2012-03-01"), {context, world_->a, 0})));
      },
      Call{kPhoneToken, "POST", "/api/v1/stationed-days", body},
      Call{kPhoneToken, "POST", "/api/v1/stationed-days", body});

  std::vector<int> statuses{answers[0].status, answers[1].status};
  std::sort(statuses.begin(), statuses.end());
  EXPECT_EQ(statuses, (std::vector<int>{200, 201})) << Text(answers[0].body) << "\n"
                                                    << Text(answers[1].body);
  if (statuses == std::vector<int>{200, 201}) {
    EXPECT_EQ(answers[0].body.at("meta").at("id"), answers[1].body.at("meta").at("id"));
    EXPECT_EQ(answers[0].body.at("meta").at("version").as_int64(), 1);
  }
  EXPECT_EQ(world_->Rows("stationed_days"), 1);
  EXPECT_EQ(AuditEntries("create", "stationed_days", "s-1"), 1);
  EXPECT_EQ(world_->Counters(world_->a, 2012).stationed_days, 1);
}

TEST_P(FieldworkRaceApiTest, AnUploadSentTwiceAtOnceAnswersEachLineNotA409) {
  const std::string diary =
      Text(boost::json::object{{"kind", "diary"},
                               {"record", boost::json::object{{"client_uuid", "d-sync"},
                                                              {"day", "2012-03-01"},
                                                              {"village_code", fw::kVillage},
                                                              {"text", "离线写的日记。"}}}});
  const auto upload = [&](const std::string& token, const std::string& suggestion_uuid) {
    const std::string suggestion = Text(boost::json::object{
        {"kind", "suggestions"},
        {"record", boost::json::object{{"client_uuid", suggestion_uuid},
                                       {"day", "2012-03-01"},
                                       {"village_code", fw::kVillage},
                                       {"addressee", "township"},
                                       {"content", "建议把技术培训放在晚上。"}}}});
    return Call{token, "POST", "/api/v1/sync", diary + "\n" + suggestion + "\n"};
  };
  const std::vector<Answer> answers = SendBothWhileHeld(
      [&](store::Database& holder) {
        store::FieldworkStore store(holder, state_.dictionaries);
        const store::DataScope scope = fw::HelperScope(world_->a);
        const store::WriteContext context{0, "2012-06-30T12:00:00+08:00", scope, "cadre-a"};
        ASSERT_TRUE(fw::Accepted(store.SaveDiaryEntry(
            fw::Diary("d-sync", "2012-03-01", "离线写的日记。"), {context, world_->a, 0})));
      },
      upload(kPhoneToken, "g-phone"), upload(kWebToken, "g-web"));

  std::vector<std::string> diary_statuses;
  for (const Answer& answer : answers) {
    ASSERT_EQ(answer.status, 200) << Text(answer.body);
    const boost::json::array& results = answer.body.at("results").as_array();
    ASSERT_EQ(results.size(), 2u) << Text(answer.body);
    diary_statuses.emplace_back(results[0].at("status").as_string());
    EXPECT_EQ(results[1].at("status").as_string(), "created") << Text(answer.body);
    EXPECT_EQ(answer.body.at("stored").as_int64(), 2);
  }
  std::sort(diary_statuses.begin(), diary_statuses.end());
  EXPECT_EQ(diary_statuses, (std::vector<std::string>{"created", "unchanged"}));
  EXPECT_EQ(world_->Rows("diary_entries"), 1);
  EXPECT_EQ(world_->Rows("suggestions"), 2);
  EXPECT_EQ(AuditEntries("create", "diary_entries", "d-sync"), 1);
  EXPECT_EQ(world_->Counters(world_->a, 2012).diary_days, 1);
  EXPECT_EQ(world_->Counters(world_->a, 2012).suggestions, 2);
}

std::string BackendOf(const ::testing::TestParamInfo<TestBackend>& backend) {
  return BackendName(backend.param);
}

INSTANTIATE_TEST_SUITE_P(Backends, FieldworkRaceApiTest,
                         ::testing::Values(TestBackend::kSqlite, TestBackend::kPostgres),
                         BackendOf);

}  // namespace
}  // namespace shuanglian::testing
