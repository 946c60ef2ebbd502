#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace shuanglian::core {

// A set of short texts, each with a number, looked up many millions of times and changed
// rarely: a dictionary's spellings, the dictionaries' names. An import of 3.5 million members
// asks about 25 million times ("汉族", "小学", "健康"...). std::unordered_map took a tenth of the
// reading thread's time there: a division by a prime to find the bucket, a node to follow and a
// call to compare. Here the texts sit in one array probed from a power-of-two slot, found by a
// hash of whole 8-byte words. Lookups never write, so threads may share one.
class TextIndex {
 public:
  // Keeps the first number given for a text: false when it was there already.
  bool Add(std::string_view text, std::size_t number);
  std::optional<std::size_t> Find(std::string_view text) const;
  std::size_t size() const { return texts_.size(); }

  static std::uint64_t Hash(std::string_view text);

 private:
  struct Slot {
    std::uint64_t hash = 0;
    std::uint32_t entry = 0;  // 1 + the position in texts_; 0: empty
  };
  void Place(std::uint64_t hash, std::uint32_t entry);

  std::vector<std::string> texts_;
  std::vector<std::size_t> numbers_;
  std::vector<Slot> slots_;  // at most half full
};

}  // namespace shuanglian::core
