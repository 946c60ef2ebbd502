#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <string>
#include <thread>

#include "store/database.h"

namespace shuanglian::testing {

// PostgreSQL: how many sessions of `monitor`'s database, itself aside, wait for a lock, in a
// statement that begins with `statement` (any, when empty). Each query outside a transaction
// sees the server's list of sessions anew.
inline std::int64_t SessionsWaitingForALock(store::Database& monitor,
                                            const std::string& statement = "") {
  return monitor
      .Query(
          "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND "
          "wait_event_type = 'Lock' AND pid <> pg_backend_pid() AND query LIKE $1",
          {statement + "%"})[0]
      .Int(0);
}

// A race test holds one writer at the statement where it races another, then lets the first
// go: polls until `wanted()` sessions wait for a lock, or `done()` says the writers finished
// without needing to. False when neither happened within 60 s.
inline bool AwaitSessionsWaitingForALock(store::Database& monitor,
                                         const std::function<std::int64_t()>& wanted,
                                         const std::function<bool()>& done) {
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(60);
  while (!done() && SessionsWaitingForALock(monitor) < wanted()) {
    if (std::chrono::steady_clock::now() > deadline) {
      return false;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(2));
  }
  return true;
}

}  // namespace shuanglian::testing
