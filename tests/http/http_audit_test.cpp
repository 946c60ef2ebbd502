// The audit trail over HTTP (issue 4, item 6): every change made through the API is in the
// log with who, when, what, before and after; the log is filtered by user, action, entity
// and time; an office reads only what its own people did; and `shuanglian audit verify`
// passes on the result, then finds a row altered or removed afterwards (exit 3, naming it).

#include <gtest/gtest.h>

#include <chrono>
#include <filesystem>
#include <thread>

#include "http/http_fixture.h"
#include "store/database.h"
#include "store/result_set.h"

namespace shuanglian::testing {
namespace {

namespace fs = std::filesystem;
using Mode = ApiSession::Mode;

class HttpAuditTest : public ::testing::Test {
 protected:
  void SetUp() override {
    registry_ = DemoRegistry::Copy();
    server_ = std::make_unique<ServerProcess>(ServerProcess::Options{registry_->db(), "", ""});
  }

  ApiSession SignIn(const std::string& username, Mode mode = Mode::kBearer) {
    return ApiSession::SignIn(server_->port(), username, registry_->Password(username), mode);
  }

  // The entries of GET /audit?query, read by the administrator.
  boost::json::array Entries(const std::string& query) {
    const HttpResponse response = admin_.Get("/audit?size=200&" + query);
    EXPECT_EQ(response.status, 200) << response.Describe();
    return Items(JsonOf(response));
  }

  // The one entry the query finds.
  boost::json::value Entry(const std::string& query) {
    const boost::json::array entries = Entries(query);
    EXPECT_EQ(entries.size(), 1u) << query << ": " << Serialize(entries).substr(0, 3000);
    return entries.empty() ? boost::json::value(nullptr) : entries.front();
  }

