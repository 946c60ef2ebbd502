// Sign-in over HTTP (issue 4, items 3 and 8): every endpoint refuses a request without a
// session, the cookie's attributes and its CSRF token, bearer tokens for scripts, sign-out,
// password changes, a slowed and locked brute force, and the administration of accounts.

#include <gtest/gtest.h>

#include <thread>

#include "http/http_fixture.h"

namespace shuanglian::testing {
namespace {

using Mode = ApiSession::Mode;

struct Endpoint {
  std::string method;
  std::string path;
  std::string body;
};

// Every endpoint of docs/api.md but the two that sign in, on records that exist.
std::vector<Endpoint> SignedInEndpoints(const std::string& person_id) {
  const std::string household =
      Serialize(HouseholdBody("T401-1", "未登录", ValidId("620123", "19800101", 401)));
  const std::string person =
      Serialize(PersonBody(kQuanhuHousehold, "未登录", ValidId("620902", "19800101", 401)));
  const std::string q = std::string("/households/") + kQuanhuHousehold;
  return {
      {"POST", "/auth/logout", ""},
      {"GET", "/me", ""},
      {"POST", "/me/password", R"({"old_password":"x","new_password":"Abcdefg123"})"},
      {"GET", "/regions/roots", ""},
      {"GET", std::string("/regions/") + kQuanhu, ""},
      {"GET", std::string("/regions/") + kQuanhu + "/children", ""},
      {"GET", "/regions?search=" + UrlEncode("泉湖") + "&limit=20", ""},
      {"GET", std::string("/regions/") + kQuanhuVillage + "/profile", ""},
      {"PUT", std::string("/regions/") + kQuanhuVillage + "/profile", R"({"notes":"未登录"})"},
      {"GET", "/households?region=620902108&page=1&size=5", ""},
      {"GET", q, ""},
      {"POST", "/households", household},
      {"PUT", q, household},
      {"DELETE", q, ""},
      {"GET", q + "/members", ""},
      {"GET", "/households/export?format=csv", ""},
      {"GET", "/persons?region=620902108", ""},
      {"GET", "/persons/" + person_id, ""},
      {"PUT", "/persons/" + person_id, person},
      {"DELETE", "/persons/" + person_id, ""},
      {"POST", "/persons", person},
      {"GET", "/persons/export?format=xlsx", ""},
      {"GET", "/stats?region=620902108", ""},
      {"GET", "/stats/children?region=620902108", ""},
      {"POST", "/imports?kind=households&file_name=a.csv", "户编号\n"},
      {"GET", "/imports/1", ""},
      {"GET", "/imports", ""},
      {"GET", "/imports/1/report", ""},
      {"GET", "/templates/households?format=xlsx", ""},
      {"GET", "/templates/persons?format=csv", ""},
      {"GET", "/users", ""},
      {"POST", "/users", R"({"username":"t401-user","role":"admin","password":"Abcdefg123"})"},
      {"PUT", "/users/1", R"({"disabled":true})"},
      {"POST", "/users/1/password", ""},
      {"GET", "/roles", ""},
      {"GET", "/audit?username=admin", ""},
      {"GET", "/dictionaries", ""},
  };
}

class HttpAuthTest : public HttpSuite {
 protected:
  static std::string QuanhuPersonId() {
    const HttpResponse members =
        As(kAdmin).Get(std::string("/households/") + kQuanhuHousehold + "/members");
    EXPECT_EQ(members.status, 200) << members.Describe();
    const boost::json::array items = Items(JsonOf(members));
    return items.empty() ? "1" : std::to_string(Int(items.front(), "id"));
  }
};

TEST_F(HttpAuthTest, EveryEndpointWithoutASessionIs401AndChangesNothing) {
  const std::string person_id = QuanhuPersonId();
  const std::string profile_before =
      JsonOf(As(kAdmin).Get(std::string("/regions/") + kQuanhuVillage + "/profile"))
          .at("notes")
          .as_string()
          .c_str();
  const std::size_t imports_before = Items(JsonOf(As(kAdmin).Get("/imports"))).size();
  const std::int64_t audit_before = Int(JsonOf(As(kAdmin).Get("/audit?action=update")), "total");

  // A session that has ended is no session either.
  ApiSession ended = SignIn(kGancaodianOffice, Mode::kBearer);
  ASSERT_EQ(ended.Post("/auth/logout").status, 204);

  struct Credentials {
    const char* name;
    HttpHeaders headers;
  };
  const std::vector<Credentials> variants = {
      {"none", {}},
      {"unknown cookie", {{"Cookie", "sl_session=0123456789abcdef0123456789abcdef"}}},
      {"unknown bearer token", {{"Authorization", "Bearer 0123456789abcdef0123456789abcdef"}}},
      {"ended bearer token", {{"Authorization", "Bearer " + ended.token()}}},
      {"ended token as cookie",
       {{"Cookie", "sl_session=" + ended.token()}, {"X-CSRF-Token", ended.csrf()}}},
      {"basic authentication", {{"Authorization", "Basic YWRtaW46YWRtaW4="}}},
  };
  const std::vector<Endpoint> endpoints = SignedInEndpoints(person_id);
  EXPECT_EQ(endpoints.size(), 37u);  // docs/api.md: 39 endpoints, of which 2 sign in
  for (const Credentials& variant : variants) {
    for (const Endpoint& endpoint : endpoints) {
      SCOPED_TRACE(std::string(variant.name) + ": " + endpoint.method + " " + endpoint.path);
      HttpHeaders headers = variant.headers;
      if (!endpoint.body.empty()) {
        headers.emplace_back("Content-Type", endpoint.path.starts_with("/imports")
                                                 ? "application/octet-stream"
                                                 : "application/json");
      }
      const HttpResponse response =
          Anonymous().Send(endpoint.method, endpoint.path, endpoint.body, headers);
      EXPECT_TRUE(IsError(response, 401, "unauthenticated"));
    }
  }

  // Nothing of what those requests asked for happened.
  const ApiSession& admin = As(kAdmin);
  EXPECT_EQ(admin.Get("/households/T401-1").status, 404);
  EXPECT_EQ(admin.Get(std::string("/households/") + kQuanhuHousehold).status, 200);
  EXPECT_EQ(admin.Get("/persons/" + person_id).status, 200);
  EXPECT_EQ(JsonOf(admin.Get(std::string("/regions/") + kQuanhuVillage + "/profile"))
                .at("notes")
                .as_string(),
            profile_before);
  const std::string users = admin.Get("/users").body;
  EXPECT_EQ(users.find("t401-user"), std::string::npos);
  EXPECT_EQ(Items(JsonOf(admin.Get("/imports"))).size(), imports_before);
  EXPECT_EQ(Int(JsonOf(admin.Get("/audit?action=update")), "total"), audit_before);
  EXPECT_EQ(JsonOf(admin.Get("/me")).at("user").at("disabled"), false);
}

TEST_F(HttpAuthTest, WrongCredentialsAre401WithoutSayingWhichWasWrong) {
  for (const char* path : {"/auth/login", "/auth/token"}) {
    SCOPED_TRACE(path);
    const HttpResponse unknown =
        Anonymous().Post(path, R"({"username":"no-such-user","password":"Whatever123"})");
    const HttpResponse wrong =
        Anonymous().Post(path, R"({"username":"admin","password":"Whatever123"})");
    EXPECT_TRUE(IsError(unknown, 401, "bad_credentials"));
    EXPECT_TRUE(IsError(wrong, 401, "bad_credentials"));
    EXPECT_EQ(Text(JsonOf(unknown).at("error"), "message"),
              Text(JsonOf(wrong).at("error"), "message"));
    EXPECT_FALSE(wrong.HasHeader("set-cookie")) << wrong.Describe();
    EXPECT_TRUE(IsError(Anonymous().Post(path, R"({"username":"admin"})"), 400, "required"));
  }
  // One wrong password is not yet a lock: admin still signs in.
  EXPECT_TRUE(SignIn(kAdmin).signed_in());
}

TEST_F(HttpAuthTest, CookieHasHttpOnlySameSiteStrictAndMeAnswersTheUser) {
  const ApiSession session = SignIn(kGancaodianOffice, Mode::kCookie);
  const std::string& cookie = session.set_cookie();
  EXPECT_NE(cookie.find("; HttpOnly"), std::string::npos) << cookie;
  EXPECT_NE(cookie.find("; SameSite=Strict"), std::string::npos) << cookie;
  EXPECT_NE(cookie.find("; Path=/"), std::string::npos) << cookie;
  EXPECT_NE(cookie.find("; Max-Age="), std::string::npos) << cookie;
  EXPECT_EQ(cookie.find("Secure"), std::string::npos) << "plain HTTP: " << cookie;
  EXPECT_GE(session.token().size(), 32u);
  EXPECT_GE(session.csrf().size(), 32u);
  EXPECT_NE(session.token(), session.csrf());

  const HttpResponse me = session.Get("/me");
  ASSERT_EQ(me.status, 200) << me.Describe();
  const boost::json::value body = JsonOf(me);
  EXPECT_EQ(Text(body.at("user"), "username"), kGancaodianOffice);
  EXPECT_EQ(Text(body.at("user"), "role"), "office");
  EXPECT_EQ(Text(body.at("user").at("region"), "code"), kGancaodian);
  EXPECT_EQ(body.at("user").at("sees_personal_data"), true);
  EXPECT_EQ(body.at("user").at("read_only"), false);
  EXPECT_EQ(Text(body, "csrf_token"), session.csrf());
  EXPECT_EQ(me.body.find("argon2"), std::string::npos) << "the password hash is never sent";
  EXPECT_EQ(me.Header("cache-control"), "no-store");

  // Behind a TLS proxy the cookie is Secure.
  const HttpResponse proxied = Anonymous().Send(
      "POST", "/auth/login",
      Serialize(boost::json::object{{"username", kGancaodianOffice},
                                    {"password", registry().Password(kGancaodianOffice)}}),
      {{"X-Forwarded-Proto", "https"}});
  ASSERT_EQ(proxied.status, 200) << proxied.Describe();
  EXPECT_NE(proxied.Header("set-cookie").find("; Secure"), std::string::npos) << proxied.Describe();
}

TEST_F(HttpAuthTest, CookieChangesNeedTheCsrfTokenBearerTokensDoNot) {
  const ApiSession browser = SignIn(kGancaodianOffice, Mode::kCookie);
  const ApiSession other_browser = SignIn(kGancaodianOffice, Mode::kCookie);
  const std::string body =
      Serialize(HouseholdBody("T-CSRF-1", "跨站甲", ValidId("620123", "19800101", 501)));

  // Without the header, with a wrong one, with another session's: refused, nothing written.
  EXPECT_TRUE(IsError(browser.WithoutCsrf().Post("/households", body), 403, "csrf_failed"));
  EXPECT_TRUE(IsError(browser.WithCsrf("forged").Post("/households", body), 403, "csrf_failed"));
  EXPECT_TRUE(IsError(browser.WithCsrf(other_browser.csrf()).Post("/households", body), 403,
                      "csrf_failed"));
  EXPECT_TRUE(IsError(browser.WithCsrf("").Post("/households", body), 403, "csrf_failed"));
  EXPECT_EQ(browser.Get("/households/T-CSRF-1").status, 404);

  // Reads need no token.
  EXPECT_EQ(browser.WithoutCsrf().Get("/households?size=1").status, 200);

  const HttpResponse created = browser.Post("/households", body);
  ASSERT_EQ(created.status, 201) << created.Describe();
  boost::json::object changed =
      HouseholdBody("T-CSRF-1", "跨站乙", ValidId("620123", "19800101", 501));
  EXPECT_TRUE(IsError(browser.WithoutCsrf().Put("/households/T-CSRF-1", Serialize(changed)), 403,
                      "csrf_failed"));
  EXPECT_EQ(Text(JsonOf(browser.Get("/households/T-CSRF-1")), "head_name"), "跨站甲");
  const HttpResponse updated = browser.Put("/households/T-CSRF-1", Serialize(changed));
  ASSERT_EQ(updated.status, 200) << updated.Describe();
  EXPECT_EQ(Text(JsonOf(updated), "head_name"), "跨站乙");
  EXPECT_TRUE(IsError(browser.WithoutCsrf().Delete("/households/T-CSRF-1"), 403, "csrf_failed"));
  EXPECT_EQ(browser.Get("/households/T-CSRF-1").status, 200);
  EXPECT_EQ(browser.Delete("/households/T-CSRF-1").status, 204);
  EXPECT_EQ(browser.Get("/households/T-CSRF-1").status, 404);

  // Sign-out is a change too.
  EXPECT_TRUE(IsError(browser.WithoutCsrf().Post("/auth/logout"), 403, "csrf_failed"));
  EXPECT_EQ(browser.Get("/me").status, 200);

  // A script's bearer token carries no ambient authority: no CSRF token needed.
  const ApiSession script = SignIn(kGancaodianOffice, Mode::kBearer);
  const std::string second =
      Serialize(HouseholdBody("T-CSRF-2", "脚本甲", ValidId("620123", "19800101", 502)));
  EXPECT_EQ(script.Post("/households", second).status, 201);
  EXPECT_EQ(script.Delete("/households/T-CSRF-2").status, 204);
}

TEST_F(HttpAuthTest, LogoutEndsOnlyThatSession) {
  const ApiSession browser = SignIn(kQuanhuOffice, Mode::kCookie);
  const ApiSession script = SignIn(kQuanhuOffice, Mode::kBearer);
  const HttpResponse out = browser.Post("/auth/logout");
  ASSERT_EQ(out.status, 204) << out.Describe();
  const std::string cleared = out.Header("set-cookie");
  EXPECT_EQ(cleared.rfind("sl_session=;", 0), 0u) << cleared;
  EXPECT_NE(cleared.find("Max-Age=0"), std::string::npos) << cleared;
  EXPECT_TRUE(IsError(browser.Get("/me"), 401, "unauthenticated"));
  EXPECT_TRUE(IsError(browser.Get(std::string("/households/") + kQuanhuHousehold), 401));
  EXPECT_EQ(script.Get("/me").status, 200);
  EXPECT_EQ(script.Post("/auth/logout").status, 204);
  EXPECT_TRUE(IsError(script.Get("/me"), 401, "unauthenticated"));
}

TEST_F(HttpAuthTest, ChangePasswordEndsTheOtherSessions) {
  const ApiSession browser = SignIn(kPasswordChanger, Mode::kCookie);
  const ApiSession script = SignIn(kPasswordChanger, Mode::kBearer);
  const std::string old_password = kExtraPassword;

  const HttpResponse wrong_old = browser.Post(
      "/me/password", R"({"old_password":"Not-the-one-1","new_password":"Brand-new-2027"})");
  EXPECT_TRUE(IsError(wrong_old, 400, "bad_credentials"));
  EXPECT_EQ(DetailFields(wrong_old), std::set<std::string>{"old_password"});
  for (const char* weak : {"short1", "onlyletters", "1234567890"}) {
    SCOPED_TRACE(weak);
    const HttpResponse refused = browser.Post(
        "/me/password",
        Serialize(boost::json::object{{"old_password", old_password}, {"new_password", weak}}));
    EXPECT_TRUE(IsError(refused, 400, "weak_password"));
    EXPECT_EQ(DetailFields(refused), std::set<std::string>{"new_password"});
  }
  EXPECT_TRUE(
      IsError(browser.Post("/me/password", R"({"old_password":7,"new_password":"Brand-new-2027"})"),
              400, "wrong_type"));
  EXPECT_EQ(script.Get("/me").status, 200) << "refused changes end nothing";

  const HttpResponse changed = browser.Post(
      "/me/password", Serialize(boost::json::object{{"old_password", old_password},
                                                    {"new_password", "Brand-new-2027"}}));
  ASSERT_EQ(changed.status, 204) << changed.Describe();
  EXPECT_EQ(browser.Get("/me").status, 200) << "the session that changed it goes on";
  EXPECT_TRUE(IsError(script.Get("/me"), 401, "unauthenticated")) << "other sessions end";
  EXPECT_TRUE(IsError(
      Anonymous().Post("/auth/token", Serialize(boost::json::object{{"username", kPasswordChanger},
                                                                    {"password", old_password}})),
      401, "bad_credentials"));
  EXPECT_TRUE(ApiSession::SignIn(port(), kPasswordChanger, "Brand-new-2027").signed_in());

  const HttpResponse audit =
      As(kAdmin).Get(std::string("/audit?action=change_password&entity_key=") + kPasswordChanger);
  ASSERT_EQ(audit.status, 200) << audit.Describe();
  ASSERT_EQ(Items(JsonOf(audit)).size(), 1u) << audit.Describe();
  EXPECT_EQ(Text(Items(JsonOf(audit))[0], "username"), kPasswordChanger);
  EXPECT_EQ(audit.body.find("Brand-new-2027"), std::string::npos) << "no password in the audit log";
}

TEST_F(HttpAuthTest, BruteForceIsSlowedAfterThreeFailuresAndLockedAfterFive) {
  const std::string wrong =
      Serialize(boost::json::object{{"username", kLockVictim}, {"password", "Wrong-guess-1"}});
  const std::string right =
      Serialize(boost::json::object{{"username", kLockVictim}, {"password", kExtraPassword}});

  // The first three failures answer 401 and count down.
  for (int attempt = 1; attempt <= 3; ++attempt) {
    const HttpResponse refused = Anonymous().Post("/auth/login", wrong);
    ASSERT_TRUE(IsError(refused, 401, "bad_credentials")) << "attempt " << attempt;
    EXPECT_EQ(Int(JsonOf(refused).at("error").at("details"), "attempts_left"), 5 - attempt);
  }
  // From then on, attempts in quick succession are refused before the password is looked at
  // (429 with retry_after), until the fifth failure locks the account.
  int slowed = 0;
  int failures = 3;
  bool right_refused_while_slowed = false;
  HttpResponse last;
  for (int attempt = 0; attempt < 20 && failures < 5; ++attempt) {
    last = Anonymous().Post("/auth/login", wrong);
    if (last.status == 429) {
      ASSERT_TRUE(IsError(last, 429, "too_many_attempts"));
      const std::int64_t retry_after = Int(JsonOf(last).at("error").at("details"), "retry_after");
      EXPECT_GE(retry_after, 1);
      EXPECT_LE(retry_after, 2);
      ++slowed;
      if (retry_after == 2 && !right_refused_while_slowed) {
        // At least a second of the wait is left: the right password waits as well.
        const HttpResponse right_too = Anonymous().Post("/auth/login", right);
        EXPECT_TRUE(IsError(right_too, 429, "too_many_attempts"));
        right_refused_while_slowed = true;
      }
      std::this_thread::sleep_for(std::chrono::seconds(retry_after));
      continue;
    }
    ++failures;
    if (failures < 5) {
      ASSERT_TRUE(IsError(last, 401, "bad_credentials"));
      EXPECT_EQ(Int(JsonOf(last).at("error").at("details"), "attempts_left"), 5 - failures);
      // Straight away again: inside the wait of 2^(failures-3) seconds.
    }
  }
  EXPECT_GE(slowed, 1) << "no attempt was slowed";
  ASSERT_EQ(failures, 5);
  ASSERT_TRUE(IsError(last, 423, "account_locked"));
  EXPECT_EQ(Int(JsonOf(last).at("error").at("details"), "retry_after"), 15 * 60);

  // Locked: the right password is refused too, by either way of signing in.
  for (const char* path : {"/auth/login", "/auth/token"}) {
    const HttpResponse locked = Anonymous().Post(path, right);
    EXPECT_TRUE(IsError(locked, 423, "account_locked")) << path;
    EXPECT_FALSE(locked.HasHeader("set-cookie"));
    EXPECT_GT(Int(JsonOf(locked).at("error").at("details"), "retry_after"), 800);
  }
  // Other accounts are not affected.
  EXPECT_TRUE(SignIn(kGancaodianOffice).signed_in());
  // The administrator sees the lock, and the log has it.
  bool seen = false;
  for (const boost::json::value& user : Items(JsonOf(As(kAdmin).Get("/users")))) {
    if (Text(user, "username") == kLockVictim) {
      seen = true;
      EXPECT_TRUE(user.at("locked_until").is_number()) << Serialize(user);
    }
  }
  EXPECT_TRUE(seen);
  EXPECT_EQ(Items(JsonOf(As(kAdmin).Get(std::string("/audit?action=account_locked&entity_key=") +
                                        kLockVictim)))
                .size(),
            1u);
}

TEST_F(HttpAuthTest, AdministratorManagesAccounts) {
  const ApiSession& admin = As(kAdmin);
  const std::string admin_path =
      "/users/" + std::to_string(Int(JsonOf(admin.Get("/me")).at("user"), "id"));

  // Created without a password: one is generated and shown once.
  const HttpResponse created = admin.Post(
      "/users",
      R"({"username":"t-new-office","display_name":"新双联办","role":"office","region_code":"620123105"})");
  ASSERT_EQ(created.status, 201) << created.Describe();
  const boost::json::value account = JsonOf(created);
  const std::string password = Text(account, "password");
  EXPECT_GE(password.size(), 8u);
  EXPECT_NE(password.find_first_of("0123456789"), std::string::npos);
  EXPECT_NE(password.find_first_of("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"),
            std::string::npos);
  EXPECT_EQ(Text(account.at("user"), "role"), "office");
  EXPECT_EQ(Text(account.at("user").at("region"), "code"), kGancaodian);
  const std::int64_t id = Int(account.at("user"), "id");
  const std::string user_path = "/users/" + std::to_string(id);

  ApiSession newcomer = ApiSession::SignIn(port(), "t-new-office", password);
  ASSERT_TRUE(newcomer.signed_in());
  EXPECT_EQ(Text(JsonOf(newcomer.Get("/me")).at("user"), "display_name"), "新双联办");
  EXPECT_GT(Int(JsonOf(newcomer.Get("/households?size=1")), "total"), 0);

  // The list has it, and never a password or its hash.
  const HttpResponse list = admin.Get("/users");
  ASSERT_EQ(list.status, 200);
  EXPECT_NE(list.body.find("t-new-office"), std::string::npos);
  EXPECT_EQ(list.body.find("argon2"), std::string::npos);
  EXPECT_EQ(list.body.find(password), std::string::npos);

  // With a password given, none is shown.
  const HttpResponse given = admin.Post(
      "/users",
      R"({"username":"t-given","role":"leader","region_code":"620902108","password":"Given-pass-1"})");
  ASSERT_EQ(given.status, 201) << given.Describe();
  EXPECT_TRUE(JsonOf(given).at("password").is_null());
  EXPECT_TRUE(ApiSession::SignIn(port(), "t-given", "Given-pass-1").signed_in());

  // Refusals name the field.
  struct Refusal {
    std::string method;
    std::string path;
    std::string body;
    int status;
    std::string field;
  };
  const std::vector<Refusal> refusals = {
      {"POST", "/users", R"({"username":"t-new-office","role":"admin"})", 409, "username"},
      {"POST", "/users", R"({"username":"has space","role":"admin"})", 400, "username"},
      {"POST", "/users", R"({"username":5,"role":"admin"})", 400, "username"},
      {"POST", "/users", R"({"username":"t-x","role":"boss"})", 400, "role"},
      {"POST", "/users", R"({"username":"t-x","role":"office"})", 400, "region_code"},
      {"POST", "/users", R"({"username":"t-x","role":"office","region_code":"999999999"})", 400,
       "region_code"},
      {"POST", "/users", R"({"username":"t-x","role":"unit-admin"})", 400, "unit_id"},
      {"POST", "/users", R"({"username":"t-x","role":"unit-admin","unit_id":"one"})", 400,
       "unit_id"},
      {"POST", "/users", R"({"username":"t-x","role":"admin","password":"short"})", 400,
       "password"},
      {"PUT", user_path, R"({"disabled":"yes"})", 400, "disabled"},
      {"PUT", user_path, R"({"role":"boss"})", 400, "role"},
      {"PUT", user_path, R"({"display_name":["a"]})", 400, "display_name"},
      {"PUT", admin_path, R"({"disabled":true})", 400, "disabled"},  // the administrator itself
  };
  for (const Refusal& refusal : refusals) {
    SCOPED_TRACE(refusal.method + " " + refusal.path + " " + refusal.body);
    const HttpResponse response = admin.Send(refusal.method, refusal.path, refusal.body);
    EXPECT_TRUE(IsError(response, refusal.status));
    EXPECT_EQ(DetailFields(response), std::set<std::string>{refusal.field});
  }
  EXPECT_TRUE(IsError(admin.Put("/users/999999", R"({"display_name":"x"})"), 404, "not_found"));
  EXPECT_TRUE(IsError(admin.Post("/users/999999/password"), 404, "not_found"));
  EXPECT_TRUE(IsError(admin.Put("/users/abc", R"({"display_name":"x"})"), 404, "not_found"));
  EXPECT_EQ(newcomer.Get("/me").status, 200) << "refused changes end no session";

  // A new role and region take effect at once: the old session ends.
  const HttpResponse moved = admin.Put(user_path, R"({"role":"leader","region_code":"620902108"})");
  ASSERT_EQ(moved.status, 200) << moved.Describe();
  EXPECT_EQ(Text(JsonOf(moved), "role"), "leader");
  EXPECT_EQ(Text(JsonOf(moved).at("region"), "code"), kQuanhu);
  EXPECT_TRUE(IsError(newcomer.Get("/me"), 401));
  newcomer = ApiSession::SignIn(port(), "t-new-office", password);
  const boost::json::value me = JsonOf(newcomer.Get("/me"));
  EXPECT_EQ(me.at("user").at("read_only"), true);
  EXPECT_EQ(newcomer.Get(std::string("/households/") + kQuanhuHousehold).status, 200);
  EXPECT_TRUE(IsError(
      newcomer.Post("/households",
                    Serialize(HouseholdBody("T-LEADER", "领导甲", ValidId("620902", "19800101", 7),
                                            kQuanhuVillage))),
      403));

  // A reset password: shown once, the old one no longer works, sessions end.
  const HttpResponse reset = admin.Post(user_path + "/password");
  ASSERT_EQ(reset.status, 200) << reset.Describe();
  const std::string new_password = Text(JsonOf(reset), "password");
  EXPECT_NE(new_password, password);
  EXPECT_TRUE(IsError(newcomer.Get("/me"), 401));
  EXPECT_TRUE(IsError(
      Anonymous().Post("/auth/token", Serialize(boost::json::object{{"username", "t-new-office"},
                                                                    {"password", password}})),
      401, "bad_credentials"));
  newcomer = ApiSession::SignIn(port(), "t-new-office", new_password);
  ASSERT_TRUE(newcomer.signed_in());

  // Disabled: the session ends and signing in is refused.
  const HttpResponse disabled = admin.Put(user_path, R"({"disabled":true})");
  ASSERT_EQ(disabled.status, 200) << disabled.Describe();
  EXPECT_EQ(JsonOf(disabled).at("disabled"), true);
  EXPECT_TRUE(IsError(newcomer.Get("/me"), 401, "unauthenticated"));
  EXPECT_TRUE(IsError(
      Anonymous().Post("/auth/token", Serialize(boost::json::object{{"username", "t-new-office"},
                                                                    {"password", new_password}})),
      401, "bad_credentials"));
  ASSERT_EQ(admin.Put(user_path, R"({"disabled":false})").status, 200);
  EXPECT_TRUE(ApiSession::SignIn(port(), "t-new-office", new_password).signed_in());

  // Only the administrator manages accounts.
  for (const char* who : {kGancaodianOffice, kQuanhuLeader, kCadre}) {
    SCOPED_TRACE(who);
    const ApiSession& user = As(who);
    EXPECT_TRUE(IsError(user.Get("/users"), 403, "forbidden"));
    EXPECT_TRUE(IsError(
        user.Post("/users", R"({"username":"t-sneaky","role":"admin","password":"Sneaky-123"})"),
        403, "forbidden"));
    EXPECT_TRUE(IsError(user.Put(user_path, R"({"role":"admin"})"), 403, "forbidden"));
    EXPECT_TRUE(IsError(user.Post(user_path + "/password"), 403, "forbidden"));
  }
  EXPECT_EQ(admin.Get("/users").body.find("t-sneaky"), std::string::npos);
  EXPECT_EQ(Text(JsonOf(admin.Get("/users")).at("items").as_array()[0], "username"), "admin");
}

TEST_F(HttpAuthTest, RolesAndDictionariesAreListed) {
  const HttpResponse roles = As(kCadre).Get("/roles");
  ASSERT_EQ(roles.status, 200) << roles.Describe();
  std::map<std::string, boost::json::value> by_code;
  for (const boost::json::value& role : Items(JsonOf(roles))) {
    by_code[Text(role, "code")] = role;
    EXPECT_FALSE(Text(role, "label").empty());
    EXPECT_FALSE(role.at("permissions").as_array().empty()) << Serialize(role);
  }
  ASSERT_EQ(by_code.size(), 5u) << roles.Describe();
  EXPECT_EQ(Text(by_code["admin"], "label"), "系统管理员");
  EXPECT_EQ(Text(by_code["admin"], "scope"), "all");
  EXPECT_EQ(by_code["admin"].at("sees_personal_data"), true);
  EXPECT_EQ(Text(by_code["office"], "label"), "双联办");
  EXPECT_EQ(by_code["office"].at("read_only"), false);
  EXPECT_EQ(Text(by_code["leader"], "label"), "领导");
  EXPECT_EQ(by_code["leader"].at("read_only"), true);
  EXPECT_EQ(by_code["leader"].at("sees_personal_data"), false);
  EXPECT_EQ(by_code["cadre"].at("sees_personal_data"), false);
  EXPECT_EQ(Text(by_code["cadre"], "scope"), "helper");
  EXPECT_EQ(Text(by_code["unit-admin"], "scope"), "unit");
  EXPECT_EQ(Serialize(by_code["office"].at("permissions")).find("system:user"), std::string::npos);

  const HttpResponse dictionaries = As(kQuanhuLeader).Get("/dictionaries");
  ASSERT_EQ(dictionaries.status, 200) << dictionaries.Describe();
  std::map<std::string, std::map<std::string, std::string>> labels;
  for (const boost::json::value& dictionary : Items(JsonOf(dictionaries))) {
    EXPECT_FALSE(Text(dictionary, "title").empty());
    for (const boost::json::value& item : dictionary.at("items").as_array()) {
      labels[Text(dictionary, "name")][Text(item, "code")] = Text(item, "label");
    }
  }
  EXPECT_EQ(labels["household_category"]["general"], "一般农户");
  EXPECT_EQ(labels["household_category"]["five_guarantee"], "五保户");
  EXPECT_EQ(labels["relation"]["head"], "户主");
  EXPECT_EQ(labels["difficulty"]["road"], "行路难");
  EXPECT_EQ(labels["figure"]["households"], "户数");
}

}  // namespace
}  // namespace shuanglian::testing
