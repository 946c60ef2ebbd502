#pragma once

#include <gtest/gtest.h>
#include <signal.h>
#include <stdlib.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "support/process.h"

namespace shuanglian::testing {

// A PostgreSQL cluster of the test's own (scripts/pg-test-cluster), for a test that restarts
// its server: restarting the shared one would cut off the tests running beside it. Made in a
// new directory under /tmp itself, which the cluster's owner (not root) can reach.
class PrivateCluster {
 public:
  enum class Transport { kPlain, kTls };  // kTls: TLS connections only, the URL asks for it
  explicit PrivateCluster(Transport transport = Transport::kPlain) {
    directory_ = "/tmp/shuanglian-restart-XXXXXX";
    if (mkdtemp(directory_.data()) == nullptr) {
      ADD_FAILURE() << "mkdtemp failed";
      return;
    }
    ProcessOptions options;
    if (transport == Transport::kTls) {
      options.environment.emplace_back("PG_TEST_TLS", "1");
    }
    const ProcessResult started = RunProcess({Script(), "start", directory_}, options);
    EXPECT_EQ(started.exit_code, 0) << started.Describe();
    url_ = started.out.substr(0, started.out.find('\n'));
  }
  ~PrivateCluster() { RunProcess({Script(), "stop", directory_}); }
  PrivateCluster(const PrivateCluster&) = delete;
  PrivateCluster& operator=(const PrivateCluster&) = delete;

  // The test database's URL; empty when the cluster did not start.
  const std::string& url() const { return url_; }
  ProcessResult Restart() const { return RunProcess({Script(), "restart", directory_}); }

  // Every process of the cluster stopped (SIGSTOP) while the returned object lives, then let
  // go on: a database server that stops answering while its connections stay open, as a
  // frozen or swapping machine does. The kernel still accepts connections and data for it.
  class Frozen {
   public:
    explicit Frozen(std::vector<pid_t> processes) : processes_(std::move(processes)) {
      for (const pid_t process : processes_) {
        kill(process, SIGSTOP);
      }
    }
    ~Frozen() { Thaw(); }
    // Lets the processes go on now (once; the end of the object does nothing more).
    void Thaw() {
      for (const pid_t process : processes_) {
        kill(process, SIGCONT);
      }
      processes_.clear();
    }
    Frozen(const Frozen&) = delete;
    Frozen& operator=(const Frozen&) = delete;
    std::size_t count() const { return processes_.size(); }  // 0 once thawed

   private:
    std::vector<pid_t> processes_;
  };
  Frozen Freeze() const { return Frozen(Processes()); }

 private:
  // The postmaster (the first line of its pid file) and its children.
  std::vector<pid_t> Processes() const {
    std::ifstream pid_file(directory_ + "/data/postmaster.pid");
    pid_t postmaster = 0;
    pid_file >> postmaster;
    if (postmaster <= 0) {
      return {};
    }
    std::vector<pid_t> processes{postmaster};
    for (const auto& entry : std::filesystem::directory_iterator("/proc")) {
      std::ifstream stat(entry.path() / "stat");
      std::string line;
      if (!std::getline(stat, line)) {
        continue;
      }
      // pid (command) state ppid: the command may hold spaces, so read after its ')'.
      const auto close = line.rfind(')');
      if (close == std::string::npos) {
        continue;
      }
      std::istringstream rest(line.substr(close + 1));
      std::string state;
      pid_t parent = 0;
      rest >> state >> parent;
      if (parent == postmaster) {
        processes.push_back(static_cast<pid_t>(std::stol(entry.path().filename().string())));
      }
    }
    return processes;
  }

  static std::string Script() {
    return std::string(SHUANGLIAN_SOURCE_DIR) + "/scripts/pg-test-cluster";
  }
  std::string directory_;
  std::string url_;
};

}  // namespace shuanglian::testing
