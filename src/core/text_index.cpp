#include "core/text_index.h"

#include <cstring>
#include <stdexcept>

namespace shuanglian::core {

namespace {

constexpr std::uint64_t kMultiplier = 0x9E3779B97F4A7C15ULL;

std::uint64_t Load64(const char* bytes) {
  std::uint64_t word = 0;
  std::memcpy(&word, bytes, 8);
  return word;
}

std::uint32_t Load32(const char* bytes) {
  std::uint32_t word = 0;
  std::memcpy(&word, bytes, 4);
  return word;
}

// The last 1 to 7 bytes of a text as one word, read with fixed-size loads (a copy of a
// variable count is a call to memcpy): shorter than 4, its first, middle and last byte, which
// with the length tell the texts of 1 to 3 bytes apart.
std::uint64_t Tail(const char* bytes, std::size_t count) {
  if (count >= 4) {
    return (static_cast<std::uint64_t>(Load32(bytes)) << 32) | Load32(bytes + count - 4);
  }
  const auto byte = [&](std::size_t at) {
    return static_cast<std::uint64_t>(static_cast<unsigned char>(bytes[at]));
  };
  return (byte(0) << 16) | (byte(count / 2) << 8) | byte(count - 1);
}

std::uint64_t Mix(std::uint64_t state, std::uint64_t word) {
  state = (state ^ word) * kMultiplier;
  return state ^ (state >> 32);
}

}  // namespace

std::uint64_t TextIndex::Hash(std::string_view text) {
  std::uint64_t state = text.size() * kMultiplier;
  std::size_t offset = 0;
  for (; offset + 8 <= text.size(); offset += 8) {
    state = Mix(state, Load64(text.data() + offset));
  }
  if (offset < text.size()) {
    state = Mix(state, Tail(text.data() + offset, text.size() - offset));
  }
  return state;
}

bool TextIndex::Add(std::string_view text, std::size_t number) {
  if (Find(text)) {
    return false;
  }
  if (texts_.size() >= UINT32_MAX - 1) {
    throw std::length_error("TextIndex: too many texts");
  }
  texts_.emplace_back(text);
  numbers_.push_back(number);
  if (2 * texts_.size() > slots_.size()) {
    // Rebuilt at twice the size: texts are added once, at load time, and few.
    slots_.assign(slots_.empty() ? 16 : 2 * slots_.size(), Slot{});
    for (std::uint32_t entry = 1; entry <= texts_.size(); ++entry) {
      Place(Hash(texts_[entry - 1]), entry);
    }
  } else {
    Place(Hash(text), static_cast<std::uint32_t>(texts_.size()));
  }
  return true;
}

void TextIndex::Place(std::uint64_t hash, std::uint32_t entry) {
  const std::size_t mask = slots_.size() - 1;
  std::size_t slot = hash & mask;
  while (slots_[slot].entry != 0) {
    slot = (slot + 1) & mask;
  }
  slots_[slot] = Slot{hash, entry};
}

std::optional<std::size_t> TextIndex::Find(std::string_view text) const {
  if (slots_.empty()) {
    return std::nullopt;
  }
  const std::uint64_t hash = Hash(text);
  const std::size_t mask = slots_.size() - 1;
  for (std::size_t slot = hash & mask; slots_[slot].entry != 0; slot = (slot + 1) & mask) {
    const Slot& candidate = slots_[slot];
    if (candidate.hash == hash && texts_[candidate.entry - 1] == text) {
      return numbers_[candidate.entry - 1];
    }
  }
  return std::nullopt;
}

}  // namespace shuanglian::core
