#pragma once

// What the HTTP suites share: the demo registry (built once per `shuanglian` binary and
// copied for each test), a real `shuanglian serve` started as a subprocess on a free port,
// and signed-in API sessions over the POSIX-socket client of tests/support/http_client.h.
// Nothing here mocks the server or the database.

#include <gtest/gtest.h>

#include <boost/json.hpp>
#include <chrono>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "support/http_client.h"
#include "support/process.h"
#include "support/stopwatch.h"
#include "support/temp_dir.h"

namespace shuanglian::testing {

// The demo's places (issue 2, item 7) and records the tests lean on.
inline constexpr const char* kQuanhu = "620902108";  // 泉湖 (泉湖镇双联办, 泉湖镇领导)
inline constexpr const char* kQuanhuVillage = "620902108200";  // 四坝村
inline constexpr const char* kQuanhuHousehold = "6209021082000001";
inline constexpr const char* kGancaodian = "620123105";            // 甘草店镇
inline constexpr const char* kGancaodianVillage = "620123105201";  // 三墩营村
inline constexpr const char* kGancaodianVillage2 = "620123105202";
inline constexpr const char* kHuangcha = "621023101208";  // 黄岔村

// Accounts of every demo database: the demo's own (generated passwords, read from its
// output) and a few more made with `user add --password-stdin`.
inline constexpr const char* kAdmin = "admin";
inline constexpr const char* kQuanhuOffice = "quanhu-office";
inline constexpr const char* kQuanhuLeader = "quanhu-leader";
inline constexpr const char* kGancaodianOffice = "gancaodian-office";
inline constexpr const char* kCadre = "cadre-demo";             // a helper with paired households
inline constexpr const char* kUnitAdmin = "quanhu-unit-admin";  // a unit with paired villages
inline constexpr const char* kUnpairedCadre = "t-cadre";        // a cadre who is no helper yet
inline constexpr const char* kLockVictim = "t-lock-victim";  // office of 甘草店镇, brute-forced
inline constexpr const char* kPasswordChanger = "t-changer";  // office of 甘草店镇
inline constexpr const char* kExtraPassword = "Test-pass-2026";

// A copy of the demo registry in a directory of its own.
class DemoRegistry {
 public:
  // SQLite: a copy of the cached demo database (built on first use for this binary).
  static std::unique_ptr<DemoRegistry> Copy();
  // Any --db target (a PostgreSQL URL): `shuanglian demo` run on it now.
  static std::unique_ptr<DemoRegistry> BuildOn(const std::string& target);

  const std::string& db() const { return db_; }
  const TempDir& dir() const { return dir_; }
  std::string Password(const std::string& username) const;

 private:
  TempDir dir_;
  std::string db_;
  std::map<std::string, std::string> passwords_;
};

// `shuanglian serve` on a free port of 127.0.0.1, ready (its /healthz answered) when the
// constructor returns; stopped with SIGTERM (then SIGKILL) by the destructor.
class ServerProcess {
 public:
  struct Options {
    std::string db;
    std::string web;                          // --web; an empty folder of its own when not given
    std::string work_dir;                     // --work-dir; a folder of its own when not given
    std::vector<std::string> arguments = {};  // more options of `serve`
    // The server's own backups of an SQLite file, as `serve` makes them unless told. Off
    // unless a test asks (HttpBackupScheduleTest), or names --backup-every itself: elsewhere
    // they would be work in the background that the test did not ask for.
    bool own_backups = false;
  };
  explicit ServerProcess(Options options);
  ~ServerProcess();
  ServerProcess(const ServerProcess&) = delete;
  ServerProcess& operator=(const ServerProcess&) = delete;

  unsigned short port() const { return port_; }
  pid_t pid() const;
  void Signal(int signal);
  // Waits up to `wait` for the process to end: its result, or nothing while it runs on.
  std::optional<ProcessResult> WaitForExit(std::chrono::milliseconds wait);
  // SIGTERM and the result (SIGKILL after `wait`).
  ProcessResult Stop(std::chrono::milliseconds wait = std::chrono::seconds(20));
  bool running() const { return child_ != nullptr; }

 private:
  TempDir dir_;
  std::unique_ptr<ChildProcess> child_;
  unsigned short port_ = 0;
};

// A client of the API as one user: by the session cookie (with the CSRF token on changes,
// as a browser), by a bearer token (as a script), or anonymous.
class ApiSession {
 public:
  enum class Mode { kAnonymous, kCookie, kBearer };

  ApiSession() = default;
  explicit ApiSession(unsigned short port) : port_(port) {}
  // Signs in (POST /auth/login for a cookie, POST /auth/token for a bearer token); a test
  // failure when refused.
  static ApiSession SignIn(unsigned short port, const std::string& username,
                           const std::string& password, Mode mode = Mode::kBearer);

