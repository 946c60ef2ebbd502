#pragma once

#include <cstdint>
#include <span>
#include <string_view>
#include <vector>

namespace shuanglian::store {

// The keys of a table held in memory as 64-bit values, each with a number the caller chooses
// (the id or the file row of the key's row): what a first load uses instead of a unique index
// while that index is put aside. 16 bytes a key, so the 3.5 million ID numbers of a province
// take about 70 MB.
//
// A value is either a hash of a longer key, or the key itself when it fits in 64 bits (the
// digits of an ID number, core::IdNumberDigits), never 0. A hash names candidates, not
// answers: two keys may share one, so the caller compares the stored key of each candidate
// row before calling a key taken. A key kept whole is its own answer.
class KeyIndex {
 public:
  // A key's hash, computed once by a caller that asks for candidates and then adds the key.
  static std::uint64_t Hash(std::string_view key);

  // The numbers added with the same value as `hash`: usually none, rarely more than one.
  std::vector<std::int64_t> Candidates(std::uint64_t hash) const;
  std::vector<std::int64_t> Candidates(std::string_view key) const { return Candidates(Hash(key)); }
  // Starts fetching the memory that the probe for the key `kPrefetchAhead` places after
  // `position` in `hashes` will read, if there is one. A table of millions of keys lives far
  // outside the CPU's caches: a caller going through a batch of keys asks ahead, and each
  // probe then finds its line there instead of waiting for it.
  void PrefetchAhead(std::span<const std::uint64_t> hashes, std::size_t position) const {
    if (position + kPrefetchAhead < hashes.size()) {
      Prefetch(hashes[position + kPrefetchAhead]);
    }
  }
  // The same for the keys of `hashes` in the order of `order` (positions in `hashes`), for
  // adding them.
  void PrefetchAhead(std::span<const std::uint64_t> hashes, std::span<const std::size_t> order,
                     std::size_t position) const {
    if (position + kPrefetchAhead < order.size()) {
      Prefetch(hashes[order[position + kPrefetchAhead]]);
    }
  }
  // Room for `keys` keys in all, made at once: a table grown step by step to millions of keys
  // moves every key several times, and touches three times the memory it ends with (in a first
  // load of 3.5 million members, a tenth of the writing thread's time).
  void Reserve(std::size_t keys);
  void Add(std::uint64_t hash, std::int64_t id);
  void Add(std::string_view key, std::int64_t id) { Add(Hash(key), id); }
  std::size_t size() const { return size_; }

 private:
  // How far ahead to ask: enough to cover a trip to memory, few enough to stay cached.
  static constexpr std::size_t kPrefetchAhead = 8;

  // Hash and id side by side: a probe touches one cache line, not two.
  struct Entry {
    std::uint64_t hash = 0;  // 0: an empty slot
    std::int64_t id = 0;
  };

  std::size_t Slot(std::uint64_t hash) const;
  void Prefetch(std::uint64_t hash) const {
    if (!entries_.empty()) {
      __builtin_prefetch(&entries_[Slot(hash)], 1);  // for writing: an Add may follow
    }
  }
  std::size_t Next(std::size_t slot) const { return slot + 1 == entries_.size() ? 0 : slot + 1; }
  // Into the first empty slot from the hash's own: there is always one.
  void Place(Entry entry);
  void Grow();
  // Into a table of `capacity` slots, every key placed again.
  void Rebuild(std::size_t capacity);

  // Open addressing with linear probing.
  std::vector<Entry> entries_;
  std::size_t size_ = 0;
};

}  // namespace shuanglian::store
