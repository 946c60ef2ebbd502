#pragma once

#include <cstdint>
#include <utility>
#include <vector>

namespace shuanglian::demo {

// xoshiro256** seeded by splitmix64: the same numbers for the same seed on every machine and
// every standard library, which std::uniform_int_distribution does not promise.
class Random {
 public:
  explicit Random(std::uint64_t seed);

  std::uint64_t Next();
  // Uniform in [0, bound); bound > 0.
  std::int64_t Below(std::int64_t bound);
  // Uniform in [low, high].
  std::int64_t Between(std::int64_t low, std::int64_t high) { return low + Below(high - low + 1); }
  bool Chance(double probability);
  // An index drawn with the given weights.
  std::size_t Weighted(const std::vector<int>& weights);

  template <typename T>
  void Shuffle(std::vector<T>& items) {
    for (std::size_t index = items.size(); index > 1; --index) {
      std::swap(items[index - 1],
                items[static_cast<std::size_t>(Below(static_cast<std::int64_t>(index)))]);
    }
  }

 private:
  std::uint64_t state_[4];
};

}  // namespace shuanglian::demo
