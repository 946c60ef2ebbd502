// The HTTP API on PostgreSQL (issue 4, item 8, with issue 3): the data scope and the happy
// paths once more with the server on the test cluster, and text the backend must not cut.

#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <thread>
#include <vector>

#include "http/http_fixture.h"
#include "store/database.h"
#include "store/import_job_repository.h"
#include "support/private_cluster.h"
#include "support/stopwatch.h"
#include "support/temp_dir.h"
#include "support/test_database.h"

namespace shuanglian::testing {
namespace {

using Mode = ApiSession::Mode;

struct TimedResponse {
  HttpResponse response;
  double seconds = 0;
};

// A server on a demo registry of its own, and an import uploaded to it while the households
// are locked elsewhere (reads go on, writes wait): the import waits for the lock, its job
// `id`, until the test releases the lock (Release) or ends.
class ImportHeldByALock {
 public:
  explicit ImportHeldByALock(const std::string& csv)
      : registry_(DemoRegistry::BuildOn(database_.target())),
        server_({database_.target(), "", ""}),
        admin_(ApiSession::SignIn(server_.port(), kAdmin, registry_->Password(kAdmin),
                                  ApiSession::Mode::kBearer)),
        holder_(store::OpenDatabase(database_.target())),
        hold_(std::make_unique<store::Transaction>(*holder_)) {
    holder_->Execute("LOCK TABLE households IN SHARE MODE");
    const HttpResponse upload = admin_.Send("POST", "/imports?kind=households&file_name=held.csv",
                                            csv, {{"Content-Type", "application/octet-stream"}});
    EXPECT_EQ(upload.status, 202) << upload.Describe();
    id_ = upload.status == 202 ? Int(JsonOf(upload), "id") : 0;
  }

  // The backends other than the holder's that wait for a lock, ended with `how` applied to
  // their pid: pg_terminate_backend, say, or nothing (count them).
  std::int64_t LockWaiters(const std::string& how = "") {
    return holder_
        ->Query("SELECT count(" + (how.empty() ? std::string("pid") : how + "(pid)") +
                ") FROM pg_stat_activity WHERE datname = current_database() AND "
                "wait_event_type = 'Lock' AND pid <> pg_backend_pid()")[0]
        .Int(0);
  }
  void Release() { hold_->Commit(); }

  ServerProcess& server() { return server_; }
  const ApiSession& admin() const { return admin_; }
  store::Database& holder() { return *holder_; }
  std::int64_t id() const { return id_; }

