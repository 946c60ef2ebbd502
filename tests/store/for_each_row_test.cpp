// ForEachRow's visitor may not use the connection the rows stream on, on either backend
// (Database::ForEachRow). PostgreSQL streams in libpq's single-row mode: a statement run on
// the connection meanwhile discarded the rest of the stream without a word (the contact cards
// of 泉湖镇: 1 card of 5,304, exit 0). SQLite would have run it. Both now refuse it, loudly,
// before it touches the connection.
#include <gtest/gtest.h>

#include <functional>
#include <string>
#include <utility>
#include <vector>

#include "store/backend_fixture.h"

namespace shuanglian::testing {
namespace {

constexpr int kRows = 3000;

class ForEachRowTest : public BackendTest {
 protected:
  void SetUp() override {
    BackendTest::SetUp();
    if (IsSkipped() || HasFatalFailure()) {
      return;
    }
    db().ExecuteScript("CREATE TABLE t (id INTEGER NOT NULL, v TEXT NOT NULL)");
    auto writer = db().BulkInsert("t", {"id", "v"});
    for (int id = 0; id < kRows; ++id) {
      writer->Append({id, "v" + std::to_string(id)});
    }
    writer->Finish();
  }

  // Streams every row of t in id order, running `nested` for each; answers how many rows the
  // visitor saw.
  int Stream(const std::function<void()>& nested) {
    int visited = 0;
    db().ForEachRow("SELECT id, v FROM t ORDER BY id", std::vector<store::Param>{},
                    [&](const store::RowView& row) {
                      EXPECT_EQ(row.Int(0), visited);
                      ++visited;
                      nested();
                    });
    return visited;
  }

  std::int64_t Count(const std::string& where = "1 = 1") {
    return db().Query("SELECT count(*) FROM t WHERE " + where)[0].Int(0);
  }
};

// Every way of running a statement, tried from the visitor: each is refused with a message
// naming ForEachRow, the refusal ends the stream as the visitor's own exceptions do, nothing
// of the statement happened, and the connection serves the next statement.
TEST_P(ForEachRowTest, EveryStatementOnTheSameConnectionInsideTheVisitorIsRefused) {
  auto prepared = db().Prepare("UPDATE t SET v = 'prepared' WHERE id = $1");
  const std::vector<std::pair<std::string, std::function<void()>>> nested = {
      {"Query", [&] { db().Query("SELECT count(*) FROM t"); }},
      {"Execute", [&] { db().Execute("UPDATE t SET v = 'executed' WHERE id = 1"); }},
      {"ExecuteScript", [&] { db().ExecuteScript("UPDATE t SET v = 'script' WHERE id = 2"); }},
      {"ForEachRow",
       [&] {
         db().ForEachRow("SELECT 1", std::vector<store::Param>{}, [](const store::RowView&) {});
       }},
      {"Statement", [&] { prepared->Execute({3}); }},
      {"Begin", [&] { store::Transaction transaction(db()); }},
      {"BeginReadSnapshot", [&] { store::ReadSnapshot snapshot(db()); }},
      {"BulkInsert",
       [&] {
         auto writer = db().BulkInsert("t", {"id", "v"});
         writer->Append({-1, std::string("bulk")});
         writer->Finish();
       }},
      {"InsertNew",
       [&] {
         const std::vector<std::vector<store::Param>> rows = {{-2, std::string("new")}};
         db().InsertNew("t", {"id", "v"}, 0, rows);
       }},
  };
  for (const auto& [name, run] : nested) {
    int visited = 0;
    try {
      visited = Stream(run);
      ADD_FAILURE() << name << " ran on the connection while ForEachRow streamed (" << visited
                    << " rows seen)";
    } catch (const store::StoreError& error) {
      EXPECT_NE(std::string(error.what()).find("ForEachRow"), std::string::npos)
          << name << ": " << error.what();
    }
    EXPECT_FALSE(db().InTransaction()) << name;
    EXPECT_EQ(Count(), kRows) << name;
    EXPECT_EQ(Count("v NOT LIKE 'v%'"), 0) << name;
  }
  // The prepared statement and the connection work as before.
  prepared->Execute({3});
  EXPECT_EQ(Count("v = 'prepared'"), 1);
  EXPECT_EQ(Stream([] {}), kRows);
}

// Inside a transaction too: the refusal leaves the transaction as it was, and it commits.
TEST_P(ForEachRowTest, ARefusalInsideATransactionLeavesItUsable) {
  store::Transaction transaction(db());
  db().Execute("UPDATE t SET v = 'before' WHERE id = 0");
  EXPECT_THROW(Stream([&] { db().Execute("UPDATE t SET v = 'inside' WHERE id = 1"); }),
               store::StoreError);
  EXPECT_TRUE(db().InTransaction());
  db().Execute("UPDATE t SET v = 'after' WHERE id = 2");
  transaction.Commit();
  EXPECT_EQ(Count("v IN ('before', 'after')"), 2);
  EXPECT_EQ(Count("v = 'inside'"), 0);
}

// A visitor that catches the refusal still sees every row: the stream is never cut short.
TEST_P(ForEachRowTest, AVisitorThatCatchesTheRefusalStillSeesEveryRow) {
  int ran = 0;
  int refused = 0;
  const int visited = Stream([&] {
    try {
      db().Query("SELECT count(*) FROM t");
      ++ran;
    } catch (const store::StoreError&) {
      ++refused;
    }
  });
  EXPECT_EQ(visited, kRows);
  EXPECT_EQ(ran, 0);
  EXPECT_EQ(refused, kRows);
}

SHUANGLIAN_BACKEND_SUITE(ForEachRowTest);

}  // namespace
}  // namespace shuanglian::testing
