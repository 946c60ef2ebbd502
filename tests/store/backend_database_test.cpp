// The Database interface behaves the same on both backends.
#include <gtest/gtest.h>

#include <map>
#include <string>
#include <thread>
#include <vector>

#include "store/backend_fixture.h"
#include "store/migrations.h"
#include "store/sql_util.h"

namespace shuanglian::testing {
namespace {

using DatabaseTest = BackendTest;

// The database `old`, made empty, with the schema as it was before migration `version` and
// the rows `made_before` written into it; then opened as a program of today opens it, which
// applies the migrations from `version` on.
std::unique_ptr<store::Database> OpenAfterRowsMadeBefore(const TestDatabase& old, int version,
                                                         std::string_view made_before) {
  {
    const std::unique_ptr<store::Database> database = old.OpenUnmigrated();
    std::vector<store::MigrationScript> before;
    for (store::MigrationScript& script : store::AvailableMigrations(database->backend())) {
      if (script.version < version) {
        before.push_back(std::move(script));
      }
    }
    store::ApplyMigrations(*database, before);
    database->ExecuteScript(made_before);
  }
  return old.Open();
}

// PostgreSQL: the primary, unique and foreign keys of `table`, each as its kind and definition.
std::vector<std::string> KeysOf(store::Database& database, const std::string& table) {
  std::vector<std::string> found;
  for (const store::RowView row : database.Query(
           "SELECT contype::text || ' ' || pg_get_constraintdef(oid) FROM pg_constraint WHERE "
           "conrelid = $1::regclass AND contype IN ('p', 'u', 'f') ORDER BY 1",
           {table})) {
    found.push_back(std::string(row.Text(0)));
  }
  return found;
}

TEST_P(DatabaseTest, MigratingAgainAppliesNothing) {
  EXPECT_TRUE(store::Migrate(db()).empty());
  for (const store::MigrationStatus& status : store::ListMigrations(db())) {
    EXPECT_TRUE(status.applied) << status.version << " " << status.name;
  }
}

// A database a newer program has migrated is refused, not written to as if it were ours.
TEST_P(DatabaseTest, ADatabaseOfANewerProgramIsRefused) {
  db().Execute(
      "INSERT INTO schema_migrations (version, name, applied_at) VALUES (9999, 'future', 't')");
  try {
    store::Migrate(db());
    FAIL() << "a database of a newer version must be refused";
  } catch (const store::StoreError& error) {
    EXPECT_EQ(error.kind(), store::StoreError::Kind::kSchema);
    EXPECT_NE(std::string(error.what()).find("9999"), std::string::npos) << error.what();
  }
}

// Servers started side by side on a new PostgreSQL database: each migrates or waits for the
// one that does, and none fails (the version table's creation raced before it was locked).
TEST_P(DatabaseTest, ServersStartingTogetherOnANewDatabaseAllOpenIt) {
  if (GetParam() != TestBackend::kPostgres) {
    return;  // SQLite's first writer holds the file; the others wait for its lock
  }
  for (int round = 0; round < 3; ++round) {
    const TestDatabase fresh(GetParam(), TestDatabase::Schema::kEmpty);
    std::vector<std::string> failures(4);
    std::vector<std::thread> servers;
    for (std::string& failure : failures) {
      servers.emplace_back([&fresh, &failure] {
        try {
          store::OpenDatabase(fresh.target());
        } catch (const std::exception& error) {
          failure = error.what();
        }
      });
    }
    for (std::thread& server : servers) {
      server.join();
    }
    for (const std::string& failure : failures) {
      EXPECT_EQ(failure, "") << "round " << round;
    }
  }
}

// Pairings, visits and aid keep a deleted household's id as history: a household added after
// the newest was deleted must not take its id (on SQLite it did, and inherited its pairings:
// a cadre saw a stranger's household). Migration 12 rebuilds SQLite's table, keeping its rows
// and the members' reference to them.
TEST_P(DatabaseTest, HouseholdIdsAreNeverGivenTwice) {
  const TestDatabase old(GetParam(), TestDatabase::Schema::kEmpty);
  const std::unique_ptr<store::Database> database = OpenAfterRowsMadeBefore(
      old, 12,
      "INSERT INTO households (id, county_code, household_no, village_code, head_name, "
      "head_id_number, category, row_hash, created_at, updated_at) VALUES (7, 620902, 'H7', "
      "620902108200, '王平', '34052419800101001X', 'poverty', 1, 't', 't'); "
      "INSERT INTO persons (id, county_code, household_id, id_number, name, relation, sex, "
      "birth_date, row_hash, created_at, updated_at) VALUES (11, 620902, 7, "
      "'34052419800101001X', '王平', 'head', 1, '1980-01-01', 1, 't', 't')");
  EXPECT_EQ(database->Query("SELECT head_name FROM households WHERE id = 7")[0].Text(0), "王平");
  const auto add = [&](const std::string& number, const std::string& head) {
    return database
        ->Query(
            "INSERT INTO households (county_code, household_no, village_code, head_name, "
            "head_id_number, category, row_hash, created_at, updated_at) VALUES (620902, $1, "
            "620902108200, '李', $2, 'general', 1, 't', 't') RETURNING id",
            {number, head})[0]
        .Int(0);
  };
  const std::int64_t newest = add("H8", "11010519491231002X");
  if (GetParam() == TestBackend::kSqlite) {
    EXPECT_GT(newest, 7);  // (PostgreSQL's sequence knows nothing of the id 7 written by hand)
  }
  database->Execute("DELETE FROM households WHERE id = $1", {newest});
  EXPECT_GT(add("H9", "11010519491231003X"), newest);
  // The members still refer to their household, and the reference still holds.
  EXPECT_THROW(database->Execute("DELETE FROM households WHERE id = 7"), store::StoreError);
  EXPECT_THROW(database->Execute(
                   "INSERT INTO persons (id, county_code, household_id, id_number, name, "
                   "relation, sex, birth_date, row_hash, created_at, updated_at) VALUES (12, "
                   "620902, 4242, '110105194912310046', '无户', 'head', 2, '1949-12-31', 1, 't', "
                   "'t')"),
               store::StoreError);
}

// A migration may set foreign keys aside to rebuild a table (SQLite), but not leave a row
// that refers to nothing: checked before it commits, and refused whole.
TEST_P(DatabaseTest, AMigrationThatBreaksAReferenceIsRefused) {
  const std::vector<store::MigrationScript> scripts = {
      {9003, "orphan",
       "CREATE TABLE orphan_marker (x INTEGER); INSERT INTO persons (id, county_code, "
       "household_id, id_number, name, relation, sex, birth_date, row_hash, created_at, "
       "updated_at) VALUES (12, 620902, 4242, '110105194912310046', '无户', 'head', 2, "
       "'1949-12-31', 1, 't', 't')"}};
  try {
    store::ApplyMigrations(db(), scripts);
    FAIL() << "a migration leaving a member without a household must be refused";
  } catch (const store::StoreError& error) {
    EXPECT_EQ(error.kind(), store::StoreError::Kind::kSchema);
    EXPECT_NE(std::string(error.what()).find("9003_orphan"), std::string::npos) << error.what();
  }
  EXPECT_EQ(db().Query("SELECT count(*) FROM persons")[0].Int(0), 0);
  EXPECT_THROW(db().Query("SELECT count(*) FROM orphan_marker"), store::StoreError);
  // And the references are checked again afterwards, as before the migration.
  EXPECT_THROW(db().Execute("INSERT INTO persons (id, county_code, household_id, id_number, "
                            "name, relation, sex, birth_date, row_hash, created_at, updated_at) "
                            "VALUES (12, 620902, 4242, '110105194912310046', '无户', 'head', 2, "
                            "'1949-12-31', 1, 't', 't')"),
               store::StoreError);
}

TEST_P(DatabaseTest, FailedMigrationLeavesTheSchemaAsItWas) {
  const std::vector<store::MigrationScript> scripts = {
      {9001, "half_done",
       "CREATE TABLE half_done_a (x INTEGER); CREATE TABLE half_done_b (x INTEGER;"}};
  try {
    store::ApplyMigrations(db(), scripts);
    FAIL() << "a broken migration must throw";
  } catch (const store::StoreError& error) {
    EXPECT_EQ(error.kind(), store::StoreError::Kind::kSchema);
    EXPECT_NE(std::string(error.what()).find("9001_half_done"), std::string::npos) << error.what();
  }
  // Neither the first table of the script nor the version row survived.
  EXPECT_THROW(db().Query("SELECT count(*) FROM half_done_a"), store::StoreError);
  EXPECT_TRUE(db().Query("SELECT version FROM schema_migrations WHERE version = 9001").empty());
  // And a good migration after it goes through.
  const std::vector<int> applied =
      store::ApplyMigrations(db(), {{9002, "fine", "CREATE TABLE fine_table (x INTEGER)"}});
  EXPECT_EQ(applied, std::vector<int>{9002});
  EXPECT_EQ(db().Query("SELECT count(*) FROM fine_table")[0].Int(0), 0);
}

// Migration 8 moves each household's member counts out of its row into household_counts:
// a database made before it keeps every count, and households without members get no row.
TEST_P(DatabaseTest, MemberCountsMoveIntoTheirOwnTable) {
  const TestDatabase old(GetParam(), TestDatabase::Schema::kEmpty);
  const std::unique_ptr<store::Database> database = OpenAfterRowsMadeBefore(
      old, 8,
      "INSERT INTO households (id, county_code, household_no, village_code, head_name, "
      "head_id_number, category, row_hash, created_at, updated_at, member_count, labour_count) "
      "VALUES (7, 620902, 'H7', 620902108200, '王平', '34052419800101001X', 'poverty', 1, 't', "
      "'t', 3, 2), (8, 620923, 'H8', 620923100200, '李红', '34052419800101002X', 'poverty', 1, "
      "'t', 't', 0, 0)");
  const store::ResultSet counts = database->Query(
      "SELECT household_id, county_code, member_count, labour_count FROM household_counts "
      "ORDER BY household_id");
  ASSERT_EQ(counts.size(), 1U);
  EXPECT_EQ(counts[0].Int(0), 7);
  EXPECT_EQ(counts[0].Int(1), 620902);
  EXPECT_EQ(counts[0].Int(2), 3);
  EXPECT_EQ(counts[0].Int(3), 2);
  EXPECT_THROW(database->Query("SELECT member_count FROM households"), store::StoreError);
}

// Migration 10 keys households and members on PostgreSQL by (id, county_code) alone, instead
// of (county_code, id) and a second unique key on id. Rows made before it stay, and the
// foreign keys to households still hold and still carry a household's county to its members.
TEST_P(DatabaseTest, HouseholdsAndMembersKeepOneKeyLedByTheirId) {
  const TestDatabase old(GetParam(), TestDatabase::Schema::kEmpty);
  const std::unique_ptr<store::Database> database = OpenAfterRowsMadeBefore(
      old, 10,
      "INSERT INTO households (id, county_code, household_no, village_code, head_name, "
      "head_id_number, category, row_hash, created_at, updated_at) VALUES (7, 620902, 'H7', "
      "620902108200, '王平', '34052419800101001X', 'poverty', 1, 't', 't'); "
      "INSERT INTO persons (id, county_code, household_id, id_number, name, relation, sex, "
      "birth_date, row_hash, created_at, updated_at) VALUES (11, 620902, 7, "
      "'34052419800101001X', '王平', 'head', 1, '1980-01-01', 1, 't', 't')");
  EXPECT_EQ(
      database->Query("SELECT household_id, county_code FROM persons WHERE id = 11")[0].Int(0), 7);
  if (GetParam() != TestBackend::kPostgres) {
    return;  // SQLite's key is the rowid, before and after
  }
  EXPECT_EQ(KeysOf(*database, "households"),
            std::vector<std::string>{"p PRIMARY KEY (id, county_code)"});
  EXPECT_EQ(KeysOf(*database, "persons"),
            (std::vector<std::string>{"f FOREIGN KEY (county_code, household_id) REFERENCES "
                                      "households(county_code, id) ON UPDATE CASCADE",
                                      "p PRIMARY KEY (id, county_code)"}));
  // A household that moves county takes its member along; a member of no household is refused.
  database->ExecuteScript("UPDATE households SET county_code = 620923 WHERE id = 7");
  EXPECT_EQ(database->Query("SELECT county_code FROM persons WHERE id = 11")[0].Int(0), 620923);
  EXPECT_THROW(database->ExecuteScript(
                   "INSERT INTO persons (county_code, household_id, id_number, name, relation, "
                   "sex, birth_date, row_hash, created_at, updated_at) VALUES (620923, 8, "
                   "'340524198001010020', '李红', 'head', 2, '1980-01-01', 1, 't', 't')"),
               store::StoreError);
}

// Migration 11 keys member counts and pairings on PostgreSQL by their id (with county_code)
// alone, instead of (county_code, id) and a unique key on the id that Citus could not keep.
// Rows made before it stay; a household's counts are still one row, added to in place.
TEST_P(DatabaseTest, CountsAndPairingsKeepOneKeyLedByTheirId) {
  const TestDatabase old(GetParam(), TestDatabase::Schema::kEmpty);
  const std::unique_ptr<store::Database> database = OpenAfterRowsMadeBefore(
      old, 11,
      "INSERT INTO households (id, county_code, household_no, village_code, head_name, "
      "head_id_number, category, row_hash, created_at, updated_at) VALUES (7, 620902, 'H7', "
      "620902108200, '王平', '34052419800101001X', 'poverty', 1, 't', 't'); "
      "INSERT INTO household_counts (household_id, county_code, member_count, labour_count) "
      "VALUES (7, 620902, 3, 2); "
      "INSERT INTO pairings (id, county_code, kind, village_code, household_id, start_date, "
      "created_by, created_at) VALUES (5, 620902, 'cadre_household', 620902108200, 7, "
      "'2012-03-01', 'admin', 't')");
  EXPECT_EQ(
      database->Query("SELECT member_count FROM household_counts WHERE household_id = 7")[0].Int(0),
      3);
  EXPECT_EQ(database->Query("SELECT household_id FROM pairings WHERE id = 5")[0].Int(0), 7);
  if (GetParam() != TestBackend::kPostgres) {
    return;  // SQLite's keys are the rowids, before and after
  }
  EXPECT_EQ(KeysOf(*database, "household_counts"),
            (std::vector<std::string>{"f FOREIGN KEY (county_code, household_id) REFERENCES "
                                      "households(county_code, id) ON UPDATE CASCADE",
                                      "p PRIMARY KEY (household_id, county_code)"}));
  EXPECT_EQ(KeysOf(*database, "pairings"),
            (std::vector<std::string>{"f FOREIGN KEY (helper_id) REFERENCES helpers(id)",
                                      "f FOREIGN KEY (unit_id) REFERENCES units(id)",
                                      "p PRIMARY KEY (id, county_code)"}));
  // A second row of the household's counts under another county is refused by the foreign key.
  EXPECT_THROW(database->ExecuteScript(
                   "INSERT INTO household_counts (household_id, county_code, member_count, "
                   "labour_count) VALUES (7, 620923, 1, 1)"),
               store::StoreError);
  // The household moves county: its counts follow, and stay one row.
  database->ExecuteScript("UPDATE households SET county_code = 620923 WHERE id = 7");
  EXPECT_EQ(
      database->Query("SELECT county_code FROM household_counts WHERE household_id = 7")[0].Int(0),
      620923);
}

// Migration 13: on PostgreSQL every text column compares byte by byte, as SQLite's always did,
// whatever the database's own collation (the test cluster's is ICU zh-CN, which sorts Chinese
// by pinyin before Latin letters, "an" before "Bai"). Rows made before it keep their text;
// ORDER BY, MIN and MAX and a range over names follow the bytes; equality and LIKE were the
// same before. The statistics that the change of collation throws away are taken again.
TEST_P(DatabaseTest, TextComparesByteByByteAfterMigration13) {
  const TestDatabase old(GetParam(), TestDatabase::Schema::kEmpty);
  const std::unique_ptr<store::Database> database = OpenAfterRowsMadeBefore(
      old, 13,
      "INSERT INTO regions (code, level, parent_code, name, sort_key, county_code, updated_at) "
      "VALUES ('620902108200', 5, NULL, '张家村', 1, 620902, 't'), ('620902108201', 5, NULL, "
      "'李家村', 2, 620902, 't'), ('620902108202', 5, NULL, 'an', 3, 620902, 't'), "
      "('620902108203', 5, NULL, 'Bai', 4, 620902, 't'); "
      "INSERT INTO households (id, county_code, household_no, village_code, head_name, "
      "head_id_number, category, row_hash, created_at, updated_at) VALUES (7, 620902, 'H7', "
      "620902108200, '王平', '34052419800101001X', 'poverty', 1, 't', 't'), (8, 620902, 'H8', "
      "620902108200, 'Li', '34052419800101002X', 'general', 1, 't', 't'); "
      "ANALYZE households");
  std::vector<std::string> names;
  for (const store::RowView row : database->Query("SELECT name FROM regions ORDER BY name")) {
    names.push_back(std::string(row.Text(0)));
  }
  EXPECT_EQ(names, (std::vector<std::string>{"Bai", "an", "张家村", "李家村"}));
  const store::ResultSet extremes = database->Query("SELECT min(name), max(name) FROM regions");
  EXPECT_EQ(extremes[0].Text(0), "Bai");
  EXPECT_EQ(extremes[0].Text(1), "李家村");
  EXPECT_EQ(database->Query("SELECT count(*) FROM regions WHERE name > 'Z'")[0].Int(0), 3);
  EXPECT_EQ(database->Query("SELECT count(*) FROM regions WHERE name LIKE '张%'")[0].Int(0), 1);
  EXPECT_EQ(database->Query("SELECT head_name FROM households ORDER BY head_name")[0].Text(0),
            "Li");
  if (GetParam() != TestBackend::kPostgres) {
    return;  // SQLite's columns compare byte by byte, before and after
  }
  EXPECT_EQ(database
                ->Query("SELECT count(*) FROM pg_stats WHERE schemaname = current_schema() AND "
                        "tablename = 'households' AND attname IN ('head_name', 'category')")[0]
                .Int(0),
            2);
}

// No text column of the schema sorts by the database's collation, so that a new one cannot
// bring back what migration 13 took away: on PostgreSQL every one is COLLATE "C"; on SQLite
// none names a collation, so every one is BINARY (byte by byte). schema_migrations, the
// migrations' own table, is never sorted by its text.
TEST_P(DatabaseTest, EveryTextColumnComparesByteByByte) {
  std::vector<std::string> others;
  const std::string sql =
      GetParam() == TestBackend::kPostgres
          ? "SELECT c.relname || '.' || a.attname FROM pg_attribute a JOIN pg_class c ON c.oid = "
            "a.attrelid WHERE c.relnamespace = (SELECT oid FROM pg_namespace WHERE nspname = "
            "current_schema()) AND c.relkind IN ('r', 'p') AND a.attnum > 0 AND NOT "
            "a.attisdropped AND a.attcollation <> 0 AND a.attcollation <> "
            "'pg_catalog.\"C\"'::regcollation AND c.relname <> 'schema_migrations' ORDER BY 1"
          : "SELECT name FROM sqlite_master WHERE sql LIKE '%collate%' ORDER BY name";
  for (const store::RowView row : db().Query(sql)) {
    others.push_back(std::string(row.Text(0)));
  }
  EXPECT_EQ(others, std::vector<std::string>{});
}

TEST_P(DatabaseTest, LimitCacheGivesTheCacheBackWhenItEnds) {
  if (GetParam() == TestBackend::kPostgres) {
    EXPECT_EQ(db().LimitCache(std::size_t{8} << 20), nullptr);  // the server keeps the cache
    return;
  }
  const std::int64_t before = db().Query("PRAGMA cache_size")[0].Int(0);
  {
    const std::unique_ptr<store::ScopedSetting> limit = db().LimitCache(std::size_t{8} << 20);
    EXPECT_EQ(db().Query("PRAGMA cache_size")[0].Int(0), -8192);
  }
  EXPECT_EQ(db().Query("PRAGMA cache_size")[0].Int(0), before);
  EXPECT_NE(before, -8192);
}

TEST_P(DatabaseTest, IndexBuildSettingsEndWithTheirObject) {
  if (GetParam() == TestBackend::kPostgres) {
    EXPECT_EQ(db().TuneForIndexBuilds(), nullptr);
    return;
  }
  const std::int64_t cache = db().Query("PRAGMA cache_size")[0].Int(0);
  const std::int64_t threads = db().Query("PRAGMA threads")[0].Int(0);
  {
    const std::unique_ptr<store::ScopedSetting> tuning = db().TuneForIndexBuilds();
    EXPECT_EQ(db().Query("PRAGMA cache_size")[0].Int(0), -8192);
    EXPECT_GE(db().Query("PRAGMA threads")[0].Int(0), 1);
  }
  EXPECT_EQ(db().Query("PRAGMA cache_size")[0].Int(0), cache);
  EXPECT_EQ(db().Query("PRAGMA threads")[0].Int(0), threads);
}

TEST_P(DatabaseTest, TransactionRollsBackUnlessCommitted) {
  db().ExecuteScript("CREATE TABLE t (a INTEGER, b TEXT)");
  {
    store::Transaction transaction(db());
    db().Execute("INSERT INTO t (a, b) VALUES ($1, $2)", {1, "one"});
  }
  EXPECT_EQ(db().Query("SELECT count(*) FROM t")[0].Int(0), 0);
  try {
    store::Transaction transaction(db());
    db().Execute("INSERT INTO t (a, b) VALUES ($1, $2)", {2, "two"});
    throw std::runtime_error("a request fails midway");
  } catch (const std::runtime_error&) {
  }
  EXPECT_EQ(db().Query("SELECT count(*) FROM t")[0].Int(0), 0);
  {
    store::Transaction transaction(db());
    db().Execute("INSERT INTO t (a, b) VALUES ($1, $2)", {3, "three"});
    transaction.Commit();
  }
  EXPECT_EQ(db().Query("SELECT b FROM t WHERE a = $1", {3})[0].Text(0), "three");
  EXPECT_FALSE(db().InTransaction());
}

// A statement that fails inside a transaction, its error caught and the work carried on: on
// PostgreSQL the server has already given the whole transaction up, and answers COMMIT with
// ROLLBACK, not with an error. The commit must say so, not report success with nothing saved.
// SQLite undoes the failed statement alone and commits the rest.
TEST_P(DatabaseTest, CommitAfterAFailedStatementNeverReportsSuccessFalsely) {
  db().ExecuteScript("CREATE TABLE t (a INTEGER NOT NULL)");
  {
    store::Transaction transaction(db());
    db().Execute("INSERT INTO t (a) VALUES ($1)", {1});
    EXPECT_THROW(db().Execute("INSERT INTO t (a) VALUES ($1)", {store::Param()}),
                 store::StoreError);
    if (GetParam() == TestBackend::kPostgres) {
      try {
        transaction.Commit();
        FAIL() << "COMMIT of a transaction the server gave up reported success";
      } catch (const store::StoreError& error) {
        EXPECT_NE(std::string(error.what()).find("没有保存"), std::string::npos) << error.what();
      }
      EXPECT_EQ(db().Query("SELECT count(*) FROM t")[0].Int(0), 0);
    } else {
      transaction.Commit();
      EXPECT_EQ(db().Query("SELECT count(*) FROM t")[0].Int(0), 1);
    }
  }
  EXPECT_FALSE(db().InTransaction());
  // The connection goes on as usual.
  store::Transaction next(db());
  db().Execute("INSERT INTO t (a) VALUES ($1)", {2});
  next.Commit();
  EXPECT_EQ(db().Query("SELECT count(*) FROM t WHERE a = 2")[0].Int(0), 1);
}

// A bulk writer dropped without Finish gives its transaction up on both backends: PostgreSQL
// abandons the COPY, and SQLite, whose rows are in already, is made to refuse them all.
TEST_P(DatabaseTest, CommitAfterAnAbandonedBulkWriteNeverReportsSuccessFalsely) {
  db().ExecuteScript("CREATE TABLE t (a INTEGER NOT NULL)");
  store::Transaction transaction(db());
  db().Execute("INSERT INTO t (a) VALUES ($1)", {1});
  {
    auto writer = db().BulkInsert("t", {"a"});
    for (int a = 100; a < 20000; ++a) {
      writer->Append({a});
    }
  }

  try {
    transaction.Commit();
    FAIL() << "a transaction with an unfinished bulk write committed";
  } catch (const store::StoreError& error) {
    EXPECT_NE(std::string(error.what()).find("没有保存"), std::string::npos) << error.what();
  }
  EXPECT_FALSE(db().InTransaction());
  EXPECT_EQ(db().Query("SELECT count(*) FROM t")[0].Int(0), 0);
  // A finished writer in the next transaction commits as usual.
  store::Transaction next(db());
  auto writer = db().BulkInsert("t", {"a"});
  writer->Append({7});
  writer->Finish();
  writer.reset();
  next.Commit();
  EXPECT_EQ(db().Query("SELECT count(*) FROM t")[0].Int(0), 1);
}

// The same with a few rows, which on PostgreSQL never left the client: the commit refuses
// them all the same, and the row written before them with them.
TEST_P(DatabaseTest, CommitAfterASmallAbandonedBulkWriteNeverReportsSuccessFalsely) {
  db().ExecuteScript("CREATE TABLE t (a INTEGER NOT NULL)");
  store::Transaction transaction(db());
  db().Execute("INSERT INTO t (a) VALUES ($1)", {1});
  {
    auto writer = db().BulkInsert("t", {"a"});
    writer->Append({2});
    writer->Append({3});
  }
  EXPECT_THROW(transaction.Commit(), store::StoreError);
  EXPECT_FALSE(db().InTransaction());
  EXPECT_EQ(db().Query("SELECT count(*) FROM t")[0].Int(0), 0);
}

// A bulk writer dropped unfinished inside a savepoint that is then rolled back leaves the
// transaction to commit what it wrote outside it: the savepoint takes the writer's rows away
// (on PostgreSQL it also recovers the transaction from the abandoned COPY). Dropped inside a
// savepoint that is released instead, the writer spoils the whole transaction, as at the top.
// Rows of two sizes: a few that never leave the client on PostgreSQL, and enough to start a
// COPY.
TEST_P(DatabaseTest, AWriterDroppedInARolledBackSavepointSpoilsNothing) {
  db().ExecuteScript("CREATE TABLE t (a INTEGER NOT NULL, b TEXT NOT NULL)");
  for (const int rows : {2, 5000}) {
    SCOPED_TRACE(rows);
    db().ExecuteScript("DELETE FROM t");
    {
      store::Transaction transaction(db());
      db().Execute("INSERT INTO t (a, b) VALUES ($1, $2)", {1, "before"});
      {
        store::Savepoint savepoint(db());
        auto writer = db().BulkInsert("t", {"a", "b"});
        for (int row = 0; row < rows; ++row) {
          writer->Append({100 + row, std::string(40, 'x')});
        }
      }  // the writer, then the savepoint, dropped: rolled back to
      db().Execute("INSERT INTO t (a, b) VALUES ($1, $2)", {2, "after"});
      transaction.Commit();
    }
    EXPECT_EQ(db().Query("SELECT count(*), sum(a) FROM t")[0].Int(0), 2);
    EXPECT_EQ(db().Query("SELECT count(*), sum(a) FROM t")[0].Int(1), 3);

    // Released: nothing of the transaction is stored. On SQLite, and on PostgreSQL while the
    // rows had not left the client, the release hands the unfinished write to the transaction
    // and the commit refuses; on PostgreSQL once the COPY had started, the transaction is
    // aborted and the release itself fails (the savepoint is then rolled back, and the
    // transaction with it).
    db().ExecuteScript("DELETE FROM t");
    bool refused = false;
    {
      store::Transaction transaction(db());
      db().Execute("INSERT INTO t (a, b) VALUES ($1, $2)", {1, "before"});
      try {
        store::Savepoint savepoint(db());
        {
          auto writer = db().BulkInsert("t", {"a", "b"});
          for (int row = 0; row < rows; ++row) {
            writer->Append({100 + row, std::string(40, 'x')});
          }
        }
        savepoint.Release();
        transaction.Commit();
      } catch (const store::StoreError&) {
        refused = true;
      }
    }
    EXPECT_TRUE(refused);
    EXPECT_EQ(db().Query("SELECT count(*) FROM t")[0].Int(0), 0);
  }
}

// A writer that lives across a savepoint: rows appended before it and inside it, the savepoint
// rolled back with the writer's COPY still running on PostgreSQL, then the writer's last rows
// and Finish. What is committed is the rows outside the savepoint; the ones inside are gone.
TEST_P(DatabaseTest, AWriterThatOutlivesARolledBackSavepointKeepsItsRowsOutsideIt) {
  db().ExecuteScript("CREATE TABLE t (a INTEGER NOT NULL, b TEXT NOT NULL)");
  store::Transaction transaction(db());
  auto writer = db().BulkInsert("t", {"a", "b"});
  writer->Append({1, "before"});
  {
    store::Savepoint savepoint(db());
    for (int row = 0; row < 5000; ++row) {
      writer->Append({100 + row, std::string(40, 'x')});
    }
  }  // rolled back to
  // Inside another savepoint, a row the table refuses (b may not be NULL), still on its way
  // when the savepoint is rolled back (PostgreSQL; SQLite refuses it at once): the rollback
  // drops it unsent, where sending it first would fail and leave the transaction aborted.
  try {
    store::Savepoint savepoint(db());
    writer->Append({3, store::Param()});
  } catch (const store::StoreError&) {
    ASSERT_EQ(GetParam(), TestBackend::kSqlite);
  }
  writer->Append({2, "after"});
  writer->Finish();
  transaction.Commit();
  const auto stored = db().Query("SELECT count(*), sum(a) FROM t");
  EXPECT_EQ(stored[0].Int(0), 2);
  EXPECT_EQ(stored[0].Int(1), 3);

  // Rows appended outside the savepoint by a writer that is then dropped unfinished inside it
  // (moved there): the rollback of the savepoint does not take those rows away, so the
  // transaction may not commit them as if complete.
  db().ExecuteScript("DELETE FROM t");
  store::Transaction second(db());
  auto outside = db().BulkInsert("t", {"a", "b"});
  for (int row = 0; row < 5000; ++row) {
    outside->Append({100 + row, std::string(40, 'x')});
  }
  {
    store::Savepoint savepoint(db());
    const auto dropped_here = std::move(outside);
  }
  EXPECT_THROW(second.Commit(), store::StoreError);
  EXPECT_EQ(db().Query("SELECT count(*) FROM t")[0].Int(0), 0);
}

// Text that breaks naive SQL, COPY or CSV handling comes back exactly as it went in.
TEST_P(DatabaseTest, AwkwardTextRoundTripsThroughEveryPath) {
  db().ExecuteScript("CREATE TABLE t (id INTEGER, a TEXT, n INTEGER)");
  std::vector<std::string> texts = {"Robert'); DROP TABLE t;--",
                                    "tab\there",
                                    "line\nbreak\r\nboth",
                                    "back\\slash \\N",
                                    "引号\"和，逗号",
                                    std::string(5000, 'x') + "长",
                                    "",
                                    "$1 and ?2",
                                    "%_like_%"};
  // COPY text is scanned eight bytes at a time: a character to escape (or a control character
  // that only looks like one) at every place in and around the first two words, and between
  // Chinese characters, whose bytes are all 0x80 or above.
  for (const char special : {'\\', '\t', '\n', '\r', '\x0B', '\x01', '\x7F'}) {
    for (std::size_t place = 0; place < 18; ++place) {
      std::string text(18, 'a');
      text[place] = special;
      texts.push_back(text);
    }
    texts.push_back("汉族" + std::string(1, special) + "小学" + std::string(1, special));
  }
  for (std::size_t index = 0; index < texts.size(); ++index) {
    db().Execute("INSERT INTO t (id, a, n) VALUES ($1, $2, $3)",
                 {static_cast<int>(index), texts[index], store::Param()});
  }
  auto writer = db().BulkInsert("t", {"id", "a", "n"});
  for (std::size_t index = 0; index < texts.size(); ++index) {
    writer->Append({static_cast<int>(1000 + index), texts[index], static_cast<int>(index)});
  }
  writer->Finish();
  std::vector<std::vector<store::Param>> rows;
  for (std::size_t index = 0; index < texts.size(); ++index) {
    rows.push_back({static_cast<int>(2000 + index), texts[index], store::Param()});
  }
  EXPECT_EQ(db().InsertNew("t", {"id", "a", "n"}, 0, rows), std::vector<bool>(texts.size(), true));

  for (const int base : {0, 1000, 2000}) {
    for (std::size_t index = 0; index < texts.size(); ++index) {
      const auto found =
          db().Query("SELECT a, n FROM t WHERE id = $1", {base + static_cast<int>(index)});
      ASSERT_EQ(found.size(), 1U);
      EXPECT_EQ(found[0].Text(0), texts[index]) << "base " << base;
      EXPECT_EQ(found[0].IsNull(1), base != 1000);
    }
  }
  EXPECT_EQ(db().Query("SELECT count(*) FROM t")[0].Int(0),
            static_cast<std::int64_t>(3 * texts.size()));
}

TEST_P(DatabaseTest, InsertNewSkipsRowsThatBreakAUniqueKey) {
  db().ExecuteScript(
      "CREATE TABLE t (id INTEGER, k TEXT NOT NULL, v TEXT); CREATE UNIQUE INDEX t_k ON t (k)");
  db().Execute("INSERT INTO t (id, k, v) VALUES (1, 'a', 'stored')");
  const std::vector<std::vector<store::Param>> rows = {
      {2, "b", "new"}, {3, "a", "collides"}, {4, "c", "new"}, {5, "b", "collides in batch"}};
  EXPECT_EQ(db().InsertNew("t", {"id", "k", "v"}, 1, rows),
            (std::vector<bool>{true, false, true, false}));
  EXPECT_EQ(db().Query("SELECT v FROM t WHERE k = 'a'")[0].Text(0), "stored");
  EXPECT_EQ(db().Query("SELECT v FROM t WHERE k = 'b'")[0].Text(0), "new");
  EXPECT_EQ(db().Query("SELECT count(*) FROM t")[0].Int(0), 3);
}

// A lookup between the rows of a bulk write (a first load checking a repeated key) sees the
// rows appended before it, and the write goes on after it. On PostgreSQL the rows travel in
// messages of 64 KB, so a COPY is in progress when the lookup comes: it is ended first.
TEST_P(DatabaseTest, StatementsRunBetweenTheRowsOfABulkWrite) {
  db().ExecuteScript("CREATE TABLE t (id INTEGER, v TEXT)");
  const std::string text(100, 'x');
  store::Transaction transaction(db());
  auto writer = db().BulkInsert("t", {"id", "v"});
  for (int id = 0; id < 2000; ++id) {
    writer->Append({id, text});
  }
  EXPECT_EQ(db().Query("SELECT count(*) FROM t")[0].Int(0), 2000);
  for (int id = 2000; id < 3000; ++id) {
    writer->Append({id, text});
  }
  std::int64_t streamed = 0;
  db().ForEachRow("SELECT count(*) FROM t", std::vector<store::Param>{},
                  [&](const store::RowView& row) { streamed = row.Int(0); });
  EXPECT_EQ(streamed, 3000);
  for (int id = 3000; id < 4000; ++id) {
    writer->Append({id, text});
  }
  writer->Finish();
  transaction.Commit();
  const auto counts = db().Query("SELECT count(*), count(DISTINCT id) FROM t");
  EXPECT_EQ(counts[0].Int(0), 4000);
  EXPECT_EQ(counts[0].Int(1), 4000);
}

// A rollback while rows are on their way, one of them a row the table refuses, stores none
// of them, does not fail, and leaves the connection usable: the COPY is abandoned, not ended.
TEST_P(DatabaseTest, RollbackInTheMiddleOfABulkWriteStoresNothing) {
  db().ExecuteScript("CREATE TABLE t (id INTEGER NOT NULL, v TEXT)");
  const std::string text(100, 'x');
  auto writer = db().BulkInsert("t", {"id", "v"});
  db().Begin();
  for (int id = 0; id < 2000; ++id) {
    writer->Append({id, text});
  }
  // SQLite's writer refuses the row at once; PostgreSQL's holds it until its COPY ends.
  if (GetParam() == TestBackend::kPostgres) {
    writer->Append({store::Param(), text});
  } else {
    EXPECT_THROW(writer->Append({store::Param(), text}), store::StoreError);
  }
  EXPECT_NO_THROW(db().Rollback());
  writer.reset();
  EXPECT_FALSE(db().InTransaction());
  EXPECT_EQ(db().Query("SELECT count(*) FROM t")[0].Int(0), 0);
}

TEST_P(DatabaseTest, ForEachRowStreamsInOrderAndLetsTheVisitorQuery) {
  db().ExecuteScript("CREATE TABLE t (id INTEGER, v TEXT)");
  auto writer = db().BulkInsert("t", {"id", "v"});
  for (int id = 0; id < 5000; ++id) {
    writer->Append({id, "v" + std::to_string(id)});
  }
  writer->Finish();
  int expected = 0;
  db().ForEachRow("SELECT id, v FROM t WHERE id >= $1 ORDER BY id", std::vector<store::Param>{0},
                  [&](const store::RowView& row) {
                    EXPECT_EQ(row.Int(0), expected);
                    EXPECT_EQ(row.Text(1), "v" + std::to_string(expected));
                    ++expected;
                  });
  EXPECT_EQ(expected, 5000);
}

TEST_P(DatabaseTest, ConstraintViolationIsReportedAsSuch) {
  db().ExecuteScript("CREATE TABLE t (k TEXT NOT NULL); CREATE UNIQUE INDEX t_k ON t (k)");
  db().Execute("INSERT INTO t (k) VALUES ('x')");
  try {
    db().Execute("INSERT INTO t (k) VALUES ('x')");
    FAIL() << "duplicate accepted";
  } catch (const store::StoreError& error) {
    EXPECT_EQ(error.kind(), store::StoreError::Kind::kConstraint);
  }
}

// QueryInChunks finds every key once, whatever its text (quotes, backslashes, commas, braces,
// spaces, the empty string, Chinese), across more keys than one statement takes, text keys and
// integer keys alike, and asks nothing for no key.
TEST_P(DatabaseTest, QueryInChunksFindsEveryKeyOnceWhateverItsText) {
  db().ExecuteScript("CREATE TABLE lookup_keys (number BIGINT NOT NULL, name TEXT NOT NULL)");
  std::vector<std::string> names = {"a\"b", "back\\slash", "comma,here", "{braces}", " spaced ",
                                    "",     "NULL",        "王建国",     "'quote'"};
  for (int index = 0; index < 5200; ++index) {
    names.push_back("户" + std::to_string(index));
  }
  for (std::size_t index = 0; index < names.size(); ++index) {
    db().Execute("INSERT INTO lookup_keys (number, name) VALUES ($1, $2)",
                 {static_cast<std::int64_t>(index), names[index]});
  }
  std::vector<store::Param> by_name(names.begin(), names.end());
  by_name.emplace_back("absent");
  std::map<std::string, int> found;
  store::QueryInChunks(db(), "SELECT name FROM lookup_keys WHERE name IN (", ")", by_name,
                       [&](const store::RowView& row) { ++found[row.Text(0)]; });
  ASSERT_EQ(found.size(), names.size());
  for (const std::string& name : names) {
    EXPECT_EQ(found[name], 1) << name;
  }

  std::vector<store::Param> by_number;
  for (std::int64_t number = 0; number < static_cast<std::int64_t>(names.size()); number += 2) {
    by_number.emplace_back(number);
  }
  std::int64_t count = 0;
  std::int64_t sum = 0;
  store::QueryInChunks(db(), "SELECT number FROM lookup_keys WHERE number IN (",
                       ") ORDER BY number", by_number, [&](const store::RowView& row) {
                         ++count;
                         sum += row.Int(0);
                       });
  EXPECT_EQ(count, static_cast<std::int64_t>(by_number.size()));
  std::int64_t expected = 0;
  for (const store::Param& number : by_number) {
    expected += number.as_int();
  }
  EXPECT_EQ(sum, expected);

  store::QueryInChunks(db(), "SELECT name FROM lookup_keys WHERE name IN (", ")", {},
                       [&](const store::RowView&) { ADD_FAILURE() << "no key, no row"; });
}

SHUANGLIAN_BACKEND_SUITE(DatabaseTest);

}  // namespace
}  // namespace shuanglian::testing