 private:
  TestDatabase database_{TestBackend::kPostgres};
  std::unique_ptr<DemoRegistry> registry_;
  ServerProcess server_;
  ApiSession admin_;
  std::unique_ptr<store::Database> holder_;
  std::unique_ptr<store::Transaction> hold_;
  std::int64_t id_ = 0;
};

// `count` GETs of `path` sent at once, each with the time its answer took.
std::vector<TimedResponse> GetsAtOnce(const ApiSession& session, const std::string& path,
                                      int count) {
  std::vector<TimedResponse> answers(static_cast<std::size_t>(count));
  std::vector<std::thread> threads;
  for (TimedResponse& answer : answers) {
    threads.emplace_back([&session, &path, &answer] {
      const auto sent = std::chrono::steady_clock::now();
      answer.response = session.Get(path);
      answer.seconds = SecondsSince(sent);
    });
  }
  for (std::thread& thread : threads) {
    thread.join();
  }
  return answers;
}

TEST(HttpPostgresTest, ScopeAndHappyPathsOnPostgres) {
  SHUANGLIAN_REQUIRE_BACKEND(TestBackend::kPostgres);
  TestDatabase database(TestBackend::kPostgres);
  const auto registry = DemoRegistry::BuildOn(database.target());
  ServerProcess server({database.target(), "", ""});
  const auto sign_in = [&](const std::string& username, Mode mode = Mode::kBearer) {
    return ApiSession::SignIn(server.port(), username, registry->Password(username), mode);
  };
  const ApiSession admin = sign_in(kAdmin);
  const ApiSession office = sign_in(kGancaodianOffice, Mode::kCookie);
  const ApiSession quanhu = sign_in(kQuanhuOffice);
  const ApiSession leader = sign_in(kQuanhuLeader);
  const std::string quanhu_path = std::string("/households/") + kQuanhuHousehold;
  const boost::json::value household = JsonOf(admin.Get(quanhu_path));
  const boost::json::array members = Items(JsonOf(admin.Get(quanhu_path + "/members")));
  ASSERT_FALSE(members.empty());
  const std::string person_path = "/persons/" + std::to_string(Int(members[0], "id"));

  // Out of scope: 404 for every record, nothing in lists, counts, searches, exports, stats.
  for (const std::string& path :
       {quanhu_path, quanhu_path + "/members", person_path,
        std::string("/regions/") + kQuanhu + "/children",
        std::string("/regions/") + kQuanhuVillage + "/profile",
        std::string("/stats?region=") + kQuanhu, std::string("/stats/children?region=") + kQuanhu,
        std::string("/reports/progress?region=") + kQuanhu}) {
    EXPECT_TRUE(IsError(office.Get(path), 404, "not_found")) << path;
  }
  EXPECT_TRUE(IsError(office.Delete(quanhu_path), 404));
  // The progress report sums the same records on PostgreSQL (the demo's spring of 2012).
  const HttpResponse report = office.Get(std::string("/reports/progress?region=") + kGancaodian +
                                         "&year=2012&as_of=2012-05-31");
  ASSERT_EQ(report.status, 200) << report.Describe();
  EXPECT_NE(Serialize(JsonOf(report)).find("现有贫困户2331户8426人"), std::string::npos);
  // A server's database is backed up with PostgreSQL's own tools (docs/backup.md).
  EXPECT_TRUE(IsError(admin.Post("/backup"), 409, "backup_unsupported"));
  const std::int64_t own =
      Int(JsonOf(admin.Get(std::string("/households?region=") + kGancaodian)), "total");
  const boost::json::value list = JsonOf(office.Get("/households?size=200"));
  EXPECT_EQ(Int(list, "total"), own);
  for (const boost::json::value& item : Items(list)) {
    EXPECT_EQ(Text(item.at("village"), "code").rfind(kGancaodian, 0), 0u);
  }
  EXPECT_EQ(Int(JsonOf(office.Get(std::string("/households?region=") + kQuanhu)), "total"), 0);
  EXPECT_EQ(
      Int(JsonOf(office.Get("/households?q=" + UrlEncode(Text(household, "head_name")))), "total"),
      0);
  EXPECT_EQ(Int(JsonOf(office.Get("/persons?q=" + Text(members[0], "id_number"))), "total"), 0);
  EXPECT_EQ(
      ParseCsv(office.Get(std::string("/households/export?format=csv&region=") + kQuanhu).body)
          .size(),
      1u);
  EXPECT_EQ(
      static_cast<std::int64_t>(ParseCsv(office.Get("/households/export?format=csv").body).size()) -
          1,
      own);
  EXPECT_TRUE(Items(JsonOf(office.Get("/regions?search=" + UrlEncode("泉湖")))).empty());
  EXPECT_EQ(Int(JsonOf(sign_in(kUnpairedCadre).Get("/households")), "total"), 0);

  // Masked for the leader, whole for the office.
  const std::string id = Text(JsonOf(quanhu.Get(quanhu_path)), "head_id_number");
  EXPECT_EQ(id, Text(household, "head_id_number"));
  EXPECT_EQ(Text(JsonOf(leader.Get(quanhu_path)), "head_id_number"),
            id.substr(0, 6) + "********" + id.substr(14));
  EXPECT_TRUE(IsError(leader.Delete(quanhu_path), 403));

  // A household and its people from creation to deletion, as a browser does it.
  const std::string head_id = ValidId("620123", "19800101", 971);
  const HttpResponse created =
      office.Post("/households", Serialize(HouseholdBody("T-PG-1", "百分%_号", head_id)));
  ASSERT_EQ(created.status, 201) << created.Describe();
  EXPECT_EQ(Text(JsonOf(office.Get("/households/T-PG-1")), "head_name"), "百分%_号");
  EXPECT_EQ(Int(JsonOf(office.Get("/households?q=%25")), "total"), 1);
  EXPECT_EQ(Int(JsonOf(office.Get("/households?q=_")), "total"), 1);
  const HttpResponse updated =
      office.Put("/households/T-PG-1",
                 Serialize(HouseholdBody("T-PG-1", "R'); DROP TABLE households;--", head_id)));
  ASSERT_EQ(updated.status, 200) << updated.Describe();
  EXPECT_EQ(Text(JsonOf(updated), "head_name"), "R'); DROP TABLE households;--");
  const HttpResponse person =
      office.Post("/persons", Serialize(PersonBody("T-PG-1", "户主甲", head_id, "户主")));
  ASSERT_EQ(person.status, 201) << person.Describe();
  EXPECT_EQ(Int(JsonOf(office.Get("/households/T-PG-1")), "member_count"), 1);
  const std::string new_person = "/persons/" + std::to_string(Int(JsonOf(person), "id"));
  ASSERT_EQ(office.Delete(new_person).status, 204);
  EXPECT_EQ(Int(JsonOf(office.Get("/households/T-PG-1")), "member_count"), 0);
  ASSERT_EQ(office.Delete("/households/T-PG-1").status, 204);
  EXPECT_TRUE(IsError(office.Get("/households/T-PG-1"), 404));

  // A profile, statistics equal to the CLI's, an import.
  const std::string profile = std::string("/regions/") + kGancaodianVillage + "/profile";
  const HttpResponse saved =
      office.Put(profile, R"({"notes":"'%_\\ 引号","figures":{"households":2323}})");
  ASSERT_EQ(saved.status, 200) << saved.Describe();
  EXPECT_EQ(Text(JsonOf(office.Get(profile)), "notes"), "'%_\\ 引号");
  const ProcessResult cli =
      RunShuanglian({"stats", "--region", kGancaodian, "--json", "--db", database.target()});
  ASSERT_EQ(cli.exit_code, 0) << cli.Describe();
  EXPECT_EQ(Serialize(JsonOf(office.Get(std::string("/stats?region=") + kGancaodian))),
            Serialize(boost::json::parse(cli.out)));
  const HttpResponse upload =
      office.Send("POST", "/imports?kind=households&file_name=pg.csv",
                  "户编号,户主姓名,户主证件号码,所属村代码,户属性\nPG-IMP-1,导入甲," +
                      ValidId("620123", "19700101", 973) + "," + kGancaodianVillage +
                      ",一般户\nPG-IMP-2,导入乙," + ValidId("620902", "19700101", 975) + "," +
                      kQuanhuVillage + ",一般户\n",
                  {{"Content-Type", "application/octet-stream"}});
  ASSERT_EQ(upload.status, 202) << upload.Describe();
  const std::string job = "/imports/" + std::to_string(Int(JsonOf(upload), "id"));
  boost::json::value state;
  ASSERT_TRUE(Eventually(
      [&] {
        state = JsonOf(admin.Get(job));
        return Text(state, "status") != "running" && !state.at("summary").is_null();
      },
      std::chrono::seconds(20)));
  EXPECT_EQ(Int(state.at("summary"), "imported"), 1);
  EXPECT_EQ(Int(state.at("summary"), "rejected"), 1);
  EXPECT_EQ(office.Get("/households/PG-IMP-1").status, 200);
  EXPECT_EQ(admin.Get("/households/PG-IMP-2").status, 404);

  // The audit chain holds on PostgreSQL too.
  ASSERT_TRUE(Eventually([&] {
    return Int(JsonOf(admin.Get("/audit?action=read_personal&username=quanhu-office")), "total") >=
           1;
  }));
  const ProcessResult stopped = server.Stop();
  EXPECT_EQ(stopped.exit_code, 0) << stopped.Describe();
  const ProcessResult verified = VerifyAudit(database.target());
  EXPECT_EQ(verified.exit_code, 0) << verified.Describe();
}

// An import whose database connection is cut midway (a server restarted, a network gone)
// is reported failed, in the API and in its job's row, not "running" for good: the import
// could not mark its job on the connection that failed. The import is held by a lock on
// the households (it reads them, then waits to write), and its connection cut while it
// waits.
TEST(HttpPostgresTest, AnImportWhoseConnectionIsCutIsReportedFailed) {
  SHUANGLIAN_REQUIRE_BACKEND(TestBackend::kPostgres);
  ImportHeldByALock held("户编号,户主姓名,户主证件号码,所属村代码,户属性\nCUT-1,断线," +
                         ValidId("620123", "19700101", 981) + "," + kGancaodianVillage +
                         ",一般户\n");
  const ApiSession& admin = held.admin();
  // The import waits for the lock; its connection is then cut, as a restart would cut it.
  ASSERT_TRUE(Eventually([&] { return held.LockWaiters("pg_terminate_backend") > 0; },
                         std::chrono::seconds(20)));
  held.Release();
  boost::json::value state;
  ASSERT_TRUE(Eventually(
      [&] {
        state = JsonOf(admin.Get("/imports/" + std::to_string(held.id())));
        return Text(state, "status") != "running";
      },
      std::chrono::seconds(20)))
      << Serialize(state);
  EXPECT_EQ(Text(state, "status"), "failed");
  EXPECT_FALSE(state.at("error").is_null());
  EXPECT_EQ(
      held.holder().Query("SELECT status FROM import_jobs WHERE id = $1", {held.id()})[0].Text(0),
      "failed");
  EXPECT_EQ(admin.Get("/households/CUT-1").status, 404);
}

// A restarted database server cuts every connection the server holds. The requests after it
// are answered as before, /healthz says the database is there, and none fails on a connection
// cut meanwhile; while the database is away, a request is told so (503), without a trace.
TEST(HttpPostgresTest, AfterTheDatabaseRestartsEveryRequestIsAnswered) {
  SHUANGLIAN_REQUIRE_BACKEND(TestBackend::kPostgres);
  const PrivateCluster cluster;
  ASSERT_FALSE(cluster.url().empty());
  const auto registry = DemoRegistry::BuildOn(cluster.url());
  ServerProcess server({cluster.url(), "", ""});
  const ApiSession admin = ApiSession::SignIn(server.port(), kAdmin, registry->Password(kAdmin),
                                              ApiSession::Mode::kBearer);
  const std::string list = std::string("/households?size=5&region=") + kGancaodian;
  const std::string expected = Serialize(JsonOf(admin.Get(list)));
  for (const TimedResponse& answer : GetsAtOnce(admin, list, 8)) {  // every worker connects
    ASSERT_EQ(answer.response.status, 200) << answer.response.Describe();
  }
  for (int round = 0; round < 2; ++round) {
    const ProcessResult restarted = cluster.Restart();
    ASSERT_EQ(restarted.exit_code, 0) << restarted.Describe();
    HttpRequest health;
    health.target = "/healthz";
    EXPECT_EQ(HttpSend(server.port(), health).status, 200) << "round " << round;
    for (const TimedResponse& answer : GetsAtOnce(admin, list, 8)) {
      EXPECT_EQ(answer.response.status, 200)
          << "round " << round << ": " << answer.response.Describe();
      EXPECT_EQ(Serialize(JsonOf(answer.response)), expected);
    }
  }
}

// A database server that stops answering while its connections stay open (a frozen or
// swapping machine, a network that drops without a reset) does not hold the server: with
// every worker's request waiting on it, each is answered 503 within the deadline (`serve
// --db-timeout`) plus the connect timeout of a new connection, /healthz says the database
// is unavailable, and once the database answers again so does the server. Before the
// deadline, libpq waited without end and every request after them went unanswered.
TEST(HttpPostgresTest, ADatabaseServerThatStopsAnsweringDoesNotHoldTheWorkers) {
  SHUANGLIAN_REQUIRE_BACKEND(TestBackend::kPostgres);
  const PrivateCluster cluster;
  ASSERT_FALSE(cluster.url().empty());
  const auto registry = DemoRegistry::BuildOn(cluster.url());
  ServerProcess server(
      {cluster.url() + "?connect_timeout=2", "", "", {"--db-timeout", "2", "--threads", "4"}});
  const ApiSession admin = ApiSession::SignIn(server.port(), kAdmin, registry->Password(kAdmin),
                                              ApiSession::Mode::kBearer);
  const std::string list = std::string("/households?size=5&region=") + kGancaodian;
  const std::string expected = Serialize(JsonOf(admin.Get(list)));
  HttpRequest health;
  health.target = "/healthz";
  {
    const auto frozen = cluster.Freeze();
    ASSERT_GE(frozen.count(), 2u);  // the postmaster and its helpers at least
    const auto started = std::chrono::steady_clock::now();
    // Twice as many as the workers.
    const std::vector<TimedResponse> answers = GetsAtOnce(admin, list, 8);
    double longest = 0;
    for (std::size_t index = 0; index < answers.size(); ++index) {
      EXPECT_TRUE(IsError(answers[index].response, 503, "database_unavailable"))
          << index << ": " << answers[index].response.Describe();
      longest = std::max(longest, answers[index].seconds);
    }
    const HttpResponse unhealthy = HttpSend(server.port(), health);
    EXPECT_EQ(unhealthy.status, 503) << unhealthy.Describe();
    const double all = SecondsSince(started);
    // Each request: at most the deadline (2 s) and a new connection's timeout (2 s), waiting
    // for a worker meanwhile; far less than the client's 30 s either way.
    EXPECT_LT(longest, 15.0);
    EXPECT_LT(all, 25.0);
  }
  ASSERT_TRUE(Eventually([&] { return HttpSend(server.port(), health).status == 200; },
                         std::chrono::seconds(20)));
  const HttpResponse again = admin.Get(list);
  ASSERT_EQ(again.status, 200) << again.Describe();
  EXPECT_EQ(Serialize(JsonOf(again)), expected);
}

// A request whose database falls silent is answered after the deadline, not after it and the
// time a new connection takes to fail too: a connection given up on is not replaced to ask
// again (the GET retry, the idle check), nor by /healthz. With one worker, a deadline of 3 s
// and the default connect timeout of 10 s, each answer comes in 3 s, where it took 13.
TEST(HttpPostgresTest, ARequestMeetingASilentDatabaseWaitsOnlyItsDeadline) {
  SHUANGLIAN_REQUIRE_BACKEND(TestBackend::kPostgres);
  const PrivateCluster cluster;
  ASSERT_FALSE(cluster.url().empty());
  const auto registry = DemoRegistry::BuildOn(cluster.url());
  ServerProcess server({cluster.url(), "", "", {"--db-timeout", "3", "--threads", "1"}});
  const ApiSession admin = ApiSession::SignIn(server.port(), kAdmin, registry->Password(kAdmin),
                                              ApiSession::Mode::kBearer);
  const std::string list = std::string("/households?size=5&region=") + kGancaodian;
  HttpRequest health;
  health.target = "/healthz";
  for (const bool idle : {false, true}) {
    ASSERT_EQ(admin.Get(list).status, 200);  // the worker's connection, just used
    const auto frozen = cluster.Freeze();
    if (idle) {
      std::this_thread::sleep_for(std::chrono::milliseconds(1500));  // asked before use
    }
    const auto started = std::chrono::steady_clock::now();
    const HttpResponse answer = admin.Get(list);
    const double seconds = SecondsSince(started);
    EXPECT_TRUE(IsError(answer, 503, "database_unavailable")) << answer.Describe();
    EXPECT_GE(seconds, 2.5) << "idle " << idle;
    EXPECT_LT(seconds, 7.0) << "idle " << idle;
  }
  // No connection now: /healthz tries one new connection (10 s), not two.
  {
    const auto frozen = cluster.Freeze();
    const auto started = std::chrono::steady_clock::now();
    const HttpResponse unhealthy = HttpSend(server.port(), health);
    const double seconds = SecondsSince(started);
    EXPECT_EQ(unhealthy.status, 503) << unhealthy.Describe();
    EXPECT_LT(seconds, 15.0);
  }
  ASSERT_TRUE(Eventually([&] { return HttpSend(server.port(), health).status == 200; },
                         std::chrono::seconds(20)));
}

// A lock held elsewhere (a long import, an administrator's session) does not hold a worker,
// and with the few workers the whole server, for as long as it lasts: after 10 s the request
// is told the database is busy (503), and the server answers meanwhile.
TEST(HttpPostgresTest, ARequestWaitingForALockHeldElsewhereIsToldBusy) {
  SHUANGLIAN_REQUIRE_BACKEND(TestBackend::kPostgres);
  TestDatabase database(TestBackend::kPostgres);
  const auto registry = DemoRegistry::BuildOn(database.target());
  ServerProcess server({database.target(), "", ""});
  const ApiSession admin = ApiSession::SignIn(server.port(), kAdmin, registry->Password(kAdmin),
                                              ApiSession::Mode::kBearer);
  const std::string list = std::string("/households?size=5&region=") + kGancaodian;
  ASSERT_EQ(admin.Get(list).status, 200);
  auto holder = store::OpenDatabase(database.target());
  store::Transaction hold(*holder);
  holder->Execute("LOCK TABLE households IN ACCESS EXCLUSIVE MODE");
  const auto started = std::chrono::steady_clock::now();
  HttpResponse waited;
  std::thread request([&] { waited = admin.Get(list); });
  HttpRequest health;
  health.target = "/healthz";
  EXPECT_EQ(HttpSend(server.port(), health).status, 200);
  request.join();
  const double seconds = SecondsSince(started);
  EXPECT_TRUE(IsError(waited, 503, "busy")) << waited.Describe();
  EXPECT_GE(seconds, 9.0);
  EXPECT_LT(seconds, 25.0);
  hold.Commit();
  EXPECT_EQ(admin.Get(list).status, 200);
}

// A server told to stop while an import waits on the database (here for a lock; a frozen
// server is the same to it) gives the import a little while, then ends without it: the
// database rolls its open batch back, and the job reads "interrupted" at once, the lock still
// held, for the server notices within a second that the import's side has gone (before, the
// server waited for the import without end, and a killed import's statement waited on).
TEST(HttpPostgresTest, AServerStoppedWhileAnImportWaitsOnTheDatabaseEndsWithinItsGrace) {
  SHUANGLIAN_REQUIRE_BACKEND(TestBackend::kPostgres);
  ImportHeldByALock held(HouseholdsCsv("HELD", 3));
  ASSERT_TRUE(Eventually([&] { return held.LockWaiters() > 0; }, std::chrono::seconds(20)));

  const auto signalled = std::chrono::steady_clock::now();
  held.server().Signal(SIGTERM);
  const auto result = held.server().WaitForExit(std::chrono::seconds(25));
  ASSERT_TRUE(result.has_value()) << "still running 25 s after SIGTERM, held by the import";
  EXPECT_LT(SecondsSince(signalled), 20.0);
  EXPECT_EQ(result->exit_code, 0) << result->Describe();
  EXPECT_NE(result->err.find("仍有导入未能在"), std::string::npos) << result->Describe();

  // The lock still held: the import's statement was ended by the server, not by the lock.
  store::ImportJobRepository jobs(held.holder());
  std::string status;
  EXPECT_TRUE(Eventually(
      [&] {
        status = jobs.Get(held.id())->status;
        return status == "interrupted" && held.LockWaiters() == 0;
      },
      std::chrono::seconds(10)))
      << status;
  held.Release();
  EXPECT_EQ(held.holder()
                .Query("SELECT count(*) FROM households WHERE household_no LIKE 'HELD-%'")[0]
                .Int(0),
            0);
}

// The reads of personal data a stopping server still has to audit cannot hold it either: the
// audit writer's connection has a request's limits (here the lock on the audit chain is held
// elsewhere; a silent server is the same). Before, it waited on that lock without end. What
// it could not write is kept in the work directory and written by the next server.
TEST(HttpPostgresTest, AuditingQueuedReadsDoesNotHoldAStoppingServerAndLosesNone) {
  SHUANGLIAN_REQUIRE_BACKEND(TestBackend::kPostgres);
  TestDatabase database(TestBackend::kPostgres);
  const auto registry = DemoRegistry::BuildOn(database.target());
  const TempDir work;
  const ServerProcess::Options options{
      database.target(), "", work.File("work"), {"--db-timeout", "4"}};
  auto server = std::make_unique<ServerProcess>(options);
  const ApiSession admin = ApiSession::SignIn(server->port(), kAdmin, registry->Password(kAdmin),
                                              ApiSession::Mode::kBearer);
  auto holder = store::OpenDatabase(database.target());
  const auto exports = [&] {
    return holder
        ->Query(
            "SELECT count(*) FROM audit_log WHERE username = 'admin' AND action = "
            "'read_personal' AND entity = 'person_export'")[0]
        .Int(0);
  };
  holder->Execute("SELECT pg_advisory_lock(7412002)");  // the audit chain's lock (audit_log.cpp)
  ASSERT_EQ(admin.Get("/persons/export?format=csv").status, 200);
  std::this_thread::sleep_for(std::chrono::milliseconds(500));  // a flush or two meanwhile

  const auto signalled = std::chrono::steady_clock::now();
  server->Signal(SIGTERM);
  const auto result = server->WaitForExit(std::chrono::seconds(30));
  ASSERT_TRUE(result.has_value()) << "still running 30 s after SIGTERM, held by the audit writer";
  EXPECT_LT(SecondsSince(signalled), 15.0);
  EXPECT_EQ(result->exit_code, 0) << result->Describe();
  EXPECT_NE(result->err.find("已暂存在"), std::string::npos) << result->Describe();
  holder->Execute("SELECT pg_advisory_unlock(7412002)");
  EXPECT_EQ(exports(), 0);

  server = std::make_unique<ServerProcess>(options);
  EXPECT_TRUE(Eventually([&] { return exports() == 1; })) << exports();
  const auto left = [&] {
    int files = 0;
    for (const auto& entry : std::filesystem::directory_iterator(work.File("work"))) {
      files += entry.path().filename().string().starts_with("audit-reads-") ? 1 : 0;
    }
    return files;
  };
  EXPECT_TRUE(Eventually([&] { return left() == 0; })) << left() << " files of reads left";
  const ProcessResult stopped = server->Stop();
  EXPECT_EQ(stopped.exit_code, 0) << stopped.Describe();
  EXPECT_EQ(exports(), 1) << "written once";
  const ProcessResult verified = VerifyAudit(database.target());
  EXPECT_EQ(verified.exit_code, 0) << verified.Describe();
}

// Regression (fixed): src/store/postgres/postgres_database.cpp:78 passes every text parameter to
// PQsendQueryParams/PQexecPrepared (lines 189, 265) as a C string in text format, where
// libpq ignores the lengths: text holding U+0000 is cut at the NUL without an error. A
// profile note "a\u0000b" is answered 200 and stored as "a" (SQLite keeps it whole, see
// HttpRegistryTest.SqlMetacharactersAndLongStringsAreStoredAndReturnedLiterally). Either the
// API refuses such text with 400 naming the field, or it keeps it whole; never a silent cut.
TEST(HttpPostgresTest, TextWithANulCharacterIsNeverSilentlyCut) {
  SHUANGLIAN_REQUIRE_BACKEND(TestBackend::kPostgres);
  TestDatabase database(TestBackend::kPostgres);
  const ProcessResult regions = RunShuanglian(
      {"regions", "import", std::string(SHUANGLIAN_FIXTURES_DIR) + "/regions_small.csv", "--db",
       database.target()});
  ASSERT_EQ(regions.exit_code, 0) << regions.Describe();
  ProcessOptions password;
  password.stdin_text = std::string(kExtraPassword) + "\n";
  const ProcessResult added = RunShuanglian(
      {"user", "add", "t-admin", "--role", "admin", "--password-stdin", "--db", database.target()},
      password);
  ASSERT_EQ(added.exit_code, 0) << added.Describe();
  TempDir work;
  ServerProcess server({database.target(), "", work.File("work")});
  const ApiSession admin = ApiSession::SignIn(server.port(), "t-admin", kExtraPassword);

  const std::string profile = std::string("/regions/") + kGancaodianVillage + "/profile";
  const std::string notes("a\0b'\\c", 6);
  const HttpResponse saved = admin.Put(profile, Serialize(boost::json::object{{"notes", notes}}));
  if (saved.status == 400) {
    EXPECT_TRUE(DetailFields(saved).contains("notes")) << saved.Describe();
  } else {
    ASSERT_EQ(saved.status, 200) << saved.Describe();
    EXPECT_EQ(Text(JsonOf(admin.Get(profile)), "notes"), notes);
  }
  const std::string name("x\0y", 3);
  const HttpResponse user =
      admin.Post("/users", Serialize(boost::json::object{{"username", "t-nul"},
                                                         {"display_name", name},
                                                         {"role", "admin"},
                                                         {"password", "Nul-pass-123"}}));
  if (user.status == 400) {
    EXPECT_TRUE(DetailFields(user).contains("display_name")) << user.Describe();
  } else {
    ASSERT_EQ(user.status, 201) << user.Describe();
    EXPECT_EQ(Text(JsonOf(user).at("user"), "display_name"), name);
  }
}

}  // namespace
}  // namespace shuanglian::testing
