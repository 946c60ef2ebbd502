// The Gansu region tree as the database file holds it after `regions import` (issue 2,
// item 2).

#include <gtest/gtest.h>
#include <sqlite3.h>

#include <string>

#include "cli/cli_test_support.h"
#include "cli/sample_registry.h"
#include "store/sqlite_probe.h"
#include "support/process.h"
#include "support/temp_dir.h"

namespace shuanglian::testing {
namespace {

TEST(StoreRegionsImportTest, GansuTreeIsWholeAndReimportKeepsOneRowPerCode) {
  TempDir dir;
  const std::string db = dir.File("regions.db");
  ASSERT_EQ(ImportGansu(db).exit_code, 0);
  const auto check = [&] {
    Connection connection = OpenReadOnly(db);
    EXPECT_EQ(QueryText(connection.get(),
                        "SELECT group_concat(level || ':' || n, ' ') FROM "
                        "(SELECT level, count(*) AS n FROM regions GROUP BY level ORDER BY level)"),
              "1:1 2:14 3:88 4:1403 5:17718");
    EXPECT_EQ(QueryInt(connection.get(), "SELECT count(*) - count(DISTINCT code) FROM regions"), 0);
    EXPECT_EQ(
        QueryInt(connection.get(),
                 "SELECT count(*) FROM regions r WHERE r.parent_code IS NOT NULL AND NOT EXISTS "
                 "(SELECT 1 FROM regions p WHERE p.code = r.parent_code)"),
        0);
  };
  check();
  ASSERT_EQ(ImportGansu(db).exit_code, 0);
  check();

  const std::string table = dir.File("rename.csv");
  WriteFileBytes(table, "code,name,parent_code\r\n620123105211,蔡家沟新村,620123105\r\n");
  ASSERT_EQ(RunShuanglian({"regions", "import", table, "--db", db}).exit_code, 0);
  Connection connection = OpenReadOnly(db);
  EXPECT_EQ(QueryText(connection.get(), "SELECT name FROM regions WHERE code = '620123105211'"),
            "蔡家沟新村");
  EXPECT_EQ(QueryInt(connection.get(), "SELECT count(*) FROM regions WHERE code = '620123105211'"),
            1);
}

}  // namespace
}  // namespace shuanglian::testing