  // `path` is under /api/v1 ("/households?size=5"). A body is sent as application/json
  // unless `headers` name another type.
  HttpResponse Send(const std::string& method, const std::string& path,
                    const std::string& body = "", HttpHeaders headers = {}) const;
  HttpResponse Get(const std::string& path, HttpHeaders headers = {}) const {
    return Send("GET", path, "", std::move(headers));
  }
  HttpResponse Post(const std::string& path, const std::string& body = "") const {
    return Send("POST", path, body);
  }
  HttpResponse Put(const std::string& path, const std::string& body) const {
    return Send("PUT", path, body);
  }
  HttpResponse Delete(const std::string& path) const { return Send("DELETE", path); }

  // The same session without the CSRF header on changes (a forged cross-site request).
  ApiSession WithoutCsrf() const;
  ApiSession WithCsrf(std::string token) const;

  Mode mode() const { return mode_; }
  unsigned short port() const { return port_; }
  const std::string& token() const { return token_; }
  const std::string& csrf() const { return csrf_; }
  const std::string& username() const { return username_; }
  // The Set-Cookie header of the sign-in, for its attributes.
  const std::string& set_cookie() const { return set_cookie_; }
  bool signed_in() const { return !token_.empty(); }

 private:
  unsigned short port_ = 0;
  Mode mode_ = Mode::kAnonymous;
  std::string username_;
  std::string token_;
  std::string csrf_;
  bool send_csrf_ = true;
  std::string set_cookie_;
};

// The JSON of a response body (gunzipped first when compressed); a test failure and null
// when it is not JSON.
boost::json::value JsonOf(const HttpResponse& response);
std::string Serialize(const boost::json::value& value);

// Is this the error envelope {"error": {"code","message","details"}} with this status (and
// code, unless empty), carrying no stack trace or SQL text?
::testing::AssertionResult IsError(const HttpResponse& response, int status,
                                   std::string_view code = {});
// The "field" of every entry of the envelope's details (an array or an object).
std::set<std::string> DetailFields(const HttpResponse& response);

// Values of a JSON object, failing the test when absent.
std::string Text(const boost::json::value& value, std::string_view key);
std::int64_t Int(const boost::json::value& value, std::string_view key);
// A copy: safe on the temporary JsonOf(...) in a range-for.
boost::json::array Items(const boost::json::value& list);

// A valid ID number (GB 11643) from a six-digit address, a birth date and a sequence.
std::string ValidId(std::string_view address, std::string_view birth, int sequence);

// A households file as POST /imports takes it: `count` valid rows numbered PREFIX-0, PREFIX-1
// ... in `village`, each head with an ID number of its own.
std::string HouseholdsCsv(std::string_view prefix, int count,
                          std::string_view village = kGancaodianVillage);

// A household as POST /households takes it, valid as it stands.
boost::json::object HouseholdBody(const std::string& number, const std::string& head_name,
                                  const std::string& id_number,
                                  const std::string& village = kGancaodianVillage);
// A person as POST /persons takes it.
boost::json::object PersonBody(const std::string& household, const std::string& name,
                               const std::string& id_number, const std::string& relation = "head");

// Rows of a CSV text (UTF-8 BOM dropped, quotes honoured).
std::vector<std::vector<std::string>> ParseCsv(std::string_view text);
// Does the body look like an XLSX workbook (a ZIP with [Content_Types].xml, complete)?
bool LooksLikeXlsx(const std::string& body);

// Runs `shuanglian audit verify --db`.
ProcessResult VerifyAudit(const std::string& db);

// A suite whose tests share one server on one copy of the demo registry (ctest runs each
// test in a process of its own, where the suite is then that one test; run directly, the
// tests of a suite share it). Tests of such a suite must not depend on each other's data.
class HttpSuite : public ::testing::Test {
 protected:
  static void SetUpTestSuite() { StartSuiteServer(); }
  static void TearDownTestSuite();
  void SetUp() override;

  // Starts the suite's server, with `web` as its --web folder when given.
  static void StartSuiteServer(const std::string& web = "");
  static unsigned short port() { return server_->port(); }
  static DemoRegistry& registry() { return *registry_; }
  static ServerProcess& server() { return *server_; }
  // A session of a demo account, signed in once per suite and mode.
  static const ApiSession& As(const std::string& username,
                              ApiSession::Mode mode = ApiSession::Mode::kBearer);
  // A new session of its own (for tests that end sessions).
  static ApiSession SignIn(const std::string& username,
                           ApiSession::Mode mode = ApiSession::Mode::kBearer);
  static ApiSession Anonymous() { return ApiSession(port()); }

 private:
  static std::unique_ptr<DemoRegistry> registry_;
  static std::unique_ptr<ServerProcess> server_;
  static std::map<std::pair<std::string, ApiSession::Mode>, ApiSession> sessions_;
  static std::string setup_error_;
};

}  // namespace shuanglian::testing
