#pragma once

#include <condition_variable>
#include <deque>
#include <mutex>
#include <optional>

namespace shuanglian::ingest {

// A queue between one producer and one consumer thread that holds at most `capacity`
// items, so a fast reader never runs far ahead of the database writer.
template <typename T>
class BoundedQueue {
 public:
  explicit BoundedQueue(std::size_t capacity) : capacity_(capacity) {}

  // Blocks while full. False when the queue was closed: the consumer has given up.
  bool Push(T item) {
    std::unique_lock lock(mutex_);
    not_full_.wait(lock, [&] { return items_.size() < capacity_ || closed_; });
    if (closed_) {
      return false;
    }
    PushBack(item);
    return true;
  }

  // Blocks while empty. Nothing once the queue is closed and drained.
  std::optional<T> Pop() {
    std::unique_lock lock(mutex_);
    not_empty_.wait(lock, [&] { return !items_.empty() || closed_; });
    return TakeFront();
  }

  // Without waiting: false when the queue is full or closed (the item stays with the caller).
  bool TryPush(T& item) {
    std::lock_guard lock(mutex_);
    if (closed_ || items_.size() >= capacity_) {
      return false;
    }
    PushBack(item);
    return true;
  }

  // Without waiting: nothing when the queue is empty.
  std::optional<T> TryPop() {
    std::lock_guard lock(mutex_);
    return TakeFront();
  }

  void Close() {
    std::lock_guard lock(mutex_);
    closed_ = true;
    not_full_.notify_all();
    not_empty_.notify_all();
  }

 private:
  // Both with the lock held.
  void PushBack(T& item) {
    items_.push_back(std::move(item));
    not_empty_.notify_one();
  }
  std::optional<T> TakeFront() {
    if (items_.empty()) {
      return std::nullopt;
    }
    T item = std::move(items_.front());
    items_.pop_front();
    not_full_.notify_one();
    return item;
  }

  std::mutex mutex_;
  std::condition_variable not_full_;
  std::condition_variable not_empty_;
  std::deque<T> items_;
  std::size_t capacity_;
  bool closed_ = false;
};

}  // namespace shuanglian::ingest
