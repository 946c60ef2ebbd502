#pragma once

#include <cstdint>
#include <string_view>
#include <vector>

namespace shuanglian::store {

// The keys of a table held in memory as 64-bit hashes, each with the id of its row: what a
// first load uses instead of a unique index while that index is put aside. 16 bytes a key,
// so the 3.5 million ID numbers of a province take about 90 MB.
//
// A hash names candidates, not answers: two keys may share one, so the caller compares the
// stored key of each candidate row before calling a key taken.
class KeyIndex {
 public:
  // The ids of the rows whose key has the same hash as `key`: usually none, rarely more than
  // one.
  std::vector<std::int64_t> Candidates(std::string_view key) const;
  void Add(std::string_view key, std::int64_t id);
  std::size_t size() const { return size_; }

 private:
  static std::uint64_t Hash(std::string_view key);
  std::size_t Slot(std::uint64_t hash) const;
  // Into the first empty slot from the hash's own: there is always one.
  void Place(std::uint64_t hash, std::int64_t id);
  void Grow();

  // Open addressing with linear probing; hash 0 marks an empty slot.
  std::vector<std::uint64_t> hashes_;
  std::vector<std::int64_t> ids_;
  std::size_t size_ = 0;
};

}  // namespace shuanglian::store
