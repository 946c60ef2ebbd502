#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "store/database.h"
#include "store/key_index.h"

namespace shuanglian::store {

// Every stored household's number, id, village and head, read in one pass: what a first
// load of members uses to find each member's household in memory, instead of asking the
// number index once per household (a million lookups took a fifth of such a load). About
// 90 bytes a household: the numbers as 64-bit hashes in a KeyIndex, the texts in one block.
class HouseholdDirectory {
 public:
  struct Household {
    std::size_t position = 0;  // 0 to size() - 1, in the order of the households' ids
    std::int64_t id = 0;
    std::int64_t village_code = 0;
    std::string_view head_id_number;  // valid while the directory lives
  };

  static HouseholdDirectory Load(Database& database);

  std::optional<Household> Find(std::string_view household_no) const;
  std::size_t size() const { return entries_.size(); }
  // The members the households say they have (家庭人口数), in all.
  std::int64_t declared_members() const { return declared_members_; }
  Household At(std::size_t position) const;

 private:
  struct Entry {
    std::int64_t id = 0;
    std::int64_t village_code = 0;
    std::uint32_t text = 0;  // where its number, then its head's ID number, start in text_
    std::uint16_t number_length = 0;
    std::uint16_t head_length = 0;
  };

  std::string_view Number(const Entry& entry) const {
    return std::string_view(text_).substr(entry.text, entry.number_length);
  }

  std::vector<Entry> entries_;
  std::string text_;
  KeyIndex numbers_;  // number hash -> position in entries_
  std::int64_t declared_members_ = 0;
};

}  // namespace shuanglian::store
