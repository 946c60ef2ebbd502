// The program runs on jemalloc (src/CMakeLists.txt): the import figures in bench/results
// depend on it, and a build that quietly fell back to glibc's allocator would still pass
// every other test.
#include <gtest/gtest.h>

#include "support/process.h"

namespace shuanglian::testing {
namespace {

TEST(CliAllocatorTest, TheProgramAllocatesWithJemalloc) {
  ProcessOptions options;
  // jemalloc reads MALLOC_CONF and, asked to, prints its statistics when the program ends;
  // glibc's allocator ignores the variable.
  options.environment = {{"MALLOC_CONF", "stats_print:true"}};
  const ProcessResult result = RunShuanglian({"--help"}, options);
  ASSERT_EQ(result.exit_code, 0) << result.Describe();
  EXPECT_NE(result.err.find("Begin jemalloc statistics"), std::string::npos)
      << result.Describe().substr(0, 2000);
}

}  // namespace
}  // namespace shuanglian::testing
