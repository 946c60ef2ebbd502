// The subprocess helper the command-line tests stand on (tests/support/process.h).

#include <gtest/gtest.h>

#include <chrono>
#include <csignal>
#include <filesystem>
#include <string>
#include <thread>

#include "support/process.h"
#include "support/temp_dir.h"

namespace shuanglian::testing {
namespace {

TEST(CliProcessHelperTest, CapturesBothStreamsAndTheExitCode) {
  const ProcessResult result = RunProcess({"/bin/sh", "-c", "echo out; echo err >&2; exit 7"});
  EXPECT_EQ(result.exit_code, 7);
  EXPECT_EQ(result.signal, 0);
  EXPECT_EQ(result.out, "out\n");
  EXPECT_EQ(result.err, "err\n");
}

TEST(CliProcessHelperTest, FeedsStdinAndDrainsLargeOutputs) {
  std::string text;
  while (text.size() < 1000000) {
    text += "一行文字 line\n";
  }
  const ProcessResult result =
      RunProcess({"/bin/sh", "-c", "cat; cat /dev/null >&2"}, {text, {}, ""});
  EXPECT_EQ(result.exit_code, 0);
  EXPECT_TRUE(result.out == text) << result.out.size() << " bytes";
}

TEST(CliProcessHelperTest, SetsEnvironmentAndWorkingDirectory) {
  TempDir dir;
  const ProcessResult result =
      RunProcess({"/bin/sh", "-c", "echo \"$SHUANGLIAN_X:$HOME_X\"; pwd"},
                 {"", {{"SHUANGLIAN_X", "甲"}, {"HOME_X", "b"}}, dir.path().string()});
  EXPECT_EQ(result.out, "甲:b\n" + std::filesystem::canonical(dir.path()).string() + "\n");
  // The binary's runs get the fixed day.
  const ProcessResult today =
      RunProcess({"/bin/sh", "-c", "echo $SHUANGLIAN_TODAY"}, ShuanglianOptions());
  EXPECT_EQ(today.out, std::string(kTestToday) + "\n");
}

TEST(CliProcessHelperTest, KillsAStartedChild) {
  ChildProcess child({"/bin/sleep", "30"});
  std::this_thread::sleep_for(std::chrono::milliseconds(20));
  EXPECT_FALSE(child.Finished());
  const auto start = std::chrono::steady_clock::now();
  child.Kill(SIGKILL);
  const ProcessResult result = child.Wait();
  EXPECT_EQ(result.signal, SIGKILL);
  EXPECT_EQ(result.exit_code, -1);
  EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::seconds(5));
}

TEST(CliProcessHelperTest, MissingProgramIsExit127) {
  const ProcessResult result = RunProcess({"/no/such/program"});
  EXPECT_EQ(result.exit_code, 127);
}

}  // namespace
}  // namespace shuanglian::testing
