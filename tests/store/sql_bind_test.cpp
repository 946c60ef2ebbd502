// Bind: a parameter appended while SQL is built piece by piece keeps its own copy of text.
// Conditions are built from values that die before the statement runs (a DataScope made for
// one expression, a prefix end computed on the spot); a parameter viewing them read garbage
// (the province's 五个百 progress listed no cadre at all).

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "store/sql_util.h"
#include "store/value.h"

namespace shuanglian::store {
namespace {

TEST(SqlBindTest, BoundTextOutlivesItsSource) {
  std::vector<Param> params;
  std::string placeholder;
  {
    std::string source = "620102001-a-region-code-longer-than-any-small-string-buffer";
    placeholder = Bind(params, source);
    source.replace(0, source.size(), source.size(), 'z');  // the same buffer, overwritten
  }
  EXPECT_EQ(placeholder, "$1");
  ASSERT_EQ(params.size(), 1u);
  ASSERT_TRUE(params[0].is_text());
  EXPECT_EQ(params[0].as_text(), "620102001-a-region-code-longer-than-any-small-string-buffer");
}

TEST(SqlBindTest, NumbersAndNullsKeepTheirTypeAndPlaceholdersCount) {
  std::vector<Param> params;
  EXPECT_EQ(Bind(params, 2026), "$1");
  EXPECT_EQ(Bind(params, Param()), "$2");
  EXPECT_EQ(Bind(params, std::string("62")), "$3");
  ASSERT_EQ(params.size(), 3u);
  EXPECT_TRUE(params[0].is_int());
  EXPECT_EQ(params[0].as_int(), 2026);
  EXPECT_TRUE(params[1].is_null());
  EXPECT_EQ(params[2].as_text(), "62");
}

}  // namespace
}  // namespace shuanglian::store
