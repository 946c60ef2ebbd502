#include "core/dictionary.h"

#include <algorithm>
#include <stdexcept>

#include "core/text.h"

namespace shuanglian::core {

namespace {

// Spellings are compared cleaned (CleanCell) and ASCII lower-case. This lower-cases a
// cleaned text: a view of it or, when it has upper-case letters, of `scratch`, so that a
// lookup copies nothing in the common case.
std::string_view LowerView(std::string_view cleaned, std::string& scratch) {
  if (!HasAsciiUpper(cleaned)) {
    return cleaned;
  }
  scratch = AsciiLower(cleaned);  // cleaned may view scratch: lower a copy first
  return scratch;
}

std::string Key(std::string_view text) {
  std::string scratch;
  return std::string(LowerView(CleanCellView(text, scratch), scratch));
}

}  // namespace

bool DictionaryItem::HasFlag(std::string_view name) const {
  const auto found = attributes.find(std::string(name));
  return found != attributes.end() && (found->second == "1" || found->second == "true");
}

std::string DictionaryItem::Attribute(std::string_view name) const {
  const auto found = attributes.find(std::string(name));
  return found == attributes.end() ? std::string() : found->second;
}

Dictionary::Dictionary(std::string name, std::string title, std::vector<DictionaryItem> items)
    : name_(std::move(name)), title_(std::move(title)), items_(std::move(items)) {
  // The first spelling wins, and every label and code goes in before any alias, so a label
  // is never shadowed by another item's alias.
  for (std::size_t index = 0; index < items_.size(); ++index) {
    const DictionaryItem& item = items_[index];
    by_code_.Add(item.code, index);
    by_key_.Add(Key(item.label), index);
    by_key_.Add(Key(item.code), index);
  }
  for (std::size_t index = 0; index < items_.size(); ++index) {
    for (const std::string& alias : items_[index].aliases) {
      by_key_.Add(Key(alias), index);
    }
  }
}

const DictionaryItem* Dictionary::Find(std::string_view text) const {
  std::string scratch;
  return FindCleaned(CleanCellView(text, scratch));
}

const DictionaryItem* Dictionary::FindCleaned(std::string_view cleaned) const {
  std::string scratch;
  const std::optional<std::size_t> found = by_key_.Find(LowerView(cleaned, scratch));
  return found ? &items_[*found] : nullptr;
}

const DictionaryItem* Dictionary::FindCode(std::string_view code) const {
  const std::optional<std::size_t> found = by_code_.Find(code);
  return found ? &items_[*found] : nullptr;
}

std::string Dictionary::Label(std::string_view code) const {
  const DictionaryItem* item = FindCode(code);
  return item ? item->label : std::string(code);
}

std::string Dictionary::AllowedLabels(std::size_t most) const {
  std::string out;
  for (std::size_t index = 0; index < items_.size() && index < most; ++index) {
    if (index > 0) {
      out += "、";
    }
    out += items_[index].label;
  }
  if (items_.size() > most) {
    out += " 等";
  }
  return out;
}

void DictionarySet::Add(Dictionary dictionary) {
  if (const std::optional<std::size_t> found = by_name_.Find(dictionary.name())) {
    dictionaries_[*found] = std::move(dictionary);  // loaded again: the newer one
    return;
  }
  const auto place = std::lower_bound(
      dictionaries_.begin(), dictionaries_.end(), dictionary.name(),
      [](const Dictionary& held, const std::string& name) { return held.name() < name; });
  dictionaries_.insert(place, std::move(dictionary));
  // Positions after the new one moved: indexed again (a few dozen names, once each).
  by_name_ = TextIndex();
  for (std::size_t index = 0; index < dictionaries_.size(); ++index) {
    by_name_.Add(dictionaries_[index].name(), index);
  }
}

bool DictionarySet::Has(std::string_view name) const {
  return by_name_.Find(name).has_value();
}

const Dictionary& DictionarySet::Get(std::string_view name) const {
  const std::optional<std::size_t> found = by_name_.Find(name);
  if (!found) {
    throw std::runtime_error("字典 " + std::string(name) + " 未加载：data/ 目录不完整");
  }
  return dictionaries_[*found];
}

}  // namespace shuanglian::core
