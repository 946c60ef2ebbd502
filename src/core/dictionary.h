#pragma once

#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "core/text_index.h"

namespace shuanglian::core {

// One value of an enumeration (字典项): a stable code the program stores, the Chinese label
// people read, other spellings offices use, and attributes such as poor=1 or labour=1.
struct DictionaryItem {
  std::string code;
  std::string label;
  std::vector<std::string> aliases;
  std::map<std::string, std::string> attributes;
  int sort_order = 0;

  bool HasFlag(std::string_view name) const;
  std::string Attribute(std::string_view name) const;
};

// An enumeration loaded from data/<name>.csv into the dictionary tables. Lookups accept
// the code, the label or an alias, ignoring width, case and surrounding spaces.
class Dictionary {
 public:
  Dictionary() = default;
  Dictionary(std::string name, std::string title, std::vector<DictionaryItem> items);

  const std::string& name() const { return name_; }
  const std::string& title() const { return title_; }
  const std::vector<DictionaryItem>& items() const { return items_; }

  const DictionaryItem* Find(std::string_view text) const;
  // Find for a text already in CleanCell form (as RecordReader holds every cell): it is
  // only lower-cased, not cleaned again.
  const DictionaryItem* FindCleaned(std::string_view cleaned) const;
  const DictionaryItem* FindCode(std::string_view code) const;
  // The label for a code, or the code itself when unknown.
  std::string Label(std::string_view code) const;
  // "扶贫户、低保户、..." for messages that list what is allowed.
  std::string AllowedLabels(std::size_t most = 12) const;

 private:
  std::string name_;
  std::string title_;
  std::vector<DictionaryItem> items_;
  TextIndex by_key_;   // cleaned, lower-cased label, code or alias -> position in items_
  TextIndex by_code_;  // code -> position in items_
};

class DictionarySet {
 public:
  void Add(Dictionary dictionary);
  bool Has(std::string_view name) const;
  // A missing dictionary is a deployment error (data/ incomplete), not a user error.
  const Dictionary& Get(std::string_view name) const;
  // In the order of their names.
  const std::vector<Dictionary>& all() const { return dictionaries_; }

 private:
  std::vector<Dictionary> dictionaries_;
  // Name -> position in dictionaries_: every dictionary cell of an import asks (Get).
  TextIndex by_name_;
};

// The dictionaries the program refers to by name.
namespace dict {
inline constexpr std::string_view kHouseholdCategory = "household_category";
inline constexpr std::string_view kAssistanceType = "assistance_type";
inline constexpr std::string_view kIdentificationStandard = "identification_standard";
inline constexpr std::string_view kExitStatus = "exit_status";
inline constexpr std::string_view kPovertyCause = "poverty_cause";
inline constexpr std::string_view kRelation = "relation";
inline constexpr std::string_view kSex = "sex";
inline constexpr std::string_view kEthnicity = "ethnicity";
inline constexpr std::string_view kEducation = "education";
inline constexpr std::string_view kSchooling = "schooling";
inline constexpr std::string_view kHealth = "health";
inline constexpr std::string_view kLabourSkill = "labour_skill";
inline constexpr std::string_view kWorkLocation = "work_location";
inline constexpr std::string_view kYesNo = "yes_no";
inline constexpr std::string_view kFigure = "figure";
inline constexpr std::string_view kDifficulty = "difficulty";
}  // namespace dict

}  // namespace shuanglian::core
