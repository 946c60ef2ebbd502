#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>

#include "store/database.h"

namespace shuanglian::api {

// Values read from the database, kept while it has not changed since (by
// Database::DataGeneration, which sees the server's own writes and those of any other
// connection or process on the same SQLite file). Where the backend cannot tell (PostgreSQL)
// or inside a transaction, every value is read afresh. The key must name everything the
// value depends on.
template <typename Value>
class GenerationCache {
 public:
  // `size_of` estimates what a kept value costs in memory; past `max_bytes` all are dropped.
  GenerationCache(std::size_t max_bytes, std::function<std::size_t(const Value&)> size_of)
      : max_bytes_(max_bytes), size_of_(std::move(size_of)) {}

  // The value under `key`, read by `read` when none is kept for the current generation.
  // Nothing read (a token that opens no session) is not kept: strangers cannot fill the cache.
  std::shared_ptr<const Value> Get(store::Database& database, const std::string& key,
                                   const std::function<std::optional<Value>()>& read) {
    // Asked before reading: whatever changes after this moment moves the generation on, so a
    // value that might have missed the change is never kept under the number asked here.
    const std::optional<std::uint64_t> generation = database.DataGeneration();
    if (generation) {
      std::lock_guard lock(mutex_);
      Advance(*generation);
      if (*generation == generation_) {
        if (const auto found = entries_.find(key); found != entries_.end()) {
          return found->second;
        }
      }
    }
    std::optional<Value> value = read();
    if (!value) {
      return nullptr;
    }
    auto kept = std::make_shared<const Value>(std::move(*value));
    if (!generation) {
      return kept;
    }
    const std::size_t size = key.size() + size_of_(*kept);
    std::lock_guard lock(mutex_);
    Advance(*generation);
    // A generation older than the newest seen is out of date already: not kept.
    if (*generation == generation_ && size <= max_bytes_ / 4) {
      if (bytes_ + size > max_bytes_) {
        Clear();  // simple and rare: a working set larger than the cache starts over
      }
      if (entries_.emplace(key, kept).second) {
        bytes_ += size;
      }
    }
    return kept;
  }

 private:
  // Generations never go back: a newer one makes every kept value stale.
  void Advance(std::uint64_t generation) {
    if (generation > generation_) {
      Clear();
      generation_ = generation;
    }
  }
  void Clear() {
    entries_.clear();
    bytes_ = 0;
  }

  std::mutex mutex_;
  std::unordered_map<std::string, std::shared_ptr<const Value>> entries_;
  std::uint64_t generation_ = 0;  // every kept value was read after asking for this one
  std::size_t bytes_ = 0;
  std::size_t max_bytes_;
  std::function<std::size_t(const Value&)> size_of_;
};

}  // namespace shuanglian::api
