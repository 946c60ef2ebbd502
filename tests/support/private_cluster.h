#pragma once

#include <gtest/gtest.h>
#include <stdlib.h>

#include <string>

#include "support/process.h"

namespace shuanglian::testing {

// A PostgreSQL cluster of the test's own (scripts/pg-test-cluster), for a test that restarts
// its server: restarting the shared one would cut off the tests running beside it. Made in a
// new directory under /tmp itself, which the cluster's owner (not root) can reach.
class PrivateCluster {
 public:
  PrivateCluster() {
    directory_ = "/tmp/shuanglian-restart-XXXXXX";
    if (mkdtemp(directory_.data()) == nullptr) {
      ADD_FAILURE() << "mkdtemp failed";
      return;
    }
    const ProcessResult started = RunProcess({Script(), "start", directory_});
    EXPECT_EQ(started.exit_code, 0) << started.Describe();
    url_ = started.out.substr(0, started.out.find('\n'));
  }
  ~PrivateCluster() { RunProcess({Script(), "stop", directory_}); }
  PrivateCluster(const PrivateCluster&) = delete;
  PrivateCluster& operator=(const PrivateCluster&) = delete;

  // The test database's URL; empty when the cluster did not start.
  const std::string& url() const { return url_; }
  ProcessResult Restart() const { return RunProcess({Script(), "restart", directory_}); }

 private:
  static std::string Script() {
    return std::string(SHUANGLIAN_SOURCE_DIR) + "/scripts/pg-test-cluster";
  }
  std::string directory_;
  std::string url_;
};

}  // namespace shuanglian::testing
