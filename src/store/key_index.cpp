#include "store/key_index.h"

#include <sys/mman.h>

#include <cstdint>
#include <functional>
#include <stdexcept>

namespace shuanglian::store {

std::uint64_t KeyIndex::Hash(std::string_view key) {
  const std::uint64_t hash = std::hash<std::string_view>{}(key);
  return hash == 0 ? 1 : hash;
}

// Any capacity, not only powers of two: the table grows by half, not double, so memory
// follows the key count closely. The value is mixed first: a key kept whole has structure
// (ID numbers of one village share their first digits and differ in a few), and keys close
// together must not crowd into neighbouring slots.
std::size_t KeyIndex::Slot(std::uint64_t hash) const {
  std::uint64_t mixed = hash * 0x9E3779B97F4A7C15ULL;  // Fibonacci hashing's multiplier
  mixed ^= mixed >> 29;
  return static_cast<std::size_t>(mixed % entries_.size());
}

std::vector<std::int64_t> KeyIndex::Candidates(std::uint64_t hash) const {
  std::vector<std::int64_t> found;
  if (entries_.empty()) {
    return found;
  }
  for (std::size_t slot = Slot(hash); entries_[slot].hash != 0; slot = Next(slot)) {
    if (entries_[slot].hash == hash) {
      found.push_back(entries_[slot].id);
    }
  }
  return found;
}

void KeyIndex::Add(std::uint64_t hash, std::int64_t id) {
  if (hash == 0) {
    throw std::invalid_argument("KeyIndex: 0 marks an empty slot and is no key");
  }
  // At most 80% full, so a probe stays short and always reaches an empty slot.
  if ((size_ + 1) * 5 > entries_.size() * 4) {
    Grow();
  }
  Place(Entry{hash, id});
  ++size_;
}

void KeyIndex::Place(Entry entry) {
  std::size_t slot = Slot(entry.hash);
  while (entries_[slot].hash != 0) {
    slot = Next(slot);
  }
  entries_[slot] = entry;
}

namespace {

// Asks Linux to back the table with 2 MB pages where it can: probes land anywhere in tens of
// megabytes, and with 4 KB pages nearly every one also misses the address translation cache.
void PreferHugePages(void* start, std::size_t bytes) {
  constexpr std::uintptr_t kHugePage = std::uintptr_t{2} << 20;
  const auto begin = (reinterpret_cast<std::uintptr_t>(start) + kHugePage - 1) & ~(kHugePage - 1);
  const auto end = (reinterpret_cast<std::uintptr_t>(start) + bytes) & ~(kHugePage - 1);
  if (end > begin) {
    madvise(reinterpret_cast<void*>(begin), end - begin, MADV_HUGEPAGE);  // advice only
  }
}

}  // namespace

void KeyIndex::Reserve(std::size_t keys) {
  const std::size_t capacity = keys + keys / 4 + 1;  // `keys` keys leave it at most 80% full
  if (capacity > entries_.size()) {
    Rebuild(capacity);
  }
}

void KeyIndex::Grow() {
  Rebuild(entries_.empty() ? 1024 : entries_.size() + entries_.size() / 2);
}

void KeyIndex::Rebuild(std::size_t capacity) {
  std::vector<Entry> entries = std::move(entries_);
  entries_.reserve(capacity);
  PreferHugePages(entries_.data(), capacity * sizeof(Entry));
  entries_.assign(capacity, Entry{});
  for (const Entry& entry : entries) {
    if (entry.hash != 0) {
      Place(entry);
    }
  }
}

}  // namespace shuanglian::store
