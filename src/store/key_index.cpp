#include "store/key_index.h"

#include <functional>

namespace shuanglian::store {

std::uint64_t KeyIndex::Hash(std::string_view key) {
  const std::uint64_t hash = std::hash<std::string_view>{}(key);
  return hash == 0 ? 1 : hash;
}

// Any capacity, not only powers of two: the table grows by half, not double, so memory
// follows the key count closely.
std::size_t KeyIndex::Slot(std::uint64_t hash) const {
  return static_cast<std::size_t>(hash % hashes_.size());
}

std::vector<std::int64_t> KeyIndex::Candidates(std::string_view key) const {
  std::vector<std::int64_t> found;
  if (hashes_.empty()) {
    return found;
  }
  const std::uint64_t hash = Hash(key);
  for (std::size_t slot = Slot(hash); hashes_[slot] != 0; slot = (slot + 1) % hashes_.size()) {
    if (hashes_[slot] == hash) {
      found.push_back(ids_[slot]);
    }
  }
  return found;
}

void KeyIndex::Add(std::string_view key, std::int64_t id) {
  // At most 80% full, so a probe stays short and always reaches an empty slot.
  if ((size_ + 1) * 5 > hashes_.size() * 4) {
    Grow();
  }
  Place(Hash(key), id);
  ++size_;
}

void KeyIndex::Place(std::uint64_t hash, std::int64_t id) {
  std::size_t slot = Slot(hash);
  while (hashes_[slot] != 0) {
    slot = (slot + 1) % hashes_.size();
  }
  hashes_[slot] = hash;
  ids_[slot] = id;
}

void KeyIndex::Grow() {
  std::vector<std::uint64_t> hashes = std::move(hashes_);
  std::vector<std::int64_t> ids = std::move(ids_);
  const std::size_t capacity = hashes.empty() ? 1024 : hashes.size() + hashes.size() / 2;
  hashes_.assign(capacity, 0);
  ids_.assign(capacity, 0);
  for (std::size_t index = 0; index < hashes.size(); ++index) {
    if (hashes[index] != 0) {
      Place(hashes[index], ids[index]);
    }
  }
}

}  // namespace shuanglian::store
