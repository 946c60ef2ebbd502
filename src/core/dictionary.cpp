#include "core/dictionary.h"

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
    by_code_.emplace(item.code, index);
    by_key_.emplace(Key(item.label), index);
    by_key_.emplace(Key(item.code), index);
  }
  for (std::size_t index = 0; index < items_.size(); ++index) {
    for (const std::string& alias : items_[index].aliases) {
      by_key_.emplace(Key(alias), index);
    }
  }
}

const DictionaryItem* Dictionary::Find(std::string_view text) const {
  std::string scratch;
  return FindCleaned(CleanCellView(text, scratch));
}

const DictionaryItem* Dictionary::FindCleaned(std::string_view cleaned) const {
  std::string scratch;
  const auto found = by_key_.find(LowerView(cleaned, scratch));
  return found == by_key_.end() ? nullptr : &items_[found->second];
}

const DictionaryItem* Dictionary::FindCode(std::string_view code) const {
  const auto found = by_code_.find(code);
  return found == by_code_.end() ? nullptr : &items_[found->second];
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
  std::string name = dictionary.name();
  dictionaries_.insert_or_assign(std::move(name), std::move(dictionary));
}

bool DictionarySet::Has(std::string_view name) const {
  return dictionaries_.find(name) != dictionaries_.end();
}

const Dictionary& DictionarySet::Get(std::string_view name) const {
  const auto found = dictionaries_.find(name);
  if (found == dictionaries_.end()) {
    throw std::runtime_error("字典 " + std::string(name) + " 未加载：data/ 目录不完整");
  }
  return found->second;
}

}  // namespace shuanglian::core
