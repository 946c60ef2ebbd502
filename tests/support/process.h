#pragma once

#include <sys/types.h>

#include <csignal>
#include <memory>
#include <string>
#include <utility>
#include <vector>

namespace shuanglian::testing {

// How to run a child process: text for its stdin, variables added to (or replacing those
// of) the parent's environment, and a working directory.
struct ProcessOptions {
  std::string stdin_text;
  std::vector<std::pair<std::string, std::string>> environment;
  std::string working_directory;
};

// What a child left behind. `exit_code` is -1 when a signal ended it (then `signal` says
// which).
struct ProcessResult {
  int exit_code = -1;
  int signal = 0;
  std::string out;
  std::string err;

  // For failure messages: the exit status and both streams.
  std::string Describe() const;
};

// A child started with fork/exec, its stdout and stderr read into memory by a thread of
// its own so that the child never blocks on a full pipe. Killed and reaped by the
// destructor if still running.
class ChildProcess {
 public:
  ChildProcess(const std::vector<std::string>& argv, const ProcessOptions& options = {});
  ~ChildProcess();
  ChildProcess(const ChildProcess&) = delete;
  ChildProcess& operator=(const ChildProcess&) = delete;

  pid_t pid() const;
  // Has the child exited (it is reaped then)?
  bool Finished();
  void Kill(int signal = SIGKILL);
  // Waits for the end of the child and of its output.
  ProcessResult Wait();

 private:
  struct State;
  std::unique_ptr<State> state_;
};

// Runs a program to its end.
ProcessResult RunProcess(const std::vector<std::string>& argv, const ProcessOptions& options = {});

// The fixed day every child of the tests runs on, through SHUANGLIAN_TODAY.
inline constexpr const char* kTestToday = "2026-11-29";

// Options for the `shuanglian` binary: SHUANGLIAN_TODAY fixed, plus `options`.
ProcessOptions ShuanglianOptions(ProcessOptions options = {});

// The binary's path is a compile definition of the test programs, not of this helper's own
// translation unit (it may be built once into a library for every suite): what needs it is
// defined here, inline, in the test programs that include this header.
#ifdef SHUANGLIAN_BINARY

// The argv for the built `shuanglian` binary with `arguments`, for ChildProcess.
inline std::vector<std::string> ShuanglianCommand(const std::vector<std::string>& arguments) {
  std::vector<std::string> argv = {SHUANGLIAN_BINARY};
  argv.insert(argv.end(), arguments.begin(), arguments.end());
  return argv;
}

// Runs the built `shuanglian` binary with `arguments`, on the fixed day.
inline ProcessResult RunShuanglian(const std::vector<std::string>& arguments,
                                   ProcessOptions options = {}) {
  return RunProcess(ShuanglianCommand(arguments), ShuanglianOptions(std::move(options)));
}

#endif

}  // namespace shuanglian::testing