  std::unique_ptr<DemoRegistry> registry_;
  std::unique_ptr<ServerProcess> server_;
  ApiSession admin_;
};

TEST_F(HttpAuditTest, EveryChangeIsLoggedWithBeforeAndAfterAndVerifyFindsTampering) {
  admin_ = SignIn(kAdmin);
  const ApiSession office = SignIn(kGancaodianOffice, Mode::kCookie);
  const std::string head_id = ValidId("620123", "19800101", 951);
  // Entries are stamped to the second: the changes below start in a later second than the
  // sign-ins, so that "before the first change" finds the sign-ins.
  std::this_thread::sleep_for(std::chrono::milliseconds(1100));

  // A household with a member, changed, then deleted; a profile changed twice.
  ASSERT_EQ(
      office.Post("/households", Serialize(HouseholdBody("T-AUDIT-1", "审计甲", head_id))).status,
      201);
  ASSERT_EQ(
      office.Put("/households/T-AUDIT-1", Serialize(HouseholdBody("T-AUDIT-1", "审计乙", head_id)))
          .status,
      200);
  const HttpResponse person =
      office.Post("/persons", Serialize(PersonBody("T-AUDIT-1", "审计乙", head_id, "户主")));
  ASSERT_EQ(person.status, 201) << person.Describe();
  const std::string person_id = std::to_string(Int(JsonOf(person), "id"));
  ASSERT_EQ(office.Delete("/households/T-AUDIT-1").status, 204);
  const std::string profile = std::string("/regions/") + kGancaodianVillage2 + "/profile";
  ASSERT_EQ(office.Put(profile, R"({"notes":"审计前"})").status, 200);
  ASSERT_EQ(office.Put(profile, R"({"notes":"审计后","climate":"干旱"})").status, 200);
  // An account created, moved, its password reset.
  const HttpResponse user = admin_.Post(
      "/users", R"({"username":"t-audited","role":"office","region_code":"620123105"})");
  ASSERT_EQ(user.status, 201) << user.Describe();
  const std::string user_path = "/users/" + std::to_string(Int(JsonOf(user).at("user"), "id"));
  ASSERT_EQ(admin_.Put(user_path, R"({"role":"leader","region_code":"620902108"})").status, 200);
  ASSERT_EQ(admin_.Post(user_path + "/password").status, 200);
  // Refused changes leave no entry.
  ASSERT_EQ(
      office.Post("/households", Serialize(HouseholdBody("T-AUDIT-2", "审计丙", "bad"))).status,
      400);
  const std::string leader_profile = std::string("/regions/") + kQuanhuVillage + "/profile";
  ASSERT_EQ(SignIn(kQuanhuLeader).Put(leader_profile, R"({"notes":"领导"})").status, 403);

  // Who, when, what, before and after.
  const boost::json::value created = Entry("entity=household&entity_key=T-AUDIT-1&action=create");
  EXPECT_EQ(Text(created, "username"), kGancaodianOffice);
  EXPECT_EQ(Text(created, "ip"), "127.0.0.1");
  EXPECT_EQ(Text(created, "at").rfind("2026-", 0), 0u) << Text(created, "at");
  EXPECT_NE(Text(created, "at").find("+08:00"), std::string::npos);
  EXPECT_TRUE(created.at("before").is_null());
  EXPECT_EQ(Text(created.at("after"), "head_name"), "审计甲");
  EXPECT_EQ(Text(created.at("after"), "head_id_number"), head_id) << "the record whole, unmasked";
  const boost::json::value updated = Entry("entity=household&entity_key=T-AUDIT-1&action=update");
  EXPECT_EQ(Text(updated.at("before"), "head_name"), "审计甲");
  EXPECT_EQ(Text(updated.at("after"), "head_name"), "审计乙");
  const boost::json::value deleted = Entry("entity=household&entity_key=T-AUDIT-1&action=delete");
  EXPECT_EQ(Text(deleted.at("before"), "head_name"), "审计乙");
  EXPECT_EQ(deleted.at("before").at("member_list").as_array().size(), 1u) << "its members with it";
  EXPECT_TRUE(deleted.at("after").is_null());
  const boost::json::value person_created =
      Entry("entity=person&action=create&entity_key=" + person_id);
  EXPECT_EQ(Text(person_created.at("after"), "id_number"), head_id);

  const boost::json::array profile_changes =
      Entries(std::string("entity=profile&action=update&entity_key=") + kGancaodianVillage2);
  ASSERT_EQ(profile_changes.size(), 2u);
  EXPECT_EQ(Text(profile_changes[0].at("before"), "notes"), "审计前");  // newest first
  EXPECT_EQ(Text(profile_changes[0].at("after"), "notes"), "审计后");
  EXPECT_EQ(Text(profile_changes[0].at("after"), "climate"), "干旱");
  EXPECT_EQ(Text(profile_changes[1].at("after"), "notes"), "审计前");
  EXPECT_GT(Int(profile_changes[0], "id"), Int(profile_changes[1], "id"));

  EXPECT_EQ(Text(Entry("entity=user&action=create&entity_key=t-audited").at("after"), "role"),
            "office");
  const boost::json::value moved = Entry("entity=user&action=update&entity_key=t-audited");
  EXPECT_EQ(Text(moved.at("before"), "role"), "office");
  EXPECT_EQ(Text(moved.at("after"), "role"), "leader");
  EXPECT_EQ(Text(moved.at("before").at("region"), "code"), kGancaodian);
  EXPECT_EQ(Text(moved.at("after").at("region"), "code"), kQuanhu);
  EXPECT_EQ(Text(Entry("entity=user&action=reset_password&entity_key=t-audited"), "username"),
            kAdmin);
  EXPECT_FALSE(Entries("action=login&entity_key=gancaodian-office").empty());
  EXPECT_TRUE(Entries("entity_key=T-AUDIT-2").empty());
  EXPECT_TRUE(Entries(std::string("entity=profile&entity_key=") + kQuanhuVillage).empty());

  // Filters: by user, action, entity, and a half-open time range; pages newest first.
  for (const boost::json::value& entry : Entries("username=gancaodian-office")) {
    EXPECT_EQ(Text(entry, "username"), kGancaodianOffice);
  }
  for (const boost::json::value& entry : Entries("action=update&entity=profile")) {
    EXPECT_EQ(Text(entry, "action"), "update");
    EXPECT_EQ(Text(entry, "entity"), "profile");
  }
  const std::string at = Text(created, "at");
  const boost::json::array since = Entries("from=" + UrlEncode(at));
  const boost::json::array until = Entries("to=" + UrlEncode(at));
  ASSERT_FALSE(since.empty());
  ASSERT_FALSE(until.empty());
  for (const boost::json::value& entry : since) {
    EXPECT_GE(Text(entry, "at"), at);
  }
  for (const boost::json::value& entry : until) {
    EXPECT_LT(Text(entry, "at"), at);
  }
  const boost::json::value page_one = JsonOf(admin_.Get("/audit?size=3&page=1"));
  const boost::json::value page_two = JsonOf(admin_.Get("/audit?size=3&page=2"));
  EXPECT_EQ(Int(page_one, "total"), Int(page_two, "total"));
  EXPECT_EQ(Int(page_one, "size"), 3);
  ASSERT_EQ(Items(page_one).size(), 3u);
  ASSERT_EQ(Items(page_two).size(), 3u);
  EXPECT_GT(Int(Items(page_one)[2], "id"), Int(Items(page_two)[0], "id"));

  // An office reads what its own people did, nobody else's; a leader reads nothing.
  const boost::json::array own = Items(JsonOf(office.Get("/audit?size=200")));
  ASSERT_FALSE(own.empty());
  for (const boost::json::value& entry : own) {
    const std::string who = Text(entry, "username");
    EXPECT_TRUE(who == kGancaodianOffice || who == kLockVictim || who == kPasswordChanger) << who;
  }
  EXPECT_EQ(Int(JsonOf(office.Get("/audit?username=admin")), "total"), 0);
  EXPECT_TRUE(IsError(SignIn(kQuanhuLeader).Get("/audit"), 403, "forbidden"));

  // The chain holds; then one row altered, or one removed, is found and named.
  const ProcessResult stopped = server_->Stop();
  ASSERT_EQ(stopped.exit_code, 0) << stopped.Describe();
  const ProcessResult intact = VerifyAudit(registry_->db());
  ASSERT_EQ(intact.exit_code, 0) << intact.Describe();
  EXPECT_NE(intact.out.find("审计日志完好"), std::string::npos) << intact.out;

  const std::string copy = registry_->dir().File("copy.db");
  for (const char* suffix : {"", "-wal", "-shm"}) {
    if (fs::exists(registry_->db() + suffix)) {
      fs::copy_file(registry_->db() + suffix, copy + suffix);
    }
  }
  const std::int64_t created_id = Int(created, "id");
  const std::int64_t updated_id = Int(updated, "id");
  {
    auto database = store::OpenDatabase(registry_->db());
    database->Execute(
        "UPDATE audit_log SET after_json = replace(after_json, '审计甲', '审计丁') WHERE id = $1",
        {store::Param(created_id)});
  }
  const ProcessResult altered = VerifyAudit(registry_->db());
  EXPECT_EQ(altered.exit_code, 3) << altered.Describe();
  EXPECT_NE(altered.out.find("第 " + std::to_string(created_id) + " 条记录的内容被改动"),
            std::string::npos)
      << altered.out;

  std::int64_t next_id = 0;
  {
    auto database = store::OpenDatabase(copy);
    next_id =
        database
            ->Query("SELECT min(id) FROM audit_log WHERE id > $1", {store::Param(updated_id)})[0]
            .Int(0);
    database->Execute("DELETE FROM audit_log WHERE id = $1", {store::Param(updated_id)});
  }
  ASSERT_GT(next_id, updated_id);
  const ProcessResult removed = VerifyAudit(copy);
  EXPECT_EQ(removed.exit_code, 3) << removed.Describe();
  EXPECT_NE(removed.out.find("第 " + std::to_string(next_id) + " 条记录与前一条接不上"),
            std::string::npos)
      << removed.out;
}

TEST_F(HttpAuditTest, ASignInIsLoggedUnderTheAccountAndAFailedOneUnderNobody) {
  admin_ = SignIn(kAdmin);
  const ApiSession office = SignIn(kGancaodianOffice);
  const boost::json::value signed_in =
      Entry("action=login&username=" + std::string(kGancaodianOffice));
  EXPECT_EQ(Text(signed_in, "entity_key"), kGancaodianOffice);
  // A failed attempt proves nobody's identity: its actor stays "-", the name tried is the key.
  const HttpResponse refused =
      ApiSession(server_->port())
          .Post("/auth/login", Serialize(boost::json::object{{"username", kGancaodianOffice},
                                                             {"password", "wrong-1"}}));
  ASSERT_EQ(refused.status, 401) << refused.Describe();
  const boost::json::value failed = Entry("action=login_failed&username=-");
  EXPECT_EQ(Text(failed, "entity_key"), kGancaodianOffice);
}

}  // namespace
}  // namespace shuanglian::testing
