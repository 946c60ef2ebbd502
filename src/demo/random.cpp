#include "demo/random.h"

namespace shuanglian::demo {

namespace {

std::uint64_t SplitMix(std::uint64_t& x) {
  std::uint64_t z = (x += 0x9E3779B97F4A7C15ULL);
  z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
  z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
  return z ^ (z >> 31);
}

std::uint64_t Rotate(std::uint64_t x, int k) {
  return (x << k) | (x >> (64 - k));
}

}  // namespace

Random::Random(std::uint64_t seed) {
  for (std::uint64_t& word : state_) {
    word = SplitMix(seed);
  }
}

std::uint64_t Random::Next() {
  const std::uint64_t result = Rotate(state_[1] * 5, 7) * 9;
  const std::uint64_t t = state_[1] << 17;
  state_[2] ^= state_[0];
  state_[3] ^= state_[1];
  state_[1] ^= state_[2];
  state_[0] ^= state_[3];
  state_[2] ^= t;
  state_[3] = Rotate(state_[3], 45);
  return result;
}

std::int64_t Random::Below(std::int64_t bound) {
  // The modulo bias for bounds this small (< 2^32) is below 2^-32: nothing a demo notices.
  return static_cast<std::int64_t>(Next() % static_cast<std::uint64_t>(bound));
}

bool Random::Chance(double probability) {
  return static_cast<double>(Next() >> 11) * 0x1.0p-53 < probability;
}

std::size_t Random::Weighted(const std::vector<int>& weights) {
  std::int64_t total = 0;
  for (const int weight : weights) {
    total += weight;
  }
  std::int64_t pick = Below(total);
  for (std::size_t index = 0; index < weights.size(); ++index) {
    pick -= weights[index];
    if (pick < 0) {
      return index;
    }
  }
  return weights.size() - 1;
}

}  // namespace shuanglian::demo
