#include "support/process.h"

#include <fcntl.h>
#include <poll.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <csignal>
#include <cstring>
#include <map>
#include <stdexcept>
#include <thread>

extern char** environ;

namespace shuanglian::testing {

namespace {

struct Pipe {
  int read = -1;
  int write = -1;
  Pipe() {
    int fds[2];
    if (pipe2(fds, O_CLOEXEC) != 0) {
      throw std::runtime_error(std::string("pipe2: ") + std::strerror(errno));
    }
    read = fds[0];
    write = fds[1];
  }
};

void CloseFd(int& fd) {
  if (fd >= 0) {
    close(fd);
    fd = -1;
  }
}

// The parent's environment with the options' variables set over it.
std::vector<std::string> BuildEnvironment(const ProcessOptions& options) {
  std::map<std::string, std::string> variables;
  for (char** entry = environ; entry != nullptr && *entry != nullptr; ++entry) {
    const std::string text(*entry);
    const auto equals = text.find('=');
    if (equals != std::string::npos) {
      variables[text.substr(0, equals)] = text.substr(equals + 1);
    }
  }
  for (const auto& [name, value] : options.environment) {
    variables[name] = value;
  }
  std::vector<std::string> out;
  for (const auto& [name, value] : variables) {
    out.push_back(name + "=" + value);
  }
  return out;
}

std::vector<char*> Pointers(std::vector<std::string>& texts) {
  std::vector<char*> pointers;
  for (std::string& text : texts) {
    pointers.push_back(text.data());
  }
  pointers.push_back(nullptr);
  return pointers;
}

}  // namespace

std::string ProcessResult::Describe() const {
  std::string text = signal != 0 ? "killed by signal " + std::to_string(signal)
                                 : "exit code " + std::to_string(exit_code);
  return text + "\n--- stdout ---\n" + out + "\n--- stderr ---\n" + err;
}

struct ChildProcess::State {
  pid_t pid = -1;
  bool reaped = false;
  int status = 0;
  std::thread pump;
  std::string out;
  std::string err;

  void Reap(bool block) {
    if (reaped) {
      return;
    }
    while (true) {
      const pid_t done = waitpid(pid, &status, block ? 0 : WNOHANG);
      if (done == pid) {
        reaped = true;
        return;
      }
      if (done == 0) {
        return;
      }
      if (errno != EINTR) {
        reaped = true;  // nothing to wait for
        return;
      }
    }
  }
};

ChildProcess::ChildProcess(const std::vector<std::string>& argv, const ProcessOptions& options)
    : state_(std::make_unique<State>()) {
  if (argv.empty()) {
    throw std::invalid_argument("ChildProcess: empty argv");
  }
  // A child that exits before reading all of its stdin must not kill the test with SIGPIPE.
  std::signal(SIGPIPE, SIG_IGN);
  // Everything the child needs is built before fork: after it, only async-signal-safe calls.
  std::vector<std::string> arguments = argv;
  std::vector<char*> argument_pointers = Pointers(arguments);
  std::vector<std::string> environment = BuildEnvironment(options);
  std::vector<char*> environment_pointers = Pointers(environment);
  const char* directory =
      options.working_directory.empty() ? nullptr : options.working_directory.c_str();

  Pipe in;
  Pipe out;
  Pipe err;
  const pid_t pid = fork();
  if (pid < 0) {
    throw std::runtime_error(std::string("fork: ") + std::strerror(errno));
  }
  if (pid == 0) {
    signal(SIGPIPE, SIG_DFL);  // the parent ignores it; the program gets the default back
    dup2(in.read, STDIN_FILENO);
    dup2(out.write, STDOUT_FILENO);
    dup2(err.write, STDERR_FILENO);
    if (directory != nullptr && chdir(directory) != 0) {
      _exit(126);
    }
    execve(argument_pointers[0], argument_pointers.data(), environment_pointers.data());
    const char message[] = "execve failed\n";
    [[maybe_unused]] const auto written = write(STDERR_FILENO, message, sizeof message - 1);
    _exit(127);
  }
  state_->pid = pid;
  CloseFd(in.read);
  CloseFd(out.write);
  CloseFd(err.write);

  // One thread feeds stdin and drains both outputs until the child closes them.
  state_->pump = std::thread([state = state_.get(), stdin_text = options.stdin_text,
                              in_fd = in.write, out_fd = out.read, err_fd = err.read]() mutable {
    std::size_t written = 0;
    if (stdin_text.empty()) {
      CloseFd(in_fd);
    } else {
      fcntl(in_fd, F_SETFL, fcntl(in_fd, F_GETFL) | O_NONBLOCK);
    }
    char buffer[65536];
    while (out_fd >= 0 || err_fd >= 0) {
      pollfd fds[3] = {{out_fd, POLLIN, 0}, {err_fd, POLLIN, 0}, {in_fd, POLLOUT, 0}};
      if (poll(fds, 3, -1) < 0) {
        if (errno == EINTR) {
          continue;
        }
        break;
      }
      for (int index = 0; index < 2; ++index) {
        int& fd = index == 0 ? out_fd : err_fd;
        if (fd >= 0 && (fds[index].revents & (POLLIN | POLLHUP | POLLERR)) != 0) {
          const ssize_t got = read(fd, buffer, sizeof buffer);
          if (got > 0) {
            (index == 0 ? state->out : state->err).append(buffer, static_cast<std::size_t>(got));
          } else if (got == 0 || errno != EINTR) {
            CloseFd(fd);
          }
        }
      }
      if (in_fd >= 0 && (fds[2].revents & (POLLOUT | POLLERR | POLLHUP)) != 0) {
        const ssize_t put = write(in_fd, stdin_text.data() + written, stdin_text.size() - written);
        if (put > 0) {
          written += static_cast<std::size_t>(put);
        }
        if (put < 0 && errno != EAGAIN && errno != EINTR) {
          CloseFd(in_fd);
        }
        if (written >= stdin_text.size()) {
          CloseFd(in_fd);
        }
      }
    }
    CloseFd(in_fd);
  });
}

ChildProcess::~ChildProcess() {
  if (!state_->reaped) {
    kill(state_->pid, SIGKILL);
    state_->Reap(true);
  }
  if (state_->pump.joinable()) {
    state_->pump.join();
  }
}

pid_t ChildProcess::pid() const {
  return state_->pid;
}

bool ChildProcess::Finished() {
  state_->Reap(false);
  return state_->reaped;
}

void ChildProcess::Kill(int signal) {
  if (!state_->reaped) {
    kill(state_->pid, signal);
  }
}

ProcessResult ChildProcess::Wait() {
  state_->Reap(true);
  if (state_->pump.joinable()) {
    state_->pump.join();
  }
  ProcessResult result;
  if (WIFEXITED(state_->status)) {
    result.exit_code = WEXITSTATUS(state_->status);
  } else if (WIFSIGNALED(state_->status)) {
    result.signal = WTERMSIG(state_->status);
  }
  result.out = state_->out;
  result.err = state_->err;
  return result;
}

ProcessResult RunProcess(const std::vector<std::string>& argv, const ProcessOptions& options) {
  ChildProcess child(argv, options);
  return child.Wait();
}

ProcessOptions ShuanglianOptions(ProcessOptions options) {
  options.environment.insert(options.environment.begin(), {"SHUANGLIAN_TODAY", kTestToday});
  return options;
}

}  // namespace shuanglian::testing
