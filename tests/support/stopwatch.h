#pragma once

#include <chrono>
#include <condition_variable>
#include <functional>
#include <mutex>
#include <thread>

namespace shuanglian::testing {

// Seconds since `start`, for tests that bound how long something took.
inline double SecondsSince(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

// Polls `condition` every 50 ms for up to `wait`: whether it came true.
inline bool Eventually(const std::function<bool()>& condition,
                       std::chrono::milliseconds wait = std::chrono::seconds(5)) {
  const auto deadline = std::chrono::steady_clock::now() + wait;
  while (!condition()) {
    if (std::chrono::steady_clock::now() >= deadline) {
      return false;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  return true;
}

// Runs `action` on a thread of its own once `limit` has passed, unless the object has ended
// first: for a test whose defect would be a wait without end (a frozen server, a lock held),
// so that the wait ends and the test fails on the time taken instead of hanging.
class Watchdog {
 public:
  Watchdog(std::chrono::milliseconds limit, std::function<void()> action)
      : thread_([this, limit, action = std::move(action)] {
          std::unique_lock lock(mutex_);
          if (!ended_.wait_for(lock, limit, [this] { return done_; })) {
            action();
          }
        }) {}
  ~Watchdog() {
    {
      const std::lock_guard lock(mutex_);
      done_ = true;
    }
    ended_.notify_all();
    thread_.join();
  }
  Watchdog(const Watchdog&) = delete;
  Watchdog& operator=(const Watchdog&) = delete;

 private:
  std::mutex mutex_;
  std::condition_variable ended_;
  bool done_ = false;
  std::thread thread_;  // last: it starts once the members it uses exist
};

}  // namespace shuanglian::testing
